"""Regular expressions from rule packs, run in linear time.

A pack is data anyone can write, and a pattern such as `(a+)+b` makes Python's
backtracking `re` take exponential time on a line of a's: the run never ends,
and a time limit can stop `re` only on the main thread (it checks for signals,
but a watchdog thread cannot interrupt it). So pack patterns run on RE2
(google-re2), whose matching is linear in the text by construction. RE2 lacks
look-around and back-references; a pattern that needs them (the bundled
`赌博(?!违法)`) runs on `re`, but only if it has no nested quantifier — the
shape behind catastrophic backtracking — else the pack is refused at load.
Measured in bench/stress.py (README, Reliability).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

try:  # a wheel on every platform lintcity supports; without it, the static check guards every pattern
    import re2
except ImportError:  # pragma: no cover - google-re2 is a dependency
    re2 = None

_RE2_OPTIONS = None


def _re2_compile(pattern: str, ignore_case: bool):
    global _RE2_OPTIONS
    if _RE2_OPTIONS is None:
        _RE2_OPTIONS = re2.Options()
        _RE2_OPTIONS.log_errors = False  # RE2 would print its own error to stderr
    return re2.compile(f"(?i:{pattern})" if ignore_case else pattern, _RE2_OPTIONS)


def problem(pattern: str) -> str | None:
    """Why `pattern` cannot be a pack pattern, or None when it can."""
    try:
        parsed = re._parser.parse(pattern)  # type: ignore[attr-defined]
    except (re.error, RecursionError, OverflowError) as exc:
        return f"invalid regular expression ({exc})"
    if re2 is not None:
        try:
            _re2_compile(pattern, False)
            return None
        except Exception:  # noqa: BLE001 - re2.error, or a pattern RE2 has no syntax for
            pass
    if _nested_repeat(parsed, False):
        return ("nested quantifiers with look-around or back-references (this can take exponential time; "
                "write it without the look-around or without the nested repetition)")
    return None


def _nested_repeat(items: Any, inside: bool) -> bool:
    """Whether a parsed pattern repeats something that itself repeats (`(a+)+`, `(a|aa)*` is caught by RE2)."""
    for op, value in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = value
            unbounded = high is re._constants.MAXREPEAT or high > 1  # type: ignore[attr-defined]
            if unbounded and inside:
                return True
            if _nested_repeat(sub, inside or unbounded):
                return True
        elif name == "SUBPATTERN":
            if _nested_repeat(value[-1], inside):
                return True
        elif name == "BRANCH":
            if any(_nested_repeat(branch, inside) for branch in value[1]):
                return True
        elif name in ("ASSERT", "ASSERT_NOT", "ATOMIC_GROUP"):
            sub = value[-1] if isinstance(value, tuple) else value
            if _nested_repeat(sub, inside):
                return True
    return False


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str


class PackPatterns:
    """Several pack patterns searched as one: RE2 for what it can run, `re` for the checked rest."""

    def __init__(self, patterns: Sequence[str], ignore_case: bool = True) -> None:
        linear, backtracking = [], []
        for p in patterns:
            (linear if re2 is not None and _compiles_in_re2(p) else backtracking).append(p)
        self._linear = _re2_compile("|".join(f"(?:{p})" for p in linear), ignore_case) if linear else None
        flags = re.IGNORECASE if ignore_case else 0
        self._python = re.compile("|".join(f"(?:{p})" for p in backtracking), flags) if backtracking else None
        self._needed = needed_words(patterns, ignore_case)

    def finditer(self, text: str) -> list[Found]:
        """Every non-overlapping match, leftmost first (longest when two start together)."""
        if self._needed is not None and self._needed.search(text) is None:
            return []
        found = [Found(m.start(), m.end(), m.group(0))
                 for engine in (self._linear, self._python) if engine is not None for m in engine.finditer(text)]
        if self._linear is None or self._python is None:
            return found
        out: list[Found] = []
        for f in sorted(found, key=lambda f: (f.start, -f.end)):
            if not out or f.start >= out[-1].end:
                out.append(f)
        return out

    def search(self, text: str) -> Found | None:
        """The leftmost match of any pattern (the longer one when two start together)."""
        if self._needed is not None and self._needed.search(text) is None:
            return None
        found = []
        for engine in (self._linear, self._python):
            m = engine.search(text) if engine is not None else None
            if m is not None:
                found.append(Found(m.start(), m.end(), m.group(0)))
        return min(found, key=lambda f: (f.start, -f.end)) if found else None


def _compiles_in_re2(pattern: str) -> bool:
    try:
        _re2_compile(pattern, False)
        return True
    except Exception:  # noqa: BLE001
        return False


# ---- words every match holds: a cheap test that spares most sentences the patterns' scan -----------
#
# Pack patterns run once per sentence, and most sentences hold no match: "(?:投入|开通|正式|试)运营"
# cannot match a sentence without 运营. From the parsed pattern we take a set of literal strings one of
# which every match must contain, and search for those first (one alternation of literals is fast).
# Sound by construction, for both engines: literals come only from characters that must be matched
# one for one (a literal in sequence, inside a group, a repeat of at least one, every branch of an
# alternation); zero-width assertions, classes and optional parts contribute nothing. Only letters and
# digits count as literal (so a pattern read differently by RE2 and Python's parser, `[[:alpha:]]`,
# cannot lend a bracket), a letter with case only when it is ASCII, and then, under case folding,
# matched with every character either engine folds it with (K and the Kelvin sign, s and ſ, i, İ, ı).

_FOLDS = {"k": "\u212a", "s": "\u017f", "i": "\u0130\u0131"}


def needed_words(patterns: Sequence[str], ignore_case: bool) -> re.Pattern[str] | None:
    """A regex one of whose literals every match of any of `patterns` holds, or None (no such set)."""
    pieces: set[str] = set()
    for pattern in patterns:
        try:
            parsed = re._parser.parse(pattern)  # type: ignore[attr-defined]
        except (re.error, RecursionError, OverflowError):
            return None
        words = _required(list(parsed))
        if not words:
            return None
        fold = ignore_case or bool(parsed.state.flags & re.IGNORECASE)
        pieces.update(_literal_regex(w, fold) for w in words)
    return re.compile("|".join(sorted(pieces))) if pieces else None


def _literal(code: int) -> str | None:
    """A character that can stand for itself in the test: a letter or digit, caseless unless ASCII."""
    c = chr(code)
    if not c.isalnum():
        return None
    if c.isascii() or c.lower() == c.upper() == c.casefold() == c:
        return c
    return None


def _required(items: list) -> list[str] | None:
    """Literal strings one of which every match of a parsed sequence contains (the most selective set found)."""
    best: list[str] | None = None

    def consider(words: list[str] | None) -> None:
        nonlocal best
        if words and all(words) and (best is None or _selectivity(words) > _selectivity(best)):
            best = words

    run: list[str] = []
    for op, value in items:
        name = str(op)
        char = _literal(value) if name == "LITERAL" else None
        if char is not None:
            run.append(char)
            continue
        consider(["".join(run)] if run else None)
        run = []
        if name == "SUBPATTERN" and not value[1] and not value[2]:  # a group with no flags of its own
            consider(_required(list(value[-1])))
        elif name == "ATOMIC_GROUP":
            consider(_required(list(value)))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and value[0] >= 1:
            consider(_required(list(value[2])))
        elif name == "BRANCH":
            branches = [_required(list(b)) for b in value[1]]
            if all(branches):
                consider(sorted({w for b in branches for w in b}))
    consider(["".join(run)] if run else None)
    return best


def _selectivity(words: list[str]) -> tuple[int, int]:
    """Longer words first (rarer in text), then fewer of them: 运营|经营 over fifteen kinds of venue."""
    return min(map(len, words)), -len(words)


def _literal_regex(word: str, fold: bool) -> str:
    if not fold:
        return re.escape(word)
    out = []
    for c in word:
        if c.isascii() and c.isalpha():
            out.append("[" + c.lower() + c.upper() + _FOLDS.get(c.lower(), "") + "]")
        else:
            out.append(re.escape(c))
    return "".join(out)
