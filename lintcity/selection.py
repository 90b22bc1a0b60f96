"""--select / --ignore as a value: what a run wants reported.

Its own module, apart from the check engine, so the policy and the runner can
hold a selection without importing the check engine and the analysis.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Selection:
    """--select / --ignore: rule ids or prefixes (GL, GL2, OP101)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def wants(self, rule_id: str) -> bool:
        if self.select and not any(rule_id.startswith(p) for p in self.select):
            return False
        return not any(rule_id.startswith(p) for p in self.ignore)
