"""JSON: one object per run, every file with its diagnostics, coverage and targets."""

from __future__ import annotations

import json

from lintcity import __version__
from lintcity.diagnostics import FileReport


def render(reports: list[FileReport], pack_id: str) -> str:
    data = {"tool": "lintcity", "version": __version__, "pack": pack_id,
            "files": [r.to_dict() for r in reports],
            "summary": summary(reports)}
    return json.dumps(data, ensure_ascii=False, indent=2)


def summary(reports: list[FileReport]) -> dict[str, int]:
    counts = {"files": len(reports), "unreadable": sum(1 for r in reports if r.error),
              "error": 0, "warning": 0, "info": 0}
    for r in reports:
        for d in r.diagnostics:
            counts[d.severity] += 1
    return counts
