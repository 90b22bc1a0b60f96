"""What every reporter gets: the reports of one run and the settings that shape their rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lintcity.diagnostics import FileReport

SCHEMA_VERSION = "1.0"  # of the JSON output; docs/json-schema.json describes it


@dataclass(frozen=True)
class RunResult:
    # A list; `lintcity check` hands the terminal and JSON writers, which read it once, the batch's
    # reports as they arrive (a generator), so no report is kept.
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
        tally = Tally()
        for r in self.reports:
            tally.add(r)
        return tally.counts()

    def all_diagnostics(self):
        """Findings and input errors alike (machine formats report both)."""
        for r in self.reports:
            if r.error is not None:
                yield r.error
            yield from r.diagnostics


class Tally:
    """The run's counts, kept as reports go by (a streamed run keeps no report)."""

    def __init__(self) -> None:
        self._counts = {"files": 0, "unreadable": 0, "error": 0, "warning": 0, "info": 0}

    def add(self, report: FileReport) -> FileReport:
        self._counts["files"] += 1
        self._counts["unreadable"] += report.error is not None
        for d in report.diagnostics:
            self._counts[d.severity] += 1
        return report

    def counts(self) -> dict[str, int]:
        return dict(self._counts)
