"""Every output format for the partial fixture, validated: JSON against docs/json-schema.json, SARIF's
structure (and the official schema when a copy is at hand), JUnit and GitLab parsed, GitHub's limit,
markdown; stdin, --output-file; piped text without colour, hard wraps or trailing spaces."""

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from conftest import FIXTURES, ROOT

PARTIAL = str(FIXTURES / "partial.docx")
MISSING = "no-such-plan.md"


@pytest.fixture(scope="module")
def outputs():
    """Each format once over the partial plan and a missing file (module-scoped: lint once per format)."""
    from click.testing import CliRunner

    from lintcity.cli import main

    found = {}
    for fmt in ("text", "concise", "json", "sarif", "junit", "github", "gitlab", "markdown"):
        result = CliRunner().invoke(main, ["check", "--format", fmt, PARTIAL, MISSING])
        found[fmt] = (result.exit_code, result.stdout, result.stderr)
    return found


def test_exit_code_and_error_line_alike_in_every_format(outputs):
    for fmt, (code, _, err) in outputs.items():
        assert code == 2, fmt
        assert err.strip().splitlines() == [f"{MISSING}: 没有这个文件或文件夹"], (fmt, err)


def test_json_matches_its_schema(outputs):
    schema = json.loads((ROOT / "docs" / "json-schema.json").read_text(encoding="utf-8"))
    data = json.loads(outputs["json"][1])
    jsonschema.validate(data, schema)
    assert data["schema_version"] == "1.0" and data["summary"]["unreadable"] == 1


def _sarif(outputs) -> dict:
    return json.loads(outputs["sarif"][1])


def test_sarif_structure_fingerprints_and_regions(outputs):
    log = _sarif(outputs)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and "GL203" in ids and "IO001" in ids
    gl203 = rules[ids.index("GL203")]
    assert gl203["help"]["text"] and gl203["shortDescription"]["text"] == "新型产城融合"
    results = run["results"]
    assert {r["ruleId"] for r in results} >= {"GL203", "TG102", "IO001"}
    for r in results:
        assert ids[r["ruleIndex"]] == r["ruleId"]
        assert re.fullmatch(r"[0-9a-f]{16}", r["partialFingerprints"]["lintcityFingerprint/v1"])
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "\\" not in uri
    io = next(r for r in results if r["ruleId"] == "IO001")
    assert io["level"] == "error" and io["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == MISSING


def test_sarif_against_the_official_schema(outputs):
    """Validated against the SARIF 2.1.0 schema vendored in tests/data (see tests/data/NOTICE.md)."""
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    jsonschema.Draft4Validator(schema).validate(_sarif(outputs))
    broken = _sarif(outputs)
    broken["runs"][0]["results"][0]["level"] = "fatal"  # not a SARIF level: the schema must say so
    assert not jsonschema.Draft4Validator(schema).is_valid(broken)


def test_junit_has_a_testcase_per_requirement(outputs):
    root = ET.fromstring(outputs["junit"][1].encode("utf-8"))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    plan = suites["fixtures/partial.docx"]
    names = [c.get("name").split()[0] for c in plan.iter("testcase")]
    assert {"GL101", "GL203", "OP106", "TG102", "CT101"} <= set(names)
    failed = {c.get("name").split()[0] for c in plan.iter("testcase") if c.find("failure") is not None}
    assert {"GL203", "TG102"} <= failed and "GL101" not in failed
    assert suites[MISSING].find("testcase/error").get("type") == "IO001"
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites.values())


def test_gitlab_code_quality(outputs):
    issues = json.loads(outputs["gitlab"][1])
    assert issues and all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i)
                          for i in issues)
    assert all(i["severity"] in ("info", "minor", "major", "critical", "blocker") for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert all(isinstance(i["location"]["lines"]["begin"], int) for i in issues)


def test_github_annotations_most_severe_first_and_capped(tmp_path):
    from lintcity.diagnostics import Diagnostic, FileReport
    from lintcity.report.github import PER_LEVEL, render
    from lintcity.report.run import RunResult

    diags = tuple(Diagnostic(f"HY10{i % 3}", "x", sev, f"第{i}个，含%与:号", "a.md")
                  for i, sev in enumerate(["info"] * 15 + ["error"] * 12 + ["warning"] * 3))
    lines = render(RunResult([FileReport("a.md", diagnostics=diags)], "p")).splitlines()
    levels = [line.split()[0] for line in lines]
    assert levels[:PER_LEVEL] == ["::error"] * PER_LEVEL and levels.count("::warning") == 3
    assert levels.count("::notice") == PER_LEVEL + 1 and "7" in lines[-1]  # 2 errors + 5 infos more
    assert "%25" in lines[0] and all("\n" not in line for line in lines)


def test_github_format_on_the_fixture(outputs):
    lines = outputs["github"][1].splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert any("file=fixtures/partial.docx" in line for line in lines)


def test_markdown_summary(outputs):
    text = outputs["markdown"][1]
    assert text.startswith("## ") and "| fixtures/partial.docx | 50 |" in text and "GL203" in text


def test_concise_one_finding_per_line(outputs):
    lines = outputs["concise"][1].splitlines()
    assert all(re.match(r"^\S+?:(\S+:)? (错误|警告|提示) [A-Z]{2}\d{3} ", line) for line in lines), lines
    assert any(line.startswith(PARTIAL + ":段") and " GL203 " in line for line in lines)


def test_piped_text_has_no_colour_wraps_or_trailing_spaces(outputs):
    code, out, _ = outputs["text"]
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert all(line == line.rstrip() for line in lines)
    assert any("GL203" in line and "新型产城融合" in line and "建议" in line for line in lines)  # one line, whole
    assert lines[0] == PARTIAL or lines[0].startswith(PARTIAL + " ")
    assert "总体覆盖 50 / 100" in out and "✗GL203" in out and "待补充" in out


def test_force_color_colours_a_pipe(cli):
    from click.testing import CliRunner

    from lintcity.cli import main

    result = CliRunner(env={"FORCE_COLOR": "1"}).invoke(main, ["check", "--select", "TG", PARTIAL])
    assert "\x1b[" in result.stdout
    result = CliRunner(env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).invoke(main, ["check", "--select", "TG", PARTIAL])
    assert "\x1b[" not in result.stdout


def test_stdin_and_output_file(cli, tmp_path):
    from click.testing import CliRunner

    from lintcity.cli import main

    text = (FIXTURES / "partial.md").read_bytes()
    result = CliRunner().invoke(main, ["check", "--format", "concise", "--stdin-filename", "plans/城市.md", "-"],
                                input=text)
    assert result.exit_code == 1 and "plans/城市.md:行" in result.stdout and "GL203" in result.stdout
    target = tmp_path / "out.sarif"
    code, out, _ = cli("check", "--format", "sarif", "-o", str(target), str(FIXTURES / "partial.md"))
    assert code == 1 and not out.strip() and json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_quiet_statistics_and_evidence(cli):
    md = str(FIXTURES / "partial.md")
    _, quiet, _ = cli("check", "--quiet", md)
    assert "总体覆盖" not in quiet and "GL203" in quiet and "待补充" in quiet
    _, stats, _ = cli("check", "--statistics", md)
    assert "各规则问题数" in stats and "GL203" in stats and "建议" not in stats
    _, evidence, _ = cli("check", "--show-evidence", "--select", "TG", md)
    assert "“到2027年" in evidence
