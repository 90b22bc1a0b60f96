"""JSON: one object per run, every file with its diagnostics, coverage and targets.

The shape is versioned (`schema_version`) and described by `docs/json-schema.json`;
tests validate every output against it.
"""

from __future__ import annotations

import json

from lintcity import __version__
from lintcity.report.run import SCHEMA_VERSION, RunResult


def render(result: RunResult) -> str:
    data = {"tool": "lintcity", "version": __version__, "schema_version": SCHEMA_VERSION, "pack": result.pack_id,
            "files": [r.to_dict() for r in result.reports], "summary": result.counts()}
    return json.dumps(data, ensure_ascii=False, indent=2)
