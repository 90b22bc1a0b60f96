"""The document-level verdict (issue 16, class 1): plan / related / other, GL001, and what it does to coverage.

Also HY103 on real government text: a sentence about fighting gambling is policy, not spam.
"""

from pathlib import Path

import pytest

from conftest import ROOT
from lintcity.checks.document import kind_line
from lintcity.runner import lint_file

REAL = ROOT.parent / "shared" / "real-docx"
# The three reports whose sentences on cracking down on cross-border gambling once raised HY103, and a spread of others.
REAL_SAMPLE = ["泸州.docx", "崇左.docx", "重庆.docx", "三亚.docx", "杭州.docx", "玉林.docx", "黔东南.docx", "防城港.docx"]

TASKS = "".join(f"{i}.推进第{i}批项目建设，完善配套政策，加强督促检查，确保按期完成。\n\n" for i in range(1, 25))

DIGITAL_ECONOMY = f"""# 溪南市数字经济高质量发展三年行动计划（2025—2027年）

为做大做强数字经济，推动数字产业化和产业数字化，制定本计划。

## 一、重点任务

支持软件企业参与各地智慧城市项目，开拓城市数字化转型市场。推动工业企业设备上云和远程运维。

{TASKS}"""

TOURISM = f"""# 溪南市文化旅游融合发展三年行动方案

为擦亮文旅名片，制定本方案。

## 一、重点任务

建设全市智慧旅游大数据平台，推进景区分时预约和智慧导览。依托旅游大数据平台开展客流监测预警。

{TASKS}"""

WORK_REPORT = f"""各位代表：

现在，我代表市人民政府向大会报告工作，请予审议。

一、2025年工作回顾

深化一网通办改革，城市大脑二期上线运行。

{TASKS}"""


