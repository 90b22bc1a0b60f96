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
    monkeypatch.setattr(document, "normalize", lambda text: calls.append(text))  # must never run
    with pytest.raises(InputError) as info:
        parse_file(FIXTURES / fixture, Limits(max_chars=100))
    assert info.value.code == "IO007" and "100" in info.value.cause
    assert calls == []
