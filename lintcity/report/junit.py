"""`junit`: one testsuite per document, one testcase per requirement (failed when missing or thin,
or when a finding of that rule remains), plus a testcase per other finding's rule. CI systems that
read JUnit show which requirements each plan fails."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from lintcity.i18n import t
from lintcity.report.ci_common import message_with_place, relative_uri
from lintcity.report.run import RunResult


def render(result: RunResult) -> str:
    suites = ET.Element("testsuites", name="lintcity")
    total = failures = 0
    for report in result.reports:
        suite = ET.SubElement(suites, "testsuite", name=relative_uri(report.path))
        cases = failed = 0
        if report.error is not None:
            case = ET.SubElement(suite, "testcase", classname=relative_uri(report.path), name=report.error.rule_id)
            ET.SubElement(case, "error", message=report.error.message, type=report.error.rule_id)
            cases, failed = 1, 1
        by_rule: dict[str, list] = {}
        for d in report.diagnostics:
            by_rule.setdefault(d.rule_id, []).append(d)
        names = [c.requirement_id for c in report.coverage] + [r for r in by_rule if r not in
                                                               {c.requirement_id for c in report.coverage}]
        titles = {c.requirement_id: c.title for c in report.coverage}
        status = {c.requirement_id: c.status for c in report.coverage}
        for rule_id in names:
            req = result.rules.get(rule_id)
            title = titles.get(rule_id) or getattr(req, "title", "") or rule_id
            case = ET.SubElement(suite, "testcase", classname=relative_uri(report.path),
                                 name=f"{rule_id} {title}")
            cases += 1
            found = by_rule.get(rule_id, [])
            if found:
                failed += 1
                failure = ET.SubElement(case, "failure", type=found[0].severity,
                                        message=f"{rule_id} {found[0].message}"[:500])
                failure.text = "\n".join(message_with_place(d) for d in found)
            elif status.get(rule_id) in ("missing", "thin"):
                failed += 1
                ET.SubElement(case, "failure", type="coverage",
                              message=t(f"status.{status[rule_id]}"))
        suite.set("tests", str(cases))
        suite.set("failures", str(failed))
        total, failures = total + cases, failures + failed
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
