"""Target extraction in the forms real plans use (issue 3, point 5), table-driven."""

import pytest

from lintcity.normalize import normalize_text
from lintcity.targets import extract_from_sentence, extract_from_table


@pytest.mark.parametrize("sentence, year, indicator, comparator, value, unit", [
    ("到2027年，政务服务事项全程网办率达到95%以上。", 2027, "政务服务事项全程网办率", ">=", 95, "%"),
    ("2027年前，建成10个城市级数字孪生场景。", 2027, "城市级数字孪生场景", "=", 10, "个"),
    ("至2030年底，5G基站总数达到2.5万个。", 2030, "5G基站总数", ">=", 2.5, "万个"),
    ("到二〇二七年，数字经济核心产业增加值超过3000亿元。", 2027, "数字经济核心产业增加值", ">", 3000, "亿元"),
    ("到２０３０年，公共数据开放率达到１００％。", 2030, "公共数据开放率", ">=", 100, "%"),
    ("近期（2025—2027年）：培育数字化转型促进中心5家。", 2027, "数字化转型促进中心", "=", 5, "家"),
    ("到2027年，事件平均处置时长控制在4小时以内。", 2027, "事件平均处置时长", "<=", 4, "小时"),
])
def test_prose_forms(sentence, year, indicator, comparator, value, unit):
    found, years = extract_from_sentence(normalize_text(sentence))
    assert year in years
    t = found[0]
    assert (t.year, t.indicator, t.comparator, t.value, t.unit) == (year, indicator, comparator, value, unit)


def test_year_inherited_within_a_paragraph_and_codes_ignored():
    found, _ = extract_from_sentence(normalize_text("12345热线接通率达到98%，IPv6流量占比超过60%。"), 2027)
    assert [(t.year, t.value) for t in found] == [(2027, 98), (2027, 60)]
    assert extract_from_sentence("推进5G和IPv6规模部署。")[0] == []


def test_table_with_baseline_and_near_far_columns():
    rows = [["序号", "指标", "单位", "2024年（基期）", "近期（2027年）", "远期（2030年）"],
            ["1", "全程网办率", "%", "80", "≥95", "100"],
            ["2", "数字孪生场景", "个", "3", "10", "20以上"]]
    got = {(t.year, t.indicator, t.comparator, t.value, t.unit) for t in extract_from_table(rows)}
    assert got == {(2027, "全程网办率", ">=", 95, "%"), (2030, "全程网办率", "=", 100, "%"),
                   (2027, "数字孪生场景", "=", 10, "个"), (2030, "数字孪生场景", ">=", 20, "个")}


def test_target_rules_on_a_plan(tmp_path, pack):
    from lintcity.runner import lint_file

    plan = tmp_path / "plan.md"
    plan.write_text("# 江临市方案\n\n## 一、主要目标\n\n到2027年，5G网络覆盖率达到120%，全程网办率达到95%。"
                    "到2030年，全程网办率达到90%。\n", encoding="utf-8")
    ids = [d.rule_id for d in lint_file(plan, pack).diagnostics]
    assert "TG104" in ids and "TG103" in ids and "TG101" not in ids and "TG102" not in ids
