"""`lintcity targets` on a terminal: one table of every target of every plan."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from lintcity.errors import rich_text
from lintcity.i18n import t
from lintcity.report.matrix import Matrix


def render(matrix: Matrix, console: Console) -> None:
    table = Table(title=Text(t("review.targets.title", targets=sum(len(r.targets) for r in matrix.rows),
                               plans=len(matrix.rows))))
    for key in ("plan", "year", "indicator", "comparator", "value", "unit", "location"):
        table.add_column(t(f"review.col.{key}"), overflow="fold")
    for row in matrix.rows:
        for tg in sorted(row.targets, key=lambda x: x.year):
            # Text, not str: brackets in a file name or an indicator are not Rich markup.
            table.add_row(rich_text(row.name), str(tg.year), rich_text(tg.indicator), tg.comparator,
                          tg.value_text, rich_text(tg.unit), "；".join(tg.locations))
    console.print(table)
