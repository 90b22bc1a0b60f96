"""Corrections of recognised text where Chinese typesetting leaves only one right answer.

The recognition model reads shapes, not conventions: it often returns an ASCII
"(" for a full-width "（", a hyphen or 一 for the dash between two years, the
white circle ○ for the numeral 〇, and any bracket it knows for the 〔〕 of a
document number. Chinese official documents follow GB/T 15834 (punctuation)
and GB/T 9704 (document numbers), so where the context fixes the character it
is set back; anything the context does not decide is left as read. A finding on
corrected text is still marked as OCR text.

A few characters the model confuses with a near twin (入 read as 人, 门 as 内,
孪 as 李 — measured by bench/ocr_accuracy.py) are resolved by the dictionary:
the twin is taken only when it makes a common word with a neighbour (深入, 部门,
孪生) and the character as read makes none (深人, 部内, 李生 are not words, while
人口 and 国内 are, so they stay).
"""

from __future__ import annotations

import re

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_OPEN, _CLOSE = "(（", ")）"
# a document number: issuing body's abbreviation, the year in any bracket, the serial number 号
_DOC_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])[\[［【「『〔{(（]\s*((?:19|20)\d\d)\s*[\]］】」』〕}）)]\s*(?=\d{1,4}号)")
# a range of years (2025—2030年): GB/T 15834 joins it with a dash, never a hyphen or the numeral 一
_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)(年?)\s*[-－‐‑–―─一~]\s*((?:19|20)\d\d)(?!\d)")
_CN_NUMERALS = "〇○零一二三四五六七八九十"
_TWINS = {"人": "入", "内": "门", "內": "门", "李": "孪"}  # read as → may be meant
_COMMON = 20       # a word at least this frequent in jieba's dictionary is a word
_PREFERRED = 50    # the twin's word must be this many times more frequent than the word as read


def correct(text: str) -> str:
    """`text` read by OCR with the characters Chinese typesetting fixes set right."""
    text = _DOC_NUMBER.sub(r"〔\1〕", text)
    text = _YEAR_RANGE.sub(r"\1\2—\3", text)
    text = _numeral_zero(text)
    text = _twins(text)
    return _full_width_punctuation(text)


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def _twins(text: str) -> str:
    """Each character the model confuses with a twin, swapped where only the twin makes a word."""
    if not any(ch in _TWINS for ch in text):
        return text
    from lintcity.nlp import tokenizer

    freq = tokenizer().FREQ
    chars = list(text)

    def best(i: int, ch: str) -> int:
        before = freq.get(chars[i - 1] + ch, 0) if i > 0 else 0
        after = freq.get(ch + chars[i + 1], 0) if i + 1 < len(chars) else 0
        return max(before, after)

    for i, ch in enumerate(chars):
        twin = _TWINS.get(ch)
        if twin is None:
            continue
        meant = best(i, twin)
        if meant >= _COMMON and meant > _PREFERRED * best(i, ch):
            chars[i] = twin
    return "".join(chars)


def _numeral_zero(text: str) -> str:
    """○ (a white circle) among Chinese numerals is the numeral 〇 (二〇三〇年)."""
    if "○" not in text:
        return text
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch == "○" and ((i > 0 and chars[i - 1] in _CN_NUMERALS) or
                          (i + 1 < len(chars) and chars[i + 1] in _CN_NUMERALS)):
            chars[i] = "〇"
    return "".join(chars)


def _full_width_punctuation(text: str) -> str:
    """ASCII punctuation touching Chinese is its full-width form; brackets go by pairs, so
    "（2025—2030年)" closes with "）" and "(基期)" opens with "（"."""
    chars = list(text)
    n = len(chars)

    def touches_cjk(i: int) -> bool:
        return (i > 0 and _is_cjk(chars[i - 1])) or (i + 1 < n and _is_cjk(chars[i + 1]))

    stack: list[int] = []
    for i, ch in enumerate(chars):
        if ch in _HALF_TO_FULL and touches_cjk(i):
            chars[i] = _HALF_TO_FULL[ch]
        elif ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE:
            if not stack:
                if ch == ")" and touches_cjk(i):
                    chars[i] = "）"
                continue
            start = stack.pop()
            inner = chars[start + 1:i]
            if ("（" in (chars[start], ch) or touches_cjk(start) or touches_cjk(i)
                    or any(_is_cjk(c) for c in inner)):
                chars[start], chars[i] = "（", "）"
    for start in stack:  # an opening bracket never closed on its line
        if chars[start] == "(" and touches_cjk(start):
            chars[start] = "（"
    return "".join(chars)
