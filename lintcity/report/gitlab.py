"""`gitlab`: a Code Quality report (a JSON array of issues) for the merge-request widget.

GitLab keys each issue by `fingerprint`; ours is the content fingerprint (rule
id + normalized quote or requirement, + file), so an issue keeps its identity
when text above it moves.
"""

from __future__ import annotations

import hashlib
import json

from lintcity.report.ci_common import message_with_place, relative_uri
from lintcity.report.run import RunResult

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def issue(d) -> dict:
    path = relative_uri(d.path)
    line = d.location.line if d.location and d.location.line is not None else 1
    fp = hashlib.sha1(f"{path}\x00{d.fingerprint}".encode("utf-8", "surrogatepass")).hexdigest()
    return {"description": f"{d.rule_id} {message_with_place(d)}", "check_name": d.rule_id,
            "fingerprint": fp, "severity": _SEVERITY[d.severity],
            "location": {"path": path, "lines": {"begin": line}}}


def render(result: RunResult) -> str:
    return json.dumps([issue(d) for d in result.all_diagnostics()], ensure_ascii=False, indent=2)
