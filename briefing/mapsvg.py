"""The briefing map: the day's places as dots on an outline of the region, one inline SVG.

Coordinates come from the transliteration registry (``lat``/``lon`` of place entries); the
country outlines from ``briefing/data/outlines.json`` (Natural Earth 1:110m, public domain,
coarse). Nothing is fetched. The projection is equirectangular with the longitude scaled by the
cosine of the middle latitude, fitted to the places' bounding box with padding, so the map zooms
to where the day's news is.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

OUTLINES = Path(__file__).parent / "data" / "outlines.json"

WIDTH = 640.0
HEIGHT = 420.0
PAD = 40.0  # pixels kept free around the places
MIN_SPAN_DEG = 3.0  # never zoom closer than this many degrees of latitude
REGION = (24.0, 10.0, 64.0, 43.0)  # lon/lat box the outlines cover; places outside are listed, not drawn
_FONT = 11.0
_CHAR_W = 0.56 * _FONT  # rough width of one character of the label font
_MERGE_PX = 9.0  # dots closer than this share one marker
_TEXT = f'font-family="Noto Sans, DejaVu Sans, sans-serif" font-size="{_FONT:g}"'


@dataclass(frozen=True)
class MapPlace:
    """A place to draw: its English name, WGS84 coordinates and how many claims name it."""

    name: str
    lat: float
    lon: float
    claims: int = 0
    key: str = ""  # the review page's filter value for this place


@dataclass(frozen=True)
class Projection:
    """Equirectangular, fitted: ``x = (lon - lon0) * kx``, ``y = (lat_top - lat) * k``."""

    lon0: float
    lat_top: float
    k: float  # pixels per degree of latitude
    kx: float  # pixels per degree of longitude (k * cos(middle latitude))

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.kx, (self.lat_top - lat) * self.k

    def inverse(self, x: float, y: float) -> tuple[float, float]:
        return self.lon0 + x / self.kx, self.lat_top - y / self.k


def fit(points: Sequence[tuple[float, float]], width: float = WIDTH, height: float = HEIGHT,
        pad: float = PAD, min_span: float = MIN_SPAN_DEG) -> Projection:
    """The projection that shows every ``(lon, lat)`` point inside ``width`` x ``height`` with ``pad``.

    The box is centred on the points; the scale is the largest that fits both axes (aspect kept),
    no closer than ``min_span`` degrees of latitude across the drawable height.
    """
    if not points:
        raise ValueError("no points to fit")
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    mid_lat = (min(lats) + max(lats)) / 2
    cos = math.cos(math.radians(mid_lat))
    span_lon = max(max(lons) - min(lons), 1e-9)
    span_lat = max(max(lats) - min(lats), 1e-9)
    k = min((width - 2 * pad) / (span_lon * cos), (height - 2 * pad) / span_lat, (height - 2 * pad) / min_span)
    kx = k * cos
    centre_lon = (min(lons) + max(lons)) / 2
    centre_lat = mid_lat
    return Projection(lon0=centre_lon - width / 2 / kx, lat_top=centre_lat + height / 2 / k, k=k, kx=kx)


@dataclass
class _Marker:
    x: float
    y: float
    places: list[MapPlace] = field(default_factory=list)

    @property
    def label(self) -> str:
        head = max(self.places, key=lambda p: (p.claims, -len(p.name)))
        more = len(self.places) - 1
        return head.name + (f" +{more}" if more else "")


@cache
def outlines() -> dict[str, list[list[tuple[float, float]]]]:
    """Country name -> rings of ``(lon, lat)``, from the packaged outline file."""
    data = json.loads(OUTLINES.read_text(encoding="utf-8"))
    return {name: [[(float(x), float(y)) for x, y in ring] for ring in rings]
            for name, rings in data["countries"].items()}


def in_region(lon: float, lat: float) -> bool:
    return REGION[0] <= lon <= REGION[2] and REGION[1] <= lat <= REGION[3]


def clip_ring(ring: Sequence[tuple[float, float]], x0: float, y0: float, x1: float,
              y1: float) -> list[tuple[float, float]]:
    """``ring`` clipped to the rectangle (Sutherland-Hodgman); the outside becomes the rectangle's edge."""
    out = list(ring)
    for axis, limit, low in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        points, out = out, []

        def inside(p: tuple[float, float], axis: int = axis, limit: float = limit, low: bool = low) -> bool:
            return p[axis] >= limit if low else p[axis] <= limit

        def cross(a: tuple[float, float], b: tuple[float, float], axis: int = axis,
                  limit: float = limit) -> tuple[float, float]:
            t = (limit - a[axis]) / (b[axis] - a[axis])
            return (limit, a[1] + (b[1] - a[1]) * t) if axis == 0 else (a[0] + (b[0] - a[0]) * t, limit)

        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        if not out:
            break
    return out


