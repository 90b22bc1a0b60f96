"""The .docx reader on Word files as offices write them: every shown text, numbering, line breaks, comments."""

from __future__ import annotations

import json

import pytest

import wordml  # fixtures/wordml.py (conftest puts fixtures/ on the path)
from conftest import ROOT
from lintcity.parsers import parse_file
from wordml import p, run

TEXTBOX = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
           '<wps:wsp><wps:txbx><w:txbxContent>' + p("文本框：到2030年，数据要素市场全面建成。") +
           '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
           '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>' + p("文本框：到2030年，数据要素市场全面建成。") +
           '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')

BODY = "".join([
    p("江临市城市全域数字化转型实施方案", style="Title"),
    p("总体要求", style="1"),                                   # numbered by its style: 一、
    p("主要目标", style="2"),                                   # （一）
    p(inner='<w:ins w:id="1" w:author="a">' + run("到2027年，一网通办率达到95%。") + "</w:ins>"
          '<w:del w:id="2" w:author="a"><w:r><w:delText>删除的旧目标。</w:delText></w:r></w:del>'
          '<w:moveFrom w:id="3" w:author="a">' + run("移走的句子。") + "</w:moveFrom>"),
    p(inner='<w:moveTo w:id="4" w:author="a">' + run("移入的句子：城市大脑统一运维。") + "</w:moveTo>"),
    '<w:sdt><w:sdtPr><w:alias w:val="目标"/></w:sdtPr><w:sdtContent>'
    + p("内容控件：到2030年，政务服务事项网上可办率达到100%。") + "</w:sdtContent></w:sdt>",
    p("行内控件前，", inner='<w:sdt><w:sdtPr/><w:sdtContent>' + run("控件中的文字") + "</w:sdtContent></w:sdt>"
      + '<w:fldSimple w:instr=" DOCPROPERTY x "><w:r><w:t>字段结果</w:t></w:r></w:fldSimple>'
      + '<w:smartTag w:uri="u" w:element="place">' + run("智能标记") + "</w:smartTag>"
      + '<w:customXml w:element="x">' + run("自定义XML。") + "</w:customXml>"),
    p("正文带文本框。", inner=TEXTBOX),
    p("建设统一的数据底座", style="1"),                          # 二、
    p("推进一网统管", num=("2", 0)),                            # 1.
    p("推进一网通办", num=("2", 0)),                            # 2.
    p(inner='<w:commentRangeStart w:id="7"/>' + run("到2027年，城市运行一网统管。")
          + '<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>'
          + run("另有脚注。") + '<w:r><w:footnoteReference w:id="1"/></w:r>'),
    "<w:tbl><w:tr><w:tc>" + p("外表格") + "<w:tbl><w:tr><w:tc>" + p("内表格2027年") + "</w:tc><w:tc>"
    + p("内表格90%") + "</w:tc></w:tr></w:tbl></w:tc><w:tc>" + p("第二列") + "</w:tc></w:tr></w:tbl>",
    '<w:altChunk r:id="rIdChunk"/>',
    '<w:altChunk r:id="rIdRtf"/>',
    p("各位代表：\n现在报告工作。\n三、保障措施\n加强组织领导，落实责任分工。\n（一）强化资金保障\n安排专项资金。"),
])


@pytest.fixture(scope="module")
def office_docx(tmp_path_factory):
    folder = tmp_path_factory.mktemp("word")
    parts = {"footnotes.xml": wordml.footnotes({1: "脚注：数据来源为统计年鉴。"}),
             "comments.xml": wordml.comments({7: "lintcity: disable=TG101"}),
             "chunk.html": "<html><body><p>嵌入网页段落：建设城市信息模型平台。</p></body></html>",
             "chunk.rtf": b"{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0 SimSun;}}\\f0 RTF \\'c6\\'ac\\'b6\\'ce\\par}"}
    rels = [("rIdFn", "footnotes", "footnotes.xml"), ("rIdCm", "comments", "comments.xml"),
            ("rIdChunk", "aFChunk", "chunk.html"), ("rIdRtf", "aFChunk", "chunk.rtf")]
    path = wordml.write(folder / "office.docx", BODY, parts=parts, rels=rels, header="页眉：不应进入正文")
    return path, parse_file(path)


def test_every_shown_text_is_read_in_order_and_hidden_text_is_not(office_docx):
    _, doc = office_docx
    text = "\n".join(b.text for b in doc.blocks)
    order = ["到2027年，一网通办率达到95%", "移入的句子", "内容控件：到2030年", "行内控件前，控件中的文字字段结果智能标记自定义XML",
             "正文带文本框", "文本框：到2030年", "到2027年，城市运行一网统管", "脚注：数据来源", "外表格", "嵌入网页段落", "RTF 片段",
             "各位代表"]
    positions = [text.find(s) for s in order]
    assert all(pos >= 0 for pos in positions), list(zip(order, positions))
    assert positions == sorted(positions)
    for gone in ("删除的旧目标", "移走的句子", "页眉", "lintcity: disable", "fonttbl", "SimSun"):
        assert gone not in text
    assert text.count("文本框：到2030年") == 1   # the fallback copy of the text box is not read twice
    cell = next(b for b in doc.blocks if b.kind == "table_cell" and "外表格" in b.text)
    assert "内表格2027年 内表格90%" in cell.text   # the nested table stays in its cell


