"""Run the benchmarks of issue 7 and write BENCHMARKS.md at the repository root.

    python benchmarks/run.py            # the full run: a few minutes on 2 cores
    python benchmarks/run.py --quick    # fewer runs and no 100,000-place network (a smoke test)

Every comparison runs its commands in the same run, interleaved (A, B, A, B, ...; the
order rotates each round), and reports medians; the targets are ratios of medians, so
the machine's speed cancels out. Each command runs as a fresh process, as a user's
shell runs it, with compiled bytecode in place (one warm-up run each) and
PYTHONDONTWRITEBYTECODE unset. Peak memory is the child's maximum resident set size.
Networks are made by make_network.py in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from make_network import far_corner, grid_shape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
CORRIDORS = str(Path(PYTHON).with_name("corridors"))


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mb: float
    code: int


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CORRIDORS_DATA")}
    env["COLUMNS"] = "100"
    return env


def run(command: Sequence[str]) -> Sample:
    """Wall time and peak RSS of one process (os.wait4 reports the child's own rusage)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment())
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return Sample(seconds, usage.ru_maxrss / 1024, child.returncode)


def interleaved(cases: dict[str, list[str]], runs: int) -> dict[str, list[Sample]]:
    """Each case `runs` times, one of each per round, the order rotating every round."""
    names = list(cases)
    for name in names:  # warm-up: bytecode compiled, files in the page cache
        run(cases[name])
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    for round_ in range(runs):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(run(cases[name]))
    for name, found in samples.items():
        if any(s.code != 0 for s in found):
            raise SystemExit(f"benchmark command failed: {name}: {' '.join(cases[name])}")
    return samples


def median(samples: list[Sample]) -> float:
    return statistics.median(s.seconds for s in samples)


def peak(samples: list[Sample]) -> float:
    return statistics.median(s.peak_mb for s in samples)


def verdict(ratio: float, target: float) -> str:
    return "met" if ratio <= target else "**missed**"


def cold_start(runs: int) -> tuple[list[str], dict[str, float]]:
    cases = {
        "import typer, networkx": [PYTHON, "-c", "import typer, networkx"],
        "import typer": [PYTHON, "-c", "import typer"],
        "minimal Typer app --help": [PYTHON, str(HERE / "minimal_app.py"), "--help"],
        "corridors path Aktau Moiynty --json": [CORRIDORS, "path", "Aktau", "Moiynty", "--json"],
        "corridors compare": [CORRIDORS, "compare"],
        "corridors --version": [CORRIDORS, "--version"],
        "corridors --help": [CORRIDORS, "--help"],
    }
    samples = interleaved(cases, runs)
    rows = [
        ("corridors path Aktau Moiynty --json", "import typer, networkx", 1.2),
        ("corridors compare", "import typer, networkx", 1.5),
        ("corridors --version", "import typer", 1.3),
        ("corridors --help", "minimal Typer app --help", 1.2),
    ]
    lines = [
        f"Medians of {runs} interleaved runs each, every run a new process.",
        "",
        "| command | floor | command ms | floor ms | ratio | target | |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    ratios = {}
    for command, floor, target in rows:
        a, b = median(samples[command]) * 1000, median(samples[floor]) * 1000
        ratios[command] = a / b
        cells = [f"`{command}`", f"`{floor}`", f"{a:.0f}", f"{b:.0f}", f"{a / b:.2f}", str(target)]
        lines.append("| " + " | ".join([*cells, verdict(a / b, target)]) + " |")
    return lines, ratios


def scale(big: Path, runs: int) -> list[str]:
    corner = far_corner(100_000)
    cases = {
        "corridors": [CORRIDORS, "path", "n0", corner, "--data", str(big), "--json"],
        "minimal": [PYTHON, str(HERE / "minimal_path.py"), str(big), "n0", corner],
    }
    samples = interleaved(cases, runs)
    ours, floor = samples["corridors"], samples["minimal"]
    time_ratio, memory_ratio = median(ours) / median(floor), peak(ours) / peak(floor)
    return [
        f"`corridors path n0 {corner} --data big.json --json` (100,000 places, corner to corner) against",
        "`benchmarks/minimal_path.py` (json, a networkx DiGraph, networkx Dijkstra by km, JSON out):",
        f"medians of {runs} interleaved runs.",
        "",
        "| measure | corridors | minimal script | ratio | target | |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        f"| wall time | {median(ours):.2f} s | {median(floor):.2f} s | {time_ratio:.2f} | 1.3 "
        f"| {verdict(time_ratio, 1.3)} |",
        f"| peak memory | {peak(ours):.0f} MB | {peak(floor):.0f} MB | {memory_ratio:.2f} | 1.5 "
        f"| {verdict(memory_ratio, 1.5)} |",
    ]


def regional(nodes: int) -> str:
    """A place about 10 rows and 12 columns from n0: a route of a few dozen legs."""
    rows, cols = grid_shape(nodes)
    return f"n{min(10, rows - 2) * cols + 12}"


def growth(files: dict[int, Path], runs: int) -> list[str]:
    lines = [
        "Median wall time (and peak memory) of one command, fresh process, loading and",
        f"validating the file included; {runs} runs each. `path` runs corner to corner",
        "(hundreds of legs); `--alternatives 5` and `pareto` (default criteria km, hours,",
        "cost, risk) run a regional query from n0 to a place a few dozen legs away.",
        "",
        "| places | edges | file | validate | path --json | path --alternatives 5 | pareto |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for nodes, file in files.items():
        data = ["--data", str(file)]
        near = regional(nodes)
        cases = {
            "validate": [CORRIDORS, "validate", str(file)],
            "path": [CORRIDORS, "path", "n0", far_corner(nodes), *data, "--json"],
            "alternatives": [CORRIDORS, "path", "n0", near, *data, "--alternatives", "5", "--json"],
            "pareto": [CORRIDORS, "pareto", "n0", near, *data, "--json"],
        }
        samples = interleaved(cases, runs)
        edges = file.read_text(encoding="utf-8").count('"km_basis"')
        cells = [f"{median(samples[n]):.2f} s ({peak(samples[n]):.0f} MB)" for n in cases]
        size = file.stat().st_size / 1e6
        lines.append(f"| {nodes:,} | {edges:,} | {size:.1f} MB | " + " | ".join(cells) + " |")
    return lines


def engines(big: Path) -> list[str]:
    """Stages of the 100,000-place route, and the search alone by engine (engines.py)."""
    result = subprocess.run(
        [PYTHON, str(HERE / "engines.py"), str(big), "n0", far_corner(100_000)],
        capture_output=True,
        text=True,
        check=True,
        env=environment(),
    )
    figures: dict[str, float | None] = json.loads(result.stdout)
    lines = ["| in one process, 100,000 places, corner to corner | seconds |", "| --- | ---: |"]
    for name, seconds in figures.items():
        shown = f"{seconds:.2f}" if seconds is not None else "not installed (`pip install -e '.[bench]'`)"
        lines.append(f"| {name} | {shown} |")
    stage = {k.removeprefix("stage: "): v or 0.0 for k, v in figures.items() if k.startswith("stage: ")}
    nx_search = figures["networkx Dijkstra by km, plain DiGraph"] or 0.0
    validate = stage["validate every field, build records"]
    searches = stage["both searches (km, risk-weighted km) and the routes"]
    lines += [
        "",
        "What stands between `path --json` and the minimal script: validation of every field of",
        f"250,000 edges and 100,000 places ({validate:.1f} s; the minimal script checks nothing),",
        f"and two searches with risk and scenario rules ({searches:.1f} s) where the minimal script",
        f"runs one plain Dijkstra ({nx_search:.1f} s). Decoding (with the duplicate-key check) and",
        "building the graph cost about what the minimal script pays for the same. A faster engine",
        "would shorten only the searches, and only if the weights were precomputed per criterion",
        "in Python first (rustworkx calls back into Python for every arc's weight, so it is barely",
        "faster than networkx here); networkx stays the model of record.",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 100,000-place network")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    cold_runs, big_runs, growth_runs = (5, 1, 1) if args.quick else (21, 3, 3)
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="corridors-bench-") as tmp:
        files = {}
        for nodes in sizes:
            files[nodes] = Path(tmp) / f"net-{nodes}.json"
            # In a child process: a parent grown by building the network would pass its
            # size on to every child's peak-memory figure (Linux counts it until exec).
            command = [PYTHON, str(HERE / "make_network.py"), "--nodes", str(nodes), "-o", str(files[nodes])]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment())
            print(f"made {files[nodes].name}", file=sys.stderr)
        cold, _ = cold_start(cold_runs)
        print("cold start done", file=sys.stderr)
        big = scale(files[100_000], big_runs) if 100_000 in files else ["(skipped with --quick)"]
        print("scale done", file=sys.stderr)
        grown = growth(files, growth_runs)
        print("growth done", file=sys.stderr)
        engine = engines(files[100_000]) if 100_000 in files else ["(skipped with --quick)"]
    elapsed = time.perf_counter() - started
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join(
        [
            "# Benchmarks",
            "",
            "Written by `python benchmarks/run.py` (see README: Benchmarks); do not edit by hand.",
            f"Run {when} in {elapsed:.0f} s: Python {platform.python_version()}, {platform.system()} "
            f"{platform.machine()}, {os.cpu_count()} CPUs.",
            "",
            "## Cold start",
            "",
            *cold,
            "",
            "## A large network: `path --json` against a minimal networkx script",
            "",
            *big,
            "",
            "## How cost grows with the network",
            "",
            *grown,
            "",
            "## Where the time goes, and search engines on the same graph",
            "",
            "The stages of the 100,000-place route in one process, then the search alone (after",
            "loading) by engine.",
            "",
            *engine,
            "",
        ]
    )
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
