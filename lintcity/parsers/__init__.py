"""Parser registry keyed by file suffix.

Built-in parsers are named by import path so that python-docx and pypdfium2
load only when a file of their kind is read. Third-party parsers register in
the entry-point group `lintcity.parsers` with the suffix as name, e.g.
`odt = my_pkg.odt:parse`; a parser is `parse(path: Path, limits: Limits) -> Document`.
"""

from __future__ import annotations

import importlib
import stat
from functools import lru_cache
from pathlib import Path
from typing import Callable

from lintcity.document import Document
from lintcity.errors import InputError
from lintcity.limits import Limits, applied

Parser = Callable[[Path, Limits], Document]

_BUILTIN = {
    ".txt": "lintcity.parsers.txt:parse",
    ".md": "lintcity.parsers.md:parse",
    ".markdown": "lintcity.parsers.md:parse",
    ".docx": "lintcity.parsers.docx:parse",
    ".docm": "lintcity.parsers.docx:parse",    # macro-enabled: the macros are never run or read
    ".dotx": "lintcity.parsers.docx:parse",    # templates hold the same WordprocessingML
    ".dotm": "lintcity.parsers.docx:parse",
    ".pdf": "lintcity.parsers.pdf:parse",
    ".ofd": "lintcity.parsers.ofd:parse",
    **{suffix: "lintcity.parsers.office:parse"     # converted to .docx by LibreOffice
       for suffix in (".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt", ".ott", ".fodt")},
}


@lru_cache(maxsize=1)
def _plugins() -> dict[str, object]:
    found: dict[str, object] = {}
    from lintcity.plugins import PARSERS, entry_points_of

    for ep in entry_points_of(PARSERS):
        suffix = ep.name if ep.name.startswith(".") else "." + ep.name
        found[suffix.lower()] = ep
    return found


def supported_suffixes() -> set[str]:
    return set(_BUILTIN) | set(_plugins())


def parser_for(path: Path) -> Parser:
    suffix = path.suffix.lower()
    plugin = _plugins().get(suffix)
    if plugin is not None:
        return plugin.load()  # type: ignore[attr-defined]
    target = _BUILTIN.get(suffix)
    if target is None:
        raise InputError(str(path), f"unsupported file type '{suffix or '(none)'}' "
                         f"(lintcity reads {', '.join(sorted(supported_suffixes()))})", "IO002")
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)


def parse_file(path: Path, limits: Limits | None = None) -> Document:
    """Parse one file, turning every failure into an InputError naming the file."""
    limits = limits or Limits()
    parser = parser_for(path)
    _check_readable(path, limits)
    try:
        with applied(limits):  # build_document checks the character limit against these
            doc = parser(path, limits)
    except InputError:
        raise
    except MemoryError:
        raise InputError(str(path), "ran out of memory while reading the file", "IO007") from None
    except RecursionError:
        raise InputError(str(path), "structure nested too deeply to read", "IO004") from None
    except OSError as exc:
        if exc.errno is None:  # a library's own OSError subclass about the content
            raise InputError(str(path), f"corrupt or unreadable {path.suffix.lstrip('.')} file "
                             f"({type(exc).__name__}: {_short(exc)})", "IO004") from exc
        # The system failing to read (a disk error, a file removed or locked meanwhile): not corruption.
        raise InputError(str(path), f"cannot read file ({exc.strerror or exc})", "IO001") from None
    except Exception as exc:  # a parser library failing on a malformed file
        raise InputError(str(path), f"corrupt or unreadable {path.suffix.lstrip('.')} file "
                         f"({type(exc).__name__}: {_short(exc)})", "IO004") from exc
    if not doc.blocks:
        raise InputError(str(path), "no text found in the document", "IO003")
    if doc.char_count > limits.max_chars:
        raise InputError(str(path), f"document has {doc.char_count:,} characters, over the limit of "
                         f"{limits.max_chars:,} (raise it with --max-chars)", "IO007")
    return doc


def _check_readable(path: Path, limits: Limits) -> None:
    try:
        info = path.stat()
    except FileNotFoundError:
        cause = "broken symbolic link (its target does not exist)" if path.is_symlink() else "no such file"
        raise InputError(str(path), cause, "IO001") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror or exc})", "IO001") from None
    size = info.st_size
    if stat.S_ISDIR(info.st_mode):
        raise InputError(str(path), "is a folder, not a file", "IO001")
    _check_regular(path, info.st_mode)
    if size == 0:
        raise InputError(str(path), "empty file (0 bytes)", "IO003")
    if size > limits.max_file_bytes:
        raise InputError(str(path), f"file is {size // (1024 * 1024)} MB, over the limit of "
                         f"{limits.max_file_bytes // (1024 * 1024)} MB (raise it with --max-file-mb)", "IO007")
    try:
        with path.open("rb") as fh:
            fh.read(1)
    except PermissionError:
        raise InputError(str(path), "permission denied", "IO001") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror or exc})", "IO001") from None


def _check_regular(path: Path, mode: int) -> None:
    """Refuse pipes, sockets and devices named like documents (x.txt -> /dev/zero).

    Opening a named pipe blocks until someone writes to it, and a device can be
    endless; neither is a document, whatever its name.
    """
    if not stat.S_ISREG(mode):
        raise InputError(str(path), "not a regular file (a pipe, socket or device)", "IO001")


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return text[:120]
