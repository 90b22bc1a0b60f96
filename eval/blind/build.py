#!/usr/bin/env python
"""Render the office-file deliveries of the blind evaluation set.

Sources live in src/ (UTF-8 markup, see below); outputs go to corpus/.

Source markup (one block per line, blank lines separate paragraphs):
  % text        document title (centred)
  %% text       sub-title / document number (centred)
  # text        level-1 heading
  ## text       level-2 heading
  | a | b |     table row (a row of only dashes/bars is skipped)
  <<BR ... >>   (docx only) the enclosed lines become ONE paragraph joined by manual line breaks (w:br)
  anything else body paragraph

For the auto-numbered .docx files the heading text carries no number: "一、" and "（一）" are produced by
a multilevel list in numbering.xml (chineseCounting, "%1、" / "（%2）") attached to the headings via w:numPr.

Usage: python build.py
"""
import os
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Cm

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.enums import TA_CENTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer, Table, TableStyle

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
OUT = os.path.join(HERE, "corpus")

# (source file, output file, renderer, options)
JOBS = [
    ("b01-lanjiang-sheng-gongcheng-shishi-fangan.md", "b01-lanjiang-sheng-gongcheng-shishi-fangan.docx", "docx", {"autonum": False}),
    ("b02-landong-qu-shishi-yijian.md", "b02-landong-qu-shishi-yijian.docx", "docx", {"autonum": True}),
    ("b03-lanzhou-zhujianju-gongzuo-fangan.md", "b03-lanzhou-zhujianju-gongzuo-fangan.docx", "docx", {"autonum": True}),
    ("b04-qinglan-xian-xingdong-fangan.md", "b04-qinglan-xian-xingdong-fangan.pdf", "pdf", {}),
    ("b06-xingyuan-shi-quanyu-shuzihua-shishi-fangan.md", "b06-xingyuan-shi-quanyu-shuzihua-shishi-fangan.pdf", "pdf", {}),
    ("b13-luwan-shi-wenlv-ronghe-xingdong-fangan.md", "b13-luwan-shi-wenlv-ronghe-xingdong-fangan.docx", "docx", {"autonum": False}),
]
# plain-text deliveries re-encoded to GBK
GBK_JOBS = [
    ("b08-luwan-shi-shishi-fangan.utf8.txt", "b08-luwan-shi-shishi-fangan.txt"),
    ("b11-lanjiang-sheng-rengong-zhineng-xingdong-jihua.utf8.txt", "b11-lanjiang-sheng-rengong-zhineng-xingdong-jihua.txt"),
]


# ---------------------------------------------------------------- parsing
def parse(path):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        ln = lines[i].rstrip()
        if not ln.strip():
            i += 1
            continue
        if ln.startswith("<<BR"):
            buf = []
            i += 1
            while not lines[i].startswith(">>"):
                if lines[i].strip():
                    buf.append(lines[i].rstrip())
                i += 1
            blocks.append(("br", buf))
            i += 1
            continue
        if ln.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r"-+", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if ln.startswith("%% "):
            blocks.append(("subtitle", ln[3:]))
        elif ln.startswith("% "):
            blocks.append(("title", ln[2:]))
        elif ln.startswith("## "):
            blocks.append(("h2", ln[3:]))
        elif ln.startswith("# "):
            blocks.append(("h1", ln[2:]))
        else:
            blocks.append(("p", ln))
        i += 1
    return blocks


# ---------------------------------------------------------------- docx
NUM_ID = "90"
ABS_ID = "90"


def _el(tag, **attrs):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k), str(v))
    return e


def add_multilevel_list(doc):
    """Append an abstractNum (一、 / （一）) and a num to numbering.xml; return numId."""
    numbering = doc.part.numbering_part.element
    absn = _el("w:abstractNum", **{"w:abstractNumId": ABS_ID})
    absn.append(_el("w:multiLevelType", **{"w:val": "multilevel"}))
    for ilvl, text, indent in ((0, "%1、", 640), (1, "（%2）", 640)):
        lvl = _el("w:lvl", **{"w:ilvl": ilvl})
        lvl.append(_el("w:start", **{"w:val": 1}))
        lvl.append(_el("w:numFmt", **{"w:val": "chineseCounting"}))
        if ilvl == 1:
            lvl.append(_el("w:lvlRestart", **{"w:val": 1}))
        lvl.append(_el("w:suff", **{"w:val": "nothing"}))
        lvl.append(_el("w:lvlText", **{"w:val": text}))
        lvl.append(_el("w:lvlJc", **{"w:val": "left"}))
        ppr = _el("w:pPr")
        ppr.append(_el("w:ind", **{"w:left": 0, "w:firstLine": indent}))
        lvl.append(ppr)
        absn.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(absn)
    else:
        numbering.append(absn)
    num = _el("w:num", **{"w:numId": NUM_ID})
    num.append(_el("w:abstractNumId", **{"w:val": ABS_ID}))
    numbering.append(num)
    return NUM_ID


def set_numpr(paragraph, num_id, ilvl):
    ppr = paragraph._p.get_or_add_pPr()
    numpr = _el("w:numPr")
    numpr.append(_el("w:ilvl", **{"w:val": ilvl}))
    numpr.append(_el("w:numId", **{"w:val": num_id}))
    ppr.insert(0, numpr)


