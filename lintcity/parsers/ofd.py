"""OFD (GB/T 33190), the national fixed-layout format for electronic official documents.

An OFD file is a zip: OFD.xml names each document's root (Document.xml),
which lists the pages (each a Content.xml of positioned TextObject/TextCode
runs), the shared templates (running headers and footers, never body text)
and an optional outline. Like a PDF, OFD stores glyph positions, not
paragraphs, so the reader rebuilds them from layout: runs on one baseline are
a line; a line with wide gaps between runs is a table row (consecutive rows a
table); a new paragraph starts at an indented line, after a line that stops
short of the right margin, at a change of font size, and never merely at a
page break. The outline's entries mark headings (at their depth) when the text
carries no numbering. Locations are 页N 行M as for PDF.

No library on PyPI was both established and faithful here (checked in 2026:
ofdkit 0.2.0 is months old; easyofd pulls PyMuPDF and loguru and targets
invoices), so this small reader reads the standard's structure itself, through
the same XML guard as the .docx reader (no DTD, no entities) and under the
same size limits (declared unpacked size, page count).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from lintcity.document import Document, Location, RawBlock, build_document
from lintcity.errors import InputError
from lintcity.i18n import t
from lintcity.limits import Limits
from lintcity.normalize import normalize_text
from lintcity.parsers import xmlsafe

_PAGE_NUMBER = re.compile(r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?)$")
_TABLE_GAP = 1.8        # a gap wider than this many character sizes separates table cells
_SAME_LINE = 0.35       # baselines closer than this many sizes are one line


@dataclass
class _Run:
    x: float
    y: float
    size: float
    text: str
    end: float


@dataclass
class _Line:
    page: int
    number: int
    y: float
    size: float
    runs: list[_Run]

    @property
    def x(self) -> float:
        return self.runs[0].x

    @property
    def end(self) -> float:
        return self.runs[-1].end

    @property
    def cells(self) -> list[str]:
        """The line split at wide gaps (one cell for ordinary text)."""
        out: list[list[_Run]] = [[self.runs[0]]]
        for prev, run in zip(self.runs, self.runs[1:]):
            if run.x - prev.end > _TABLE_GAP * max(self.size, 1e-6):
                out.append([])
            out[-1].append(run)
        return ["".join(r.text for r in cell) for cell in out]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def parse(path: Path, limits: Limits) -> Document:
    if not zipfile.is_zipfile(path):
        raise InputError(str(path), t("ofd.not_zip"), "IO004")
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        names = {i.filename for i in infos}
        if sum(i.file_size for i in infos) > limits.max_archive_bytes:
            raise InputError(str(path), t("ofd.too_large", mb=limits.max_archive_bytes // (1024 * 1024)), "IO007")
        if "OFD.xml" not in names:
            raise InputError(str(path), t("ofd.no_root"), "IO004")
        xmlsafe.refuse_dtd(str(path), zf)
        reader = _Reader(zf, names, str(path), limits)
        lines, outline, title = reader.read()
    blocks, tables = _blocks(lines, outline)
    doc = build_document(str(path), "ofd", blocks, tables)
    if title and doc.title is None:
        doc.meta["title"] = title
    return doc


class _Reader:
    def __init__(self, zf: zipfile.ZipFile, names: set[str], path: str, limits: Limits) -> None:
        self.zf, self.names, self.path, self.limits = zf, names, path, limits

    def xml(self, name: str) -> etree._Element:
        if name not in self.names:
            raise InputError(self.path, t("ofd.missing_part", part=name), "IO004")
        return xmlsafe.parse_bytes(self.zf.read(name))

    def read(self) -> tuple[list[_Line], dict[str, int], str | None]:
        root = self.xml("OFD.xml")
        body = _first(root, "DocBody")
        doc_root = _text(_first(body, "DocRoot")) if body is not None else None
        if not doc_root:
            raise InputError(self.path, t("ofd.no_root"), "IO004")
        doc_name = _resolve("", doc_root)
        document = self.xml(doc_name)
        folder = posixpath.dirname(doc_name)
        title = _text(_first(_first(body, "DocInfo"), "Title"))
        pages = [p for p in _all(_first(document, "Pages"), "Page")]
        if len(pages) > self.limits.max_pages:
            raise InputError(self.path, t("ofd.too_many_pages", pages=len(pages), limit=self.limits.max_pages), "IO007")
        area = _box(_text(_first(_first(_first(document, "CommonData"), "PageArea"), "PhysicalBox")))
        per_page: list[list[_Line]] = []
        for number, page in enumerate(pages, start=1):
            content = self.xml(_resolve(folder, page.get("BaseLoc", "")))
            height = (_box(_text(_first(_first(content, "Area"), "PhysicalBox"))) or area or (0, 0, 210, 297))[3]
            per_page.append(_page_lines(content, number, height))
        return _drop_running_lines(per_page), _outline(document), title


def _page_lines(content: etree._Element, page: int, height: float) -> list[_Line]:
    """The page's own text runs grouped into lines, top to bottom; page numbers dropped."""
    runs: list[_Run] = []
    for obj in content.iter():
        if _local(obj.tag) == "TextObject":
            runs += _runs(obj)
    runs.sort(key=lambda r: (r.y, r.x))
    grouped: list[list[_Run]] = []
    for run in runs:
        if grouped and abs(run.y - grouped[-1][0].y) <= _SAME_LINE * max(run.size, grouped[-1][0].size):
            grouped[-1].append(run)
        else:
            grouped.append([run])
    lines: list[_Line] = []
    for group in grouped:
        group.sort(key=lambda r: r.x)
        line = _Line(page, len(lines) + 1, group[0].y, max(r.size for r in group), group)
        in_margin = line.y < 0.1 * height or line.y > 0.9 * height
        if in_margin and _PAGE_NUMBER.match(normalize_text(line.text).strip()):
            continue
        if line.text.strip():
            line.number = len(lines) + 1
            lines.append(line)
    return lines


