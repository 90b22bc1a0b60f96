"""Turn the paths a user gives into the files to lint."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

from lintcity.errors import InputError
from lintcity.parsers import supported_suffixes


@dataclass(frozen=True)
class Discovered:
    """Files to lint and paths that failed, in the order the user gave them."""

    items: list[Path | InputError]

    @property
    def files(self) -> list[Path]:
        return [i for i in self.items if isinstance(i, Path)]

    @property
    def errors(self) -> list[InputError]:
        return [i for i in self.items if isinstance(i, InputError)]


def discover(paths: list[str], exclude: tuple[str, ...] = ()) -> Discovered:
    """Files named directly are always taken (an unsupported one is an error);
    folders are walked recursively for supported suffixes, skipping hidden
    folders, Office lock files (~$x.docx) and anything matching --exclude.
    Symlinked folders are not followed, so a symlink loop cannot trap the walk."""
    items: list[Path | InputError] = []
    suffixes = supported_suffixes()
    seen: set[Path] = set()
    for name in paths:
        path = Path(name)
        if _excluded(path, exclude):
            continue
        if path.is_dir():
            for found in _walk(path, suffixes, exclude):
                if found not in seen:
                    seen.add(found)
                    items.append(found)
        elif path.exists() or path.is_symlink():
            if path.suffix.lower() not in suffixes:
                items.append(InputError(name, f"unsupported file type '{path.suffix or '(none)'}' "
                                         f"(lintcity reads {', '.join(sorted(suffixes))})", "IO002"))
            elif path not in seen:
                seen.add(path)
                items.append(path)
        else:
            items.append(InputError(name, "no such file or folder", "IO001"))
    return Discovered(items)


def _walk(root: Path, suffixes: set[str], exclude: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not _excluded(Path(folder, d), exclude))
        for name in sorted(names):
            path = Path(folder, name)
            if name.startswith((".", "~$")) or path.suffix.lower() not in suffixes:
                continue
            if not _excluded(path, exclude):
                found.append(path)
    return found


def _excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(text, p) or fnmatch.fnmatch(path.name, p)
               or fnmatch.fnmatch(text, f"*/{p}") for p in patterns)
