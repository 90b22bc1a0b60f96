"""`sarif`: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps).

Rules carry their help text (what, why, how to satisfy); each result carries
`partialFingerprints` from the content fingerprint (rule id + normalized quote
or requirement), so a finding keeps its identity when text above it moves, and
a region when the document has lines (text, Markdown, PDF); a Word paragraph
or table cell, which has no line, is named in the message and in the
location's properties. Unreadable files are results of their IO0xx rule.
Paths are relative to the current folder (the repository), as code scanning
requires. Tests validate this output against the official SARIF 2.1.0 schema.
"""

from __future__ import annotations

import json

from lintcity import __version__
from lintcity.i18n import t
from lintcity.report.ci_common import message_with_place, relative_uri
from lintcity.report.run import RunResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule(rule_id: str, req, fallback_title: str) -> dict:
    title = getattr(req, "title", None) or fallback_title
    entry = {"id": rule_id, "name": getattr(req, "name", None) or rule_id,
             "shortDescription": {"text": title}}
    if req is not None:
        what, why, how = req.explain or title, req.why or "", req.suggestion or ""
        entry["fullDescription"] = {"text": what}
        help_text = "\n\n".join(x for x in (what, why, how) if x)
        entry["help"] = {"text": help_text,
                         "markdown": "\n\n".join(f"**{t(k)}** {v}" for k, v in (
                             ("sarif.what", what), ("sarif.why", why), ("sarif.how", how)) if v)}
        entry["defaultConfiguration"] = {"level": _LEVEL.get(req.severity, "warning")}
        if req.item:
            entry["properties"] = {"guideline_item": req.item}
    return entry


def _result(d, index: int) -> dict:
    physical: dict = {"artifactLocation": {"uri": relative_uri(d.path)}}
    if d.location is not None and d.location.line is not None:
        physical["region"] = {"startLine": d.location.line}
    location: dict = {"physicalLocation": physical}
    if d.location is not None:
        location["properties"] = {"location": str(d.location), **d.location.to_dict()}
        if d.heading_path:
            location["properties"]["heading_path"] = list(d.heading_path)
    result = {"ruleId": d.rule_id, "ruleIndex": index, "level": _LEVEL[d.severity],
              "message": {"text": message_with_place(d)}, "locations": [location],
              "partialFingerprints": {"lintcityFingerprint/v1": d.fingerprint or d.rule_id}}
    if d.suggestion:
        result["properties"] = {"suggestion": d.suggestion}
    return result


def render(result: RunResult) -> str:
    from lintcity.report.explain import extra_codes

    extra = extra_codes()
    diagnostics = list(result.all_diagnostics())
    ids = list(result.rules) + [i for i in dict.fromkeys(d.rule_id for d in diagnostics) if i not in result.rules]
    index = {rule_id: n for n, rule_id in enumerate(ids)}
    rules = [_rule(i, result.rules.get(i), extra.get(i, i)) for i in ids]
    run = {"tool": {"driver": {"name": "lintcity", "version": __version__, "semanticVersion": __version__,
                               "rules": rules}},
           "results": [_result(d, index[d.rule_id]) for d in diagnostics],
           "columnKind": "unicodeCodePoints",
           "properties": {"pack": result.pack_id}}
    return json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)
