"""`hygiene`: leftovers a drafter did not mean to submit.

`options.check`:
- `patterns`: regular expressions from the pack (case-insensitive) (template placeholders such
  as XX市 and 【待补充】, or web spam such as betting brands and "app下载"
  pasted in from reprint sites), matched on the normalized text;
- `duplicate`: a paragraph repeated verbatim (normalized, ≥ min_chars).
"""

from __future__ import annotations

from functools import cached_property

from lintcity.analysis import Analysis
from lintcity.checks.base import Check, CheckResult
from lintcity.pack_regex import PackPatterns


class HygieneCheck(Check):
    kind = "hygiene"

    @cached_property
    def _pattern(self) -> PackPatterns:
        """The pack's patterns, case-insensitive, on RE2 (linear time) where it can run them."""
        return PackPatterns(self.req.options.get("patterns", ()))

    def run(self, analysis: Analysis) -> CheckResult:
        if self.req.options.get("check") == "duplicate":
            return self._duplicates(analysis)
        out = []
        for info in analysis.sentences:
            m = self._pattern.search(info.sentence.norm)
            if m:
                out.append(self.diagnostic(analysis, f"{self.req.title}：“{m.text}”", info=info,
                                           span=(m.start, m.end)))
        return CheckResult(out)

    def _duplicates(self, analysis: Analysis) -> CheckResult:
        min_chars = int(self.req.options.get("min_chars", 30))
        seen: dict[str, int] = {}
        out = []
        for block in analysis.doc.blocks:
            if block.kind not in ("paragraph", "list_item") or len(block.norm) < min_chars:
                continue
            if block.norm in seen:
                first = analysis.doc.blocks[seen[block.norm]]
                sentences = analysis.sentences_of(block.index)
                out.append(self.diagnostic(analysis, f"段落与{first.location}重复",
                                           info=sentences[0] if sentences else None,
                                           location=None if sentences else block.location))
            else:
                seen[block.norm] = block.index
        return CheckResult(out)
