"""The message catalog: every key in both languages, with the same placeholders."""

import string

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
