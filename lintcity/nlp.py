"""Segmentation (jieba) and token patterns (spaCy's Matcher), each loaded once per process, only when needed.

There is no trained Chinese pipeline: what the analysis needs is jieba's word
boundaries (a short term such as 运维 counts only where it stands as a word)
and, for packs with token patterns, spaCy's Matcher over those same words.
Every pack term is added to jieba's dictionary with a high frequency so
official terms (公共数据授权运营, 城市运行和治理智能中枢) stay whole tokens.

Cost, and why it is shaped like this: importing spaCy takes 0.4–1 s. A token
pattern of literal tokens only is matched on jieba's words here, as spaCy's
Matcher would match it (`TokenPatterns`); spaCy is imported only for a pattern
that needs its operators, when a block may match it (its import pausing the
document's clock), without spaCy's package `__init__` (`spacy_import`), and
the Matcher runs only on those blocks; it is never a wrapper around the
segmenter. jieba builds its
prefix dictionary from a 5 MB text file (about 2 s); we keep it in lintcity's
cache folder split by first character and load only the parts the text being
cut needs (`jieba_dict`), on our own `jieba.Tokenizer` (jieba's global one is
left alone).
"""

from __future__ import annotations

import logging
import marshal
import re
import sys
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from lintcity.jieba_whole import keeps_whole

_added: set[str] = set()
_JIEBA_CACHE = "jieba-shards.cache"
_OLD_JIEBA_CACHES = ("jieba.cache",)  # earlier formats (one marshalled dict), removed when ours is written


def cache_dir() -> Path | None:
    """The folder holding jieba's dictionary cache: lintcity's cache folder, if it is safe to use."""
    from lintcity.cache import default_location, safe_folder

    folder = default_location()
    if folder is None or safe_folder(folder) is not None:
        return None  # no safe folder: build the dictionary in memory (2 s), never trust a foreign one
    return folder


def _import_jieba():
    """`import jieba`, without the 0.1–0.3 s of `pkg_resources` it does not need.

    jieba's `_compat` imports setuptools' `pkg_resources` only to open its own
    data files, and falls back to a plain `open()` beside its module when that
    import fails. Hiding `pkg_resources` for the duration of the import takes
    that path; the entry is removed after, so other code can still import it.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment] - makes `import pkg_resources` fail
    try:
        import jieba
    finally:
        if hide and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


@lru_cache(maxsize=1)
def tokenizer():
    """A jieba tokenizer with jieba's dictionary, loaded shard by shard from our cache (`jieba_dict`)."""
    from lintcity import jieba_dict

    jieba = _import_jieba()
    jieba.setLogLevel(logging.CRITICAL)
    dt = jieba_dict.tokenizer_class(jieba)()
    header = jieba_dict.header_for(jieba.__version__)
    folder = cache_dir()
    cached = folder / _JIEBA_CACHE if folder else None
    sharded = jieba_dict.read(cached, header) if cached is not None else None
    if sharded is not None:
        total, shards, body = sharded
        dt.use({}, total, shards, body)
        return dt
    with dt.get_dict_file() as source:
        freq, total = dt.gen_pfdict(source)
    dt.use(freq, total)
    if cached is not None:
        from lintcity.cache import atomic_write

        try:
            atomic_write(cached, jieba_dict.build(freq, total, header))
            for old in _OLD_JIEBA_CACHES:
                (cached.parent / old).unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written only costs time next run
    return dt


def blank_zh():
    """Everything a document's analysis may need before its clock starts (kept for callers of the old name)."""
    return tokenizer()


def add_terms(terms: Iterable[str]) -> None:
    """Teach jieba the pack's terms (idempotent; jieba's dictionary is process-global)."""
    dt = tokenizer()
    for term in terms:
        if term not in _added and len(term) >= 2 and not term.isascii():
            dt.add_word(term, freq=200_000)
            _added.add(term)
            _piece_words.cache_clear()  # a new word can change how a remembered piece is cut


