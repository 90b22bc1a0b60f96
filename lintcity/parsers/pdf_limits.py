"""Compressed PDF streams measured before pdfium inflates them.

A PDF of a megabyte can hold Flate streams that inflate to gigabytes; pdfium
inflates a page's content stream whole when the page is loaded and then builds
an object for every drawing operator in it, so one such page can take
gigabytes of memory. Before the document is opened, every Flate stream that
is not an image is inflated here in small pieces that are counted and thrown
away: one stream past 1/32 of the archive limit (`--max-archive-mb`, the same
limit as a .docx's expanded size: 16 MB of content by default, several times
a dense vector map's page, where pdfium takes about 15 bytes per content byte),
or all of them past the whole limit, refuses the file (IO007) in bounded memory. Images are left out: pdfium decodes them only
when a page is rendered for OCR, one at a time, and a scanned page's image is
large by nature. Encrypted streams cannot be measured and are skipped.
"""

from __future__ import annotations

import mmap
import re
import zlib
from pathlib import Path

from lintcity.errors import InputError
from lintcity.i18n import t
from lintcity.limits import MB, Limits

STREAM_SHARE = 32         # one stream may inflate to this share of the archive limit (16 MB by default)
_CHUNK = 1 << 20          # output bytes per inflate call
_DICT_WINDOW = 4096       # bytes before `stream` searched for the stream's dictionary
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def check_streams(path: Path, limits: Limits) -> None:
    """Raise IO007 when a non-image Flate stream of the file inflates past the caps."""
    cap = max(limits.max_archive_bytes // STREAM_SHARE, MB)
    total = 0
    with path.open("rb") as fh:
        try:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):  # empty or unmappable: the reader reports it
            return
        with data:
            for match in _STREAM.finditer(data):
                head = data[max(0, match.start() - _DICT_WINDOW):match.start()]
                head = head[head.rfind(b"obj") + 3:] if b"obj" in head else head
                if not _FLATE.search(head) or _IMAGE.search(head):
                    continue
                size = _inflated_size(data, match.end(), cap + 1)
                if size > cap:
                    raise InputError(str(path), t("pdf.stream_too_large", limit=round(cap / MB, 1)), "IO007")
                total += size
                if total > limits.max_archive_bytes:
                    raise InputError(str(path), t("pdf.streams_too_large", limit=limits.max_archive_bytes // MB),
                                     "IO007")


_TEXT_OPERATORS = re.compile(rb"\bBT\s[\s\S]{0,400}?(?:\)\s*Tj|\]\s*TJ|>\s*Tj)")


def draws_text(path: Path) -> bool:
    """Whether a content stream shows text (asked only when pdfium found none, so slowness is fine).

    A PDF whose text pdfium cannot read (a font that is not there) looks empty
    through pdfium; this tells "damaged" (IO004) from "no text at all" (IO003).
    """
    with path.open("rb") as fh:
        try:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):
            return False
        with data:
            for match in _STREAM.finditer(data):
                head = data[max(0, match.start() - _DICT_WINDOW):match.start()]
                if _IMAGE.search(head[head.rfind(b"obj") + 3:] if b"obj" in head else head):
                    continue
                body = data[match.end():match.end() + _CHUNK]
                if _FLATE.search(head):
                    try:
                        body = zlib.decompressobj().decompress(body, _CHUNK)
                    except zlib.error:
                        continue
                else:
                    body = body[:body.find(b"endstream")] if b"endstream" in body else body
                if _TEXT_OPERATORS.search(body):
                    return True
    return False


def _inflated_size(data: mmap.mmap, start: int, stop_after: int) -> int:
    """How many bytes the zlib stream at `start` inflates to, counting no further than `stop_after`."""
    inflater = zlib.decompressobj()
    size = 0
    position = start
    pending = b""
    try:
        while size < stop_after:
            if not pending:
                if inflater.eof or position >= len(data):
                    break
                pending = data[position:position + _CHUNK]
                position += len(pending)
            out = inflater.decompress(pending, _CHUNK)
            size += len(out)
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:  # encrypted, damaged or not really Flate: pdfium decides what it is
        return size
    return size
