"""Target extraction in the forms real plans use (issue 3, point 5), table-driven."""

import pytest

from lintcity.normalize import normalize_text
from lintcity.targets import extract_from_sentence, extract_from_table


@pytest.mark.parametrize("sentence, year, indicator, comparator, value, unit", [
    ("到2027年，政务服务事项全程网办率达到95%以上。", 2027, "政务服务事项全程网办率", ">=", 95, "%"),
    ("2027年前，建成10个城市级数字孪生场景。", 2027, "城市级数字孪生场景", "=", 10, "个"),
    ("至2030年底，5G基站总数达到2.5万个。", 2030, "5G基站总数", ">=", 2.5, "万个"),
    ("到二〇二七年，数字经济核心产业增加值超过3000亿元。", 2027, "数字经济核心产业增加值", ">", 3000, "亿元"),
    ("到２０３０年，公共数据开放率达到１００％。", 2030, "公共数据开放率", "=", 100, "%"),  # nothing is above 100%
    ("近期（2025—2027年）：培育数字化转型促进中心5家。", 2027, "数字化转型促进中心", "=", 5, "家"),
    ("到2027年，事件平均处置时长控制在4小时以内。", 2027, "事件平均处置时长", "<=", 4, "小时"),
])
def test_prose_forms(sentence, year, indicator, comparator, value, unit):
    found, years = extract_from_sentence(normalize_text(sentence))
    assert year in years
    t = found[0]
    assert (t.year, t.indicator, t.comparator, t.value, t.unit) == (year, indicator, comparator, value, unit)


# Issue 16, class 8: targets as plans state them — ranges, approximations, numbers in words.
@pytest.mark.parametrize("sentence, indicator, comparator, value, upper, unit", [
    ("到2027年，建成数字孪生示范街区2—3个。", "数字孪生示范街区", "range", 2, 3, "个"),
    ("到2027年，引育数字化服务商10至15家。", "引育数字化服务商", "range", 10, 15, "家"),
    ("到2027年，数字经济增加值占比达到12%左右。", "数字经济增加值占比", "~", 12, None, "%"),
    ("到2027年，热线诉求满意率约92%。", "热线诉求满意率", "~", 92, None, "%"),
    ("到2027年，一网通办率达到百分之百。", "一网通办率", "=", 100, None, "%"),
    ("到2027年，事件按期处置率达到百分之九十八以上。", "事件按期处置率", ">=", 98, None, "%"),
    ("到2027年，沉淀共性算法模型三十个以上。", "沉淀共性算法模型", ">=", 30, None, "个"),
    ("到2027年，打造两个城市级示范场景。", "城市级示范场景", "=", 2, None, "个"),
    # a quantity run into the noun it sizes is part of the indicator; the clause's later quantity is the target
    ("到2027年，培育营业收入超5亿元企业20家。", "营业收入超5亿元企业", "=", 20, None, "家"),
    ("到2027年，供水、燃气等3类管网监测覆盖率达到95%。", "供水、燃气等3类管网监测覆盖率", ">=", 95, None, "%"),
])
def test_plan_phrasings(sentence, indicator, comparator, value, upper, unit):
    found, _ = extract_from_sentence(normalize_text(sentence))
    assert [(t.indicator, t.comparator, t.value, t.upper, t.unit) for t in found] == [
        (indicator, comparator, value, upper, unit)]


@pytest.mark.parametrize("sentence", ["到2027年，高效办成一件事。", "到2027年，形成一张图、一个平台。",
                                      "到2027年，建立市、区、街道三级贯通的指挥体系。"])
def test_words_that_are_not_numbers(sentence):
    assert extract_from_sentence(normalize_text(sentence))[0] == []


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


LEAD_IN_PLAN = """# 溪南市推进城市全域数字化转型行动方案

## 一、主要目标

到2027年，全市城市全域数字化转型取得明显成效。具体目标如下：

——治理更加精准。城市运行事件按期处置率达到95%以上。

——服务更加便捷。高频事项“一网通办”率达到百分之百，推出主题集成服务三十个。

1.数据更加好用。公共数据按需共享满足率达到98%。

| 指标 | 单位 | 目标值 |
| --- | --- | --- |
| 城市运行事件按期处置率 | % | ≥95 |
| 数字孪生示范片区 | 个 | 2—3 |

## 二、重点任务

加快建设城市运行管理服务平台，新建5G基站800个。
"""