def words(text: str) -> list[str]:
    """jieba's words for `text` (precise mode with HMM, as spaCy's jieba segmenter cuts)."""
    return [w for w in tokenizer().cut(text, cut_all=False) if w]


def boundaries(text: str) -> set[int]:
    """Offsets in `text` where a jieba word starts or ends."""
    out = {0}
    offset = 0
    for word in words(text):
        offset += len(word)
        out.add(offset)
    return out


@lru_cache(maxsize=1)
def vocab():
    """spaCy's shared vocabulary (imports spaCy: only a block a token pattern may match gets here)."""
    from lintcity.spacy_import import import_matcher

    import_matcher()
    from spacy.vocab import Vocab

    return Vocab()


def matcher_doc(text: str, cut: list[str] | None = None):
    """A spaCy Doc over jieba's words of `text`, for the Matcher (the tokens spaCy's jieba segmenter makes)."""
    from spacy.tokens import Doc
    from spacy.util import get_words_and_spaces

    tokens, spaces = get_words_and_spaces(cut if cut is not None else words(text), text)
    return Doc(vocab(), words=tokens, spaces=spaces)


@lru_cache(maxsize=1)
def _han_run():
    """jieba's own pattern for the runs it segments independently (`re_han_default`)."""
    return _import_jieba().re_han_default


@lru_cache(maxsize=1 << 15)
def _piece_words(piece: str) -> tuple[str, ...]:
    """jieba's words for one piece of `re_han_default.split` (a run, or the text between two runs).

    Remembered per piece string: plans repeat their phrases (every 责任单位 line,
    every heading prefix), and a run is cut the same way wherever it stands.
    """
    return tuple(w for w in tokenizer().cut(piece, cut_all=False) if w)


class Segmentation:
    """jieba's words of one block, cut only where something asks.

    Most blocks never need token boundaries: only a short pack term (运维, 5G)
    found in the block, or a token pattern whose anchor words the block
    contains, asks for them. Segmenting is the costliest step of the analysis
    (jieba: about 1 MB/s), so a block nobody asks about is never cut, and a
    boundary question cuts only the run holding the offset.

    Why a run is enough: `jieba.Tokenizer.cut` splits its input with
    `re_han_default` into maximal runs of CJK/Latin/digit characters and
    segments each run on its own; everything between runs becomes one token
    per character (a whitespace character, or "\r\n", is one token). So the
    boundaries inside a run do not depend on the rest of the block, and an
    offset outside every run's interior is always a boundary. `words` is the
    concatenation of the pieces' words, exactly what cutting the whole block
    gives (tests/test_fast_paths.py checks both on real text).
    `offset in seg` tells whether a word starts or ends at `offset`.
    """

    __slots__ = ("text", "_words", "_bounds", "_runs", "_run_bounds")

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: list[str] | None = None
        self._bounds: set[int] | None = None
        self._runs: tuple[list[int], list[int]] | None = None  # starts, ends of the runs
        self._run_bounds: dict[int, set[int]] = {}  # run start → boundaries inside it (block offsets)

    @property
    def words(self) -> list[str]:
        if self._words is None:
            self._words = [w for piece in _han_run().split(self.text) if piece for w in _piece_words(piece)]
        return self._words

    def __contains__(self, offset: object) -> bool:
        if self._bounds is not None:
            return offset in self._bounds
        if not isinstance(offset, int):
            return offset in self._whole_bounds()
        if not 0 <= offset <= len(self.text):
            return False  # every boundary lies in [0, len(text)]
        run = self._run_of(offset)
        if run is None or offset == run[0]:
            # between runs every character is its own token, except a "\r\n" pair
            return self.text[offset - 1:offset + 1] != "\r\n"
        start, end = run
        bounds = self._run_bounds.get(start)
        if bounds is None:
            bounds, at = set(), start
            for word in _piece_words(self.text[start:end]):
                at += len(word)
                bounds.add(at)
            self._run_bounds[start] = bounds
        return offset in bounds

    def word_at(self, start: int, end: int) -> bool:
        """Whether jieba's cut has a word boundary at both `start` and `end` (a term standing as a word).

        A two-character span inside one run is first asked of the dictionary
        (`jieba_whole`): it mostly proves the word whole without cutting the run.
        """
        if end - start == 2 and self._bounds is None and 0 <= start:
            run = self._run_of(start)
            if run is not None and end <= run[1] and run[0] not in self._run_bounds \
                    and keeps_whole(tokenizer(), self.text[run[0]:run[1]], start - run[0]):
                return True
        return start in self and end in self

    def _run_of(self, offset: int) -> tuple[int, int] | None:
        """The (start, end) of the `re_han_default` run whose span holds `offset` (its end excluded), or None."""
        if self._runs is None:
            spans = [m.span() for m in _han_run().finditer(self.text)]
            self._runs = ([s for s, _ in spans], [e for _, e in spans])
        starts, ends = self._runs
        k = bisect_right(starts, offset) - 1
        return (starts[k], ends[k]) if k >= 0 and offset < ends[k] else None

    def _whole_bounds(self) -> set[int]:
        if self._bounds is None:
            bounds, at = {0}, 0
            for word in self.words:
                at += len(word)
                bounds.add(at)
            self._bounds = bounds
        return self._bounds


