"""Plain-text plans: one line a paragraph, structure from numbering only.

Encodings seen in government offices: UTF-8 (with or without BOM), GB18030/GBK
from older Windows tools, UTF-16 from Notepad's "Unicode". Decoding is
incremental so a huge file is refused after the character limit, not after
loading it all.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lintcity.document import Document, Location, RawBlock, build_document
from lintcity.errors import InputError
from lintcity.limits import Limits

_CHUNK = 1 << 20
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
_CELL_SPLIT = re.compile(r"\t+|[ \u3000]{2,}")


def parse(path: Path, limits: Limits) -> Document:
    text = read_text(path, limits)
    blocks, tables = lines_to_blocks(text.splitlines())
    return build_document(str(path), "txt", blocks, tables)


def read_text(path: Path, limits: Limits) -> str:
    """Decode a text file, refusing binaries, mixed encodings and oversize text."""
    with path.open("rb") as fh:
        head = fh.read(_CHUNK)
        encoding = _detect(path, head)
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
                raise InputError(str(path), f"text is over the limit of {limits.max_chars:,} characters "
                                 "(raise it with --max-chars)", "IO007")
            pieces.append(piece)
            offset += len(chunk)
            chunk = fh.read(_CHUNK)
        try:
            pieces.append(decoder.decode(b"", final=True))
        except UnicodeDecodeError:
            raise _decode_error(path, encoding, offset, count) from None
    text = "".join(pieces)
    if "\x00" in text:
        raise InputError(str(path), "binary file, not text", "IO004")
    return text


def _detect(path: Path, head: bytes) -> str:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if b"\x00" in head:
        raise InputError(str(path), "binary file, not text (it contains NUL bytes)", "IO004")
    if _control_ratio(head) > 0.05:
        raise InputError(str(path), "binary file, not text", "IO004")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and len(head) == _CHUNK:
            return "utf-8"  # a character cut by the chunk boundary
        if _has_utf8_text(head[:exc.start]):
            raise InputError(str(path), f"mixed text encodings: valid UTF-8 until byte {exc.start}, "
                             "then not — save the file again as UTF-8", "IO008") from None
    try:
        head.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        raise InputError(str(path), "text encoding not recognised (tried UTF-8, UTF-16, GB18030) "
                         "— save the file as UTF-8", "IO008") from None


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    controls = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(data)


def _has_utf8_text(prefix: bytes) -> bool:
    """Chinese text already decoded as UTF-8 before the failure means a mixed file.
    (Two GBK bytes can form a valid 2-byte UTF-8 sequence, never a CJK character.)"""
    return any("\u4e00" <= c <= "\u9fff" for c in prefix.decode("utf-8", "ignore"))


def _decode_error(path: Path, encoding: str, byte: int, chars_ok: int) -> InputError:
    if encoding.startswith("utf-8") and chars_ok:
        return InputError(str(path), f"mixed text encodings: valid UTF-8 until byte {byte}, then not "
                          "— save the file again as UTF-8", "IO008")
    return InputError(str(path), f"cannot decode as {encoding} at byte {byte} — save the file as UTF-8", "IO008")


def lines_to_blocks(lines: list[str]) -> tuple[list[RawBlock], list[list[list[int]]]]:
    """One block per non-empty line; runs of 2+ lines split into 2+ cells are a table."""
    blocks: list[RawBlock] = []
    tables: list[list[list[int]]] = []
    current: list[list[int]] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            current = _close_table(current, tables, blocks)
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
