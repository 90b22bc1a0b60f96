"""`structure`: a required part of a plan is present as a heading (e.g. 保障措施)."""

from __future__ import annotations

from lintcity.analysis import Analysis
from lintcity.checks.base import Check, CheckResult
from lintcity.i18n import t
from lintcity.normalize import normalize_text


class StructureCheck(Check):
    kind = "structure"

    def run(self, analysis: Analysis) -> CheckResult:
        words = [normalize_text(w) for w in self.req.options.get("headings", ())]
        if any(b.kind == "heading" and any(w in b.norm for w in words) for b in analysis.doc.blocks):
            return CheckResult([])
        return CheckResult([self.diagnostic(
            analysis, t("verdicts.msg.no_section", title=self.req.title, headings="、".join(words)),
            location=analysis.doc.blocks[-1].location, key=self.req.id)])
