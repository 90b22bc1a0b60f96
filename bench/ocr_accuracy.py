"""OCR character accuracy on clean renders of the fixture PDFs, against their known text.

    python bench/ocr_accuracy.py [--dpi 300] [--all] [FILE.pdf ...]
    python bench/ocr_accuracy.py --scanned

Each page is rendered by pdfium at `--dpi` (a clean scan), read by the OCR extra the way
lintcity reads a scanned page (lines in reading order), and compared with the page's text layer,
which is the fixture's own text (tests/test_parsers.py checks it equals the .md source).
Accuracy is 1 − (edit distance ÷ characters of the known text), whitespace ignored, also given
with width variants folded (NFKC: （ and ( are one character); the total
is over all characters of all pages read. Without --all, a sample is read: the first page of four
fixtures and the indicator-table page of the complete plan (OCR takes seconds a page).
With --scanned, the 42 pages of fixtures/pdf_variants/complete_scanned.pdf (1-bit, 200 dpi) are
read from their committed OCR recording (no model run: corrections and layout only) against
complete.pdf's text layer. Needs `pip install 'lintcity[ocr]'`.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = {"complete.pdf": [0, 3]}  # page 4 holds the indicator table
DEFAULT_FILES = ("complete.pdf", "heading_only.pdf", "partial.pdf", "spam.pdf")
_SPACE = re.compile(r"\s+")


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one row at a time (pages are a few thousand characters)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def page_texts(path: Path, pages: list[int] | None, dpi: int):
    """(page number, known text, OCR text) for the chosen pages of `path`, both in reading order.

    Both sides go through lintcity's own page layout (lines top to bottom, table cells row by
    row), so a table read in another order than pdfium's content order is not counted as errors.
    """
    import pypdfium2 as pdfium

    from lintcity.parsers.ocr import page_items as ocr_items
    from lintcity.parsers.ocr import prepare, recognise
    from lintcity.parsers.pdf import page_items
    from lintcity.parsers.pdf_layout import number_lines
    from lintcity.parsers.pdf_page import read_page

    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in pages if pages is not None else range(len(pdf)):
            known = _text(page_items(read_page(pdf, index, 10**9), index + 1))
            page = pdf[index]
            image = page.render(scale=dpi / 72, grayscale=True).to_numpy()
            page.close()
            gray, rules = prepare(image, 72 / dpi)
            started = time.perf_counter()
            result = recognise(gray)
            seconds = time.perf_counter() - started
            yield index + 1, known, _text(number_lines(ocr_items(result, rules, index + 1, 72 / dpi))), seconds
    finally:
        pdf.close()


def scanned_texts():
    """(page number, known text, OCR text, 0.0) for every page of the scanned plan, the engine's
    boxes taken from the recording tests/test_pdf_formats.py replays."""
    import gzip
    import json

    import pypdfium2 as pdfium

    from lintcity.parsers.ocr import DPI, prepare
    from lintcity.parsers.ocr import page_items as ocr_items
    from lintcity.parsers.pdf import page_items
    from lintcity.parsers.pdf_layout import number_lines
    from lintcity.parsers.pdf_page import read_page

    variants = ROOT / "fixtures" / "pdf_variants"
    with gzip.open(variants / "complete_scanned.ocr.json.gz", "rt", encoding="utf-8") as f:
        recording = json.load(f)
    text_pdf = pdfium.PdfDocument(str(ROOT / "fixtures" / "complete.pdf"))
    scanned = pdfium.PdfDocument(str(variants / "complete_scanned.pdf"))
    try:
        for index, recorded in enumerate(recording["pages"]):
            known = _text(page_items(read_page(text_pdf, index, 10**9), index + 1))
            page = scanned[index]
            _, rules = prepare(page.render(scale=DPI / 72, grayscale=True).to_numpy(), 72 / DPI)
            page.close()
            items = ocr_items(recorded["boxes"], rules, index + 1, 72 / DPI)
            yield index + 1, known, _text(number_lines(items)), 0.0
    finally:
        text_pdf.close()
        scanned.close()


def _text(items) -> str:
    parts = []
    for it in items:
        parts.extend(cell for row in it.rows for cell in row) if hasattr(it, "rows") else parts.append(it.text)
    return _SPACE.sub("", "".join(parts))


def _folded(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--all", action="store_true", help="every page, not the sample")
    parser.add_argument("--scanned", action="store_true", help="the scanned plan from its OCR recording")
    args = parser.parse_args(argv)
    files = args.files or [ROOT / "fixtures" / name for name in DEFAULT_FILES]
    if args.scanned:
        files, args.dpi = [ROOT / "fixtures" / "pdf_variants" / "complete_scanned.pdf"], 200
    total_chars = total_errors = total_width = 0
    start = time.perf_counter()
    for path in files:
        pages = None if args.all else SAMPLE.get(path.name, [0])
        texts = scanned_texts() if args.scanned else page_texts(path, pages, args.dpi)
        for number, known, read, seconds in texts:
            errors = edit_distance(known, read)
            # （ read as ( is a width variant, not a misread character: counted apart
            width = edit_distance(_folded(known), _folded(read))
            total_chars += len(known)
            total_errors += errors
            total_width += width
            print(f"{path.name} p{number}: {len(known)} chars, {errors} errors ({width} with width variants "
                  f"folded), accuracy {1 - errors / max(len(known), 1):.4f} / {1 - width / max(len(known), 1):.4f}"
                  f" ({seconds:.1f} s)",
                  flush=True)
    seconds = time.perf_counter() - start
    print(f"total: {total_chars} chars, {total_errors} errors, accuracy {1 - total_errors / max(total_chars, 1):.4f}; "
          f"width variants folded (NFKC): {1 - total_width / max(total_chars, 1):.4f}; at {args.dpi} dpi "
          f"({seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
