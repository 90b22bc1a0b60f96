"""One PDF page as positioned lines, read from pypdfium2's text page.

pdfium gives each character with its box and font size, in the order of the
page's content stream. That order is not reading order on table pages (cells
come out column by column, wrapped cells interleaved), so characters are
regrouped here by geometry: into visual lines by their vertical position, and
each line into segments where a gap wider than a character separates them
(two table columns on one line are two segments). Ruling lines come from the
page's path objects; only tables need them.

Everything is copied into small Python objects and the pdfium page is closed
by the caller straight after, so a document's pages are never all in memory.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

_FONT_NAME_BYTES = 128
# A dense A4 page in small print holds about 5,000 characters; ten times that is not a page of a
# plan but a generated or hostile one, and copying it would take about 250 bytes a character.
PAGE_CHARS = 50_000


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float     # distances from the top of the page, growing downwards
    bottom: float
    size: float    # font size in points
    font: str = ""
    bold: bool = False


@dataclass(slots=True)
class Segment:
    """Characters of one line with no gap wider than a character between them."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str = ""
    bold: bool = False


@dataclass(slots=True)
class Line:
    """A visual line: its segments left to right, and what the layout rules need to know."""

    page: int
    segments: list[Segment]
    number: int = 0          # line number on its page, counted from the top
    ocr: bool = False        # read from a rendered image, not from the text layer
    x0: float = field(init=False)
    x1: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)
    size: float = field(init=False)

    def __post_init__(self) -> None:
        segs = self.segments
        self.x0 = min(s.x0 for s in segs)
        self.x1 = max(s.x1 for s in segs)
        self.top = min(s.top for s in segs)
        self.bottom = max(s.bottom for s in segs)
        self.size = max(s.size for s in segs)

    @property
    def font(self) -> str:
        """The font of the line's first character (headings are often set in another font)."""
        return self.segments[0].font

    @property
    def bold(self) -> bool:
        return self.segments[0].bold

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


@dataclass(slots=True)
class Rule:
    """A ruling line (a thin path object): a table border."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(slots=True)
class PageText:
    chars: list[Char]
    rules: list[Rule]
    unmapped: int          # characters whose font has no Unicode map
    has_text_objects: bool
    has_images: bool
    over_budget: bool = False  # the page has more characters than were left to read
    too_dense: int = 0         # the page's character count, when over PAGE_CHARS


def read_page(pdf, index: int, budget: int) -> PageText:
    """Characters, ruling lines and object kinds of page `index`; the page is closed before returning.

    `budget` is how many characters may still be read (--max-chars): pdfium
    counts a page's characters before any is copied, so a page over it costs
    nothing more.
    """
    page = pdf[index]
    try:
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            count = pdfium_c.FPDFText_CountChars(textpage.raw)
            if count > budget:
                return PageText([], [], 0, True, False, over_budget=True)
            if count > PAGE_CHARS:
                return PageText([], [], 0, True, False, too_dense=count)
            chars, unmapped = _chars(textpage, height)
        finally:
            textpage.close()
        rules, has_text, has_images = _objects(page, height)
    finally:
        page.close()
    return PageText(chars, rules, unmapped, has_text, has_images)


def _chars(textpage, height: float) -> tuple[list[Char], int]:
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return [], 0
    text = textpage.get_text_range()
    same_indexing = len(text) == count  # not so when a character lies outside the BMP
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    font_size = pdfium_c.FPDFText_GetFontSize
    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    chars: list[Char] = []
    unmapped = 0
    font, bold, size, line_unmapped, line_start = "", False, 0.0, False, True
    for i in range(count):
        ch = text[i] if same_indexing else chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 32)
        if ch.isspace() or ch in "\x00\ufffe\uffff\x02":
            line_start = line_start or ch in "\r\n"
            continue  # spaces are put back from the gaps between characters
        if line_start:
            # Font, size and Unicode-map state are asked once per line of pdfium's (a text run
            # rarely changes them mid-line): three foreign calls per character would double the time.
            font, bold = font_of(raw, i)
            size = font_size(raw, i)
            line_unmapped = map_error(raw, i) == 1
            line_start = False
        if not loose_box(raw, i, rect_ref):
            continue
        unmapped += line_unmapped
        top, bottom = height - rect.top, height - rect.bottom
        if bottom <= top:
            top, bottom = bottom, top
        chars.append(Char(ch, rect.left, rect.right, top, bottom, size or (bottom - top), font, bold))
    return chars, unmapped


def _objects(page, height: float) -> tuple[list[Rule], bool, bool]:
    rules: list[Rule] = []
    has_text = has_images = False
    for obj in page.get_objects(max_depth=2):
        kind = obj.type
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            has_text = True
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            has_images = True
        elif kind in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_SHADING):
            left, bottom, right, top = obj.get_bounds()
            width, tall = right - left, top - bottom
            if (tall <= 3 and width >= 8) or (width <= 3 and tall >= 8):
                rules.append(Rule(left, height - top, right, height - bottom))
    return rules, has_text, has_images


def font_of(textpage_raw, index: int) -> tuple[str, bool]:
    """(font name, bold) of one character, asked only for the first character of a line."""
    buffer = ctypes.create_string_buffer(_FONT_NAME_BYTES)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage_raw, index, buffer, _FONT_NAME_BYTES, ctypes.byref(flags))
    weight = pdfium_c.FPDFText_GetFontWeight(textpage_raw, index)
    return buffer.value.decode("utf-8", "replace"), weight >= 600


def lines_of(chars: list[Char], page: int) -> list[Line]:
    """Group characters into visual lines (top to bottom) and each line into segments (left to right)."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (c.top + c.bottom) / 2)
    groups: list[list[Char]] = []
    ref_mid = ref_half = 0.0
    for c in ordered:
        mid = (c.top + c.bottom) / 2
        half = (c.bottom - c.top) / 2
        if groups and mid - ref_mid <= min(ref_half, half):
            groups[-1].append(c)
            continue
        groups.append([c])
        ref_mid, ref_half = mid, half
    return [Line(page, segments_of(sorted(g, key=lambda c: c.x0))) for g in groups]


def segments_of(chars: list[Char]) -> list[Segment]:
    """Split a line's characters (sorted by x) where the gap is wider than a character."""
    segments: list[Segment] = []
    run: list[Char] = [chars[0]]
    parts: list[str] = [chars[0].text]
    for prev, c in zip(chars, chars[1:]):
        gap = c.x0 - prev.x1
        size = max(prev.size, c.size, 1.0)
        if gap > 1.0 * size:
            segments.append(_segment(run, parts))
            run, parts = [c], [c.text]
            continue
        if gap > 0.25 * size:
            parts.append(" ")
        run.append(c)
        parts.append(c.text)
    segments.append(_segment(run, parts))
    return segments


def _segment(run: list[Char], parts: list[str]) -> Segment:
    sizes = sorted(c.size for c in run)
    return Segment("".join(parts), run[0].x0, run[-1].x1, min(c.top for c in run), max(c.bottom for c in run),
                   sizes[len(sizes) // 2], run[0].font, run[0].bold)
