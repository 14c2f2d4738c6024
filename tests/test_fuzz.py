"""Fuzzing the CLI with generated network files and argument lists.

Every run must end with a documented exit code, no traceback, nothing on stdout when it
fails, and a JSON document that satisfies the output schema when it succeeds with --json.

The CI run is bounded; for a long run set CORRIDORS_FUZZ_EXAMPLES (e.g. 20000).
"""

from __future__ import annotations

import json
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import diamond
from corridors.cli import app
from corridors.errors import ExitCode

EXAMPLES = int(os.environ.get("CORRIDORS_FUZZ_EXAMPLES", "150"))
DOCUMENTED = {int(code) for code in ExitCode}
OUTPUT_SCHEMA = jsonschema.Draft202012Validator(
    json.loads((resources.files("corridors.render") / "output.schema.json").read_text(encoding="utf-8"))
)

hostile_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "[bold]x[/bold]",
            "[link=https://e.org]y[/link]",
            "\x1b[31mred",
            "\u202eevil",
            "e\u0301\u0301\u0301",
            "",
            " ",
            "a" * 5000,
            "\x00",
            "Aktau",
            "a",
            "d",
        ]
    ),
)
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False, allow_infinity=False),
        hostile_text,
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def network_files(draw: st.DrawFn) -> Any:
    """The diamond network with a few random blows: values replaced, keys dropped, items removed."""
    doc: Any = diamond()
    for _ in range(draw(st.integers(0, 4))):
        section = draw(st.sampled_from(["nodes", "edges", "sources", "corridors", "risk_factors", None]))
        if section is None:
            key = draw(st.sampled_from(["schema_version", "as_of", "nodes", "edges", "sources"]))
            if draw(st.booleans()):
                doc.pop(key, None)
            else:
                doc[key] = draw(json_values)
            continue
        items = doc.get(section)
        if not isinstance(items, list) or not items:
            continue
        index = draw(st.integers(0, len(items) - 1))
        item = items[index]
        action = draw(st.sampled_from(["replace", "drop", "remove", "duplicate"]))
        if action == "remove":
            del items[index]
        elif action == "duplicate":
            items.append(json.loads(json.dumps(item)))
        elif isinstance(item, dict) and item:
            key = draw(st.sampled_from(sorted(item)))
            if action == "drop":
                del item[key]
            else:
                item[key] = draw(json_values)
    return doc


place = st.one_of(st.sampled_from(["a", "b", "c", "d", "A", "zz", "Aktau"]), hostile_text)
options = st.lists(
    st.one_of(
        st.tuples(st.just("--by"), st.sampled_from(["km", "risk", "hours", "cost", "co2", "speed", ""])),
        st.tuples(st.just("--avoid"), st.sampled_from(["KZ", "ferry", "b", "west", "zz", ""])),
        st.tuples(st.just("--via"), st.sampled_from(["b", "c", "zz"])),
        st.tuples(st.just("--alternatives"), st.sampled_from(["0", "2", "-1", "99"])),
        st.tuples(st.just("--criteria"), st.sampled_from(["km,hours", "risk", "bogus", ""])),
        st.tuples(
            st.just("--risk-weight"), st.sampled_from(["0", "1", "2.5", "-1", "nan", "inf", "1e400", "x"])
        ),
        st.tuples(st.just("--as-of"), st.sampled_from(["2026", "2028", "2100", "1999", "99999", "x"])),
        st.tuples(
            st.just("--factor-weight"),
            st.sampled_from(
                ["sanctions=0", "weather=2", "x=1", "sanctions", "sanctions=-1", "sanctions=nan", "="]
            ),
        ),
        st.tuples(st.just("--node-risk-km"), st.sampled_from(["0", "100", "-5", "1e9"])),
        st.tuples(st.just("--json")),
        st.tuples(st.sampled_from(["--bogus", "-x", "--"])),
    ),
    max_size=5,
).map(lambda groups: [arg for group in groups for arg in group])


@st.composite
def argument_lists(draw: st.DrawFn) -> list[str]:
    command = draw(
        st.sampled_from(["path", "compare", "nodes", "pareto", "breakeven", "--version", "frobnicate"])
    )
    args = [command]
    if command in ("path", "pareto"):
        args += [draw(place) for _ in range(draw(st.integers(0, 3)))]
    elif command in ("compare", "breakeven"):
        for flag in ("--from", "--to"):
            if draw(st.booleans()):
                args += [flag, draw(place)]
    return args + draw(options)


def check_run(args: list[str], data: Path) -> None:
    result = CliRunner().invoke(app, [*args, "--data", str(data)], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a bug: let hypothesis shrink it
    assert result.exit_code in DOCUMENTED, (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    if result.exit_code != 0:
        assert result.stdout == "", args
        assert result.stderr.strip(), args
    elif "--json" in args and args[0] in ("path", "compare", "nodes", "pareto", "breakeven"):
        OUTPUT_SCHEMA.validate(json.loads(result.stdout))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=network_files(), args=argument_lists())
def test_fuzzed_networks_and_arguments(doc: Any, args: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "net.json"
        data.write_text(json.dumps(doc), encoding="utf-8")
        check_run(args, data)


@settings(max_examples=EXAMPLES, deadline=None)
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_fuzzed_bytes_as_network_file(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "net.json"
        data.write_bytes(raw)
        check_run(["nodes", "--json"], data)
