"""What the pack's JSON schema cannot say, checked once at load.

A pack mistake found while linting is an internal error on every file; found
here, it is one line naming the file, the entry and the field, and exit 2
(`lintcity rules --check` too). Checked: YAML alias expansion (a 700-byte
"billion laughs" pack expanded to 6.4 GB), the types and ranges of `settings`
and of each built-in kind's `options`, every regular expression (compiled, and
safe to run: see pack_regex.py), and every spaCy Matcher pattern (attributes,
operators, and no repeated wildcard: `[{OP: '+'}]` matches every span of a
line, 1.6 GB on a 3,300-character line).
"""

from __future__ import annotations

from typing import Any

from lintcity.errors import PackError

# Nodes that aliases may add to a YAML document. The bundled pack uses none; a
# pack sharing term lists by alias stays far below this, while billion laughs
# needs a billion.
MAX_ALIAS_NODES = 10_000

_TERMS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_SCORE = {"type": "number", "minimum": 0, "maximum": 100}
_YEAR = {"type": "integer", "minimum": 2000, "maximum": 2100}

SETTINGS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        # Every matching setting is a list of words (or, for other_senses, of regular expressions).
        "matching": {"type": "object", "additionalProperties": _TERMS},
        "document_kind": {"type": "object", "additionalProperties": _TERMS},
        "scoring": {"type": "object", "additionalProperties": False, "properties": {
            "covered_score": _SCORE, "thin_score": _SCORE, "heading_weight": _SCORE}},
        "operations": {"type": "object", "additionalProperties": False, "properties": {"anchors": _TERMS}},
    },
}

# `options` of each built-in kind (a plugin kind checks its own).
OPTIONS_SCHEMAS: dict[str, dict[str, Any]] = {
    "coverage": {"covered_score": _SCORE, "thin_score": _SCORE, "principle_groups": _TERMS},
    "mechanism": {"covered_score": _SCORE, "thin_score": _SCORE},
    "hygiene": {"check": {"enum": ["patterns", "duplicate"]}, "patterns": _TERMS,
                "min_chars": {"type": "integer", "minimum": 1}},
    "spam": {"lures": _TERMS, "brands": _TERMS, "brand_suffixes": _TERMS, "topic_words": _TERMS,
             "crime_context": _TERMS},
    "citation": {"check": {"enum": ["cited", "format", "outdated"]}},
    "structure": {"headings": _TERMS},
    "target": {"check": {"enum": ["year", "decreasing", "percent", "horizon"]}, "year": _YEAR,
               "years": {"type": "array", "items": _YEAR, "minItems": 2, "maxItems": 2},
               "min_year": _YEAR, "max_year": _YEAR},
}


# Options a check cannot run without (found by bench/fuzz.py --mode packs: `check: year` without `year`
# was a KeyError on every file).
OPTIONS_REQUIRED: dict[str, list[dict[str, Any]]] = {
    "target": [{"if": {"anyOf": [{"not": {"required": ["check"]}},
                                 {"properties": {"check": {"const": "year"}}, "required": ["check"]}]},
                "then": {"required": ["year"]}}],
}


