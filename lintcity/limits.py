"""Resource limits that keep hostile inputs from hanging or exhausting memory."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterator

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Configurable from the CLI and config; the messages name the option to raise."""

    # Extracted characters per document. The analysis costs ~350 bytes of memory per
    # character (2,000,000 characters of plan text peaked at 700 MB), so this keeps
    # every document under 1 GB; a long plan has 100,000.
    max_chars: int = 2_000_000
    max_archive_bytes: int = 500 * MB    # uncompressed size of a .docx
    max_file_bytes: int = 500 * MB       # size of any input on disk
    timeout_s: float = 60.0              # per document
    max_pages: int = 2000                # PDF pages
    ocr: str = "auto"                    # PDF pages to OCR: auto (no text layer), always, never

    @property
    def max_part_bytes(self) -> int:
        """One part of a .docx: an eighth of the archive limit (62 MB by default).

        Parsing XML costs about 8 bytes of memory per byte of XML, so this keeps
        the parse of a body far larger than any plan's under ~600 MB; raising
        --max-archive-mb raises it too.
        """
        return self.max_archive_bytes // PART_SHARE


PART_SHARE = 8


_current: ContextVar[Limits | None] = ContextVar("lintcity_limits", default=None)


@contextmanager
def applied(limits: Limits) -> Iterator[None]:
    """Make `limits` the ones `check_chars` enforces while a parser runs (set by `parse_file`)."""
    token = _current.set(limits)
    try:
        yield
    finally:
        _current.reset(token)


def check_chars(path: str, count: int) -> None:
    """Refuse a document of `count` characters over the character limit.

    Called by `build_document` with the text every parser extracted, before any
    of it is normalized, segmented or analysed (which costs ~350 bytes of memory
    per character): the limit protects that work, so it is checked before it.
    Outside `parse_file` the default limits apply, so no caller skips them.
    """
    limits = _current.get() or Limits()
    if count > limits.max_chars:
        from lintcity.errors import InputError
        from lintcity.i18n import t

        raise InputError(path, t("reliability.too_many_chars", limit=f"{limits.max_chars:,}"), "IO007")
