"""Errors a user can act on: a bad input file, a bad rule pack, a bad config.

Each carries the path and a sentence a drafter understands; the CLI prints it as
one line `path: cause` and never shows a traceback (unless --debug).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

# Characters that must never reach a terminal as they are: C0/C1 controls and
# DEL (a newline splits one error into two lines, ESC starts terminal escape
# sequences), Unicode line/paragraph separators, bidirectional overrides (they
# reorder what is shown), and lone surrogates, which is how Python spells the
# bytes of a file name that are not UTF-8 (printing them raises
# UnicodeEncodeError).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                          "\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` safe to print on one terminal line: unsafe characters escaped as repr does.

    Used for every path (and every cause, which may quote a suffix or a library
    message) that goes to the terminal, so `bad\\nname.docx` prints as one
    line `bad\\nname.docx: ...` and a file name byte 0xFF prints as `\\xff`.
    JSON output needs none of this: it escapes on its own.
    """
    return _UNPRINTABLE.sub(_escape, text)


_STREAM_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                            "\u202a-\u202e\u2066-\u2069]")


def stream_safe(text: str) -> str:
    """A machine format (JSON, CSV, Markdown) made safe to print: unsafe characters as `\\uXXXX`.

    Tabs and line breaks stay. Inside a JSON string `\\uXXXX` is the same
    character, so JSON printed to a terminal keeps its exact data (json.dumps
    already escapes C0 controls, but not C1 controls such as U+009B, a one-byte
    CSI, nor bidi overrides); in CSV or Markdown it is visible text. Used for
    standard output only: a report written to a file (-o) keeps the document's
    characters.
    """
    return _STREAM_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def rich_text(text: str, style: str = "") -> "Text":
    """`text` for rich: escaped by `printable` and wrapped in a rich Text.

    The companion of `printable` wherever output goes through rich. A plain str
    handed to rich (a table cell, a title, console.print) is parsed as markup:
    "[/red]" in a plan crashed `lintcity targets` with MarkupError, and "[bold]"
    vanished. A Text object is never parsed, so every string from a document, a
    file name or a pack reaches rich through here.
    """
    from rich.text import Text

    return Text(printable(text), style=style)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def error_line(path: str, cause: str) -> str:
    """The one stderr line for a bad input: `path: cause`, never more than one line."""
    return f"{printable(path)}: {printable(cause)}"


class LintcityError(Exception):
    """Base for errors reported as one line with exit code 2."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(path, cause)
        self.path = path
        self.cause = cause

    def __str__(self) -> str:
        return error_line(self.path, self.cause)


class InputError(LintcityError):
    """A document that cannot be read. `code` is its rule id (IO0xx), so machine
    reports carry unreadable files as findings, the way ruff reports E902."""

    def __init__(self, path: str, cause: str, code: str = "IO001") -> None:
        super().__init__(path, cause)
        self.code = code


class PackError(LintcityError):
    """A rule pack with a mistake: names the file, the entry and the field."""


class ConfigError(LintcityError):
    """A config file with a mistake."""


# Input error codes, documented in the README and by `lintcity explain`.
IO_CODES = {
    "IO001": "file cannot be read (missing, permission denied, or a folder loop)",
    "IO002": "unsupported file type",
    "IO003": "empty file, or no text at all",
    "IO004": "corrupt or malformed file",
    "IO005": "encrypted (password-protected) file",
    "IO006": "PDF without a text layer (scanned images)",
    "IO007": "a size or time limit was exceeded",
    "IO008": "text encoding could not be determined",
    "IO009": "internal error while linting this file (a lintcity bug: please report it)",
}
