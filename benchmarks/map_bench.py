"""How `corridors map` grows with the number of places (issue 16: near-linear), not a test.

Draws the synthetic networks of make_network.py (1,000 to 16,000 places) in one process and
prints a markdown table: seconds to render the SVG (loading excluded; best of --repeat),
microseconds per place, and the growth against the smallest network. Linear growth shows
as a per-place time that stays flat. The label placement this replaced compared every label
with every placed one: 5.1 s for 1,000 places, 27 s for 2,000 and 149 s for 4,000 on the shared
2-core machine where the new one took 1.0, 2.0 and 3.6 s (and 7.6 s for 8,000, 14 s for 16,000).

    python benchmarks/map_bench.py [--sizes 1000,2000,4000,8000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from corridors.network.loading import load_network
from corridors.render.basemap import load_basemap
from corridors.render.svgmap import render_svg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_network import write_network


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000,16000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load_basemap()  # read once, as one run of the command would
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            file = Path(tmp) / f"n{size}.json"
            write_network(size, file)
            network = load_network(file)
            best = min(_timed(network) for _ in range(args.repeat))
            rows.append((size, best))
    base_size, base_time = rows[0]
    print("| places | render s | µs per place | places x | time x |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for size, seconds in rows:
        print(
            f"| {size:,} | {seconds:.2f} | {seconds / size * 1e6:,.0f} | "
            f"{size / base_size:.0f} | {seconds / base_time:.1f} |"
        )


def _timed(network: object) -> float:
    start = time.perf_counter()
    render_svg(network, title="benchmark")  # type: ignore[arg-type]
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