def test_word_numbering_is_rendered_into_headings(office_docx):
    _, doc = office_docx
    assert doc.title == "江临市城市全域数字化转型实施方案"
    heads = [(b.level, b.norm) for b in doc.blocks if b.kind == "heading"]
    assert heads[:3] == [(1, "一、总体要求"), (2, "（一）主要目标"), (1, "二、建设统一的数据底座")]
    items = [b.norm for b in doc.blocks if b.norm.startswith(("1.", "2."))]
    assert items[:2] == ["1.推进一网统管", "2.推进一网通办"]
    target = next(b for b in doc.blocks if "一网通办率" in b.text)
    assert target.heading_path == ("一、总体要求", "（一）主要目标")


def test_manual_line_breaks_give_sections_and_line_locations(office_docx):
    _, doc = office_docx
    safeguards = next(b for b in doc.blocks if b.norm == "三、保障措施")
    assert safeguards.kind == "heading" and safeguards.level == 1
    assert str(safeguards.location).endswith("行3")
    money = next(b for b in doc.blocks if "专项资金" in b.text)
    assert money.heading_path == ("三、保障措施", "（一）强化资金保障")
    assert str(money.location) == f"段{safeguards.location.paragraph} 行6"


def test_footnotes_and_comments(office_docx):
    _, doc = office_docx
    note = next(b for b in doc.blocks if "统计年鉴" in b.text)
    assert str(note.location) == "脚注1"
    (comment,) = doc.comments
    block = doc.blocks[comment.block_index]
    assert comment.text == "lintcity: disable=TG101" and comment.author == "审稿人"
    assert block.text[comment.start:comment.end] == "到2027年，城市运行一网统管。"


@pytest.mark.parametrize("variant", ["renamed-main", "strict", "docm", "dotx"])
def test_files_word_opens_are_not_refused(tmp_path, variant):
    kwargs: dict = {}
    suffix = ".docx"
    if variant == "renamed-main":
        kwargs["main"] = "doc/body.xml"
    elif variant == "strict":
        kwargs["strict"] = True
    elif variant == "docm":
        suffix = ".docm"
        kwargs["content_type"] = "application/vnd.ms-word.document.macroEnabled.main+xml"
    else:
        suffix = ".dotx"
        kwargs["content_type"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    body = p("保障措施", style="1") + p("成立城市数字化转型工作领导小组。")
    doc = parse_file(wordml.write(tmp_path / f"plan{suffix}", body, **kwargs))
    assert [b.norm for b in doc.blocks] == ["一、保障措施", "成立城市数字化转型工作领导小组。"]
    assert doc.blocks[1].heading_path == ("一、保障措施",)


def test_dtd_in_a_renamed_main_part_is_refused(tmp_path):
    path = wordml.write(tmp_path / "dtd.docx", p("正文"), main="doc/body.xml")
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["doc/body.xml"] = parts["doc/body.xml"].replace(b"<w:document", b'<!DOCTYPE x [<!ENTITY a "b">]><w:document', 1)
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    from lintcity.errors import InputError

    with pytest.raises(InputError) as err:
        parse_file(path)
    assert err.value.code == "IO004" and "DTD" in err.value.cause


def test_check_sees_targets_in_content_controls_and_parts_in_broken_paragraphs(office_docx, cli):
    path, _ = office_docx
    code, out, err = cli("check", "--format", "json", str(path))
    data = json.loads(out)
    report = data["files"][0] if "files" in data else data[0]
    years = {t["year"] for t in report["targets"]}
    assert {2027, 2030} <= years, (out[:500], err)
    # "三、保障措施" is a line inside a paragraph with manual line breaks: the part is found
    assert "ST101" not in {d["rule_id"] for d in report["diagnostics"]}


REAL = ROOT.parent / "shared" / "real-docx"
# Counted by hand from each report's text: 一、 part titles plus （一） titles standing on their own line
# (run-in titles that open a paragraph, "（一）聚焦科技引领，……。综合性……", are list items, not headings).
HAND_COUNTED = {"合肥": 3, "蚌埠": 16, "池州": 11, "防城港": 13}


@pytest.mark.skipif(not REAL.is_dir(), reason="no ../shared/real-docx")
def test_real_reports_with_manual_line_breaks_get_their_sections():
    for name, count in HAND_COUNTED.items():
        doc = parse_file(REAL / f"{name}.docx")
        heads = [b for b in doc.blocks if b.kind == "heading"]
        assert len(heads) == count, (name, [b.norm[:20] for b in heads])
        assert all(b.location.paragraph is not None for b in heads)
    chizhou = parse_file(REAL / "池州.docx")
    sub = next(b for b in chizhou.blocks if b.norm.startswith("（三）坚定不移推进科教兴市"))
    assert sub.heading_path == ("二、2023年工作安排", "（三）坚定不移推进科教兴市")
    assert sub.location.line is not None   # 段N 行M: the line inside the one long paragraph


@pytest.mark.parametrize("n, fmt, shown", [(1, "chineseCounting", "一"), (10, "chineseCounting", "十"),
                                           (11, "chineseCounting", "十一"), (20, "chineseCounting", "二十"),
                                           (105, "chineseCountingThousand", "一百零五"), (3, "decimalEnclosedCircle", "③"),
                                           (2, "ideographTraditional", "乙"), (12, "decimalFullWidth", "１２"),
                                           (4, "upperRoman", "IV"), (27, "lowerLetter", "aa")])
def test_word_number_formats(n, fmt, shown):
    from lintcity.parsers.docx_numbering import format_number

    assert format_number(n, fmt) == shown


def test_reading_a_plain_docx_imports_no_html_parser():
    # html.parser (with html.entities) is imported only for an HTML altChunk: a cold start without it
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from lintcity.parsers import parse_file; "
            f"parse_file(Path({str(ROOT / 'fixtures' / 'complete.docx')!r})); "
            "print(sorted(m for m in ('html.parser', 'html.entities') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
