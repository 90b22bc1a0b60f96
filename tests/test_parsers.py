"""Every parser on the real fixture files: same structure and text whatever the format."""

import json

import pytest

from conftest import FIXTURES
from lintcity.errors import InputError
from lintcity.parsers import parse_file
from lintcity.report.model_dump import heading_tree

FORMATS = ["md", "txt", "docx", "pdf"]


@pytest.fixture(scope="module")
def complete():
    return {fmt: parse_file(FIXTURES / f"complete.{fmt}") for fmt in FORMATS}


def _flat(nodes, depth=0):
    out = []
    for node in nodes:
        out.append((depth, node["title"]))
        out += _flat(node["children"], depth + 1)
    return out


def test_same_heading_tree_in_every_format(complete):
    trees = {fmt: _flat(heading_tree(doc)) for fmt, doc in complete.items()}
    assert len(trees["md"]) >= 30
    assert trees["md"][0] == (0, "一、总体要求")
    for fmt in FORMATS[1:]:
        assert trees[fmt] == trees["md"], fmt


def test_same_normalized_text_in_every_format(complete):
    texts = {fmt: "".join(b.norm for b in doc.blocks) for fmt, doc in complete.items()}
    for fmt in FORMATS[1:]:
        # the PDF font has no glyph for the middle dot
        assert texts[fmt].replace("·", "") == texts["md"].replace("·", ""), fmt


def test_same_title(complete):
    titles = {doc.title for doc in complete.values()}
    assert len(titles) == 1 and "江临市" in titles.pop()


def test_locations_are_format_specific(complete):
    first_para = {fmt: next(b for b in doc.blocks if b.kind == "paragraph") for fmt, doc in complete.items()}
    assert first_para["md"].location.line is not None
    assert first_para["txt"].location.line is not None
    assert first_para["docx"].location.paragraph is not None
    assert first_para["pdf"].location.page == 1 and first_para["pdf"].location.line is not None
    later = complete["pdf"].blocks[-1]
    assert later.location.page >= 20  # the complete plan fills 20+ pages


def test_tables_have_cells_with_locations(complete):
    for fmt, doc in complete.items():
        assert doc.tables, fmt
        header = [doc.blocks[i].norm for i in doc.tables[0].rows[0]]
        assert any("2027" in h for h in header) and any("2030" in h for h in header), (fmt, header)
    cell = complete["docx"].blocks[complete["docx"].tables[0].rows[1][1]]
    assert cell.location.table == 1 and cell.location.row == 2 and cell.location.column == 2


def test_pdf_running_heads_and_page_numbers_removed(complete):
    doc = complete["pdf"]
    texts = [b.norm for b in doc.blocks]
    assert not any(t.startswith("-") and t.endswith("-") and t.strip("- ").isdigit() for t in texts)
    title_count = sum(1 for t in texts if t == doc.title)
    assert title_count <= 1  # the running header repeated the title on every page


def test_pdf_sentence_location_follows_line_breaks(complete):
    doc = complete["pdf"]
    multi = next(b for b in doc.blocks if b.kind == "paragraph" and len(b.line_locations) >= 3)
    last = multi.sentences[-1]
    assert last.location.line >= multi.location.line or last.location.page > multi.location.page


def test_docx_headers_and_footers_are_not_body():
    doc = parse_file(FIXTURES / "complete.docx")
    assert not any(b.norm.startswith("-") and b.norm.endswith("-") for b in doc.blocks)
    assert sum(1 for b in doc.blocks if b.norm == doc.title) == 1


def test_traditional_and_gb18030_text_match_simplified():
    simple = parse_file(FIXTURES / "complete.txt")
    trad = parse_file(FIXTURES / "complete_traditional.txt")
    gb = parse_file(FIXTURES / "complete_gb18030.txt")
    assert [b.norm for b in gb.blocks] == [b.norm for b in simple.blocks]
    same = sum(a.norm == b.norm for a, b in zip(trad.blocks, simple.blocks))
    assert same / len(simple.blocks) > 0.95
    assert _flat(heading_tree(trad)) == _flat(heading_tree(simple))


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""),
                                           ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_txt_encodings(tmp_path, encoding, bom):
    path = tmp_path / "plan.txt"
    path.write_bytes(bom + "一、总体要求\n到2027年，一网通办率达到95%。\n".encode(encoding))
    doc = parse_file(path)
    assert doc.blocks[0].kind == "heading" and "95%" in doc.blocks[1].norm


def test_markdown_keeps_list_numbers(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("# 标题\n\n## 一、任务\n\n1. 建设城市大脑。\n2. 推进一网通办。\n", encoding="utf-8")
    doc = parse_file(path)
    assert [b.norm for b in doc.blocks if b.kind == "list_item"] == ["1.建设城市大脑。", "2.推进一网通办。"]


def test_docx_heading_styles_without_numbering(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("保障措施", level=1)
    d.add_paragraph("成立领导小组。")
    path = tmp_path / "styles.docx"
    d.save(str(path))
    doc = parse_file(path)
    assert doc.blocks[0].kind == "heading" and doc.blocks[1].heading_path == ("保障措施",)


def test_parse_json_cli(cli):
    code, out, _ = cli("parse", "--format", "json", str(FIXTURES / "complete.docx"))
    data = json.loads(out)
    assert code == 0 and data["format"] == "docx" and data["headings"][0]["title"] == "一、总体要求"


@pytest.mark.skipif(not (FIXTURES.parent.parent / "shared" / "real-docx").is_dir(), reason="no ../shared")
def test_real_world_docx_structure_from_numbering_only():
    folder = FIXTURES.parent.parent / "shared" / "real-docx"
    for path in sorted(folder.glob("*.docx"))[:6]:
        doc = parse_file(path)
        top = [b for b in doc.blocks if b.kind == "heading" and b.level == 1]
        assert top, path.name  # 一、… headings found although every paragraph is style Normal
        assert all(b.norm[0] in "一二三四五六七八九十第" for b in top), path.name


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "plan.pages"
    path.write_text("x")
    with pytest.raises(InputError) as err:
        parse_file(path)
    assert err.value.code == "IO002"


@pytest.mark.parametrize("line", ["- 3 -", "—12—", "第3页", "第 3 页 共 50 页", "3/50", "7", "Page 4 of 9"])
def test_page_number_forms(line):
    from lintcity.normalize import normalize_text
    from lintcity.parsers.pdf import _PAGE_NUMBER

    assert _PAGE_NUMBER.match(normalize_text(line))


def test_parser_plugin_from_entry_point(tmp_path):
    """A parser registered in the `lintcity.parsers` group handles its suffix."""
    import os
    import subprocess
    import sys
    import textwrap

    from conftest import ROOT

    site = tmp_path / "site"
    site.mkdir()
    (site / "csv_plan.py").write_text(textwrap.dedent("""\
        from lintcity.document import Location, RawBlock, build_document

        def parse(path, limits):
            lines = path.read_text(encoding="utf-8").splitlines()
            return build_document(str(path), "csv", [RawBlock(t, Location(line=n)) for n, t in enumerate(lines, 1)])
        """), encoding="utf-8")
    dist = site / "csv_plan-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: csv-plan\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[lintcity.parsers]\ncsv = csv_plan:parse\n")
    plan = tmp_path / "plan.csv"
    plan.write_text("一、总体要求\n到2027年，全域数字化转型取得明显成效。\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    out = subprocess.run([sys.executable, "-m", "lintcity", "parse", "--format", "json", str(plan)],
                         capture_output=True, text=True, env=env, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert '"format": "csv"' in out.stdout and "一、总体要求" in out.stdout
