"""Which sentences of a document hold a literal: one scan per document, not one search per sentence.

Most filters and hygiene patterns can act only on a sentence holding one of a
few literal words (a negation cue, 《, 牵头, 彩金 …): their gate. Asked per
sentence, each gate is a regex call on a short string, and a plan's 3,500
sentences times some fifteen gates made those calls a large part of the rule
evaluation's time, although almost all of them find nothing. Here every
sentence of the document stands in one string, separated by a character no
gate matches, and a gate is searched once over it: the sentences it names are
exactly those where the gate would match on their own, because a gate is a
pattern of literal text (alternatives of words, case-folding classes,
`\\s*`/` *` between characters): no anchor, no look-around, nothing that can
match the separator, so a match neither crosses a sentence's edge nor depends
on what stands beyond it. The filters then run only on those sentences, and a
gate is only a necessary condition: the filter still decides (tests compare
the gated and ungated results on every sentence of the fixtures and corpora).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Sequence

SEPARATOR = "\x00"  # normalized text holds no control character, and no gate matches it


class _Everything:
    """The answer for a filter without a gate: every sentence may hold a match."""

    def __contains__(self, item: object) -> bool:
        return True


EVERY = _Everything()


class SentenceTexts:
    """The sentences' normalized texts in one string, with a memo of each gate's answer."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.joined = SEPARATOR.join(texts)
        self.starts: list[int] = []
        at = 0
        for text in texts:
            self.starts.append(at)
            at += len(text) + 1
        # A text holding the separator would let a gate's match be cut or joined there: ask per sentence.
        self.joinable = self.joined.count(SEPARATOR) == max(len(texts) - 1, 0)
        self._memo: dict[str, Container[int]] = {}

    def owner(self, offset: int, hint: int = 0) -> int:
        """The index of the text holding `offset` of `joined` (a separator belongs to the text before it).

        `hint`: an index at or before the answer (a scan reporting offsets in order passes the last
        one), so the bisection starts there; one that is not is ignored.
        """
        starts = self.starts
        return bisect_right(starts, offset, hint if starts[hint] <= offset else 0) - 1

    def holding(self, gate: re.Pattern[str] | None) -> Container[int]:
        """The indexes of the sentences where `gate` matches (`EVERY` when there is no gate)."""
        if gate is None:
            return EVERY
        key = f"{gate.flags}:{gate.pattern}"
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._scan(gate)
        return found

    def indexes(self, gate: re.Pattern[str] | None) -> Sequence[int]:
        """`holding` in document order, to visit only those sentences."""
        held = self.holding(gate)
        return range(len(self.texts)) if held is EVERY else sorted(held)  # type: ignore[arg-type]

    def _scan(self, gate: re.Pattern[str]) -> frozenset[int]:
        if not self.joinable or _may_match_separator(gate):
            return frozenset(k for k, text in enumerate(self.texts) if gate.search(text))
        found: set[int] = set()
        starts, joined, count = self.starts, self.joined, len(self.texts)
        m = gate.search(joined)
        k = 0
        while m is not None:
            k = self.owner(m.start(), k)
            found.add(k)
            if k + 1 >= count:
                break
            m = gate.search(joined, starts[k + 1])  # the rest of this sentence cannot add to the answer
        return frozenset(found)


NEVER = re.compile(r"(?!)")  # the gate of a test that can find nothing


def any_of(*gates: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """One gate matching where any of `gates` does (None when one of them is None: no gate)."""
    if any(g is None for g in gates):
        return None
    if not gates:
        return NEVER
    flags = {g.flags for g in gates}  # type: ignore[union-attr]
    if len(flags) != 1:
        return None
    # Alternation binds loosest, so "A|B" is "(?:A)|(?:B)"; unwrapped, an alternation of literal words
    # keeps the form `re` scans fast (every branch opening with a literal character; see pack_regex).
    return re.compile("|".join(g.pattern for g in gates), flags.pop())  # type: ignore[union-attr]


def words_gate(words: Sequence[str]) -> re.Pattern[str]:
    """The gate of a test that finds something only where one of `words` stands (NEVER for no words)."""
    if not words:
        return NEVER
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len)))


def _may_match_separator(gate: re.Pattern[str]) -> bool:
    """A gate outside the contract (one that can match the separator): asked per sentence instead."""
    return bool(gate.search(SEPARATOR)) or any(s in gate.pattern for s in (SEPARATOR, "\\x00", "\\0", "\\u0000"))


def spaced(word: str) -> str:
    """A gate's piece for `word in text.replace(" ", "")`: its characters with any spaces between."""
    return " *".join(re.escape(c) for c in word)
