"""What the CI formats share: repository-relative paths, the worst findings first, plain one-line texts."""

from __future__ import annotations

import os
from pathlib import Path

from lintcity.diagnostics import SEVERITY_RANK


def relative_uri(path: str) -> str:
    """`path` relative to the current folder (the repository in CI), with forward slashes."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else Path(path).as_posix()


def worst_first(diagnostics) -> list:
    return sorted(diagnostics, key=lambda d: (-SEVERITY_RANK[d.severity], d.path, d.rule_id))


def one_line(text: str) -> str:
    return " ".join(text.split())


def message_with_place(d) -> str:
    place = str(d.location) if d.location else ""
    if d.heading_path:
        place = f"{place} · {' > '.join(d.heading_path)}" if place else " > ".join(d.heading_path)
    text = one_line(d.message)
    if d.quote:
        text += f"：“{one_line(d.quote)[:120]}”"
    return f"[{place}] {text}" if place else text
