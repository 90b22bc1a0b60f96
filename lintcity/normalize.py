"""Normalization of Chinese plan text for matching.

Matching runs on a normalized copy of every block; quotes always come from the
original. Each normalized character therefore remembers the index of the
original character it came from, so a span found in the normalized text can be
cut out of the original text exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Characters that come and go in normalization, as (char, original index) pairs.
_Chars = list[tuple[str, int]]

_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3",
              "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
# 二〇二七年 / 二零三〇年: exactly four numeral characters before 年.
_CN_YEAR = re.compile(r"([二一])([〇零○Ｏ])([〇零○Ｏ一二三四五六七八九])([〇零○Ｏ一二三四五六七八九])(?=\s*年)")
# Pinyin glosses that web reprints put after characters: 發展(zhǎn).
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
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
    chars: _Chars = [(c, i) for i, c in enumerate(text)]
    chars = _halfwidth(chars)
    chars = _to_simplified(chars)
    chars = _drop_pinyin(chars)
    chars = _squeeze_whitespace(chars)
    chars = _arabic_years(chars)  # after: a year broken over two lines (二\n〇三〇年) is one year
    return Normalized("".join(c for c, _ in chars), tuple(i for _, i in chars))


def normalize_text(text: str) -> str:
    """The normalized string alone, for terms and patterns."""
    return normalize(text).text


def _halfwidth(chars: _Chars) -> _Chars:
    out: _Chars = []
    for n, (c, i) in enumerate(chars):
        code = ord(c)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A \
                or c in "％＋＜＞＝":
            c = chr(code - 0xFEE0)
        elif c == "．" and 0 < n < len(chars) - 1 and _is_digit(chars[n - 1][0]) and _is_digit(chars[n + 1][0]):
            c = "."
        elif c == "\u3000" or c == "\u00a0":
            c = " "
        out.append((c, i))
    return out


def _is_digit(c: str) -> bool:
    return c.isdigit() and c.isascii() or "０" <= c <= "９"


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


def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC, recovering Taiwan vocabulary.

    A vocabulary word is replaced only where the original was written in
    traditional script, so a simplified text saying 资料 keeps it.
    """
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


def _to_simplified(chars: _Chars) -> _Chars:
    text = "".join(c for c, _ in chars)
    if text.isascii():
        return chars
    converted = to_simplified(text)
    if len(converted) == len(chars):
        return [(c, i) for c, (_, i) in zip(converted, chars)]
    # A phrase changed length: convert line by line and spread indices evenly.
    out: _Chars = []
    start = 0
    for piece in text.splitlines(keepends=True):
        part = chars[start:start + len(piece)]
        conv = to_simplified(piece)
        for k, c in enumerate(conv):
            out.append((c, part[min(k * len(part) // max(len(conv), 1), len(part) - 1)][1]))
        start += len(piece)
    return out


def _drop_pinyin(chars: _Chars) -> _Chars:
    text = "".join(c for c, _ in chars)
    if "(" not in text and "（" not in text:
        return chars
    keep = [True] * len(chars)
    for m in _PINYIN.finditer(text):
        for k in range(m.start(), m.end()):
            keep[k] = False
    return [p for p, k in zip(chars, keep) if k]


def _arabic_years(chars: _Chars) -> _Chars:
    text = "".join(c for c, _ in chars)
    if "〇" not in text and "零" not in text and "○" not in text and "Ｏ" not in text:
        return chars
    out = list(chars)
    for m in _CN_YEAR.finditer(text):
        for k in range(m.start(), m.end()):
            out[k] = (_CN_DIGITS[text[k]], chars[k][1])
    return out


def _squeeze_whitespace(chars: _Chars) -> _Chars:
    """Drop whitespace unless it separates two Latin words; collapse the rest."""
    out: _Chars = []
    n = len(chars)
    k = 0
    while k < n:
        c, i = chars[k]
        if not c.isspace():
            out.append((c, i))
            k += 1
            continue
        j = k
        while j < n and chars[j][0].isspace():
            j += 1
        before = out[-1][0] if out else ""
        after = chars[j][0] if j < n else ""
        if before and after and _LATIN.match(before) and _LATIN.match(after):
            out.append((" ", i))
        k = j
    return out
