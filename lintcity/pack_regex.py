r"""Regular expressions from rule packs, run in linear time.

A pack is data anyone can write, and a pattern such as `(a+)+b` makes Python's
backtracking `re` take exponential time on a line of a's: the run never ends,
and a time limit can stop `re` only on the main thread (it checks for signals,
but a watchdog thread cannot interrupt it). So pack patterns run on RE2
(google-re2), whose matching is linear in the text by construction. RE2 lacks
look-around and back-references; a pattern that needs them (the bundled
`赌博(?!违法)`) runs on `re`, but only if it has no nested quantifier — the
shape behind catastrophic backtracking — else the pack is refused at load.
Measured in bench/stress.py (README, Reliability). On both engines `\b`, `\w`,
`\d` and `\s` are ASCII classes (RE2's reading): a Chinese character is not a
word character, so `\bTODO\b` finds 待办TODO事项, and a pattern means the same
whichever engine runs it.
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
        # RE2's \b, \w, \d and \s are ASCII; the patterns `re` runs read them the same way, so a pattern
        # means one thing on either engine ("\bapp\b" before 注册: a boundary on RE2, none on Unicode `re`)
        flags = re.ASCII | (re.IGNORECASE if ignore_case else 0)
        self._python = re.compile("|".join(f"(?:{p})" for p in backtracking), flags) if backtracking else None
        self._needed = needed_words(patterns, ignore_case)
        # RE2 over many texts at once (see `_linear_many`): only for patterns that look at nothing but the
        # characters they match (no anchor, no word boundary) and never match the empty string
        self._joinable = self._linear is not None and not any(_asserts(p) for p in linear) \
            and self._linear.search("") is None

    @property
    def needed(self) -> re.Pattern[str] | None:
        """Literals one of which every match holds (None: no such set), a gate for `literal_gates`."""
        return self._needed

    def finditer(self, text: str) -> list[Found]:
        """Every non-overlapping match, leftmost first (longest when two start together)."""
        if self._needed is not None and self._needed.search(text) is None:
            return []
        found = [Found(m.start(), m.end(), m.group(0))
                 for engine in (self._linear, self._python) if engine is not None for m in engine.finditer(text)]
        if self._linear is None or self._python is None:
            return found
        return _leftmost_longest_first(found)

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


    def finditer_many(self, texts: Sequence[str]) -> list[list[Found]]:
        """`finditer` of each text (the sentences a gate named), with one RE2 call for them all."""
        linear = self._linear_many(texts)
        out = []
        for text, found in zip(texts, linear):
            if self._python is not None:
                found = found + [Found(m.start(), m.end(), m.group(0)) for m in self._python.finditer(text)]
                if self._linear is not None:
                    found = _leftmost_longest_first(found)
            out.append(found)
        return out

    def search_many(self, texts: Sequence[str]) -> list[Found | None]:
        """`search` of each text, with one RE2 call for them all."""
        out: list[Found | None] = []
        for text, found in zip(texts, self._linear_many(texts)):
            candidates = found[:1]
            if self._python is not None:
                m = self._python.search(text)
                if m is not None:
                    candidates.append(Found(m.start(), m.end(), m.group(0)))
            out.append(min(candidates, key=lambda f: (f.start, -f.end)) if candidates else None)
        return out

    def _linear_many(self, texts: Sequence[str]) -> list[list[Found]]:
        """Every RE2 match in each text, from one scan of the texts joined by a separator.

        The RE2 module's Python wrapper costs about 10 µs a call (it encodes the
        text and decodes each offset), more than the matching of a sentence:
        600 sentences holding 企业 or 运营 cost 6 ms. Joined, a match that stays
        inside one text is the match that text gives alone: the patterns assert
        nothing about their surroundings and never match empty (`_joinable`), so
        the leftmost-first choice at a position depends only on the characters
        matched. A match reaching into the separator or beyond is no match of
        any text: the texts it touches are asked again one by one.
        """
        from lintcity.literal_gates import SentenceTexts

        if self._linear is None:
            return [[] for _ in texts]
        joined = SentenceTexts(texts) if self._joinable and len(texts) > 1 else None
        if joined is None or not joined.joinable:
            return [[Found(m.start(), m.end(), m.group(0)) for m in self._linear.finditer(text)] for text in texts]
        found: list[list[Found]] = [[] for _ in texts]
        starts = joined.starts
        again: set[int] = set()
        k = 0
        for m in self._linear.finditer(joined.joined):
            start, end = m.start(), m.end()
            k = joined.owner(start, k)
            if end <= starts[k] + len(texts[k]):
                found[k].append(Found(start - starts[k], end - starts[k], m.group(0)))
            else:
                again.update(range(k, joined.owner(end - 1, k) + 1))
        for k in again:
            found[k] = [Found(m.start(), m.end(), m.group(0)) for m in self._linear.finditer(texts[k])]
        return found


def _leftmost_longest_first(found: list[Found]) -> list[Found]:
    """Matches of two engines as one search would give them: leftmost first, longer first, none overlapping."""
    out: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if not out or f.start >= out[-1].end:
            out.append(f)
    return out



def _asserts(pattern: str) -> bool:
    """Whether a pattern looks beyond its match other than by \\b or \\B (^ $ \\A \\z, look-around).

    A word boundary at a text's edge reads the separator as it reads the
    text's end: neither is a word character (RE2's \\b is ASCII).
    """
    try:
        parsed = re._parser.parse(pattern)  # type: ignore[attr-defined]
    except (re.error, RecursionError, OverflowError):
        return True

    def walk(items) -> bool:
        for op, value in items:
            name = str(op)
            if name == "AT" and str(value) not in ("AT_BOUNDARY", "AT_NON_BOUNDARY"):
                return True
            if name in ("ASSERT", "ASSERT_NOT", "GROUPREF", "GROUPREF_EXISTS"):
                return True
            if name == "SUBPATTERN" and walk(value[-1]):
                return True
            if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and walk(value[2]):
                return True
            if name == "ATOMIC_GROUP" and walk(value):
                return True
            if name == "BRANCH" and any(walk(b) for b in value[1]):
                return True
        return False

    return walk(list(parsed))


def _compiles_in_re2(pattern: str) -> bool:
    try:
        _re2_compile(pattern, False)
        return True
    except Exception:  # noqa: BLE001
        return False


# ---- words every match holds: a cheap test that spares most sentences the patterns' scan -----------
#
# Pack patterns run once per sentence, and most sentences hold no match: "(?:投入|开通|正式|试)运营"
# cannot match a sentence without 运营. From the parsed pattern we take a set of literal words one of
# which every match must contain, and search for those first (one alternation of literals is fast).
# A word is a sequence of positions, each a set of characters (one character, or a class of single
# characters: [Xx×＊*]). Sound by construction, for both engines: words come only from characters that
# must be matched one for one (a literal in sequence, inside a group, a repeat of at least one, every
# branch of an alternation); zero-width assertions, ranges, categories, negated classes and optional
# parts contribute nothing. A literal outside a class counts only when it is a letter or digit (so a
# pattern read differently by RE2 and Python's parser, `[[:alpha:]]`, cannot lend a bracket), and a
# class only when no member is `[` (RE2's POSIX classes); a letter with case counts only when it is
# ASCII, and then, under case folding, is matched with every character either engine folds it with
# (K and the Kelvin sign, s and ſ, i, İ, ı); any other member of a class must have no case at all.

_FOLDS = {"k": "\u212a", "s": "\u017f", "i": "\u0130\u0131"}

Word = tuple[frozenset[str], ...]


def needed_words(patterns: Sequence[str], ignore_case: bool) -> re.Pattern[str] | None:
    """A regex one of whose words every match of any of `patterns` holds, or None (no such set)."""
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
        for word in words:
            pieces.update(_word_regexes(word, fold))
    return re.compile("|".join(sorted(pieces))) if pieces else None


def _literal(code: int) -> str | None:
    """A character that can stand for itself in the test: a letter or digit, caseless unless ASCII."""
    c = chr(code)
    if not c.isalnum():
        return None
    return c if _foldable(c) else None


def _foldable(c: str) -> bool:
    """Whether case folding of `c` is known: an ASCII character, or one without case."""
    return c.isascii() or c.lower() == c.upper() == c.casefold() == c


def _class(items: list) -> frozenset[str] | None:
    """The characters of a class of single characters ([Xx×＊*]), or None (a range, a category, a negation, `[`)."""
    chars = set()
    for op, value in items:
        if str(op) != "LITERAL":
            return None
        c = chr(value)
        if c == "[" or not _foldable(c):
            return None
        chars.add(c)
    return frozenset(chars) if chars else None


def _required(items: list) -> list[Word] | None:
    """Words one of which every match of a parsed sequence contains (the most selective set found)."""
    best: list[Word] | None = None

    def consider(words: list[Word] | None) -> None:
        nonlocal best
        if words and all(words) and (best is None or _selectivity(words) > _selectivity(best)):
            best = words

    run: list[frozenset[str]] = []
    for op, value in items:
        name = str(op)
        position = None
        if name == "LITERAL":
            char = _literal(value)
            position = frozenset((char,)) if char is not None else None
        elif name == "IN":
            position = _class(list(value))
        if position is not None:
            run.append(position)
            continue
        consider([tuple(run)] if run else None)
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
                consider(sorted({w for b in branches for w in b}, key=_word_key))  # type: ignore[union-attr]
    consider([tuple(run)] if run else None)
    return best


def _word_key(word: Word) -> list[str]:
    return ["".join(sorted(p)) for p in word]


def _selectivity(words: list[Word]) -> tuple[int, int, int]:
    """Longer words first (rarer in text), then single characters over classes, then fewer words:
    运营|经营 over fifteen kinds of venue."""
    return (min(map(len, words)), -max(len(p) for w in words for p in w), -len(words))


def _word_regexes(word: Word, fold: bool) -> list[str]:
    """The word as alternatives that each open with one literal character ([Aa]pp → App, app): an
    alternation whose every branch opens with a literal lets `re` skip ahead to the next place one of
    those characters stands, instead of trying every branch at every position (7-10x on a document)."""
    rest = "".join(_position_regex(_spelled(p, fold)) for p in word[1:])
    return [re.escape(c) + rest for c in sorted(_spelled(word[0], fold))]


def _spelled(chars: frozenset[str], fold: bool) -> set[str]:
    spelled: set[str] = set()
    for c in chars:
        spelled.add(c)
        if fold and c.isascii() and c.isalpha():
            spelled.update(c.lower() + c.upper() + _FOLDS.get(c.lower(), ""))
    return spelled


def _position_regex(spelled: set[str]) -> str:
    if len(spelled) == 1:
        return re.escape(next(iter(spelled)))
    return "[" + "".join(re.escape(c) for c in sorted(spelled)) + "]"
