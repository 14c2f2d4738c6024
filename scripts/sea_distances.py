"""Measure the deep-sea legs of data/routes.json on Eurostat's marine network (the `searoute` package).

Run after changing a port's coordinates or the list of legs below, then commit the data file:

    pip install -e '.[build]' && python scripts/sea_distances.py

Each leg is measured between its two nodes' coordinates (searoute snaps both to the nearest point
of its network) with the listed passages closed, and the passages actually traversed are checked
against what the corridor needs: a Cape leg must round South Africa and must not use Suez, Bab
el-Mandeb or Panama (closing Suez alone sends ships through Panama). The edge's km, km_basis and
km_note are rewritten; nothing else in the file changes. `--check` only reports differences.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import version
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "routes.json"
NM_KM = 1.852
ALWAYS_CLOSED = ("northwest",)  # searoute's own default: the Northwest Passage
CAPE_CLOSED = ("suez", "babalmandab", "panama", "northwest")

# edge id -> (passages closed, passages it must traverse, passages it must not traverse)
CN_PORTS = ("shanghai", "ningbo", "shenzhen", "qingdao", "tianjin", "lianyungang", "xiamen", "dalian")
MED_PORTS = ("piraeus", "koper", "genoa", "constanta", "istanbul")
NORTH_PORTS = ("rotterdam", "antwerp", "hamburg", "gdansk")
SUEZ = (ALWAYS_CLOSED, (), ("south_africa", "panama"))
CAPE = (CAPE_CLOSED, (), ("suez", "babalmandab", "panama"))
LEGS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "singapore-port-said": (ALWAYS_CLOSED, ("babalmandab", "suez"), ("south_africa", "panama")),
    **{f"{port}-singapore": SUEZ for port in CN_PORTS},
    **{f"{port}-cape-of-good-hope": (CAPE_CLOSED, ("south_africa",), CAPE[2]) for port in CN_PORTS},
    **{f"port-said-{port}": SUEZ for port in ("algeciras", *MED_PORTS)},
    **{f"algeciras-{port}": SUEZ for port in NORTH_PORTS},
    **{f"cape-of-good-hope-{port}": CAPE for port in (*NORTH_PORTS, "algeciras")},
    **{f"algeciras-{port}": CAPE for port in MED_PORTS},
}


def measure(doc: dict[str, object]) -> list[tuple[str, int, str]]:
    import searoute

    nodes = {n["id"]: n for n in doc["nodes"]}  # type: ignore[attr-defined]
    edges = {e["id"]: e for e in doc["edges"]}  # type: ignore[attr-defined]
    package = f"searoute {version('searoute')}"
    out = []
    for ident, (closed, must, must_not) in LEGS.items():
        edge = edges[ident]
        a, b = nodes[edge["from"]], nodes[edge["to"]]
        route = searoute.searoute(
            [a["lon"], a["lat"]],
            [b["lon"], b["lat"]],
            units="km",
            restrictions=list(closed),
            return_passages=True,
        )
        km = float(route.properties["length"])
        traversed = sorted(route.properties.get("traversed_passages") or [])
        missing = [p for p in must if p not in traversed]
        wrong = [p for p in must_not if p in traversed]
        if missing or wrong:
            sys.exit(f"{ident}: traversed {traversed}, needs {list(must)}, must avoid {list(must_not)}")
        note = (
            f"Measured by scripts/sea_distances.py with {package} (Eurostat marine network, "
            f"searoute snaps each end to its nearest network point): {km:,.0f} km = {km / NM_KM:,.0f} nm; "
            f"passages closed: {', '.join(closed)}; traversed: {', '.join(traversed) or 'none'}"
        )
        out.append((ident, round(km), note))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report differences, write nothing")
    args = parser.parse_args()
    text = DATA.read_text(encoding="utf-8")
    doc = json.loads(text)
    edges = {e["id"]: e for e in doc["edges"]}
    changed = []
    for ident, km, note in measure(doc):
        edge = edges[ident]
        if (edge["km"], edge.get("km_basis"), edge.get("km_note")) != (km, "derived", note):
            changed.append(f"{ident}: {edge['km']} -> {km} km")
            edge.update(km=km, km_basis="derived", km_note=note)
    print("\n".join(changed) or "all sea legs up to date", file=sys.stderr)
    if changed and not args.check:
        DATA.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if changed and args.check:
        sys.exit(1)


if __name__ == "__main__":
    main()
