"""Rule selectors as ruff takes them: comma lists or repeated flags, any case, ids or prefixes.

A selector that matches no rule of the pack is an error, never a silent
"nothing selected": `--select gl` and `--select HY103,GL402` must do what they
say, and `--select XX` must not pass with "0 errors".
"""

from __future__ import annotations

from collections.abc import Iterable


class UnknownSelector(ValueError):
    """`args[0]` is the selector that matches no rule."""


def split(values: Iterable[str]) -> tuple[str, ...]:
    """`("HY103,gl402", " TG ")` → `("HY103", "GL402", "TG")`."""
    out: list[str] = []
    for value in values:
        out += [part.strip().upper() for part in str(value).split(",") if part.strip()]
    return tuple(out)


def checked(selectors: Iterable[str], known: Iterable[str]) -> tuple[str, ...]:
    """The selectors (upper case), each matching at least one known rule id; `ALL` matches every rule."""
    ids = tuple(known)
    out = []
    for sel in split(selectors):
        if sel == "ALL":
            out.append("")
            continue
        if not any(i.startswith(sel) for i in ids):
            raise UnknownSelector(sel)
        out.append(sel)
    return tuple(out)


def matches(rule_id: str, selectors: Iterable[str]) -> bool:
    return any(rule_id.startswith(s) for s in selectors)


def most_specific(rule_id: str, table: dict[str, str]) -> str | None:
    """The value of the longest selector in `table` that matches `rule_id` (as ruff's per-rule settings)."""
    best = max((s for s in table if rule_id.startswith(s)), key=len, default=None)
    return table[best] if best is not None else None
