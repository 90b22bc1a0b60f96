"""The entry points of lintcity's plugin groups, read once per process, and not at all when none exist.

`importlib.metadata.entry_points(group=...)` reads the metadata of every
installed distribution on each call — tens of milliseconds with a few hundred
installed — and a run asked for lintcity's groups three times (parsers, rule
kinds, the pack digest of the content cache). One scan answers all of them.

Most installations have no plugin at all, and importing `importlib.metadata`
alone (it pulls in email, csv and zipfile) took 36 ms of every run, a third of
a warm re-run's start. So the answer "no entry point in either group" is kept
in lintcity's cache folder with what it depends on: the interpreter, and every
`sys.path` entry with its modification time (installing or removing a
distribution adds or removes a `.dist-info` folder there, which changes the
folder's time; a new path entry changes the list) and the finders that
importlib.metadata asks for distributions. When that matches, the groups are empty without a scan; anything else,
or any entry point found, scans as before.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache

PARSERS, RULES = "lintcity.parsers", "lintcity.rules"


@lru_cache(maxsize=1)
def _groups() -> dict[str, tuple]:
    environment = _environment()
    remembered = _remembered(environment)
    if remembered is not None and _read(remembered) == environment:
        return {PARSERS: (), RULES: ()}
    from importlib.metadata import entry_points

    found = entry_points()
    groups = {group: tuple(found.select(group=group)) for group in (PARSERS, RULES)}
    if remembered is not None and not any(groups.values()):
        from lintcity.cache import atomic_write

        try:
            remembered.parent.mkdir(exist_ok=True)
            atomic_write(remembered, environment.encode("utf-8", "surrogateescape"))
        except OSError:
            pass  # not remembered: the next run scans again
    return groups


def entry_points_of(group: str) -> tuple:
    """The installed entry points of `group` (one of PARSERS, RULES)."""
    return _groups()[group]


def _environment() -> str:
    """What the set of installed distributions depends on, as text."""
    # the finders importlib.metadata asks for distributions (PathFinder, a zip or bundle importer), not
    # every import hook: those come and go with the libraries a run happens to import first (six)
    finders = " ".join(_name(f) for f in sys.meta_path if hasattr(f, "find_distributions"))
    lines = [sys.version, sys.prefix, sys.exec_prefix, finders]
    for entry in sys.path:
        try:
            lines.append(f"{entry}\t{os.stat(entry or os.curdir).st_mtime_ns}")
        except (OSError, ValueError):
            lines.append(f"{entry}\t-")
    return "\n".join(lines)


def _name(finder: object) -> str:
    kind = finder if isinstance(finder, type) else type(finder)  # PathFinder is a class, others instances
    return f"{kind.__module__}.{kind.__qualname__}"


def _remembered(environment: str):
    """The file remembering this environment as one without entry points (None: no safe cache folder).

    One file per environment (named by a checksum, holding the whole text, which is what is compared):
    `lintcity` and `python -m lintcity` see different path lists, and must not evict each other.
    """
    import zlib

    from lintcity.cache import default_location, safe_folder

    folder = default_location()
    if folder is None or safe_folder(folder) is not None:
        return None
    crc = zlib.crc32(environment.encode("utf-8", "surrogateescape"))
    return folder / "entry-points" / f"none-{crc:08x}.txt"


def _read(path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8", "surrogateescape")
    except OSError:
        return None
