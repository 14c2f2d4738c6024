"""Run the benchmarks (issues 7 and 16) and write BENCHMARKS.md at the repository root.

    python benchmarks/run.py              # the full run: long on 2 cores (the batch dominates)
    python benchmarks/run.py --pairs 100  # the same with a shorter batch (BENCHMARKS.md says so)
    python benchmarks/run.py --quick      # a smoke test: few runs, small networks, prints only
    python benchmarks/run.py --only simulate --only batch   # some sections, printed only

Every comparison runs its commands in the same run, interleaved (A, B, A, B, ...; the
order rotates each round), and reports medians; the targets are ratios of medians, so
the machine's speed cancels out. Each command runs as a fresh process, as a user's
shell runs it, with compiled bytecode in place (one warm-up run each) and
PYTHONDONTWRITEBYTECODE unset. Peak memory is the child's maximum resident set size,
CPU the child's user and system time (on a shared machine the wall time waits for the
other work too; CPU time does not). Networks are made by make_network.py in a temporary
directory. The baselines (minimal_path.py, batch_scgraph.py, batch_igraph.py,
simulate_numpy.py) say in their docstrings what they do and do not do.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
    cpu: float = 0.0


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CORRIDORS_DATA")}
    env["COLUMNS"] = "100"
    return env


def run(command: Sequence[str], stdout: Path | None = None) -> Sample:
    """Wall time, peak RSS and CPU time of one process (os.wait4 reports the child's own rusage)."""
    with stdout.open("wb") if stdout else open(os.devnull, "wb") as out:  # noqa: PTH123
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=environment())
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return Sample(seconds, usage.ru_maxrss / 1024, child.returncode, usage.ru_utime + usage.ru_stime)


def interleaved(
    cases: dict[str, list[str]], runs: int, warm: bool | None = None, keep: Path | None = None
) -> dict[str, list[Sample]]:
    """Each case `runs` times, one of each per round, the order rotating every round.

    A warm-up run each first, unless told otherwise or a single run is a smoke test.

    With `keep`, the output of each run is kept in keep/<case>-<round>.out.
    """
    names = list(cases)
    if warm if warm is not None else runs > 1:
        for name in names:  # warm-up: bytecode compiled, files in the page cache
            run(cases[name])
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    for round_ in range(runs):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            out = keep / f"{name}-{round_}.out" if keep else None
            samples[name].append(run(cases[name], out))
    for name, found in samples.items():
        if any(s.code != 0 for s in found):
            raise SystemExit(f"benchmark command failed: {name}: {' '.join(cases[name])}")
    return samples


def median(samples: list[Sample]) -> float:
    return statistics.median(s.seconds for s in samples)


def peak(samples: list[Sample]) -> float:
    return statistics.median(s.peak_mb for s in samples)


def cpu(samples: list[Sample]) -> float:
    return statistics.median(s.cpu for s in samples)


def verdict(ratio: float, target: float) -> str:
    return "met" if ratio <= target else "**missed**"


TYPER_NETWORKX = "import typer, networkx"
FLOORS = {
    TYPER_NETWORKX: [PYTHON, "-c", "import typer, networkx"],
    "import typer, networkx, numpy": [PYTHON, "-c", "import typer, networkx, numpy"],
    "import typer": [PYTHON, "-c", "import typer"],
    "minimal Typer app --help": [PYTHON, str(HERE / "minimal_app.py"), "--help"],
}
# (arguments, floor, target). The targets are "no worse than today": path, compare, --version
# and --help from issue 7; the others (issue 16) the ratio measured when they were added
# (7 runs, a loaded machine), rounded up, plus about 0.2 for that machine's noise. The floor
# is what the command cannot avoid importing: sources and validate need no networkx.
COMMANDS = (
    ("path Aktau Moiynty --json", TYPER_NETWORKX, 1.2),
    ("compare", TYPER_NETWORKX, 1.5),
    ("pareto Xian Duisburg --json", TYPER_NETWORKX, 1.3),
    ("breakeven --json", TYPER_NETWORKX, 1.2),
    ("simulate --runs 1000 --json", "import typer, networkx, numpy", 1.3),
    ("nodes --json", TYPER_NETWORKX, 1.2),
    ("edges --json", TYPER_NETWORKX, 1.2),
    ("sources --json", "import typer", 1.3),
    ("show Aktau --json", TYPER_NETWORKX, 1.2),
    (f"validate {ROOT / 'data' / 'routes.json'}", "import typer", 1.5),
    ("map", TYPER_NETWORKX, 1.3),
    ("schema", "import typer", 1.3),
    ("completion bash", "import typer", 1.3),
    ("--version", "import typer", 1.3),
    ("--help", "minimal Typer app --help", 1.2),
)


