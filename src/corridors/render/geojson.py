"""GeoJSON (RFC 7946) exports: routes, legs, nodes and edges as a FeatureCollection.

Coordinates are [longitude, latitude] in WGS 84. An edge with a `geometry` in the data is
drawn along that track (property "geometry": "track"); one without is a straight line between
its ends ("geometry": "straight"). A segment whose shorter way between its ends crosses
the antimeridian is split there into a MultiLineString, as RFC 7946 section 3.1.9 asks,
so GIS tools do not draw it the long way round the globe.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from corridors.analysis.results import Comparison, Route
from corridors.network.model import Edge, Network, Node

Position = list[float]
COORD_DIGITS = 6  # about 0.1 m


def _position(node: Node) -> Position:
    return [round(node.lon, COORD_DIGITS), round(node.lat, COORD_DIGITS)]


def split_segment(start: Position, end: Position) -> list[list[Position]]:
    """The segment from `start` to `end` the short way, split at +/-180 degrees if it crosses."""
    (lon1, lat1), (lon2, lat2) = start, end
    delta = lon2 - lon1
    if abs(delta) <= 180:
        return [[start, end]]
    # The short way goes across the antimeridian: unwrap the second longitude, then cut.
    unwrapped = lon2 - 360 if delta > 0 else lon2 + 360
    edge = 180.0 if unwrapped > 180 else -180.0
    fraction = (edge - lon1) / (unwrapped - lon1)
    lat = round(lat1 + fraction * (lat2 - lat1), COORD_DIGITS)
    return [[start, [edge, lat]], [[-edge, lat], end]]


def line_geometry(points: Sequence[Position]) -> dict[str, Any]:
    """A LineString, or a MultiLineString where the line crosses the antimeridian."""
    parts: list[list[Position]] = [[points[0]]]
    for start, end in itertools.pairwise(points):
        pieces = split_segment(start, end)
        parts[-1].append(pieces[0][1])
        for piece in pieces[1:]:
            parts.append(list(piece))
    if len(parts) == 1:
        return {"type": "LineString", "coordinates": parts[0]}
    return {"type": "MultiLineString", "coordinates": parts}


def _drawn(edge: Edge, start: str, network: Network) -> tuple[list[Position], str]:
    """The edge's line travelled from node `start`, and whether it is the "track" or "straight"."""
    if edge.geometry:
        points = [[round(lon, COORD_DIGITS), round(lat, COORD_DIGITS)] for lon, lat in edge.geometry]
        return (points if start == edge.source else points[::-1]), "track"
    end = edge.target if start == edge.source else edge.source
    return [_position(network.nodes[start]), _position(network.nodes[end])], "straight"


def _feature(geometry: Mapping[str, Any], properties: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": dict(geometry), "properties": dict(properties)}


def _collection(features: list[dict[str, Any]], meta: Mapping[str, Any]) -> dict[str, Any]:
    # Foreign members (RFC 7946 section 6.1) carry the same envelope as --json.
    return {"type": "FeatureCollection", **meta, "features": features}


def _route_features(network: Network, route: Route, extra: Mapping[str, Any]) -> list[dict[str, Any]]:
    edges = {edge.id: edge for edge in network.edges}
    drawn = [_drawn(edges[leg.edge_id], leg.source, network) for leg in route.legs]
    points = [_position(network.nodes[route.nodes[0]])]
    for line, _ in drawn:
        points.extend(line[1:])
    kinds = {kind for _, kind in drawn}
    features = [
        _feature(
            line_geometry(points),
            {
                "feature": "route",
                **extra,
                "criterion": route.criterion,
                "from": route.nodes[0],
                "to": route.nodes[-1],
                "nodes": list(route.nodes),
                "geometry": kinds.pop() if len(kinds) == 1 else "partly straight",
                **route.totals.to_dict(),
            },
        )
    ]
    for number, (leg, (line, kind)) in enumerate(zip(route.legs, drawn, strict=True), 1):
        properties = {"feature": "leg", **extra, "criterion": route.criterion, "leg": number}
        properties.update(leg.to_dict())
        properties["from_name"] = network.nodes[leg.source].name
        properties["to_name"] = network.nodes[leg.target].name
        properties["geometry"] = kind
        features.append(_feature(line_geometry(line), properties))
    return features


def path_geojson(meta: Mapping[str, Any], network: Network, routes: Sequence[Route]) -> dict[str, Any]:
    """Per route (best first): a route feature with its totals, then one feature per leg."""
    features = []
    for rank, route in enumerate(routes, 1):
        features.extend(_route_features(network, route, {"route_rank": rank}))
    return _collection(features, meta)


def compare_geojson(meta: Mapping[str, Any], network: Network, comparison: Comparison) -> dict[str, Any]:
    """Per corridor with a route: a route feature with its totals, then its legs."""
    features = []
    for corridor in comparison.corridors:
        if corridor.route is not None:
            extra = {"corridor": corridor.id, "corridor_name": corridor.name}
            features.extend(_route_features(network, corridor.route, extra))
    return _collection(features, meta)


def nodes_geojson(
    meta: Mapping[str, Any], network: Network, nodes: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """A Point per node, with the `nodes --json` entry as its properties."""
    features = [
        _feature(
            {"type": "Point", "coordinates": _position(network.nodes[entry["id"]])},
            {"feature": "node", **entry},
        )
        for entry in nodes
    ]
    return _collection(features, meta)


def edges_geojson(
    meta: Mapping[str, Any], network: Network, edges: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """A line per edge, with the `edges --json` entry as its properties."""
    by_id = {edge.id: edge for edge in network.edges}
    features = []
    for entry in edges:
        line, kind = _drawn(by_id[entry["id"]], entry["from"], network)
        features.append(_feature(line_geometry(line), {"feature": "edge", **entry, "geometry": kind}))
    return _collection(features, meta)
