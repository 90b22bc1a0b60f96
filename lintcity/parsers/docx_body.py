"""The text of a Word body as Word shows it, in document order, with locations.

python-docx's `paragraph.text` sees only runs and hyperlinks directly in a
paragraph, so text in tracked insertions and moves, content controls, simple
fields, smart tags, custom XML, text boxes, nested tables and altChunk parts
never reached the rules (a plan whose 2030 targets sit in a content control
lost them). This walker reads the XML itself: every container is transparent
except deleted and moved-from text (not in the current version), properties,
field instructions and the fallback copy of alternate content (the same
text box twice). Footnotes and endnotes are read where they are referenced and
located as 脚注N / 尾注N; headers and footers are other parts and never read.
Comments are not plan text: they are returned with their anchors.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from typing import NamedTuple

from lxml import etree

from lintcity.document import Location, RawBlock, RawComment
from lintcity.frozen import frozen_maker
from lintcity.headings import line_pieces
from lintcity.parsers.docx_numbering import Numbering
from lintcity.parsers.docx_package import COMMENTS, ENDNOTES, FOOTNOTES, MC, NUMBERING, R, STYLES, Package, w
from lintcity.parsers.rtf_text import rtf_lines

_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
# Subtrees whose text is not in the document as Word shows it.
_SKIP = {w(t) for t in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr", "instrText", "delText",
                        "delInstrText", "fldData", "rt", "tblPr", "trPr", "tcPr", "tblGrid", "sectPr",
                        "customXmlPr", "smartTagPr", "footnoteRef", "endnoteRef", "annotationRef")}
_TRANSPARENT_BLOCKS = {w(t) for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag")}
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_NAMES = {"title", "标题"}
MAX_ALT_CHUNK_DEPTH = 2
# Qualified names used per element, built once (the walk compares every element's tag with them).
_P, _TBL, _TR, _TC, _ID, _VAL = w("p"), w("tbl"), w("tr"), w("tc"), w("id"), w("val")
_PPR, _TCPR = w("pPr"), w("tcPr")
_PSTYLE, _NUMPR, _OUTLINE_LVL = w("pStyle"), w("numPr"), w("outlineLvl")
_ALT_CHUNK, _RANGE_START, _RANGE_END = w("altChunk"), w("commentRangeStart"), w("commentRangeEnd")
# A paragraph's location and raw block, built without the frozen dataclasses' per-field __setattr__.
_location = frozen_maker(Location)
_raw_block = frozen_maker(RawBlock)
# What the inline walk does with an element, by tag (anything else: its children are walked).
_TEXT, _TAB, _BREAK, _HYPHEN, _BOX, _MARK, _NOTE, _ALTERNATE, _PARAGRAPH, _SKIPPED = range(10)
_INLINE = {w("t"): _TEXT, f"{{{_M}}}t": _TEXT, w("tab"): _TAB, w("ptab"): _TAB, w("br"): _BREAK, w("cr"): _BREAK,
           w("noBreakHyphen"): _HYPHEN, w("txbxContent"): _BOX, w("commentRangeStart"): _MARK,
           w("commentRangeEnd"): _MARK, w("commentReference"): _MARK, w("footnoteReference"): _NOTE,
           w("endnoteReference"): _NOTE, f"{{{MC}}}AlternateContent": _ALTERNATE, _P: _PARAGRAPH,
           **{tag: _SKIPPED for tag in _SKIP}}
_MARK_KIND = {w("commentRangeStart"): "start", w("commentRangeEnd"): "end", w("commentReference"): "ref"}
_CHOICE = f"{{{MC}}}Choice"


# The small records of this module are named tuples and slotted classes, not dataclasses: creating a
# dataclass runs exec for each of its methods, about a millisecond apiece on every cold start.
class Style(NamedTuple):
    name: str = ""
    based_on: str | None = None
    outline: int | None = None
    num_id: str | None = None
    ilvl: int | None = None


class _StyleInfo(NamedTuple):
    """What a paragraph style gives its paragraphs through its `basedOn` chain, worked out once per style.

    `named`: the heading level its name says (Heading N / 标题 N / Title);
    `outline`: the first outline level in the chain; `num_id`, `ilvl`,
    `linked`: the first numbering in the chain, its level, and the level of
    the list linked to that style (the fallbacks when a paragraph names no
    level of its own).
    """

    named: int | None = None
    outline: int | None = None
    num_id: str | None = None
    ilvl: str | None = None
    linked: str | None = None


class _Text:
    """One paragraph's (or cell's) text with what was found inside it, offsets into `text`."""

    __slots__ = ("parts", "size", "marks", "notes", "boxes")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.marks: list[tuple[str, str, int]] = []   # (comment id, "start"/"end", offset)
        self.notes: list[tuple[str, str]] = []        # ("footnote"/"endnote", id)
        self.boxes: list[etree._Element] = []         # text box contents, read after

    def add(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.size += len(text)

    def extend(self, other: "_Text", sep: str) -> None:
        if self.size and other.size:
            self.add(sep)
        base = self.size
        self.add("".join(other.parts))
        self.marks += [(cid, kind, base + off) for cid, kind, off in other.marks]
        self.notes += other.notes
        self.boxes += other.boxes

    @property
    def text(self) -> str:
        return "".join(self.parts)


class Body:
    """What the reader found: raw blocks, tables (rows of raw block indices) and comments."""

    __slots__ = ("blocks", "tables", "comments")

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.tables: list[list[list[int]]] = []
        self.comments: list[RawComment] = []


class Reader:
    """Reads one package's body part into raw blocks, tables and comments."""

    def __init__(self, package: Package, main: str, depth: int = 0) -> None:
        self.pkg = package
        self.main = main
        self.depth = depth
        self.styles = _styles(self._part(STYLES))
        self.numbering = Numbering.parse(self._part(NUMBERING))
        self.notes = {"footnote": _notes(self._part(FOOTNOTES), "footnote"),
                      "endnote": _notes(self._part(ENDNOTES), "endnote")}
        self.note_numbers: dict[tuple[str, str], int] = {}
        self.comment_texts = _comments(self._part(COMMENTS))
        self.out = Body()
        self.paragraph_no = 0
        self.table_no = 0
        self._open_comments: dict[str, tuple[int, int | None]] = {}
        self._pending_starts: list[str] = []
        self._style_infos: dict[str | None, _StyleInfo] = {}

    def _part(self, rel_suffix: str) -> etree._Element | None:
        name = self.pkg.related(self.main, rel_suffix)
        return self.pkg.xml(name) if name else None

    def read(self) -> Body:
        root = self.pkg.xml(self.main)
        body = root.find(w("body"))
        if body is not None:
            self._blocks(body)
        for cid in list(self._open_comments):  # a range never closed ends with the document
            self._end_comment(cid, None)
        return self.out

    # -- block level ---------------------------------------------------------------------------

    def _blocks(self, container: etree._Element, anchor: int | None = None) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                self._paragraph(child, anchor)
            elif tag == _TBL:
                self._table(child)
            elif tag in _TRANSPARENT_BLOCKS:
                self._blocks(child, anchor)
            elif tag == _ALT_CHUNK:
                self._alt_chunk(child)
            elif tag == _RANGE_START:
                self._pending_starts.append(child.get(_ID, ""))
            elif tag == _RANGE_END:
                self._end_comment(child.get(_ID, ""), None)

    def _paragraph(self, p: etree._Element, anchor: int | None) -> None:
        if anchor is None:
            self.paragraph_no += 1
        number = anchor if anchor is not None else self.paragraph_no
        style_id, numpr, outline = _paragraph_props(next(p.iterchildren(_PPR), None))
        info = self._style_info(style_id)
        level = self._heading_level(info, outline)
        label = self._label(info, numpr)
        content = _Text()
        content.add(label)
        _inline(p, content)
        text = content.text
        pieces: list[tuple[int, int, int | None]]
        if level is not None:   # a heading broken over lines is one heading
            text = text.replace("\n", " ")
            pieces = [(0, len(text), None)]
        elif "\n" in text.strip("\n"):
            pieces = line_pieces(text)
        else:
            pieces = [(0, len(text), None)]
        first_raw = len(self.out.blocks)
        line_starts = _line_starts(text) if pieces and pieces[0][2] is not None else []
        kind = "heading" if level is not None else "paragraph"
        for start, end, line in pieces:
            lines = tuple((ls - start, _location(paragraph=number, line=i + 1))
                          for i, ls in enumerate(line_starts) if start < ls < end) if line_starts else ()
            self.out.blocks.append(_raw_block(text[start:end], _location(paragraph=number, line=line), kind,
                                              style_level=level, line_locations=lines))
        if not pieces:
            self.out.blocks.append(RawBlock("", Location(paragraph=number)))
            pieces = [(0, 0, None)]
        if content.marks or self._pending_starts:
            self._place_marks(content.marks, pieces, first_raw)
        for box in content.boxes:
            self._blocks(box, number)
        if content.notes:
            self._read_notes(content.notes)

    def _place_marks(self, marks: list[tuple[str, str, int]], pieces: list[tuple[int, int, int | None]],
                     first_raw: int) -> None:
        """Comment anchors inside a paragraph, as (raw block, offset in that block)."""
        for cid in self._pending_starts:
            self._open_comments[cid] = (first_raw, None)
        self._pending_starts = []
        for cid, kind, offset in marks:
            index = first_raw
            for i, (start, _end, _line) in enumerate(pieces):
                if offset >= start:
                    index = first_raw + i
            local = offset - pieces[index - first_raw][0]
            if kind == "start":
                self._open_comments[cid] = (index, local)
            elif kind == "end":
                self._end_comment(cid, (index, local))
            elif cid not in self._open_comments and cid not in {c for c, k, _ in marks if k == "end"}:
                self._open_comments[cid] = (index, None)   # a reference without a range: the paragraph
                self._end_comment(cid, (index, None))

    def _end_comment(self, cid: str, at: tuple[int, int | None] | None) -> None:
        start = self._open_comments.pop(cid, None)
        if start is None or cid not in self.comment_texts:
            return
        text, author = self.comment_texts.pop(cid)
        end = at if at is not None else (max(len(self.out.blocks) - 1, start[0]), None)
        self.out.comments.append(RawComment(text, start[0], start[1], end[0], end[1], author))

    def _table(self, tbl: etree._Element) -> None:
        self.table_no += 1
        number = self.table_no
        rows: list[list[int]] = []
        above: dict[int, str] = {}   # grid column → text of the vertically merged cell that started there
        notes: list[tuple[str, str]] = []
        for r, tr in enumerate(_children(tbl, _TR), start=1):
            cells: list[int] = []
            column = 1
            for tc in _children(tr, _TC):
                tcpr = tc.find(_TCPR)
                span = max(1, _int(_val(tcpr, "gridSpan"), 1))
                merge = tcpr.find(w("vMerge")) if tcpr is not None else None
                content = self._cell(tc)
                text = content.text
                if merge is not None and merge.get(_VAL, "continue") != "restart":
                    text = above.get(column, text)   # a continued vertical merge shows the cell above
                else:
                    above[column] = text
                cells.append(len(self.out.blocks))
                self.out.blocks.append(RawBlock(text if text.strip() else " ", Location(table=number, row=r, column=column),
                                                "table_cell"))
                self._place_marks(content.marks, [(0, len(text), None)], cells[-1])
                notes += content.notes
                column += span
            if cells:
                rows.append(cells)
        self.out.tables.append(rows)
        self._read_notes(notes)

    def _cell(self, tc: etree._Element) -> _Text:
        """A cell's text: its paragraphs by line, nested tables row by row, text boxes after."""
        out = _Text()
        for child in _flatten(tc):
            if child.tag == _P:
                part = _Text()
                style_id, numpr, _outline_value = _paragraph_props(next(child.iterchildren(_PPR), None))
                part.add(self._label(self._style_info(style_id), numpr))
                _inline(child, part)
                out.extend(part, "\n")
            elif child.tag == _TBL:
                for tr in _children(child, _TR):
                    row = _Text()
                    for cell in _children(tr, _TC):
                        row.extend(self._cell(cell), " ")
                    out.extend(row, "\n")
        for box in out.boxes:
            for p in box.iter(w("p")):
                part = _Text()
                _inline(p, part)
                out.extend(part, "\n")
        out.boxes = []
        return out

    def _read_notes(self, refs: list[tuple[str, str]]) -> None:
        """Footnotes/endnotes referenced by the block just read, located 脚注N / 尾注N."""
        for kind, nid in refs:
            note = self.notes[kind].get(nid)
            if note is None or (kind, nid) in self.note_numbers:
                continue
            number = self.note_numbers[(kind, nid)] = sum(1 for k, _ in self.note_numbers if k == kind) + 1
            lines = [t for t in (_paragraph_text(p) for p in note.iter(w("p"))) if t.strip()]
            text = "\n".join(lines)
            if not text.strip():
                continue
            starts, pos = [], 0
            for i, line in enumerate(lines, start=1):
                starts.append((pos, Location(line=i, **{kind: number})))
                pos += len(line) + 1
            loc = Location(**{kind: number})
            self.out.blocks.append(RawBlock(text, loc, line_locations=tuple(starts) if len(lines) > 1 else ()))

    # -- numbering and styles ------------------------------------------------------------------

    def _style_chain(self, style_id: str | None) -> list[tuple[str, Style]]:
        chain: list[tuple[str, Style]] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen and len(chain) < 20:
            seen.add(style_id)
            chain.append((style_id, self.styles[style_id]))
            style_id = self.styles[style_id].based_on
        return chain

    def _style_info(self, style_id: str | None) -> _StyleInfo:
        info = self._style_infos.get(style_id)
        if info is None:
            info = self._style_infos[style_id] = self._work_out_style(style_id)
        return info

    def _work_out_style(self, style_id: str | None) -> _StyleInfo:
        chain = self._style_chain(style_id)
        named = None
        for _sid, style in chain:
            name = style.name.strip().lower()
            if name in _TITLE_NAMES:
                named = 0
                break
            m = _HEADING_NAME.match(name)
            if m:
                named = int(m.group(1))
                break
        outline = next((s.outline for _sid, s in chain if s.outline is not None), None)
        for sid, style in chain:
            if style.num_id is not None:
                linked = self.numbering.level_for_style(style.num_id, sid)
                return _StyleInfo(named, outline, style.num_id, None if style.ilvl is None else str(style.ilvl),
                                  None if linked is None else str(linked))
        return _StyleInfo(named, outline)

    def _heading_level(self, info: _StyleInfo, outline_value: str | None) -> int | None:
        """Heading level from the style name (Heading N / 标题 N / Title), else an outline level."""
        if info.named is not None:
            return info.named
        own = _outline_level(outline_value)
        return own if own is not None else info.outline

    def _label(self, info: _StyleInfo, numpr: etree._Element | None) -> str:
        """The list label Word shows before this paragraph, from its own or its style's numbering."""
        num_id, ilvl = None, None
        if numpr is not None:
            num_id, ilvl = _val(numpr, "numId"), _val(numpr, "ilvl")
        if num_id is None and info.num_id is not None:
            num_id = info.num_id
            if ilvl is None:
                ilvl = info.ilvl if info.ilvl is not None else info.linked
        if num_id is None or num_id == "0":
            return ""
        return self.numbering.label(num_id, _int(ilvl, 0))

    # -- altChunk ------------------------------------------------------------------------------

    def _alt_chunk(self, el: etree._Element) -> None:
        """Content imported from another file (HTML, text or a Word package) shown in place."""
        rel = self.pkg.rels(self.main).get(el.get(f"{{{R}}}id", ""))
        if rel is None or rel[2] == "External" or rel[1] not in self.pkg.names:
            return
        name = rel[1]
        data = self.pkg.read(name)
        lower = name.lower()
        if lower.endswith((".docx", ".docm", ".dotx", ".dotm")) and self.depth < MAX_ALT_CHUNK_DEPTH:
            lines = _docx_chunk_lines(data, self.depth + 1)
        elif lower.endswith(".rtf") or data.lstrip()[:5] == b"{\\rtf":
            lines = rtf_lines(data)
        elif lower.endswith((".htm", ".html", ".xhtml", ".mht", ".mhtml")) or b"<html" in data[:2048].lower():
            from lintcity.parsers.html_text import html_lines   # an HTML altChunk is rare

            lines = html_lines(_decode(data))
        else:
            lines = _decode(data).splitlines()
        for line in lines:
            if line.strip():
                self.paragraph_no += 1
                self.out.blocks.append(RawBlock(line, Location(paragraph=self.paragraph_no)))


