"""`lintcity report`: the plan × requirement matrix in every format, on fixtures and labelled plans.

The plans are linted once (module scope); the formats are rendered from that one
matrix, and a few real CLI runs check the wiring (suffix → format, errors, exit codes).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from browser import chromium_path, offline_page
from conftest import FIXTURES, ROOT

EXPECTED = yaml.safe_load((FIXTURES / "src" / "expected.yaml").read_text(encoding="utf-8"))
EXACT = ("complete", "partial", "unrelated")  # fixtures whose every status is asserted in test_accuracy
# Labelled plans in four formats; the matrix must agree with their answer keys as the linter does (≥ 0.9).
CORPUS = ("01-qinglan-province.docx", "02-jianglin-action-plan.pdf", "12-qinghe-county-txt.txt",
          "07-tongjiang-synonyms.md")


@pytest.fixture(scope="module")
def paths():
    return [FIXTURES / f"{stem}.docx" for stem in EXACT] + [FIXTURES / "old_plan.md"] + \
        [ROOT / "eval" / "corpus" / name for name in CORPUS]


@pytest.fixture(scope="module")
def matrix(pack, paths):
    from lintcity.report.matrix import build_matrix, part_titles
    from lintcity.runner import lint_many

    return build_matrix(lint_many(paths, pack), part_titles(pack), pack.id, sort="coverage")


def _row(matrix, name):
    return next(r for r in matrix.rows if r.name == name)


def test_statuses_match_the_answer_keys(matrix):
    for stem in EXACT:
        row = _row(matrix, f"{stem}.docx")
        assert {k: c.status for k, c in row.cells.items() if k in EXPECTED[stem]["requirements"]} == \
            EXPECTED[stem]["requirements"]
    for name in CORPUS:
        key = yaml.safe_load((ROOT / "eval" / "keys" / f"{name.rsplit('.', 1)[0]}.yaml").read_text("utf-8"))
        row = _row(matrix, name)
        agree = sum(row.cells[k].status == v for k, v in key["requirements"].items())
        assert agree >= 0.9 * len(key["requirements"]), name


def test_summary_columns(matrix):
    partial = _row(matrix, "partial.docx")
    (y2027, y2030) = partial.years
    assert (y2027.status, y2030.status) == ("covered", "missing") and y2027.quantified > 0 == y2030.quantified
    assert partial.citation == "ok" and partial.errors == 12 and partial.coverage == 50.0
    assert _row(matrix, "old_plan.md").citation == "outdated"
    assert _row(matrix, "unrelated.docx").citation == "missing"
    scores = [r.coverage for r in matrix.rows]
    assert scores == sorted(scores, reverse=True) and matrix.rows[0].name == "complete.docx"
    parts = [p.key for p in matrix.parts]
    assert parts[:5] == ["一", "二", "三", "四", "五"] and len(matrix.columns) == 24


def test_terminal_fits_120_columns_with_legend(matrix):
    from rich.cells import cell_len
    from rich.console import Console

    from lintcity.report import matrix_terminal

    out = io.StringIO()
    matrix_terminal.render(matrix, Console(file=out, width=200, no_color=True))
    text = out.getvalue()
    assert max(cell_len(line) for line in text.splitlines()) <= 120
    partial = next(line for line in text.splitlines() if "partial.docx" in line)
    assert "✓✓✗✓✓✗✓" in partial and "✗✗✗✗✗✗" in partial and "50%" in partial and partial.rstrip().endswith("12")
    assert "✓ 已覆盖" in text and "GL203 新型产城融合" in text


def test_csv_markdown_json(matrix):
    from lintcity.report import matrix_csv, matrix_json, matrix_markdown

    rows = list(csv.DictReader(io.StringIO(matrix_csv.render(matrix))))
    partial = next(r for r in rows if r["方案"] == "partial.docx")
    assert partial["GL203 新型产城融合"] == "✗" and partial["GL201 城市数字化共性基础"] == "✓"
    assert partial["2030年目标"] == "✗" and partial["错误"] == "12" and partial["引用"] == "已引用"
    unrelated = next(r for r in rows if r["方案"] == "unrelated.docx")
    assert partial["文件类型"] and unrelated["文件类型"] and partial["文件类型"] != unrelated["文件类型"]
    md = matrix_markdown.render(matrix)
    line = next(x for x in md.splitlines() if x.startswith("| partial.docx"))
    assert line.count("|") == md.splitlines()[2].count("|") and "| ✗ |" in line
    data = json.loads(matrix_json.render(matrix))
    cells = next(p for p in data["plans"] if p["name"] == "partial.docx")["cells"]
    assert cells["GL203"]["status"] == "missing" and cells["GL203"]["suggestion"]
    assert cells["GL201"]["evidence"][0]["quote"] and cells["GL201"]["evidence"][0]["location"]


def test_xlsx_is_a_real_spreadsheet(matrix, tmp_path):
    import openpyxl

    from lintcity.report import matrix_xlsx

    out = tmp_path / "m.xlsx"
    matrix_xlsx.write(matrix, out)
    book = openpyxl.load_workbook(out)
    grid, findings, targets = book.worksheets
    assert grid.freeze_panes == "C3" and [s.title for s in book.worksheets] == ["覆盖矩阵", "问题清单", "目标指标"]
    header = [c.value for c in grid[2]]
    partial = next([c.value for c in r] for r in grid.iter_rows(min_row=3) if r[0].value == "partial.docx")
    assert partial[header.index("GL203 新型产城融合")] == "✗"
    rules = [r for rng in grid.conditional_formatting for r in rng.rules]
    assert {r.formula[0] for r in rules if r.formula} == {'"✓"', '"◐"', '"✗"'}
    assert any(r.type == "colorScale" for r in rules)
    assert findings.max_row - 1 == sum(len(r.findings) for r in matrix.rows)
    assert targets.max_row - 1 == sum(len(r.targets) for r in matrix.rows) and targets.auto_filter.ref


def test_cli_formats_by_suffix_and_errors(cli, tmp_path):
    plan = str(FIXTURES / "partial.md")
    code, _, err = cli("report", plan, str(tmp_path / "nothere.docx"), "-o", str(tmp_path / "m.csv"))
    assert code == 2 and "nothere.docx" in err
    text = (tmp_path / "m.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and "无法读取".encode() in text  # BOM for Excel/WPS; row kept
    code, _, err = cli("report", plan, "--format", "xlsx")
    assert code == 2 and "-o" in err
    code, _, err = cli("report", plan, "-o", str(tmp_path / "m.pdf"))
    assert code == 2 and ".pdf" in err
    (tmp_path / "empty").mkdir()
    code, _, err = cli("report", str(tmp_path / "empty"))
    assert code == 2 and "没有找到" in err


def test_html_escapes_document_text(matrix):
    from dataclasses import replace

    from lintcity.report import html

    row = replace(matrix.rows[0], path="<script>alert(1)</script>.docx")
    page = html.render(replace(matrix, rows=(row,)))
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "http://" not in page and "https://" not in page and "Content-Security-Policy" in page


@pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed (apt install chromium)")
def test_html_report_in_a_real_browser(matrix, tmp_path):
    from lintcity.report import html

    page_file = tmp_path / "report.html"
    page_file.write_text(html.render(matrix), encoding="utf-8")
    index = next(i for i, r in enumerate(matrix.rows) if r.name == "partial.docx")
    errors: list[str] = []
    with offline_page() as (page, attempted):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(page_file.as_uri())
        assert page.locator("h1").inner_text().startswith("方案 × 要求")
        page.click(f'button[data-detail="d-{index}-GL201"]')  # covered: its evidence sentences
        detail = page.inner_text("#detail")
        quote = _row(matrix, "partial.docx").cells["GL201"].evidence[0]
        assert quote.quote[:20] in detail and quote.location in detail and "已覆盖" in detail
        page.click(f'button[data-detail="d-{index}-GL203"]')  # missing: the suggestion
        assert _row(matrix, "partial.docx").cells["GL203"].suggestion[:15] in page.inner_text("#detail")
        page.select_option("#f-status", "missing")
        visible = page.locator("#matrix tbody tr:not([data-hidden])").count()
        assert 0 < visible < len(matrix.rows)  # the complete plan has no missing cell
        page.select_option("#f-status", "")
        page.select_option("#f-part", "五")
        assert page.locator('#matrix th.req:not([data-hidden])').count() == 2
        page.select_option("#f-part", "")
        page.select_option("#f-plan", str(index))
        assert page.locator("article.card:not([data-hidden])").count() == 1
        assert page.locator("#matrix tbody tr:not([data-hidden])").count() == 1
        page.emulate_media(media="print")
        assert not page.locator("#filters").is_visible()
        assert attempted == [] and errors == []


def test_folders_get_a_progress_bar_and_a_stable_order(cli, tmp_path, monkeypatch):
    """report and targets over a folder count their files on check's progress bar, in path order."""
    import shutil

    import lintcity.progress

    calls = []
    real = lintcity.progress.track

    def recording(items, total, label, stream=None, **options):
        calls.append((total, label))
        return real(items, total, label, stream, **options)

    monkeypatch.setattr(lintcity.progress, "track", recording)
    for name in ("b.md", "a.md", "c.txt"):
        shutil.copy(FIXTURES / ("partial.md" if name != "c.txt" else "old_plan.txt"), tmp_path / name)
    code, out, _ = cli("report", str(tmp_path), "--format", "json", "-j", "2")
    assert code == 0 and [p["name"] for p in json.loads(out)["plans"]] == ["a.md", "b.md", "c.txt"]
    code, out, _ = cli("targets", str(tmp_path), "--format", "json")
    assert code == 0 and [d["plan"] for d in json.loads(out)] == sorted(d["plan"] for d in json.loads(out))
    assert [total for total, _ in calls] == [3, 3] and all(label for _, label in calls)
