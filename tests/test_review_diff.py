"""`lintcity diff` between drafts and `lintcity targets` over many plans, through the real CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import FIXTURES

# complete.md and partial.md were written so that partial omits these requirements ...
LOST = {"GL203", "GL206", "GL401", "GL402", "GL403", "OP101", "OP102", "OP103", "OP104", "OP105", "OP106", "TG102"}
# ... lowers these 2027 targets (value, and for 5G also ≥ → =) ...
LOWERED = {"数字经济核心产业增加值占地区生产总值比重": (12, 11), "规模以上工业企业数字化转型覆盖率": (85, 80),
           "政务服务事项全程网办率": (98, 97), "城市运行管理事件按期处置率": (95, 93),
           "公共数据按需共享满足率": (98, 95), "城市生命线安全工程监测覆盖率": (90, 80), "5G基站": (2, 1.8),
           "城市级数字孪生应用场景": (20, 10)}
# ... drops these 2027 targets, and every 2030 target (13 of them).
DROPPED_2027 = {"“高效办成一件事”重点事项覆盖率", "千兆宽带用户占比", "城市智能算力规模", "公众对城市数字化服务满意度",
                "市级数字化转型促进中心", "公共数据开放平台累计开放数据集", "重点排放单位碳排放在线监测覆盖率", "零碳示范园区",
                "公共数据授权运营场景",
                "中心城区燃气管网和城市主要桥梁"}  # "……实现在线监测全覆盖" is a 100% target (issue 16, class 8)


@pytest.fixture(scope="module")
def complete_to_partial():
    from click.testing import CliRunner

    from lintcity.cli import main

    # A Word draft against its PDF successor.
    result = CliRunner().invoke(main, ["diff", str(FIXTURES / "complete.docx"), str(FIXTURES / "partial.pdf"),
                                       "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def test_diff_names_exactly_what_differs(complete_to_partial):
    code, data = complete_to_partial
    assert code == 1 and data["weakened"] is True
    reqs = {r["requirement_id"]: r for r in data["requirements"]}
    assert set(reqs) == LOST
    assert all(r["old"] == "covered" and r["new"] == "missing" and r["kind"] == "lost" for r in reqs.values())
    assert all(r["old_evidence"] and not r["new_evidence"] and r["suggestion"] for r in reqs.values())
    changed = {c["old"]["indicator"]: (c["old"]["value"], c["new"]["value"]) for c in data["targets"]
               if c["kind"] == "changed"}
    assert changed == LOWERED
    removed = [c["old"] for c in data["targets"] if c["kind"] == "removed"]
    assert {t["indicator"] for t in removed if t["year"] == 2027} == DROPPED_2027
    assert sum(t["year"] == 2030 for t in removed) == 13
    assert not [c for c in data["targets"] if c["kind"] == "added"]
    assert all(c["weakened"] for c in data["targets"])
    assert data["old_citation"] == data["new_citation"] == "ok"


def test_diff_same_plan_across_formats_is_clean_and_markdown(cli, tmp_path):
    out = tmp_path / "d.md"
    code, _, _ = cli("diff", str(FIXTURES / "partial.docx"), str(FIXTURES / "partial.md"), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert code == 0 and "（0 项）" in text and "新稿没有减少覆盖或降低目标" in text


def test_diff_reverse_gains_and_terminal(cli):
    code, out, _ = cli("diff", str(FIXTURES / "partial.md"), str(FIXTURES / "complete.md"))
    assert code == 0 and "GL402" in out and "新增覆盖" in out and "[新增] 2030" in out
    code, _, err = cli("diff", str(FIXTURES / "partial.md"), str(FIXTURES / "nothere.md"))
    assert code == 2 and "nothere.md" in err


def test_diff_detects_citation_and_year_changes(pack):
    from dataclasses import replace

    from lintcity.diagnostics import FileReport, Target
    from lintcity.diff import diff_reports
    from lintcity.document import Location

    def plan(year: int, value: float, cited: bool) -> FileReport:
        from lintcity.diagnostics import Diagnostic

        diags = () if cited else (Diagnostic("CT101", "cites-guideline", "warning", "未引用上位文件", "b.md"),)
        return FileReport("p.md", targets=(Target(year, "政务服务事项全程网办率", ">=", value, "%", "q", Location(line=3)),),
                          diagnostics=diags)

    d = diff_reports(plan(2027, 98, True), plan(2030, 98, False))
    (change,) = d.targets
    assert change.kind == "changed" and change.what == ("year",) and change.weakened
    assert (d.old_citation, d.new_citation) == ("ok", "missing") and d.citation_findings[0][:2] == ("new", "CT101")
    d = diff_reports(plan(2027, 98, True), plan(2027, 99, True))
    assert d.targets[0].what == ("value",) and not d.weakened
    assert replace(d, targets=()).weakened is False


def test_targets_over_many_plans(cli, tmp_path):
    plans = [str(FIXTURES / "partial.docx"), str(FIXTURES / "old_plan.md")]
    code, out, _ = cli("targets", *plans, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["方案"] for r in rows} == set(plans)
    assert [r["方案"] for r in rows] == sorted(r["方案"] for r in rows)  # stable: by plan, then year
    row = next(r for r in rows if r["指标"] == "政务服务事项全程网办率" and r["位置"].startswith("段14"))  # + also_at
    assert (row["年份"], row["比较"], row["目标值"], row["单位"]) == ("2027", ">=", "97", "%")
    code, out, _ = cli("targets", *plans, "--format", "json")
    data = json.loads(out)
    assert {d["plan"] for d in data} == set(plans) and len(data) == len(rows)
    code, out, _ = cli("targets", *plans)
    assert code == 0 and "段14" in out and "old_plan.md" in out
    code, _, _ = cli("targets", *plans, "-o", str(tmp_path / "t.xlsx"))
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert code == 0 and sheet.max_row == len(rows) + 1 and sheet.freeze_panes == "A2"
