"""`citation`: the plan cites its parent guideline correctly.

Tells apart: a correct citation; a mangled one (traditional characters or
Taiwan vocabulary 發改資料, a lost or odd bracket) — the right document badly
copied; a wrong one (another number); a plan citing only the superseded 2014
guidance. Accepts any of the pack's `parents` (the 2025 action plan as well).

`options.check`: `cited` (any accepted parent cited), `format` (number and
brackets exact), `outdated` (only superseded documents cited).
"""

from __future__ import annotations

import re

from lintcity.analysis import Analysis, SentenceInfo
from lintcity.checks.base import Check, CheckResult
from lintcity.i18n import t
from lintcity.literal_gates import NEVER, any_of, spaced, words_gate
from lintcity.diagnostics import CoverageEntry, Evidence
from lintcity.normalize import normalize_text

_NUMBER_GATE = re.compile("发改")  # every _NUMBER match starts with it
_NUMBER = re.compile(r"(?P<org>发改\s*[\u4e00-\u9fff]{1,3}?)\s*(?P<open>[〔［\[【(（{]?)\s*(?P<year>20\d\d)\s*"
                     r"(?P<close>[〕］\]】)）}]?)\s*(?P<no>\d{1,5})\s*号")


class CitationCheck(Check):
    kind = "citation"

    def run(self, analysis: Analysis) -> CheckResult:
        check = self.req.options.get("check", "cited")
        return {"cited": self._cited, "format": self._format, "outdated": self._outdated}[check](analysis)

    def fires_on(self, analysis: Analysis) -> bool:
        if self.req.options.get("check", "cited") == "cited":
            return bool(self._parent_mentions(analysis))
        return bool(self.run(analysis).diagnostics)

    def _parents(self) -> list[dict]:
        return list(self.pack.meta.get("parents", ()))

    def _parent_mentions(self, analysis: Analysis) -> list[SentenceInfo]:
        titles = tuple(normalize_text(p["title"]).replace(" ", "") for p in self._parents())
        numbers = tuple(_canonical(p["number"]) for p in self._parents() if p.get("number"))
        return analysis.shared(("parent_mentions", titles, numbers),  # asked by cited, format and outdated
                               lambda: _mentions(analysis, titles, numbers))

    def _cited(self, analysis: Analysis) -> CheckResult:
        found = self._parent_mentions(analysis)
        if found:
            evidence = tuple(Evidence(i.sentence.text, i.sentence.location, ("citation",), 1.0) for i in found[:3])
            return CheckResult([], CoverageEntry(self.req.id, self.req.title, self.req.part, "covered", 1.0, evidence))
        diag = self.diagnostic(analysis, t("verdicts.msg.not_cited") + "；".join(
            f"《{p['title']}》{'（' + p['number'] + '）' if p.get('number') else ''}" for p in self._parents()),
            location=analysis.doc.blocks[0].location, key=self.req.id)
        return CheckResult([diag], CoverageEntry(self.req.id, self.req.title, self.req.part, "missing", 0.0))

    def _format(self, analysis: Analysis) -> CheckResult:
        """Check every 发改…〔year〕N号 against the accepted numbers."""
        accepted = [p["number"] for p in self._parents() if p.get("number")]
        superseded = [p["number"] for p in self.pack.meta.get("superseded", ()) if p.get("number")]
        out = []
        for info in analysis.sentences_holding(_NUMBER_GATE):
            for m in _NUMBER.finditer(info.sentence.norm):
                problem = self._judge(m, info, accepted, superseded)
                if problem:
                    out.append(self.diagnostic(analysis, problem, info=info, span=(m.start(), m.end()),
                                               key=f"{self.req.id}:{m.group(0)}"))
        return CheckResult(out)

    def _judge(self, m: re.Match[str], info: SentenceInfo, accepted: list[str], superseded: list[str]) -> str | None:
        found = f"{m.group('org').replace(' ', '')}〔{m.group('year')}〕{m.group('no')}号"
        if any(_canonical(found) == _canonical(n) for n in superseded):
            return None  # the outdated check speaks about these
        match = next((n for n in accepted if _canonical(n) == _canonical(found)), None)
        raw = m.group(0)
        original = info.sentence.text
        if match is None:
            same_year = [n for n in accepted if m.group("year") in n and _org(n) == m.group("org").replace(" ", "")]
            if same_year:
                return t("verdicts.msg.wrong_number", raw=raw, right=same_year[0])
            return None  # another document of the same family: not ours to judge
        if m.group("open") != "〔" or m.group("close") != "〕":
            return t("verdicts.msg.brackets", raw=raw, right=match)
        if any(c in original for c in "發資號") or " " in raw:
            return t("verdicts.msg.mangled", right=match)
        return None

    def _outdated(self, analysis: Analysis) -> CheckResult:
        if self._parent_mentions(analysis):
            return CheckResult([])
        old_titles = [normalize_text(p["title"]) for p in self.pack.meta.get("superseded", ())]
        old_numbers = [_canonical(p["number"]) for p in self.pack.meta.get("superseded", ()) if p.get("number")]
        gate = any_of(words_gate(old_titles), _NUMBER_GATE if old_numbers else NEVER)
        for info in analysis.sentences_holding(gate):
            text = info.sentence.norm
            if any(t in text for t in old_titles) or any(n in _canonical_all(text) for n in old_numbers):
                return CheckResult([self.diagnostic(
                    analysis, t("verdicts.msg.outdated"),
                    info=info, key=self.req.id)])
        return CheckResult([])


def _mentions(analysis: Analysis, titles: tuple[str, ...], numbers: tuple[str, ...]) -> list[SentenceInfo]:
    # A title in the text without its spaces is the title's characters with spaces between them; a
    # number in `_canonical_all` needs a 发改 the same way.
    pieces = [spaced(t) for t in titles] + ([spaced("发改")] if numbers else [])
    found = []
    for info in analysis.sentences_holding(re.compile("|".join(pieces)) if pieces else NEVER):
        text = info.sentence.norm.replace(" ", "")
        if any(t in text for t in titles) or any(n in _canonical_all(text) for n in numbers):
            found.append(info)
    return found


def _org(number: str) -> str:
    return number.split("〔")[0]


def _canonical(number: str) -> str:
    """发改数据〔2024〕660号, 发改数据[2024]660号, 发改资料〔2024660号 → 发改数据2024660."""
    text = normalize_text(number).replace("资料", "数据")
    return re.sub(r"[^\u4e00-\u9fff\d]", "", text).replace("号", "")


def _canonical_all(text: str) -> str:
    return " ".join(_canonical(m.group(0)) for m in _NUMBER.finditer(text))
