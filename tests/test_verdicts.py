"""How the coverage verdict reads a plan: small plans written to a file and linted end to end.

Each rule a human reviewer applies (see eval/REQUIREMENTS.md) has a pair of plans that differ only
in what the rule is about, so a broken rule flips one of the asserted statuses.
"""

from pathlib import Path

import pytest

from lintcity.runner import lint_file

HEAD = "# 某市工作方案\n\n## 一、重点任务\n\n"

# (rule, plan body, requirement, expected status)
CASES = [
    ("postponement takes back the whole statement",
     "关于产城融合发展，推进智慧园区建设，开放城市应用场景清单。\n", "GL203", "covered"),
    ("postponement takes back the whole statement",
     "关于产城融合发展，鉴于园区基础薄弱，本方案暂不部署相关任务，待条件成熟后另行研究。\n", "GL203", "missing"),
    ("postponement stops at a semicolon",
     "推进智慧园区建设，开放城市场景清单；碳普惠相关工作另行研究。\n", "GL203", "covered"),
    ("postponement stops at a semicolon",
     "推进智慧园区建设，开放城市场景清单；碳普惠相关工作另行研究。\n", "GL206", "missing"),
    ("a sentence recounting the past is background",
     "近年来，我市建成互联网医院和智慧养老服务平台，推行一网通办。\n", "GL205", "missing"),
    ("a sentence recounting the past is background",
     "建设互联网医院和智慧养老服务平台，推行一网通办。\n", "GL205", "covered"),
    ("one phrase in a list of requirements is thin",
     "加快5G网络建设，接入城市大脑，推动政务数据按需共享。\n", "GL301", "thin"),
    ("one phrase in a list of requirements is thin",
     "加快5G网络建设，布局城市智算中心。\n", "GL301", "covered"),
    ("domain words count only when said digitally",
     "加快城北水厂和配套供水管网建设，推进雨污分流改造，解决汛期内涝问题。\n", "GL207", "missing"),
    ("domain words count only when said digitally",
     "对燃气管网、供水管网实施在线监测，建设内涝风险监测预警平台。\n", "GL207", "covered"),
    ("names of bodies are not goals",
     "成立市城市全域数字化转型工作领导小组，由市长任组长。\n", "GL101", "missing"),
    # 营运 (excluded: passenger transport) sits inside 运营运维, which still counts
    ("an exclusion inside a longer term does not apply",
     "建立长效运营运维机制。推进建运一体。\n", "GL402", "covered"),
    # GL402 excludes 授权运营: a data-operation mechanism is OP101's, even inside OP101's longer term
    ("an exclusion holds inside another requirement's term",
     "建立公共数据授权运营机制，明确授权运营的申请和审核规则。\n", "GL402", "missing"),
    ("an exclusion holds inside another requirement's term",
     "建立公共数据授权运营机制，明确授权运营的申请和审核规则。\n", "OP101", "covered"),
    ("a weak term elaborating a strong lead counts",
     "1.推进设施运营。对已建成的感知设施、算力设施实行专业化运营，提高使用效率。\n", "OP102", "covered"),
    # jieba keeps 统一运维 as one token; 运维 (GL402's weak term) is still meant
    ("a short term inside a pack term is found",
     "对已建成的信息系统实行统一运维。\n", "GL402", "thin"),
    ("a run-in title shares the postponement of its paragraph",
     "（一）产城融合与园区数字化。推进智慧园区建设，开放城市场景清单。\n", "GL203", "covered"),
    ("a run-in title shares the postponement of its paragraph",
     "（一）产城融合与园区数字化。鉴于园区规划尚未完成，相关内容暂不纳入本方案。\n", "GL203", "missing"),
    ("a heading over a postponed section does not count",
     "## 二、推进产城融合\n\n相关任务待园区规划调整完成后另行研究。\n", "GL203", "missing"),
    ("a heading over a postponed section does not count",
     "## 二、推进产城融合\n\n（正文待补充）\n", "GL203", "thin"),
    ("one sentence saying several things of one aspect is covered",
     "建立全市一体化运维体系，统一运维标准和运维流程，推行智能运维。\n", "OP105", "covered"),
    ("one sentence saying several things of one aspect is covered",
     "建立全市一体化运维体系。\n", "OP105", "thin"),
    # a weaker term of another group in a later clause says what the strong mention is for
    ("a later clause elaborating a strong mention makes a rich sentence",
     "对上线的政务应用开展场景运营，按照用户反馈持续迭代功能。\n", "OP103", "covered"),
    ("a later clause elaborating a strong mention makes a rich sentence",
     "对上线的政务应用开展场景运营。\n", "OP103", "thin"),
    # the bare word again (运营 after 长效运营) elaborates nothing
    ("a word repeating the strong term is no elaboration",
     "对已建成的系统落实长效运营机制，避免只建设不运营。\n", "GL402", "thin"),
]


def statuses(tmp_path: Path, pack, body: str, name: str = "plan.md") -> dict[str, str]:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    report = lint_file(path, pack)
    assert report.error is None
    return {c.requirement_id: c.status for c in report.coverage}


@pytest.mark.parametrize("rule, body, requirement, expected", CASES,
                         ids=[f"{rule} → {req} {status}" for rule, _, req, status in CASES])
def test_verdict_rule(tmp_path, pack, rule, body, requirement, expected):
    assert statuses(tmp_path, pack, body)[requirement] == expected


def test_a_section_heading_about_digital_work_gives_the_context(tmp_path, pack):
    body = "## 二、建设智慧水务\n\n加快供水管网和排水管网改造，消除内涝积水点。\n"
    assert statuses(tmp_path, pack, body)["GL207"] != "missing"


@pytest.mark.parametrize("line, counts", [
    ("责任单位：市大数据中心、市财政局\n", False),
    ("各责任单位要加强统筹协调，建立领导小组，确保任务落地。\n", True),
])
def test_responsibility_label_masks_only_a_labelled_list(tmp_path, pack, line, counts):
    got = statuses(tmp_path, pack, line)["GL501"]
    assert (got != "missing") is counts