def load_yaml(text: str, path: str) -> Any:
    """yaml.safe_load, refusing documents whose aliases expand past MAX_ALIAS_NODES nodes.

    PyYAML shares one object per alias, so loading is cheap; the cost comes
    later, when validation, merging or deepcopy walk the expanded tree. The
    node graph is measured before anything is built from it.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node, path)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _check_expansion(root: Any, path: str) -> None:
    sizes: dict[int, int] = {}
    distinct = 0
    stack: list[tuple[Any, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:  # iterative post-order: a deep document must not exhaust Python's stack
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
            if sizes[key] - distinct > MAX_ALIAS_NODES:
                raise PackError(path, f"YAML aliases expand to over {MAX_ALIAS_NODES:,} extra nodes "
                                "(a \"billion laughs\" file?) — write the lists out instead")
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise PackError(path, "a YAML alias refers to the node that contains it (a recursive structure)")
        distinct += 1
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in sizes)


def _children(node: Any) -> list[Any]:
    value = node.value
    if isinstance(value, list):
        return [x for pair in value for x in pair] if value and isinstance(value[0], tuple) else value
    return []


# Settings that hold regular expressions, checked like pack patterns.
REGEX_SETTINGS = (("matching", "other_senses"),)


def check_settings(settings: Any, path: str) -> None:
    _validate(settings, SETTINGS_SCHEMA, path, "settings")
    from lintcity.pack_regex import problem

    for section, key in REGEX_SETTINGS:
        for n, pattern in enumerate(settings.get(section, {}).get(key, ())):
            cause = problem(pattern)
            if cause:
                raise PackError(path, f"settings: field {section}.{key}.{n}: {cause}")


def check_requirement(entry: dict, source: str) -> None:
    """Options, regular expressions and Matcher patterns of one merged requirement entry."""
    rid = entry["id"]
    kind = entry.get("kind", "coverage")
    options = entry.get("options", {})
    schema = OPTIONS_SCHEMAS.get(kind)
    if schema is not None:
        _validate(options, {"type": "object", "additionalProperties": False, "properties": schema,
                            "allOf": OPTIONS_REQUIRED.get(kind, [])}, source, rid, "options")
    if kind in ("hygiene", "spam"):
        from lintcity.pack_regex import problem

        field = "patterns" if kind == "hygiene" else "lures"
        for n, pattern in enumerate(options.get(field, ())):
            cause = problem(pattern)
            if cause:
                raise PackError(source, f"{rid}: field options.{field}.{n}: {cause}")
    for n, pattern in enumerate(entry.get("patterns", ())):
        cause = matcher_pattern_problem(pattern)
        if cause:
            raise PackError(source, f"{rid}: field patterns.{n}: {cause}")


def _validate(data: Any, schema: dict, path: str, entry: str, prefix: str = "") -> None:
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = ".".join([prefix, *(str(p) for p in err.absolute_path)] if prefix else
                         [str(p) for p in err.absolute_path]) or prefix or "(top level)"
        raise PackError(path, f"{entry}: field {where}: {err.message}")


# spaCy token attributes by value type (spacy.schemas.TokenPattern; importing
# spaCy to validate would cost four seconds on every pack load).
_STRING_ATTRS = {"ORTH", "TEXT", "LOWER", "NORM", "SHAPE", "LEMMA", "POS", "TAG", "DEP", "MORPH", "ENT_TYPE",
                 "ENT_ID", "ENT_KB_ID", "PREFIX", "SUFFIX"}
_NUMBER_ATTRS = {"LENGTH"}
_BOOL_ATTRS = {"SPACY", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT",
               "IS_SPACE", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY", "IS_STOP",
               "IS_SENT_START", "SENT_START", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL"}
_STRING_OPS = {"IN", "NOT_IN", "REGEX", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS"}
_NUMBER_OPS = {"IN", "NOT_IN", "==", "!=", ">=", "<=", ">", "<"}
_SIMPLE_OPS = {"!", "?", "+", "*"}
MAX_PATTERN_TOKENS = 20


def matcher_pattern_problem(pattern: Any) -> str | None:
    """Why a spaCy Matcher token pattern is unusable (or unbounded), or None."""
    import re

    if not isinstance(pattern, list) or not pattern:
        return "a pattern must be a non-empty list of token descriptions"
    if len(pattern) > MAX_PATTERN_TOKENS:
        return f"a pattern may have at most {MAX_PATTERN_TOKENS} tokens"
    if all(isinstance(t, dict) and t.get("OP") in ("?", "*", "!") for t in pattern):
        return "every token is optional or negated: the pattern matches nothing or everywhere"
    for k, token in enumerate(pattern):
        if not isinstance(token, dict):
            return f"token {k} must be a mapping such as {{TEXT: 数据}}"
        op = token.get("OP")
        if op is not None and (not isinstance(op, str) or not (op in _SIMPLE_OPS or
                                                               re.fullmatch(r"\{\d+\}|\{\d+,\d*\}|\{\d*,\d+\}", op))):
            return f"token {k}: OP must be one of ! ? + * or {{n,m}}, not {op!r}"
        attrs = {a: v for a, v in token.items() if a != "OP"}
        if not attrs and op not in (None, "?", "!"):
            return (f"token {k}: a repeated token with no attribute matches every run of words "
                    "(quadratic matches); give it an attribute such as TEXT or IS_DIGIT")
        for attr, value in attrs.items():
            cause = _attribute_problem(attr, value)
            if cause:
                return f"token {k}: {cause}"
    return None


def _attribute_problem(attr: str, value: Any) -> str | None:
    name = attr.upper() if isinstance(attr, str) else attr
    if name in _BOOL_ATTRS:
        return None if isinstance(value, bool) else f"{attr} must be true or false"
    if name in _STRING_ATTRS:
        return _value_problem(attr, value, str, _STRING_OPS)
    if name in _NUMBER_ATTRS:
        return _value_problem(attr, value, int, _NUMBER_OPS)
    return f"unknown token attribute {attr!r}"


def _value_problem(attr: str, value: Any, kind: type, ops: set[str]) -> str | None:
    if isinstance(value, kind) and not isinstance(value, bool):
        return None
    if not isinstance(value, dict) or not value:
        return f"{attr} must be a {'string' if kind is str else 'number'} or a mapping such as {{IN: [...]}}"
    for op, arg in value.items():
        if op not in ops:
            return f"{attr}: unknown operator {op!r} (known: {', '.join(sorted(ops))})"
        if op == "REGEX":
            from lintcity.pack_regex import problem

            cause = problem(arg) if isinstance(arg, str) else "REGEX must be a string"
            if cause:
                return f"{attr}.REGEX: {cause}"
        elif op in ("IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS"):
            if not isinstance(arg, list) or not all(isinstance(x, kind) and not isinstance(x, bool) for x in arg):
                return f"{attr}.{op} must be a list of {'strings' if kind is str else 'numbers'}"
        elif not isinstance(arg, (int, float)) or isinstance(arg, bool):
            return f"{attr}.{op} must be a number"
    return None
