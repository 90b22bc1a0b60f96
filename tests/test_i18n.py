"""The message catalog: every key in both languages, with the same placeholders."""

import string
from pathlib import Path

from lintcity.i18n import LANGUAGES, catalog, language_from_env, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_and_the_same_placeholders():
    entries = catalog()
    assert entries, "the catalog is empty"
    for key, entry in entries.items():
        assert set(entry) >= set(LANGUAGES), key
        assert _fields(entry["zh"]) == _fields(entry["en"]), key


def test_language_follows_the_environment():
    assert language_from_env({}) == "zh"
    assert language_from_env({"LANG": "en_US.UTF-8"}) == "en"
    assert language_from_env({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert language_from_env({"LANG": "en_US.UTF-8", "LINTCITY_LANG": "zh"}) == "zh"
    assert language_from_env({"LC_ALL": "C.UTF-8", "LANG": "en_US.UTF-8"}) == "zh"


def test_lookup_in_each_language():
    assert t("status.missing", lang="zh") == "缺失"
    assert t("status.missing", lang="en") == "missing"


def test_compiled_catalog_is_current():
    """`messages/catalog.json` (what a run loads, 40 ms faster than parsing TOML) matches the TOML files.
    After editing a TOML file: `python -m lintcity.i18n`."""
    from lintcity import i18n

    folder = Path(i18n.__file__).parent / "messages"
    assert (folder / i18n.COMPILED).read_text(encoding="utf-8") == i18n.compiled_catalog()


def test_an_edited_toml_file_is_never_shadowed_by_the_compiled_copy(monkeypatch):
    from lintcity import i18n

    sources = i18n._sources()
    edited = [(name, raw + b'\n[zz_test.only]\nzh = "\xe6\xb5\x8b"\nen = "t"\n' if name == sources[0][0] else raw)
              for name, raw in sources]
    monkeypatch.setattr(i18n, "_sources", lambda: edited)
    i18n.catalog.cache_clear()
    try:
        assert i18n.catalog()["zz_test.only"] == {"zh": "测", "en": "t"}
    finally:
        i18n.catalog.cache_clear()
