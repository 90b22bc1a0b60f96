"""The report a drafter reads at a glance (`--format text`).

Per file: a summary first (document kind when judged, the overall score with
one line saying what it measures, the guideline's parts with ✓/◐/✗ per
requirement, 2027/2030 target counts), then the findings grouped by guideline
part: missing requirements once, as a checklist under their part, then each
finding with severity, rule id, location and heading path, the quoted sentence
with its span highlighted, and the suggestion. Over several files, a closing
table of all of them.

rich handles colour (only on a terminal; NO_COLOR/FORCE_COLOR respected) and
CJK width. On a pipe or in a file there is no hard wrapping and no trailing
space, so `grep GL203` finds whole findings. Every document text, file name and
pack text goes through `printable` and `rich.text.Text`, never markup.
"""

from __future__ import annotations

import io
from collections import Counter

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from lintcity.diagnostics import CoverageEntry, Diagnostic, FileReport
from lintcity.errors import printable, rich_text
from lintcity.i18n import catalog, t
from lintcity.report.run import RunResult, Tally

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MARK = {"covered": ("✓", "green"), "thin": ("◐", "yellow"), "missing": ("✗", "red")}
_TARGET_YEARS = (2027, 2030)


def render_text(result: RunResult, terminal: bool = False, colour: bool | None = None) -> str:
    """The whole report as one text (for --output-file and tests); see `write_text`."""
    chunks: list[str] = []
    write_text(result, chunks.append, terminal, colour)
    return "\n".join(chunks)


def write_text(result: RunResult, write, terminal: bool = False, colour: bool | None = None) -> None:
    """Write the report part by part (memory stays at one file's findings, however many files):
    wrapped to the width of a terminal, unwrapped otherwise; coloured on a terminal or with
    FORCE_COLOR, never with NO_COLOR (`colour` decides, default: `terminal`)."""
    buffer = io.StringIO()
    colour = terminal if colour is None else colour
    if terminal:
        console = Console(file=buffer, highlight=False, force_terminal=True, width=_terminal_width(),
                          no_color=not colour)
    else:
        console = Console(file=buffer, highlight=False, width=100_000, force_terminal=colour, no_color=not colour,
                          color_system="standard" if colour else None, soft_wrap=True)
    for part in _renderables(result):
        console.print(part)
        chunk = buffer.getvalue().rstrip("\n")
        buffer.seek(0)
        buffer.truncate()
        write(chunk if terminal else "\n".join(line.rstrip() for line in chunk.split("\n")))


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((100, 24)).columns


def _renderables(result: RunResult):
    """Each file's part as its report arrives, then the files table and the totals.

    `result.reports` is read once, so `lintcity check` can hand over the batch
    while it runs: what the table and totals need is kept as a row and a count
    per file, never the report.
    """
    if result.statistics:
        yield statistics_table(result)
        return
    rows: list[tuple] = []
    tally = Tally()
    for report in result.reports:
        tally.add(report)
        rows.append(_file_row(report))
        if report.error:
            continue
        if not result.quiet:
            yield from _summary(report, result)
        yield from _findings(report, result)
        if not result.quiet:
            yield Text("")
    if len(rows) > 1 and not result.quiet:
        yield files_table(rows)
    yield totals_line(tally.counts())


def _rule_part(result: RunResult, rule_id: str) -> str | None:
    req = result.rules.get(rule_id)
    return getattr(req, "part", None)


def _part_title(result: RunResult, part: str | None) -> str:
    if part is None:
        return t("report.other_part")
    title = result.parts.get(part, {}).get("title")
    if not title:
        return part
    return f"{part}、{title}" if part in "一二三四五六七八九十" else title


