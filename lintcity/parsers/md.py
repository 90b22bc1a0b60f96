"""Markdown plans, read with markdown-it-py (CommonMark plus tables).

Headings come from `#` levels (the title is the single `#`), and numbering in
the heading text decides its rank, as in every other format. Ordered-list
markers are put back into the item text so that the text matches the .txt and
.docx renderings of the same plan.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from lintcity.document import Document, Location, RawBlock, build_document
from lintcity.errors import InputError
from lintcity.limits import Limits
from lintcity.parsers.comments import html_comment, point_before
from lintcity.parsers.txt import read_text

# markdown-it's cap on block levels. A list level costs two (list + item), a quote
# one, so lists nest to 127 levels and quotes to 255 — far past any plan, yet
# the parser's recursion (two frames per level) stays well inside Python's
# default limit of 1000.
MAX_NESTING = 256
# Block containers whose content markdown-it parses one level deeper, and drops
# once that level reaches the cap.
_CONTAINERS = {"blockquote_open", "list_item_open"}


def parse(path: Path, limits: Limits) -> Document:
    text = read_text(path, limits)
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    tokens = md.parse(text)
    _check_nesting(path, tokens)
    comments: list = []
    blocks, tables = _walk(tokens, comments)
    return build_document(str(path), "md", blocks, tables, comments)


def _check_nesting(path: Path, tokens: list) -> None:
    """Refuse a file whose lists or quotes reach markdown-it's nesting cap.

    At the cap markdown-it silently skips the rest of the container, and with
    lists that is the rest of the file: linting what is left would report
    requirements "missing" that are in the text. The content of a container
    opened at level cap - 1 is parsed at the cap, i.e. dropped; a container
    opened any shallower loses nothing. (The check once refused any token at
    level 99, which a paragraph inside 49 list levels already reached.)
    """
    if any(tok.type in _CONTAINERS and tok.level >= MAX_NESTING - 1 for tok in tokens):
        raise InputError(str(path), "lists or quotes nested too deeply (more than 127 list or 255 quote "
                         "levels; text inside would be lost) — flatten the nesting", "IO004")


def _walk(tokens: list, comments: list | None = None) -> tuple[list[RawBlock], list[list[list[int]]]]:
    """Raw blocks and tables; HTML comments (suppression directives) go to `comments` when given."""
    blocks: list[RawBlock] = []
    tables: list[list[list[int]]] = []
    heading_level: int | None = None
    list_marker: list[str] = []
    table: list[list[int]] | None = None
    row: list[int] = []
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind == "heading_open":
            heading_level = int(tok.tag[1:]) - 1  # "#" is the title
        elif kind == "heading_close":
            heading_level = None
        elif kind == "list_item_open":
            list_marker.append(f"{tok.info}{tok.markup} " if tok.info else "")
        elif kind == "list_item_close":
            list_marker.pop()
        elif kind == "table_open":
            table = []
        elif kind == "table_close":
            if table:
                tables.append(table)
            table = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and table is not None:
            table.append(row)
        elif kind == "html_block" and comments is not None and html_comment(tok.content) is not None:
            comments.append(point_before(html_comment(tok.content), len(blocks)))
        elif kind == "inline":
            line = (tok.map[0] + 1) if tok.map else _line_of(tokens, i)
            content = _plain(tok)
            if table is not None:
                col = len(row) + 1
                row.append(len(blocks))
                blocks.append(RawBlock(content, Location(line=line, row=len(table) + 1, column=col), "table_cell"))
            elif heading_level is not None:
                blocks.append(RawBlock(content, Location(line=line), "heading", style_level=heading_level))
            else:
                marker = list_marker[-1] if list_marker and list_marker[-1] else ""
                blocks.append(RawBlock(marker + content, Location(line=line),
                                       "list_item" if list_marker else "paragraph",
                                       line_locations=_lines(content, line)))
                if list_marker:
                    list_marker[-1] = ""  # only the item's first paragraph carries the number
    return blocks, tables


def _plain(inline) -> str:
    """Inline text without emphasis/link markup; soft breaks kept as newlines."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts) if inline.children else inline.content


def _lines(content: str, first_line: int) -> tuple[tuple[int, Location], ...]:
    out = []
    offset = 0
    for k, piece in enumerate(content.split("\n")):
        out.append((offset, Location(line=first_line + k)))
        offset += len(piece) + 1
    return tuple(out)


def _line_of(tokens: list, i: int) -> int:
    for tok in reversed(tokens[:i]):
        if tok.map:
            return tok.map[0] + 1
    return 1
