"""The interface every rule kind implements, built-in or plugin.

A plugin is a subclass of `Check` registered in the entry-point group
`lintcity.rules` under its kind name (e.g. `budget = my_pkg.rules:BudgetCheck`).
A pack entry with `kind: budget` then runs it. A plugin check with a class
attribute `default_requirement` (a pack entry as a dict) also runs without any
pack entry. See rules/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from lintcity.analysis import Analysis, SentenceInfo
from lintcity.diagnostics import CoverageEntry, Diagnostic, Severity, fingerprint
from lintcity.document import Location
from lintcity.packs import Pack, Requirement


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    coverage: CoverageEntry | None = None


class Check:
    """One requirement of a pack, checked against one document's Analysis."""

    kind: ClassVar[str] = ""
    default_requirement: ClassVar[dict | None] = None

    def __init__(self, requirement: Requirement, pack: Pack) -> None:
        self.req = requirement
        self.pack = pack

    def run(self, analysis: Analysis) -> CheckResult:
        raise NotImplementedError

    def fires_on(self, analysis: Analysis) -> bool:
        """For pack examples: does this sentence trigger the rule? Default: any diagnostic."""
        return bool(self.run(analysis).diagnostics)

    # -- helpers for subclasses -------------------------------------------

    def diagnostic(self, analysis: Analysis, message: str, *, severity: Severity | None = None,
                   info: SentenceInfo | None = None, span: tuple[int, int] | None = None,
                   location: Location | None = None, suggestion: str | None = None,
                   key: str | None = None) -> Diagnostic:
        """A diagnostic quoting `info`'s original sentence, `span` given in its normalized text."""
        quote = orig_span = None
        heading_path: tuple[str, ...] = ()
        if info is not None:
            sentence = info.sentence
            quote = sentence.text
            location = location or sentence.location
            heading_path = info.block.heading_path
            if span is not None:
                s, e = info.block.normalized.original_span(sentence.norm_start + span[0], sentence.norm_start + span[1])
                orig_span = (max(s - sentence.start, 0), max(e - sentence.start, 0))
        fp_key = key if key is not None else (info.sentence.norm if info is not None else self.req.id)
        return Diagnostic(
            rule_id=self.req.id, name=self.req.name, severity=severity or self.req.severity, message=message,
            path=analysis.doc.path, location=location, quote=quote, span=orig_span,
            suggestion=suggestion if suggestion is not None else (self.req.suggestion or None),
            guideline_item=self.req.item, heading_path=heading_path, fingerprint=fingerprint(self.req.id, fp_key))

    def anchor_location(self, analysis: Analysis) -> Location | None:
        """Where a missing requirement belongs: the heading of its part, else the document start."""
        part = self.pack.parts.get(self.req.part or "", {})
        words = part.get("headings", ())
        for block in analysis.doc.blocks:
            if block.kind == "heading" and any(w in block.norm for w in words):
                return block.location
        return analysis.doc.blocks[0].location if analysis.doc.blocks else None
