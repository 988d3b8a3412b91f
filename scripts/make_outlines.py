"""Write briefing/data/outlines.json: the country outlines the briefing map draws.

Not run by the package or its tests; kept so the data file can be remade. The shapes are Natural
Earth's 1:110m admin-0 countries (public domain), as shipped inside the geopandas 0.14 wheel
(``geopandas/datasets/naturalearth_lowres``), read with pyshp, coordinates rounded to 0.01 degree.

    pip download --no-deps geopandas==0.14.4 -d /tmp/ne
    (cd /tmp/ne && unzip -o geopandas-*.whl 'geopandas/datasets/*')
    pip install pyshp
    python scripts/make_outlines.py /tmp/ne/geopandas/datasets/naturalearth_lowres/naturalearth_lowres
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import shapefile  # type: ignore[import-not-found]  # pyshp, only for this script

BOX = (24.0, 10.0, 64.0, 43.0)  # lon/lat of the region the map can show: Egypt to Afghanistan
SKIP = {"Russia", "Kazakhstan", "Ukraine", "Uzbekistan", "Romania", "Bulgaria", "Serbia", "Kosovo", "Montenegro",
        "Albania", "North Macedonia", "Chad", "Central African Rep.", "S. Sudan", "Pakistan"}
OUT = Path(__file__).resolve().parent.parent / "briefing" / "data" / "outlines.json"


def _intersects(points: list[tuple[float, float]]) -> bool:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return max(xs) >= BOX[0] and min(xs) <= BOX[2] and max(ys) >= BOX[1] and min(ys) <= BOX[3]


def main(shp: str) -> None:
    countries: dict[str, list[list[list[float]]]] = {}
    for item in shapefile.Reader(shp).iterShapeRecords():
        name = item.record["name"]
        if name in SKIP:
            continue
        shape = item.shape
        bounds = [*shape.parts, len(shape.points)]
        rings = []
        for a, b in itertools.pairwise(bounds):
            ring = [(round(x, 2), round(y, 2)) for x, y in shape.points[a:b]]
            if len(ring) >= 4 and _intersects(ring):
                rings.append([list(p) for p in ring])
        if rings:
            countries[name] = rings
    data = {
        "source": "Natural Earth 1:110m admin-0 countries (public domain, naturalearthdata.com), "
        "as shipped in the geopandas 0.14 wheel (datasets/naturalearth_lowres); made by scripts/make_outlines.py",
        "note": "Coarse, approximate outlines for orientation only; borders as Natural Earth draws them, "
        "not an endorsement of any claim. Coordinates are [longitude, latitude] in degrees (WGS84).",
        "countries": dict(sorted(countries.items())),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(countries)} countries, {sum(len(r) for rs in countries.values() for r in rs)} points")


if __name__ == "__main__":
    main(sys.argv[1])
