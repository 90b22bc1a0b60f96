"""Plain-text plans: one line a paragraph, structure from numbering only.

Encodings seen in government offices: UTF-8 (with or without BOM), GB18030/GBK
from older Windows tools, Big5/Big5-HKSCS from Hong Kong, Macao and Taiwan
sources, UTF-16/UTF-32 from Notepad's "Unicode" (with or without BOM). The
encoding is chosen in `encoding.py`; decoding is incremental, so a huge file is
refused at the character limit, not after loading it all, and a character cut
by a buffer boundary is completed by the next buffer.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lintcity.document import Document, Location, RawBlock, build_document
from lintcity.errors import InputError
from lintcity.i18n import t
from lintcity.limits import Limits
from lintcity.parsers.comments import html_comment, point_before
from lintcity.parsers.encoding import CHUNK, detect, display_name

_CELL_SPLIT = re.compile(r"\t+|[ \u3000]{2,}")


def parse(path: Path, limits: Limits) -> Document:
    text = read_text(path, limits)
    comments: list = []
    blocks, tables = lines_to_blocks(text.splitlines(), comments)
    return build_document(str(path), "txt", blocks, tables, comments)


def read_text(path: Path, limits: Limits) -> str:
    """Decode a text file, refusing binaries, mixed encodings and oversize text."""
    with path.open("rb") as fh:
        head = fh.read(CHUNK)
        encoding = detect(str(path), head, complete=len(head) < CHUNK)
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        pieces: list[str] = []
        count = 0
        offset = 0
        chunk = head
        while chunk:
            try:
                piece = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                raise _decode_error(path, encoding, offset + exc.start, count) from None
            count += len(piece)
            if count > limits.max_chars:
                raise InputError(str(path), t("reliability.too_many_chars", limit=f"{limits.max_chars:,}"), "IO007")
            if "\x00" in piece:
                raise InputError(str(path), t("reliability.binary"), "IO004")
            pieces.append(piece)
            offset += len(chunk)
            chunk = fh.read(CHUNK)
        try:
            pieces.append(decoder.decode(b"", final=True))
        except UnicodeDecodeError:
            raise _decode_error(path, encoding, offset, count) from None
    return "".join(pieces)


def _decode_error(path: Path, encoding: str, byte: int, chars_ok: int) -> InputError:
    if encoding.startswith("utf-8") and chars_ok:
        return InputError(str(path), t("reliability.mixed_encodings", byte=byte), "IO008")
    return InputError(str(path), t("reliability.cannot_decode", encoding=display_name(encoding), byte=byte), "IO008")


def lines_to_blocks(lines: list[str], comments: list | None = None) -> tuple[list[RawBlock], list[list[list[int]]]]:
    """One block per non-empty line; runs of 2+ lines split into 2+ cells are a table. With `comments`,
    a line that is one `<!-- lintcity: … -->` comment is a suppression directive there, not text."""
    blocks: list[RawBlock] = []
    tables: list[list[list[int]]] = []
    current: list[list[int]] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            current = _close_table(current, tables, blocks)
            continue
        if comments is not None and stripped.startswith("<!--"):
            inner = html_comment(stripped)
            if inner is not None and inner.lower().startswith("lintcity"):
                current = _close_table(current, tables, blocks)
                comments.append(point_before(inner, len(blocks)))
                continue
        cells = [c for c in _CELL_SPLIT.split(stripped) if c.strip()]
        if len(cells) >= 2 and not _is_prose(stripped):
            row = []
            for col, cell in enumerate(cells, start=1):
                row.append(len(blocks))
                blocks.append(RawBlock(cell.strip(), Location(line=number, row=len(current) + 1, column=col),
                                       "table_cell"))
            current.append(row)
            continue
        current = _close_table(current, tables, blocks)
        blocks.append(RawBlock(stripped, Location(line=number)))
    _close_table(current, tables, blocks)
    return blocks, tables


def _is_prose(line: str) -> bool:
    """A line that ends a sentence is prose even if it has wide gaps in it."""
    return line.endswith(("。", "；", "：")) or len(line) > 120


def _close_table(rows: list[list[int]], tables: list[list[list[int]]], blocks: list[RawBlock]) -> list[list[int]]:
    if len(rows) >= 2:
        tables.append(rows)
    elif rows:
        # A single gapped line is a paragraph after all: join its cells back.
        first = rows[0][0]
        cells = [blocks[i] for i in rows[0]]
        line = cells[0].location.line
        del blocks[first:]
        blocks.append(RawBlock("  ".join(c.text for c in cells), Location(line=line)))
    return []
