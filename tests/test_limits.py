"""Limits hold for every input: spaCy's own length limit is no internal error, and the
character limit is checked before the document model is built."""

from __future__ import annotations

import pytest

from lintcity import nlp
from lintcity.errors import InputError
from lintcity.limits import Limits
from lintcity.runner import RunOptions, lint_file
from test_hostile import make_corpus


def test_paragraph_over_spacys_length_limit_is_linted(tmp_path, pack, monkeypatch):
    """Stands in for a paragraph over 1,000,000 characters: spaCy's limit lowered to 2,000.

    The paragraph names 政府、企业, so the pack's token pattern builds a spaCy Doc for it.
    """
    model = nlp.blank_zh()
    monkeypatch.setattr(model, "max_length", 2_000)
    path = tmp_path / "long_paragraph.md"
    path.write_text(make_corpus.GOOD_PLAN + "\n" + "建设城市运行和治理智能中枢，推进政府、企业数据共享。" * 300 + "\n", encoding="utf-8")
    report = lint_file(path, pack, RunOptions())
    assert report.error is None, report.error
    assert report.stats["characters"] > 6_000


@pytest.mark.parametrize("fixture", ["complete.docx", "complete.md", "complete.txt"])
def test_character_limit_before_the_model_is_built(fixture, monkeypatch):
    """Every parser's text is counted in build_document, before normalization: IO007 with the limit named."""
    from lintcity import document
    from lintcity.parsers import parse_file
    from conftest import FIXTURES

    calls = []
    monkeypatch.setattr(document, "normalize", lambda text: calls.append(text))  # must never run
    with pytest.raises(InputError) as info:
        parse_file(FIXTURES / fixture, Limits(max_chars=100))
    assert info.value.code == "IO007" and "100" in info.value.cause
    assert calls == []