def _summary(report: FileReport, result: RunResult):
    yield rich_text(report.path, style="bold")
    if report.document_kind:
        from lintcity.checks.document import kind_line

        yield Text("  " + printable(kind_line(report.document_kind, report.document_evidence)), style="bold")
    score = report.overall_score
    if score is not None:
        line = Text("  ")
        line.append(t("report.score", score=f"{score:g}"), style="bold")
        line.append("  ")
        line.append(t("report.score_explained", total=len(report.coverage)), style="dim")
        yield line
    years = Counter(tg.year for tg in report.targets)
    yield Text("  " + t("report.targets", **{f"y{y}": years.get(y, 0) for y in _TARGET_YEARS}))
    if result.show_coverage and report.coverage:
        for part, entries in _by_part(report.coverage).items():
            line = Text("  ")
            covered = sum(1 for c in entries if c.status == "covered")
            line.append(f"{_part_label(result, part)}  ", style="bold")
            for c in entries:
                mark, style = _MARK[c.status]
                line.append(f"{mark}{c.requirement_id} ", style=style)
            line.append(t("report.part_count", covered=covered, total=len(entries)), style="dim")
            yield line
            if result.show_evidence:
                yield from _evidence(entries)


def _part_label(result: RunResult, part: str | None) -> str:
    return printable(_part_title(result, part))


def _by_part(entries) -> dict[str | None, list]:
    grouped: dict[str | None, list] = {}
    for e in entries:
        grouped.setdefault(e.part, []).append(e)
    return grouped


def _evidence(entries: list[CoverageEntry]):
    for c in entries:
        if not c.evidence:
            continue
        yield Text(f"      {c.requirement_id} {printable(c.title)}", style="bold")
        for e in c.evidence:
            line = Text(f"        {e.location}  “")
            for piece, style in quote_pieces(e.quote, None):
                line.append(printable(piece.replace("\n", "")), style=style)
            line.append("”")
            if e.discounted:
                reason = _lookup(f"verdicts.filter.{e.discounted}", None) or e.discounted
                line.append("  " + t("report.discounted", reason=printable(reason)), style="dim")
            yield line


def _lookup(key: str, fallback: str | None) -> str:
    if key in catalog():
        return t(key)
    return t(fallback) if fallback and fallback in catalog() else (fallback or key.rsplit(".", 1)[-1])


def _findings(report: FileReport, result: RunResult):
    if not report.diagnostics:
        if not result.quiet:
            yield Text("  " + t("report.no_findings"), style="green")
        return
    status = {c.requirement_id: c.status for c in report.coverage}
    grouped: dict[str | None, list[Diagnostic]] = {}
    order = list(result.parts)
    for d in report.diagnostics:
        grouped.setdefault(_rule_part(result, d.rule_id), []).append(d)
    for part in sorted(grouped, key=lambda p: order.index(p) if p in order else len(order)):
        diags = grouped[part]
        if not result.quiet:
            yield Text("  " + _part_label(result, part), style="bold underline")
        missing = [d for d in diags if status.get(d.rule_id) == "missing" and not d.quote]
        if missing:
            yield Text("    " + t("report.to_add"), style="bold")
            for d in missing:
                yield _checklist_line(d, result)
        for d in diags:
            if d not in missing:
                yield diagnostic_text(d, indent="    ")


def _checklist_line(d: Diagnostic, result: RunResult) -> Text:
    req = result.rules.get(d.rule_id)
    title = getattr(req, "title", None) or d.message
    line = Text("    ")
    line.append("☐ ", style=_STYLE[d.severity])
    line.append(f"{d.rule_id} ", style=_STYLE[d.severity])
    line.append(printable(title), style="bold")
    if d.guideline_item:
        line.append(f"（{printable(d.guideline_item)}）", style="dim")
    if d.location and not _at_start(d):
        line.append("  " + t("report.add_at", location=str(d.location)), style="dim")
    if d.suggestion:
        line.append("  " + t("report.suggestion", text=printable(d.suggestion)))
    return line


def _at_start(d: Diagnostic) -> bool:
    """A missing requirement anchored at the document's first block: the plan has no heading for its part."""
    loc = d.location
    return loc is not None and (loc.paragraph in (None, 1)) and (loc.line in (None, 1)) and loc.table is None \
        and (loc.page in (None, 1))


def location_text(d: Diagnostic) -> str:
    where = str(d.location) if d.location else ""
    if d.heading_path:
        path = " > ".join(printable(h) for h in d.heading_path)
        return f"{where} · {path}" if where else path
    return where


