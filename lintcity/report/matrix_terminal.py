"""The matrix on a terminal: one line per plan, one column per guideline part, fits 120 columns.

Twenty-four requirements do not fit as twenty-four columns beside a plan name
in 120 columns, so each part is one column holding its requirements' symbols
in pack order (✓✓✗◐…); the legend under the table names them in that order.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from lintcity.errors import printable, rich_text
from lintcity.i18n import t
from lintcity.report.matrix import Matrix, Row, format_value

STATUS_STYLE = {"covered": "green", "thin": "yellow", "missing": "red", "": "dim"}
CITATION_STYLE = {"ok": "green", "missing": "red", "format": "yellow", "outdated": "yellow", "unknown": "dim"}
MAX_WIDTH = 120


def render(matrix: Matrix, console: Console) -> None:
    """Print the matrix and its legend, at most 120 columns wide (120 also when piped)."""
    console.width = min(console.width, MAX_WIDTH) if console.is_terminal else MAX_WIDTH
    console.print(matrix_table(matrix))
    for line in legend(matrix):
        console.print(line)


def matrix_table(matrix: Matrix) -> Table:
    table = Table(title=Text(t("review.title", plans=len(matrix.rows), pack=matrix.pack_id)),
                  box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True, pad_edge=False)
    table.add_column(t("review.col.plan"), overflow="ellipsis", no_wrap=True, ratio=1, min_width=12, max_width=48)
    for part in matrix.grid_parts():
        table.add_column(part.key, no_wrap=True, min_width=max(len(part.columns), 2))
    table.add_column(t("review.col.coverage"), justify="right", no_wrap=True, min_width=6)
    for year in (2027, 2030):
        table.add_column(str(year), no_wrap=True, min_width=4)
    table.add_column(t("review.col.citation"), no_wrap=True, min_width=8)
    table.add_column(t("review.col.errors"), justify="right", no_wrap=True, min_width=4)
    for row in matrix.rows:
        table.add_row(*row_cells(matrix, row))
    return table


def row_cells(matrix: Matrix, row: Row) -> list[Text]:
    name = rich_text(row.path)
    if row.unreadable:
        name.append("  " + printable(t("review.unreadable", cause=row.unreadable)), style="red")
        return [name] + [Text("")] * (len(matrix.grid_parts()) + 5)
    cells = [name]
    for part in matrix.grid_parts():
        symbols = Text()
        for col in part.columns:
            cell = row.cells.get(col.id)
            symbols.append(cell.symbol if cell else "·", style=STATUS_STYLE[cell.status] if cell else "dim")
        cells.append(symbols)
    cells.append(Text(f"{format_value(row.coverage)}%" if row.coverage is not None else "—"))
    for year in row.years:
        symbol = {"covered": "✓", "thin": "◐", "missing": "✗"}.get(year.status, "·")
        cells.append(Text(f"{symbol} {year.quantified}", style=STATUS_STYLE[year.status]))
    cells.append(Text(t(f"review.citation.{row.citation}"), style=CITATION_STYLE[row.citation]))
    cells.append(Text(str(row.errors), style="red" if row.errors else "green"))
    return cells


def legend(matrix: Matrix) -> list[Text]:
    lines = [Text(t("review.legend"), style="dim")]
    for part in matrix.grid_parts():
        columns = " ".join(f"{c.id} {c.title}" for c in part.columns)
        lines.append(Text(t("review.legend_part", part=part.key, title=part.title, columns=columns), style="dim"))
    return lines