def cold_start(runs: int) -> list[str]:
    cases = dict(FLOORS)
    cases.update({f"corridors {args}": [CORRIDORS, *args.split()] for args, _, _ in COMMANDS})
    samples = interleaved(cases, runs)
    lines = [
        f"Medians of {runs} interleaved runs each, every run a new process; the bundled network.",
        "",
        "| command | floor | command ms | floor ms | ratio | target | |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for args, floor, target in COMMANDS:
        a, b = median(samples[f"corridors {args}"]) * 1000, median(samples[floor]) * 1000
        shown = args.replace(str(ROOT / "data" / "routes.json"), "data/routes.json")
        cells = [f"`corridors {shown}`", f"`{floor}`", f"{a:.0f}", f"{b:.0f}", f"{a / b:.2f}", str(target)]
        lines.append("| " + " | ".join([*cells, verdict(a / b, target)]) + " |")
    return lines


def scale(big: Path, nodes: int, runs: int) -> list[str]:
    corner = far_corner(nodes)
    cases = {
        "corridors": [CORRIDORS, "path", "n0", corner, "--data", str(big), "--json"],
        "minimal": [PYTHON, str(HERE / "minimal_path.py"), str(big), "n0", corner],
    }
    samples = interleaved(cases, runs)
    ours, floor = samples["corridors"], samples["minimal"]
    time_ratio, memory_ratio = median(ours) / median(floor), peak(ours) / peak(floor)
    return [
        f"`corridors path n0 {corner} --data big.json --json` ({nodes:,} places, corner to corner) against",
        "`benchmarks/minimal_path.py` (json, a networkx DiGraph, networkx Dijkstra by km, JSON out;",
        f"the collector paused while it builds, as corridors does): medians of {runs} interleaved runs.",
        "corridors validates every field and searches twice (by km and by risk-weighted km), in",
        "pure Python (scgraph serves batches; on one query it saves CPU but costs ~150 MB of peak).",
        "",
        "| measure | corridors | minimal script | ratio | target | |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        f"| wall time | {median(ours):.2f} s | {median(floor):.2f} s | {time_ratio:.2f} | 1.3 "
        f"| {verdict(time_ratio, 1.3)} |",
        f"| CPU time | {cpu(ours):.2f} s | {cpu(floor):.2f} s | {cpu(ours) / cpu(floor):.2f} | | |",
        f"| peak memory | {peak(ours):.0f} MB | {peak(floor):.0f} MB | {memory_ratio:.2f} | 1.5 "
        f"| {verdict(memory_ratio, 1.5)} |",
    ]


def write_pairs(nodes: int, count: int, out: Path, seed: int = 1) -> None:
    """`count` origin-destination pairs of distinct places drawn uniformly (seeded), as CSV."""
    rng = random.Random(seed)
    rows = ["from,to"]
    for _ in range(count):
        a, b = rng.sample(range(nodes), 2)
        rows.append(f"n{a},n{b}")
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")


def answered_km(answers: Path, km: Callable[[dict[str, Any]], float]) -> list[float | None]:
    """The km of each NDJSON answer, a line at a time: a parent that held every answer would pass
    its size on to the peak memory of every later child (Linux counts it until exec)."""
    with answers.open(encoding="utf-8") as lines:
        return [km(doc) if "error" not in (doc := json.loads(line)) else None for line in lines]


BASELINES = {"scgraph": (3.0, "within 3 times"), "igraph": (1.0, "no slower")}
TARGET_PAIRS = 1000


def batch(file: Path, nodes: int, pairs: int, tmp: Path) -> list[str]:
    """`path --batch` against the scgraph and igraph scripts: one run each, and each loading only."""
    pairs_file, empty = tmp / f"pairs-{pairs}.csv", tmp / "pairs-0.csv"
    write_pairs(nodes, pairs, pairs_file)
    write_pairs(nodes, 0, empty)
    tools = {"corridors": [CORRIDORS, "path", "--data", str(file), "--batch"]}
    missing = []
    for name in BASELINES:
        if importlib.util.find_spec(name) is None:
            missing.append(name)
        else:
            tools[name] = [PYTHON, str(HERE / f"batch_{name}.py"), str(file)]
    full = interleaved({n: [*c, str(pairs_file)] for n, c in tools.items()}, 1, warm=False, keep=tmp)
    load = interleaved({n: [*c, str(empty)] for n, c in tools.items()}, 1, warm=False)
    ours = answered_km(tmp / "corridors-0.out", lambda doc: doc["routes"][0]["totals"]["km"])
    lines = [
        f"`corridors path --data big.json --batch pairs.csv`: {pairs:,} pairs of places drawn at",
        f"random (seeded) on the {nodes:,}-place network, by km (so, with the default risk weight,",
        "each pair is searched twice: by km and by risk-weighted km), NDJSON out; against",
        "`benchmarks/batch_scgraph.py` (scgraph's C++ Dijkstra) and `benchmarks/batch_igraph.py`",
        "(igraph's Dijkstra), which load the file without validating it, build their graph once",
        "and run one Dijkstra by km per pair. One run each (the batch is long), then each with no",
        "pairs: what loading costs, so the per-pair cost is (run - loading) / pairs, in CPU time.",
        "corridors searches on scgraph's compiled Dial search here (`corridors[fast]`, analysis/engine.py),",
        "compiling each objective's weights once per batch: that is part of its per-pair cost.",
        "",
        "| measure | " + " | ".join(f"{n}" for n in tools) + " |",
        "| --- |" + " ---: |" * len(tools),
        f"| {pairs:,} pairs, wall | " + " | ".join(f"{median(full[n]):.1f} s" for n in tools) + " |",
        f"| {pairs:,} pairs, CPU | " + " | ".join(f"{cpu(full[n]):.1f} s" for n in tools) + " |",
        "| peak memory | " + " | ".join(f"{peak(full[n]):.0f} MB" for n in tools) + " |",
        "| loading only, wall | " + " | ".join(f"{median(load[n]):.1f} s" for n in tools) + " |",
    ]
    per_pair = {n: max(0.0, cpu(full[n]) - cpu(load[n])) / max(1, pairs) for n in tools}
    thousand = {
        n: cpu(full[n]) if pairs == TARGET_PAIRS else cpu(load[n]) + TARGET_PAIRS * per_pair[n] for n in tools
    }
    projected = "" if pairs == TARGET_PAIRS else " (projected: loading + 1,000 per pair)"
    lines += [
        "| per pair, CPU | " + " | ".join(f"{per_pair[n] * 1000:.1f} ms" for n in tools) + " |",
        f"| {TARGET_PAIRS:,} pairs, CPU{projected} | "
        + " | ".join(f"{thousand[n]:.1f} s" for n in tools)
        + " |",
        "",
        f"The targets are judged on the {TARGET_PAIRS:,}-pair CPU time"
        + ("." if pairs == TARGET_PAIRS else f", projected from the {pairs:,} pairs run (`--pairs`)."),
        "",
        f"| corridors against | {pairs:,} pairs, wall | per pair, CPU "
        f"| {TARGET_PAIRS:,} pairs, CPU | target | |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, (target, words) in BASELINES.items():
        if name in missing:
            lines.append(
                f"| {name} script | not installed (`pip install -e '.[bench]'`) | | | {target:g} | |"
            )
            continue
        ratio = median(full["corridors"]) / median(full[name])
        pair_ratio = per_pair["corridors"] / per_pair[name] if per_pair[name] else math.inf
        judged = thousand["corridors"] / thousand[name]
        cells = [f"{ratio:.1f}", f"{pair_ratio:.1f}", f"{judged:.1f}", f"{target:g} ({words})"]
        lines.append(f"| {name} script | " + " | ".join(cells) + f" | {verdict(judged, target)} |")
        theirs = answered_km(tmp / f"{name}-0.out", lambda doc: doc["km"])
        same = sum(a is not None and abs(a - b) <= 0.05 + 1e-9 * b for a, b in zip(ours, theirs, strict=True))
        lines.append(f"| | same km as corridors on {same:,} of {len(theirs):,} pairs | | | | |")
    return lines


SIMULATE_TARGET_SPEED, SIMULATE_TARGET_MEMORY = 1.0, 0.25


def simulate(journeys: int, runs: int, tmp: Path) -> list[str]:
    """The sampler against simulate_numpy.py's baseline, fresh processes, same plan."""
    cases = {e: [PYTHON, str(HERE / "simulate_numpy.py"), e, str(journeys)] for e in ("corridors", "numpy")}
    samples = interleaved(cases, runs, warm=False, keep=tmp)
    inner = {
        name: [json.loads((tmp / f"{name}-{r}.out").read_text(encoding="utf-8")) for r in range(runs)]
        for name in cases
    }
    seconds = {name: statistics.median(doc["seconds"] for doc in inner[name]) for name in cases}
    rate = {name: journeys / seconds[name] for name in cases}
    grown = {
        name: peak(samples[name]) - statistics.median(d["before_mb"] for d in inner[name]) for name in cases
    }
    first = {name: inner[name][0] for name in cases}
    se = math.sqrt((first["corridors"]["std_days"] ** 2 + first["numpy"]["std_days"] ** 2) / journeys)
    gap = abs(first["corridors"]["mean_days"] - first["numpy"]["mean_days"])
    speed = rate["corridors"] / rate["numpy"]
    memory = peak(samples["corridors"]) / peak(samples["numpy"])
    return [
        f"{journeys:,} journeys along the Middle Corridor's fastest Xi'an -> Duisburg route (44 parts)",
        "by `corridors.simulation.simulate_plan` (chunked, fused, histogram quantiles) and by",
        "`benchmarks/simulate_numpy.py`'s baseline (all journeys at once, one array per part, exact",
        f"quantiles); each run a fresh process, medians of {runs} interleaved runs. Journeys per",
        "second count the sampling and the statistics (not imports or planning); peak memory is",
        "the whole process's.",
        "",
        "| measure | corridors | numpy baseline | ratio | target | |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        f"| journeys per second | {rate['corridors']:,.0f} | {rate['numpy']:,.0f} | {speed:.2f} "
        f"| {SIMULATE_TARGET_SPEED:g} or more | {verdict(1 / speed, 1 / SIMULATE_TARGET_SPEED)} |",
        f"| whole process, CPU | {cpu(samples['corridors']):.1f} s | {cpu(samples['numpy']):.1f} s "
        f"| {cpu(samples['corridors']) / cpu(samples['numpy']):.2f} | | |",
        f"| peak memory | {peak(samples['corridors']):.0f} MB | {peak(samples['numpy']):.0f} MB "
        f"| {memory:.2f} "
        f"| {SIMULATE_TARGET_MEMORY:g} or less | {verdict(memory, SIMULATE_TARGET_MEMORY)} |",
        f"| memory grown while sampling | {grown['corridors']:.0f} MB | {grown['numpy']:.0f} MB | | | |",
        "",
        f"The same model: mean {first['corridors']['mean_days']:.3f} days (corridors) and "
        f"{first['numpy']['mean_days']:.3f} (baseline), {gap / se:.1f} standard errors apart.",
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


def engines(big: Path, nodes: int) -> list[str]:
    """Stages of the corner-to-corner route, and the search alone by engine (engines.py)."""
    result = subprocess.run(
        [PYTHON, str(HERE / "engines.py"), str(big), "n0", far_corner(nodes)],
        capture_output=True,
        text=True,
        check=True,
        env=environment(),
    )
    figures: dict[str, float | None] = json.loads(result.stdout)
    lines = [f"| in one process, {nodes:,} places, corner to corner | seconds |", "| --- | ---: |"]
    for name, seconds in figures.items():
        shown = f"{seconds:.2f}" if seconds is not None else "not installed (`pip install -e '.[bench]'`)"
        lines.append(f"| {name} | {shown} |")
    stage = {k.removeprefix("stage: "): v or 0.0 for k, v in figures.items() if k.startswith("stage: ")}
    nx_search = figures["networkx Dijkstra by km, plain DiGraph"] or 0.0
    validate = stage["validate every field, build records"]
    searches = stage["both searches (km, risk-weighted km) and the routes"]
    engines_found = {
        k.removesuffix(" Dijkstra by km"): v
        for k, v in figures.items()
        if k.endswith("Dijkstra by km") and v and not k.startswith("networkx")
    }
    fastest = min(engines_found.items(), key=lambda kv: kv[1], default=None)
    lines += [
        "",
        "What stands between `path --json` and the minimal script: validation of every field of",
        f"every edge and place ({validate:.1f} s; the minimal script checks nothing), and two",
        f"searches with risk and scenario rules ({searches:.1f} s) where the minimal script runs one",
        f"plain Dijkstra ({nx_search:.1f} s). Decoding (with the duplicate-key check) and building",
        "the graph cost about what the minimal script pays for the same.",
    ]
    if fastest is not None:
        lines += [
            f"The fastest compiled engine on the corner-to-corner query, {fastest[0]}, searches in "
            f"{fastest[1]:.3f} s,",
            f"{nx_search / fastest[1]:.0f} times faster than networkx on the same plain graph, once its "
            "graph is built",
            "with the weights of one criterion in bulk (rustworkx is timed with a Python callback per",
            "arc's weight: it takes no weight array).",
        ]
    mix = {
        k.removesuffix(": 1,000 random searches by km, CPU"): v
        for k, v in figures.items()
        if k.endswith("1,000 random searches by km, CPU") and v
    }
    if mix:
        listed = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in mix.items())
        lines += [
            "",
            "Which engine for a batch: the CPU time of 1,000 searches between random places, once",
            f"the graph is built: {listed}. A batch line searches twice (by km and by",
            "risk-weighted km), so only the fastest keeps a batch within the igraph script's time;",
            "`path --batch` on a network of 20,000 places or more where scgraph is installed",
            "(`pip install 'corridors[fast]'`) searches on it, each objective's weights compiled once",
            "per batch (by km in bulk with numpy; by hours, cost or CO2e arc by arc): the rows",
            "`corridors on scgraph`. Otherwise the searches run in pure Python (the rows marked Python).",
        ]
    return lines


SECTIONS = ("cold", "scale", "batch", "simulate", "growth", "engines")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke test: 1,000 places, one run each")
    parser.add_argument("--pairs", type=int, default=TARGET_PAIRS, help="pairs in the batch (default 1,000)")
    parser.add_argument("--only", action="append", choices=SECTIONS, help="run this section (repeatable)")
    parser.add_argument("--output", type=Path, help="where to write (default BENCHMARKS.md on a full run)")
    args = parser.parse_args(argv)
    only = set(args.only or SECTIONS)
    output = args.output
    if output is None and not args.quick and only == set(SECTIONS):
        output = ROOT / "BENCHMARKS.md"
    if args.quick:
        cold_runs, big_runs, growth_runs, journeys, simulate_runs, pairs = 1, 1, 1, 50_000, 1, 10
        sizes: tuple[int, ...] = (1_000,)
    else:
        cold_runs, big_runs, growth_runs, journeys, simulate_runs = 21, 3, 3, 10_000_000, 3
        pairs, sizes = args.pairs, (1_000, 10_000, 100_000)
    big_nodes = sizes[-1]
    started = time.perf_counter()
    parts: dict[str, list[str]] = {name: ["(not run: see --only)"] for name in SECTIONS}
    with tempfile.TemporaryDirectory(prefix="corridors-bench-") as tmp:
        files = {}
        for nodes in sizes if only & {"scale", "batch", "growth", "engines"} else ():
            files[nodes] = Path(tmp) / f"net-{nodes}.json"
            # In a child process: a parent grown by building the network would pass its
            # size on to every child's peak-memory figure (Linux counts it until exec).
            command = [PYTHON, str(HERE / "make_network.py"), "--nodes", str(nodes), "-o", str(files[nodes])]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment())
            print(f"made {files[nodes].name}", file=sys.stderr)
        steps = {
            "cold": lambda: cold_start(cold_runs),
            "scale": lambda: scale(files[big_nodes], big_nodes, big_runs),
            "batch": lambda: batch(files[big_nodes], big_nodes, pairs, Path(tmp)),
            "simulate": lambda: simulate(journeys, simulate_runs, Path(tmp)),
            "growth": lambda: growth(files, growth_runs),
            "engines": lambda: engines(files[big_nodes], big_nodes),
        }
        for name in SECTIONS:
            if name in only:
                parts[name] = steps[name]()
                print(f"{name} done", file=sys.stderr)
    elapsed = time.perf_counter() - started
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    text = "\n".join(
        [
            "# Benchmarks",
            "",
            "Written by `python benchmarks/run.py` (see README: Benchmarks); do not edit by hand.",
            f"Run {when} in {elapsed:.0f} s{' (--quick)' if args.quick else ''}: Python "
            f"{platform.python_version()}, {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs;",
            f"load average at the end {load} (other work shares the machine: wall times wait for it,",
            "CPU times much less; every ratio compares runs made side by side in this run).",
            "",
            "## Cold start",
            "",
            *parts["cold"],
            "",
            "## A large network: `path --json` against a minimal networkx script",
            "",
            *parts["scale"],
            "",
            "## Many queries: `path --batch` against scgraph and igraph scripts",
            "",
            *parts["batch"],
            "",
            "## `simulate` against a vectorised numpy version of the same model",
            "",
            *parts["simulate"],
            "",
            "## How cost grows with the network",
            "",
            *parts["growth"],
            "",
            "## Where the time goes, and search engines on the same graph",
            "",
            "The stages of the corner-to-corner route in one process, then the search alone (after",
            "loading) by engine.",
            "",
            *parts["engines"],
            "",
        ]
    )
    if output is not None:
        output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
