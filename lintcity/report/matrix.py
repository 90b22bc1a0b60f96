"""The reviewer's matrix: plans × requirements, as plain data every format renders.

A provincial reviewer reads many plans side by side. This module turns
FileReports into one small model (rows = plans, columns = the pack's
requirements grouped by guideline part, plus coverage, targets, citation and
counts) so that the terminal, CSV, JSON, Markdown, XLSX and HTML reporters
only lay it out and never decide anything themselves: a status, a count or a
citation verdict is computed here once, and every format shows the same one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable, Literal

from lintcity.diagnostics import CoverageEntry, Diagnostic, FileReport, Target

SortKey = Literal["coverage", "name"]
CitationStatus = Literal["ok", "missing", "format", "outdated", "unknown"]
STATUS_SYMBOL = {"covered": "✓", "thin": "◐", "missing": "✗"}
TARGET_YEARS = (2027, 2030)
_TARGET_RULE = {2027: "TG101", 2030: "TG102"}
_CITATION_RULE = {"CT103": "outdated", "CT102": "format", "CT101": "missing"}  # most specific first
# Requirements the summary columns already show (target years, citation): a compact grid leaves them out.
SUMMARISED = frozenset(_TARGET_RULE.values()) | {"CT101"}


@dataclass(frozen=True)
class Column:
    """One requirement: a column of the matrix."""

    id: str
    title: str
    part: str


@dataclass(frozen=True)
class Part:
    """A guideline part and its requirement columns, in pack order."""

    key: str
    title: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class EvidenceLine:
    """One sentence that decided a cell, with the place a reviewer finds it."""

    quote: str
    location: str
    terms: tuple[str, ...] = ()
    discounted: str | None = None


@dataclass(frozen=True)
class Cell:
    status: str  # covered / thin / missing
    score: float
    evidence: tuple[EvidenceLine, ...] = ()
    message: str = ""  # the finding for a thin or missing requirement
    suggestion: str = ""
    location: str = ""

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOL.get(self.status, "?")


@dataclass(frozen=True)
class TargetLine:
    year: int
    indicator: str
    comparator: str
    value: float
    unit: str
    source: str
    locations: tuple[str, ...]  # the first place, then the same goal stated again elsewhere
    quote: str = ""

    @property
    def value_text(self) -> str:
        return format_value(self.value)


@dataclass(frozen=True)
class YearTargets:
    """Whether the plan states a goal for `year` (the TG rule's status) and how many are quantified."""

    year: int
    status: str  # covered / thin / missing, or "" when the pack has no rule for the year
    quantified: int


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str
    message: str
    location: str
    quote: str = ""
    suggestion: str = ""


@dataclass(frozen=True)
class Row:
    """One plan: its cells by requirement id and everything the summary columns show."""

    path: str
    name: str
    format: str | None
    coverage: float | None
    cells: dict[str, Cell]
    years: tuple[YearTargets, ...]
    citation: CitationStatus
    errors: int
    warnings: int
    findings: tuple[Finding, ...]
    targets: tuple[TargetLine, ...]
    unreadable: str = ""  # the cause, when the file could not be linted
    document_kind: str | None = None

    def part_counts(self, part: Part) -> dict[str, int]:
        counts = {"covered": 0, "thin": 0, "missing": 0}
        for col in part.columns:
            cell = self.cells.get(col.id)
            if cell:
                counts[cell.status] += 1
        return counts


@dataclass(frozen=True)
class Matrix:
    pack_id: str
    parts: tuple[Part, ...]
    rows: tuple[Row, ...]
    sort: str = "name"

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(c for p in self.parts for c in p.columns)

    def grid_parts(self) -> tuple[Part, ...]:
        """The parts without the requirements the summary columns show (for a compact grid)."""
        parts = (Part(p.key, p.title, tuple(c for c in p.columns if c.id not in SUMMARISED)) for p in self.parts)
        return tuple(p for p in parts if p.columns)

    def to_dict(self) -> dict[str, Any]:
        return {"pack": self.pack_id, "sort": self.sort,
                "parts": [asdict(p) for p in self.parts],
                "plans": [_row_dict(r) for r in self.rows]}


def _row_dict(row: Row) -> dict[str, Any]:
    data = asdict(row)
    data["cells"] = {k: {**asdict(c), "symbol": c.symbol} for k, c in row.cells.items()}
    return data


def format_value(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def build_matrix(reports: Iterable[FileReport], part_titles: dict[str, str], pack_id: str = "",
                 sort: SortKey = "name") -> Matrix:
    """The matrix of `reports` (columns: every requirement any plan was checked against, in pack order)."""
    reports = list(reports)
    columns: dict[str, Column] = {}
    for report in reports:
        for entry in report.coverage:
            columns.setdefault(entry.requirement_id,
                               Column(entry.requirement_id, entry.title, entry.part or ""))
    parts: dict[str, list[Column]] = {}
    for col in columns.values():
        parts.setdefault(col.part, []).append(col)
    part_list = tuple(Part(k, part_titles.get(k, k), tuple(cols)) for k, cols in parts.items())
    rows = [build_row(r) for r in reports]
    if sort == "coverage":
        rows.sort(key=lambda r: (r.coverage is None, -(r.coverage or 0.0), r.path))
    else:
        rows.sort(key=lambda r: r.path)
    return Matrix(pack_id, part_list, tuple(rows), sort)


def build_row(report: FileReport) -> Row:
    name = Path(report.path).name or report.path
    if report.error:
        return Row(report.path, name, report.format, None, {}, (), "unknown", 1, 0,
                   (finding(report.error),), (), unreadable=report.error.message)
    by_rule = {d.rule_id: d for d in report.diagnostics}
    cells = {c.requirement_id: build_cell(c, by_rule.get(c.requirement_id)) for c in report.coverage}
    years = tuple(YearTargets(y, cells[_TARGET_RULE[y]].status if _TARGET_RULE[y] in cells else "",
                              sum(1 for t in report.targets if t.year == y)) for y in TARGET_YEARS)
    return Row(report.path, name, report.format, report.overall_score, cells, years, citation_status(report),
               sum(1 for d in report.diagnostics if d.severity == "error"),
               sum(1 for d in report.diagnostics if d.severity == "warning"),
               tuple(finding(d) for d in report.diagnostics), tuple(target_line(t) for t in report.targets),
               document_kind=report.document_kind)


def build_cell(entry: CoverageEntry, diagnostic: Diagnostic | None) -> Cell:
    evidence = tuple(EvidenceLine(e.quote, str(e.location), tuple(e.terms), getattr(e, "discounted", None))
                     for e in entry.evidence)
    if diagnostic is None:
        return Cell(entry.status, entry.score, evidence)
    return Cell(entry.status, entry.score, evidence, diagnostic.message, diagnostic.suggestion or "",
                str(diagnostic.location or ""))


def citation_status(report: FileReport) -> CitationStatus:
    """The most specific citation problem (an outdated or mangled citation says more than "missing")."""
    found = {d.rule_id for d in report.diagnostics}
    for rule_id, status in _CITATION_RULE.items():
        if rule_id in found:
            return status  # type: ignore[return-value]
    cited = next((c for c in report.coverage if c.requirement_id == "CT101"), None)
    return "ok" if cited is None or cited.status != "missing" else "missing"


def finding(d: Diagnostic) -> Finding:
    return Finding(d.rule_id, d.severity, d.message, str(d.location or ""), d.quote or "", d.suggestion or "")


def target_line(t: Target) -> TargetLine:
    places = (str(t.location),) + tuple(str(loc) for loc in getattr(t, "also_at", ()))
    return TargetLine(t.year, t.indicator, t.comparator, t.value, t.unit, t.source, places, t.quote)


def part_titles(pack) -> dict[str, str]:
    """Part key → its title, from the pack (一 → 总体要求 …)."""
    return {key: str(data.get("title", key)) for key, data in pack.parts.items()}
