"""The character limit is checked before the document model is built, for every parser."""

from __future__ import annotations

import pytest

from lintcity.errors import InputError
from lintcity.limits import Limits


@pytest.mark.parametrize("fixture", ["complete.docx", "complete.md", "complete.txt"])
def test_character_limit_before_the_model_is_built(fixture, monkeypatch):
    """Every parser's text is counted in build_document, before normalization: IO007 with the limit named."""
    from lintcity import document
    from lintcity.parsers import parse_file
    from conftest import FIXTURES

    calls = []
    monkeypatch.setattr(document, "normalize_all", lambda texts: calls.append(texts))  # must never run
    with pytest.raises(InputError) as info:
        parse_file(FIXTURES / fixture, Limits(max_chars=100))
    assert info.value.code == "IO007" and "100" in info.value.cause
    assert calls == []


def test_a_paragraph_longer_than_spacys_limit_is_linted(tmp_path):
    """spaCy refuses texts over 1,000,000 characters (E088); one such paragraph, within --max-chars, is linted."""
    from lintcity.packs import load_pack
    from lintcity.runner import lint_file

    sentence = "推进城市数字化转型，建设一网统管平台，完善数据共享机制；"
    path = tmp_path / "long.txt"
    path.write_text(sentence * (1_100_000 // len(sentence)) + "到2027年，政务服务事项全程网办率达到95%以上。\n",
                    encoding="utf-8")
    report = lint_file(path, load_pack())
    assert report.error is None, report.error
    assert report.stats["characters"] > 1_000_000
    assert [t.value for t in report.targets if t.year == 2027] == [95.0]