def _lint(tmp_path: Path, pack, text: str, name: str = "doc.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = lint_file(path, pack)
    assert report.error is None
    return report


@pytest.mark.parametrize("text, kind", [(DIGITAL_ECONOMY, "related"), (TOURISM, "other"), (WORK_REPORT, "other")],
                         ids=["digital-economy plan", "tourism plan", "work report"])
def test_non_plans_are_named_and_flagged(tmp_path, pack, text, kind):
    report = _lint(tmp_path, pack, text)
    assert report.document_kind == kind
    gl001 = [d for d in report.diagnostics if d.rule_id == "GL001"]
    assert len(gl001) == 1 and gl001[0].severity == "warning" and "不像是城市全域数字化转型实施方案" in gl001[0].message
    data = report.to_dict()
    assert data["document_kind"] == kind and data["document_evidence"]
    assert {e["signal"] for e in data["document_evidence"]} >= {"title", "share"} or kind == "other"
    assert kind_line(report.document_kind, report.document_evidence).startswith("文件类型：")


def test_incidental_vocabulary_of_a_non_plan_is_not_coverage(tmp_path, pack):
    """A tourism plan's own big-data platform is a passing mention of digital services, not coverage."""
    statuses = {c.requirement_id: c.status for c in _lint(tmp_path, pack, TOURISM).coverage}
    assert "covered" not in {statuses[r] for r in ("GL205", "GL207", "GL302", "GL301")}


def test_an_older_smart_city_plan_is_a_plan(pack):
    """A 十四五 smart-city plan answers the same question; its age shows in CT103/TG findings, not in GL001."""
    report = lint_file(ROOT / "eval" / "corpus" / "05-lanjiang-14th-fyp.md", pack)
    assert report.document_kind == "plan"
    ids = {d.rule_id for d in report.diagnostics}
    assert "GL001" not in ids and "CT103" in ids


def test_a_plan_is_not_flagged(pack):
    report = lint_file(ROOT / "eval" / "corpus" / "09-hechuan-short.md", pack)
    assert report.document_kind == "plan" and "GL001" not in {d.rule_id for d in report.diagnostics}


@pytest.mark.skipif(not REAL.is_dir(), reason="no ../shared/real-docx")
def test_real_work_reports_are_not_plans_and_carry_no_spam(pack):
    for name in REAL_SAMPLE:
        report = lint_file(REAL / name, pack)
        assert report.error is None, name
        assert report.document_kind == "other", (name, report.document_evidence)
        ids = {d.rule_id for d in report.diagnostics}
        assert "GL001" in ids and "HY103" not in ids, name
        assert "covered" not in {c.status for c in report.coverage if c.requirement_id[:3] in ("GL2", "GL3", "GL4")}


def test_spam_pasted_mid_sentence_is_caught_and_crime_fighting_is_not(tmp_path, pack):
    text = ("# 溪南市推进城市全域数字化转型实施方案\n\n## 一、重点任务\n\n"
            "深化智慧城市开云体育发展，推动公共数据按需共享。\n\n"
            "严厉打击电信网络诈骗、跨境赌博等违法犯罪活动，建设城市运行管理服务平台。\n")
    spam = [d for d in _lint(tmp_path, pack, text).diagnostics if d.rule_id == "HY103"]
    assert len(spam) == 1 and "开云体育" in spam[0].message


SAFEGUARDS = """
## 三、保障措施

（一）加强组织领导。成立由分管副市长任组长的工作领导小组，统筹推进各项任务，建立月调度、季通报制度。

（二）强化资金保障。市财政设立专项资金，引导社会资本和金融机构加大投入，对重点项目给予贷款贴息。
"""


@pytest.mark.parametrize("text, kind, status", [
    (TOURISM + SAFEGUARDS, "other", "missing"),
    (DIGITAL_ECONOMY + SAFEGUARDS, "related", "covered"),
], ids=["tourism plan: organises tourism", "digital-economy plan: organises digital work"])
def test_safeguards_of_a_document_about_something_else_are_not_this_guidelines(tmp_path, pack, text, kind, status):
    """The lead's convention (eval/REQUIREMENTS.md): an `other` document's 组织领导/资金 sections serve its own
    subject and are no evidence for GL501/GL502; a `related` digital plan's safeguards organise digital work."""
    report = _lint(tmp_path, pack, text)
    assert report.document_kind == kind
    entries = {c.requirement_id: c for c in report.coverage}
    assert entries["GL501"].status == entries["GL502"].status == status
    if status == "missing":
        assert {e.discounted for e in entries["GL501"].evidence} == {"not_plan"}  # shown as set aside, with why


def test_a_safeguard_said_digitally_counts_in_a_document_about_something_else(tmp_path, pack):
    """An education plan's "教育信息化工作推进机制…经费" is about digital work: a passing mention (thin)."""
    text = TOURISM + "\n## 三、保障措施\n\n建立智慧旅游平台建设工作专班，统筹推进平台建设和数据共享。\n"
    entries = {c.requirement_id: c.status for c in _lint(tmp_path, pack, text).coverage}
    assert entries["GL501"] == "thin"


RENEWAL = f"""# 溪南市城市更新三年行动计划（2025—2027年）

为深入实施城市更新行动，完善城市功能，打造宜居、韧性、智慧城市，结合我市实际，制定本行动计划。

## 一、重点任务

推进老旧小区改造和城市生命线安全工程，建设智慧社区服务平台，完善养老托育设施。

{TASKS}"""

NOTICE = f"""溪南市交通运输局

溪交发〔2025〕8号

关于印发《溪南市智慧交通发展三年行动计划（2025—2027年）》的通知

各区县交通运输主管部门：现将《溪南市智慧交通发展三年行动计划（2025—2027年）》印发给你们，请认真贯彻落实。

为加快交通运输数字化转型，推进城市全域数字化转型，制定本计划。

一、重点任务

建设交通运行监测调度中心，接入城市一网统管平台。

{TASKS}"""

BRAND = f"""# 溪南市“数智溪南”建设三年攻坚方案（2025—2027年）

为加快建设“数智溪南”，制定本方案。

一、重点任务

建设城市运行管理服务平台，推进一网通办。

{TASKS}"""


@pytest.mark.parametrize("text, name, kind, title", [
    (RENEWAL, "doc.md", "other", "溪南市城市更新三年行动计划（2025—2027年）"),
    (NOTICE, "doc.txt", "other", "溪南市智慧交通发展三年行动计划（2025—2027年）"),
    (BRAND, "doc.md", "plan", "溪南市“数智溪南”建设三年攻坚方案（2025—2027年）"),
], ids=["urban renewal: a slogan is not a topic", "transmittal notice: the carried plan's title",
        "a city's own digital brand"])
def test_the_title_a_reader_names_the_document_by(tmp_path, pack, text, name, kind, title):
    """The title decides the kind when it names a topic: the carried document's title for a 印发通知 (its 文号 and
    issuer lines are not titles), a non-digital topic (城市更新) even when the purpose says 智慧城市 in a slogan, and
    a city's own digital brand (“数智溪南”) as a city-wide plan."""
    report = _lint(tmp_path, pack, text, name)
    assert report.document_kind == kind, report.document_evidence
    assert next(e.detail for e in report.document_evidence if e.signal == "title") == title


def test_the_purpose_and_slogans_of_a_document_about_something_else_count_for_nothing(tmp_path, pack):
    """城市更新's "打造宜居、韧性、智慧城市" in its purpose sentence: in a plan a passing mention, here nothing."""
    report = _lint(tmp_path, pack, RENEWAL)
    assert report.document_kind == "other"
    entries = {c.requirement_id: c for c in report.coverage}
    assert entries["GL101"].status == "missing"
    assert {e.discounted for e in entries["GL101"].evidence} == {"not_plan"}  # shown as set aside, with why
