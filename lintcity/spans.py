"""Questions about many spans of one text, answered by bisection instead of a scan.

A sentence can hold thousands of negated clauses, term hits or exclusions
(one long run-on sentence is enough), and asking "is this span inside any of
them?" once per hit by scanning them all made the analysis quadratic in the
sentence length. `SpanIndex` sorts the spans once and keeps, for each prefix,
the furthest end reached, so each question costs O(log n).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Iterable


class SpanIndex:
    """Half-open spans [start, end), indexed for containment and overlap questions."""

    __slots__ = ("_starts", "_reach")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(accumulate((e for _, e in ordered), max))  # furthest end among spans[:k+1]

    def __len__(self) -> int:
        return len(self._starts)

    def _reach_before(self, k: int) -> int:
        """Furthest end among the first `k` spans (by start); -1 when k is 0."""
        return self._reach[k - 1] if k else -1

    def contains(self, start: int, end: int) -> bool:
        """Some span holds [start, end) entirely: s <= start and end <= e."""
        return self._reach_before(bisect_right(self._starts, start)) >= end

    def covers(self, pos: int) -> bool:
        """Some span holds position `pos`: s <= pos < e."""
        return self._reach_before(bisect_right(self._starts, pos)) > pos

    def overlaps(self, start: int, end: int) -> bool:
        """Some span shares a character with [start, end): s < end and start < e."""
        return self._reach_before(bisect_left(self._starts, end)) > start

    def strictly_contains(self, start: int, end: int) -> bool:
        """Some span holds [start, end) and is longer than it."""
        first, last = bisect_left(self._starts, start), bisect_right(self._starts, start)
        if self._reach_before(first) >= end:  # a span starting earlier reaches the end
            return True
        # Otherwise only spans starting at `start` can hold it; the furthest of them must pass the end.
        return last > first and self._reach[last - 1] > end
