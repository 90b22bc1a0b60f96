"""The one message catalog: every string a user reads comes from here.

Messages live as data in `lintcity/messages/*.toml`, one file per area of the
product (cli, report, review, io, ...), each entry a table with a `zh` and an
`en` text:

    [check.summary]
    zh = "{files} 个文件，{errors} 个错误"
    en = "{files} files, {errors} errors"

Chinese is the default (our users are drafters in Chinese city offices);
English is chosen by `--lang en`, `LINTCITY_LANG=en`, or a `LC_ALL`/`LC_MESSAGES`/
`LANG` that starts with `en`. tomllib is in the standard library, so the catalog
costs no import time worth measuring and needs no compile step (gettext's .mo
files would). Keys are checked by tests: every key has both languages and the
same `{placeholders}` in each.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib import resources

LANGUAGES = ("zh", "en")
_language: str | None = None


def language_from_env(environ: os._Environ[str] | dict[str, str] = os.environ) -> str:
    """zh unless the environment asks for English (LINTCITY_LANG, then the POSIX locale variables)."""
    explicit = environ.get("LINTCITY_LANG", "").strip().lower()
    if explicit in LANGUAGES:
        return explicit
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def set_language(lang: str | None) -> None:
    """Fix the language for this process (None: back to the environment's)."""
    global _language
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(lang)
    _language = lang


def current_language() -> str:
    return _language or language_from_env()


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """All messages, key → {"zh": ..., "en": ...}, merged from every catalog file."""
    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("lintcity") / "messages"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        _flatten(data, "", merged, entry.name)
    return merged


def _flatten(data: dict, prefix: str, out: dict[str, dict[str, str]], source: str) -> None:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and "zh" in value and isinstance(value["zh"], str):
            if name in out:
                raise ValueError(f"messages/{source}: key {name} defined twice")
            out[name] = value
        elif isinstance(value, dict):
            _flatten(value, f"{name}.", out, source)
        else:
            raise ValueError(f"messages/{source}: {name} is not a message table")


def t(key: str, /, lang: str | None = None, **values: object) -> str:
    """The message `key` in the current language, with `{placeholders}` filled in."""
    entry = catalog()[key]
    text = entry.get(lang or current_language()) or entry["zh"]
    return text.format(**values) if values else text
