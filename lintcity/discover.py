"""Turn the paths a user gives into the files to lint."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from lintcity.errors import InputError
from lintcity.i18n import t
from lintcity.parsers import supported_suffixes

IGNORE_FILES = (".gitignore", ".ignore")


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


def discover(paths: list[str], exclude: tuple[str, ...] = (), *, respect_gitignore: bool = True,
             skip_names: tuple[str, ...] = ()) -> Discovered:
    """Files named directly are always taken (an unsupported one is an error);
    folders are walked recursively for supported suffixes, skipping hidden
    folders, Office lock files (~$x.docx), anything matching --exclude, files
    whose name matches `skip_names` (README.md and the like: not plans), and,
    with `respect_gitignore`, what `.gitignore`/`.ignore` files ignore (git's
    own rules via pathspec, from the repository's top folder down).
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
            ignores = _Ignores.above(path) if respect_gitignore else None
            for found in _walk(path, suffixes, exclude, skip_names, ignores):
                _add(items, seen, found)
        elif kind == "file":
            if path.suffix.lower() not in suffixes:
                items.append(InputError(name, t("discover.unsupported", suffix=path.suffix or t("discover.no_suffix"),
                                                known=", ".join(sorted(suffixes))), "IO002"))
            else:
                _add(items, seen, path)
        else:
            items.append(InputError(name, t("discover.missing"), "IO001"))
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
        return InputError(str(path), t("discover.denied"), "IO001")
    except OSError:
        return "file"  # a symlink loop or the like: parse_file says what is wrong with it
    return "dir" if stat.S_ISDIR(info.st_mode) else "file"


def _walk(root: Path, suffixes: set[str], exclude: tuple[str, ...], skip_names: tuple[str, ...],
          ignores: _Ignores | None) -> list[Path | InputError]:
    found: list[Path | InputError] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else root
        found.append(InputError(str(where), t("discover.folder_unreadable", cause=exc.strerror or str(exc)), "IO001"))

    # one pattern for all skip names (fnmatch per name and pattern was 12 calls a file)
    skip = re.compile("|".join(f"(?:{fnmatch.translate(os.path.normcase(p))})" for p in skip_names)) \
        if skip_names else None
    for folder, dirs, names in os.walk(root, followlinks=False, onerror=unreadable):
        here = Path(folder)
        if ignores is not None:
            ignores.enter(here, names)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not _excluded(here / d, exclude)
                         and not (ignores is not None and ignores.ignored(here / d, folder=True)))
        for name in sorted(names):
            path = here / name
            if name.startswith((".", "~$")) or path.suffix.lower() not in suffixes:
                continue
            if skip is not None and skip.match(os.path.normcase(name)):
                continue
            if not _excluded(path, exclude) and not (ignores is not None and ignores.ignored(path)):
                found.append(path)
    return found


class _Ignores:
    """The .gitignore/.ignore files that apply while walking: git's rules (pathspec's GitIgnoreSpec),
    each file's patterns relative to its own folder, a deeper file's match winning."""

    def __init__(self, specs: list[tuple[Path, object]]) -> None:
        self.specs = specs

    @classmethod
    def above(cls, root: Path) -> _Ignores:
        """Start with the ignore files of `root`'s parents up to the repository's top (a folder with .git)."""
        start = root.resolve()
        chain = []
        for folder in start.parents:
            chain.append(folder)
            if (folder / ".git").exists():
                break
        else:
            chain = []  # not in a repository: only ignore files inside the walked folder count
        ignores = cls([])
        for folder in reversed(chain):
            ignores._load(folder)
        return ignores

    def enter(self, folder: Path, names: list[str]) -> None:
        if any(n in names for n in IGNORE_FILES):
            self._load(folder)

    def _load(self, folder: Path) -> None:
        import pathspec

        base = folder.resolve()
        for name in IGNORE_FILES:
            try:
                lines = (folder / name).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            self.specs.append((base, pathspec.GitIgnoreSpec.from_lines(lines)))

    def ignored(self, path: Path, folder: bool = False) -> bool:
        full = path.parent.resolve() / path.name  # the entry itself, not what a symlink points to
        verdict = None
        for base, spec in self.specs:
            try:
                rel = full.relative_to(base).as_posix()
            except ValueError:
                continue
            result = spec.check_file(rel + "/" if folder else rel)  # type: ignore[attr-defined]
            if result.include is not None:
                verdict = result.include
        return bool(verdict)


def _excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(text, p) or fnmatch.fnmatch(path.name, p)
               or fnmatch.fnmatch(text, f"*/{p}") for p in patterns)
