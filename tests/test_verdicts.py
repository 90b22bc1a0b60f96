"""How the coverage verdict reads a plan: small plans written to a file and linted end to end.

Each case is a rule a human reviewer applies (see eval/REQUIREMENTS.md); each plan differs from
its counterpart only in what the rule is about, so a broken rule flips the asserted status.
"""

from pathlib import Path

import pytest

from lintcity.runner import lint_file

HEAD = "# 某市工作方案\n\n## 一、重点任务\n\n"


def statuses(tmp_path: Path, pack, body: str, name: str = "plan.md") -> dict[str, str]:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    report = lint_file(path, pack)
    assert report.error is None
    return {c.requirement_id: c.status for c in report.coverage}


def test_postponement_takes_back_the_whole_statement(tmp_path, pack):
    said = "关于产城融合发展，推进智慧园区建设，开放城市应用场景清单。\n"
    postponed = "关于产城融合发展，鉴于园区基础薄弱，本方案暂不部署相关任务，待条件成熟后另行研究。\n"
    assert statuses(tmp_path, pack, said)["GL203"] == "covered"
    assert statuses(tmp_path, pack, postponed)["GL203"] == "missing"


def test_postponement_stops_at_a_semicolon(tmp_path, pack):
    body = "推进智慧园区建设，开放城市场景清单；碳普惠相关工作另行研究。\n"
    got = statuses(tmp_path, pack, body)
    assert got["GL203"] == "covered" and got["GL206"] == "missing"


def test_a_sentence_recounting_the_past_is_background(tmp_path, pack):
    past = "近年来，我市建成互联网医院和智慧养老服务平台，推行一网通办。\n"
    future = "建设互联网医院和智慧养老服务平台，推行一网通办。\n"
    assert statuses(tmp_path, pack, past)["GL205"] == "missing"
    assert statuses(tmp_path, pack, future)["GL205"] == "covered"


def test_one_phrase_in_a_list_of_requirements_is_thin(tmp_path, pack):
    listing = "加快5G网络建设，接入城市大脑，推动政务数据按需共享。\n"
    own = "加快5G网络建设，布局城市智算中心。\n"
    assert statuses(tmp_path, pack, listing)["GL301"] == "thin"
    assert statuses(tmp_path, pack, own)["GL301"] == "covered"


def test_domain_words_count_only_when_said_digitally(tmp_path, pack):
    works = "加快城北水厂和配套供水管网建设，推进雨污分流改造，解决汛期内涝问题。\n"
    digital = "对燃气管网、供水管网实施在线监测，建设内涝风险监测预警平台。\n"
    assert statuses(tmp_path, pack, works)["GL207"] == "missing"
    assert statuses(tmp_path, pack, digital)["GL207"] == "covered"


def test_a_section_heading_about_digital_work_gives_the_context(tmp_path, pack):
    body = "## 二、建设智慧水务\n\n加快供水管网和排水管网改造，消除内涝积水点。\n"
    assert statuses(tmp_path, pack, body)["GL207"] != "missing"


def test_names_of_bodies_are_not_goals(tmp_path, pack):
    body = "成立市城市全域数字化转型工作领导小组，由市长任组长。\n"
    assert statuses(tmp_path, pack, body)["GL101"] == "missing"


def test_exclusion_inside_a_longer_term_does_not_apply(tmp_path, pack):
    # 营运 (excluded: passenger transport) sits inside 运营运维, which still counts
    body = "建立长效运营运维机制。推进建运一体。\n"
    assert statuses(tmp_path, pack, body)["GL402"] == "covered"


@pytest.mark.parametrize("line, counts", [
    ("责任单位：市大数据中心、市财政局\n", False),
    ("各责任单位要加强统筹协调，建立领导小组，确保任务落地。\n", True),
])
def test_responsibility_label_masks_only_a_labelled_list(tmp_path, pack, line, counts):
    got = statuses(tmp_path, pack, line)["GL501"]
    assert (got != "missing") is counts


def test_a_weak_term_elaborating_a_strong_lead_counts(tmp_path, pack):
    body = "1.推进设施运营。对已建成的感知设施、算力设施实行专业化运营，提高使用效率。\n"
    assert statuses(tmp_path, pack, body)["OP102"] == "covered"


def test_short_term_inside_a_pack_term_is_found(tmp_path, pack):
    # jieba keeps 统一运维 as one token; 运维 (GL402's weak term) is still meant
    assert statuses(tmp_path, pack, "对已建成的信息系统实行统一运维。\n")["GL402"] == "thin"


def test_a_run_in_title_shares_the_postponement_of_its_paragraph(tmp_path, pack):
    kept = "（一）产城融合与园区数字化。推进智慧园区建设，开放城市场景清单。\n"
    dropped = "（一）产城融合与园区数字化。鉴于园区规划尚未完成，相关内容暂不纳入本方案。\n"
    assert statuses(tmp_path, pack, kept)["GL203"] == "covered"
    assert statuses(tmp_path, pack, dropped)["GL203"] == "missing"


def test_a_heading_over_a_postponed_section_does_not_count(tmp_path, pack):
    body = "## 二、推进产城融合\n\n相关任务待园区规划调整完成后另行研究。\n"
    assert statuses(tmp_path, pack, body)["GL203"] == "missing"
    body = "## 二、推进产城融合\n\n（正文待补充）\n"
    assert statuses(tmp_path, pack, body)["GL203"] == "thin"


def test_one_sentence_saying_several_things_of_one_aspect_is_covered(tmp_path, pack):
    rich = "建立全市一体化运维体系，统一运维标准和运维流程，推行智能运维。\n"
    single = "建立全市一体化运维体系。\n"
    assert statuses(tmp_path, pack, rich)["OP105"] == "covered"
    assert statuses(tmp_path, pack, single)["OP105"] == "thin"
