"""spaCy and jieba, loaded once per process and only when needed.

There is no trained Chinese pipeline here: `spacy.blank("zh")` with the jieba
segmenter, and every pack term added to jieba's dictionary with a high
frequency so official terms (公共数据授权运营, 城市运行和治理智能中枢) stay whole
tokens for Matcher patterns and for the boundary check on short terms.
"""

from __future__ import annotations

import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Iterable

_added: set[str] = set()


@lru_cache(maxsize=1)
def blank_zh():
    import jieba
    import spacy

    # jieba logs a failed cache write with a traceback (ERROR); the cache only saves time.
    jieba.setLogLevel(logging.CRITICAL)
    folder = cache_dir()
    if folder is not None:
        jieba.dt.tmp_dir = str(folder)
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def cache_dir() -> Path | None:
    """Where jieba keeps its dictionary cache: the only file lintcity causes to be written.

    jieba's default, /tmp/jieba.cache, is shared by every user: another user's
    file cannot be replaced (jieba then printed a traceback) and should not be
    trusted (it is unmarshalled). So: $LINTCITY_CACHE_DIR, else the user's cache
    folder, else a private folder in the temp dir. jieba writes the cache to a
    temporary file and renames it into place, and rebuilds it when it cannot
    be read, so a corrupt cache costs a second, never a wrong result.
    """
    candidates = [os.environ.get("LINTCITY_CACHE_DIR"),
                  str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lintcity"),
                  str(Path(tempfile.gettempdir()) / f"lintcity-{os.getuid() if hasattr(os, 'getuid') else 'user'}")]
    for candidate in candidates:
        if not candidate:
            continue
        folder = Path(candidate)
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if os.access(folder, os.W_OK):
                return folder
        except (OSError, RuntimeError):  # RuntimeError: no home directory
            continue
    return None


def add_terms(terms: Iterable[str]) -> None:
    """Teach jieba the pack's terms (idempotent; jieba's dictionary is process-global)."""
    import jieba

    blank_zh()
    for term in terms:
        if term not in _added and len(term) >= 2 and not term.isascii():
            jieba.add_word(term, freq=200_000)
            _added.add(term)


def segment(texts: list[str]):
    """spaCy Docs for many texts in one batch.

    spaCy refuses texts over `nlp.max_length` (1,000,000 characters, E088): a
    guard for the memory of its parser and NER, which a blank tokenizer does
    not have. One paragraph that long was an internal error although
    --max-chars allows it, so the limit follows the longest text; --max-chars
    is the bound that protects memory.
    """
    nlp = blank_zh()
    longest = max(map(len, texts), default=0)
    if longest >= nlp.max_length:
        nlp.max_length = longest + 1
    return list(nlp.pipe(texts, batch_size=64))
