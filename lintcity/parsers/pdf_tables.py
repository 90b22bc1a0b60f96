"""Tables on a PDF page: from ruling lines where the page draws them, else from aligned columns.

A ruled table is a grid of path objects: its cells are the rectangles between
the rules, and each character belongs to the cell it lies in (so a cell whose
text wraps, or that is centred beside a wrapped one, stays one cell).

A borderless table has only its layout: lines split into two or more segments
by wide gaps, in a run whose segments share columns. Its columns are the
x-ranges its segments cover (gaps common to every row separate them), its rows
are separated by vertical gaps wider than the gap between the wrapped lines of
one cell. A body line that spans a column gap ends the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from lintcity.parsers.pdf_page import Char, Line, Rule, Segment, lines_of

_JOIN_TOLERANCE = 2.0  # points: rules closer than this touch


@dataclass(slots=True)
class TableItem:
    page: int
    top: float
    rows: list[list[str]]
    ocr: bool = False
    end_page: int = 0  # the last page of a table continued over pages (0: `page`)


@dataclass(slots=True)
class _Grid:
    x0: float
    top: float
    x1: float
    bottom: float
    xs: list[float]   # column boundaries, left to right
    ys: list[float]   # row boundaries, top to bottom

    def holds(self, c: Char | Segment) -> bool:
        x, y = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


def ruled_tables(chars: list[Char], rules: list[Rule], page: int) -> tuple[list[TableItem], list[Char]]:
    """Tables drawn with ruling lines, and the characters outside them."""
    found = grids(rules)
    if not found:
        return [], chars
    inside: list[list[Char]] = [[] for _ in found]
    rest: list[Char] = []
    for c in chars:
        for k, grid in enumerate(found):
            if grid.holds(c):
                inside[k].append(c)
                break
        else:
            rest.append(c)
    tables = [t for grid, held in zip(found, inside) if (t := _grid_table(grid, held, page)) is not None]
    return tables, rest


def grids(rules: list[Rule]) -> list[_Grid]:
    """Group touching rules; a group with at least two rules each way is a grid."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ordered = sorted(range(len(rules)), key=lambda i: rules[i].top)
    for a_pos, a in enumerate(ordered):  # rules sorted by top: only the next few can touch
        ra = rules[a]
        for b in ordered[a_pos + 1:]:
            rb = rules[b]
            if rb.top > ra.bottom + _JOIN_TOLERANCE:
                break
            if rb.x0 <= ra.x1 + _JOIN_TOLERANCE and ra.x0 <= rb.x1 + _JOIN_TOLERANCE:
                parent[find(a)] = find(b)
    groups: dict[int, list[Rule]] = {}
    for i in range(len(rules)):
        groups.setdefault(find(i), []).append(rules[i])
    out = []
    for group in groups.values():
        horizontal = [r for r in group if r.horizontal]
        vertical = [r for r in group if not r.horizontal]
        if len(horizontal) < 2 or len(vertical) < 2:
            continue
        xs = _distinct([(r.x0 + r.x1) / 2 for r in vertical])
        ys = _distinct([(r.top + r.bottom) / 2 for r in horizontal])
        if len(xs) < 2 or len(ys) < 2:
            continue
        out.append(_Grid(xs[0], ys[0], xs[-1], ys[-1], xs, ys))
    return sorted(out, key=lambda g: g.top)


