"""Every occurrence of a pack's terms and exclusions, for all of a document's sentences in one pass.

One Aho-Corasick automaton holds every term and exclusion phrase of the pack
(ahocorasick_rs, Rust's aho-corasick crate: about twice as fast per character
as pyahocorasick, whose nodes look up their children one by one, and a
document's sentences are scanned in one call instead of one per sentence).
Occurrences overlap ("数字化" inside "数字化转型" both count) and come in the
order the analysis has always read them: by end, the longest of those ending
at the same place first (tests compare with a search of every term by hand).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from lintcity.literal_gates import SEPARATOR, SentenceTexts

Occurrence = tuple[int, int, int]  # start, end (exclusive), key index


class TermAutomaton:
    def __init__(self, keys: Sequence[str]) -> None:
        import ahocorasick_rs

        self.keys = [k for k in keys if k]  # an empty phrase names nothing (and the automaton refuses it)
        self._automaton = ahocorasick_rs.AhoCorasick(self.keys, matchkind=ahocorasick_rs.MatchKind.Standard) \
            if self.keys else None
        self._joinable = not any(SEPARATOR in k for k in self.keys)

    def occurrences(self, text: str) -> list[Occurrence]:
        """Every occurrence of every key in `text`, by end, then longest first."""
        if self._automaton is None:
            return []
        # sorted as (end, start) tuples: the natural order, no key function called per occurrence
        ordered = sorted((e, s, i) for i, s, e in self._automaton.find_matches_as_indexes(text, overlapping=True))
        return [(s, e, i) for e, s, i in ordered]

    def by_sentence(self, texts: SentenceTexts) -> list[list[Occurrence]]:
        """`occurrences` of each sentence (offsets in the sentence), from one scan of them all."""
        if not self._joinable or not texts.joinable:
            return [self.occurrences(text) for text in texts.texts]
        out: list[list[Occurrence]] = [[] for _ in texts.texts]
        starts = texts.starts
        for s, e, i in self.occurrences(texts.joined):  # no key holds the separator: none crosses a sentence
            k = bisect_right(starts, s) - 1
            out[k].append((s - starts[k], e - starts[k], i))
        return out
