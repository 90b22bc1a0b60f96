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
    """Stands in for a paragraph over 1,000,000 characters: spaCy's limit lowered to 2,000."""
    model = nlp.blank_zh()
    monkeypatch.setattr(model, "max_length", 2_000)
    path = tmp_path / "long_paragraph.md"
    path.write_text(make_corpus.GOOD_PLAN + "\n" + "建设城市运行和治理智能中枢，推进数据共享。" * 300 + "\n", encoding="utf-8")
    report = lint_file(path, pack, RunOptions())
    assert report.error is None, report.error
    assert report.stats["characters"] > 6_000
