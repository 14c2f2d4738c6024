"""Reading a network file: its size, its bytes, its JSON; every failure a DataError."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corridors.errors import DataError

MAX_FILE_BYTES = 256 * 1024 * 1024  # a 100,000-node network is ~60 MB; stops runaway inputs
# Nesting deeper than the JSON parser accepts (about 1,000 levels in CPython) is refused too;
# a network file needs five.


def read_json(file: Path) -> object:
    """The decoded JSON of a network file, or DataError saying what is wrong with the file."""
    label = str(file)
    try:
        size = file.stat().st_size
        if file.is_dir():
            raise DataError(label, ["is a directory, not a network file"])
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            raise DataError(label, [f"file is {size:,} bytes; the limit is {limit} MiB"])
        raw = file.read_bytes()
    except FileNotFoundError:
        raise DataError(label, ["file not found"]) from None
    except PermissionError:
        raise DataError(label, ["permission denied"]) from None
    except OSError as err:
        raise DataError(label, [err.strerror or str(err)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataError(label, [f"not UTF-8 text (byte {err.start})"]) from None
    if not text.strip():
        raise DataError(label, ["file is empty"])
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as err:
        raise DataError(
            label, [f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}"]
        ) from None
    except ValueError as err:  # from the hooks below
        raise DataError(label, [f"not valid JSON: {err}"]) from None
    except RecursionError:
        raise DataError(label, ["not valid JSON: nested too deeply"]) from None


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)  # in C; a key given twice shows as a shorter dict
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return result
