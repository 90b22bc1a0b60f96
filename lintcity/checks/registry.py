"""Rule kinds by name: the built-in ones, and plugins from the `lintcity.rules` entry points."""

from __future__ import annotations

import importlib
from functools import lru_cache

_BUILTIN = {
    "coverage": "lintcity.checks.coverage:CoverageCheck",
    "mechanism": "lintcity.checks.mechanism:MechanismCheck",
    "target": "lintcity.checks.target:TargetCheck",
    "citation": "lintcity.checks.citation:CitationCheck",
    "structure": "lintcity.checks.structure:StructureCheck",
    "hygiene": "lintcity.checks.hygiene:HygieneCheck",
    "spam": "lintcity.checks.hygiene:SpamCheck",
    "document": "lintcity.checks.document:DocumentKindCheck",
}


@lru_cache(maxsize=1)
def _plugins() -> dict:
    from lintcity.plugins import RULES, entry_points_of

    return {ep.name: ep for ep in entry_points_of(RULES)}


def known_kinds() -> set[str]:
    return set(_BUILTIN) | set(_plugins())


def check_class(kind: str):
    if kind in _plugins():
        return _plugins()[kind].load()
    module, name = _BUILTIN[kind].split(":")
    return getattr(importlib.import_module(module), name)


def plugin_classes() -> list:
    return [ep.load() for ep in _plugins().values()]