def diagnostic_text(d: Diagnostic, indent: str = "") -> Text:
    """One finding: severity, id, place · heading path, message; quote with its span; suggestion."""
    text = Text(indent)
    text.append(t(f"severity.{d.severity}"), style=_STYLE[d.severity])
    text.append(" ")
    text.append(d.rule_id, style=_STYLE[d.severity])
    place = location_text(d)
    if place:
        text.append(f"  {place}", style="bold")
    text.append("  ")
    text.append(printable(d.message))
    if d.quote:
        text.append(f"\n{indent}  “")
        for piece, style in quote_pieces(d.quote, d.span):
            text.append(printable(piece.replace("\n", "")), style=style)
        text.append("”")
    if d.suggestion:
        text.append(f"\n{indent}  ")
        text.append(t("report.suggestion", text=printable(d.suggestion)), style="dim")
    return text


QUOTE_CONTEXT = 80  # characters shown on each side of the highlighted span of a long sentence


def quote_pieces(quote: str, span: tuple[int, int] | None) -> list[tuple[str, str]]:
    """The quoted sentence as (text, style) pieces with its span highlighted; a long sentence is cut
    to QUOTE_CONTEXT characters around the span (a hostile one-sentence document stays one short line)."""
    if not span or not 0 <= span[0] <= span[1] <= len(quote):
        return [(quote if len(quote) <= 2 * QUOTE_CONTEXT else quote[:2 * QUOTE_CONTEXT] + "…", "")]
    s, e = span
    before = quote[max(0, s - QUOTE_CONTEXT):s]
    after = quote[e:e + QUOTE_CONTEXT]
    middle = quote[s:e] if e - s <= 2 * QUOTE_CONTEXT else quote[s:s + 2 * QUOTE_CONTEXT] + "…"
    return [(("…" if s > QUOTE_CONTEXT else "") + before, ""), (middle, "bold underline magenta"),
            (after + ("…" if len(quote) - e > QUOTE_CONTEXT else ""), "")]


def _file_row(r: FileReport) -> tuple:
    """A file's line in the files table: path, score, missing, errors, warnings (an input error's id instead)."""
    if r.error:
        return (r.path, None, None, r.error.rule_id, None)
    return (r.path, f"{r.overall_score:g}" if r.overall_score is not None else "-",
            sum(1 for c in r.coverage if c.status == "missing"),
            sum(1 for d in r.diagnostics if d.severity == "error"),
            sum(1 for d in r.diagnostics if d.severity == "warning"))


def files_table(rows: list[tuple]) -> Table:
    table = Table(title=Text(t("report.files_title")), title_justify="left")
    for key in ("report.col_file", "report.col_score", "report.col_missing", "report.col_errors",
                "report.col_warnings"):
        table.add_column(t(key), justify="left" if key == "report.col_file" else "right")
    for path, score, missing, errors, warnings in rows:
        if score is None:
            table.add_row(rich_text(path), "-", "-", Text(errors, style="red"), "-")
            continue
        table.add_row(rich_text(path), score, str(missing), str(errors), str(warnings))
    return table


def statistics_table(result: RunResult) -> Table:
    counts = Counter((d.rule_id, d.severity) for d in result.all_diagnostics())
    table = Table(title=Text(t("report.statistics_title")), title_justify="left")
    for key in ("report.col_count", "report.col_rule", "report.col_level", "report.col_title"):
        table.add_column(t(key), justify="right" if key == "report.col_count" else "left")
    for (rule_id, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        title = getattr(result.rules.get(rule_id), "title", "") or t("report.input_error")
        table.add_row(str(n), rule_id, Text(t(f"severity.{severity}"), style=_STYLE[severity]),
                      rich_text(title))
    return table


def totals_line(counts: dict[str, int]) -> RenderableType:
    text = Text(t("report.totals", files=counts["files"], errors=counts["error"], warnings=counts["warning"],
                  infos=counts["info"]), style="bold")
    if counts["unreadable"]:
        text.append(t("report.unreadable", count=counts["unreadable"]), style="red")
    return Group(text)
