"""Run-level segmentation gives exactly jieba's whole-block answer.

`nlp.Segmentation` cuts only the run (a maximal `re_han_default` match) that
holds the offset asked about, and builds a block's words from its pieces. The
claim is that this never changes a word boundary; these tests check it on every
block of the fixtures and of real Word files, offset by offset, against jieba
cutting the whole block.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lintcity import nlp
from lintcity.limits import Limits
from lintcity.parsers import parse_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
REAL = ROOT.parent / "shared" / "real-docx"


def _whole_block_bounds(text: str) -> set[int]:
    """The reference: jieba cuts the whole block (what the analysis did before)."""
    return nlp.boundaries(text)


def _texts() -> list[str]:
    paths = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".md", ".txt", ".docx", ".pdf"))
    if REAL.is_dir():
        paths += sorted(REAL.glob("*.docx"))[:12]
    texts = []
    for path in paths:
        try:
            doc = parse_file(path, Limits())
        except Exception:  # noqa: BLE001 - unreadable fixtures (corrupt, scanned) test other things
            continue
        texts += [b.norm for b in doc.blocks]
    return texts


EDGES = ["", "a", "运维", "统一运维平台建设", "5G基站 and IPv6部署", "一网统管\r\n一网通办", "甲\r\r\n乙 \n丙",
         "数据（共享）、开放，运营。", "A B  C", "2027年 达到95%以上", "——推进“一网统管”——", "\r\n", " 运维 "]


@pytest.fixture(scope="module")
def texts(pack) -> list[str]:
    from lintcity.analysis import _pack_matcher

    _pack_matcher(pack)  # the pack's terms are in jieba's dictionary, as in a real run
    return _texts() + EDGES


def test_texts_are_real_and_many(texts):
    assert len(texts) > 1000 and sum(map(len, texts)) > 200_000


def test_every_boundary_question_gets_the_whole_block_answer(texts):
    for text in texts:
        expected = _whole_block_bounds(text)
        seg = nlp.Segmentation(text)
        got = {o for o in range(-2, len(text) + 3) if o in seg}  # run by run, never the whole block
        assert seg._words is None and seg._bounds is None
        assert got == expected, text


def test_words_from_pieces_are_jiebas_words_of_the_whole_block(texts):
    for text in texts:
        assert nlp.Segmentation(text).words == nlp.words(text), text


def test_a_new_dictionary_word_is_not_answered_from_a_remembered_cut():
    before = nlp.Segmentation("甲乙丙丁戊己").words
    nlp.add_terms(["乙丙丁戊"])
    after = nlp.Segmentation("甲乙丙丁戊己").words
    assert "乙丙丁戊" in after and after != before and after == nlp.words("甲乙丙丁戊己")
