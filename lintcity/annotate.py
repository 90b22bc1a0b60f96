"""A reviewed copy of a plan: one Word comment per finding, the document otherwise untouched.

Drafters and reviewers exchange Word files; a commented copy travels where a
terminal report does not. Each finding becomes a comment by "lintcity" on the
sentence (or the exact matched words) it quotes, found by its text — not by a
paragraph number, which differs between readers of the same file — and falling
back to its paragraph; a missing requirement is commented on its part's heading
(or the title); a summary comment on the title gives the coverage and the
missing requirements. Nothing else changes: a run is split only where a
comment must start or end inside it, and only when the run is plain text (its
formatting is copied to both halves), so text, styles, tables, headers,
footers and existing comments are kept as they were.

The input is never written: the caller refuses an output that is the input.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

from lintcity.diagnostics import Diagnostic, FileReport
from lintcity.i18n import t

AUTHOR, INITIALS = "lintcity", "LC"
_SPACE = re.compile(r"\s+")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Note:
    """One comment to add: where (a quote, a location, or a part's heading) and what it says."""

    lines: tuple[str, ...]
    quote: str = ""
    span: tuple[int, int] | None = None
    paragraph: int | None = None  # 段N, when nothing better is known
    table_cell: tuple[int, int, int] | None = None
    line: int | None = None  # 行N (text and Markdown)
    part: str | None = None  # a missing requirement: anchored on its part's heading
    summary: bool = False


def notes_for(report: FileReport, headings: dict[str, tuple[str, ...]]) -> list[Note]:
    """The summary and one note per finding, in the report's order."""
    parts = {c.requirement_id: c.part for c in report.coverage}
    missing = {c.requirement_id for c in report.coverage if c.status == "missing"}
    notes = [summary_note(report)]
    for d in report.diagnostics:
        lines = comment_lines(d)
        loc = d.location
        where = {"paragraph": loc.paragraph if loc else None, "table_cell": _cell(loc),
                 "line": loc.line if loc else None}
        if d.quote:
            notes.append(Note(lines, d.quote, d.span, **where))
        elif d.rule_id in missing and parts.get(d.rule_id) in headings:
            notes.append(Note(lines, part=parts[d.rule_id]))
        else:
            notes.append(Note(lines, **where))
    return notes


def _cell(loc) -> tuple[int, int, int] | None:
    return (loc.table, loc.row, loc.column) if loc and loc.table is not None else None


def comment_lines(d: Diagnostic) -> tuple[str, ...]:
    lines = [f"{d.rule_id}（{t(f'severity.{d.severity}')}）{d.message}"]
    if d.suggestion:
        lines.append(f"{t('review.col.suggestion')}：{d.suggestion}")
    return tuple(lines)


def summary_note(report: FileReport) -> Note:
    missing = [f"{c.requirement_id} {c.title}" for c in report.coverage if c.status == "missing"]
    errors = sum(1 for d in report.diagnostics if d.severity == "error")
    warnings = sum(1 for d in report.diagnostics if d.severity == "warning")
    score = "—" if report.overall_score is None else f"{report.overall_score:g}%"
    lines = [t("review.annotate.summary", coverage=score, errors=errors, warnings=warnings)]
    lines.append(t("review.annotate.missing", requirements="、".join(missing)) if missing
                 else t("review.annotate.none_missing"))
    return Note(tuple(lines), summary=True)


# ---------------------------------------------------------------- Word


def annotate_docx(source: Path, target: Path, report: FileReport, headings: dict[str, tuple[str, ...]]) -> int:
    """Write `target`: `source` with one comment per note. Returns the number of comments added."""
    import docx

    document = docx.Document(str(source))
    index = _ParagraphIndex(document)
    count = 0
    for note in notes_for(report, headings):
        runs = index.anchor(note, headings)
        if runs is None:
            continue
        comment = document.add_comment(runs, text=note.lines[0], author=AUTHOR, initials=INITIALS)
        for line in note.lines[1:]:
            comment.add_paragraph(line)
        count += 1
    document.save(str(target))
    return count


class _ParagraphIndex:
    """Every paragraph of the body (table cells included) with its 段 number and squeezed text."""

    def __init__(self, document) -> None:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        self.entries: list[tuple[int | None, tuple[int, int, int] | None, object, str]] = []
        number = table_no = 0
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                number += 1
                self.entries.append((number, None, item, _squeeze(item.text)))
            elif isinstance(item, Table):
                table_no += 1
                for r, row in enumerate(item.rows, start=1):
                    for c, cell in enumerate(row.cells, start=1):
                        for p in cell.paragraphs:
                            self.entries.append((None, (table_no, r, c), p, _squeeze(p.text)))
        self.title = next((p for _, _, p, text in self.entries if text and _runs(p)), None)

    def anchor(self, note: Note, headings: dict[str, tuple[str, ...]]):
        if note.summary:
            return _runs(self.title) if self.title is not None else None
        if note.part is not None:
            para = self._heading(headings.get(note.part, ())) or self.title
            return _runs(para) if para is not None else None
        if note.quote:
            found = self._by_text(note)
            if found is not None:
                return found
        para = self._by_location(note) or self.title
        return _runs(para) if para is not None else None

    def _heading(self, words: tuple[str, ...]):
        for number, cell, para, text in self.entries:
            if cell is None and text and len(text) <= 40 and any(w in text for w in words) and _runs(para):
                return para
        return None

    def _by_location(self, note: Note):
        for number, cell, para, text in self.entries:
            if text and _runs(para) and ((note.table_cell and cell == note.table_cell) or
                                          (note.paragraph is not None and number == note.paragraph)):
                return para
        return None

    def _by_text(self, note: Note):
        """The quote's paragraph (nearest to its 段 number when the sentence repeats), the span split out."""
        quote = _squeeze(note.quote)
        if not quote:
            return None
        found = [(number, para) for number, _, para, text in self.entries if quote in text and _runs(para)]
        if not found:
            return None
        target = note.paragraph or 0
        _, para = min(found, key=lambda e: abs((e[0] or target) - target))
        start = para.text.find(note.quote)
        if start < 0:
            return _runs(para)
        a, b = start, start + len(note.quote)
        if note.span and 0 <= note.span[0] < note.span[1] <= len(note.quote):
            a, b = start + note.span[0], start + note.span[1]
        return _span_runs(para, a, b) or _runs(para)


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def _runs(paragraph) -> list | None:
    """The runs of a paragraph, hyperlinks' runs included (None when it has none)."""
    from docx.text.hyperlink import Hyperlink

    runs = []
    for item in paragraph.iter_inner_content():
        runs.extend(item.runs if isinstance(item, Hyperlink) else [item])
    return runs or None


def _span_runs(paragraph, a: int, b: int) -> list | None:
    """Runs covering exactly [a, b) of the paragraph's text, splitting plain runs at a and b."""
    from docx.text.hyperlink import Hyperlink
    from docx.text.run import Run

    pieces: list[tuple[int, int, list]] = []  # (start, end, runs) per inner item
    offset = 0
    for item in paragraph.iter_inner_content():
        text = item.text
        pieces.append((offset, offset + len(text), item.runs if isinstance(item, Hyperlink) else [item]))
        offset += len(text)
    if offset != len(paragraph.text):
        return None
    chosen: list = []
    for start, end, runs in pieces:
        if end <= a or start >= b or start == end:
            continue
        if len(runs) == 1 and isinstance(runs[0], Run) and _plain(runs[0]):
            run = runs[0]
            if start < a:
                run = _split(run, a - start, paragraph)
                start = a
            if end > b:
                _split(run, b - start, paragraph)
            chosen.append(run)
        else:
            chosen.extend(runs)
    return chosen or None


def _plain(run) -> bool:
    """A run of formatting and one piece of text: safe to split in two."""
    children = [c for c in run._r if c.tag != f"{_W}rPr"]
    return len(children) == 1 and children[0].tag == f"{_W}t"


def _split(run, at: int, paragraph):
    """Split a plain run at `at`; the first half stays `run`, the second (returned) follows it."""
    from docx.text.run import Run

    text = run._r.find(f"{_W}t").text or ""
    twin = copy.deepcopy(run._r)
    run._r.addnext(twin)
    for element, piece in ((run._r, text[:at]), (twin, text[at:])):
        node = element.find(f"{_W}t")
        node.text = piece
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return Run(twin, paragraph)


# ---------------------------------------------------------------- Markdown and text


def annotate_text(source_text: str, report: FileReport, headings: dict[str, tuple[str, ...]]) -> str:
    """The text with `<!-- lintcity: … -->` notes after the paragraph each finding is in."""
    lines = source_text.splitlines(keepends=True)
    newline = "\r\n" if source_text.count("\r\n") * 2 > source_text.count("\n") else "\n"
    after: dict[int, list[str]] = {}
    title = next((i for i, line in enumerate(lines) if line.strip()), 0)
    for note in notes_for(report, headings):
        where = _line_for(note, lines, headings, title)
        end = where
        while not note.summary and end + 1 < len(lines) and lines[end + 1].strip() and \
                not lines[end + 1].lstrip().startswith("#"):
            end += 1  # after the paragraph: a note inside one would split it
        after.setdefault(end, []).append("<!-- lintcity: " + _html_comment_safe(" ".join(note.lines)) + " -->")
    out: list[str] = []
    for i, line in enumerate(lines or [""]):
        out.append(line)
        if i in after:
            if not line.endswith(("\n", "\r")):
                out.append(newline)
            out.extend(note + newline for note in after[i])
    return "".join(out)


def _line_for(note: Note, lines: list[str], headings: dict[str, tuple[str, ...]], title: int) -> int:
    """0-based line after which the note goes: its own line, its part's heading, else the title."""
    if note.part is not None:
        words = headings.get(note.part, ())
        return next((i for i, line in enumerate(lines) if len(line.strip().lstrip("#").strip()) <= 40
                     and any(w in line for w in words)), title)
    if note.line and not note.summary:
        return min(note.line, len(lines)) - 1
    return title


def _html_comment_safe(text: str) -> str:
    return text.replace("--", "—").replace("\n", " ").replace("\r", " ")


# ---------------------------------------------------------------- a Word report (PDF and other inputs)


def report_docx(target: Path, report: FileReport) -> int:
    """A new .docx for a plan that cannot carry comments (PDF): the summary, then every finding."""
    import docx

    document = docx.Document()
    document.add_heading(t("review.annotate.pdf_title", path=Path(report.path).name), level=1)
    for line in summary_note(report).lines:
        document.add_paragraph(line)
    header = [t(f"review.col.{k}") for k in ("rule", "severity", "location", "message", "quote", "suggestion")]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    for d in report.diagnostics:
        cells = table.add_row().cells
        values = (d.rule_id, t(f"severity.{d.severity}"), str(d.location or ""), d.message, d.quote or "",
                  d.suggestion or "")
        for cell, text in zip(cells, values):
            cell.text = text
    document.save(str(target))
    return len(report.diagnostics)
