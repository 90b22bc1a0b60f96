"""PDF plans, read with pypdfium2: positioned characters to lines, tables and paragraphs.

pdfium (through pypdfium2) reads a page's text at the speed of its bare text
extraction and gives each character with its box and font size; the layout
work is done on those in `pdf_page` (lines), `pdf_tables` (ruled and borderless
tables) and `pdf_layout` (running heads, paragraphs across pages, headings).
Each page is closed as soon as its characters are copied, so memory follows
the document's text, not its page count. Pages without a text layer go to OCR
(`ocr.py`, the optional `lintcity[ocr]` extra) when asked or needed.

Limits come before the work they protect: the page count from the page tree
before any page is loaded, compressed streams measured by `pdf_limits` before
pdfium inflates them, the character count as each page's text is read.
"""

from __future__ import annotations

from pathlib import Path

from lintcity.document import Document, build_document
from lintcity.errors import InputError
from lintcity.i18n import t
from lintcity.limits import Limits
from lintcity.parsers import sniff
from lintcity.parsers.pdf_layout import PAGE_NUMBER as _PAGE_NUMBER  # noqa: F401 - tests import it here
from lintcity.parsers.pdf_layout import Item, assemble, drop_running_heads, merge_continued_tables, number_lines
from lintcity.parsers.pdf_page import PAGE_CHARS, Line, PageText, lines_of, read_page
from lintcity.parsers.pdf_tables import layout_tables, ruled_tables

_UNMAPPED_SHARE = 0.5  # above this share of characters without a Unicode map, the text is not the text


def parse(path: Path, limits: Limits) -> Document:
    import pypdfium2 as pdfium

    from lintcity.parsers.pdf_limits import check_streams

    check_streams(path, limits)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # pdfium's one error class: the cause is in its message
        raise _open_error(path, exc) from None
    try:
        pages = _read(pdf, path, limits)
    finally:
        pdf.close()
    items = merge_continued_tables(drop_running_heads(pages))
    blocks, tables = assemble(items)
    return build_document(str(path), "pdf", blocks, tables)


def _read(pdf, path: Path, limits: Limits) -> list[list[Item]]:
    """Every page's items (lines and tables, top to bottom), reading one page at a time."""
    count = len(pdf)  # from the page tree: no page is loaded yet
    if count > limits.max_pages:
        raise InputError(str(path), t("pdf.too_many_pages", pages=count, limit=limits.max_pages), "IO007")
    pages: list[list[Item]] = []
    to_ocr: list[int] = []
    chars = unmapped = 0
    has_images = has_text_objects = False
    for index in range(count):
        page = read_page(pdf, index, limits.max_chars - chars)
        if page.over_budget:
            raise InputError(str(path), t("pdf.too_many_chars", limit=f"{limits.max_chars:,}"), "IO007")
        if page.too_dense:
            raise InputError(str(path), t("pdf.page_too_dense", page=index + 1, chars=f"{page.too_dense:,}",
                                          limit=f"{PAGE_CHARS:,}"), "IO007")
        chars += len(page.chars)
        unmapped += page.unmapped
        has_images = has_images or page.has_images
        has_text_objects = has_text_objects or page.has_text_objects
        if limits.ocr == "always" or (limits.ocr == "auto" and not page.chars and page.has_images
                                      and _ocr_available()):
            to_ocr.append(index)
            pages.append([])
            continue
        pages.append(page_items(page, index + 1))
    if to_ocr:
        from lintcity.parsers.ocr import ocr_pages

        for index, items in ocr_pages(pdf, to_ocr, path):
            pages[index] = number_lines(items)
            chars += sum(len(it.text) for it in items if isinstance(it, Line))
    if chars == 0 and to_ocr and has_images:
        raise InputError(str(path), t("pdf.ocr_nothing"), "IO006")
    if chars == 0:
        raise _no_text_error(path, has_images, has_text_objects, limits)
    if unmapped > chars * _UNMAPPED_SHARE:
        raise InputError(str(path), t("pdf.unmapped_font"), "IO004")
    return pages


def _ocr_available() -> bool:
    from lintcity.parsers.ocr import available

    return available()


def page_items(page: PageText, page_no: int) -> list[Item]:
    """A page's tables (ruled, then borderless) and remaining lines, top to bottom and numbered."""
    tables, rest = ruled_tables(page.chars, page.rules, page_no)
    borderless, lines = layout_tables(lines_of(rest, page_no))
    return number_lines([*tables, *borderless, *lines])


def _no_text_error(path: Path, has_images: bool, has_text_objects: bool, limits: Limits) -> InputError:
    from lintcity.parsers.pdf_limits import draws_text

    if has_text_objects or draws_text(path):  # text is drawn, but pdfium cannot read its font
        return InputError(str(path), t("pdf.corrupt", detail=t("pdf.unreadable_font")), "IO004")
    if not has_images:
        return InputError(str(path), t("pdf.no_text"), "IO003")
    if limits.ocr == "never" or _ocr_available():
        return InputError(str(path), t("pdf.scanned"), "IO006")
    return InputError(str(path), t("pdf.scanned") + t("pdf.ocr_install_hint"), "IO006")


def _open_error(path: Path, exc: Exception) -> InputError:
    """The InputError for a PDF pdfium cannot open: encrypted, another format, or damaged.

    pypdfium2 raises one error class whose message carries pdfium's reason,
    e.g. "Failed to load document (PDFium: Incorrect password error)."
    """
    message = str(exc)
    if "password" in message.lower():
        return InputError(str(path), t("pdf.encrypted"), "IO005")
    not_pdf = _not_a_pdf(path)
    if not_pdf is not None:
        return not_pdf
    reason = message[message.find("(") + 1:message.rfind(")")] if "(" in message else message
    detail = reason.strip().splitlines()[0][:100] if reason.strip() else type(exc).__name__
    return InputError(str(path), t("pdf.corrupt", detail=detail), "IO004")


def _not_a_pdf(path: Path) -> InputError | None:
    """The error for a file that failed to open as a PDF and has no PDF header at all.

    Only asked after pdfium has failed, so a PDF with junk before its header
    (which readers accept) is never refused for that. A recognised other format
    is IO002 (rename or convert it); anything else IO004.
    """
    try:
        data = sniff.head(path)
    except OSError:
        return None
    if b"%PDF-" in data:
        return None
    kind = t("pdf.kind_cfb") if sniff.is_cfb(data) else sniff.describe_file(path, data)
    if kind is not None:
        return InputError(str(path), t("pdf.not_pdf_kind", kind=kind), "IO002")
    return InputError(str(path), t("pdf.not_pdf"), "IO004")
