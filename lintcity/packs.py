"""Rule packs: YAML data that turns a guideline into requirements.

A pack is a folder with `pack.yaml` (metadata, matching settings, parts) and
one or more requirement files it lists. Packs are validated against a JSON
schema when loaded; a mistake is reported with the file, the entry and the
field. A pack may `extend` another: its requirements are merged by id (same id
overrides fields, `remove: true` drops one) and its settings are merged key by
key. The format is documented in rules/README.md.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lintcity.errors import PackError

DEFAULT_PACK = "guideline-2024"


def builtin_rules_dir() -> Path:
    """Where the bundled packs are: lintcity/_rules when installed (pyproject maps the
    top-level rules/ folder there), ./rules beside the package in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "_rules"
    if (installed / DEFAULT_PACK / "pack.yaml").is_file():
        return installed
    return here.parent / "rules"


@dataclass(frozen=True)
class TermGroup:
    name: str
    terms: tuple[str, ...]
    weight: float = 1.0
    # "digital": the terms name a domain, not its digital side (供水管网, 城乡统筹);
    # they count only in a sentence or section that speaks in digital terms.
    context: str = ""


@dataclass(frozen=True)
class Requirement:
    id: str
    kind: str
    name: str
    title: str
    severity: str
    part: str | None = None
    item: str | None = None
    explain: str = ""
    why: str = ""
    suggestion: str = ""
    groups: tuple[TermGroup, ...] = ()
    exclude: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    patterns: tuple[dict, ...] = ()
    examples_match: tuple[str, ...] = ()
    examples_no_match: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    source: str = ""

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(t for g in self.groups for t in g.terms)


@dataclass(frozen=True, eq=False)  # identity hash: analyses cache per loaded pack
class Pack:
    id: str
    title: str
    path: Path
    meta: dict[str, Any]
    settings: dict[str, Any]
    parts: dict[str, dict[str, Any]]
    requirements: tuple[Requirement, ...]
    # The merged YAML entries with their source files: a child pack merges into these.
    entries: tuple[tuple[dict, str], ...] = ()

    def requirement(self, rule_id: str) -> Requirement | None:
        return next((r for r in self.requirements if r.id == rule_id), None)

    def all_terms(self) -> set[str]:
        terms: set[str] = set()
        for req in self.requirements:
            terms.update(req.terms)
            terms.update(req.exclude)
            terms.update(req.anchors)
        return terms


_TERMS = {"type": "array", "items": {"type": "string", "minLength": 1}}
PACK_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_.-]*$"},
        "title": {"type": "string"},
        "extends": {"type": "string"},
        "document_number": {"type": "string"},
        "issued": {"type": "string"},
        "issuers": _TERMS,
        "description": {"type": "string"},
        "parents": {"type": "array", "items": {"type": "object", "required": ["title"],
                                                "additionalProperties": False,
                                                "properties": {"title": {"type": "string"},
                                                               "number": {"type": ["string", "null"]},
                                                               "issued": {"type": "string"},
                                                               "short": _TERMS}}},
        "superseded": {"type": "array", "items": {"type": "object", "required": ["title"],
                                                   "additionalProperties": False,
                                                   "properties": {"title": {"type": "string"},
                                                                  "number": {"type": ["string", "null"]}}}},
        "parts": {"type": "object", "additionalProperties": {
            "type": "object", "required": ["title"], "additionalProperties": False,
            "properties": {"title": {"type": "string"}, "headings": _TERMS}}},
        "settings": {"type": "object"},
        "requirement_files": _TERMS,
    },
}
REQUIREMENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[A-Z]{2,4}[0-9]{3}$"},
        "kind": {"type": "string"},
        "name": {"type": "string", "pattern": "^[a-z0-9-]+$"},
        "title": {"type": "string"},
        "severity": {"enum": ["error", "warning", "info"]},
        "part": {"type": "string"},
        "item": {"type": "string"},
        "explain": {"type": "string"},
        "why": {"type": "string"},
        "suggestion": {"type": "string"},
        "remove": {"type": "boolean"},
        "evidence": {"type": "array", "items": {
            "type": "object", "required": ["group", "terms"], "additionalProperties": False,
            "properties": {"group": {"type": "string"}, "terms": _TERMS,
                           "weight": {"type": "number", "minimum": 0, "maximum": 1},
                           "context": {"enum": ["digital"]}}}},
        "exclude": _TERMS,
        "anchors": _TERMS,
        "patterns": {"type": "array", "items": {"type": "array", "items": {"type": "object"}}},
        "examples": {"type": "object", "additionalProperties": False,
                     "properties": {"match": _TERMS, "no_match": _TERMS}},
        "options": {"type": "object"},
    },
}


def load_pack(name_or_path: str | Path = DEFAULT_PACK, search: tuple[Path, ...] = ()) -> Pack:
    """Load a pack by id (looked up in `search` then the bundled packs) or by folder.

    Served from the content cache when no YAML file changed (see pack_cache.py).
    """
    from lintcity.pack_cache import load_cached

    return load_cached(str(name_or_path), tuple(str(p) for p in search))


