"""Resource limits that keep hostile inputs from hanging or exhausting memory."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Configurable from the CLI and config; the messages name the option to raise."""

    max_chars: int = 50_000_000          # extracted characters per document
    max_archive_bytes: int = 500 * MB    # uncompressed size of a .docx
    max_file_bytes: int = 500 * MB       # size of any input on disk
    timeout_s: float = 60.0              # per document
    max_pages: int = 2000                # PDF pages
    ocr: str = "auto"                    # PDF pages to OCR: auto (no text layer), always, never
