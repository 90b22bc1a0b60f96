"""One documentation block per rule, in a fixed shape (as `ruff rule X` prints)."""

from __future__ import annotations

from lintcity.packs import Requirement


def explain_text(req: Requirement) -> str:
    lines = [f"{req.id} ({req.name}) — {req.title}", "",
             f"kind: {req.kind}    severity: {req.severity}" + (f"    guideline: {req.item}" if req.item else ""),
             "", "## What it checks", req.explain or "-", "", "## Why", req.why or "-", "",
             "## How to satisfy it", req.suggestion or "-"]
    if req.groups:
        lines += ["", "## Evidence terms"]
        for g in req.groups:
            weight = "" if g.weight == 1.0 else f" (weight {g.weight:g})"
            lines.append(f"- {g.name}{weight}: {'、'.join(g.terms)}")
    if req.kind in ("coverage", "mechanism"):
        from lintcity.filters import explain_lines

        lines += ["", *explain_lines()]
    if req.anchors:
        lines += ["", "## Anchors", "、".join(req.anchors)]
    if req.examples_match or req.examples_no_match:
        lines += ["", "## Examples"]
        lines += [f"+ {s}" for s in req.examples_match]
        lines += [f"- {s}" for s in req.examples_no_match]
    lines += ["", f"defined in: {req.source}"]
    return "\n".join(lines)
