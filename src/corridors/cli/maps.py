"""`map`: the SVG map."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from corridors.cli.app import app
from corridors.cli.common import (
    check_year,
    deliver,
    load,
    reporting,
)
from corridors.cli.options import (
    PLACE,
    AsOfOption,
    ByOption,
    DataOption,
    OutputOption,
)
from corridors.errors import UsageError

if TYPE_CHECKING:
    from corridors.network.graph import CorridorGraph


class Region(str, Enum):
    kazakhstan = "kazakhstan"
    caspian = "caspian"
    europe = "europe"
    eurasia = "eurasia"


class MapFormat(str, Enum):
    svg = "svg"
    png = "png"


RegionOption = Annotated[
    Region | None,
    typer.Option(
        "--region",
        case_sensitive=False,
        help="A named view (default: fit what is shown).",
        show_default=False,
    ),
]
BboxOption = Annotated[
    str | None,
    typer.Option("--bbox", metavar="W,S,E,N", help="The view as a box in degrees (instead of --region)."),
]
WidthOption = Annotated[int, typer.Option("--width", min=300, max=8000, help="Width in pixels.")]
HeightOption = Annotated[
    int | None,
    typer.Option("--height", min=200, max=8000, help="Height in pixels (default: from the view)."),
]
MapFormatOption = Annotated[
    MapFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="svg, or png (at 2x pixel density) through the installed Chromium, offline.",
    ),
]


@app.command(
    "map",
    epilog="""\b
Examples:
  corridors map -o network.svg
  corridors map --from Xian --to Istanbul -o route.svg
  corridors map --from Xian --to Duisburg --compare -o compare.svg
  corridors map --from Aktau --to Moiynty --as-of 2027 > route.svg
  corridors map --region kazakhstan --as-of 2027 -o kazakhstan.svg
  corridors map --bbox 40,35,65,50 --width 800 -f png -o caspian.png""",
)
def map_(
    origin: Annotated[
        str | None,
        typer.Option("--from", metavar="PLACE", help="Highlight a route from here.", click_type=PLACE),
    ] = None,
    destination: Annotated[
        str | None,
        typer.Option("--to", metavar="PLACE", help="...to here.", click_type=PLACE),
    ] = None,
    compare_routes: Annotated[
        bool, typer.Option("--compare", help="Highlight each corridor's best route instead of one route.")
    ] = False,
    by: ByOption = "km",
    as_of: AsOfOption = None,
    region: RegionOption = None,
    bbox: BboxOption = None,
    width: WidthOption = 1200,
    height: HeightOption = None,
    map_format: MapFormatOption = MapFormat.svg,
    data: DataOption = None,
    output: OutputOption = None,
) -> None:
    """A map on real land and borders: the network, a route (--from/--to) or a comparison (--compare).

    Lines are coloured and dashed by corridor (shared track shows one line per corridor),
    hollow where not open (in the --as-of year), dotted for ferries and sea; they follow
    the track where the data has it and run straight otherwise. The route is highlighted.
    """
    with reporting():
        from corridors.render.svgmap import render_svg

        network, cgraph = load(data)
        check_year(network, as_of)
        if (origin is None) != (destination is None):
            raise UsageError("give both --from and --to, or neither")
        if compare_routes and origin is None:
            raise UsageError("--compare needs --from and --to")
        view = _view(region, bbox)
        where = region.value.capitalize() if region is not None else "the network"
        title, highlights = f"Freight corridors: {where}", list[Any]()
        if origin is not None and destination is not None:
            title, highlights = _map_routes(cgraph, origin, destination, by, as_of, compare_routes)
        when = f"lines open by {as_of}" if as_of else "lines open today"
        subtitle = f"{when}; data as of {network.as_of}"
        svg = render_svg(
            network,
            title=title,
            highlights=highlights,
            subtitle=subtitle,
            as_of=as_of,
            bbox=view,
            width=width,
            height=height,
        )
        _deliver_map(svg, map_format, output)


def _view(region: Region | None, bbox: str | None) -> tuple[float, float, float, float] | None:
    """The box a --region names or --bbox gives, or None to fit what is shown."""
    from corridors.render.svgmap import REGIONS, parse_bbox

    if region is not None and bbox is not None:
        raise UsageError("give --region or --bbox, not both")
    if bbox is None:
        return REGIONS[region.value] if region is not None else None
    try:
        return parse_bbox(bbox)
    except ValueError as error:
        raise UsageError(f"--bbox: {error}") from None


def _deliver_map(svg: str, map_format: MapFormat, output: str | None) -> None:
    if map_format is MapFormat.svg:
        deliver([svg], output)
        return
    from corridors.render.browser import svg_to_png
    from corridors.render.files import write_atomic_bytes

    png = svg_to_png(svg)
    if output:
        write_atomic_bytes(output, png)
    else:
        from corridors.cli.common import emit

        emit(png)


def _map_routes(
    cgraph: CorridorGraph, origin: str, destination: str, by: str, as_of: int | None, compare: bool
) -> tuple[str, list[Any]]:
    from corridors.analysis.routing import best_route, compare_corridors
    from corridors.analysis.scenario import Scenario, resolve_node
    from corridors.render.svgmap import HIGHLIGHT, PALETTE, Highlight

    network = cgraph.network
    start, end = resolve_node(network, origin), resolve_node(network, destination)
    from corridors.analysis.criteria import route_label

    label = route_label(by)
    if not compare:
        route = best_route(cgraph, start.id, end.id, by=by, scenario=Scenario(as_of=as_of))
        text = f"{start.name} → {end.name}: {route.totals.km:,.0f} km, {label}"
        return f"{start.name} → {end.name}", [Highlight(route.nodes, HIGHLIGHT, text)]
    comparison = compare_corridors(cgraph, start.id, end.id, by=by, as_of=as_of)
    highlights = []
    for index, corridor in enumerate(comparison.corridors):
        if corridor.route is not None:
            text = f"{corridor.name}: {corridor.route.totals.km:,.0f} km"
            highlights.append(Highlight(corridor.route.nodes, PALETTE[index % len(PALETTE)], text))
    return f"{start.name} → {end.name}: corridors compared ({label})", highlights
