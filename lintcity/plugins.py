"""The entry points of lintcity's plugin groups, read once per process.

`importlib.metadata.entry_points(group=...)` reads the metadata of every
installed distribution on each call — tens of milliseconds with a few hundred
installed — and a run asked for lintcity's groups three times (parsers, rule
kinds, the pack digest of the content cache). One scan answers all of them.
"""

from __future__ import annotations

from functools import lru_cache

PARSERS, RULES = "lintcity.parsers", "lintcity.rules"


@lru_cache(maxsize=1)
def _groups() -> dict[str, tuple]:
    from importlib.metadata import entry_points

    found = entry_points()
    return {group: tuple(found.select(group=group)) for group in (PARSERS, RULES)}


def entry_points_of(group: str) -> tuple:
    """The installed entry points of `group` (one of PARSERS, RULES)."""
    return _groups()[group]