def _drop_running_lines(pages: list[list[_Line]]) -> list[_Line]:
    """Lines repeated at the top or foot of most pages are running heads and feet, not body text.

    Templates are the standard's place for them, but converters (PDF → OFD)
    write them into every page's own content.
    """
    edge = 2
    counts: dict[str, int] = {}
    for lines in pages:
        for text in {normalize_text(line.text).strip() for line in lines[:edge] + lines[-edge:]}:
            counts[text] = counts.get(text, 0) + 1
    running = {text for text, n in counts.items() if len(pages) >= 2 and n >= 2 and n >= len(pages) / 2}
    out: list[_Line] = []
    for lines in pages:
        dropped: set[str] = set()   # once per page: the title under a running head that repeats it stays
        kept = []
        for i, line in enumerate(lines):
            text = normalize_text(line.text).strip()
            if (i < edge or i >= len(lines) - edge) and text in running and text not in dropped:
                dropped.add(text)
            else:
                kept.append(line)
        for number, line in enumerate(kept, start=1):
            line.number = number
        out += kept
    return out


def _runs(obj: etree._Element) -> list[_Run]:
    box = _box(obj.get("Boundary", "")) or (0.0, 0.0, 0.0, 0.0)
    size = _float(obj.get("Size") or obj.get("size"), 3.5)   # some converters write "size"
    a, b, c, d, e, f = _ctm(obj.get("CTM"))
    out: list[_Run] = []
    x = y = 0.0
    for code in obj:
        if _local(code.tag) != "TextCode":
            continue
        text = code.text or ""
        x = _float(code.get("X"), x)
        y = _float(code.get("Y"), y)
        deltas = _deltas(code.get("DeltaX", ""), len(text))
        width = sum(deltas) + size if text else 0.0
        ax, ay = box[0] + a * x + c * y + e, box[1] + b * x + d * y + f
        scaled = size * (abs(d) if d else 1.0)
        out.append(_Run(ax, ay, scaled, text, ax + width * (abs(a) if a else 1.0)))
        x += sum(deltas) + size
    return out


