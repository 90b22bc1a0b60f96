"""Configuration: `lintcity.toml`, or `[tool.lintcity]` in `pyproject.toml`.

The nearest file above the current folder wins; `--config FILE` names one and
`--isolated` ignores them all. Command-line options override the file.
Unknown keys are errors, so a typo does not silently do nothing.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from lintcity.errors import ConfigError

KEYS = {"pack": str, "rules": list, "select": list, "ignore": list, "exclude": list, "fail-level": str,
        "format": str, "max-chars": int, "max-file-mb": int, "max-archive-mb": int, "max-pages": int,
        "timeout": (int, float)}


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        own = folder / "lintcity.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and "tool" in _read(project) and "lintcity" in _read(project)["tool"]:
            return project
    return None


def load_config(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("lintcity", {})
    for key, value in data.items():
        if key not in KEYS:
            raise ConfigError(str(path), f"unknown key '{key}' (known: {', '.join(sorted(KEYS))})")
        if not isinstance(value, KEYS[key]):
            raise ConfigError(str(path), f"key '{key}' has the wrong type ({type(value).__name__})")
    if "rules" in data:
        data["rules"] = [str((path.parent / r).resolve()) for r in data["rules"]]
    return data


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"invalid TOML ({exc})") from None
