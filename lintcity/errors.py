"""Errors a user can act on: a bad input file, a bad rule pack, a bad config.

Each carries the path and a sentence a drafter understands; the CLI prints it as
one line `path: cause` and never shows a traceback (unless --debug).
"""

from __future__ import annotations


class LintcityError(Exception):
    """Base for errors reported as one line with exit code 2."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


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
}
