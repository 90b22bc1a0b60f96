"""Heading detection from Chinese numbering, shared by every parser.

Real plans carry their structure in the text (一、（一）1.（1）) far more often than
in Word heading styles, so numbering is the primary signal and styles the
fallback. Each numbering style has a rank; the heading path is a stack where a
heading pops every entry of equal or lower rank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = "一二三四五六七八九十百零〇"
# (rank, pattern) — lower rank is higher in the tree.
_STYLES: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(rf"^第[{_NUM}\d]+[章篇部分]")),
    (1, re.compile(rf"^第[{_NUM}\d]+节")),
    (2, re.compile(rf"^[{_NUM}]+\s*[、．.]")),
    (3, re.compile(rf"^[（(]\s*[{_NUM}]+\s*[）)]")),
    (4, re.compile(r"^\d{1,2}\s*[、.．](?!\d)")),
    (5, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
    (6, re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]")),
]
TITLE_RANK = -1
# Heading style level → rank when the text has no numbering. Level 0 is a
# document title (Word "Title", Markdown "#"); Word "Heading N" and Markdown
# "#"*(N+1) are level N, ranked like the numbering styles 一、（一）1.（1）.
STYLE_LEVEL_RANK = {0: TITLE_RANK, 1: 2, 2: 3, 3: 4, 4: 5, 5: 6, 6: 6}
_SENTENCE_END = re.compile(r"[。；;！!？?]")
MAX_HEADING_CHARS = 40
_LINE_END = ("。", "！", "？", "!", "?", "：", ":", "；", ";")
_CLOSERS = "”’」』）)"


@dataclass(frozen=True)
class Numbering:
    rank: int
    marker: str  # the numbering as written, e.g. "（三）"


# The patterns, in order, that a line starting with a given character can match (each pattern opens with
# one character class; \d, rank 4, matches exactly the characters str.isdecimal accepts): most lines
# start with none of these characters and are answered without trying any pattern, the others try one
# or two instead of up to seven.
_BY_FIRST: dict[str, tuple[tuple[int, re.Pattern[str]], ...]] = {
    **{c: (_STYLES[0], _STYLES[1]) for c in "第"},
    **{c: (_STYLES[2],) for c in _NUM},
    **{c: (_STYLES[3], _STYLES[5]) for c in "（("},
    **{c: (_STYLES[6],) for c in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"},
}
_FIRST = frozenset(_BY_FIRST)
_DIGIT_FIRST = (_STYLES[4],)


def numbering_of(text: str) -> Numbering | None:
    """The numbering a line starts with, if any."""
    stripped = text.lstrip()
    first = stripped[:1]
    candidates = _BY_FIRST.get(first)
    if candidates is None:
        if not first.isdecimal():   # "".isdecimal() is False: an empty line too
            return None
        candidates = _DIGIT_FIRST
    for rank, pattern in candidates:
        m = pattern.match(stripped)
        if m:
            return Numbering(rank, m.group(0))
    return None


def looks_like_heading(text: str) -> Numbering | None:
    """A numbered line is a heading when it is short and is not a sentence.

    "1.建设城市智能中枢。依托……" is a run-in title inside a paragraph, not a
    heading: it ends a sentence before the line ends.
    """
    numbering = numbering_of(text)
    if numbering is None:
        return None
    body = text.strip()[len(numbering.marker):].strip()
    if not body or len(body) > MAX_HEADING_CHARS:
        return None
    if _SENTENCE_END.search(body.rstrip("。")) or body.endswith(("，", ",", "：", ":")):
        return None
    if body.endswith("。") and (numbering.rank >= 4 or "，" in body):
        return None
    if body.count("，") >= 2:
        return None
    return numbering


class HeadingStack:
    """Tracks the current heading path while blocks are read in order."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []

    def push(self, rank: int, title: str) -> int:
        """Enter a heading; returns its depth (1 = top level)."""
        while self._stack and self._stack[-1][0] >= rank:
            self._stack.pop()
        self._stack.append((rank, title))
        return len(self._stack)

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(title for _, title in self._stack)


def line_pieces(text: str) -> list[tuple[int, int, int]]:
    """Group the lines of one paragraph into structural pieces: (start, end, first line number).

    Offices often write a whole section as ONE Word paragraph with manual line
    breaks (Shift+Enter) inside; the lines are its real paragraphs and
    headings. A piece starts at a line that begins with numbering (一、（一）
    第一章 1.（1）①), after a line that reads as a heading (so the heading is a
    block of its own), after a line that ends a sentence (。！？ or a colon: a
    break there ends a paragraph) and after an empty line; other lines continue
    the piece they follow, so a sentence wrapped by a manual break stays whole.
    Linear in the text's length.
    """
    from lintcity.normalize import normalize_text

    pieces: list[tuple[int, int, int]] = []
    start, first_line, line_no, pos = 0, 1, 0, 0
    boundary = False
    for line in text.split("\n"):
        line_no += 1
        norm = normalize_text(line).strip()
        numbered = numbering_of(norm) is not None
        if not text[start:pos].strip():
            start, first_line = pos, line_no
        elif (numbered or boundary) and norm:
            pieces.append((start, pos, first_line))
            start, first_line = pos, line_no
        boundary = (not norm or norm.rstrip(_CLOSERS).endswith(_LINE_END)
                    or (numbered and looks_like_heading(norm) is not None))
        pos += len(line) + 1
    if text[start:].strip():
        pieces.append((start, len(text), first_line))
    return pieces
