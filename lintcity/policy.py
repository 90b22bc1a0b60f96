"""The user's policy over a file's findings: --select/--ignore for input errors, per-file ignores
by glob, severity overrides. Applied after linting, so coverage and scores never depend on it."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from lintcity.selection import Selection
from lintcity.diagnostics import FileReport
from lintcity.selectors import matches, most_specific


@dataclass(frozen=True)
class Policy:
    selection: Selection = field(default_factory=Selection)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, selectors)
    severity: dict[str, str] = field(default_factory=dict)  # selector → level; the longest selector wins

    def apply(self, report: FileReport) -> FileReport | None:
        """The report as the user wants it; None for an input error the user ignores (`--ignore IO002`)."""
        ignored = self.selection.ignore + self._file_ignores(report.path)
        if report.error is not None:
            return None if matches(report.error.rule_id, ignored) else report
        kept = []
        decided: dict[str, tuple[bool, str | None]] = {}  # rule id → (kept, level): a file repeats its rules
        for d in report.diagnostics:
            decision = decided.get(d.rule_id)
            if decision is None:
                wanted = not matches(d.rule_id, ignored) and self.selection.wants(d.rule_id)
                decision = decided[d.rule_id] = (wanted, most_specific(d.rule_id, self.severity) if wanted else None)
            wanted, level = decision
            if not wanted:
                continue
            kept.append(replace(d, severity=level) if level and level != d.severity else d)
        if len(kept) == len(report.diagnostics) and all(a is b for a, b in zip(kept, report.diagnostics)):
            return report  # nothing to change (most files): no copy
        return replace(report, diagnostics=tuple(kept))

    def _file_ignores(self, path: str) -> tuple[str, ...]:
        posix = PurePath(path).as_posix()
        name = PurePath(path).name
        out: tuple[str, ...] = ()
        for glob, selectors in self.per_file_ignores:
            if fnmatch.fnmatch(posix, glob) or fnmatch.fnmatch(name, glob) or fnmatch.fnmatch(posix, f"*/{glob}"):
                out += selectors
        return out
