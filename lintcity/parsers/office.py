"""Legacy and other office formats (.doc, .wps, .rtf, .odt, .wpt, .dot) through LibreOffice.

Most of what local offices still circulate is .doc or .wps (Kingsoft WPS 文字,
whose files are Word 97 compound files). Reading those binary formats by hand
would be a project of its own; LibreOffice reads them all, so each file is
converted to .docx with `soffice --headless` and read by the .docx reader —
the same structure, numbering and line-break handling, and locations 段N / 段N 行M
as a .docx. Each conversion runs in a private temporary folder with its own
LibreOffice user profile (so it never touches the user's LibreOffice and two
runs never share a profile lock), on a copy of the input (never modified), in
its own process group killed on timeout. Without LibreOffice the file gets one
line saying how to install it (IO002); other files are still linted.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lintcity.document import Document
from lintcity.errors import InputError
from lintcity.i18n import t
from lintcity.limits import Limits
from lintcity.parsers import sniff

ENV_BINARY = "LINTCITY_SOFFICE"    # path to soffice when it is not on PATH ("" disables conversion)
_WINDOWS_PATHS = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                  r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
_MAC_PATH = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
DEFAULT_TIMEOUT_S = 120.0


def parse(path: Path, limits: Limits) -> Document:
    from lintcity.parsers import docx

    kind = _content_kind(path, limits)
    if kind == ".docx":   # a .docx saved under an old name: read it as what it is
        return docx.parse_as(path, limits, path.suffix.lower().lstrip("."), shown=str(path))
    binary = find_soffice()
    if binary is None:
        raise InputError(str(path), t("office.no_libreoffice", suffix=path.suffix.lower()), "IO002")
    with tempfile.TemporaryDirectory(prefix="lintcity-office-") as tmp:
        converted = convert(binary, path, Path(tmp), kind, limits)
        return docx.parse_as(converted, limits, path.suffix.lower().lstrip("."), shown=str(path))


def find_soffice() -> str | None:
    """LibreOffice's soffice: $LINTCITY_SOFFICE, then PATH, then the installers' default places."""
    named = os.environ.get(ENV_BINARY)
    if named is not None:
        return named if named and Path(named).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = _WINDOWS_PATHS if sys.platform == "win32" else (_MAC_PATH,) if sys.platform == "darwin" else ()
    return next((c for c in candidates if Path(c).is_file()), None)


def convert(binary: str, path: Path, tmp: Path, kind: str, limits: Limits) -> Path:
    """Convert a copy of `path` to .docx inside `tmp`; returns the .docx."""
    source = tmp / f"input{kind}"
    shutil.copyfile(path, source)
    outdir = tmp / "out"
    profile = tmp / "profile"
    command = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore",
               "--nolockcheck", "--nodefault", "--nologo", "--convert-to", "docx:MS Word 2007 XML",
               "--outdir", str(outdir), str(source)]
    seconds = limits.timeout_s if 0 < limits.timeout_s < 1e8 else DEFAULT_TIMEOUT_S
    env = {**os.environ, "HOME": str(tmp)}
    stderr = _run(command, env, seconds, path)
    result = outdir / "input.docx"
    if not result.is_file() or result.stat().st_size == 0:
        cause = stderr.strip().splitlines()[-1][:160] if stderr.strip() else "-"
        raise InputError(str(path), t("office.convert_failed", suffix=path.suffix.lower(), cause=cause), "IO004")
    if result.stat().st_size > limits.max_file_bytes:
        raise InputError(str(path), t("office.too_large", mb=limits.max_file_bytes // (1024 * 1024)), "IO007")
    return result


def _run(command: list[str], env: dict[str, str], seconds: float, path: Path) -> str:
    """Run soffice in its own process group; on a timeout or an interruption the whole group is killed.

    soffice is a wrapper that starts soffice.bin: killing the wrapper alone
    would leave a LibreOffice running, so the group goes (Windows: the tree).
    """
    kwargs: dict = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "stdin": subprocess.DEVNULL,
                    "env": env}
    if sys.platform == "win32":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    else:
        kwargs["start_new_session"] = True
    try:
        proc = subprocess.Popen(command, **kwargs)
    except OSError as exc:
        raise InputError(str(path), t("office.cannot_start", cause=exc.strerror or str(exc)), "IO002") from None
    try:
        _, err = proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise InputError(str(path), t("office.timeout", seconds=f"{seconds:g}"), "IO007") from None
    except BaseException:
        _kill(proc)
        raise
    return err.decode("utf-8", "replace")


def _kill(proc: subprocess.Popen) -> None:
    try:
        if sys.platform == "win32":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, check=False)
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except (OSError, subprocess.SubprocessError):
        proc.kill()
    proc.wait()


def _content_kind(path: Path, limits: Limits) -> str:
    """The suffix that names what the file really is, so LibreOffice picks the right import filter.

    Offices rename freely: an RTF or a .docx saved as .doc, and Kingsoft WPS's
    .wps files are Word 97 compound files (LibreOffice would try its Microsoft
    Works filter on a .wps name). Encrypted files are refused here, before a
    conversion that could only fail.
    """
    data = sniff.head(path)
    suffix = path.suffix.lower()
    if sniff.is_cfb(data):
        streams = sniff.cfb_streams(path, limits.max_file_bytes)
        if "EncryptedPackage" in streams:
            raise InputError(str(path), t("office.encrypted"), "IO005")
        return ".doc" if "WordDocument" in streams else suffix
    if data.lstrip().startswith(b"{\\rtf"):
        return ".rtf"
    if data.startswith(sniff.ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return suffix
        if "word/document.xml" in names or "_rels/.rels" in names and "content.xml" not in names:
            return ".docx"
        if "content.xml" in names:
            return ".odt" if suffix not in (".ott", ".odt") else suffix
    return suffix
