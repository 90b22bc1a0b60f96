"""The one guard for XML read from inside packages (.docx parts, OFD parts).

Every zip-based reader parses its XML through `parser()` and checks parts with
`refuse_dtd()`, so the rules for hostile XML live in one place: no DTD, no
entity expansion, no network, no huge-tree mode.
"""

from __future__ import annotations

import zipfile

from lxml import etree

from lintcity.errors import InputError
from lintcity.i18n import t

_PROLOG_BYTES = 64 * 1024
_DTD_MARKERS = tuple(word.encode(codec) for word in ("<!DOCTYPE", "<!ENTITY")
                     for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def parser() -> etree.XMLParser:
    """An lxml parser that neither resolves entities nor loads DTDs or anything from the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def parse_bytes(data: bytes) -> etree._Element:
    return etree.fromstring(data, parser())


def refuse_dtd(path: str, zf: zipfile.ZipFile, suffixes: tuple[str, ...] = (".xml", ".rels")) -> None:
    """Refuse XML parts that declare a DTD, the carrier of entity attacks.

    Office and OFD writers never write a DOCTYPE; one declaring entities is a
    "billion laughs" (entities expanding to gigabytes) or an external entity
    (pulling in /etc/passwd). The parser above already neither resolves nor
    loads entities, so this is defence in depth that also gives one plain
    message, whatever the libxml2 version. The DOCTYPE can only be in the
    prolog, so the head of each part is enough.
    """
    for info in zf.infolist():
        if not info.filename.lower().endswith(suffixes):
            continue
        with zf.open(info) as part:
            head = part.read(_PROLOG_BYTES)
        if any(marker in head for marker in _DTD_MARKERS):
            raise InputError(path, t("office.dtd", part=info.filename), "IO004")
