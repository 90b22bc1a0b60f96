"""Configuration: `lintcity.toml`, or `[tool.lintcity]` in `pyproject.toml`.

The nearest file above the current folder wins; `--config FILE` names one and
`--isolated` ignores them all. Command-line options override the file.

Every key is declared once in `KEYS` with its type, choices or range; the same
declaration builds the click type of the matching option, so a value is
checked alike whether it comes from a flag or from the file. A mistake in the
file is one line naming the file and the key (never the option), exit 2; an
unknown key is an error too, so a typo does not silently do nothing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, NamedTuple

from lintcity.errors import ConfigError
from lintcity.i18n import t

if TYPE_CHECKING:
    from pathlib import Path  # annotations only: pathlib is imported by whoever passes a Path

SEVERITIES = ("error", "warning", "info")
FORMATS = ("text", "concise", "json", "sarif", "junit", "github", "gitlab", "markdown")
# Files a repository of plans holds that are not plans; skipped when a folder is walked
# (a file named on the command line is always linted).
DEFAULT_SKIP_NAMES = ("README*", "CHANGELOG*", "CHANGES*", "HISTORY*", "LICENSE*", "LICENCE*", "NOTICE*",
                      "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*", "AUTHORS*", "CITATION*")


class Key(NamedTuple):
    """What a config value may be: kind is str, bool, int, number, choice, list or table.

    A NamedTuple, not a dataclass: the command line builds its options from these at import,
    and `dataclasses` was 1.5 ms of every `lintcity --version`.
    """

    kind: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    item: Key | None = None  # the values of a table


_STRINGS = Key("list")
KEYS: dict[str, Key] = {
    "pack": Key("str"), "rules": _STRINGS, "select": _STRINGS, "extend-select": _STRINGS, "ignore": _STRINGS,
    "exclude": _STRINGS, "skip-names": _STRINGS, "respect-gitignore": Key("bool"),
    "fail-level": Key("choice", SEVERITIES), "format": Key("choice", FORMATS), "output-file": Key("str"),
    "exit-zero": Key("bool"), "allow-empty": Key("bool"), "show-evidence": Key("bool"),
    "max-chars": Key("int", minimum=1), "max-file-mb": Key("int", minimum=1),
    "max-archive-mb": Key("int", minimum=1), "max-pages": Key("int", minimum=1),
    "timeout": Key("number", minimum=0), "ocr": Key("choice", ("auto", "always", "never")),
    "per-file-ignores": Key("table", item=_STRINGS),
    "severity": Key("table", item=Key("choice", SEVERITIES)),
}


class BadValue(ValueError):
    """A value that does not fit its Key; the message says what was expected."""


def check_value(spec: Key, value: Any) -> Any:
    """`value` if it fits `spec`, else BadValue with a sentence from the catalog."""
    got = _shown(value)
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise BadValue(t("config.expected_bool", got=got))
    elif spec.kind in ("int", "number"):
        whole = spec.kind == "int"
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)) or (
                isinstance(value, float) and math.isnan(value)):
            raise BadValue(t("config.expected_int" if whole else "config.expected_number", got=got))
        if spec.minimum is not None and value < spec.minimum:
            raise BadValue(t("config.expected_min", minimum=f"{spec.minimum:g}", got=got))
    elif spec.kind == "str":
        if not isinstance(value, str):
            raise BadValue(t("config.expected_str", got=got))
    elif spec.kind == "choice":
        if not isinstance(value, str) or value.lower() not in spec.choices:
            raise BadValue(t("config.expected_choice", choices=", ".join(spec.choices), got=got))
        return value.lower()
    elif spec.kind == "list":
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise BadValue(t("config.expected_list", got=got))
    elif spec.kind == "table":
        if not isinstance(value, dict):
            raise BadValue(t("config.expected_table", got=got))
        assert spec.item is not None
        return {name: check_value(spec.item, item) for name, item in value.items()}
    return value


def _shown(value: Any) -> str:
    """A value as TOML spells it, cut short (a deeply nested array must not flood the line)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return t("config.kind_array") if isinstance(value, list) else t("config.kind_table")
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        own = folder / "lintcity.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file():
            tool = _read(project).get("tool", {})
            if isinstance(tool, dict) and "lintcity" in tool:
                return project
    return None


def load_config(path: Path | None) -> dict[str, Any]:
    """The checked settings of `path` ({} for None); relative `rules` folders resolved against it."""
    if path is None:
        return {}
    data = _read(path)
    where = "lintcity"
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("lintcity", {})
        where = "tool.lintcity"
        if not isinstance(data, dict):
            raise ConfigError(str(path), t("config.bad_key", key=where, problem=t("config.expected_table",
                                                                                   got=_shown(data))))
    checked: dict[str, Any] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise ConfigError(str(path), t("config.unknown_key", key=key, known=", ".join(sorted(KEYS))))
        try:
            checked[key] = check_value(KEYS[key], value)
        except BadValue as exc:
            raise ConfigError(str(path), t("config.bad_key", key=key, problem=str(exc))) from None
    if "rules" in checked:
        checked["rules"] = [str((path.parent / r).resolve()) for r in checked["rules"]]
    checked["__path__"] = str(path)
    return checked


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # here, not at the top: `--version` and `--help` never read a config

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), t("config.unreadable", cause=str(exc))) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), t("config.invalid_toml", cause=str(exc))) from None
    except RecursionError:  # arrays nested thousands deep: tomllib recurses once per level
        raise ConfigError(str(path), t("config.too_deep")) from None


STARTER = "config.starter"  # catalog key of the commented file `lintcity init` writes
