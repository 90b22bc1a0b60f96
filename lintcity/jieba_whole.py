"""Whether jieba keeps a two-character word whole, decided from its dictionary without cutting the run.

A short pack term (运维, 运营, 考核) counts only where jieba's cut keeps it as
one word. Cutting the run that holds it was a fifth of a plan's rule
evaluation, and it confirmed the word 452 times out of 456 on the benchmark
plan. Most of those answers follow from the dictionary alone, by how jieba's
precise mode (HMM on) cuts a run (`Tokenizer.__cut_DAG`):

1. `get_DAG` lists, for each position, where the dictionary words starting
   there end (a word is a key of `FREQ` with a frequency; its prefixes are
   keys with 0).
2. `calc` picks, from the end of the run backwards, the best route:
   `route[i] = max((log(FREQ.get(run[i:x+1]) or 1) - log(total) + route[x+1][0], x) for x in DAG[i])`.
3. The cut follows the route from the start. Runs of one-character steps are
   gathered and handed to the HMM, which re-cuts only inside them; every
   longer step is yielded as a word.

Take the two characters at [s, s+2) and suppose that no dictionary word
starting before s ends at s or later, that none starting at s+1 ends after
s+1, and that none starting at s is longer than two (the walks below check
each). Then every route passes through s and s+2, the choice at s is only
between the word (then s+2) and its first character (then its second, then
s+2), and route[s+2] adds the same value R to both: the word wins when
`(log f(word) - L) + R > (log f(c1) - L) + ((log f(c2) - L) + R)`, which a
margin far above any rounding of R decides without knowing R. The word is
then a step longer than one character, so the HMM never sees it: it is
yielded whole, with a boundary on each side. When any condition fails the
answer is "don't know", and the caller asks jieba (tests compare both on
every short-term occurrence of the fixtures, the evaluation sets and the
real files, and on generated runs).

Linear time: a word reaching s starts at most `longest` characters before
it, so each question costs a bounded number of dictionary lookups.
"""

from __future__ import annotations

from math import log

# Between two routes' scores (sums of logarithms, each about -5 to -20) of a run of any length: rounding
# moves a sum by far less than this, so a difference larger than it is the real one.
MARGIN = 1e-6


def keeps_whole(dt, run: str, s: int) -> bool:
    """True when jieba's cut of `run` surely yields `run[s:s+2]` as one word; False: ask jieba."""
    e = s + 2
    if not 0 <= s and e <= len(run):
        return False
    dt._need(run)  # the dictionary shards of the run's characters: every key the walks can look up
    freq = dt.FREQ
    word = freq.get(run[s:e])
    if not word:
        return False
    for i in range(max(0, s + 1 - dt.longest), s):  # a word from before s must not reach s
        # the walk from i passes the key run[i:s] on its way past s: without it, it stops before
        if run[i:s] in freq and _reaches(freq, run, i, s + 1, s):
            return False
    if _reaches(freq, run, s, e + 1) or _reaches(freq, run, s + 1, e + 1):  # nor one from inside pass s+2
        return False
    first = freq.get(run[s])
    if not first:
        return True  # the word is the only step from s
    total = log(dt.total)
    split = (log(first) - total) + (log(freq.get(run[s + 1]) or 1) - total)
    return (log(word) - total) - split > MARGIN


def _reaches(freq: dict, run: str, start: int, end: int, known: int = 0) -> bool:
    """Whether a dictionary word (a key with a frequency) starting at `start` ends at `end` or later.

    Walks as `get_DAG` does: longer and longer keys while they are prefixes in the
    dictionary (from `known + 1` on when `run[start:known]` is already known to be one).
    """
    k = max(start, known) + 1
    n = len(run)
    while k <= n:
        value = freq.get(run[start:k])
        if value is None:
            return False
        if value and k >= end:
            return True
        k += 1
    return False
