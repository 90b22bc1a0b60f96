"""Word plans (.docx, .docm, .dotx): the package checked, then the body read in document order.

The package is judged before anything is parsed (not a zip, encrypted, an
old .doc, a zip bomb, a DTD); the body part is found through the package's
relationships as Word finds it (`docx_package`), and read by `docx_body`,
which keeps every text Word shows (tracked insertions, content controls,
text boxes, fields, footnotes …), renders Word's list numbering into the text
(`docx_numbering`) and splits paragraphs written with manual line breaks
into their real paragraphs and headings. Headers, footers and comments are
never plan text; comments are kept on the Document for suppressions.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from lintcity.document import Document, build_document
from lintcity.errors import InputError
from lintcity.i18n import t
from lintcity.limits import Limits
from lintcity.parsers import sniff, xmlsafe
from lintcity.parsers.docx_body import Reader
from lintcity.parsers.docx_package import Package


def parse(path: Path, limits: Limits) -> Document:
    return parse_as(path, limits, "docx")


def parse_as(path: Path, limits: Limits, fmt: str, shown: str | None = None) -> Document:
    """Read a Word package; `fmt` names the format the user gave (a converted .doc says "doc")."""
    parts: dict[str, bytes] = {}   # the XML parts the checks inflated, parsed from memory
    try:
        check_package(path, limits, parts)
    except InputError as exc:   # a converted file is named as the user gave it, not by its temporary copy
        raise InputError(shown or exc.path, exc.cause, exc.code) from None
    with zipfile.ZipFile(path) as zf:
        package = Package.open(zf, parts)
        main = package.main_part()
        if main is None:  # check_package refuses this; kept for type narrowing
            raise InputError(shown or str(path), t("docx.no_body"), "IO004")
        body = Reader(package, main).read()
    return build_document(shown or str(path), fmt, body.blocks, body.tables, body.comments)


def check_package(path: Path, limits: Limits, parts: dict[str, bytes] | None = None) -> None:
    """Refuse non-zips (saying what they are), packages without a body, and zip bombs before parsing.

    Every part is inflated once: the XML parts by the DTD scan (which also
    checks their CRCs, and keeps their bytes in `parts`, up to one part's size
    limit in all, for the reader), the others by the CRC check.
    """
    if not zipfile.is_zipfile(path):
        raise _not_a_zip(path, limits)
    try:
        with zipfile.ZipFile(path) as zf:
            _check_directory(path, zf, limits)
            xmlsafe.refuse_large_parts(str(path), zf, limits.max_part_bytes)
            read = xmlsafe.refuse_dtd(str(path), zf, keep=parts, keep_limit=limits.max_part_bytes)
            if xmlsafe.check_crcs(zf, read) is not None:
                raise InputError(str(path), t("docx.checksum"), "IO004")
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise InputError(str(path), t("docx.corrupt", cause=_first_line(exc)), "IO004") from None


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
            return InputError(str(path), t("docx.encrypted"), "IO005")
        if "WordDocument" in streams:
            return InputError(str(path), t("docx.legacy_doc"), "IO002")
        return InputError(str(path), t("docx.legacy_office"), "IO002")
    if data.startswith(sniff.ZIP_MAGIC):
        return InputError(str(path), t("docx.truncated"), "IO004")
    kind = sniff.describe(data)
    if kind is not None:
        return InputError(str(path), t("docx.is_other", kind=kind), "IO002")
    return InputError(str(path), t("docx.not_zip"), "IO004")


# Main part of other zip-based formats: (part name, what to call the file).
_OTHER_PACKAGES = (
    ("xl/workbook.xml", "an Excel .xlsx workbook"),
    ("ppt/presentation.xml", "a PowerPoint .pptx presentation"),
    ("content.xml", "an OpenDocument file (.odt or similar)"),
)


def _check_directory(path: Path, zf: zipfile.ZipFile, limits: Limits) -> None:
    """Judge the package by its directory alone, before any part is decompressed.

    This must run before `testzip()`, which inflates every part: a 1 MB zip
    bomb declaring 1 GB would otherwise cost seconds of CPU (minutes for a
    larger one) before being refused. The declared sizes are a safe bound,
    because zipfile never inflates a part past its declared size.
    """
    infos = zf.infolist()
    names = {i.filename for i in infos}
    total = sum(i.file_size for i in infos)
    if total > limits.max_archive_bytes:
        raise InputError(str(path), t("docx.too_large", mb=f"{total // (1024 * 1024):,}",
                                      limit=limits.max_archive_bytes // (1024 * 1024)), "IO007")
    if "word/document.xml" in names:
        return
    other = next((kind for part, kind in _OTHER_PACKAGES if part in names), None)
    if other is not None:
        raise InputError(str(path), t("docx.other_package", kind=other), "IO002")
    if "_rels/.rels" in names and "[Content_Types].xml" in names:
        xmlsafe.refuse_dtd(str(path), zf, ("_rels/.rels",))
        if Package.open(zf).main_part() is not None:   # a body part named otherwise, found as Word finds it
            return
    raise InputError(str(path), t("docx.no_body"), "IO004")


def _first_line(exc: BaseException) -> str:
    """An exception's message cut to one line, since errors are printed one per line."""
    text = str(exc).strip()
    return text.splitlines()[0][:120] if text else type(exc).__name__
