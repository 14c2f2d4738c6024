"""Douglas-Peucker on the sphere, shared by the scripts that draw track and sea-lane geometry."""

from __future__ import annotations

import math
from collections.abc import Sequence

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius

Point = tuple[float, float]  # (lon, lat)


def douglas_peucker(points: Sequence[Point], tolerance_km: float) -> list[Point]:
    """Simplified polyline (lon, lat): every dropped point lies within tolerance of the kept line."""
    pts = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        first, last = stack.pop()
        (lon_a, lat_a), (lon_b, lat_b) = pts[first], pts[last]
        kx = math.cos(math.radians((lat_a + lat_b) / 2)) * math.pi / 180 * EARTH_RADIUS_KM
        ky = math.pi / 180 * EARTH_RADIUS_KM
        dx, dy = (lon_b - lon_a) * kx, (lat_b - lat_a) * ky
        length2 = dx * dx + dy * dy
        far, far_d = -1, tolerance_km
        for i in range(first + 1, last):
            px, py = (pts[i][0] - lon_a) * kx, (pts[i][1] - lat_a) * ky
            t = max(0.0, min(1.0, (px * dx + py * dy) / length2)) if length2 else 0.0
            d = math.hypot(px - t * dx, py - t * dy)
            if d > far_d:
                far, far_d = i, d
        if far >= 0:
            keep[far] = True
            stack.extend(((first, far), (far, last)))
    return [p for p, k in zip(pts, keep, strict=True) if k]
