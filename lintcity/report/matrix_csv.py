"""The matrix as CSV: one line per plan, one column per requirement.

Written as UTF-8 with a byte-order mark, which is how Excel and WPS on Windows
recognise UTF-8 (without it they read the Chinese headers as GBK mojibake).
"""

from __future__ import annotations

import csv
import io

from lintcity.report import matrix_flat
from lintcity.report.matrix import Matrix


def render(matrix: Matrix) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(matrix_flat.header(matrix))
    for row in matrix.rows:
        writer.writerow([matrix_flat.value_text(v) for v in matrix_flat.row_values(matrix, row)])
    return out.getvalue()


def render_rows(header: list[str], rows: list[list]) -> str:
    """Any table as CSV (the `targets` command's table uses it too)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[matrix_flat.value_text(v) for v in r] for r in rows])
    return out.getvalue()
