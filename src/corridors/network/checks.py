"""Field checks: each returns a problem or None, and the checker collects every problem with its place."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from corridors.network.geo import great_circle_km
from corridors.network.model import Node

SUPPORTED_SCHEMA_VERSIONS = (1,)


GREAT_CIRCLE_TOLERANCE_KM = 0.5  # data rounds lengths to whole km


# No line on Earth is longer than the equator: a longer edge is a typing error (metres for
# km), and the bound keeps every route's sums finite and exact enough to compare.
MAX_EDGE_KM = 40_075.0


MIN_SPEED_KMH = 1.0  # slower is a units mistake (m/h?), and would make a leg's hours unbounded


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z: `$` also matches before a final newline


FACTOR_ID = re.compile(r"^[a-z][a-z0-9_]*\Z")


COUNTRY = re.compile(r"^[A-Z]{2}\Z")


PROJECT_KINDS = ("new_line", "second_track", "modernisation", "bypass", "port")


class _Checker:
    """Collects problems; each check returns the value when valid, else None."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, place: str, message: str) -> None:
        self.problems.append(f"{place}: {message}")

    def field(
        self,
        obj: dict[str, Any],
        key: str,
        place: str,
        check: Callable[[Any], str | None],
        *,
        required: bool = True,
    ) -> Any:
        if key not in obj:
            if required:
                self.fail(f"{place}.{key}" if place else key, "missing")
            return None
        value = obj[key]
        problem = check(value)
        if problem:
            self.fail(f"{place}.{key}" if place else key, problem)
            return None
        return value

    def items(
        self, doc: dict[str, Any], key: str, *, required: bool = True
    ) -> list[tuple[str, dict[str, Any]]]:
        """The objects of a top-level list, each with its place."""
        value = doc.get(key)
        if value is None:
            if required:
                self.fail(key, "missing")
            return []
        if not isinstance(value, list):
            self.fail(key, f"must be a list, got {_kind(value)}")
            return []
        out = []
        for index, item in enumerate(value):
            place = f"{key}[{index}]"
            if isinstance(item, dict):
                out.append((place, item))
            else:
                self.fail(place, f"must be an object, got {_kind(item)}")
        return out

    def unique_ids(
        self, entries: list[tuple[str, dict[str, Any]]], pattern: re.Pattern[str]
    ) -> dict[str, str]:
        """Check ids; return id -> place for the valid, unique ones."""
        seen: dict[str, str] = {}
        match = pattern.match
        for place, obj in entries:
            ident = obj.get("id")
            if isinstance(ident, str) and ident not in seen and match(ident):
                seen[ident] = place  # the common case, without building the checks below
                continue
            ident = self.field(obj, "id", place, _matches(pattern))
            if ident is None:
                continue
            if ident in seen:
                self.fail(f"{place}.id", f"duplicate id {ident!r} (first at {seen[ident]})")
            else:
                seen[ident] = place
        return seen


def _own_id(ids: dict[str, str], obj: dict[str, Any], place: str) -> str | None:
    """The object's id if it is valid and this object is its first holder."""
    ident = obj.get("id")
    return ident if isinstance(ident, str) and ids.get(ident) == place else None


def _kind(value: object) -> str:
    if isinstance(value, float):  # the reader's stand-in for a number beyond a float, too
        return "a number"
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        type(None): "null",
        int: "an integer",
        float: "a number",
    }.get(type(value), type(value).__name__)


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return f"must be a string, got {_kind(value)}"
    if not value.strip():
        return "must not be empty"
    return None


def _matches(pattern: re.Pattern[str]) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if not isinstance(value, str) or not pattern.match(value):
            return f"must match {pattern.pattern}, got {value!r}"
        return None

    return check


def _number(
    low: float | None = None, high: float | None = None, *, positive: bool = False
) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"must be a number, got {_kind(value)}"
        if isinstance(value, float) and not math.isfinite(value):  # ints are finite, however long
            return f"must be a finite number, got {_shown(value)}"
        if positive and value <= 0:
            return f"must be positive, got {_shown(value)}"
        if (low is not None and value < low) or (high is not None and value > high):
            return f"must be between {_shown(low)} and {_shown(high)}, got {_shown(value)}"
        return None

    return check


def _shown(value: float | None) -> str:
    """A number as the file wrote it, if short; a long one by its size (the message stays one line)."""
    text = repr(value)
    if len(text) <= 24:
        return text
    return f"a number {len(text):,} characters long ({text[:8]}...)"


def _km(value: object) -> str | None:
    problem = _number(positive=True)(value)
    if problem is None and value > MAX_EDGE_KM:  # type: ignore[operator]
        return f"must be at most {MAX_EDGE_KM:,.0f} km (the equator), got {_shown(value)}"  # type: ignore[arg-type]
    return problem


def _year_or_null(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1800 <= value <= 2200:
        shown = _shown(value) if isinstance(value, int | float) else repr(value)
        return f"must be a year (integer) or null, got {shown}"
    return None


def _one_of(choices: tuple[str, ...]) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if value not in choices:
            return f"must be one of {', '.join(choices)}; got {value!r}"
        return None

    return check


def _string_list(value: object) -> str | None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return f"must be a list of strings, got {_kind(value)}"
    return None


def _bool(value: object) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, got {_kind(value)}"


def _iso_date(value: object) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return None
    return f"must be a date YYYY-MM-DD, got {value!r}"


def _one_of_ints(choices: tuple[int, ...]) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if isinstance(value, bool) or value not in choices:
            return (
                f"unsupported schema_version {value!r}; this corridors reads {', '.join(map(str, choices))}"
            )
        return None

    return check


def _url(value: object) -> str | None:
    if not isinstance(value, str) or not re.match(r"^https?://\S+\Z", value):
        return f"must be an http(s) URL, got {value!r}"
    return None


NOTED_BASES = ("derived", "estimate", "measured")  # a length not read from a source says how it was made
TRACK_END_KM = 1.0  # a track's first and last points lie on the edge's end nodes


def track_ends(check: _Checker, place: str, track: tuple[tuple[float, float], ...], a: Node, b: Node) -> None:
    """A drawn track runs from the edge's `from` node to its `to` node, [lon, lat] in that order."""
    if not track:
        return
    for (lon, lat), node in ((track[0], a), (track[-1], b)):
        if great_circle_km(lat, lon, node.lat, node.lon) > TRACK_END_KM:
            far = f"an end point is more than {TRACK_END_KM:g} km from {node.id}"
            check.fail(f"{place}.geometry", f"must run from {a.id} to {b.id}: {far}")
            return
