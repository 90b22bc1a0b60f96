"""spaCy and jieba, loaded once per process and only when needed.

There is no trained Chinese pipeline here: `spacy.blank("zh")` with the jieba
segmenter, and every pack term added to jieba's dictionary with a high
frequency so official terms (公共数据授权运营, 城市运行和治理智能中枢) stay whole
tokens for Matcher patterns and for the boundary check on short terms.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Iterable

_added: set[str] = set()


@lru_cache(maxsize=1)
def blank_zh():
    import jieba
    import spacy

    jieba.setLogLevel(logging.WARNING)
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def add_terms(terms: Iterable[str]) -> None:
    """Teach jieba the pack's terms (idempotent; jieba's dictionary is process-global)."""
    import jieba

    blank_zh()
    for term in terms:
        if term not in _added and len(term) >= 2 and not term.isascii():
            jieba.add_word(term, freq=200_000)
            _added.add(term)


def segment(texts: list[str]):
    """spaCy Docs for many texts in one batch."""
    return list(blank_zh().pipe(texts, batch_size=64))
