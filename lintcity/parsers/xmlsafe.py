"""The one guard for XML read from inside packages (.docx parts, OFD parts).

Every zip-based reader parses its XML through `parser()` and checks parts with
`refuse_large_parts()` and `refuse_dtd()`, so the rules for hostile XML live in one place: no DTD, no
entity expansion, no network, no huge-tree mode.
"""

from __future__ import annotations

import zipfile

from lxml import etree

from lintcity.errors import InputError
from lintcity.i18n import t

_CHUNK = 1 << 20
_DTD_MARKERS = tuple(word.encode(codec) for word in ("<!DOCTYPE", "<!ENTITY")
                     for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_OVERLAP = max(len(m) for m in _DTD_MARKERS) - 1
# Parts no XML parser reads: pictures, fonts, embedded binaries.
_BINARY = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".wdp", ".ttf", ".odttf",
           ".otf", ".bin", ".svgz", ".jb2", ".jbig2")


def parser() -> etree.XMLParser:
    """An lxml parser that neither resolves entities nor loads DTDs or anything from the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def parse_bytes(data: bytes) -> etree._Element:
    return etree.fromstring(data, parser())


def refuse_dtd(path: str, zf: zipfile.ZipFile, suffixes: tuple[str, ...] | None = None,
               keep: dict[str, bytes] | None = None, keep_limit: int = 0) -> set[str]:
    """Refuse XML parts that declare a DTD, the carrier of entity attacks — anywhere in the part.

    Office and OFD writers never write a DOCTYPE; one declaring entities is a
    "billion laughs" (entities expanding to gigabytes) or an external entity
    (pulling in /etc/passwd). The parser above already neither resolves nor
    loads entities, so this is defence in depth that also gives one plain
    message, whatever the libxml2 version. A well-formed DOCTYPE sits in the
    prolog, but the prolog may hold any amount of comment first: reading only
    the first 64 KB let a DOCTYPE after 64 KB of comment through, and the text
    after the first entity reference disappeared. So each part is streamed to
    its end, in chunks overlapping by the longest marker (memory stays at one
    chunk whatever the part's size). `suffixes`: only parts so named; by
    default every part but pictures, fonts and embedded binaries.

    Reading a part to its end also checks its CRC (zipfile raises BadZipFile).
    Returns the names of the parts read. With `keep`, the bytes of the parts
    read are kept there, up to `keep_limit` bytes in all, so a reader parsing
    them next need not inflate them again (the parts past the limit are read
    again when needed: memory stays bounded whatever the package holds).
    """
    read: set[str] = set()
    kept = 0
    for info in zf.infolist():
        name = info.filename.lower()
        if info.is_dir() or (not name.endswith(suffixes) if suffixes else name.endswith(_BINARY)):
            continue
        tail = b""
        pieces: list[bytes] | None = [] if keep is not None and kept + info.file_size <= keep_limit else None
        with zf.open(info) as part:
            while chunk := part.read(_CHUNK):
                window = tail + chunk
                # every marker holds the byte "!" (0x21) in each encoding: memchr rules most windows out
                if b"!" in window and any(marker in window for marker in _DTD_MARKERS):
                    raise InputError(path, t("office.dtd", part=info.filename), "IO004")
                tail = window[-_OVERLAP:]
                if pieces is not None:
                    pieces.append(chunk)
        read.add(info.filename)
        if pieces is not None and keep is not None:
            keep[info.filename] = b"".join(pieces)
            kept += info.file_size
    return read


def check_crcs(zf: zipfile.ZipFile, skip: set[str]) -> str | None:
    """The first part (not in `skip`, already read whole) whose CRC is wrong, as `ZipFile.testzip` answers."""
    for info in zf.infolist():
        if info.filename in skip or info.is_dir():
            continue
        try:
            with zf.open(info) as part:
                while part.read(_CHUNK):
                    pass
        except zipfile.BadZipFile:
            return info.filename
    return None


def refuse_large_parts(path: str, zf: zipfile.ZipFile, limit: int) -> None:
    """Refuse a part whose declared size is over `limit` (zipfile never inflates a part past it).

    Parsing XML costs about 8 bytes of memory per byte: a 7.9 MB .docx whose
    200 MB body was under the 500 MB archive limit peaked at 2.6 GB. The limit
    is `Limits.max_part_bytes`, an eighth of --max-archive-mb.
    """
    for info in zf.infolist():
        if info.file_size > limit:
            raise InputError(path, t("reliability.part_too_large", part=info.filename,
                                     size=info.file_size // (1024 * 1024), limit=limit // (1024 * 1024)), "IO007")