def test_a_lead_in_year_governs_items_and_table_and_repeats_merge(tmp_path, pack):
    from lintcity.runner import lint_file

    path = tmp_path / "plan.md"
    path.write_text(LEAD_IN_PLAN, encoding="utf-8")
    report = lint_file(path, pack)
    got = {(t.year, t.value, t.upper, t.unit, t.comparator) for t in report.targets}
    assert got == {(2027, 95, None, "%", ">="), (2027, 100, None, "%", "="), (2027, 30, None, "个", "="),
                   (2027, 98, None, "%", ">="), (2027, 2, 3, "个", "range")}  # 800个 has no year: not a target
    repeated = [t for t in report.targets if t.value == 95]
    assert len(repeated) == 1 and repeated[0].source == "prose" and len(repeated[0].also_at) == 1
    assert repeated[0].also_at[0] != repeated[0].location and repeated[0].also_at[0].row == 2
    assert report.to_dict()["targets"][0]["also_at"] is not None
    assert "TG101" not in {d.rule_id for d in report.diagnostics}


GOAL_PARAGRAPH_PLAN = """# 溪南市推进城市全域数字化转型行动方案

## 一、发展目标

到2027年，全市数字基础设施水平进入全省前列。

- **网络设施**：每万人拥有5G基站30个以上；10G-PON端口达到8万个以上。
- **感知设施**：城市运行体征指标接入600项以上。

到2030年，全面建成数字城市。

## 二、重点任务

1.建设城市运行体征指标体系，到2027年接入指标600项以上。
"""


def test_goal_paragraph_governs_the_list_after_it_and_a_task_restating_a_goal_is_one_target(tmp_path, pack):
    """"到2027年，……。" followed directly by list items gives them its year (as "具体目标如下：" does); a task that
    restates a goal in fewer words ("接入指标600项") is the same target with a second place; "10G-PON" is a name."""
    from lintcity.runner import lint_file

    path = tmp_path / "plan.md"
    path.write_text(GOAL_PARAGRAPH_PLAN, encoding="utf-8")
    report = lint_file(path, pack)
    got = sorted((t.year, t.value, t.unit) for t in report.targets)
    assert got == [(2027, 8, "万个"), (2027, 30, "个"), (2027, 600, "项")]
    (indicators,) = [t for t in report.targets if t.value == 600]
    assert len(indicators.also_at) == 1 and indicators.also_at[0] != indicators.location


@pytest.mark.parametrize("a, b, same", [
    ("城市运行体征指标接入", "接入指标", True),
    ("面向企业和社会累计发布开放场景", "累计发布开放场景", True),
    ("城市家庭千兆光网覆盖率", "5G网络覆盖率", False),
    ("政务服务事项全程网办率", "政务数据共享率", False),
])
def test_restated_indicators(a, b, same):
    from lintcity.analysis import restated

    assert restated(a, b) is same


def test_a_box_drawn_as_a_one_cell_table_is_prose_and_a_bare_restatement_is_one_target(tmp_path, pack):
    """A 专栏 box is a one-cell Word table holding sentences: its targets are prose targets. A task that only
    sizes its goal again ("到2027年达到25个") is the goal's second place, not a target with no name."""
    import docx

    from lintcity.runner import lint_file

    document = docx.Document()
    document.add_heading("溪南市推进城市全域数字化转型行动方案", 0)
    document.add_heading("一、主要目标", 1)
    document.add_paragraph("到2027年，分批推出“高效办成一件事”重点事项25个，完成历史文化街区数字化保护2片。")
    document.add_heading("二、重点任务", 1)
    document.add_paragraph("1.推进“高效办成一件事”。围绕高频办事需求，分批推出重点事项，到2027年达到25个。")
    box = document.add_table(rows=1, cols=1)
    box.style = "Table Grid"
    box.cell(0, 0).text = "专栏1 智慧园区建设工程：到2027年，认定省级智慧园区50个。"
    path = tmp_path / "plan.docx"
    document.save(path)
    report = lint_file(path, pack)
    got = sorted((t.year, t.value, t.unit, t.source) for t in report.targets)
    assert got == [(2027, 2, "片", "prose"), (2027, 25, "个", "prose"), (2027, 50, "个", "prose")]
    (matters,) = [t for t in report.targets if t.value == 25]
    assert "重点事项" in matters.indicator and len(matters.also_at) == 1
