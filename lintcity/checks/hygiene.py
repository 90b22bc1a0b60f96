"""`hygiene`: leftovers a drafter did not mean to submit.

`options.check`:
- `patterns`: regular expressions from the pack (case-insensitive) (template placeholders such
  as XX市 and 【待补充】, or web spam such as betting brands and "app下载"
  pasted in from reprint sites), matched on the normalized text;
- `duplicate`: a paragraph repeated verbatim (normalized, ≥ min_chars);
- `spam`: strings a hacked reprint site inserts — evidence of insertion, not a topic
  (see `SpamCheck` below).
"""

from __future__ import annotations

import re
from functools import cached_property

from lintcity.analysis import Analysis
from lintcity.checks.base import Check, CheckResult
from lintcity.i18n import t
from lintcity.literal_gates import any_of
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
        infos = analysis.sentences_holding(self._pattern.needed)  # every match holds one of its words
        for info, m in zip(infos, self._pattern.search_many([info.sentence.norm for info in infos])):
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
                out.append(self.diagnostic(analysis, t("verdicts.msg.duplicate", location=first.location),
                                           info=sentences[0] if sentences else None,
                                           location=None if sentences else block.location))
            else:
                seen[block.norm] = block.index
        return CheckResult(out)


class SpamCheck(HygieneCheck):
    """Web spam is a pasted brand or a download lure, not a topic.

    A government sentence about fighting gambling or fraud (打击跨境赌博) is
    policy; what a hacked reprint site inserts is recognisable by its form:
    - `lures` (regular expressions): download and sign-up lures (app下载, 注册送彩金,
      官网入口), betting sites (bet365), and web addresses other than official ones;
    - `brands` followed by a `brand_suffixes` word: a betting brand pasted even into
      the middle of an official sentence ("深化智慧城市开云体育发展"); a Latin name
      before 体育/娱乐 ("bob体育") likewise;
    - `topic_words` (博彩, 百家乐 …) only in a sentence that is not about fighting them
      (`crime_context`: 打击, 整治, 违法 …);
    - the same inserted web address or brand string repeated across paragraphs is
      reported at each place.
    """

    kind = "spam"

    @cached_property
    def _patterns(self) -> tuple[PackPatterns, PackPatterns | None, PackPatterns | None, tuple[str, ...]]:
        """Lures, brand + suffix, topic words (RE2 where it can run them: linear time) and the crime context."""
        o = self.req.options
        lures = PackPatterns(o.get("lures", ()))
        brands, suffixes = o.get("brands", ()), o.get("brand_suffixes", ())
        brand = None
        if suffixes:
            tail = "|".join(re.escape(x) for x in suffixes)
            forms = [f"(?:{'|'.join(re.escape(b) for b in brands)})(?:{tail})"] if brands else []
            forms.append(r"[A-Za-z]{2,12}(?:体育|娱乐)")  # a Latin brand before 体育/娱乐 ("bob体育")
            brand = PackPatterns(forms)
        words = o.get("topic_words", ())
        topic = PackPatterns([re.escape(w) for w in words]) if words else None
        return lures, brand, topic, tuple(o.get("crime_context", ()))

    @cached_property
    def _gate(self) -> re.Pattern[str] | None:
        """The words one of which every lure, brand and topic word match holds (None: no such words)."""
        lures, brand, topic, _ = self._patterns
        return any_of(*(engine.needed for engine in (lures, brand, topic) if engine is not None))

    def run(self, analysis: Analysis) -> CheckResult:
        lures, brand, topic, crime = self._patterns
        out = []
        infos = analysis.sentences_holding(self._gate)
        texts = [info.sentence.norm for info in infos]
        nothing = [None] * len(texts)
        # each engine asked once for all the sentences (one RE2 call each, see PackPatterns.search_many)
        lured = lures.search_many(texts)
        branded = brand.search_many(texts) if brand else nothing
        topical = topic.search_many(texts) if topic is not None else nothing
        for info, text, lure, pasted, topic_word in zip(infos, texts, lured, branded, topical):
            m = lure or pasted
            if m is None and topic_word and not any(w in text for w in crime):
                m = topic_word
            if m:
                out.append(self.diagnostic(analysis, f"{self.req.title}：“{m.text}”", info=info,
                                           span=(m.start, m.end)))
        return CheckResult(out)
