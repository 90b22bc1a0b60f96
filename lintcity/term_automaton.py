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

from collections.abc import Sequence

from lintcity.literal_gates import SEPARATOR, SentenceTexts

Occurrence = tuple[int, int, int]  # start, end (exclusive), key index
DFA_KEY_BYTES = 32 * 1024  # at most about 11 MB of automaton


class TermAutomaton:
    def __init__(self, keys: Sequence[str]) -> None:
        import ahocorasick_rs

        self.keys = [k for k in keys if k]  # an empty phrase names nothing (and the automaton refuses it)
        # A DFA scans a plan twice as fast as the default NFA (2.8 against 5.5 ms on the bench plan) for
        # 6 ms of building once per process and about 330 bytes per byte of the keys (2.8 MB for the
        # bundled pack's 8.6 KB): a pack with far more terms keeps the NFA and its memory.
        dfa = sum(len(k.encode("utf-8")) for k in self.keys) <= DFA_KEY_BYTES
        self.kind = "dfa" if dfa else "nfa"
        self._automaton = ahocorasick_rs.AhoCorasick(
            self.keys, matchkind=ahocorasick_rs.MatchKind.Standard,
            implementation=ahocorasick_rs.Implementation.DFA if dfa else None) if self.keys else None
        self._joinable = not any(SEPARATOR in k for k in self.keys)

    def occurrences(self, text: str) -> list[Occurrence]:
        """Every occurrence of every key in `text`, by end, then longest first."""
        if self._automaton is None:
            return []
        # sorted as (end, start) tuples: the natural order, no key function called per occurrence
        ordered = sorted((e, s, i) for i, s, e in self._automaton.find_matches_as_indexes(text, overlapping=True))
        return [(s, e, i) for e, s, i in ordered]

    def by_sentence(self, texts: SentenceTexts) -> list[list[Occurrence]]:
        """`occurrences` of each sentence (offsets in the sentence), from one scan of them all.

        No key holds the separator, so no occurrence crosses a sentence; the
        automaton reports occurrences by end, so their sentences come in order
        and each is found by a bisection from the last one (`SentenceTexts.owner`);
        each sentence's few occurrences are then sorted on their own, never the
        whole document's at once.
        """
        if self._automaton is None:
            return [[] for _ in texts.texts]
        if not self._joinable or not texts.joinable:
            return [self.occurrences(text) for text in texts.texts]
        found: list[list[tuple[int, int, int]]] = [[] for _ in texts.texts]
        starts = texts.starts
        k = 0
        for i, s, e in self._automaton.find_matches_as_indexes(texts.joined, overlapping=True):
            k = texts.owner(s, k)
            found[k].append((e - starts[k], s - starts[k], i))
        return [[(s, e, i) for e, s, i in sorted(each)] if each else each for each in found]