# -- inline walk -------------------------------------------------------------------------------

def _inline(el: etree._Element, out: _Text) -> None:
    """Append the shown text of `el`'s children to `out`, in document order."""
    for child in el:
        tag = child.tag
        action = _INLINE.get(tag)  # type: ignore[call-overload]
        if action is None:
            # runs, hyperlinks, insertions, fields, smart tags …: transparent; an empty one (proofErr,
            # bookmarkStart: half the elements of a real paragraph) holds nothing to walk into
            if isinstance(tag, str) and len(child):
                _inline(child, out)
        elif action == _TEXT:
            text = child.text
            if text:
                out.parts.append(text)
                out.size += len(text)
        elif action == _SKIPPED:
            continue
        elif action == _TAB:
            out.add("\t")
        elif action == _BREAK:
            out.add("\n")
        elif action == _HYPHEN:
            out.add("-")
        elif action == _BOX:
            out.boxes.append(child)
        elif action == _MARK:
            out.marks.append((child.get(_ID, ""), _MARK_KIND[tag], out.size))
        elif action == _NOTE:
            out.notes.append(("footnote" if tag == w("footnoteReference") else "endnote", child.get(_ID, "")))
        elif action == _ALTERNATE:
            choice = child.find(_CHOICE)
            _inline(choice if choice is not None else child, out)
        else:   # a paragraph inside inline content (e.g. a text box read in a cell)
            if out.size:
                out.add("\n")
            _inline(child, out)


