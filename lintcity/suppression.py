"""Suppression comments: `lintcity: disable=ID[,ID]`, `enable[=ID,…]`, `disable-next=ID[,…]`.

Rules know no formats, and neither does this: parsers put the comments a
document holds on `Document.comments` (Word comments with the text they are
anchored to; HTML comments in Markdown and comment lines in text files as a
point before the next block), and here

- a comment anchored to text suppresses its ids in the blocks it covers (a Word
  comment on a sentence or paragraph);
- a point comment `disable` suppresses from the next block until an `enable`
  naming the id (or `enable` alone) or the end; `disable-next` only the next
  block.

An id that is no rule is reported (SP001); a suppression that suppressed
nothing of a rule being reported is reported too (SP002), as ruff's RUF100 does,
so stale suppressions do not pile up and hide the next real finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lintcity.diagnostics import Diagnostic, fingerprint
from lintcity.document import Comment, Document, Location
from lintcity.i18n import t

DIRECTIVE = re.compile(r"^\s*lintcity\s*[:：]\s*(disable-next|disable|enable)\b\s*(?:[=＝]\s*(.*?))?\s*$",
                       re.IGNORECASE | re.DOTALL)
_ID_SPLIT = re.compile(r"[\s,，、]+")
ALL = "*"


@dataclass
class _Directive:
    comment: Comment
    action: str  # disable, disable-next, enable
    ids: tuple[str, ...]  # upper case; (ALL,) for a bare enable
    first: int  # the block range it covers (disable: to the end, until an enable)
    last: int
    used: set[str] = field(default_factory=set)


def directives(doc: Document) -> list[_Directive]:
    found = []
    end = len(doc.blocks) - 1
    for comment in doc.comments:
        match = DIRECTIVE.match(comment.text or "")
        if not match or comment.block_index is None:
            continue
        action = match.group(1).lower()
        ids = tuple(i.upper() for i in _ID_SPLIT.split(match.group(2) or "") if i) or (ALL,)
        point = comment.end_block is None and comment.start is not None and comment.start == comment.end
        first = comment.block_index
        if action == "disable-next" or not point:
            last = comment.last_block if comment.last_block is not None else first
        else:
            last = end
        found.append(_Directive(comment, action, ids, first, last))
    _close_ranges(found)
    return found


def _close_ranges(found: list[_Directive]) -> None:
    """A point `disable` runs until the next `enable` naming its id (or all)."""
    points = sorted((d for d in found if d.action in ("disable", "enable")), key=lambda d: d.first)
    for k, d in enumerate(points):
        if d.action != "disable":
            continue
        for later in points[k + 1:]:
            if later.action == "enable" and later.first >= d.first and (
                    ALL in later.ids or set(d.ids) & set(later.ids)):
                d.last = max(d.first, later.first - 1)
                break


def _block_index(doc: Document) -> dict[Location, int]:
    index: dict[Location, int] = {}
    for block in doc.blocks:
        index.setdefault(block.location, block.index)
        for _, loc in block.line_locations:
            index.setdefault(loc, block.index)
    return index


def apply(doc: Document, diagnostics: Iterable[Diagnostic], known: set[str],
          reported=lambda rule_id: True) -> list[Diagnostic]:
    """`diagnostics` minus the suppressed ones, plus SP001/SP002 for unknown ids and unused suppressions.

    `reported(rule_id)` says whether a rule is being reported (--select): a suppression of a rule that
    is not reported in this run is not called unused.
    """
    found = directives(doc)
    diagnostics = list(diagnostics)
    if not found:
        return diagnostics
    where = _block_index(doc)
    kept = []
    for d in diagnostics:
        block = where.get(d.location) if d.location is not None else None
        hit = None
        if block is not None:
            hit = next((x for x in found if x.action != "enable" and x.first <= block <= x.last
                        and (d.rule_id in x.ids or ALL in x.ids)), None)
        if hit is None:
            kept.append(d)
        else:
            hit.used.add(d.rule_id if d.rule_id in hit.ids else ALL)
    for x in found:
        if x.action == "enable":
            continue
        for rule_id in x.ids:
            if rule_id != ALL and not any(k == rule_id or k.startswith(rule_id) for k in known):
                kept.append(_report(doc, x, "SP001", "unknown-suppression", t("suppression.unknown", rule=rule_id),
                                    rule_id))
            elif rule_id not in x.used and (rule_id == ALL or reported(rule_id)):
                kept.append(_report(doc, x, "SP002", "unused-suppression", t("suppression.unused", rule=rule_id),
                                    rule_id))
    return kept


def _report(doc: Document, x: _Directive, code: str, name: str, message: str, rule_id: str) -> Diagnostic:
    block = doc.blocks[x.comment.block_index]
    return Diagnostic(code, name, "warning", message, doc.path, location=block.location,
                      quote=x.comment.text.strip(), heading_path=block.heading_path,
                      fingerprint=fingerprint(code, f"{rule_id}\x00{' '.join(x.comment.text.split())}"))
