"""Validated rule packs cached by the content of their YAML files.

Reading the bundled pack's YAML and validating its entries (JSON schema,
regexes, alias limits) costs about half a second, on every run, for a result
that changes only when a YAML file or lintcity changes. The validated Pack is
pickled into the content cache (see `cache.py`: same ownership rules, atomic
writes, entries checked for their type on read), keyed by lintcity's code
digest and the bytes of every YAML file that could take part: the pack's own
folder, every --rules folder and the bundled packs (a pack may extend any of
them). A broken pack is never cached: it is validated, and refused, every time.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


def _yaml_files(roots: list[Path]) -> list[Path]:
    found: set[Path] = set()
    for root in roots:
        if root.is_dir():
            found.update(p for pattern in ("*.yaml", "*/*.yaml") for p in root.glob(pattern) if p.is_file())
    return sorted(found)


def pack_key(name: str, search: tuple[str, ...]) -> str | None:
    """The cache key for loading pack `name` with --rules folders `search` (None: do not cache)."""
    from lintcity.cache import code_digest
    from lintcity.packs import builtin_rules_dir

    roots = [Path(name), *(Path(s) for s in search), builtin_rules_dir()]
    h = hashlib.blake2b(f"{code_digest()}\0{name}\0{search!r}".encode())
    try:
        for path in _yaml_files(roots):
            h.update(str(path.resolve()).encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    return h.hexdigest()[:40]


@lru_cache(maxsize=16)
def load_cached(name: str, search: tuple[str, ...]):
    """The Pack from the cache when its YAML is unchanged, else loaded, validated and stored."""
    from lintcity.cache import open_cache
    from lintcity.packs import Pack, _load

    key = pack_key(name, search)
    folder = open_cache() if key else None
    if folder is not None and folder.warning is None:
        pack = folder.load("pack", key, Pack)
        if pack is not None:
            return pack
    pack = _load(name, search, ())
    if folder is not None and folder.warning is None:
        folder.store("pack", key, pack)
    return pack
