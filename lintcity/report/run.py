"""What every reporter gets: the reports of one run and the settings that shape their rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lintcity.diagnostics import FileReport

SCHEMA_VERSION = "1.0"  # of the JSON output; docs/json-schema.json describes it


@dataclass(frozen=True)
class RunResult:
    reports: list[FileReport]
    pack_id: str
    rules: dict[str, Any] = field(default_factory=dict)  # rule id → packs.Requirement (titles, help texts)
    parts: dict[str, dict] = field(default_factory=dict)  # the pack's guideline parts, in order: id → {title, ...}
    fail_level: str = "error"
    show_evidence: bool = False
    quiet: bool = False
    statistics: bool = False
    show_coverage: bool = True

    def counts(self) -> dict[str, int]:
        counts = {"files": len(self.reports), "unreadable": sum(1 for r in self.reports if r.error),
                  "error": 0, "warning": 0, "info": 0}
        for r in self.reports:
            for d in r.diagnostics:
                counts[d.severity] += 1
        return counts

    def all_diagnostics(self):
        """Findings and input errors alike (machine formats report both)."""
        for r in self.reports:
            if r.error is not None:
                yield r.error
            yield from r.diagnostics