@lru_cache(maxsize=16)
def _load(name: str, search: tuple[str, ...], chain: tuple[str, ...]) -> Pack:
    folder = find_pack(name, tuple(Path(s) for s in search))
    pack_file = folder / "pack.yaml"
    data = _read_yaml(pack_file)
    if not isinstance(data, dict):
        raise PackError(str(pack_file), "a pack file must be a mapping with id and title")
    _validate(data, PACK_SCHEMA, pack_file, "pack")
    if data["id"] in chain:
        raise PackError(str(pack_file), f"pack '{data['id']}' extends itself through {' → '.join(chain)}")
    entries = _read_requirement_entries(folder, data)
    settings = data.get("settings", {})
    parts = data.get("parts", {})
    meta = {k: v for k, v in data.items() if k not in ("settings", "parts", "requirement_files")}
    if "extends" in data:
        parent = _load(data["extends"], search + (str(folder.parent),), chain + (data["id"],))
        entries = _merge_requirements(parent, entries, pack_file)
        settings = _deep_merge(parent.settings, settings)
        parts = {**parent.parts, **parts}
        meta = {**parent.meta, **meta}
    else:
        entries = [e for e in entries if not e[0].get("remove")]
    from lintcity.pack_checks import check_requirement, check_settings

    check_settings(settings, str(pack_file))  # merged: a child's override is checked as used
    for entry, source in entries:
        check_requirement(entry, source)
    requirements = tuple(requirement_from_entry(entry, source) for entry, source in entries)
    _check_unique(requirements, pack_file)
    return Pack(data["id"], data["title"], folder, meta, settings, parts, requirements, tuple(entries))


def find_pack(name: str, search: tuple[Path, ...]) -> Path:
    path = Path(name)
    if (path / "pack.yaml").is_file():
        return path
    for root in search + (builtin_rules_dir(),):
        if (root / "pack.yaml").is_file() and _pack_id(root) == name:
            return root
        if (root / name / "pack.yaml").is_file():
            return root / name
    raise PackError(name, "rule pack not found (give a folder with pack.yaml, or a pack id under --rules)")


def _pack_id(folder: Path) -> str | None:
    try:
        data = _read_yaml(folder / "pack.yaml")
    except PackError:
        return None
    return data.get("id") if isinstance(data, dict) else None


def _read_yaml(path: Path) -> Any:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PackError(str(path), f"cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise PackError(str(path), "not UTF-8 text") from None
    from lintcity.pack_checks import load_yaml

    try:
        return load_yaml(text, str(path))  # yaml.safe_load with alias expansion bounded
    except RecursionError:
        raise PackError(str(path), "YAML nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(str(path), f"{where}invalid YAML ({problem})") from None


def _read_requirement_entries(folder: Path, data: dict) -> list[tuple[dict, str]]:
    files = data.get("requirement_files") or sorted(p.name for p in folder.glob("*.yaml") if p.name != "pack.yaml")
    entries: list[tuple[dict, str]] = []
    for name in files:
        path = folder / name
        if not path.is_file():
            raise PackError(str(folder / "pack.yaml"), f"field requirement_files: no file '{name}'")
        content = _read_yaml(path)
        items = content.get("requirements") if isinstance(content, dict) else content
        if not isinstance(items, list):
            raise PackError(str(path), "expected a list of requirements (or a mapping with 'requirements:')")
        for n, entry in enumerate(items, start=1):
            label = entry.get("id", f"entry {n}") if isinstance(entry, dict) else f"entry {n}"
            _validate(entry, REQUIREMENT_SCHEMA, path, label)
            entries.append((entry, str(path)))
    return entries


def _validate(data: Any, schema: dict, path: Path, entry: str) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = ".".join(str(p) for p in err.absolute_path) or "(top level)"
        raise PackError(str(path), f"{entry}: field {where}: {err.message}")


def _merge_requirements(parent: Pack, entries: list[tuple[dict, str]], pack_file: Path) -> list[tuple[dict, str]]:
    merged: dict[str, tuple[dict, str]] = {entry["id"]: (entry, source) for entry, source in parent.entries}
    for entry, source in entries:
        rid = entry["id"]
        if entry.get("remove"):
            if rid not in merged:
                raise PackError(source, f"{rid}: field remove: no requirement {rid} in the parent pack")
            del merged[rid]
        elif rid in merged:
            base = copy.deepcopy(merged[rid][0])
            base.update(entry)
            merged[rid] = (base, source)
        else:
            merged[rid] = (entry, source)
    return list(merged.values())


def requirement_from_entry(entry: dict, source: str) -> Requirement:
    """A validated YAML entry as a Requirement (also used for plugins' default requirements)."""
    from lintcity.checks.registry import known_kinds

    kind = entry.get("kind", "coverage")
    if kind not in known_kinds():
        raise PackError(source, f"{entry['id']}: field kind: unknown rule kind '{kind}' "
                        f"(known: {', '.join(sorted(known_kinds()))})")
    examples = entry.get("examples", {})
    return Requirement(
        id=entry["id"], kind=kind, name=entry.get("name", entry["id"].lower()),
        title=entry.get("title", entry["id"]), severity=entry.get("severity", "warning"),
        part=entry.get("part"), item=entry.get("item"), explain=entry.get("explain", "").strip(),
        why=entry.get("why", "").strip(), suggestion=entry.get("suggestion", "").strip(),
        groups=tuple(TermGroup(g["group"], tuple(g["terms"]), float(g.get("weight", 1.0)), g.get("context", ""))
                     for g in entry.get("evidence", [])),
        exclude=tuple(entry.get("exclude", [])), anchors=tuple(entry.get("anchors", [])),
        patterns=tuple(tuple(p) for p in entry.get("patterns", [])),
        examples_match=tuple(examples.get("match", [])), examples_no_match=tuple(examples.get("no_match", [])),
        options=dict(entry.get("options", {})), source=source)


def _check_unique(requirements: tuple[Requirement, ...], pack_file: Path) -> None:
    seen: set[str] = set()
    for req in requirements:
        if req.id in seen:
            raise PackError(req.source, f"{req.id}: field id: duplicated requirement id")
        seen.add(req.id)


def _deep_merge(base: dict, override: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out