def _blocks(lines: list[_Line], outline: dict[str, int]) -> tuple[list[RawBlock], list[list[list[int]]]]:
    """Lines → paragraphs, headings and table cells, by layout."""
    blocks: list[RawBlock] = []
    tables: list[list[list[int]]] = []
    if not lines:
        return blocks, tables
    left = _mode([round(line.x, 1) for line in lines])
    right = max(line.end for line in lines)
    current: list[_Line] = []
    table: list[list[int]] = []

    def flush() -> None:
        if current:
            text = "".join(line.text for line in current)
            starts, pos = [], 0
            for line in current:
                starts.append((pos, Location(page=line.page, line=line.number)))
                pos += len(line.text)
            level = outline.get(normalize_text(text))
            blocks.append(RawBlock(text, starts[0][1], "heading" if level else "paragraph", style_level=level,
                                   line_locations=tuple(starts) if len(starts) > 1 else ()))
            current.clear()

    for line in lines:
        cells = line.cells
        if len(cells) > 1:
            flush()
            row: list[int] = []
            for column, cell in enumerate(cells, start=1):
                row.append(len(blocks))
                blocks.append(RawBlock(cell, Location(page=line.page, table=len(tables) + 1, row=len(table) + 1,
                                                      column=column), "table_cell"))
            table.append(row)
            continue
        if table:
            tables.append(table)
            table = []
        prev = current[-1] if current else None
        centred = prev is not None and _centred(prev, left, right) and _centred(line, left, right)
        starts_new = (prev is None or abs(line.size - prev.size) > 0.05 * prev.size
                      or (not centred and (line.x > left + 0.8 * line.size or prev.end < right - 1.5 * prev.size))
                      or normalize_text(line.text) in outline)
        if starts_new:
            flush()
        current.append(line)
    flush()
    if table:
        tables.append(table)
    return blocks, tables


def _centred(line: _Line, left: float, right: float) -> bool:
    """A line set in the middle, off the left margin (a title wrapped over lines continues while centred)."""
    return line.x > left + 0.5 and abs((line.x - left) - (right - line.end)) < line.size


def _outline(document: etree._Element) -> dict[str, int]:
    """Outline titles (normalized) → depth (1 = top level)."""
    found: dict[str, int] = {}

    def walk(el: etree._Element, depth: int) -> None:
        for child in el:
            if _local(child.tag) == "OutlineElem":
                title = normalize_text(child.get("Title", "")).strip()
                if title:
                    found.setdefault(title, depth)
                walk(child, depth + 1)

    outlines = _first(document, "Outlines")
    if outlines is not None:
        walk(outlines, 1)
    return found


def _deltas(spec: str, count: int) -> list[float]:
    """DeltaX: offsets between glyphs, with "g N D" meaning N times D (GB/T 33190 §11.3)."""
    out: list[float] = []
    tokens = spec.split()
    i = 0
    while i < len(tokens) and len(out) < count:
        if tokens[i] == "g" and i + 2 < len(tokens):
            out += [_float(tokens[i + 2], 0.0)] * min(int(_float(tokens[i + 1], 0)), count)
            i += 3
        else:
            out.append(_float(tokens[i], 0.0))
            i += 1
    return out[: max(count - 1, 0)]


def _ctm(spec: str | None) -> tuple[float, ...]:
    values = [_float(v, 0.0) for v in (spec or "").split()]
    return tuple(values) if len(values) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _box(spec: str | None) -> tuple[float, float, float, float] | None:
    values = [_float(v, 0.0) for v in (spec or "").split()]
    return (values[0], values[1], values[2], values[3]) if len(values) == 4 else None


def _resolve(folder: str, loc: str) -> str:
    """A BaseLoc as a zip member: absolute from the package root, else relative to the referring folder."""
    loc = loc.replace("\\", "/")
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, loc))


def _mode(values: list[float]) -> float:
    counts: dict[float, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=lambda v: (counts[v], -v))


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _first(el: etree._Element | None, name: str) -> etree._Element | None:
    if el is None:
        return None
    return next((c for c in el if _local(c.tag) == name), None)


def _all(el: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if el is None else [c for c in el if _local(c.tag) == name]


def _text(el: etree._Element | None) -> str | None:
    return None if el is None or el.text is None else el.text.strip()


def _float(value: str | None, default: float) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default
