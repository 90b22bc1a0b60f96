"""The matrix as a real spreadsheet (openpyxl): what a reviewer files and filters.

Sheet 1 is the matrix with a two-row frozen header (part, then requirement),
conditional colours on the ✓/◐/✗ cells and a colour scale on coverage, so the
colours follow when a reviewer edits or sorts; sheet 2 lists every finding and
sheet 3 every target, each with an autofilter.
"""

from __future__ import annotations

from pathlib import Path

from lintcity.i18n import t
from lintcity.report import matrix_flat
from lintcity.report.matrix import Matrix

GREEN, YELLOW, RED = "C6EFCE", "FFEB9C", "FFC7CE"


def write(matrix: Matrix, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = t("review.sheet.matrix")
    _matrix_sheet(sheet, matrix)
    write_table(book.create_sheet(t("review.sheet.findings")), matrix_flat.finding_header(),
                matrix_flat.finding_rows(matrix), widths=[28, 8, 6, 14, 60, 50, 50])
    write_table(book.create_sheet(t("review.sheet.targets")), matrix_flat.target_header(),
                matrix_flat.target_rows(matrix), widths=[28, 6, 36, 6, 8, 6, 20, 6, 60])
    book.save(path)


def _matrix_sheet(sheet, matrix: Matrix) -> None:
    from openpyxl.formatting.rule import CellIsRule, ColorScaleRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    parts = matrix_flat.part_header(matrix)
    header = matrix_flat.header(matrix)
    append(sheet, parts)
    append(sheet, header)
    for row in matrix.rows:
        append(sheet, matrix_flat.row_values(matrix, row))
    first_req = 3
    start = first_req
    for part in matrix.parts:  # one merged part label over its requirement columns
        end = start + len(part.columns) - 1
        if end > start:
            sheet.merge_cells(start_row=1, start_column=start, end_row=1, end_column=end)
        start = end + 1
    bold = Font(bold=True)
    for cell in list(sheet[1]) + list(sheet[2]):
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
    sheet.row_dimensions[2].height = 60
    sheet.freeze_panes = "C3"
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 30
    last = first_req + len(matrix.columns) - 1
    for col in range(first_req, len(header) + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 7 if col <= last else 10
    if not matrix.rows:
        return
    bottom = 2 + len(matrix.rows)
    symbols = f"{get_column_letter(first_req)}3:{get_column_letter(len(header))}{bottom}"
    for symbol, colour in (("✓", GREEN), ("◐", YELLOW), ("✗", RED)):
        sheet.conditional_formatting.add(symbols, CellIsRule(operator="equal", formula=[f'"{symbol}"'],
                                                             fill=PatternFill("solid", bgColor=colour)))
    coverage = get_column_letter(last + 1)
    sheet.conditional_formatting.add(f"{coverage}3:{coverage}{bottom}", ColorScaleRule(
        start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=50,
        mid_color="FFEB84", end_type="num", end_value=100, end_color="63BE7B"))
    for row in sheet.iter_rows(min_row=3, min_col=first_req, max_col=last):
        for cell in row:
            cell.alignment = Alignment(horizontal="center")


def write_table(sheet, header: list[str], rows: list[list], widths: list[int]) -> None:
    """A sheet with a bold frozen header and an autofilter (findings, targets)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    append(sheet, header)
    for r in rows:
        append(sheet, r)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(rows) + 1)}"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def append(sheet, values: list) -> None:
    """Append a row, keeping text that starts with "=" as text: a quote from a document is never a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def write_targets(matrix: Matrix, path: Path) -> None:
    """The `targets` command's table as a one-sheet workbook."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = t("review.sheet.targets")
    write_table(sheet, matrix_flat.target_header(), matrix_flat.target_rows(matrix),
                widths=[28, 6, 36, 6, 8, 6, 20, 6, 60])
    book.save(path)
