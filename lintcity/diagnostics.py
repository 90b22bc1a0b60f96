"""Plain, frozen, JSON-serializable results: what checks produce and reporters render.

Fingerprints key a finding by content (rule id + normalized quote, or the
requirement for a document-level finding), never by line numbers, so baselines
survive edits and .docx files that have no lines.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from lintcity.document import Location

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
Status = Literal["covered", "thin", "missing"]


def fingerprint(rule_id: str, key: str) -> str:
    return hashlib.sha1(f"{rule_id}\x00{key}".encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Diagnostic:
    rule_id: str
    name: str
    severity: Severity
    message: str
    path: str
    location: Location | None = None
    quote: str | None = None
    span: tuple[int, int] | None = None  # the matched part of `quote`
    suggestion: str | None = None
    guideline_item: str | None = None
    heading_path: tuple[str, ...] = ()
    fingerprint: str = ""

    def to_dict(self) -> dict[str, Any]:
        # Written out, not `dataclasses.asdict`: that deep-copies every field and was most of a warm run.
        return {"rule_id": self.rule_id, "name": self.name, "severity": self.severity, "message": self.message,
                "path": self.path, "location": self.location.to_dict() if self.location else None,
                "quote": self.quote, "span": list(self.span) if self.span else None,
                "suggestion": self.suggestion, "guideline_item": self.guideline_item,
                "heading_path": list(self.heading_path), "fingerprint": self.fingerprint}


@dataclass(frozen=True)
class Evidence:
    quote: str
    location: Location
    terms: tuple[str, ...]
    weight: float
    heading_path: tuple[str, ...] = ()
    # Why this mention does not count (a filter key of `lintcity.filters`, e.g. "background"), or None
    # when it counts. Discounted mentions stay in the coverage entry so a drafter sees what was set aside.
    discounted: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"quote": self.quote, "location": self.location.to_dict(), "terms": list(self.terms),
                "weight": self.weight, "heading_path": list(self.heading_path), "discounted": self.discounted}


@dataclass(frozen=True)
class CoverageEntry:
    requirement_id: str
    title: str
    part: str | None
    status: Status
    score: float
    evidence: tuple[Evidence, ...] = ()
    note: str = ""

    @property
    def counted_evidence(self) -> tuple[Evidence, ...]:
        """The evidence that counted towards the status (discounted mentions left out)."""
        return tuple(e for e in self.evidence if e.discounted is None)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.requirement_id, "title": self.title, "part": self.part, "status": self.status,
                "score": round(self.score, 2), "evidence_count": len(self.counted_evidence),
                "evidence": [e.to_dict() for e in self.evidence], "note": self.note}


@dataclass(frozen=True)
class Target:
    """A year-bound goal: indicator, comparator, value, unit — from prose or a table."""

    year: int
    indicator: str
    comparator: str
    value: float
    unit: str
    quote: str
    location: Location
    source: Literal["prose", "table"] = "prose"
    upper: float | None = None  # a range target ("2—3个", comparator "range"): value is the low end, upper the high
    # The same goal stated again elsewhere (prose and indicator table): one target, several places.
    also_at: tuple[Location, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "indicator": self.indicator, "comparator": self.comparator, "value": self.value,
                "unit": self.unit, "quote": self.quote, "location": self.location.to_dict(), "source": self.source,
                "upper": self.upper, "also_at": [loc.to_dict() for loc in self.also_at]}


DocumentKind = Literal["plan", "related", "other"]


@dataclass(frozen=True)
class KindSignal:
    """One piece of evidence for the document-level verdict (what kind of document this is).

    `signal` is a catalog key suffix (`verdicts.signal.<signal>`): title, issuer, purpose, share,
    citation, genre …; `detail` is the quoted text or figure; `points` its contribution (+ towards
    a plan, − away from one).
    """

    signal: str
    detail: str
    points: float

    def to_dict(self) -> dict[str, Any]:
        return {"signal": self.signal, "detail": self.detail, "points": self.points}


@dataclass(frozen=True)
class FileReport:
    path: str
    format: str | None = None
    stats: dict[str, int] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    coverage: tuple[CoverageEntry, ...] = ()
    targets: tuple[Target, ...] = ()
    error: Diagnostic | None = None
    document_kind: DocumentKind | None = None  # plan / related / other (None: not judged, e.g. unreadable)
    document_evidence: tuple[KindSignal, ...] = ()

    @property
    def overall_score(self) -> float | None:
        """Share of requirements covered (thin counts half), 0–100."""
        if not self.coverage:
            return None
        points = sum(1.0 if c.status == "covered" else 0.5 if c.status == "thin" else 0.0 for c in self.coverage)
        return round(100 * points / len(self.coverage), 1)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.format, "stats": self.stats,
                "overall_score": self.overall_score,
                "error": self.error.to_dict() if self.error else None,
                "diagnostics": [d.to_dict() for d in self.diagnostics],
                "coverage": [c.to_dict() for c in self.coverage],
                "targets": [t.to_dict() for t in self.targets],
                "document_kind": self.document_kind,
                "document_evidence": [k.to_dict() for k in self.document_evidence]}
