"""PDF plans, read with pdfplumber: lines per page, tables, no running heads.

PDF has no paragraphs, only positioned lines. Paragraphs are rebuilt from the
layout (first-line indent, a short last line, numbering at the start of a
line); running headers, footers and page numbers are recognised as lines that
repeat at the top or bottom of most pages.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

import pdfplumber

from lintcity.document import Document, Location, RawBlock, build_document
from lintcity.errors import InputError
from lintcity.headings import looks_like_heading, numbering_of
from lintcity.limits import Limits
from lintcity.normalize import normalize_text
from lintcity.parsers import sniff

_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+|[-—–－]\s*\d+\s*[-—–－]"
                          r"|page\s*\d+(\s*of\s*\d+)?)[-—–－\s]*$", re.IGNORECASE)
_CID = re.compile(r"\(cid:\d+\)")
_EDGE_LINES = 2  # lines at the top and bottom of a page that may be running heads


@dataclass
class _Line:
    text: str
    page: int
    number: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _TableItem:
    page: int
    top: float
    rows: list[list[str]]


def parse(path: Path, limits: Limits) -> Document:
    _silence_library_logs()
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:
        raise _open_error(path, exc) from None
    try:
        with pdf:
            if len(pdf.pages) > limits.max_pages:
                raise InputError(str(path), f"PDF has {len(pdf.pages)} pages, over the limit of "
                                 f"{limits.max_pages} (raise it with --max-pages)", "IO007")
            items, has_images, cid_chars, chars = _read_pages(pdf)
    except (InputError, MemoryError, RecursionError):
        raise
    except Exception as exc:  # pdfminer failing on a page: its own error, not pdfplumber's empty wrapper
        raise _open_error(path, exc) from None
    if chars == 0:
        cause = ("no text layer (scanned image?) — run OCR first" if has_images
                 else "no text in the PDF")
        raise InputError(str(path), cause, "IO006" if has_images else "IO003")
    if cid_chars > chars * 0.5:
        raise InputError(str(path), "text cannot be extracted: its fonts map characters to nothing "
                         "(export the PDF again with embedded Unicode fonts, or OCR it)", "IO004")
    items = _merge_continued_tables(_drop_running_heads(items))
    blocks, tables = _assemble(items)
    return build_document(str(path), "pdf", blocks, tables)


def _silence_library_logs() -> None:
    """Keep pdfminer's and pdfplumber's warnings off the user's terminal.

    They log through `logging` without a handler of their own, so with no
    logging configured Python's last-resort handler prints every warning about
    a slightly damaged PDF ("Could not get FontBBox ...") to stderr, between
    lintcity's own one-line-per-file errors. A NullHandler stops that; an
    application that configures logging still receives the records.
    """
    for name in ("pdfminer", "pdfplumber"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


def _open_error(path: Path, exc: Exception) -> InputError:
    """The InputError for a PDF pdfplumber cannot open or read: encrypted, another format, or damaged."""
    cause = _root_cause(exc)
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name or "password" in str(cause).lower():
        return InputError(str(path), "encrypted PDF: a password is needed to open it — save an "
                          "unprotected copy", "IO005")
    not_pdf = _not_a_pdf(path)
    if not_pdf is not None:
        return not_pdf
    text = str(cause).strip()
    detail = f"{name}: {text.splitlines()[0][:100]}" if text else name
    return InputError(str(path), f"corrupt or unreadable PDF ({detail})", "IO004")


def _not_a_pdf(path: Path) -> InputError | None:
    """The error for a file that failed to open as a PDF and has no PDF header at all.

    Only asked after pdfminer has failed, so a PDF with junk before its header
    (which readers accept) is never refused for that. A recognised other format
    is IO002 (rename or convert it); anything else IO004.
    """
    try:
        data = sniff.head(path)
    except OSError:
        return None
    if b"%PDF-" in data:
        return None
    kind = "an old binary Office file (.doc, .xls or .ppt)" if sniff.is_cfb(data) else sniff.describe_file(path, data)
    if kind is not None:
        return InputError(str(path), f"not a PDF file: it is {kind} with a .pdf name", "IO002")
    return InputError(str(path), "not a PDF file: it has no PDF header (another format renamed?)", "IO004")


def _root_cause(exc: BaseException) -> BaseException:
    """The pdfminer error inside pdfplumber's wrapper.

    pdfplumber re-raises every pdfminer failure as `PdfminerException(original)`,
    whose own message is empty: a wrong password would read "corrupt PDF
    (PdfminerException: )". The original is its argument (or `__cause__`).
    """
    seen: set[int] = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = next((a for a in exc.args if isinstance(a, BaseException)), None) or exc.__cause__
        if inner is None:
            break
        exc = inner
    return exc


def _read_pages(pdf) -> tuple[list[_Line | _TableItem], bool, int, int]:
    items: list[_Line | _TableItem] = []
    has_images = False
    cid_chars = chars = 0
    for page_no, page in enumerate(pdf.pages, start=1):
        has_images = has_images or bool(page.images)
        tables = page.find_tables()
        boxes = [t.bbox for t in tables]
        for t in tables:
            # A line break inside a cell is the cell's width wrapping the text, not a separator.
            rows = [[(c or "").replace("\n", "").strip() for c in row] for row in t.extract()]
            items.append(_TableItem(page_no, t.bbox[1], rows))
        body = page.filter(lambda obj, boxes=boxes: not _inside(obj, boxes)) if boxes else page
        for number, line in enumerate(body.extract_text_lines(return_chars=False, strip=True), start=1):
            text = line["text"]
            cid_chars += sum(len(m) for m in _CID.findall(text))
            chars += len(text)
            text = _CID.sub("", text).strip()
            if text:
                size = (line["bottom"] - line["top"]) or 10.0
                items.append(_Line(text, page_no, number, line["x0"], line["x1"], line["top"], line["bottom"], size))
        page.flush_cache() if hasattr(page, "flush_cache") else None
    items.sort(key=lambda it: (it.page, it.top))
    return items, has_images, cid_chars, chars


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    if obj.get("object_type") != "char":
        return False
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _drop_running_heads(items: list[_Line | _TableItem]) -> list[_Line | _TableItem]:
    """Remove page numbers and lines repeated at the top/bottom of most pages."""
    pages: dict[int, list[_Line]] = {}
    for it in items:
        if isinstance(it, _Line):
            pages.setdefault(it.page, []).append(it)
    edge: set[int] = set()
    counts: Counter[str] = Counter()
    for lines in pages.values():
        for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]:
            edge.add(id(line))
        for key in {_mask(line.text) for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]}:
            counts[key] += 1
    threshold = max(2, len(pages) // 2) if len(pages) >= 3 else 2
    if len(pages) < 2:
        threshold = 10**9
    keep: list[_Line | _TableItem] = []
    for it in items:
        if isinstance(it, _Line) and id(it) in edge:
            if _PAGE_NUMBER.match(normalize_text(it.text)) or counts[_mask(it.text)] >= threshold:
                continue
        keep.append(it)
    return keep


def _merge_continued_tables(items: list[_Line | _TableItem]) -> list[_Line | _TableItem]:
    """A table split across pages (nothing between its parts) is one table; a header row
    repeated at the top of the continuation is dropped."""
    out: list[_Line | _TableItem] = []
    for it in items:
        prev = out[-1] if out else None
        if isinstance(it, _TableItem) and isinstance(prev, _TableItem) and it.page == prev.page + 1 \
                and it.rows and prev.rows and len(it.rows[0]) == len(prev.rows[0]):
            rows = it.rows[1:] if it.rows[0] == prev.rows[0] else it.rows
            out[-1] = _TableItem(prev.page, prev.top, prev.rows + rows)
            continue
        out.append(it)
    return out


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", normalize_text(text))


def _assemble(items: list[_Line | _TableItem]) -> tuple[list[RawBlock], list[list[list[int]]]]:
    lines = [it for it in items if isinstance(it, _Line)]
    if not lines:
        return [], []
    left = _percentile([ln.x0 for ln in lines], 0.1)
    right = _percentile([ln.x1 for ln in lines], 0.9)
    char_w = median(ln.size for ln in lines)
    blocks: list[RawBlock] = []
    tables: list[list[list[int]]] = []
    current: list[_Line] = []
    table_no = 0
    for it in items:
        if isinstance(it, _TableItem):
            _flush(current, blocks)
            current = []
            table_no += 1
            tables.append(_table_blocks(it, table_no, blocks))
            continue
        if current and _starts_block(it, current[-1], left, right, char_w):
            _flush(current, blocks)
            current = []
        current.append(it)
    _flush(current, blocks)
    return blocks, tables


def _starts_block(line: _Line, prev: _Line, left: float, right: float, char_w: float) -> bool:
    if line.size == prev.size and line.size > 1.2 * char_w and line.page == prev.page \
            and line.top - prev.bottom < 0.8 * line.size:
        return False  # a large title or heading wrapped onto a second line
    text = normalize_text(line.text)
    if numbering_of(text) is not None or looks_like_heading(normalize_text(prev.text)):
        return True
    if line.x0 > left + 1.2 * char_w:  # first-line indent
        return True
    if prev.x1 < right - 2 * char_w:  # the previous line stopped short: its paragraph ended
        return True
    if line.page == prev.page and line.top - prev.bottom > 1.2 * line.size:
        return True
    return False


def _flush(lines: list[_Line], blocks: list[RawBlock]) -> None:
    if not lines:
        return
    text_parts: list[str] = []
    locations: list[tuple[int, Location]] = []
    offset = 0
    for ln in lines:
        locations.append((offset, Location(page=ln.page, line=ln.number)))
        text_parts.append(ln.text)
        offset += len(ln.text) + 1
    blocks.append(RawBlock("\n".join(text_parts), locations[0][1], line_locations=tuple(locations)))


def _table_blocks(table: _TableItem, table_no: int, blocks: list[RawBlock]) -> list[list[int]]:
    rows = []
    for r, row in enumerate(table.rows, start=1):
        cells = []
        for c, cell in enumerate(row, start=1):
            cells.append(len(blocks))
            blocks.append(RawBlock(cell or " ", Location(page=table.page, table=table_no, row=r, column=c),
                                   "table_cell"))
        rows.append(cells)
    return rows


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * q), len(ordered) - 1)]
