"""One documentation block per rule, in a fixed shape (as `ruff rule X` prints)."""

from __future__ import annotations

from lintcity.errors import IO_CODES
from lintcity.i18n import catalog, t
from lintcity.packs import Requirement

SUPPRESSION_CODES = ("SP001", "SP002")  # unknown id in a suppression; a suppression that suppressed nothing


def extra_codes() -> dict[str, str]:
    """Rule ids that are not in a pack: input errors (IO0xx) and suppression reports (SPxxx), with titles."""
    codes = {code: _io_title(code, text) for code, text in IO_CODES.items()}
    codes.update({code: t(f"suppression.title.{code}") for code in SUPPRESSION_CODES})
    return codes


def _io_title(code: str, english: str) -> str:
    key = f"io_codes.{code}"
    return t(key) if key in catalog() else english


def explain_io(code: str) -> str:
    """An input-error or suppression code explained."""
    title = extra_codes()[code]
    body = t("explain.io_body") if code.startswith("IO") else t(f"suppression.explain.{code}")
    return f"{code} — {title}\n\n{body}"


def explain_text(req: Requirement) -> str:
    from lintcity.report.tables import kind_label

    head = t("explain.meta", kind=kind_label(req.kind), severity=t(f"severity.{req.severity}"))
    if req.item:
        head += "    " + t("explain.item", item=req.item)
    lines = [f"{req.id} ({req.name}) — {req.title}", "", head,
             "", t("explain.what"), req.explain or "-", "", t("explain.why"), req.why or "-", "",
             t("explain.how"), req.suggestion or "-"]
    if req.groups:
        lines += ["", t("explain.terms")]
        for g in req.groups:
            weight = "" if g.weight == 1.0 else t("explain.weight", weight=f"{g.weight:g}")
            lines.append(f"- {g.name}{weight}: {'、'.join(g.terms)}")
    if req.kind in ("coverage", "mechanism"):
        from lintcity.filters import explain_lines

        lines += ["", *explain_lines()]
    if req.anchors:
        lines += ["", t("explain.anchors"), "、".join(req.anchors)]
    if req.examples_match or req.examples_no_match:
        lines += ["", t("explain.examples")]
        lines += [f"+ {s}" for s in req.examples_match]
        lines += [f"- {s}" for s in req.examples_no_match]
    lines += ["", t("explain.source", path=req.source)]
    from lintcity.errors import printable

    return "\n".join(printable(line) for line in lines)
