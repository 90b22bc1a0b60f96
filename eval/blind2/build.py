#!/usr/bin/env python3
"""Render the sources in src/ into the delivered files in corpus/.

  src/x04-*.src.txt  -> corpus/x04-*.docx  real Word heading styles (Title, Heading 1, Heading 2);
                         "[专栏N …] … [/专栏]" becomes a one-cell bordered table (the 专栏 box),
                         "[表格] a|b|c … [/表格]" becomes a grid table.
  src/x07-*.src.txt  -> corpus/x07-*.docx  every chapter (block separated by a blank line) is ONE Word
                         paragraph; its lines are joined with manual line breaks (run.add_break());
                         the numbering 一、（一）1. is typed text, no heading styles, no list numbering.
  src/x03-*.utf8.txt -> corpus/x03-*.txt   re-encoded as GBK (no BOM).

Run with the system python3 (python-docx installed):  python3 build.py
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE / "corpus"


def _set_east_asian_font(doc, name="宋体"):
    style = doc.styles["Normal"]
    style.font.name = name
    style.font.size = Pt(12)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _box_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "8")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def build_styled(src: Path, dst: Path):
    doc = Document()
    _set_east_asian_font(doc)
    lines = src.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line:
            i += 1
            continue
        if line.startswith("TITLE: "):
            p = doc.add_heading(line[len("TITLE: "):], level=0)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line.startswith("### "):
            doc.add_heading(line[4:], level=3)
        elif line.startswith("## "):
            doc.add_heading(line[3:], level=2)
        elif line.startswith("# "):
            doc.add_heading(line[2:], level=1)
        elif line.startswith("[专栏"):
            title = line[1:-1] if line.endswith("]") else line[1:]
            body = []
            i += 1
            while lines[i].strip() != "[/专栏]":
                body.append(lines[i].strip())
                i += 1
            table = doc.add_table(rows=1, cols=1)
            _box_borders(table)
            cell = table.rows[0].cells[0]
            head = cell.paragraphs[0]
            head.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = head.add_run(title)
            run.bold = True
            for b in body:
                cell.add_paragraph(b)
            doc.add_paragraph()
        elif line.strip() == "[表格]":
            rows = []
            i += 1
            while lines[i].strip() != "[/表格]":
                rows.append(lines[i].strip().split("|"))
                i += 1
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            _box_borders(table)
            for r, row in enumerate(rows):
                for c, val in enumerate(row):
                    table.cell(r, c).text = val
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        else:
            p = doc.add_paragraph(line)
            p.paragraph_format.first_line_indent = Pt(24)
        i += 1
    doc.save(dst)


def build_one_paragraph_per_chapter(src: Path, dst: Path):
    doc = Document()
    _set_east_asian_font(doc)
    blocks = [b.strip("\n") for b in src.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    for n, block in enumerate(blocks):
        p = doc.add_paragraph()
        if n == 0:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for k, line in enumerate(block.splitlines()):
            run = p.add_run(line)
            if n == 0:
                run.bold = True
            if k < len(block.splitlines()) - 1:
                run.add_break()
    doc.save(dst)


def main():
    OUT.mkdir(exist_ok=True)
    for src in sorted(SRC.glob("x04-*.src.txt")):
        dst = OUT / (src.name[: -len(".src.txt")] + ".docx")
        build_styled(src, dst)
        print("wrote", dst.name)
    for src in sorted(SRC.glob("x07-*.src.txt")):
        dst = OUT / (src.name[: -len(".src.txt")] + ".docx")
        build_one_paragraph_per_chapter(src, dst)
        print("wrote", dst.name)
    for src in sorted(SRC.glob("x03-*.utf8.txt")):
        dst = OUT / (src.name[: -len(".utf8.txt")] + ".txt")
        dst.write_bytes(src.read_text(encoding="utf-8").encode("gbk"))
        print("wrote", dst.name)


if __name__ == "__main__":
    main()
