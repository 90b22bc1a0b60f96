"""`markdown`: a summary a bot can post on a pull request: a table of files, then the findings
(errors first), each with its place and rule. Document text is escaped so it cannot break the table."""

from __future__ import annotations

from lintcity.i18n import t
from lintcity.report.ci_common import one_line, relative_uri, worst_first
from lintcity.report.run import RunResult

MAX_FINDINGS = 100  # a PR comment is capped at 65,536 characters


def _cell(text: str) -> str:
    escaped = one_line(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "`*_[]":
        escaped = escaped.replace(ch, "\\" + ch)
    return escaped


def render(result: RunResult) -> str:
    counts = result.counts()
    lines = [f"## {t('markdown.title')}", "",
             t("report.totals", files=counts["files"], errors=counts["error"], warnings=counts["warning"],
               infos=counts["info"]) + (t("report.unreadable", count=counts["unreadable"])
                                        if counts["unreadable"] else ""), "",
             "| " + " | ".join(t(k) for k in ("report.col_file", "report.col_score", "report.col_missing",
                                               "report.col_errors", "report.col_warnings")) + " |",
             "|---|---:|---:|---:|---:|"]
    for r in result.reports:
        if r.error:
            lines.append(f"| {_cell(relative_uri(r.path))} | - | - | {r.error.rule_id} | - |")
            continue
        missing = sum(1 for c in r.coverage if c.status == "missing")
        errors = sum(1 for d in r.diagnostics if d.severity == "error")
        warnings = sum(1 for d in r.diagnostics if d.severity == "warning")
        score = f"{r.overall_score:g}" if r.overall_score is not None else "-"
        lines.append(f"| {_cell(relative_uri(r.path))} | {score} | {missing} | {errors} | {warnings} |")
    findings = worst_first(result.all_diagnostics())
    if findings:
        lines += ["", f"### {t('markdown.findings')}", "",
                  "| " + " | ".join(t(k) for k in ("report.col_level", "report.col_rule", "report.col_file",
                                                    "report.col_place", "report.col_message")) + " |",
                  "|---|---|---|---|---|"]
        for d in findings[:MAX_FINDINGS]:
            place = str(d.location) if d.location else ""
            if d.heading_path:
                place += " · " + " > ".join(d.heading_path)
            lines.append(f"| {t('severity.' + d.severity)} | {d.rule_id} | {_cell(relative_uri(d.path))} | "
                         f"{_cell(place)} | {_cell(d.message)} |")
        if len(findings) > MAX_FINDINGS:
            lines += ["", t("ci.more_findings", count=len(findings) - MAX_FINDINGS)]
    return "\n".join(lines)
