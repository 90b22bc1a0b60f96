"""Same answers across formats: every office form of the complete plan gives what complete.md gives.

The forms are rendered by fixtures/build_office.py and committed. Each is read
once (a LibreOffice conversion takes seconds) and run through the same steps
as `runner.lint_file`: parse, analyze, checks.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from lintcity.analysis import analyze
from lintcity.checks.engine import Selection, run_checks
from lintcity.parsers import parse_file
from lintcity.report.model_dump import heading_tree
from test_parsers import _flat

FORMS = FIXTURES / "formats"
NEEDS_SOFFICE = {"complete.doc", "complete.wps", "complete.odt"}
HAVE_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
VARIANTS = ["complete_autonum.docx", "complete_linebreaks.docx", "complete.ofd",
            "complete.doc", "complete.wps", "complete.odt"]


def _answers(path: Path, pack) -> dict:
    doc = parse_file(path)
    analysis = analyze(doc, pack)
    diagnostics, coverage = run_checks(analysis, Selection())
    return {
        "doc": doc,
        "tree": _flat(heading_tree(doc)),
        "title": doc.title,
        "verdicts": {c.requirement_id: c.status for c in coverage},
        "findings": sorted((d.rule_id, d.fingerprint) for d in diagnostics),
        "targets": sorted((t.year, t.indicator, t.comparator, t.value, t.unit, t.source) for t in analysis.targets),
    }


@pytest.fixture(scope="module")
def reference(pack):
    return _answers(FIXTURES / "complete.md", pack)


@pytest.fixture(scope="module")
def answers(pack):
    cache: dict[str, dict] = {}

    def get(name: str) -> dict:
        if name not in cache:
            cache[name] = _answers(FORMS / name, pack)
        return cache[name]

    return get


@pytest.mark.parametrize("name", VARIANTS)
def test_same_tree_verdicts_and_targets_as_markdown(name, reference, answers):
    if name in NEEDS_SOFFICE and not HAVE_SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed: .doc/.wps/.odt cannot be converted")
    got = answers(name)
    assert len(reference["tree"]) >= 30 and reference["targets"]
    assert got["tree"] == reference["tree"]
    assert got["title"] == reference["title"]
    assert got["verdicts"] == reference["verdicts"]
    assert got["targets"] == reference["targets"]
    assert got["findings"] == reference["findings"]


def test_locations_name_the_place_in_each_format(answers):
    def first_paragraph(name):
        return next(b for b in answers(name)["doc"].blocks if b.kind == "paragraph")

    assert str(first_paragraph("complete_autonum.docx").location).startswith("段")
    ofd = answers("complete.ofd")["doc"]
    assert str(first_paragraph("complete.ofd").location).startswith("页1 行")
    assert ofd.blocks[-1].location.page >= 10
    cell = ofd.blocks[ofd.tables[0].rows[1][1]]
    assert (cell.location.table, cell.location.row, cell.location.column) == (1, 2, 2)
    broken = answers("complete_linebreaks.docx")["doc"]
    heads = [b for b in broken.blocks if b.kind == "heading"]
    # the parts are single Word paragraphs: headings inside them are located by paragraph and line
    assert all(b.location.paragraph is not None for b in heads)
    assert sum(b.location.line is not None and b.location.line > 1 for b in heads) >= 30


def test_folder_of_office_files_without_libreoffice(cli, tmp_path, monkeypatch):
    """Every suffix is found in a folder; without LibreOffice each converted form gets one install line."""
    for name in ("complete.doc", "complete.wps", "complete.odt", "complete.ofd"):
        shutil.copy(FORMS / name, tmp_path / name)
    monkeypatch.setenv("LINTCITY_SOFFICE", "")
    monkeypatch.setenv("LINTCITY_LANG", "zh")
    code, out, err = cli("check", "--format", "json", "--select", "ST", str(tmp_path))
    assert code == 2
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert set(files) == {"complete.doc", "complete.odt", "complete.ofd", "complete.wps"}
    assert files["complete.ofd"].get("error") is None and files["complete.ofd"]["format"] == "ofd"
    lines = err.strip().splitlines()
    assert len(lines) == 3
    for line in lines:
        assert "LibreOffice" in line and "apt install libreoffice-writer-nogui" in line
    assert {files[n]["error"]["rule_id"] for n in ("complete.doc", "complete.wps", "complete.odt")} == {"IO002"}


def _rtf(lines: list[str]) -> bytes:
    """An RTF file as Word writes Chinese text: \\uN? escapes, one \\par per paragraph."""
    def esc(text: str) -> str:
        return "".join(c if ord(c) < 128 else f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?" for c in text)

    body = "".join(f"{esc(line)}\\par\n" for line in lines)
    return ("{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\\f0\\fs24\n"
            + body + "}").encode("ascii")


RTF_PLAN = ["江临市城市数字化转型行动方案", "一、保障措施", "成立工作专班，统筹推进城市全域数字化转型。",
            "二、主要目标", "到2027年，政务服务事项网上可办率达到98%。"]


@pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_rtf_is_converted_and_read_like_docx(tmp_path):
    path = tmp_path / "plan.rtf"
    path.write_bytes(_rtf(RTF_PLAN))
    doc = parse_file(path)
    assert doc.format == "rtf" and doc.title == RTF_PLAN[0]
    assert [b.norm for b in doc.blocks if b.kind == "heading"] == ["一、保障措施", "二、主要目标"]
    target = next(b for b in doc.blocks if "98%" in b.text)
    assert target.heading_path == ("二、主要目标",) and str(target.location).startswith("段")
    assert path.read_bytes() == _rtf(RTF_PLAN)   # the input is never modified


def test_renamed_files_are_converted_as_what_they_are(tmp_path):
    """Offices rename: RTF saved as .doc, a .docx saved as .doc; WPS's .wps is a Word 97 file."""
    from lintcity.limits import Limits
    from lintcity.parsers.office import _content_kind

    rtf_as_doc = tmp_path / "a.doc"
    rtf_as_doc.write_bytes(_rtf(RTF_PLAN))
    assert _content_kind(rtf_as_doc, Limits()) == ".rtf"
    docx_as_doc = tmp_path / "b.doc"
    docx_as_doc.write_bytes((FORMS / "complete_autonum.docx").read_bytes())
    assert _content_kind(docx_as_doc, Limits()) == ".docx"
    assert _content_kind(FORMS / "complete.wps", Limits()) == ".doc"
    doc = parse_file(docx_as_doc)   # read directly, no LibreOffice needed
    assert doc.format == "doc" and doc.headings()


EVAL = FIXTURES.parent / "eval" / "corpus"


@pytest.mark.parametrize("stem", ["01-qinglan-province", "14-beicen-numeral-years"])
def test_eval_plans_in_word_give_their_markdown_answers(stem, pack):
    md, word = _answers(EVAL / f"{stem}.md", pack), _answers(EVAL / f"{stem}.docx", pack)
    assert word["tree"] == md["tree"] and word["verdicts"] == md["verdicts"] and word["targets"] == md["targets"]
