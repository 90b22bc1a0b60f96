"""What changed between two drafts of a plan: requirements, targets, citation.

Both drafts are linted as usual (any formats: a .docx draft against its PDF
successor) and compared through the matrix rows (`report.matrix.build_row`), so
a requirement's status, its deciding sentences and a draft's targets mean here
exactly what they mean in `report`. The diff is plain data; `report/diff.py`
renders it.

A target is matched across drafts by year and indicator, where an indicator
matches its own shorter or longer wording (`5G基站` ~ `5G基站数量`); one that
keeps its indicator but moves year is a change, not a removal and an addition.
A change *weakens* the plan when a requirement's status drops (covered → thin
→ missing), a target is removed, a target's year moves later, or its value
moves the easy way (lower for ≥/=/>, higher for ≤/<). Which way is easy is
read from the comparator, because lintcity does not know whether an indicator
is better high or low; `diff` reports the change either way.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

from lintcity.diagnostics import FileReport
from lintcity.report.matrix import Cell, EvidenceLine, Row, TargetLine, build_row

_RANK = {"missing": 0, "thin": 1, "covered": 2}
_UPPER = {"<=", "<"}  # comparators whose target is a ceiling


@dataclass(frozen=True)
class RequirementChange:
    requirement_id: str
    title: str
    part: str
    old: str  # covered / thin / missing ("" when the requirement was not checked in that draft)
    new: str
    kind: Literal["gained", "lost", "changed"]  # gained: from missing; lost: to missing; changed: thin ↔ covered
    weakened: bool
    old_evidence: tuple[EvidenceLine, ...] = ()  # the deciding sentences of each draft
    new_evidence: tuple[EvidenceLine, ...] = ()
    suggestion: str = ""


@dataclass(frozen=True)
class TargetChange:
    kind: Literal["added", "removed", "changed"]
    old: TargetLine | None
    new: TargetLine | None
    weakened: bool
    what: tuple[str, ...] = ()  # for a change: value, comparator, unit, year


@dataclass(frozen=True)
class Diff:
    old_path: str
    new_path: str
    old_coverage: float | None
    new_coverage: float | None
    requirements: tuple[RequirementChange, ...]
    targets: tuple[TargetChange, ...]
    old_citation: str
    new_citation: str
    citation_findings: tuple[tuple[str, str, str], ...] = ()  # (old|new, rule id, message) of CT findings

    @property
    def weakened(self) -> bool:
        """Coverage lost or a target weakened: `lintcity diff` exits 1."""
        return any(r.weakened for r in self.requirements) or any(t.weakened for t in self.targets)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["weakened"] = self.weakened
        return data


def diff_reports(old: FileReport, new: FileReport) -> Diff:
    a, b = build_row(old), build_row(new)
    citations = tuple((side, f.rule_id, f.message) for side, row in (("old", a), ("new", b))
                      for f in row.findings if f.rule_id.startswith("CT"))
    return Diff(a.path, b.path, a.coverage, b.coverage, requirement_changes(old, a, b),
                target_changes(a.targets, b.targets), a.citation, b.citation, citations)


def requirement_changes(old: FileReport, a: Row, b: Row) -> tuple[RequirementChange, ...]:
    titles = {c.requirement_id: (c.title, c.part or "") for c in old.coverage}
    changes = []
    for rid in list(a.cells) + [r for r in b.cells if r not in a.cells]:
        before, after = a.cells.get(rid), b.cells.get(rid)
        s_old, s_new = (before.status if before else ""), (after.status if after else "")
        if s_old == s_new or not (before and after):
            continue
        kind = "gained" if s_old == "missing" else "lost" if s_new == "missing" else "changed"
        title, part = titles.get(rid, (rid, ""))
        changes.append(RequirementChange(rid, title, part, s_old, s_new, kind, _RANK[s_new] < _RANK[s_old],
                                         _counted(before), _counted(after), after.suggestion or before.suggestion))
    return tuple(changes)


def _counted(cell: Cell | None) -> tuple[EvidenceLine, ...]:
    return tuple(e for e in cell.evidence if not e.discounted)[:3] if cell else ()


def indicator_key(indicator: str) -> str:
    """An indicator without quotes, spaces and a counting suffix: `“5G基站”数量` → `5G基站`."""
    key = re.sub(r"[\s“”\"'‘’「」《》]", "", indicator)
    return re.sub(r"(数量|个数|总数|规模|数)$", "", key) or key


def _same_indicator(x: TargetLine, y: TargetLine) -> bool:
    a, b = indicator_key(x.indicator), indicator_key(y.indicator)
    return a == b or (min(len(a), len(b)) >= 3 and (a in b or b in a))


def _unique(targets: tuple[TargetLine, ...]) -> list[TargetLine]:
    """One target per goal: a prose sentence and its indicator-table row state the same goal twice."""
    kept: list[TargetLine] = []
    for tg in targets:  # ≥100% in prose and 100% in the table are one goal: the comparator may differ
        if not any((k.year, k.value, k.unit) == (tg.year, tg.value, tg.unit) and _same_indicator(k, tg)
                   for k in kept):
            kept.append(tg)
    return kept


def target_changes(old: tuple[TargetLine, ...], new: tuple[TargetLine, ...]) -> tuple[TargetChange, ...]:
    left, right = _unique(old), _unique(new)
    changes: list[TargetChange] = []
    # Same year first, then the same indicator moved to another year.
    for same_year in (True, False):
        for tg in list(left):
            partner = next((n for n in right if _same_indicator(tg, n) and (n.year == tg.year) == same_year), None)
            if partner is None:
                continue
            left.remove(tg)
            right.remove(partner)
            what = tuple(f for f, x, y in (("year", tg.year, partner.year), ("value", tg.value, partner.value),
                                           ("comparator", tg.comparator, partner.comparator),
                                           ("unit", tg.unit, partner.unit)) if x != y)
            if what:
                changes.append(TargetChange("changed", tg, partner, _weaker(tg, partner), what))
    changes += [TargetChange("removed", tg, None, True) for tg in left]
    changes += [TargetChange("added", None, tg, False) for tg in right]
    order = {"removed": 0, "changed": 1, "added": 2}
    changes.sort(key=lambda c: (order[c.kind], (c.old or c.new).year, (c.old or c.new).indicator))
    return tuple(changes)


def _weaker(old: TargetLine, new: TargetLine) -> bool:
    if new.year > old.year or old.unit != new.unit:
        return new.year > old.year
    if new.value == old.value:
        return False
    ceiling = old.comparator in _UPPER
    return new.value > old.value if ceiling else new.value < old.value
