"""The matrix as flat rows of text: the shared shape of the CSV, Markdown and XLSX reports.

One column per requirement (✓/◐/✗), then coverage, the 2027/2030 target
status and count of quantified targets, citation, errors and warnings. Kept in
one place so the three tabular formats have the same columns in the same order.
"""

from __future__ import annotations

from lintcity.i18n import t
from lintcity.report.matrix import STATUS_SYMBOL, Matrix, Row, format_value


def header(matrix: Matrix) -> list[str]:
    cols = [t("review.col.plan"), t("review.col.path")]
    cols += [f"{c.id} {c.title}" for c in matrix.columns]
    cols.append(t("review.col.coverage"))
    for year in (2027, 2030):
        cols += [t("review.col.targets_year", year=year), t("review.col.quantified", year=year)]
    cols += [t("review.col.citation"), t("review.col.errors"), t("review.col.warnings"), t("review.col.kind")]
    return cols


def part_header(matrix: Matrix) -> list[str]:
    """The row above `header`: each requirement column's part (`二 全领域…`), blank elsewhere."""
    cols = ["", ""] + [f"{p.key} {p.title}" for p in matrix.parts for _ in p.columns]
    return cols + [""] * (len(header(matrix)) - len(cols))


def row_values(matrix: Matrix, row: Row) -> list[str | float | int]:
    values: list[str | float | int] = [row.name, row.path]
    if row.unreadable:
        values.append(t("review.unreadable", cause=row.unreadable))
        return values + [""] * (len(header(matrix)) - len(values))
    values += [row.cells[c.id].symbol if c.id in row.cells else "" for c in matrix.columns]
    values.append(row.coverage if row.coverage is not None else "")
    for year in row.years:
        values += [STATUS_SYMBOL.get(year.status, ""), year.quantified]
    values += [t(f"review.citation.{row.citation}"), row.errors, row.warnings, kind_label(row.document_kind)]
    return values


def catalog_label(prefix: str, key: str) -> str:
    """The catalog's text for a key another part of lintcity defines (a filter reason, a document kind)."""
    from lintcity.i18n import catalog

    return t(f"{prefix}.{key}") if f"{prefix}.{key}" in catalog() else key


def kind_label(kind: str | None) -> str:
    """The verdicts' name for a document kind (plan / related / other), or "" when not judged."""
    return catalog_label("verdicts.kind", kind) if kind else ""


def target_header() -> list[str]:
    return [t("review.col.plan"), t("review.col.year"), t("review.col.indicator"), t("review.col.comparator"),
            t("review.col.value"), t("review.col.unit"), t("review.col.location"), t("review.col.source"),
            t("review.col.quote")]


def target_rows(matrix: Matrix) -> list[list[str | int | float]]:
    rows: list[list[str | int | float]] = []
    for row in matrix.rows:
        for tg in sorted(row.targets, key=lambda x: x.year):
            rows.append([row.path, tg.year, tg.indicator, tg.comparator, tg.value, tg.unit,
                         "；".join(tg.locations), t(f"review.source.{tg.source}"), tg.quote])
    return rows


def finding_header() -> list[str]:
    return [t("review.col.plan"), t("review.col.rule"), t("review.col.severity"), t("review.col.location"),
            t("review.col.message"), t("review.col.quote"), t("review.col.suggestion")]


def finding_rows(matrix: Matrix) -> list[list[str]]:
    return [[row.path, f.rule_id, t(f"severity.{f.severity}"), f.location, f.message, f.quote, f.suggestion]
            for row in matrix.rows for f in row.findings]


def value_text(value: str | float | int) -> str:
    return format_value(value) if isinstance(value, float) else str(value)
