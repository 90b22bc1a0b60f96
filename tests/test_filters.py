"""Why a mention does not count (issue 16, classes 1–7): each discount filter on a real linted sentence.

Every case is a small plan written to a file and linted end to end; the verdict and the reason that
travels with the set-aside mention ("未计入：背景描述") are both asserted, so a filter that stops
firing, or fires without saying why, fails here.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintcity.runner import lint_file

HEAD = "# 某市工作方案\n\n## 一、重点任务\n\n"

# (filter, plan body, requirement, expected status, reason carried by a set-aside mention)
CASES = [
    ("shortcoming", "目前各部门系统分头建设，数据共享仍不充分，系统整合进展较慢。\n", "GL302", "missing", "shortcoming"),
    ("shortcoming: an attributive cue is no complaint",
     "针对数据共享不充分的问题，建立按需共享机制，编制公共数据资源目录。\n", "GL302", "covered", None),
    ("a past-year opening is background",
     "2025年，全市完成城市运行管理服务平台一期建设，一网统管覆盖主城区。\n", "GL204", "missing", "background"),
    ("a year that plans ahead is no background",
     "2026年，全市要建成城市运行管理服务平台，推动一网统管向街道延伸。\n", "GL204", "covered", None),
    ("unlabelled division of labour",
     "由市政务服务和数据管理局牵头、市财政局配合，建设城市运行和治理智能中枢。\n", "GL205", "missing", "agency"),
    ("parenthetical division of labour",
     "完善城市信息模型平台（市政务服务和数据管理局、市自然资源局按职责分工负责）。\n", "GL205", "missing", "agency"),
    ("a word in another sense: a port and an event",
     "邮轮母港投入运营，体育赛事运营水平持续提升。\n", "GL402", "missing", "other_sense"),
    ("a word in another sense: computing power as a subsidy",
     "对购买算力服务的中小企业给予算力券补贴。\n", "GL301", "missing", "other_sense"),
    ("rhetoric of aims is a passing mention at most",
     "## 二、指导思想\n\n建设宜居、韧性、智慧的现代化城市，筑牢城市生命线安全防线，提升城市安全韧性水平。\n",
     "GL207", "thin", None),
    ("a run-in title and its sentence are one point",
     "（三）促进产城融合。推进智慧园区建设。\n", "GL203", "thin", "repeat"),
    ("a run-in title over a detailed sentence is not merged",
     "（三）促进产城融合。推进智慧园区建设，发布城市场景开放清单。\n", "GL203", "covered", None),
    ("local phrasing: monitoring stations (class 7)",
     "布设空气质量微站，推进重点区域噪声在线监测。\n", "GL206", "covered", None),
    ("local phrasing: services people use (class 7)",
     "推广医保电子凭证和电子健康卡，开展互联网诊疗服务。\n", "GL205", "covered", None),
    ("local phrasing: a team operating scenarios (class 7)",
     "为每个重点应用配备运营专员，组建场景运营团队，根据用户反馈持续迭代。\n", "OP103", "covered", None),
    ("purpose: why the plan was written is a passing mention (class 2)",
     "为加快城市全域数字化转型，结合本市实际，制定本方案。推进城市全域数字化转型工作。\n", "GL101", "thin", None),
    ("purpose: what a plan contributes to is a passing mention (class 2)",
     "健全公共数据共享机制，为城市全域数字化转型提供数据支撑。完善数据平台，为全市数字化转型奠定基础。\n", "GL101", "thin", None),
    ("purpose: a quoted title inside keeps its own reason",
     "为落实《关于推进城市全域数字化转型的指导意见》，制定本方案。\n", "GL101", "missing", "quoted"),
    ("the overall goal with what it brings to a domain is covered",
     "到2027年，全市城市全域数字化转型取得明显成效，城市大脑全面建成并常态运行。\n", "GL101", "covered", None),
    ("the overall goal with how it is pursued is covered",
     "统筹推进全市数字化转型，增强各领域建设的整体性和协同性。\n", "GL101", "covered", None),
    ("the transformation as a frame only is a passing mention",
     "围绕城市数字化转型，分两步推进各项建设。\n", "GL101", "thin", None),
    ("local phrasing: cooperation with neighbouring cities is a passing mention (class 7)",
     "推动本市与周边城市在应急联动方面开展交流合作。\n", "GL403", "thin", None),
    ("local phrasing: resilience named as an aim is a passing mention (class 7)",
     "统筹发展和安全，让城市运行更有韧性。\n", "GL207", "thin", None),
    ("local phrasing: first use of local products in city scenarios (class 7)",
     "推动本地新产品在政务领域首试首用。\n", "GL203", "thin", None),
    ("local phrasing: a working mechanism organises the work (class 7)",
     "建立月调度、季通报的工作推进机制。\n", "GL501", "thin", None),
    ("local phrasing: a professional operator brought in (class 7)",
     "可通过购买服务引入专业运营机构。\n", "OP104", "thin", None),
    ("local phrasing: scenarios operated routinely (class 7)",
     "对已上线的应用场景推行场景常态化运营。\n", "OP103", "thin", None),
    ("who leads it is a second aspect of the organisation (class 7)",
     "组建全市数字化转型工作专班，由常务副市长任组长。\n", "GL501", "covered", None),
    ("who leads it is a second aspect of the organisation (class 7)",
     "组建全市数字化转型工作专班。\n", "GL501", "thin", None),
    ("a system's maintenance rulebook is unified maintenance, not institutional reform",
     "出台全市信息系统运维管理办法。\n", "GL401", "missing", None),
    ("a system's maintenance rulebook is unified maintenance, not institutional reform",
     "出台全市信息系统运维管理办法，统一运维流程。\n", "OP105", "covered", None),
    ("revising rules that do not fit digital work elaborates the reform (class 7)",
     "推进适数化改革，同步清理不适应数字化办理的规章制度。\n", "GL401", "covered", None),
    ("local phrasing: digital services extended to villages (class 7)",
     "推动数字政务服务向乡镇和行政村延伸。\n", "GL403", "thin", None),
    ("a past-year report is background, also with 已将",
     "2025年，全市已将智能井盖、路灯等感知设施交由专业公司运营。\n", "OP102", "missing", "background"),
    ("a word in another sense: a factory's retrofit",
     "推动规模以上工业企业开展生产线智能化改造。\n", "GL301", "missing", "other_sense"),
    ("local phrasing: lifeline and ecological monitoring named in passing (class 7)",
     "持续加强生命线监测和海湾生态监测。\n", "GL207", "thin", None),
    ("local phrasing: lifeline and ecological monitoring named in passing (class 7)",
     "持续加强生命线监测和海湾生态监测。\n", "GL206", "thin", None),
    ("negation keeps its own reason",
     "公共数据授权运营暂不纳入本方案，待条件成熟后另行研究。\n", "OP101", "missing", "postponed"),
]


def _lint(tmp_path: Path, pack, body: str):
    path = tmp_path / "plan.md"
    path.write_text(HEAD + body, encoding="utf-8")
    report = lint_file(path, pack)
    assert report.error is None
    return report


@pytest.mark.parametrize("rule, body, requirement, status, reason", CASES,
                         ids=[f"{rule} → {req} {status}" for rule, _, req, status, _ in CASES])
def test_filter(tmp_path, pack, rule, body, requirement, status, reason):
    report = _lint(tmp_path, pack, body)
    entry = next(c for c in report.coverage if c.requirement_id == requirement)
    assert entry.status == status
    reasons = {e.discounted for e in entry.evidence} - {None}
    if reason is None:
        assert not reasons or status == "covered"
    else:
        assert reason in reasons
        shown = entry.to_dict()["evidence"]
        assert any(e["discounted"] == reason for e in shown)  # the JSON says why


def test_counted_evidence_leaves_out_what_was_set_aside(tmp_path, pack):
    report = _lint(tmp_path, pack, "2025年，全市完成一网统管平台建设。推进一网统管向街道延伸，建设城市运行管理服务平台。\n")
    entry = next(c for c in report.coverage if c.requirement_id == "GL204")
    assert [e.discounted for e in entry.counted_evidence] == [None]
    assert entry.to_dict()["evidence_count"] == 1 and len(entry.evidence) == 2


def test_json_and_explain_show_what_does_not_count(tmp_path, pack):
    from lintcity.cli import main

    path = tmp_path / "plan.md"
    path.write_text(HEAD + "2025年，全市完成一网统管平台建设。\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    data = json.loads(out.stdout)
    files = data["files"] if isinstance(data, dict) and "files" in data else data
    report = files[0]
    assert report["document_kind"] in ("plan", "related", "other")
    gl204 = next(c for c in report["coverage"] if c["id"] == "GL204")
    assert gl204["evidence"][0]["discounted"] == "background"
    explained = CliRunner().invoke(main, ["explain", "GL204"]).output
    assert "背景描述" in explained and "未计入" in explained


@pytest.mark.parametrize("sentence, purpose", [
    ("为加快推进全域数字化转型，结合本区实际，现提出2026年工作要点如下：", True),
    ("针对系统分散建设的问题，为城市数字化转型提供长效支撑，制定本工作方案。", True),
    ("各区要为加快数字化转型制定本区实施方案。", False),  # a task: each district writes its own plan
    ("建设城市运行管理服务平台，推动一网统管。", False),
])
def test_purpose_sentence_is_recognised_by_its_opening_and_closing(pack, sentence, purpose):
    from lintcity.filters import span_discounts
    from lintcity.normalize import normalize_text

    spans, _ = span_discounts(normalize_text(sentence), pack.settings["matching"])
    assert any(d.reason == "purpose" and d.start == 0 for d in spans) is purpose
