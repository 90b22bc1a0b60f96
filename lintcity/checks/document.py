"""`document`: is this a plan answering the guideline at all? (GL001)

The verdict itself is reached once per document in `lintcity.dockind` (the
coverage checks need it too: on a document that is not a plan, incidental
vocabulary does not count). This check turns a `related` or `other` verdict into
a finding that names the evidence, so a drafter who linted the wrong file, or a
reviewer sorting a folder, sees it first.
"""

from __future__ import annotations

from lintcity.analysis import Analysis
from lintcity.checks.base import Check, CheckResult
from lintcity.diagnostics import KindSignal
from lintcity.i18n import t

SHOWN = ("title", "report", "purpose", "citation", "share")


def describe(signals: tuple[KindSignal, ...]) -> str:
    """The evidence of a document-level verdict as one line ("标题“…”；涉及指导意见各领域的句子占3%")."""
    shown = [s for s in signals if s.signal in SHOWN]
    return "；".join(t(f"verdicts.signal.{s.signal}", detail=s.detail) for s in shown)


def kind_line(kind: str | None, signals: tuple[KindSignal, ...]) -> str:
    """The document-level verdict as reporters print it first: "文件类型：城市全域数字化转型实施方案（…）"."""
    if kind is None:
        return ""
    return t("verdicts.kind.line", kind=t(f"verdicts.kind.{kind}"), evidence=describe(signals))


class DocumentKindCheck(Check):
    kind = "document"

    def run(self, analysis: Analysis) -> CheckResult:
        if analysis.kind == "plan":
            return CheckResult([])
        message = t("verdicts.gl001", kind=t(f"verdicts.kind.{analysis.kind}"), evidence=describe(analysis.kind_signals))
        first = analysis.doc.blocks[0].location if analysis.doc.blocks else None
        return CheckResult([self.diagnostic(analysis, message, location=first, key=self.req.id)])
