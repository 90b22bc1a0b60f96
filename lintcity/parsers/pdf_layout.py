"""From positioned lines and tables to blocks: running heads, paragraphs, headings.

PDF has no paragraphs, only lines. A line starts a new block when the layout
says so: a change of font size, numbering at its start, a first-line indent,
a previous line that stopped short of the right margin, or a wider gap than
between the lines of a paragraph. A page break is none of these, so a
paragraph continues onto the next page; a line indented to where the text of
the numbered item above it starts (a hanging indent) continues that item.

A numbered line is only allowed to be a heading when its layout agrees: a
larger or bolder font, another font than the body's, or a short line at the
left margin where body paragraphs are indented. "4.推进数字乡村建设" set like a
body paragraph is a list item, whatever its numbering says.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median
from typing import Union

from lintcity.document import Location, RawBlock
from lintcity.headings import numbering_of
from lintcity.normalize import normalize_text
from lintcity.parsers.pdf_page import Line
from lintcity.parsers.pdf_tables import TableItem

Item = Union[Line, TableItem]

PAGE_NUMBER = re.compile(r"^[-—–－\s]*(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+|[-—–－]\s*\d+\s*[-—–－]"
                         r"|page\s*\d+(\s*of\s*\d+)?)[-—–－\s]*$", re.IGNORECASE)
_EDGE_LINES = 2  # lines at the top and bottom of a page that may be running heads
_SAME_HEAD_SIZE = 0.25  # a repeat within this part of its size is the same running head


def number_lines(items: list[Item]) -> list[Item]:
    """Sort a page's items top to bottom and number its lines from 1."""
    items.sort(key=lambda it: it.top)
    number = 0
    for it in items:
        if isinstance(it, Line):
            number += 1
            it.number = number
    return items


def drop_running_heads(pages: list[list[Item]]) -> list[Item]:
    """Remove page numbers and lines repeated at the top or bottom of most pages; flatten the pages."""
    edges: list[list[Line]] = []
    counts: Counter[str] = Counter()
    sizes: dict[str, list[float]] = {}
    for items in pages:
        edge = _edge_lines(items)
        edges.append(edge)
        for line in edge:
            sizes.setdefault(_key(line), []).append(line.size)
        for key in {_key(line) for line in edge}:
            counts[key] += 1
    n = len(pages)
    threshold = 10**9 if n < 2 else (max(2, n // 2) if n >= 3 else 2)

    def running(line: Line) -> bool:
        # the size of most of its repeats: a title under a running header that repeats it is larger
        key = _key(line)
        return counts[key] >= threshold and abs(line.size - median(sizes[key])) <= _SAME_HEAD_SIZE * line.size

    out: list[Item] = []
    for items, edge in zip(pages, edges):
        drop = {id(line) for line in edge if PAGE_NUMBER.match(normalize_text(line.text)) or running(line)}
        out.extend(it for it in items if id(it) not in drop)
    return out


def _edge_lines(items: list[Item]) -> list[Line]:
    """The first and last lines of a page, unless a table comes first or last."""
    edge: list[Line] = []
    for seq in (items[:_EDGE_LINES], items[::-1][:_EDGE_LINES]):
        for it in seq:
            if not isinstance(it, Line):
                break
            edge.append(it)
    return edge


def _key(line: Line) -> str:
    """A running head's identity: its text with numbers masked (its size is compared apart, with
    the tolerance OCR needs: a box's height varies with the glyphs in it)."""
    return re.sub(r"\d+", "#", normalize_text(line.text))


def merge_continued_tables(items: list[Item]) -> list[Item]:
    """A table split across pages (nothing between its parts) is one table; a header row
    repeated at the top of the continuation is dropped."""
    out: list[Item] = []
    for it in items:
        prev = out[-1] if out else None
        if isinstance(it, TableItem) and isinstance(prev, TableItem) and it.page == (prev.end_page or prev.page) + 1 \
                and it.rows and prev.rows and len(it.rows[0]) == len(prev.rows[0]):
            rows = it.rows[1:] if it.rows[0] == prev.rows[0] else it.rows
            out[-1] = TableItem(prev.page, prev.top, prev.rows + rows, prev.ocr, it.page)
            continue
        out.append(it)
    return out


class _Page:
    """What the body of the document looks like: margins, font, size, line gap."""

    def __init__(self, lines: list[Line]) -> None:
        self.left = _percentile([ln.x0 for ln in lines], 0.1)
        self.right = _percentile([ln.x1 for ln in lines], 0.9)
        self.size = median(ln.size for ln in lines)
        self.font = Counter(ln.font for ln in lines).most_common(1)[0][0]
        self.bold = Counter(ln.bold for ln in lines).most_common(1)[0][0]
        gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])
                if a.page == b.page and abs(a.size - b.size) < 0.5 and b.top > a.bottom]
        self.gap = median(gaps) if gaps else self.size * 0.5
        firsts = [b for a, b in zip(lines, lines[1:]) if a.x1 < self.right - 2 * self.size]
        self.indented = sum(ln.x0 > self.left + self.size for ln in firsts) > len(firsts) / 2 if firsts else False


def assemble(items: list[Item]) -> tuple[list[RawBlock], list[list[list[int]]]]:
    lines = [it for it in items if isinstance(it, Line)]
    if not lines:
        return _only_tables(items)
    body = _Page(lines)
    blocks: list[RawBlock] = []
    tables: list[list[list[int]]] = []
    current: list[Line] = []
    table_no = 0
    for it in items:
        if isinstance(it, TableItem):
            _flush(current, blocks, body)
            current = []
            table_no += 1
            tables.append(_table_blocks(it, table_no, blocks))
            continue
        if current and _starts_block(it, current, body):
            _flush(current, blocks, body)
            current = []
        current.append(it)
    _flush(current, blocks, body)
    return blocks, tables


