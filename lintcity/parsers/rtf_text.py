"""Plain text of a small RTF fragment (a Word altChunk imported from RTF).

Whole .rtf files go through LibreOffice (`office.py`); an altChunk part is a
fragment inside a .docx, read in place without a conversion. Only text is
needed: destinations that hold no body text (font and colour tables, styles,
document info, pictures, objects, `\\*` groups) are skipped, `\\par` and `\\line`
end lines, `\\'hh` bytes decode in the document's code page (\\ansicpg936 is GBK)
and `\\uN` characters skip their ANSI substitute.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|([^\\{}\r\n]+)|[\r\n]+")
_SKIP = {b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"object", b"header", b"footer",
         b"headerl", b"headerr", b"footerl", b"footerr", b"listtable", b"listoverridetable", b"themedata",
         b"datastore", b"latentstyles", b"rsidtbl", b"generator", b"xmlnstbl", b"colorschememapping"}
_BREAKS = {b"par", b"line", b"row", b"sect", b"page"}
_CHARS = {b"tab": "\t", b"cell": " ", b"emdash": "—", b"endash": "–", b"lquote": "‘", b"rquote": "’",
          b"ldblquote": "“", b"rdblquote": "”", b"bullet": "•"}


def rtf_lines(data: bytes) -> list[str]:
    m = re.search(rb"\\ansicpg(\d+)", data[:4096])
    codec = f"cp{int(m.group(1))}" if m else "cp1252"
    codec = "gb18030" if codec == "cp936" else codec
    out: list[str] = []
    pending = bytearray()          # \'hh bytes, decoded together (a GBK character is two of them)
    skip_depth: int | None = None  # group depth below which text is skipped
    depth, uc, to_skip = 0, 1, 0
    first_in_group = False

    def flush() -> None:
        if pending:
            out.append(pending.decode(codec, "replace"))
            pending.clear()

    for word, arg, hexbyte, symbol, brace, text in (m.groups() for m in _TOKEN.finditer(data)):
        if brace == b"{":
            depth += 1
            first_in_group = True
            continue
        if brace == b"}":
            flush()
            if skip_depth is not None and depth <= skip_depth:
                skip_depth = None
            depth -= 1
            continue
        starts_group, first_in_group = first_in_group, False
        if symbol == b"*" and starts_group and skip_depth is None:
            skip_depth = depth
        if skip_depth is not None:
            continue
        if hexbyte is not None:
            if to_skip:
                to_skip -= 1
            else:
                pending.append(int(hexbyte, 16))
            continue
        flush()
        if word is not None:
            if word in _SKIP:
                skip_depth = depth
            elif word == b"uc":
                uc = int(arg or 1)
            elif word == b"u":
                value = int(arg or 0)
                out.append(chr(value + 65536 if value < 0 else value))
                to_skip = uc
            elif word in _BREAKS:
                out.append("\n")
            elif word in _CHARS:
                out.append(_CHARS[word])
        elif symbol is not None:
            if symbol in (b"\\", b"{", b"}"):
                out.append(symbol.decode())
            elif symbol == b"~":
                out.append("\u00a0")
        elif text is not None:
            if to_skip:
                cut = min(to_skip, len(text))
                text, to_skip = text[cut:], to_skip - cut
            out.append(text.decode(codec, "replace"))
    flush()
    return "".join(out).split("\n")
