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

FORMS = FIXTURES / "formats"
NEEDS_SOFFICE = {"complete.doc", "complete.wps", "complete.odt"}
HAVE_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
VARIANTS = ["complete_autonum.docx", "complete_linebreaks.docx", "complete.ofd",
            "complete.doc", "complete.wps", "complete.odt"]


def _flat(nodes, depth=0):
    out = []
    for node in nodes:
        out.append((depth, node["title"]))
        out += _flat(node["children"], depth + 1)
    return out


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
