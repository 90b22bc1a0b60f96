"""The content cache: parsed documents and finished reports, keyed by what made them.

Three kinds of entry live in one folder (the third, `pack`, is a validated rule
pack, see `pack_cache.py`):
- `doc`: a parsed Document, keyed by the file's content hash, its path, the
  limits that shaped the parse and the code digest (lintcity's version and its
  source files). A changed pack or selection re-runs only analysis and checks.
- `report`: a finished FileReport, keyed by all of that plus the pack's digest
  and the run's selection. A warm run hashes the file and loads the report; no
  parser, spaCy or jieba is loaded at all.
jieba's dictionary cache lives in the same folder (see `nlp.py`).

A cache is code-adjacent data (entries are pickles), so it is trusted only in a
folder the current user owns and nobody else can write to; otherwise a private
fresh folder is used for this run and removed at exit. Every entry starts with
a header naming its kind and the format version and is checked for its type on
read; anything wrong is deleted and rebuilt. Writes go to a temporary file in
the same folder, renamed into place; a failed write removes its temporary file.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import pickle
import shutil
import stat
import sys
import tempfile
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

FORMAT = 1
_MAGIC = b"lintcity-cache\x00"
KINDS = ("doc", "report", "pack")


class CacheFolder:
    """A folder that passed the ownership checks, with the run's warning if another was refused."""

    def __init__(self, root: Path, warning: str | None = None) -> None:
        self.root = root
        self.warning = warning

    def __repr__(self) -> str:
        return f"CacheFolder({str(self.root)!r})"

    # -- entries ------------------------------------------------------------

    def _entry(self, kind: str, key: str) -> Path:
        return self.root / f"v{FORMAT}" / kind / key[:2] / f"{key}.pkl"

    def load(self, kind: str, key: str, expected: type) -> Any | None:
        """The entry, or None when absent, unreadable, of another format or of the wrong type (then deleted)."""
        path = self._entry(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        header = _MAGIC + f"{kind}:{FORMAT}\n".encode()
        try:
            if not data.startswith(header):
                raise ValueError("wrong header")
            value = pickle.loads(data[len(header):])
            if not isinstance(value, expected):
                raise TypeError(type(value).__name__)
        except Exception:  # noqa: BLE001 - any damage means: rebuild
            _unlink(path)
            return None
        return value

    def store(self, kind: str, key: str, value: Any) -> None:
        """Write an entry atomically; a cache that cannot be written only costs time."""
        path = self._entry(kind, key)
        try:
            payload = _MAGIC + f"{kind}:{FORMAT}\n".encode() + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - something unpicklable is simply not cached
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write(path, payload)
        except OSError:
            pass

    def clean(self) -> int:
        """Delete every entry (and jieba's cache); return the number of files removed."""
        count = 0
        for child in list(self.root.iterdir()) if self.root.is_dir() else []:
            if child.is_dir() and not child.is_symlink():
                count += sum(1 for p in child.rglob("*") if p.is_file())
                shutil.rmtree(child, ignore_errors=True)
            else:
                count += 1
                _unlink(child)
        return count


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    Readers see the old file or the new one, never half of one; when anything
    fails (disk full, the target is a folder), the temporary file is removed
    before the error propagates.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        _unlink(Path(tmp))
        raise


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


# -- the folder ----------------------------------------------------------------

def default_location() -> Path | None:
    """$LINTCITY_CACHE_DIR, else the user's cache folder (XDG_CACHE_HOME, ~/.cache, %LOCALAPPDATA%)."""
    explicit = os.environ.get("LINTCITY_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None)
    try:
        return Path(base or Path.home() / ".cache") / "lintcity"
    except RuntimeError:  # no home directory
        return None


def safe_folder(path: Path) -> str | None:
    """Why `path` cannot hold a cache (None when it can): created if missing, owned by us, private.

    On POSIX the folder must be a real folder (not a symlink) owned by the
    current user with no write permission for group or others: a folder
    another user can write to lets them plant entries. Windows has no such
    mode bits; a folder under the user's profile is private by default.
    """
    from lintcity.i18n import t

    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = os.lstat(path)
    except (OSError, RuntimeError) as exc:
        return t("speed.cache_unusable", reason=getattr(exc, "strerror", None) or str(exc))
    if not stat.S_ISDIR(info.st_mode):
        return t("speed.cache_not_folder")
    if hasattr(os, "getuid"):
        if info.st_uid != os.getuid():
            return t("speed.cache_foreign")
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return t("speed.cache_writable")
    if not os.access(path, os.W_OK | os.X_OK):
        return t("speed.cache_unusable", reason="permission denied")
    return None


def open_cache(explicit: str | Path | None = None) -> CacheFolder:
    """The cache folder for this run: `explicit` (--cache-dir) or the default, if safe; else a private one."""
    wanted = Path(explicit) if explicit else default_location()
    problem = safe_folder(wanted) if wanted is not None else "no home folder"
    if problem is None and wanted is not None:
        return CacheFolder(wanted)
    warning = None
    if wanted is not None:
        from lintcity.errors import printable
        from lintcity.i18n import t

        warning = t("speed.cache_refused", path=printable(str(wanted)), reason=problem)
    return CacheFolder(_private_folder(), warning)


@lru_cache(maxsize=1)
def _private_folder() -> Path:
    """A fresh folder only this process knows (mode 0700), removed when the process exits."""
    folder = Path(tempfile.mkdtemp(prefix="lintcity-cache-"))
    owner = os.getpid()
    # Forked workers share this folder; only the process that made it removes it.
    atexit.register(lambda: os.getpid() == owner and shutil.rmtree(folder, ignore_errors=True))
    return folder


# -- keys ------------------------------------------------------------------------

def file_digest(path: Path, max_bytes: int | None = None) -> str | None:
    """The file's content hash, or None when it is not a regular file, is too large or cannot be read.

    Opened without blocking and checked with fstat before reading: a named pipe
    or a device among the inputs must reach the parser (which reports it), not
    hang the run here. The parser also reports files over the size limit.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or (max_bytes is not None and info.st_size > max_bytes):
            return None
        with os.fdopen(fd, "rb") as f:
            fd = -1
            return hashlib.file_digest(f, "blake2b").hexdigest()[:40]
    except OSError:
        return None
    finally:
        if fd >= 0:
            os.close(fd)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """lintcity's version and the size and time of every source file, so an edited checkout never reuses entries."""
    from lintcity import __version__

    root = Path(__file__).resolve().parent
    h = hashlib.blake2b(__version__.encode())
    for p in sorted(root.rglob("*.py")):
        st = p.stat()
        h.update(f"{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:32]


def pack_digest(pack: Any) -> str:
    """The pack's content: metadata, settings, parts and merged entries (and the rule plugins installed)."""
    cached = _pack_digests.get(id(pack))
    if cached and cached[0] is pack:
        return cached[1]
    from lintcity.plugins import RULES, entry_points_of

    plugins = sorted(f"{ep.name}={ep.value}" for ep in entry_points_of(RULES))
    blob = json.dumps([pack.id, pack.meta, pack.settings, pack.parts, [e for e, _ in pack.entries], plugins],
                      sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.blake2b(blob.encode()).hexdigest()[:32]
    _pack_digests[id(pack)] = (pack, digest)
    return digest


_pack_digests: dict[int, tuple[Any, str]] = {}


def key(*parts: object) -> str:
    blob = "[" + ", ".join(_part(p) for p in parts) + "]"
    return hashlib.blake2b(blob.encode()).hexdigest()[:40]


def _part(part: object) -> str:
    """One part of a key as JSON; the run's options (frozen dataclasses) serialised once, not per file."""
    if hasattr(part, "__dataclass_fields__"):
        try:
            return _dataclass_part(part)
        except TypeError:  # an unhashable field: serialise it each time
            return json.dumps(asdict(part), sort_keys=True, default=str)
    return json.dumps(part, sort_keys=True, default=str)


@lru_cache(maxsize=64)
def _dataclass_part(part: object) -> str:
    return json.dumps(asdict(part), sort_keys=True, default=str)