def style_run(run, font="仿宋_GB2312", size=16, bold=False):
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = font
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = _el("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), font)
    rfonts.set(qn("w:ascii"), font)
    rfonts.set(qn("w:hAnsi"), font)


def body_par(doc, text, indent=True, align=None, font="仿宋_GB2312", size=16, bold=False):
    p = doc.add_paragraph()
    pf = p.paragraph_format
    pf.line_spacing = Pt(28)
    pf.space_after = Pt(0)
    if indent:
        pf.first_line_indent = Pt(size * 2)
    if align is not None:
        p.alignment = align
    style_run(p.add_run(text), font=font, size=size, bold=bold)
    return p


def render_docx(src, dst, autonum):
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
    sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
    num_id = add_multilevel_list(doc) if autonum else None
    for kind, payload in parse(src):
        if kind == "title":
            body_par(doc, payload, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, font="方正小标宋简体", size=22)
        elif kind == "subtitle":
            body_par(doc, payload, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif kind in ("h1", "h2"):
            font = "黑体" if kind == "h1" else "楷体_GB2312"
            if autonum:
                p = body_par(doc, payload, indent=False, font=font)
                set_numpr(p, num_id, 0 if kind == "h1" else 1)
                p.paragraph_format.first_line_indent = Pt(32)
            else:
                centred = payload.startswith("第") and "章" in payload[:5]
                body_par(doc, payload, indent=not centred,
                         align=WD_ALIGN_PARAGRAPH.CENTER if centred else None, font=font)
        elif kind == "br":
            p = doc.add_paragraph()
            p.paragraph_format.line_spacing = Pt(28)
            p.paragraph_format.first_line_indent = Pt(32)
            for n, line in enumerate(payload):
                run = p.add_run(line)
                style_run(run)
                if n < len(payload) - 1:
                    run.add_break()
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    para = t.cell(r, c).paragraphs[0]
                    style_run(para.add_run(cell), size=12, bold=(r == 0))
        else:
            centred = bool(re.match(r"^(表\d|专栏\d)", payload))
            body_par(doc, payload, indent=not centred,
                     align=WD_ALIGN_PARAGRAPH.CENTER if centred else None,
                     font="黑体" if centred else "仿宋_GB2312")
    doc.save(dst)


# ---------------------------------------------------------------- pdf
FONT = "STSong-Light"


def render_pdf(src, dst):
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    blocks = parse(src)
    title = next(p for k, p in blocks if k == "title")
    base = dict(fontName=FONT, wordWrap="CJK")
    st_title = ParagraphStyle("t", fontSize=18, leading=28, alignment=TA_CENTER, spaceAfter=6, **base)
    st_sub = ParagraphStyle("s", fontSize=12, leading=20, alignment=TA_CENTER, spaceAfter=12, **base)
    st_h1 = ParagraphStyle("h1", fontSize=14, leading=24, spaceBefore=10, spaceAfter=4, **base)
    st_h2 = ParagraphStyle("h2", fontSize=12.5, leading=22, spaceBefore=6, spaceAfter=2, firstLineIndent=25, **base)
    st_p = ParagraphStyle("p", fontSize=12, leading=21, firstLineIndent=24, **base)
    st_cap = ParagraphStyle("cap", fontSize=12, leading=20, alignment=TA_CENTER, spaceBefore=6, spaceAfter=4, **base)
    st_cell = ParagraphStyle("cell", fontSize=10, leading=14, **base)
    st_cellc = ParagraphStyle("cellc", fontSize=10, leading=14, alignment=TA_CENTER, **base)

    story = []
    for kind, payload in blocks:
        if kind == "title":
            story.append(Paragraph(payload, st_title))
        elif kind == "subtitle":
            story.append(Paragraph(payload, st_sub))
        elif kind == "h1":
            story.append(Paragraph(payload, st_h1))
        elif kind == "h2":
            story.append(Paragraph(payload, st_h2))
        elif kind == "br":
            story.append(Paragraph("<br/>".join(payload), st_p))
        elif kind == "table":
            ncol = len(payload[0])
            # widest column is the indicator / task name
            name_col = max(range(ncol), key=lambda c: max(len(r[c]) for r in payload))
            total = A4[0] - 50 * mm
            other = min(22 * mm, total * 0.5 / max(ncol - 1, 1))
            widths = [other] * ncol
            widths[name_col] = total - other * (ncol - 1)
            data = [[Paragraph(cell, st_cell if c == name_col else st_cellc) for c, cell in enumerate(row)]
                    for row in payload]
            t = Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
            # borderless: no GRID / BOX / LINE commands at all, only padding and alignment
            t.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]))
            story.append(t)
            story.append(Spacer(1, 6))
        else:
            if re.match(r"^(表\d|专栏\d|附件\d)", payload):
                story.append(Paragraph(payload, st_cap))
            else:
                story.append(Paragraph(payload, st_p))

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, title)
        canvas.setFont(FONT, 11)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, "- %d -" % doc.page)
        canvas.restoreState()

    doc = SimpleDocTemplate(dst, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=25 * mm, bottomMargin=22 * mm, title=title)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


# ---------------------------------------------------------------- main
def main():
    os.makedirs(OUT, exist_ok=True)
    for src, dst, kind, opts in JOBS:
        s, d = os.path.join(SRC, src), os.path.join(OUT, dst)
        if kind == "docx":
            render_docx(s, d, **opts)
        else:
            render_pdf(s, d)
        print("built", dst)
    for src, dst in GBK_JOBS:
        text = open(os.path.join(SRC, src), encoding="utf-8").read()
        with open(os.path.join(OUT, dst), "wb") as f:
            f.write(text.encode("gbk"))
        print("built", dst, "(GBK)")


if __name__ == "__main__":
    main()