def _only_tables(items: list[Item]) -> tuple[list[RawBlock], list[list[list[int]]]]:
    blocks: list[RawBlock] = []
    tables = [_table_blocks(it, n, blocks) for n, it in enumerate(items, start=1) if isinstance(it, TableItem)]
    return blocks, tables


def _starts_block(line: Line, current: list[Line], body: _Page) -> bool:
    prev, first = current[-1], current[0]
    char = body.size
    close = line.page == prev.page and line.top - prev.bottom <= body.gap + 0.6 * char
    if numbering_of(normalize_text(line.text)) is not None:
        return True  # before the wrapped-title rule: 一、总体要求 right above （一）发展基础 is two headings
    if close and min(line.size, prev.size) > 1.08 * body.size and max(line.size, prev.size) <= 1.2 * min(
            line.size, prev.size):
        return False  # a large title or heading wrapped onto a second line (OCR sizes vary a little)
    if abs(line.size - prev.size) > 0.08 * max(line.size, prev.size):
        return True  # a title, a heading, a footnote: another font size is another block
    if line.x0 > body.left + 1.2 * char and not _hanging(line, prev, first, body):
        return True  # a first-line indent (or a centred line)
    if body.right - prev.x1 > (_first_unit_width(line.text) + 0.6) * char:
        return True  # the previous line stopped short though this line's first word would have fit
    if line.page == prev.page and not close:
        return True
    return False


_OPENING = "“‘（《「『〔【([<"
_CLOSING = "”’）》」』〕】、。，；：！？)]>%,.;:!?"
_UNIT = re.compile(rf"[{re.escape(_OPENING)}]*[+$¥￥#]*(?:[A-Za-z0-9.%/\-_]+|.)[{re.escape(_CLOSING)}]*"
                   rf"(?:[{re.escape(_OPENING)}]+.)?")


def _first_unit_width(text: str) -> float:
    """Width in ems of the piece a line breaker cannot split at the start of `text`.

    A ragged-right line (LibreOffice, Word, WPS) ends short when the next word
    did not fit: a number or Latin word, a character with the punctuation that
    may not begin or end a line, an opening quote or a prefix sign (+, ¥) with
    its character. Only
    when that piece would have fitted did the line end its paragraph.
    """
    match = _UNIT.match(text.lstrip())
    unit = match.group() if match else text[:1]
    return sum(0.55 if ch.isascii() else 1.0 for ch in unit)


def _hanging(line: Line, prev: Line, first: Line, body: _Page) -> bool:
    """A continuation line of a numbered item, indented to where the item's text starts."""
    numbering = numbering_of(normalize_text(first.text))
    if numbering is None or body.right - prev.x1 > (_first_unit_width(line.text) + 0.6) * body.size:
        return False
    marker_width = len(numbering.marker) * first.size
    return first.x0 + 0.3 * body.size <= line.x0 <= first.x0 + marker_width + 1.5 * body.size


def _flush(lines: list[Line], blocks: list[RawBlock], body: _Page) -> None:
    if not lines:
        return
    text_parts: list[str] = []
    locations: list[tuple[int, Location]] = []
    offset = 0
    for ln in lines:
        text = ln.text
        locations.append((offset, Location(page=ln.page, line=ln.number, ocr=True if ln.ocr else None)))
        text_parts.append(text)
        offset += len(text) + 1
    blocks.append(RawBlock("\n".join(text_parts), locations[0][1], style_level=_style_level(lines, body, not blocks),
                           line_locations=tuple(locations),
                           heading=None if _heading_layout(lines, body) else False))


def _heading_layout(lines: list[Line], body: _Page) -> bool:
    """Whether the layout lets a numbered block be a heading (its text decides the rest)."""
    first = lines[0]
    if len(lines) > 2:
        return False
    if first.size >= 1.08 * body.size or (first.bold and not body.bold) or first.font != body.font:
        return True
    return body.indented and first.x0 <= body.left + 0.5 * body.size and lines[-1].x1 < body.right - 2 * body.size


def _style_level(lines: list[Line], body: _Page, first: bool) -> int | None:
    """A heading level for a short line set larger than the body without numbering ("附件1 重点任务分工表").

    Numbered blocks are left to their numbering; the first large block is the title (level 0).
    """
    size = lines[0].size
    if len(lines) > 2 or size < 1.1 * body.size:
        return None
    if first:
        return 0
    text = normalize_text("".join(ln.text for ln in lines))
    if numbering_of(text) is not None or len(text) > 40 or _SENTENCE.search(text):
        return None
    return 1 if size >= 1.2 * body.size else 2


_SENTENCE = re.compile(r"[。；;！!？?]|[，,：:]$")


def _table_blocks(table: TableItem, table_no: int, blocks: list[RawBlock]) -> list[list[int]]:
    rows = []
    for r, row in enumerate(table.rows, start=1):
        cells = []
        for c, cell in enumerate(row, start=1):
            cells.append(len(blocks))
            blocks.append(RawBlock(cell or " ", Location(page=table.page, table=table_no, row=r, column=c,
                                                         ocr=True if table.ocr else None), "table_cell"))
        rows.append(cells)
    return rows


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * q), len(ordered) - 1)]
