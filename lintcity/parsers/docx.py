"""Word plans, read with python-docx: body paragraphs and tables in order.

Headers and footers are separate parts of the package and never enter the
body. Heading levels come from the paragraph style (Heading N / 标题 N) or its
outline level; numbering that Word generates is not in the text, so structure
is also found from numbering written in the text, as for every format.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from lintcity.document import Document, Location, RawBlock, build_document
from lintcity.errors import InputError
from lintcity.limits import Limits
from lintcity.parsers import sniff

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题"}


def parse(path: Path, limits: Limits) -> Document:
    check_package(path, limits)
    try:
        document = docx.Document(str(path))
    except PackageNotFoundError:
        raise InputError(str(path), "not a Word .docx package (is it an old .doc or another format "
                         "renamed?)", "IO004") from None
    except KeyError as exc:
        raise InputError(str(path), f"corrupt .docx: missing part {exc}", "IO004") from None
    blocks, tables = _read_body(document)
    return build_document(str(path), "docx", blocks, tables)


def check_package(path: Path, limits: Limits) -> None:
    """Refuse non-zips (saying what they are), packages without a body, and zip bombs before parsing."""
    if not zipfile.is_zipfile(path):
        raise _not_a_zip(path, limits)
    try:
        with zipfile.ZipFile(path) as zf:
            _check_directory(path, zf.infolist(), limits)
            _check_no_dtd(path, zf)
            if zf.testzip() is not None:
                raise InputError(str(path), "corrupt .docx: a compressed part fails its checksum", "IO004")
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise InputError(str(path), f"corrupt .docx package ({_first_line(exc)})", "IO004") from None


def _not_a_zip(path: Path, limits: Limits) -> InputError:
    """Why a .docx is not a zip package, in the terms a drafter can act on.

    Word saves a password-protected .docx as an OLE compound file holding an
    `EncryptedPackage` stream, and an old .doc is a compound file too; both
    used to read "not a zip package", which sends the user looking for damage.
    """
    data = sniff.head(path)
    if sniff.is_cfb(data):
        streams = sniff.cfb_streams(path, limits.max_file_bytes)
        if "EncryptedPackage" in streams:
            return InputError(str(path), "password-protected (encrypted) Word file — save an unprotected copy "
                              "and lint that", "IO005")
        if "WordDocument" in streams:
            return InputError(str(path), "an old binary Word .doc file, not .docx — open it in Word or WPS "
                              "and save as .docx", "IO002")
        return InputError(str(path), "an old binary Office file (.doc, .xls or .ppt), not .docx — save the "
                          "document as .docx", "IO002")
    if data.startswith(sniff.ZIP_MAGIC):
        return InputError(str(path), "truncated or damaged .docx: the zip package is incomplete (an "
                          "interrupted download or copy?)", "IO004")
    kind = sniff.describe(data)
    if kind is not None:
        return InputError(str(path), f"not a .docx file: it is {kind} with a .docx name", "IO002")
    return InputError(str(path), "not a .docx file (not a zip package; truncated or another format "
                      "renamed?)", "IO004")


# Main part of other zip-based formats: (part name, what to call the file).
_OTHER_PACKAGES = (
    ("xl/workbook.xml", "an Excel .xlsx workbook"),
    ("ppt/presentation.xml", "a PowerPoint .pptx presentation"),
    ("content.xml", "an OpenDocument file (.odt or similar)"),
)


def _check_directory(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Judge the package by its directory alone, before any part is decompressed.

    This must run before `testzip()`, which inflates every part: a 1 MB zip
    bomb declaring 1 GB would otherwise cost seconds of CPU (minutes for a
    larger one) before being refused. The declared sizes are a safe bound,
    because zipfile never inflates a part past its declared size.
    """
    names = {i.filename for i in infos}
    total = sum(i.file_size for i in infos)
    if "word/document.xml" not in names:
        other = next((kind for part, kind in _OTHER_PACKAGES if part in names), None)
        if other is not None:
            raise InputError(str(path), f"not a Word document: it is {other} with a .docx name", "IO002")
        raise InputError(str(path), "corrupt .docx: no word/document.xml (the document body)", "IO004")
    if total > limits.max_archive_bytes:
        raise InputError(str(path), f".docx expands to {total // (1024 * 1024):,} MB, over the limit of "
                         f"{limits.max_archive_bytes // (1024 * 1024)} MB (zip bomb? raise it with "
                         "--max-archive-mb)", "IO007")


