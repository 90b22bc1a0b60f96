"""The matrix as a Markdown table (for an issue, a wiki page or a merge request)."""

from __future__ import annotations

from lintcity.i18n import t
from lintcity.report import matrix_flat
from lintcity.report.matrix import Matrix


def cell(value: object) -> str:
    """Markdown table cell: pipes and line breaks would break the row."""
    return matrix_flat.value_text(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")  # type: ignore[arg-type]


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)


def render(matrix: Matrix) -> str:
    full = matrix_flat.header(matrix)  # plan, path, requirement columns, summary columns
    header = [full[0]] + [c.id for c in matrix.columns] + full[2 + len(matrix.columns):]
    rows = []
    for row in matrix.rows:
        values = matrix_flat.row_values(matrix, row)
        rows.append(values[:1] + values[2:])
    out = [f"# {t('review.title', plans=len(matrix.rows), pack=matrix.pack_id)}", "", table(header, rows), "",
           t("review.legend"), ""]
    for part in matrix.parts:
        columns = "，".join(f"{c.id} {c.title}" for c in part.columns)
        out.append(f"- {t('review.legend_part', part=part.key, title=part.title, columns=columns)}")
    return "\n".join(out) + "\n"
