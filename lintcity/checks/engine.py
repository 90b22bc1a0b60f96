"""Run a pack's checks over one document's Analysis."""

from __future__ import annotations

from functools import lru_cache

from lintcity.analysis import Analysis
from lintcity.checks.base import Check
from lintcity.checks.registry import check_class, plugin_classes
from lintcity.diagnostics import CoverageEntry, Diagnostic
from lintcity.packs import Pack, Requirement, requirement_from_entry
from lintcity.selection import Selection  # noqa: F401 - re-exported: checks and callers name it here too


@lru_cache(maxsize=8)
def checks_for(pack: Pack) -> tuple[Check, ...]:
    checks = [check_class(req.kind)(req, pack) for req in pack.requirements]
    ids = {req.id for req in pack.requirements}
    for cls in plugin_classes():
        spec = getattr(cls, "default_requirement", None)
        if spec and spec.get("id") not in ids:
            req = requirement_from_entry({"kind": cls.kind, **spec}, f"plugin {cls.__module__}")
            checks.append(cls(req, pack))
    return tuple(checks)


def run_checks(analysis: Analysis, selection: Selection = Selection()) -> tuple[list[Diagnostic], list[CoverageEntry]]:
    """Every check runs, whatever the selection: coverage (and the overall score built on it) is a
    stable 0–100 measure, comparable between runs with different --select. Only the reported
    diagnostics are filtered."""
    diagnostics: list[Diagnostic] = []
    coverage: list[CoverageEntry] = []
    for check in checks_for(analysis.pack):
        result = check.run(analysis)
        diagnostics.extend(d for d in result.diagnostics if selection.wants(d.rule_id))
        if result.coverage is not None:
            coverage.append(result.coverage)
    return diagnostics, coverage


def requirement_checks(pack: Pack) -> dict[str, Requirement]:
    return {c.req.id: c.req for c in checks_for(pack)}