class TokenPatterns:
    """A pack's token patterns: literal sequences matched here, the rest by spaCy's Matcher.

    A pattern made only of literal tokens (TEXT/ORTH strings or IN lists, no
    operators) — the bundled pack's one pattern, 政府、企业, is such — asks
    nothing of spaCy that jieba's words do not already answer: it matches
    where its token texts stand in a row among the tokens spaCy would make
    from jieba's words (`spacy_tokens`). Those are matched here, with spaCy's
    Matcher's results (tests/test_fast_paths.py checks them against the
    Matcher on every real block), so a run of the bundled pack never imports
    spaCy (0.5 s, a third of a cold check). A pattern with an operator or any
    other attribute goes to spaCy's Matcher, imported for the first block that
    may match it.

    Two gates keep blocks away from segmentation and the Matcher, each a
    necessary condition for a match, never a verdict of its own:

    - a literal pattern can match only where its token texts stand in a row
      at most whitespace apart — "地方政府和企业" passes this text gate, but
      jieba's 地方政府 is one word, so OP104's 政府、企业 cannot match there;
    - any other pattern needs its anchor words (the literal TEXT/ORTH values of
      its required tokens) somewhere in the block.
    """

    def __init__(self, patterns: dict[str, list[list[dict]]]) -> None:
        self.patterns = patterns
        flat = [(rid, p) for rid, ps in patterns.items() for p in ps]
        self.anchors = [tuple(_anchors(p)) for _, p in flat]
        self.literals = [_literal(p) for _, p in flat]
        self.gates = [_gate(lit) if lit else None for lit in self.literals]
        self._sequences = [(rid, lit) for (rid, _), lit in zip(flat, self.literals) if lit]
        self._others: dict[str, list[list[dict]]] = {}
        for (rid, p), lit in zip(flat, self.literals):
            if lit is None:
                self._others.setdefault(rid, []).append(p)
        self._matcher = None

    def load(self):
        """Build spaCy's Matcher for the patterns that need it (imports spaCy), on the first block that may match.

        The import takes a few tenths of a second: it is not the document's
        time (`deadline.paused`), so the first document that needs it is not
        timed out by it, and a run whose documents never need it never pays it.
        """
        if self._matcher is None:
            from lintcity.deadline import paused

            with paused():
                vocab()
                from spacy.matcher import Matcher

                matcher = Matcher(vocab())
                for rid, ps in self._others.items():
                    matcher.add(rid, [list(p) for p in ps])
            self._matcher = matcher
        return self._matcher

    def may_match(self, text: str) -> bool:
        """False when no pattern can match `text` (then neither jieba nor spaCy is asked)."""
        return any(gate.search(text) is not None if gate is not None else all(a in text for a in anchors)
                   for anchors, gate in zip(self.anchors, self.gates))

    def hits(self, seg: Segmentation) -> list[tuple[str, int, int]]:
        """(pattern id, start, end) offsets in the block's text for every match, in the Matcher's order."""
        text = seg.text
        if not text:
            return []
        literal = any(gate is not None and gate.search(text) is not None for gate in self.gates)
        other = any(gate is None and all(a in text for a in anchors) for anchors, gate in zip(self.anchors, self.gates))
        if not (literal or other):
            return []
        found: list[tuple[str, int, int]] = []
        if literal:
            found += _sequence_hits(self._sequences, spacy_tokens(text, seg.words), text)
        if other:
            matcher = self.load()
            doc = matcher_doc(text, seg.words)
            strings = doc.vocab.strings
            found += [(strings[mid], doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for mid, s, e in matcher(doc)]
            found.sort(key=lambda h: h[2])  # each list is in order of a match's end: keep that order merged
        return found


def spacy_tokens(text: str, words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each token spaCy makes from jieba's `words` of `text` (`spacy.util.get_words_and_spaces`).

    spaCy drops the whitespace words, keeps every other word as a token, lets
    one plain space after a token be that token's trailing space, and makes any
    other whitespace between two words a token of its own. `words` concatenate
    to `text` (jieba keeps every character), so offsets follow from lengths.
    """
    tokens: list[tuple[int, int]] = []
    pos = at = 0  # pos: where spaCy's alignment stands; at: where the next jieba word starts
    for word in words:
        start, at = at, at + len(word)
        if word.isspace():
            continue
        if start > pos:
            tokens.append((pos, start))
        tokens.append((start, at))
        pos = at + 1 if at < len(text) and text[at] == " " else at
    if pos < len(text):
        tokens.append((pos, len(text)))
    return tokens


def _sequence_hits(sequences: list[tuple[str, list[frozenset[str]]]], tokens: list[tuple[int, int]],
                   text: str) -> list[tuple[str, int, int]]:
    """Every place a literal sequence's texts stand in a row of tokens, ordered as spaCy's Matcher reports them.

    The Matcher reports a match when its last token is read, earlier starts
    first, patterns in the order they were added; so: by end, then start, then
    pattern. Linear in the tokens times the (short, fixed) pattern lengths.
    """
    texts = [text[s:e] for s, e in tokens]
    found: list[tuple[int, int, int, str]] = []
    for order, (rid, sequence) in enumerate(sequences):
        n = len(sequence)
        for j in range(len(texts) - n + 1):
            if all(texts[j + q] in allowed for q, allowed in enumerate(sequence)):
                found.append((j + n, j, order, rid))
    found.sort()
    return [(rid, tokens[j][0], tokens[end - 1][1]) for end, j, _, rid in found]


def _literal(pattern: list[dict]) -> list[frozenset[str]] | None:
    """The texts each token of a literal-token pattern may have (None: the pattern is not all literals)."""
    out = []
    for token in pattern:
        if len(token) != 1 or next(iter(token)) not in ("TEXT", "ORTH"):
            return None
        value = next(iter(token.values()))
        if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list) and value["IN"] \
                and all(isinstance(v, str) and v and not v.isspace() for v in value["IN"]):
            out.append(frozenset(value["IN"]))
        elif isinstance(value, str) and value and not value.isspace():
            out.append(frozenset((value,)))
        else:
            return None
    return out or None


def _gate(literal: list[frozenset[str]]) -> "re.Pattern[str]":
    """The regex every match of a literal-token pattern hits: its token texts in a row, whitespace apart."""
    return re.compile(r"\s*".join("(?:" + "|".join(re.escape(v) for v in sorted(texts)) + ")" for texts in literal))


def _anchors(pattern: list[dict]) -> list[str]:
    out = []
    for token in pattern:
        if token.get("OP") in ("?", "*", "!"):
            continue
        for attr in ("TEXT", "ORTH"):
            value = token.get(attr)
            if isinstance(value, str) and value:
                out.append(value)
    return out
