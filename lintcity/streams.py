"""Standard streams that can carry a Chinese report on every platform.

Why this exists: on Windows a pipe or a redirected file gets the locale's
code page (cp936/GBK in Chinese offices), which cannot encode the report's
✓ ◐ ✗ — `lintcity check plan.docx > report.txt` ended in an internal error.
Before anything is printed, a stream whose encoding cannot carry those
symbols is switched to one that can:

- a GBK-family stream becomes GB18030, GBK's superset: every Chinese character
  keeps its GBK bytes (a reader decoding cp936 sees the same text), and the
  few characters GBK lacks are still written instead of failing;
- any other narrow encoding becomes UTF-8, unless the user chose one with
  PYTHONIOENCODING — then it is kept and unencodable characters are written
  as backslash escapes, never a traceback.

Machine formats (JSON, SARIF, JUnit, GitLab, GitHub annotations, Markdown)
are UTF-8 by their specifications and the tools that read them, so they are
written as UTF-8 bytes whatever the console's code page (`write_utf8`).
Only the standard library is imported: `entry.main` calls this first.
"""

from __future__ import annotations

import codecs
import os
import sys

_PROBE = "✓◐✗中"
_GBK_FAMILY = {"gbk", "gb2312", "cp936", "ms936"}


def prepare_std_streams() -> None:
    """Make stdout and stderr able to write the report's characters (see the module docstring)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        if stream is None or not hasattr(stream, "reconfigure"):
            continue
        encoding = stream.encoding or "ascii"
        if _can_encode(encoding):
            continue
        try:
            stream.reconfigure(**_better(encoding))
        except (ValueError, OSError):  # a stream that cannot change: errors are then its own
            continue


def _can_encode(encoding: str) -> bool:
    try:
        _PROBE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _better(encoding: str) -> dict[str, str]:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = encoding.lower()
    if name in _GBK_FAMILY:
        return {"encoding": "gb18030"}
    if os.environ.get("PYTHONIOENCODING"):
        return {"errors": "backslashreplace"}
    return {"encoding": "utf-8"}


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (False when there is none, as under pythonw)."""
    stream = sys.stdout
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):  # replaced or closed stream
        return False


def write_utf8(text: str, newline: bool = True) -> None:
    """Write a machine-readable report to stdout as UTF-8, whatever the console's code page.

    Text streams without a byte buffer (a test runner's StringIO) get the text
    itself. `newline`: end the output with a line break (a streamed report
    writes its pieces without, then ends with one).
    """
    import click

    payload = text if not newline or text.endswith("\n") else text + "\n"
    if getattr(sys.stdout, "buffer", None) is None:
        click.echo(payload, nl=False, color=False)
        return
    click.echo(payload.encode("utf-8", "backslashreplace"), nl=False)