def _paragraph_text(p: etree._Element) -> str:
    out = _Text()
    _inline(p, out)
    return out.text


def _children(el: etree._Element, tag: str):
    """Children named `tag`, looking through content controls, custom XML and tracked insertions."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _TRANSPARENT_BLOCKS:
            yield from _children(child, tag)


def _flatten(el: etree._Element):
    for child in el:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _TRANSPARENT_BLOCKS:
            yield from _flatten(child)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [m.end() for m in re.finditer("\n", text)]
    return starts


# -- parts -------------------------------------------------------------------------------------

def _val(el: etree._Element | None, tag: str) -> str | None:
    if el is None:
        return None
    child = el.find(_qualified(tag))
    return None if child is None else child.get(_VAL)


@lru_cache(maxsize=64)
def _qualified(tag: str) -> str:
    return w(tag)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _paragraph_props(ppr: etree._Element | None) -> tuple[str | None, etree._Element | None, str | None]:
    """A paragraph's style id, numbering element and outline level value, in one pass over its pPr.

    Each is the first such child, as `find` gives it (`find` goes through
    lxml's Python ElementPath: three calls cost more than this whole pass).
    """
    if ppr is None:
        return None, None, None
    style = numpr = outline = None   # the first element of each kind
    for child in ppr.iterchildren(_PSTYLE, _NUMPR, _OUTLINE_LVL):
        tag = child.tag
        if tag == _PSTYLE:
            style = style if style is not None else child
        elif tag == _NUMPR:
            numpr = numpr if numpr is not None else child
        elif outline is None:
            outline = child
    return (None if style is None else style.get(_VAL), numpr, None if outline is None else outline.get(_VAL))


def _outline(ppr: etree._Element | None) -> int | None:
    return _outline_level(_val(ppr, "outlineLvl"))


def _outline_level(value: str | None) -> int | None:
    if value is None:
        return None
    level = _int(value, 9)
    return level + 1 if 0 <= level < 9 else None   # Word ignores an outline level it cannot read


def _styles(root: etree._Element | None) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    if root is None:
        return styles
    for el in root.iter(w("style")):
        if el.get(w("type"), "paragraph") != "paragraph":
            continue
        ppr = el.find(w("pPr"))
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        ilvl = _val(numpr, "ilvl")
        styles[el.get(w("styleId"), "")] = Style(
            name=_val(el, "name") or "", based_on=_val(el, "basedOn"), outline=_outline(ppr),
            num_id=_val(numpr, "numId"), ilvl=None if ilvl is None else _int(ilvl, 0))
    return styles


def _notes(root: etree._Element | None, kind: str) -> dict[str, etree._Element]:
    if root is None:
        return {}
    return {n.get(w("id"), ""): n for n in root.iter(w(kind))
            if n.get(w("type"), "normal") == "normal"}


def _comments(root: etree._Element | None) -> dict[str, tuple[str, str]]:
    if root is None:
        return {}
    return {c.get(w("id"), ""): ("\n".join(_paragraph_text(p) for p in c.iter(w("p"))).strip(),
                                 c.get(w("author"), ""))
            for c in root.iter(w("comment"))}


def _decode(data: bytes) -> str:
    for codec in ("utf-8-sig", "utf-16", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def _docx_chunk_lines(data: bytes, depth: int) -> list[str]:
    """An embedded Word package's body, paragraph by paragraph."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            pkg = Package.open(zf)
            main = pkg.main_part()
            if main is None:
                return []
            body = Reader(pkg, main, depth).read()
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError):
        return []
    return [b.text for b in body.blocks]