_PROLOG_BYTES = 64 * 1024
_DTD_MARKERS = tuple(word.encode(codec) for word in ("<!DOCTYPE", "<!ENTITY")
                     for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def _check_no_dtd(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse XML parts that declare a DTD, the carrier of entity attacks.

    Word never writes a DOCTYPE in a .docx; one declaring entities is a
    "billion laughs" (entities expanding to gigabytes) or an external entity
    (pulling in /etc/passwd). python-docx's parser already neither resolves nor
    loads entities, so this is defence in depth that also gives one plain
    message, whatever the libxml2 version. The DOCTYPE can only be in the
    prolog, so the head of each part is enough.
    """
    for info in zf.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        with zf.open(info) as part:
            head = part.read(_PROLOG_BYTES)
        if any(marker in head for marker in _DTD_MARKERS):
            raise InputError(str(path), f"{info.filename} declares a DTD (XML entities), which Word never "
                             "writes — a malicious or broken file?", "IO004")


def _first_line(exc: BaseException) -> str:
    """An exception's message cut to one line, since errors are printed one per line."""
    text = str(exc).strip()
    return text.splitlines()[0][:120] if text else type(exc).__name__


def _read_body(document) -> tuple[list[RawBlock], list[list[list[int]]]]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[RawBlock] = []
    tables: list[list[list[int]]] = []
    paragraph_no = 0
    table_no = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            paragraph_no += 1
            text = item.text
            if not text.strip():
                continue
            level = _heading_level(item)
            kind = "heading" if level is not None else "paragraph"
            blocks.append(RawBlock(text, Location(paragraph=paragraph_no), kind, style_level=level))
        elif isinstance(item, Table):
            table_no += 1
            tables.append(_read_table(item, table_no, blocks))
    return blocks, tables


def _read_table(table, table_no: int, blocks: list[RawBlock]) -> list[list[int]]:
    rows: list[list[int]] = []
    for r, row in enumerate(table.rows, start=1):
        seen: set[int] = set()
        cells: list[int] = []
        for c, cell in enumerate(row.cells, start=1):
            if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                continue
            seen.add(id(cell._tc))
            text = "\n".join(p.text for p in cell.paragraphs).strip()
            cells.append(len(blocks))
            blocks.append(RawBlock(text or " ", Location(table=table_no, row=r, column=c), "table_cell"))
        rows.append(cells)
    return rows


def _heading_level(paragraph) -> int | None:
    """Heading level from the style name, else from an outline level on the paragraph or style."""
    style = paragraph.style
    name = (style.name or "").strip() if style is not None else ""
    if name.lower() in _TITLE_STYLES:
        return 0
    m = _HEADING_STYLE.match(name)
    if m:
        return int(m.group(1))
    for element in (paragraph._p, getattr(style, "element", None)):
        level = _outline_level(element)
        if level is not None:
            return level
    return None


def _outline_level(element) -> int | None:
    if element is None:
        return None
    from docx.oxml.ns import qn

    ppr = element.find(qn("w:pPr"))
    if ppr is None:
        return None
    outline = ppr.find(qn("w:outlineLvl"))
    if outline is None:
        return None
    try:
        value = int(outline.get(qn("w:val"), "9"))
    except ValueError:  # Word ignores an outline level it cannot read; so does lintcity
        return None
    return value + 1 if 0 <= value < 9 else None
