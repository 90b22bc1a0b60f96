"""The matrix as JSON: the model itself (parts, columns, per-plan cells with their evidence)."""

from __future__ import annotations

import json

from lintcity.report.matrix import Matrix


def render(matrix: Matrix) -> str:
    return json.dumps(matrix.to_dict(), ensure_ascii=False, indent=2)
