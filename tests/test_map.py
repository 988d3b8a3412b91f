"""The briefing map: projection, clipping, and the sample briefing's places at plausible positions."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.mapsvg import HEIGHT, PAD, WIDTH, MapPlace, clip_ring, fit, outlines, render_map
from briefing.models import Briefing
from briefing.registry import packaged
from briefing.render import render_html

from .conftest import SEEDS
from .test_render import make_briefing

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def sample_briefing(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    """The sample run's briefing (replayed, JSON only)."""
    out = tmp_path_factory.mktemp("map")
    result = CliRunner().invoke(cli, ["generate", str(SEEDS), "--date", "2017-11-04", "--format", "json", "-q",
                                      "--replay", str(SEEDS / "sample-run.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return Briefing.model_validate_json((out / "briefing-2017-11-04.json").read_text(encoding="utf-8"))


def test_fit_keeps_every_point_inside_with_padding() -> None:
    points = [(40.918, 34.453), (41.094, 34.369), (35.824, 33.126), (43.13, 36.34)]
    proj = fit(points)
    for lon, lat in points:
        x, y = proj(lon, lat)
        assert PAD - 1e-6 <= x <= WIDTH - PAD + 1e-6 and PAD - 1e-6 <= y <= HEIGHT - PAD + 1e-6
        assert proj.inverse(x, y) == pytest.approx((lon, lat))
    # one axis is filled edge to edge (within the padding), and the aspect is the cosine of the latitude
    xs = [proj(*p)[0] for p in points]
    ys = [proj(*p)[1] for p in points]
    assert max(xs) - min(xs) == pytest.approx(WIDTH - 2 * PAD) or max(ys) - min(ys) == pytest.approx(HEIGHT - 2 * PAD)
    assert proj.kx / proj.k == pytest.approx(math.cos(math.radians((33.126 + 36.34) / 2)))
    # east is right, north is up
    assert proj(41.0, 34.0)[0] > proj(40.0, 34.0)[0] and proj(40.0, 35.0)[1] < proj(40.0, 34.0)[1]


def test_fit_one_point_is_centred_and_not_zoomed_in_forever() -> None:
    proj = fit([(41.094, 34.369)])
    assert proj(41.094, 34.369) == pytest.approx((WIDTH / 2, HEIGHT / 2))
    assert proj.k == pytest.approx((HEIGHT - 2 * PAD) / 3.0)  # the minimum span
    with pytest.raises(ValueError):
        fit([])


def test_clip_ring_to_rectangle() -> None:
    square = [(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)]
    clipped = clip_ring(square, 0, 0, 10, 10)
    assert sorted(clipped) == [(0.0, 0.0), (0.0, 5.0), (5.0, 0.0), (5.0, 5.0)]
    assert clip_ring([(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)], 0, 0, 10, 10) == []


def test_outlines_are_packaged_and_cover_the_region() -> None:
    shapes = outlines()
    for country in ("Iraq", "Syria", "Jordan", "Lebanon", "Israel", "Saudi Arabia", "Turkey", "Iran", "Egypt"):
        assert shapes[country], country
    registry = packaged()
    # the registry's coordinates of a few towns fall inside their country's outline
    for town, country in (("Baghdad", "Iraq"), ("Deir ez-Zor", "Syria"), ("Riyadh", "Saudi Arabia"),
                          ("Cairo", "Egypt"), ("Mosul", "Iraq"), ("Damascus", "Syria")):
        entry = registry.by_english(town)
        assert entry is not None and entry.lon is not None and entry.lat is not None
        assert any(_inside((entry.lon, entry.lat), ring) for ring in shapes[country]), town


def _inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = point
    inside = False
    for i, (x1, y1) in enumerate(ring):
        x0, y0 = ring[i - 1]
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def test_render_map_escapes_and_handles_no_places() -> None:
    assert render_map([]) == ""
    assert render_map([MapPlace("Washington", 38.9, -77.0, 1)]) == ""  # outside the region: listed, not drawn
    svg = render_map([MapPlace("<b>Qaim</b>", 34.369, 41.094, 2, "p1")], ["Iraq"])
    root = ET.fromstring(str(svg))  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert "&lt;b&gt;Qaim&lt;/b&gt;" in svg
    assert 'class="country named"' in svg


def _extent(svg: ET.Element) -> tuple[float, float, float, float]:
    label = svg.get("aria-label") or ""
    m = re.search(r"([\d.]+)°–([\d.]+)°N, ([\d.]+)°–([\d.]+)°E", label)
    assert m, label
    lat_s, lat_n, lon_w, lon_e = map(float, m.groups())
    return lat_s, lat_n, lon_w, lon_e


def test_sample_map_places_al_qaim_and_al_bukamal(sample_briefing: Briefing) -> None:
    html = render_html(sample_briefing)
    svg_text = re.search(r"<svg class=\"map\".*?</svg>", html, flags=re.S)
    assert svg_text is not None
    svg = ET.fromstring(svg_text.group())
    lat_s, lat_n, lon_w, lon_e = _extent(svg)
    width, height = float(svg.get("width") or 0), float(svg.get("height") or 0)
    dots = {}
    for g in svg.iter(f"{SVG}g"):
        if g.get("class") == "place":
            circle = g.find(f"{SVG}circle")
            assert circle is not None
            cx, cy = float(circle.get("cx") or 0), float(circle.get("cy") or 0)
            # back to degrees (the extent is rounded to 0.1 degree)
            dots[g.get("data-name")] = (lon_w + cx / width * (lon_e - lon_w), lat_n - cy / height * (lat_n - lat_s))
    registry = packaged()
    for name in ("Al-Qaim", "Al-Bukamal", "Deir ez-Zor", "Rawa", "Mosul"):
        entry = registry.by_english(name)
        assert entry is not None and entry.lon is not None and entry.lat is not None
        lon, lat = dots[name]
        assert lon == pytest.approx(entry.lon, abs=0.15) and lat == pytest.approx(entry.lat, abs=0.15), name
    # Al-Qaim lies east and a little south of Al-Bukamal, across the border; Mosul is north-east of both
    assert dots["Al-Qaim"][0] > dots["Al-Bukamal"][0] and dots["Al-Qaim"][1] < dots["Al-Bukamal"][1]
    assert dots["Mosul"][1] > dots["Al-Qaim"][1] and dots["Mosul"][0] > dots["Al-Qaim"][0]
    # Syria and Iraq are shaded (named in the claims), drawn with their labels; countries are not dots
    named = {(p.find(f"{SVG}title").text or "") for p in svg.iter(f"{SVG}path")  # type: ignore[union-attr]
             if p.get("class") == "country named"}
    assert {"Syria", "Iraq"} <= named
    assert "Syria" not in dots and "Iraq" not in dots
    # the labels carry the places' filter keys, for the review page
    assert 'data-places="p' in svg_text.group()


def test_map_is_in_the_html_with_its_caption() -> None:
    html = render_html(make_briefing())
    assert '<section class="map-section" id="map">' in html
    assert "Natural Earth" in html
