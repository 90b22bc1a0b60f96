"""What a file really is, from its first bytes, for error messages that name the actual problem.

A file that fails to open as the format its suffix promises is most often
another format renamed (a PDF saved as x.docx, an old .doc renamed .docx) or
a password-protected Office file; "corrupt" would send the user hunting for
damage that is not there. These checks only choose the message: a file is
never refused for its magic bytes alone.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # OLE compound file: .doc, .xls, encrypted OOXML
ZIP_MAGIC = b"PK\x03\x04"
# Stream names in a compound file's directory (UTF-16LE there).
_STREAMS = {name: name.encode("utf-16-le") for name in ("EncryptedPackage", "WordDocument")}
_HEAD_BYTES = 1024
_SCAN_CHUNK = 1 << 20

# (magic found at the start, what to call the file)
_SIGNATURES = (
    (b"%PDF-", "a PDF file"),
    (ZIP_MAGIC, "a zip package (a Word .docx or another Office file)"),
    (b"{\\rtf", "an RTF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)


def head(path: Path, size: int = _HEAD_BYTES) -> bytes:
    """The first bytes of the file (the caller has already checked it is readable)."""
    with path.open("rb") as fh:
        return fh.read(size)


def describe(data: bytes) -> str | None:
    """A plain name for the format these first bytes start, or None if unrecognised."""
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    for magic, name in _SIGNATURES:
        if stripped.startswith(magic):
            return name
    if stripped[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "a web page (HTML)"
    return None


def describe_file(path: Path, data: bytes) -> str | None:
    """Like `describe`, telling a Word .docx from other zip packages by its body part."""
    kind = describe(data)
    if data.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as zf:
                if "word/document.xml" in zf.namelist():
                    return "a Word .docx file"
        except (zipfile.BadZipFile, OSError, ValueError):
            pass
    return kind


def is_cfb(data: bytes) -> bool:
    """An OLE compound file: an old binary Office file, or an encrypted .docx/.xlsx."""
    return data.startswith(CFB_MAGIC)


def cfb_streams(path: Path, limit: int) -> set[str]:
    """Which of the telling stream names a compound file holds: `EncryptedPackage`, `WordDocument`.

    Word encrypts a password-protected .docx into a compound file with an
    `EncryptedPackage` stream; a legacy .doc has a `WordDocument` stream. The
    names sit in directory sectors anywhere in the file, so the file is scanned
    (up to `limit` bytes, the input size limit) in chunks overlapping by the
    longest name, rather than parsing the compound-file format for a message.
    """
    overlap = max(len(m) for m in _STREAMS.values()) - 1
    found: set[str] = set()
    seen = 0
    tail = b""
    with path.open("rb") as fh:
        while seen < limit and len(found) < len(_STREAMS):
            chunk = fh.read(min(_SCAN_CHUNK, limit - seen))
            if not chunk:
                break
            window = tail + chunk
            found.update(name for name, marker in _STREAMS.items() if marker in window)
            tail = window[-overlap:]
            seen += len(chunk)
    return found
