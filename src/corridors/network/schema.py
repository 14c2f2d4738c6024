"""The network file's structure: routes.schema.json, checked by jsonschema-rs, every problem with its place.

The schema is the one definition of what a network file holds. Each problem the validator
finds becomes a line in the project's own words, at a readable place (``edges[12].km``):
the wording comes from the failing keyword and the schema around it, or from the schema's
own `errorMessage` where a rule deserves a sentence (a `{value}` or `{key}` in it is filled
in). What a schema cannot check lives in checks.py.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from difflib import get_close_matches
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs

Path = tuple[str | int, ...]  # a place in the document: ("edges", 12, "km")
Problem = tuple[Path, str]


@cache
def schema() -> dict[str, Any]:
    """The shipped JSON Schema of a network file."""
    text = (resources.files("corridors.network") / "routes.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(schema(), validate_formats=True)


def schema_problems(doc: object) -> list[Problem]:
    """Every place where `doc` breaks the schema, with what is wrong there."""
    try:
        errors = list(_validator().iter_errors(doc))
    except ValueError:  # a lone surrogate or a number beyond a float: the validator takes neither
        try:
            errors = list(_validator().iter_errors(_plain(doc)))
        except ValueError as err:  # a Python object with no JSON form (only through the API)
            return [((), f"not JSON data: {err}")]
    found: list[Problem] = []
    for error in errors:
        found.extend(_explain(error, doc))
    return found


def _plain(value: object) -> object:
    """A copy the validator can take; messages still quote the original values (see _explain)."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate becomes "?"
    if isinstance(value, float):
        return float(value)  # the reader's Overflow (a float subclass) as a plain infinity
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def place(path: Path) -> str:
    """("edges", 12, "km") -> "edges[12].km"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _explain(error: jsonschema_rs.ValidationError, doc: object) -> Iterator[Problem]:
    """One problem per place the error names (an error about extra keys names each key)."""
    path: Path = tuple(error.instance_path)
    keyword = str(error.schema_path[-1]) if error.schema_path else ""
    parent = _at(schema(), tuple(error.schema_path)[:-1])
    value = _at(doc, path)
    kind = error.kind.as_dict()
    if keyword == "required":
        path = (*path, kind["property"])
    if keyword == "additionalProperties":
        for key in kind["unexpected"]:
            yield (*path, key), _custom(parent, keyword, value, key) or _unknown_key(parent, key)
        return
    yield path, _custom(parent, keyword, value, "") or _generic(keyword, parent, value, error.message)


def _custom(parent: Any, keyword: str, value: object, key: str) -> str | None:
    """The schema's own sentence for this keyword, if it gives one."""
    custom = parent.get("errorMessage") if isinstance(parent, dict) else None
    if isinstance(custom, dict):
        custom = custom.get(keyword)
    return custom.format(value=_shown(value), key=repr(key)) if isinstance(custom, str) else None


def _generic(keyword: str, parent: Any, value: object, fallback: str) -> str:
    rules: dict[str, Any] = parent if isinstance(parent, dict) else {}
    if keyword == "required":
        return "missing"
    if keyword == "type":
        return _type_message(rules["type"], value)
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return _range_message(keyword, rules, value)
    if keyword == "enum":
        return f"must be one of {', '.join(map(str, rules['enum']))}; got {_shown(value)}"
    if keyword == "pattern":
        return f"must match {rules['pattern']}, got {_shown(value)}"
    if keyword == "minItems":
        return f"must have at least {rules['minItems']} items"
    if keyword == "maxItems":
        return f"must have at most {rules['maxItems']} items"
    if keyword in ("not", "false"):
        return "not allowed here"
    return fallback


NOUNS = {
    "number": "a number",
    "integer": "an integer",
    "string": "a string",
    "array": "a list",
    "object": "an object",
    "boolean": "true or false",
    "null": "null",
}


def _type_message(expected: str | list[str], value: object) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return f"must be a finite number, got {_shown(value)}"  # beyond a float in a file
    names = [expected] if isinstance(expected, str) else expected
    return f"must be {' or '.join(NOUNS.get(n, n) for n in names)}, got {kind_of(value)}"


def _range_message(keyword: str, rules: dict[str, Any], value: object) -> str:
    low, high = rules.get("minimum"), rules.get("maximum")
    if keyword == "exclusiveMinimum":
        bound = rules["exclusiveMinimum"]
        return f"must be {'positive' if bound == 0 else f'above {bound}'}, got {_shown(value)}"
    if low is not None and high is not None:
        return f"must be between {low} and {high}, got {_shown(value)}"
    if keyword == "minimum":
        return f"must be at least {low}, got {_shown(value)}"
    return f"must be at most {high}, got {_shown(value)}"


def _unknown_key(parent: Any, key: str) -> str:
    known = sorted(parent.get("properties", {})) if isinstance(parent, dict) else []
    close = get_close_matches(key, known, n=1)
    hint = f"did you mean {close[0]}?" if close else f"use {', '.join(known)}"
    return f"unknown key {key!r}; {hint} (or an x- key for notes of your own)"


def _at(tree: object, path: tuple[Any, ...]) -> object:
    """The value at `path` in a decoded document or in the schema (None if it is not there)."""
    for part in path:
        if isinstance(tree, dict):
            tree = tree.get(part)
        elif isinstance(tree, list | tuple) and isinstance(part, int) and 0 <= part < len(tree):
            tree = tree[part]
        else:
            return None
    return tree


def kind_of(value: object) -> str:
    """A JSON value's kind, as a sentence says it."""
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        type(None): "null",
        int: "an integer",
        float: "a number",
    }.get(type(value), type(value).__name__)


def _shown(value: object) -> str:
    """A value as a message quotes it: strings quoted, anything long cut short."""
    text = repr(value)
    if isinstance(value, int | float) and len(text) > 24:  # the reader keeps huge literals whole
        return f"a number {len(text):,} characters long ({text[:8]}...)"
    return text if len(text) <= 60 else text[:57] + "..."
