"""Suppression comments in Markdown, text and Word (unknown and unused ones reported), and baselines
that survive inserted paragraphs and edits elsewhere."""

import json
from pathlib import Path

import pytest


# A short plan (lint in a fraction of a second): structure and a few commitments, enough for findings.
COMPLETE = ("# 江临市城市数字化转型三年行动方案\n\n"
            "为贯彻落实《关于深化智慧城市发展 推进城市全域数字化转型的指导意见》（发改数据〔2024〕660号），制定本方案。\n\n"
            "## 一、总体要求\n\n到2027年，全市数字经济核心产业增加值占地区生产总值比重达到12%。\n\n"
            "## 二、主要任务\n\n建设城市运行和治理智能中枢，推进数字经济发展，完善数字基础设施。\n\n"
            "## 三、保障措施\n\n成立领导小组，统筹推进各项工作。\n")
MARK = "## 一、总体要求"
PLACEHOLDER = "由×××负责数据归集工作。"


def _plan(extra_before: str = "", extra_after: str = "") -> str:
    """The complete plan with text inserted before and after its first part heading."""
    head, tail = COMPLETE.split(MARK, 1)
    return f"{head}{extra_before}{MARK}\n\n{extra_after}{tail}"


def _findings(cli, path: Path, *args: str) -> list[dict]:
    code, out, err = cli("check", "--format", "json", "--isolated", *args, str(path))
    assert code in (0, 1), err
    return json.loads(out)["files"][0]["diagnostics"]


def test_markdown_disable_enable_disable_next_and_reports(cli, tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text(_plan(extra_after=f"{PLACEHOLDER}\n\n"), encoding="utf-8")
    assert [d["rule_id"] for d in _findings(cli, plan, "--select", "HY101,SP")] == ["HY101"]

    text = _plan(extra_after=f"<!-- lintcity: disable-next=HY101 -->\n{PLACEHOLDER}\n\n{PLACEHOLDER}\n\n")
    plan.write_text(text, encoding="utf-8")
    assert [d["rule_id"] for d in _findings(cli, plan, "--select", "HY101,SP")] == ["HY101"]  # only the next one

    text = _plan(extra_after=f"<!-- lintcity: disable=HY101,ZZ999 -->\n\n{PLACEHOLDER}\n\n{PLACEHOLDER}\n\n"
                             f"<!-- lintcity: enable -->\n\n{PLACEHOLDER}\n\n<!-- lintcity: disable=HY102 -->\n\n")
    plan.write_text(text, encoding="utf-8")
    found = _findings(cli, plan, "--select", "HY101,HY102,SP")
    assert sorted(d["rule_id"] for d in found) == ["HY101", "SP001", "SP002"], found
    unknown = next(d for d in found if d["rule_id"] == "SP001")
    assert "ZZ999" in unknown["message"] and "ZZ999" in unknown["quote"]
    unused = next(d for d in found if d["rule_id"] == "SP002")
    assert "HY102" in unused["message"]
    # A suppression of a rule not reported in this run is not "unused".
    assert [d["rule_id"] for d in _findings(cli, plan, "--select", "SP")] == ["SP001"]


def test_text_file_comment_lines(cli, tmp_path):
    plan = tmp_path / "plan.txt"
    body = _plan(extra_after=f"<!-- lintcity: disable-next=HY101 -->\n{PLACEHOLDER}\n\n").replace("#", "")
    plan.write_text(body, encoding="utf-8")
    assert _findings(cli, plan, "--select", "HY101,SP") == []


def test_word_comment_suppresses_its_paragraph(cli, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in _plan(extra_after=f"{PLACEHOLDER}\n\n{PLACEHOLDER}x\n\n").split("\n"):
        if line.strip():
            document.add_paragraph(line.lstrip("# "))
    target = next(p for p in document.paragraphs if p.text == PLACEHOLDER)
    document.add_comment(target.runs, text="lintcity: disable=HY101", author="审核")
    other = next(p for p in document.paragraphs if p.text == PLACEHOLDER + "x")
    document.add_comment(other.runs, text="lintcity: disable=HY102", author="审核")
    path = tmp_path / "plan.docx"
    document.save(path)
    found = _findings(cli, path, "--select", "HY101,HY102,SP")
    assert sorted(d["rule_id"] for d in found) == ["HY101", "SP002"], found  # the second placeholder stays


def test_baseline_survives_inserted_paragraphs_and_edits_elsewhere(cli, tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text(_plan(extra_after=f"{PLACEHOLDER}\n\n"), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    code, _, err = cli("check", "--isolated", "--write-baseline", str(baseline), str(plan))
    assert code == 0 and baseline.is_file() and "基线" in err
    before = _findings(cli, plan, "--baseline", str(baseline))
    assert before == []
    # Paragraphs inserted above the finding, another section edited: the finding is still known.
    edited = _plan(extra_before="补充说明一。\n\n补充说明二。\n\n", extra_after=f"{PLACEHOLDER}\n\n")
    edited = edited.replace("统筹推进各项工作", "统筹推进全市各项工作", 1)
    plan.write_text(edited, encoding="utf-8")
    assert _findings(cli, plan, "--select", "HY101")[0]["location"]["line"] > 0
    assert [d for d in _findings(cli, plan, "--baseline", str(baseline)) if d["rule_id"] == "HY101"] == []
    # A new copy of the finding is new.
    plan.write_text(edited.replace(PLACEHOLDER, PLACEHOLDER + f"\n\n另{PLACEHOLDER}"), encoding="utf-8")
    assert [d["rule_id"] for d in _findings(cli, plan, "--baseline", str(baseline))] == ["HY101"]
    baseline.write_text("{}", encoding="utf-8")
    code, _, err = cli("check", "--baseline", str(baseline), str(plan))
    assert code == 2 and str(baseline) in err
