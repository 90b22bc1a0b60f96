"""Terminal output for drafters: findings with place, quote, rule and advice, then coverage.

rich handles colour (only on a terminal, NO_COLOR respected) and CJK width.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from lintcity.diagnostics import Diagnostic, FileReport
from lintcity.errors import printable, rich_text

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_STATUS = {"covered": ("✔ 已覆盖", "green"), "thin": ("◐ 单薄", "yellow"), "missing": ("✘ 缺失", "red")}


def diagnostic_text(d: Diagnostic) -> Text:
    text = Text()
    text.append(printable(d.path), style="bold")
    if d.location:
        text.append(f":{d.location}")
    text.append("  ")
    text.append(f"{d.rule_id}", style=_STYLE[d.severity])
    text.append(f" [{d.severity}] ", style=_STYLE[d.severity])
    text.append(printable(d.message))  # messages quote the document (HY101, TG104)
    if d.quote:
        # printable: a hostile document's ESC sequences must not reach the terminal.
        quote = printable(d.quote.replace("\n", ""))
        text.append("\n    “")
        if d.span:
            s, e = d.span
            raw = d.quote
            text.append(printable(raw[:s].replace("\n", "")))
            text.append(printable(raw[s:e].replace("\n", "")), style="bold underline")
            text.append(printable(raw[e:].replace("\n", "")))
        else:
            text.append(quote[:200])
        text.append("”")
    if d.suggestion:
        text.append("\n    建议：", style="dim")
        text.append(printable(d.suggestion), style="dim")
    return text


def coverage_table(report: FileReport) -> Table:
    # Text, not str: a title string is Rich markup, and "[bold]" in a file name would vanish.
    title = Text(f"覆盖情况 {printable(report.path)}（总分 {report.overall_score}）")
    table = Table(title=title, show_lines=False)
    table.add_column("编号", no_wrap=True)
    table.add_column("部分")
    table.add_column("要求")
    table.add_column("状态", no_wrap=True)
    table.add_column("得分", justify="right")
    table.add_column("证据", justify="right")
    for c in report.coverage:
        label, style = _STATUS[c.status]
        table.add_row(rich_text(c.requirement_id), rich_text(c.part or ""), rich_text(c.title), Text(label, style=style), f"{c.score:.1f}",
                      str(len(c.evidence)))
    return table


def render(reports: list[FileReport], console: Console, show_coverage: bool = True) -> None:
    for report in reports:
        if report.error:
            continue
        for d in report.diagnostics:
            console.print(diagnostic_text(d))
        if show_coverage and report.coverage:
            console.print(coverage_table(report))
        console.print()
    console.print(summary_line(reports))


def summary_line(reports: list[FileReport]) -> Text:
    errors = sum(1 for r in reports for d in r.diagnostics if d.severity == "error")
    warnings = sum(1 for r in reports for d in r.diagnostics if d.severity == "warning")
    unreadable = sum(1 for r in reports if r.error)
    text = Text(f"{len(reports)} 个文件：{errors} 个错误，{warnings} 个警告")
    if unreadable:
        text.append(f"，{unreadable} 个文件无法读取", style="red")
    return text
