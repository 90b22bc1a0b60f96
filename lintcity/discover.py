"""Turn the paths a user gives into the files to lint."""

from __future__ import annotations

import fnmatch
import os
import stat
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
    Symlinked folders are not followed, so a symlink loop cannot trap the walk.
    A folder that cannot be listed is an error (IO001), not silently skipped."""
    items: list[Path | InputError] = []
    suffixes = supported_suffixes()
    seen: set[Path] = set()
    for name in paths:
        path = Path(name)
        if _excluded(path, exclude):
            continue
        kind = _kind(path)
        if isinstance(kind, InputError):
            items.append(kind)
        elif kind == "dir":
            for found in _walk(path, suffixes, exclude):
                _add(items, seen, found)
        elif kind == "file":
            if path.suffix.lower() not in suffixes:
                items.append(InputError(name, f"unsupported file type '{path.suffix or '(none)'}' "
                                         f"(lintcity reads {', '.join(sorted(suffixes))})", "IO002"))
            else:
                _add(items, seen, path)
        else:
            items.append(InputError(name, "no such file or folder", "IO001"))
    return Discovered(items)


def _add(items: list[Path | InputError], seen: set[Path], item: Path | InputError) -> None:
    """Append a file once however many given paths reach it; errors always."""
    if isinstance(item, Path):
        if item in seen:
            return
        seen.add(item)
    items.append(item)


def _kind(path: Path) -> str | InputError | None:
    """"dir", "file" (anything else that exists, a broken or looping link included), or None if missing.

    Path.is_dir() and exists() raise PermissionError (Python 3.11) when a
    parent folder cannot be searched; that is reported for this path alone,
    so the other paths are still linted.
    """
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return "file" if path.is_symlink() else None
    except PermissionError:
        return InputError(str(path), "permission denied (a folder on its path cannot be opened)", "IO001")
    except OSError:
        return "file"  # a symlink loop or the like: parse_file says what is wrong with it
    return "dir" if stat.S_ISDIR(info.st_mode) else "file"


def _walk(root: Path, suffixes: set[str], exclude: tuple[str, ...]) -> list[Path | InputError]:
    found: list[Path | InputError] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else root
        found.append(InputError(str(where), f"cannot open folder ({exc.strerror or exc}); the files in it "
                                "were not linted", "IO001"))

    for folder, dirs, names in os.walk(root, followlinks=False, onerror=unreadable):
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