def _centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float, float]:
    """Area-weighted centroid and the (absolute) area of a polygon."""
    area = cx = cy = 0.0
    for i, (x1, y1) in enumerate(ring):
        x0, y0 = ring[i - 1]
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-9:
        return ring[0][0], ring[0][1], 0.0
    return cx / (3 * area), cy / (3 * area), abs(area) / 2


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def render_map(places: Sequence[MapPlace], countries: Sequence[str] = ()) -> Markup:
    """An inline ``<svg>`` of the places (dots and English labels) on the region's outlines.

    ``countries`` named in the day's news are shaded. Places outside the region are the caller's
    to list; an empty ``places`` gives an empty string.
    """
    shown = [p for p in places if in_region(p.lon, p.lat)]
    if not shown:
        return Markup("")
    proj = fit([(p.lon, p.lat) for p in shown])
    named = set(countries)

    # country shapes clipped to the frame, those named shaded; each labelled at its visible centroid
    shapes: list[str] = []
    country_labels: list[tuple[str, float, float]] = []
    for name, rings in outlines().items():
        paths = []
        best = (0.0, 0.0, 0.0)
        for ring in rings:
            pts = clip_ring([proj(lon, lat) for lon, lat in ring], -2, -2, WIDTH + 2, HEIGHT + 2)
            if len(pts) < 3:
                continue
            paths.append("M" + "L".join(f"{_fmt(x)} {_fmt(y)}" for x, y in pts) + "Z")
            centre = _centroid(pts)
            if centre[2] > best[2]:
                best = centre
        if best[2] > 2500:  # big enough on the map to carry its name
            country_labels.append((name, best[0], best[1]))
        if paths:
            cls, fill = ("country named", "#ddd3b8") if name in named else ("country", "#f1efe9")
            shapes.append(f'<path class="{cls}" fill="{fill}" stroke="#9c978c" stroke-width="0.7" '
                          f'stroke-linejoin="round" d="{"".join(paths)}"><title>{escape(name)}</title></path>')

    # dots: nearby places share one marker, the one with most claims names it
    markers: list[_Marker] = []
    for place in sorted(shown, key=lambda p: (-p.claims, p.name)):
        x, y = proj(place.lon, place.lat)
        for m in markers:
            if math.hypot(m.x - x, m.y - y) < _MERGE_PX:
                m.places.append(place)
                break
        else:
            markers.append(_Marker(x, y, [place]))

    # labels: first free spot of right, left, above, below; dots are obstacles too
    taken = [(m.x - 4, m.y - 4, m.x + 4, m.y + 4) for m in markers]
    dots: list[str] = []
    for m in markers:
        r = 3.5 + min(4.0, math.sqrt(sum(p.claims for p in m.places)))
        text = m.label
        w = len(text) * _CHAR_W
        h = _FONT
        candidates = [
            (m.x + r + 3, m.y + h / 2 - 2, "start", (m.x + r + 2, m.y - h / 2, m.x + r + 4 + w, m.y + h / 2)),
            (m.x - r - 3, m.y + h / 2 - 2, "end", (m.x - r - 4 - w, m.y - h / 2, m.x - r - 2, m.y + h / 2)),
            (m.x, m.y - r - 4, "middle", (m.x - w / 2, m.y - r - 4 - h, m.x + w / 2, m.y - r - 3)),
            (m.x, m.y + r + h + 1, "middle", (m.x - w / 2, m.y + r + 2, m.x + w / 2, m.y + r + h + 3)),
        ]
        tx, ty, anchor, box = candidates[0]
        for cand in candidates:
            cbox = cand[3]
            inside = cbox[0] >= 0 and cbox[2] <= WIDTH and cbox[1] >= 0 and cbox[3] <= HEIGHT
            if inside and not any(_overlaps(cbox, t) for t in taken):
                tx, ty, anchor, box = cand
                break
        taken.append(box)
        names = ", ".join(f"{p.name} ({p.claims} claim{'' if p.claims == 1 else 's'})" for p in m.places)
        keys = " ".join(p.key for p in m.places if p.key)
        data = f' data-places="{escape(keys)}"' if keys else ""
        dots.append(
            f'<g class="place"{data} data-name="{escape(m.places[0].name)}"><title>{escape(names)}</title>'
            f'<circle cx="{_fmt(m.x)}" cy="{_fmt(m.y)}" r="{_fmt(r)}" fill="#8a1c1c" fill-opacity="0.85" '
            f'stroke="#ffffff" stroke-width="1"/>'
            f'<text x="{_fmt(tx)}" y="{_fmt(ty)}" text-anchor="{anchor}" {_TEXT} stroke="#ffffff" '
            f'stroke-width="3" stroke-linejoin="round">{escape(text)}</text>'
            f'<text x="{_fmt(tx)}" y="{_fmt(ty)}" text-anchor="{anchor}" {_TEXT} fill="#1b2430">'
            f"{escape(text)}</text></g>"
        )

    labels: list[str] = []
    for name, x, y in country_labels:
        w = len(name) * _CHAR_W * 1.1
        box = (x - w / 2, y - _FONT, x + w / 2, y + 2)
        if box[0] >= 0 and box[2] <= WIDTH and box[1] >= 0 and box[3] <= HEIGHT and not any(
                _overlaps(box, t) for t in taken):
            taken.append(box)
            labels.append(f'<text class="country-name" x="{_fmt(x)}" y="{_fmt(y)}" text-anchor="middle" {_TEXT} '
                          f'fill="#8d8778" letter-spacing="1.5">{escape(name.upper())}</text>')

    # a scale bar: the largest round number of km under a quarter of the width
    km_per_px = 111.32 / proj.k
    km = max((v for v in (10, 20, 50, 100, 200, 500, 1000) if v / km_per_px <= WIDTH / 4), default=10)
    bar = km / km_per_px
    scale = (f'<g class="scale"><path d="M12 {_fmt(HEIGHT - 14)}h{_fmt(bar)}" stroke="#1b2430" stroke-width="2"/>'
             f'<text x="12" y="{_fmt(HEIGHT - 19)}" {_TEXT} fill="#1b2430">{km} km</text></g>')
    lon_w, lat_s = proj.inverse(0, HEIGHT)
    lon_e, lat_n = proj.inverse(WIDTH, 0)
    title = (f"Map of {len(shown)} place{'' if len(shown) == 1 else 's'} named in the day's claims, "
             f"{lat_s:.1f}°–{lat_n:.1f}°N, {lon_w:.1f}°–{lon_e:.1f}°E")
    return Markup(
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_fmt(WIDTH)} {_fmt(HEIGHT)}" '
        f'width="{_fmt(WIDTH)}" height="{_fmt(HEIGHT)}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<rect class="sea" width="{_fmt(WIDTH)}" height="{_fmt(HEIGHT)}" fill="#e8eff5"/>'
        f'{"".join(shapes)}{"".join(labels)}{"".join(dots)}{scale}</svg>'
    )
