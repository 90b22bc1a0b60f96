"""The one message catalog: every string a user reads comes from here.

Messages live as data in `lintcity/messages/*.toml`, one file per area of the
product (cli, report, review, io, ...), each entry a table with a `zh` and an
`en` text:

    [check.summary]
    zh = "{files} 个文件，{errors} 个错误"
    en = "{files} files, {errors} errors"

Chinese is the default (our users are drafters in Chinese city offices);
English is chosen by `--lang en`, `LINTCITY_LANG=en`, or a `LC_ALL`/`LC_MESSAGES`/
`LANG` that starts with `en`. Keys are checked by tests: every key has both
languages and the same `{placeholders}` in each.

Why a compiled copy: parsing the TOML files (pure-Python tomllib) took about
40 ms, half of `lintcity --version` (click's decorators ask for help texts at
import). `messages/catalog.json` holds the merged catalog with the digest of the
TOML files it was made from; it is used only when that digest matches the files
on disk, so an edited TOML file is never shadowed (it is parsed instead), and a
test fails until `python -m lintcity.i18n` rewrites the copy.
"""

from __future__ import annotations

import json
import os
import sys
from functools import lru_cache

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


COMPILED = "catalog.json"
# The catalog files beside this module. Read with plain file calls: `importlib.resources` imports
# tempfile, shutil, bz2, lzma, random and zipfile, about 10 ms of every `lintcity --version`, and
# lintcity is always installed as files (a wheel unpacked, or a checkout).
MESSAGES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "messages")


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """All messages, key → {"zh": ..., "en": ...}, merged from every catalog file."""
    sources = _sources()
    try:
        with open(os.path.join(MESSAGES, COMPILED), "rb") as f:
            compiled = json.loads(f.read())
        if compiled.get("digest") == _digest(sources):
            return compiled["messages"]
    except (OSError, ValueError, AttributeError):
        pass  # missing or damaged: the TOML files are the truth
    return _parse(sources)


def _sources() -> list[tuple[str, bytes]]:
    out = []
    for name in sorted(os.listdir(MESSAGES)):
        if name.endswith(".toml"):
            with open(os.path.join(MESSAGES, name), "rb") as f:
                out.append((name, f.read()))
    return out


def _digest(sources: list[tuple[str, bytes]]) -> str:
    """A checksum of the TOML files, to tell an edited file from the compiled copy.

    CRC-32 from zlib, not hashlib: nothing here is a secret or an attack
    surface, and importing hashlib (OpenSSL) was 7 ms of every `--version`.
    """
    import zlib

    crc = 0
    for name, raw in sources:
        crc = zlib.crc32(name.encode() + b"\0" + raw + b"\0", crc)
    return f"crc32:{crc:08x}:{sum(len(raw) for _, raw in sources)}"


def _parse(sources: list[tuple[str, bytes]]) -> dict[str, dict[str, str]]:
    import tomllib

    merged: dict[str, dict[str, str]] = {}
    for name, raw in sources:
        _flatten(tomllib.loads(raw.decode("utf-8")), "", merged, name)
    return merged


def compiled_catalog() -> str:
    """The text of `messages/catalog.json` for the TOML files as they are now."""
    sources = _sources()
    return json.dumps({"digest": _digest(sources), "messages": _parse(sources)}, ensure_ascii=False,
                      sort_keys=True, indent=0) + "\n"


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


if __name__ == "__main__":  # python -m lintcity.i18n: rewrite messages/catalog.json after editing a TOML file
    target = os.path.join(MESSAGES, COMPILED)
    with open(target, "w", encoding="utf-8", newline="\n") as out:
        out.write(compiled_catalog())
    sys.stdout.write(f"{target}\n")
