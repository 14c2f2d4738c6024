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


def flag(name: str, *values: str) -> st.SearchStrategy[tuple[str, ...]]:
    return st.tuples(st.just(name), st.sampled_from(values))


COMMON = [
    flag("--by", "km", "risk", "hours", "cost", "co2", "co2_wtw", "speed", ""),
    flag("--as-of", "2026", "2028", "2100", "1999", "99999", "x"),
    flag("--format", "table", "json", "ndjson", "csv", "geojson", "markdown", "svg", "png", ""),
    st.tuples(st.just("--json")),
    st.tuples(st.sampled_from(["--bogus", "-x", "--"])),
]
ROUTE = [
    flag("--avoid", "KZ", "ferry", "sea", "b", "west", "zz", "", "Uzbekistan"),
    flag("--via", "b", "c", "zz"),
    flag("--risk-weight", "0", "1", "2.5", "-1", "nan", "inf", "1e400", "x"),
    flag(
        "--factor-weight",
        "sanctions=0",
        "weather=2",
        "x=1",
        "sanctions",
        "sanctions=-1",
        "sanctions=nan",
        "=",
    ),
    flag("--node-risk-km", "0", "100", "-5", "1e9", "-inf"),
]
CHART = [flag("--chart", "tcd", "distribution", "front", "x")]
CORRIDOR = [flag("--corridor", "west", "east", "polar", "")]
BASKET = [*CORRIDOR, flag("--pairs", "nowhere.csv", "")]
# Each command's own options (and some that it does not take, to reach its usage errors).
EXTRA: dict[str, list[st.SearchStrategy[tuple[str, ...]]]] = {
    "path": [*ROUTE, *CHART, flag("--alternatives", "0", "2", "-1", "99")],
    "compare": [
        *ROUTE,
        *CHART,
        *CORRIDOR,
        flag("--value-of-time", "0", "0.5", "-1", "nan", "1e308"),
        st.tuples(st.just("--uncertainty"), st.just("--samples"), st.sampled_from(["1", "20", "0"])),
    ],
    "pareto": [*ROUTE, *CHART, flag("--criteria", "km,hours", "risk", "bogus", "", "km,km")],
    "breakeven": [
        *ROUTE,
        flag("--max-weight", "0", "1", "50", "nan", "-1"),
        flag("--over", "risk-weight", "cargo-value", "x"),
        flag("--value-of-time", "0.1", "inf"),
    ],
    "simulate": [
        *CHART,
        flag("--month", "1", "7", "13", "0"),
        flag("--deadline", "0", "3", "1e308", "nan", "-1"),
        flag("--seed", "0", "1", "-1"),
        flag("--runs", "1", "7", "0", "-3"),
    ],
    "sensitivity": [*CORRIDOR, flag("--top", "1", "0", "-1", "100")],
    "projects": BASKET,
    "critical": [*BASKET, flag("--top", "1", "0", "-1")],
    "carec": CORRIDOR,
    "emissions": CORRIDOR,
    "map": [
        st.tuples(st.just("--compare")),
        flag("--region", "kazakhstan", "caspian", "europe", "eurasia", "mars"),
        flag("--bbox", "-10,-80,10,80", "65,35,40,50", "0,0,1,1", "a,b,c,d", "-180,-85,180,85"),
        flag("--width", "1", "200", "0", "99999"),
        flag("--height", "1", "300", "-1"),
    ],
    "risks": [*CORRIDOR, flag("--country", "KZ", "UZ", "JP", ""), flag("--factor", "sanctions", "x")],
}
ENDS = ("compare", "breakeven", "simulate", "sensitivity", "carec", "emissions", "map")
COMMANDS = [*EXTRA, "nodes", "edges", "sources", "show", "validate", "schema", "--version", "frobnicate"]
SLOW_DEFAULTS = {"simulate": ["--runs", "20"], "compare": [], "sensitivity": []}


@st.composite
def argument_lists(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(COMMANDS))
    args = [command, *SLOW_DEFAULTS.get(command, [])]
    if command in ("path", "pareto", "show"):
        args += [draw(place) for _ in range(draw(st.integers(0, 3)))]
    elif command in ENDS:
        for name in ("--from", "--to"):
            if draw(st.booleans()):
                args += [name, draw(place)]
    chosen = draw(st.lists(st.one_of(*COMMON, *EXTRA.get(command, [])), max_size=5))
    return args + [arg for group in chosen for arg in group]


def check_run(args: list[str], data: Path) -> None:
    result = CliRunner().invoke(app, [*args, "--data", str(data)], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a bug: let hypothesis shrink it
    assert result.exit_code in DOCUMENTED, (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    options = args[: args.index("--")] if "--" in args else args  # after "--", "--json" is a name
    if result.exit_code != 0:
        assert result.stdout == "", args
        assert result.stderr.strip(), args
    elif "--json" in options and "--chart" not in options and args[0] not in ("map", "schema", "validate"):
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


batch_lines = st.one_of(
    st.sampled_from(
        [
            b"from,to\n",
            b"from,to,by,as_of,risk_weight\n",
            b"a,d\n",
            b"a,d,hours,2028,2\n",
            b'{"from": "a", "to": "d"}\n',
            b'{"from": "a", "to": "d", "as_of": 1' + b"0" * 40 + b"}\n",
            b'{"from": "a", "from": "b", "to": "d"}\n',
            b"[" * 5000 + b"\n",
            b"\xef\xbb\xbf",
            b"\xff\xfe\n",
            b'"unclosed,\n',
            b"\n",
        ]
    ),
    st.binary(max_size=40),
    hostile_text.map(lambda text: text.encode("utf-8", "surrogatepass") + b"\n"),
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(batch_lines, max_size=6))
def test_fuzzed_batch_input(lines: list[bytes]) -> None:
    """Any bytes on stdin: one JSON line out per query or bad line, a documented exit code."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "net.json"
        data.write_text(json.dumps(diamond()), encoding="utf-8")
        result = CliRunner().invoke(
            app, ["path", "--batch", "-", "--data", str(data)], input=b"".join(lines), catch_exceptions=True
        )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in DOCUMENTED, (lines, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    for line in result.stdout.splitlines():
        OUTPUT_SCHEMA.validate(json.loads(line))
    if result.stderr:  # the whole batch refused (a bad CSV header): one line, nothing else
        assert result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
