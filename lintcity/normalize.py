"""Normalization of Chinese plan text for matching.

Matching runs on a normalized copy of every block; quotes always come from the
original. Each normalized character therefore remembers the index of the
original character it came from, so a span found in the normalized text can be
cut out of the original text exactly.

Speed: every step works on whole strings (`str.translate`, one regular
expression) and touches the index only where a step changes the length (a
phrase of different length, a pinyin gloss, squeezed whitespace); a block
none of that happens to keeps the identity index. Character by character,
normalization was a quarter of the time of a whole lint.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lintcity.frozen import frozen_maker

# For every character of a step's text, the index of the original character it came from.
_Index = Sequence[int]

_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3",
              "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
# 二〇二七年 / 二零三〇年: exactly four numeral characters before 年.
_CN_YEAR = re.compile(r"([二一])([〇零○Ｏ])([〇零○Ｏ一二三四五六七八九])([〇零○Ｏ一二三四五六七八九])(?=\s*年)")
# Pinyin glosses that web reprints put after characters: 發展(zhǎn). The Han character before the
# bracket is checked by a lookbehind after the bracket, so the regex engine skips to brackets in C
# instead of trying the lookbehind at every character (the same matches; 2.6x faster on a plan).
_PINYIN = re.compile(r"[(（](?<=[\u4e00-\u9fff][(（])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
_LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Normalized:
    """A normalized string and, for every character, its index in the original."""

    text: str
    index: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalized text back to the original text."""
        if not self.index:
            return (0, 0)
        start = min(max(start, 0), len(self.index) - 1)
        last = min(max(end - 1, start), len(self.index) - 1)
        return (self.index[start], self.index[last] + 1)


def normalize(text: str) -> Normalized:
    """Normalize for matching: half-width digits/letters, simplified characters,
    Arabic years, no whitespace inside Chinese text, no pinyin glosses."""
    return _normalized(_halfwidth(text), None)


def normalize_all(texts: Sequence[str]) -> list[Normalized]:
    """`normalize` of each text, with one OpenCC conversion for all of them (a document's blocks).

    OpenCC cuts its input into dictionary phrases and no phrase holds a line
    break, so the texts joined by "\n" convert each as on its own; a plan in
    simplified script, the usual case, comes back unchanged as a whole, and
    no block pays a call of its own (encoding, the C++ call: a tenth of a
    100-page plan's normalization).
    """
    wide = [_halfwidth(text) for text in texts]
    return [_normalized(text, plain) for text, plain in zip(wide, _t2s_each(wide))]


def _t2s_each(texts: list[str]) -> list[str] | list[None]:
    """OpenCC's t2s conversion of each text, from one call; None each if the lines do not add up."""
    joined = "\n".join(texts)
    if joined.isascii():
        return texts
    plain = _converter("t2s").convert(joined)
    if plain == joined:
        return texts
    lines = plain.split("\n")
    if len(lines) != joined.count("\n") + 1:   # never seen: OpenCC keeps every line break
        return [None] * len(texts)
    out, k = [], 0
    for text in texts:
        n = text.count("\n") + 1
        out.append("\n".join(lines[k:k + n]))
        k += n
    return out


def _normalized(wide: str, plain: str | None) -> Normalized:
    """The steps after `_halfwidth`; `plain`: OpenCC's t2s conversion of `wide` if already made."""
    index: _Index = _identity(len(wide))
    out, index = _to_simplified(wide, index, plain)
    out, index = _drop_pinyin(out, index)
    out, index = _squeeze_whitespace(out, index)
    if "．" in out:  # a decimal point whose digits only the dropped whitespace kept apart ("7\n．82")
        out = _DECIMAL_POINT.sub(".", out)  # one character for one: the index stands
    out = _arabic_years(out)  # after: a year broken over two lines (二\n〇三〇年) is one year
    return _new_normalized(out, index if type(index) is tuple else tuple(index))


_new_normalized = frozen_maker(Normalized)
_IDENTITY_LIMIT = 1 << 16
_identity_cache: tuple[int, ...] = tuple(range(1024))


def _identity(n: int) -> tuple[int, ...]:
    """(0, 1, …, n-1): the index of a text no step changes the length of (most blocks).

    Sliced from one kept tuple instead of built from `range(n)`, which makes
    an int object per character past 256 (1.5 ms of a 100-page plan); blocks
    longer than 65,536 characters get their own tuple, so the kept one stays
    small.
    """
    global _identity_cache
    if n > _IDENTITY_LIMIT:
        return tuple(range(n))
    if n > len(_identity_cache):
        _identity_cache = tuple(range(min(max(n, 2 * len(_identity_cache)), _IDENTITY_LIMIT)))
    return _identity_cache[:n]


def normalize_text(text: str) -> str:
    """The normalized string alone, for terms and patterns."""
    return normalize(text).text


# Full-width digits, Latin letters and ％＋＜＞＝ to half-width; ideographic and no-break spaces to a space.
_HALFWIDTH = str.maketrans({
    **{code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))},
    **{ord(c): ord(c) - 0xFEE0 for c in "％＋＜＞＝"},
    0x3000: " ", 0x00A0: " "})
