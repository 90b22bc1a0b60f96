"""Scanned PDF pages read by OCR: the optional `lintcity[ocr]` extra (RapidOCR on onnxruntime).

RapidOCR's Chinese detection, direction and recognition models ship inside
its wheel, so nothing is downloaded at run time. A page is rendered by pdfium
at `DPI` in grey; ruling lines are found on the image and erased
(`ocr_rules`); the recognised text boxes are corrected where Chinese
typesetting fixes the character (`ocr_text`); boxes inside a ruled grid become
that table's cells through the text reader's own grid code, the others become
segments, boxes at the same height one line, and the lines go through the same
borderless-table and paragraph layout as a text page's. Every location read
this way carries `ocr=True` (shown as （OCR）) so a finding on misread text
says where it came from.

The three steps — `prepare` (one grey channel, rules found and erased), `recognise` (the model)
and `page_items` (layout) — are separate so bench/ocr_accuracy.py measures
exactly what lintcity reads, and a test can replay a recorded `recognise`.

OCR takes seconds a page: a progress bar goes to stderr when it is a terminal.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from lintcity.errors import InputError, printable
from lintcity.i18n import t
from lintcity.parsers.ocr_rules import find_rules
from lintcity.parsers.ocr_text import correct
from lintcity.parsers.pdf_layout import Item
from lintcity.parsers.pdf_page import Char, Line, Rule, Segment
from lintcity.parsers.pdf_tables import grids, layout_tables, ruled_tables

DPI = 200  # tested: at 150 dpi box heights no longer tell a heading from the body line below it
_MIN_SCORE = 0.5
_SAME_SIZE = 0.1  # box heights within 10 % of the next larger one: the same font size
_INKED_RIGHT = "（《“‘〔【「『"   # full-width opening marks: ink in the right half of the em
_INKED_LEFT = "）》”’〕】」』。，、；：！？"  # closing marks and stops: ink in the left half
_PUNCT_INK = 0.45  # the blank half of such a mark, as a part of the box height (about an em)
_MIN_EMS = 4       # boxes at least this many ems wide are sized by their width


def available() -> bool:
    """Whether the OCR extra is installed (without loading its models)."""
    from importlib.util import find_spec

    return find_spec("rapidocr_onnxruntime") is not None


@lru_cache(maxsize=1)
def engine():
    """The OCR engine, loaded once per process (about a second: three small ONNX models)."""
    import logging

    from rapidocr_onnxruntime import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return RapidOCR()


def ocr_pages(pdf, indices: list[int], path: Path) -> Iterator[tuple[int, list[Item]]]:
    """(page index, items) for each page in `indices`, rendered and recognised one at a time.

    Recognition takes seconds a page (a 40-page scan, minutes), so it runs with the
    document's clock paused: `--timeout` keeps bounding everything else, the page
    count is bounded by `--max-pages`, and in a worker each page must still end
    within the limit plus its grace (the clock's restart tells the parent).
    """
    from lintcity.deadline import paused

    if not available():
        raise InputError(str(path), t("pdf.ocr_missing"), "IO006")
    with _progress(len(indices), path) as advance:
        for index in indices:
            page = pdf[index]
            try:
                image = page.render(scale=DPI / 72, grayscale=True).to_numpy()
            finally:
                page.close()
            gray, rules = prepare(image, 72 / DPI)
            del image
            try:
                with paused():  # seconds a page, bounded by --max-pages: not the document's --timeout
                    result = recognise(gray)
            except Exception as exc:  # noqa: BLE001 - the model failing on one page is this file's error
                raise InputError(str(path), t("pdf.ocr_failed", page=index + 1, detail=type(exc).__name__),
                                 "IO004") from None
            del gray
            advance()
            yield index, page_items(result, rules, index + 1, 72 / DPI)


def prepare(image, scale: float):
    """A rendered page as one grey channel with its ruling lines erased, and those rules in points
    (`scale`: points per pixel)."""
    import numpy as np

    gray = image[:, :, 0] if image.ndim == 3 else image
    rules, mask = find_rules(gray, scale)
    if mask is not None:
        gray = np.where(mask, np.uint8(255), gray)
    return gray, rules


def recognise(gray) -> list:
    """RapidOCR's boxes on a page image: ([4 corner points in pixels], text, score) each."""
    result, _ = engine()(gray, use_cls=False)  # rendered pages are upright
    return result or []


def page_items(result: list, rules: list[Rule], page: int, scale: float) -> list[Item]:
    """Recognised boxes as a page's tables and lines: boxes inside a ruled grid are cut into that
    grid's cells, the rest are lines and borderless tables."""
    segments = _segments(result, scale)
    tables = []
    # a frame round the page or a boxed note is one cell, not a table: its text stays prose
    found = [g for g in grids(rules) if len(g.xs) > 2 or len(g.ys) > 2]
    if found:
        inside = [s for s in segments if any(g.holds(s) for g in found)]
        if inside:
            tables, _ = ruled_tables([c for s in inside for c in _chars(s)], rules, page)
            for table in tables:
                table.ocr = True
            segments = [s for s in segments if not any(g.holds(s) for g in found)]
    borderless, lines = layout_tables(_lines(segments, page))
    return [*tables, *borderless, *lines]


def _segments(result: list, scale: float) -> list[Segment]:
    """Boxes scored at least `_MIN_SCORE` as segments in points, their text corrected."""
    segments = []
    for box, text, score in result:
        text = correct(str(text).strip())
        if not text or float(score) < _MIN_SCORE:
            continue
        xs = [p[0] * scale for p in box]
        ys = [p[1] * scale for p in box]
        top, bottom = min(ys), max(ys)
        x0, x1 = min(xs), max(xs)
        # A box holds ink, a text page's character its whole em: full-width （ and “ are inked in the
        # right half of theirs, 。 and ） in the left half. Put the box back on the em grid, or a
        # "（二）指导思想" at the margin looks indented and a line ending "。" looks short.
        half_em = _PUNCT_INK * (bottom - top)
        if text[0] in _INKED_RIGHT:
            x0 -= half_em
        if text[-1] in _INKED_LEFT:
            x1 += half_em
        segments.append(Segment(text, x0, x1, top, bottom, round(_font_size(text, x1 - x0, bottom - top), 1)))
    return segments


def _font_size(text: str, width: float, height: float) -> float:
    """A box's font size: its width over its characters (a Chinese character is one em wide, a Latin
    letter or digit about half), which holds where the height does not (quotes and brackets reach
    above and below the line, and the detector's box may take in a neighbour's strokes). A box of
    a few characters is measured by its height."""
    ems = sum(0.5 if ch.isascii() else 1.0 for ch in text if not ch.isspace())
    return width / ems if ems >= _MIN_EMS else height


def _chars(segment: Segment) -> list[Char]:
    """A box cut into characters by their width (Latin letters and digits half a Chinese character),
    so a box that runs over a cell border is split at the rule as a text page's characters are."""
    widths = [0.5 if ch.isascii() else 1.0 for ch in segment.text]
    unit = (segment.x1 - segment.x0) / sum(widths)
    size = (segment.bottom - segment.top) * 0.8  # a box reaches above and below its glyphs
    chars, x = [], segment.x0
    for ch, w in zip(segment.text, widths):
        if not ch.isspace():  # a space is a gap, as in a text page
            chars.append(Char(ch, x, x + w * unit, segment.top, segment.bottom, size))
        x += w * unit
    return chars


def _snapped_sizes(sizes: list[float]) -> list[float]:
    """Box heights vary with the glyphs (brackets reach lower than characters): heights within
    `_SAME_SIZE` of their neighbour in size order are one font size, their median."""
    order = sorted(range(len(sizes)), key=lambda k: sizes[k])
    out = list(sizes)
    run: list[int] = []
    for k in order + [-1]:
        if k >= 0 and (not run or sizes[k] <= sizes[run[-1]] * (1 + _SAME_SIZE)):
            run.append(k)
            continue
        middle = sizes[run[len(run) // 2]]
        for j in run:
            out[j] = middle
        run = [k]
    return out


def _lines(segments: list[Segment], page: int) -> list[Line]:
    """Segments as lines, top to bottom: segments sharing their height are one line."""
    segments.sort(key=lambda s: (s.top + s.bottom) / 2)
    groups: list[list[Segment]] = []
    ref_mid = ref_half = 0.0
    for s in segments:
        mid, half = (s.top + s.bottom) / 2, (s.bottom - s.top) / 2
        if groups and mid - ref_mid <= min(ref_half, half):
            groups[-1].append(s)
            continue
        groups.append([s])
        ref_mid, ref_half = mid, half
    if not groups:
        return []
    for group in groups:
        group.sort(key=lambda s: s.x0)
    sizes = _snapped_sizes([sorted(s.size for s in g)[len(g) // 2] for g in groups])
    lines = []
    for group, size in zip(groups, sizes):
        for s in group:
            s.size = size
        lines.append(Line(page, group, ocr=True))
    return lines


class _progress:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""

    def __init__(self, total: int, path: Path) -> None:
        self.total, self.path = total, path
        self.bar = None

    def __enter__(self):
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            label = t("pdf.ocr_progress", name=printable(self.path.name))
            self.bar = Progress(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.bar.start()
            task = self.bar.add_task(label, total=self.total)
            return lambda: self.bar.advance(task)
        return lambda: None

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