def _distinct(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 3.0:
            out.append(v)
    return out


def _grid_table(grid: _Grid, chars: list[Char], page: int) -> TableItem | None:
    if not chars:
        return None
    held: dict[tuple[int, int], list[Char]] = {}
    for c in chars:
        row = _band((c.top + c.bottom) / 2, grid.ys)
        col = _band((c.x0 + c.x1) / 2, grid.xs)
        held.setdefault((row, col), []).append(c)
    cells = {key: lines_of(cell_chars, 0) for key, cell_chars in held.items()}
    used_rows = sorted({r for r, _ in cells})
    used_cols = sorted({c for _, c in cells})
    room = {col: _room(grid, col, [ln for (_, c), lines in cells.items() if c == col for ln in lines])
            for col in used_cols}
    rows = [[join_wrapped(cells.get((r, c), []), room[c]) for c in used_cols] for r in used_rows]
    return TableItem(page, grid.top, rows)


def _band(value: float, bounds: list[float]) -> int:
    for k in range(len(bounds) - 1):
        if value < bounds[k + 1]:
            return k
    return len(bounds) - 2


def _room(grid: _Grid, col: int, lines: list[Line]) -> float:
    """The width text may take in a grid column: the cell less its padding, which is taken to be the
    smallest inset of any line from the left rule (a left-aligned or full line sits at the padding)."""
    inset = min(ln.x0 - grid.xs[col] for ln in lines)
    return grid.xs[col + 1] - grid.xs[col] - 2 * max(inset, 0.0)


def join_wrapped(parts: list[Line] | list[Segment], room: float) -> str:
    """Wrapped lines of one cell as one text, `room` being the width the cell's text may take.

    Chinese joins directly. Between two Latin letters or digits the break is a space only where the
    upper line stopped short, with room left for the lower line's first character: a line filled to
    the cell's width was broken inside a word ("PFLOP" over "S" is "PFLOPS"), as CJK line breaking
    breaks anywhere, while a word-wrapped line ends where the next word no longer fitted.
    """
    out = ""
    previous: Line | Segment | None = None
    for part in parts:
        text = part.text
        if previous is not None and out[-1:].isascii() and out[-1:].isalnum() and text[:1].isascii() \
                and text[:1].isalnum():
            first_char = (part.x1 - part.x0) / max(len(text), 1)
            if room - (previous.x1 - previous.x0) > first_char:
                out += " "
        out += text
        previous = part
    return out


def layout_tables(lines: list[Line]) -> tuple[list[TableItem], list[Line]]:
    """Borderless tables among a page's lines (top to bottom), and the lines that are not in one."""
    tables: list[TableItem] = []
    rest: list[Line] = []
    i = 0
    while i < len(lines):
        end = _table_run(lines, i) if len(lines[i].segments) >= 2 else i
        if end == i and _overlaps_next(lines, i) and len(lines[i + 1].segments) >= 2:
            # a header cell centred over two lines of its row ("2024年" above "指标 单位 … 2030年"): the row
            # starts on the line above the first multi-column line
            end = _table_run(lines, i + 1)
            end = end if end > i + 1 else i
        if end > i:
            tables.append(_layout_table(lines[i:end + 1]))
            i = end + 1
            continue
        rest.append(lines[i])
        i += 1
    return tables, rest


def _table_run(lines: list[Line], start: int) -> int:
    """The index of the last line of a borderless table starting at `start`, or `start` if none."""
    columns = _merge([(s.x0, s.x1) for s in lines[start].segments])
    size = lines[start].size
    last_multi = start
    multi = 1
    k = start + 1
    while k < len(lines):
        line, prev = lines[k], lines[k - 1]
        if line.top - prev.bottom > 1.5 * size or abs(line.size - size) > 0.2 * size:
            break
        if len(line.segments) == 1 and line.top < prev.bottom and prev.top < line.top:
            k += 1  # overlaps the line above: a cell of the same row wrapped around its centre ("（基期）")
            continue
        if len(line.segments) >= 2:
            if not _fits(line.segments, columns, size) and not _shares_columns(line.segments, columns, size):
                break
            columns = _merge(columns + [(s.x0, s.x1) for s in line.segments])
            if len(columns) < 2:
                break
            multi += 1
            last_multi = k
        elif not _fits(line.segments, columns, size):
            break
        k += 1
    if multi < 2:
        return start
    # wrapped lines after the last multi-segment line belong to the table only when close below it
    end = last_multi
    while end + 1 < k and lines[end + 1].top - lines[end].bottom < 0.8 * size:
        end += 1
    return end


def _overlaps_next(lines: list[Line], i: int) -> bool:
    """Line i and the next share height: text centred in one row of cells, never two lines of prose."""
    return i + 1 < len(lines) and lines[i + 1].top < lines[i].bottom and lines[i].top < lines[i + 1].top


def _fits(segments: list[Segment], columns: list[tuple[float, float]], size: float) -> bool:
    """Every segment lies within one column (a wrapped cell line), none spans a column gap."""
    return all(any(s.x0 >= a - size and s.x1 <= b + size for a, b in columns) for s in segments)


def _shares_columns(segments: list[Segment], columns: list[tuple[float, float]], size: float) -> bool:
    """At least two segments start where columns start (another row of the same table)."""
    starts = [a for a, _ in columns]
    return sum(any(abs(s.x0 - a) <= size for a in starts) for s in segments) >= 2


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 0.5:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _layout_table(lines: list[Line]) -> TableItem:
    segments = [s for line in lines for s in line.segments]
    columns = _merge([(s.x0, s.x1) for s in segments])
    size = max(lines[0].size, 1.0)
    ordered = sorted(segments, key=lambda s: s.top)
    gaps = []
    reach = ordered[0].bottom
    for s in ordered[1:]:
        if s.top - reach > 0:
            gaps.append(s.top - reach)
        reach = max(reach, s.bottom)
    tolerance = max(1.5, 0.2 * size)
    # Two kinds of gap: between the wrapped lines of a cell (the smallest) and between rows. With
    # only one kind (no cell wraps), every gap is between rows.
    threshold = min(gaps) + tolerance if gaps and max(gaps) >= min(gaps) + tolerance else 0.0
    rows: list[list[Segment]] = [[ordered[0]]]
    reach = ordered[0].bottom
    for s in ordered[1:]:
        gap = s.top - reach
        if gap > 0 and gap >= threshold:
            rows.append([])
        rows[-1].append(s)
        reach = max(reach, s.bottom)
    table_rows = []
    for row in rows:
        cells: list[list[Segment]] = [[] for _ in columns]
        for s in row:
            cells[_column_of(s, columns)].append(s)
        table_rows.append([join_wrapped(sorted(cell, key=lambda s: (s.top, s.x0)), b - a)
                           for cell, (a, b) in zip(cells, columns)])
    return TableItem(lines[0].page, lines[0].top, table_rows, lines[0].ocr)


def _column_of(segment: Segment, columns: list[tuple[float, float]]) -> int:
    best, overlap = 0, -1.0
    for k, (a, b) in enumerate(columns):
        o = min(b, segment.x1) - max(a, segment.x0)
        if o > overlap:
            best, overlap = k, o
    return best