# Runs of the characters _HALFWIDTH changes. `str.translate` with a table looks every character of a
# CJK string up in the table (about 100 ns each: 18 ms of a 100-page plan, a fifth of its parse), while
# a plan holds a few dozen such runs; the regex finds them in one C scan and only they are translated.
_WIDE_RUN = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_HALFWIDTH)) + "]+")
# A full-width full stop between two digits is a decimal point (digits already half-width here).
_DECIMAL_POINT = re.compile(r"(?<=[0-9])．(?=[0-9])")


def _translate_run(match: re.Match[str]) -> str:
    return match.group().translate(_HALFWIDTH)


def _halfwidth(text: str) -> str:
    """One character for one: offsets unchanged."""
    out = _WIDE_RUN.sub(_translate_run, text)
    return _DECIMAL_POINT.sub(".", out) if "．" in out else out


@lru_cache(maxsize=2)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


# Taiwan vocabulary that reprints of mainland policy texts carry (資料 for 数据).
# OpenCC's full Taiwan phrase table (tw2sp) also rewrites ordinary words
# (指標→指针, 上線→在线, 整合→集成), so only these words take its phrase
# conversion; every other character goes through the plain t2s conversion.
TAIWAN_VOCABULARY = ("資料", "網路", "資訊", "數位", "軟體", "硬體", "程式", "雲端", "影音", "線上")


@lru_cache(maxsize=1)
def _taiwan_words() -> dict[str, str]:
    """t2s form → mainland word, as OpenCC's tw2sp converts them (equal lengths only)."""
    t2s, tw2sp = _converter("t2s"), _converter("tw2sp")
    pairs = {t2s.convert(w): tw2sp.convert(w) for w in TAIWAN_VOCABULARY}
    return {k: v for k, v in pairs.items() if len(k) == len(v) and k != v}


def to_simplified(text: str, plain: str | None = None) -> str:
    """Traditional → simplified with OpenCC, recovering Taiwan vocabulary.

    A vocabulary word is replaced only where the original was written in
    traditional script, so a simplified text saying 资料 keeps it. `plain`:
    OpenCC's t2s conversion of `text`, when the caller already has it.
    """
    if plain is None:
        plain = _converter("t2s").convert(text)
    if plain == text or len(plain) != len(text):
        return plain
    out = plain
    for word, mainland in _taiwan_words().items():
        pos = out.find(word)
        while pos >= 0:
            if text[pos:pos + len(word)] != word:
                out = out[:pos] + mainland + out[pos + len(word):]
            pos = out.find(word, pos + len(word))
    return out


def _to_simplified(text: str, index: _Index, plain: str | None = None) -> tuple[str, _Index]:
    if text.isascii():
        return text, index
    converted = to_simplified(text, plain)
    if len(converted) == len(text):
        return converted, index
    # A phrase changed length: convert line by line and spread indices evenly.
    out: list[str] = []
    spread: list[int] = []
    start = 0
    for piece in text.splitlines(keepends=True):
        part = index[start:start + len(piece)]
        conv = to_simplified(piece)
        out.append(conv)
        spread.extend(part[min(k * len(part) // max(len(conv), 1), len(part) - 1)] for k in range(len(conv)))
        start += len(piece)
    return "".join(out), spread


def _drop_pinyin(text: str, index: _Index) -> tuple[str, _Index]:
    if "(" not in text and "（" not in text:
        return text, index
    return _replace(text, index, [(m.start(), m.end(), "") for m in _PINYIN.finditer(text)])


def _replace(text: str, index: _Index, cuts: list[tuple[int, int, str]]) -> tuple[str, _Index]:
    """Replace each span [start, end) (in order, not overlapping) by its string: empty, or one
    character, which takes the index of the span's first character."""
    if not cuts:
        return text, index
    out: list[str] = []
    kept: list[int] = []
    last = 0
    for start, end, put in cuts:
        out.append(text[last:start])
        kept.extend(index[last:start])
        if put:
            out.append(put)
            kept.append(index[start])
        last = end
    out.append(text[last:])
    kept.extend(index[last:])
    return "".join(out), kept


def _arabic_years(text: str) -> str:
    if "〇" not in text and "零" not in text and "○" not in text and "Ｏ" not in text:
        return text
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(0)), text)  # one digit per numeral


_WHITESPACE = re.compile(r"\s+")  # \s is exactly str.isspace (checked over every code point)


def _squeeze_whitespace(text: str, index: _Index) -> tuple[str, _Index]:
    """Drop whitespace unless it separates two Latin words; collapse the rest."""
    if text.split(None, 1) == [text]:  # no whitespace at all: str.split's test is str.isspace, as \s is
        return text, index
    cuts = []
    for m in _WHITESPACE.finditer(text):
        start, end = m.span()
        # the run is maximal: the characters either side are kept non-space characters
        latin = start > 0 and end < len(text) and _LATIN.match(text[start - 1]) and _LATIN.match(text[end])
        cuts.append((start, end, " " if latin else ""))
    return _replace(text, index, cuts)
