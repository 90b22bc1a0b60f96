"""`target`: year-bound goals, from the targets the Analysis extracted.

`options.check` selects what one requirement checks:
- `year` (with `options.year`): a quantified target for that year — covered;
  only qualitative goals — thin (warning); nothing — missing (error);
- `decreasing`: the same indicator set lower for a later year;
- `percent`: a percentage above 100;
- `horizon`: the plan's goals all end before `options.min_year`.
"""

from __future__ import annotations

from lintcity.analysis import Analysis
from lintcity.checks.base import Check, CheckResult
from lintcity.i18n import t as tr
from lintcity.diagnostics import CoverageEntry, Evidence, Target


class TargetCheck(Check):
    kind = "target"

    def run(self, analysis: Analysis) -> CheckResult:
        check = self.req.options.get("check", "year")
        handler = {"year": self._year, "decreasing": self._decreasing, "percent": self._percent,
                   "horizon": self._horizon}[check]
        return handler(analysis)

    def fires_on(self, analysis: Analysis) -> bool:
        if self.req.options.get("check", "year") == "year":
            year = int(self.req.options["year"])
            return any(t.year == year for t in analysis.targets)
        return bool(self.run(analysis).diagnostics)

    def _year(self, analysis: Analysis) -> CheckResult:
        year = int(self.req.options["year"])
        found = [t for t in analysis.targets if t.year == year]
        qualitative = analysis.qualitative_years.get(year, [])
        if found:
            evidence = tuple(Evidence(t.quote, t.location, (t.indicator,), 1.0) for t in found[:5])
            return CheckResult([], CoverageEntry(self.req.id, self.req.title, self.req.part, "covered",
                                                 float(len(found)), evidence))
        if qualitative:
            info = qualitative[0]
            evidence = (Evidence(info.sentence.text, info.sentence.location, (str(year),), 0.5),)
            diag = self.diagnostic(analysis, tr("verdicts.msg.qualitative", year=year),
                                   severity="warning", info=info, key=self.req.id)
            return CheckResult([diag], CoverageEntry(self.req.id, self.req.title, self.req.part, "thin", 0.5,
                                                     evidence))
        diag = self.diagnostic(analysis, tr("verdicts.msg.no_year", year=year),
                               location=self.anchor_location(analysis), key=self.req.id)
        return CheckResult([diag], CoverageEntry(self.req.id, self.req.title, self.req.part, "missing", 0.0))

    def _decreasing(self, analysis: Analysis) -> CheckResult:
        early, late = (int(y) for y in self.req.options.get("years", (2027, 2030)))
        by_indicator: dict[str, dict[int, Target]] = {}
        for t in analysis.targets:
            if t.year in (early, late) and t.comparator in (">=", ">", "="):
                by_indicator.setdefault(_key(t), {}).setdefault(t.year, t)
        out = []
        for pair in by_indicator.values():
            a, b = pair.get(early), pair.get(late)
            if a and b and a.unit == b.unit and b.value < a.value:
                out.append(self.diagnostic(
                    analysis, tr("verdicts.msg.decreasing", indicator=b.indicator, late=late, late_value=_fmt(b),
                                 early=early, early_value=_fmt(a)),
                    location=b.location, key=f"{self.req.id}:{_key(b)}"))
        return CheckResult(out)

    def _percent(self, analysis: Analysis) -> CheckResult:
        out = []
        for t in analysis.targets:
            if t.unit == "%" and t.value > 100 and not _is_growth(t.indicator):
                out.append(self.diagnostic(analysis, tr("verdicts.msg.over_100", indicator=t.indicator, value=_fmt(t)),
                                           location=t.location, key=f"{self.req.id}:{_key(t)}:{t.year}"))
        return CheckResult(out)

    def _horizon(self, analysis: Analysis) -> CheckResult:
        """Fires when the plan's goals stop before min_year and never reach the guideline's
        nodes (2027–2030); a distant 远景 year such as 2035 does not make a 2025 plan current."""
        min_year = int(self.req.options.get("min_year", 2027))
        last_node = int(self.req.options.get("max_year", 2030))
        years = {y for y in analysis.years_named if 2020 <= y <= 2050} | {t.year for t in analysis.targets}
        reaches = any(min_year <= y <= last_node for y in years)
        before = [y for y in years if 2021 <= y < min_year]
        if before and not reaches:
            return CheckResult([self.diagnostic(
                analysis, tr("verdicts.msg.horizon", last=max(before), first_node=min_year, last_node=last_node),
                location=self.anchor_location(analysis), key=self.req.id)])
        return CheckResult([])


def _key(t: Target) -> str:
    return t.indicator.replace("全市", "").replace("全省", "")[-12:]


def _fmt(t: Target) -> str:
    value = int(t.value) if t.value == int(t.value) else t.value
    return f"{t.comparator if t.comparator != '=' else ''}{value}{t.unit}"


def _is_growth(indicator: str) -> bool:
    """Growth rates can exceed 100% (增长150%); shares and coverage rates cannot."""
    return any(w in indicator for w in ("增长", "增速", "增幅", "提升", "提高"))
