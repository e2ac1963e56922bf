"""Chart specs and the map topology, checked against the real sample build.

Each spec must be valid Vega-Lite, read the published files by URL, carry an
accessible description, and render to an SVG with the expected marks, the area
names and German number formats.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import geopandas as gpd
import jsonschema
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon, box

from sozmon import charts, chartset, format, maps, pipeline, render, routes
from sozmon.model import TOTAL

ROOT = Path(__file__).resolve().parents[1]
LABELS = ["sehr niedrig", "niedrig", "mittel", "hoch", "sehr hoch"]
CITY = "Gelsenkirchen"
INDEX_NAME = "Partizipation von Kindern"
DATA_URLS = {charts.INDEX_URL, charts.VALUES_URL, charts.AGGREGATES_URL, maps.TOPOLOGY_PATH}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A folder laid out like the site root: daten/… and assets/karten/…"""
    out = tmp_path_factory.mktemp("site")
    pipeline.build(ROOT / "datapackage", out)
    areas = gpd.read_file(out / "daten" / "sozialraeume.geojson")
    urls = {i: f"sozialraeume/{i}/" for i in areas["sozialraum_id"]}
    maps.write_topology(maps.topology(areas, urls), out / maps.TOPOLOGY_PATH)
    return out


@pytest.fixture(scope="module")
def tables(site):
    def read(name):
        return pd.read_csv(site / "daten" / f"{name}.csv", dtype={"sozialraum_id": str})

    return {
        "index": read("index"),
        "values": read("indikator_werte"),
        "areas": gpd.read_file(site / "daten" / "sozialraeume.geojson"),
        "indicators": read("indikatoren"),
        "dimensions": read("dimensionen"),
    }


@pytest.fixture(scope="module")
def specs(tables) -> dict[str, dict]:
    index, values = tables["index"], tables["values"]
    year = int(index["jahr"].max())
    area = "01"
    area_name = tables["areas"].set_index("sozialraum_id").loc[area, "name"]
    indicator = tables["indicators"].iloc[0]
    dims = tables["dimensions"]
    labels_by_dimension = {TOTAL: "Gesamtindex", **dict(zip(dims["dimension_id"], dims["name"]))}
    latest = values[(values["indikator_id"] == indicator["indikator_id"]) & (values["jahr"] == year)]
    breaks = charts.quantile_breaks(latest["wert"].tolist(), k=5)
    common = dict(name=indicator["name"], unit=indicator["einheit"], city=CITY)
    return {
        "class_map": charts.class_map(LABELS, year, name=INDEX_NAME, city=CITY),
        "class_map_districts": charts.class_map(LABELS, year, name=INDEX_NAME, city=CITY, districts=True),
        "class_map_latest": charts.class_map(
            LABELS, None, dimension_id="bildung", name="Bildungsbeteiligung", city=CITY
        ),
        "locator_map": charts.locator_map(area, area_name=area_name, city=CITY),
        "locator_nearby": charts.locator_map(area, area_name=area_name, city=CITY, nearby=["03", "01", "02"]),
        "value_map": charts.value_map(
            indicator["indikator_id"], breaks, year=year, direction=int(indicator["richtung"]), **common
        ),
        "dimension_bars": charts.dimension_bars(
            area, labels_by_dimension, year, area_name=area_name, city=CITY, class_labels=LABELS
        ),
        "index_over_time": charts.index_over_time(
            area, area_name=area_name, city=CITY, name=INDEX_NAME, class_labels=LABELS
        ),
        "ranking_index": charts.ranking(
            TOTAL, "index", year, name=INDEX_NAME, city=CITY, class_labels=LABELS, highlight=area
        ),
        "ranking_indicator": charts.ranking(
            indicator["indikator_id"], "indicator", year, direction=int(indicator["richtung"]), **common
        ),
        "distribution_over_time": charts.distribution_over_time(indicator["indikator_id"], **common),
    }


@pytest.fixture(scope="module")
def svgs(specs, site) -> dict[str, str]:
    return {name: render.render_svg(spec, site) for name, spec in specs.items()}


def _data_objects(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "data" and isinstance(value, dict):
                yield value
            yield from _data_objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _data_objects(value)


def _labels(svg: str) -> list[str]:
    """aria-labels of the data marks (paths), as the screen reader gets them."""
    tags = [t for t in re.findall(r"<path [^>]*>", svg) if 'role="graphics-symbol"' in t]
    return [m.group(1) for t in tags if (m := re.search(r'aria-label="([^"]*)"', t))]


# --- specs -------------------------------------------------------------------------------


def test_every_spec_is_valid_vega_lite(specs):
    schema = alt.vegalite.v6.schema.core.load_schema()
    for spec in specs.values():
        jsonschema.validate(spec, schema)
        chart_class = alt.LayerChart if "layer" in spec else alt.Chart
        chart_class.from_dict(spec)  # raises on an invalid spec


def test_every_spec_is_accessible_and_fits_a_phone(specs):
    for name, spec in specs.items():
        assert spec["description"].strip(), name
        assert spec["width"] == "container", name
        assert spec["autosize"]["contains"] == "padding", name
        assert spec["autosize"]["type"] in ("fit", "fit-x"), name
        assert spec["config"]["font"].startswith("system-ui"), name
        text = json.dumps(spec)
        assert "http" not in text.replace(spec["$schema"], ""), f"{name} refers to the web"
        if not name.startswith("locator_"):  # decorative shapes only; the spec's description says it all
            assert '"description": {"field": "description"' in text, name


def test_specs_read_published_files_by_url(specs):
    for name, spec in specs.items():
        for data in _data_objects(spec):
            if "url" in data:
                assert data["url"] in DATA_URLS, (name, data["url"])
                if data["format"]["type"] == "csv":
                    assert (
                        data["format"]["parse"]["sozialraum_id" if data["url"] != charts.AGGREGATES_URL else "gebiet"]
                        == "string"
                    )
            else:
                # only the one-row datum of a zero rule is inline
                assert len(data["values"]) == 1, (name, data)


def test_specs_are_deterministic():
    a = charts.class_map(LABELS, 2024, name=INDEX_NAME, city=CITY)
    b = charts.class_map(LABELS, 2024, name=INDEX_NAME, city=CITY)
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_value_map_colours_keep_their_meaning():
    """Darkest colour = least favourable, whichever way the indicator points."""
    breaks = [10.0, 20.0, 30.0, 40.0]
    up = charts.value_map("x", breaks, name="X", unit="%", direction=1, city=CITY)
    down = charts.value_map("x", breaks, name="X", unit="%", direction=-1, city=CITY)
    colours = lambda spec: spec["layer"][1]["encoding"]["color"]["scale"]["range"][:5]  # noqa: E731
    assert colours(up) == colours(down)[::-1]
    assert colours(down)[-1] == charts.VALUE_COLOURS[5][-1]  # high value, bad → darkest


def test_class_names_and_german_numbers():
    assert charts.german_number(-1234.56, 2) == "\u22121.234,56"
    names = charts.value_class_names([24.1, 33.3], 1)
    assert names == ["unter 24,1", "24,1 bis unter 33,3", "33,3 und mehr"]


def test_quantile_breaks():
    values = list(np.arange(1, 101, dtype=float)) + [None, float("nan")]
    breaks = charts.quantile_breaks(values, k=5)
    assert breaks == [20.8, 40.6, 60.4, 80.2]
    assert charts.quantile_breaks([5.0] * 10) == []
    assert charts.quantile_breaks([]) == []


# --- rendered SVG -------------------------------------------------------------------------


def test_class_map_renders_40_labelled_linked_areas(svgs, tables):
    svg = svgs["class_map"]
    labels = _labels(svg)
    assert len(labels) == 40
    names = set(tables["areas"]["name"])
    assert {label.split(":")[0] for label in labels} == names
    # a clean label that says what the class is about: "Altstadt: Index −1,51, Teilhabechancen sehr niedrig"
    for sign in ("+", "\u2212"):  # signed as on the pages: "+1,57", "−1,51"
        assert any(
            re.fullmatch(rf".+: Index {re.escape(sign)}\d+,\d\d, Teilhabechancen (" + "|".join(LABELS) + ")", x)
            for x in labels
        )
    assert "properties.url" not in svg
    assert "Teilhabechancen" in svg and "keine Angabe" in svg


def test_maps_do_not_fill_the_frame(svgs):
    """With counter-clockwise rings d3 draws the rest of the globe: a frame-filling path."""
    for name in ("class_map", "value_map", "locator_map"):
        svg = svgs[name]
        width = int(re.search(r'<svg[^>]*width="(\d+)"', svg).group(1))
        shapes = [
            t
            for t in re.findall(r"<path [^>]*>", svg)
            if 'aria-roledescription="geoshape"' in t or "aria-hidden" not in t
        ]
        for d in [re.search(r' d="([^"]*)"', t).group(1) for t in shapes if ' d="' in t]:
            xs = [float(x) for x in re.findall(r"[ML](-?[\d.]+),", d)]
            assert max(xs) - min(xs) < width * 0.9, name


def test_value_map_shows_classes_in_german(svgs):
    svg = svgs["value_map"]
    assert len(_labels(svg)) == 40
    assert re.search(r">\d+,\d bis unter \d+,\d<", svg)
    assert "unter " in svg and " und mehr" in svg


def test_locator_map_highlight_is_no_class_colour(specs):
    """A "sehr niedrig" area must not look "sehr hoch": the mark is no colour of any legend."""
    legend_colours = {
        c.lower() for ramp in [*charts.CLASS_COLOURS.values(), *charts.VALUE_COLOURS.values()] for c in ramp
    } | {charts.MISSING_COLOUR}
    assert charts.HIGHLIGHT.lower() not in legend_colours
    assert "schwarz" in specs["locator_map"]["description"]


def test_legend_lists_only_the_classes_shown():
    """Colours stay those of the full palette: "mittel" is the 3rd of 5, pale yellow."""
    scale = charts._class_scale(LABELS, {"mittel", "keine Angabe"}).to_dict()
    assert scale == {"domain": ["mittel", "keine Angabe"], "range": ["#ffffbf", charts.MISSING_COLOUR]}
    assert charts._class_scale(LABELS).to_dict()["domain"] == [*LABELS, "keine Angabe"]
    up = charts.value_map("x", [10.0, 20.0], name="X", unit="%", direction=-1, city=CITY, missing=False)
    domain = up["layer"][1]["encoding"]["color"]["scale"]["domain"]
    assert domain == ["unter 10,0", "10,0 bis unter 20,0", "20,0 und mehr"]


def test_classes_per_chart():
    """Three areas in 2024: 01 "hoch", 02 without a class, 03 without a row (index)."""
    index = pd.DataFrame(
        {
            "sozialraum_id": ["01", "02", "01", "01", "02", "03"],
            "jahr": [2024, 2024, 2024, 2023, 2023, 2023],
            "dimension_id": [TOTAL, TOTAL, "a", TOTAL, TOTAL, TOTAL],
            "klasse": ["hoch", None, "mittel", "niedrig", "hoch", "hoch"],
        }
    )
    classes = chartset._classes(index, ["01", "02", "03"], 2024)
    assert classes[("map", TOTAL)] == {"hoch", "keine Angabe"}
    assert classes[("map", "a")] == {"mittel", "keine Angabe"}  # 02 and 03 have no row
    assert classes[("bars", "01")] == {"hoch", "mittel"}
    assert classes[("time", "01")] == {"hoch", "niedrig"}
    assert classes[("time", "03")] == {"hoch"}
    assert classes[("time", "02")] == {"hoch"}  # 2024 without a value draws no point: no legend entry


def test_text_estimates_and_wrapping():
    # 'a' is 0.62 em: "aaaa" at 10 px is 24.8 px, "aaaa bbbb" 24.8 + 3.6 (space) + 24.8
    assert charts.text_width("aaaa", 10) == pytest.approx(24.8)
    assert charts._wrap("aaaa bbbb", 10, width=60) == ["aaaa bbbb"]
    assert charts._wrap("aaaa bbbb", 10, width=50) == ["aaaa", "bbbb"]
    assert charts._wrap("aaaaaaaaaa", 10, width=30) == ["aaaa", "aaaa", "aa"]  # 5 × 6.2 > 30
    # "Abc" at 11 px: (0.74 + 0.62 + 0.62) × 11 = 21.8, and 4 px to spare
    assert charts.label_width(["Abc", "b"]) == 25
    assert charts.label_width(["x" * 100]) == charts.MAX_LABEL_WIDTH
    title = charts._title("Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften nach Sozialraum, 2024")
    assert isinstance(title, list) and len(title) == 3
    assert all(charts.text_width(line, 15, bold=True) <= charts.TEXT_WIDTH for line in title)


def test_ranking_reserves_the_name_column():
    spec = charts.ranking("x", "indicator", 2024, name="X", city=CITY, names_width=120)
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert axis["labelLimit"] == 120 and axis["minExtent"] == 128


def test_class_map_draws_districts_with_names(specs, svgs, site):
    spec, svg = specs["class_map_districts"], svgs["class_map_districts"]
    layers = spec["layer"]
    assert [layer["data"]["format"]["feature"] for layer in layers[2:]] == [maps.DISTRICTS] * 3
    assert layers[4]["encoding"]["text"]["field"] == "properties.name"  # names are data, not code
    for name in ("Mitte", "Nord", "Ost", "Süd", "West"):
        assert svg.count(f">{name}<") == 2  # a white halo under the dark name
        assert name not in json.dumps(spec)
    assert "Stadtbezirke" in spec["description"]


def _legend(svg: str) -> list[str]:
    groups = re.findall(r'class="mark-text role-legend-label"[^>]*>(.*?)</g>', svg, re.S)
    return [t for group in groups for t in re.findall(r">([^<]+)</text>", group)]


def test_legends_of_the_site_list_the_classes_of_their_chart(site, tables):
    """Area 01's bars show the classes of its index and dimensions in the last year only;
    the index map lists "keine Angabe" because one area of the sample has no index then."""
    release, _ = pipeline.open_release(ROOT / "datapackage")
    result = pipeline.results(release)
    year = int(tables["index"]["jahr"].max())
    every = chartset.specs(release, result, year)
    index = tables["index"]
    rows = index[(index["sozialraum_id"] == "01") & (index["jahr"] == year)]
    shown = [label for label in LABELS if label in set(rows["klasse"])]
    assert 0 < len(shown) < len(LABELS)  # the sample's area 01 is a useful case
    assert _legend(render.render_svg(every["sozialraeume/01/dimensionen"], site)) == shown
    latest = index[(index["jahr"] == year) & (index["dimension_id"] == TOTAL)]
    assert latest["klasse"].isna().sum() == 1
    assert _legend(render.render_svg(every["index/karte"], site)) == [
        *[x for x in LABELS if x in set(latest["klasse"])],
        "keine Angabe",
    ]
    value_map = every["indikatoren/sgb2_u15/karte"]  # every area has a value: no "keine Angabe"
    assert "keine Angabe" not in _legend(render.render_svg(value_map, site))


def test_chart_ids_are_namespaced():
    """An indicator whose id is a dimension's id gets its own chart files."""
    release, problems = pipeline.open_release(ROOT / "datapackage")
    assert release is not None, problems
    old = release.indicators["indikator_id"].iloc[0]
    indicators = release.indicators.assign(indikator_id=release.indicators["indikator_id"].replace(old, "wohnen"))
    values = release.values.assign(indikator_id=release.values["indikator_id"].replace(old, "wohnen"))
    release = type(release)(release.areas, release.dimensions, indicators, values, release.settings)
    result = pipeline.results(release)
    every = chartset.specs(release, result, 2024)
    dim, ind = every["dimensionen/wohnen/rangfolge"], every["indikatoren/wohnen/rangfolge"]
    assert dim["layer"][0]["transform"][0] == {"filter": 'datum.dimension_id == "wohnen"'}
    assert ind["layer"][0]["transform"][0] == {"filter": 'datum.indikator_id == "wohnen"'}
    assert "index/karte" in every and "sozialraeume/01/lage" in every
    assert all(
        routes.chart(*(routes.chart_subject(i) or (routes.INDEX_SCOPE, None)), i.rsplit("/", 1)[1]) == i for i in every
    )
    assert chartset._subject("index/karte") == ("dimension_id", TOTAL)
    assert chartset._subject("indikatoren/wohnen/karte") == ("indikator_id", "wohnen")


def test_locator_map_draws_all_areas_without_links(svgs, specs):
    svg = svgs["locator_map"]
    assert svg.count(charts.HIGHLIGHT) == 1
    assert "href" not in json.dumps(
        specs["locator_map"]["layer"] if "layer" in specs["locator_map"] else specs["locator_map"]["encoding"]
    )


def _shapes(svg: str) -> int:
    return len(
        [
            t
            for t in re.findall(r"<path [^>]*>", svg)
            if f'fill="{charts.OTHER_AREAS}"' in t or f'fill="{charts.HIGHLIGHT}"' in t
        ]
    )


def test_locator_map_of_a_large_city_shows_only_the_nearby_areas(svgs, tables):
    assert _shapes(svgs["locator_map"]) == len(tables["areas"]) == 40
    assert _shapes(svgs["locator_nearby"]) == 3
    assert svgs["locator_nearby"].count(charts.HIGHLIGHT) == 1


def test_nearby_areas_on_a_grid():
    """A 5 × 5 grid of unit squares: the centre's 5 nearest are itself and its 4 edge
    neighbours (distance 1; the diagonal ones are √2 away)."""
    cells = [(f"{r}{c}", box(c, r, c + 1, r + 1)) for r in range(5) for c in range(5)]
    areas = gpd.GeoDataFrame({"sozialraum_id": [i for i, _ in cells]}, geometry=[g for _, g in cells], crs=3857)
    near = maps.nearby(areas, 5)
    assert near["22"] == ["12", "21", "22", "23", "32"]
    assert len(near) == 25 and all(len(v) == 5 and k in v for k, v in near.items())
    assert maps.nearby(areas.iloc[:3], 5)["00"] == ["00", "01", "02"]  # fewer areas than asked for


def test_render_many_keeps_the_order_and_the_pictures(specs, svgs, site):
    names = ["class_map", "dimension_bars", "ranking_index"]
    rendered = render.render_many([(specs[n], site) for n in names], workers=2)
    assert rendered == [svgs[n] for n in names]
    assert [render.svg_size(s)[0] for s in rendered] == [render.STATIC_WIDTH] * 3


def test_dimension_bars(svgs, tables):
    labels = _labels(svgs["dimension_bars"])
    ids = set(tables["dimensions"]["dimension_id"]) | {TOTAL}
    assert len(labels) == len(ids)  # each dimension and the index
    assert all(re.search(r"\d,\d\d", x) for x in labels)
    # the line at 0 is explained by the axis title, not by a label that ran into a bar's text
    assert f"Ø {CITY}" not in svgs["dimension_bars"]
    assert "Mittel der Sozialräume" in svgs["dimension_bars"]


def test_index_over_time_has_a_point_per_year(svgs, tables):
    years = tables["index"]["jahr"].nunique()
    labels = _labels(svgs["index_over_time"])
    assert len(labels) == years
    assert labels[0].startswith(str(tables["index"]["jahr"].min()))


def test_ranking_lists_every_area_by_name(svgs, tables):
    year = tables["index"]["jahr"].max()
    index = tables["index"]
    rows = index[(index["jahr"] == year) & (index["dimension_id"] == TOTAL)]
    svg = svgs["ranking_index"]
    labels = _labels(svg)
    assert len(labels) == rows["wert"].notna().sum()  # no bar for a missing value
    for name in tables["areas"]["name"]:
        assert f">{name}<" in svg  # axis labels carry every name, missing ones too
    lowest = rows.sort_values("wert").iloc[0]["sozialraum_id"]
    lowest_name = tables["areas"].set_index("sozialraum_id").loc[lowest, "name"]
    assert sum(x.startswith(f"Rang 1: {lowest_name}, ") for x in labels) == 1
    assert sorted(int(x.split(":")[0].removeprefix("Rang ")) for x in labels) == list(range(1, len(labels) + 1))
    assert len(_labels(svgs["ranking_indicator"])) >= 35


def test_distribution_and_city_lines(svgs, tables):
    values = tables["values"]
    indicator = tables["indicators"].iloc[0]["indikator_id"]
    shown = values[(values["indikator_id"] == indicator) & values["wert"].notna()]
    years = values["jahr"].nunique()
    labels = _labels(svgs["distribution_over_time"])
    assert len(labels) == len(shown) + years  # a tick per area and year, a point per city year
    assert any(x.startswith(f"{CITY} ") for x in labels)


def test_svgs_have_german_numbers(svgs):
    for name, svg in svgs.items():
        if name.startswith("locator_"):
            continue
        assert re.search(r"\d,\d", svg), name
        assert "NaN" not in svg and "undefined" not in svg, name


def test_wide_map_picture(specs, svgs, site):
    """A map's wide picture: 720 px wide, the plot 1.5 times as tall (420 → 630 px);
    title and legend keep their size, so the picture grows by exactly 210 px."""
    spec = specs["class_map_districts"]
    assert spec["height"] == charts.MAP_HEIGHT == 420 and render.wide_height(spec) == 630
    phone = render.svg_size(render.render_svg(spec, site))
    wide = render.svg_size(render.render_svg(spec, site, render.WIDE_WIDTH, render.wide_height(spec)))
    assert phone[0] == 360 and wide == (720, phone[1] + 210)
    # in one batch with the phone pictures, in order
    batch = render.render_many([(spec, site), (spec, site, 720, 630), (specs["ranking_index"], site)], workers=2)
    assert [render.svg_size(svg) for svg in batch] == [phone, wide, render.svg_size(svgs["ranking_index"])]


def test_chart_block_serves_a_map_its_wide_picture():
    block = format.chart_block("index/karte", "Karte", "", "../", format.ChartSize(360, 549, (720, 759, 630)))
    assert (
        '<picture><source media="(min-width: 720px)" srcset="../assets/charts/index/karte.breit.svg" '
        'width="720" height="759" data-height="630"><img class="sozmon-chart__static" '
        'src="../assets/charts/index/karte.svg" alt="Karte" width="360" height="549" loading="lazy" '
        'decoding="async"></picture>'
    ) in block
    assert '<a href="../assets/charts/index/karte.svg" download>' in block  # the phone picture
    # the first picture of a page loads at once: the <img> says so, for either source
    eager = format.first_chart_eager(block + block)
    assert eager.count('fetchpriority="high"') == 1 and eager.count('loading="lazy"') == 1
    assert re.search(r'<img [^>]*fetchpriority="high"', eager)
    # any other chart (and a plain size) is one <img>, as before
    for size in ((360, 200), format.ChartSize(360, 200)):
        plain = format.chart_block("indikatoren/a/rangfolge", "R", "", "", size)
        assert "<picture" not in plain and "<source" not in plain
        assert '<img class="sozmon-chart__static" src="assets/charts/indikatoren/a/rangfolge.svg"' in plain
        assert 'width="360" height="200"' in plain


def test_static_spec_inlines_data_and_fixes_width(specs, site):
    static = render.static_spec(specs["class_map"], site, width=500)
    assert static["width"] == 500
    assert not any("url" in d for d in _data_objects(static))
    with pytest.raises(ValueError):
        render.static_spec({"data": {"url": "../../etc/passwd"}}, site)


# --- topology -----------------------------------------------------------------------------


def _decode(topo: dict, name: str = maps.OBJECT, key: str = "sozialraum_id") -> dict[str, Polygon]:
    """Polygons of a quantized TopoJSON (enough of the spec for this file)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        points = np.cumsum(np.array(arc, dtype=float), axis=0)
        arcs.append([(x * sx + tx, y * sy + ty) for x, y in points])

    def ring(indices):
        coords = []
        for i in indices:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            coords.extend(arc if not coords else arc[1:])
        return coords

    out = {}
    for geometry in topo["objects"][name]["geometries"]:
        assert geometry["type"] == "Polygon"
        rings = [ring(r) for r in geometry["arcs"]]
        out[geometry["properties"][key]] = Polygon(rings[0], rings[1:])
    return out


def test_topology_holds_the_districts(site, tables):
    """Each Stadtbezirk is the union of its areas, its label point lies inside it."""
    topo = json.loads((site / maps.TOPOLOGY_PATH).read_text(encoding="utf-8"))
    districts = _decode(topo, maps.DISTRICTS, "name")
    areas = tables["areas"]
    assert sorted(districts) == sorted(areas["stadtbezirk"].unique()) == ["Mitte", "Nord", "Ost", "Süd", "West"]
    for geometry in topo["objects"][maps.DISTRICTS]["geometries"]:
        name, props = geometry["properties"]["name"], geometry["properties"]
        union = shapely.union_all(areas[areas["stadtbezirk"] == name].geometry.values)
        assert districts[name].symmetric_difference(union).area < 0.02 * union.area, name
        assert districts[name].contains(shapely.Point(props["lon"], props["lat"])), name
        assert not shapely.is_ccw(districts[name].exterior)


def test_topology_round_trips(site, tables):
    path = site / maps.TOPOLOGY_PATH
    assert path.stat().st_size < 20_000
    topo = json.loads(path.read_text(encoding="utf-8"))
    geometries = topo["objects"][maps.OBJECT]["geometries"]
    areas = tables["areas"].set_index("sozialraum_id")
    assert [g["properties"]["sozialraum_id"] for g in geometries] == sorted(areas.index)
    for g in geometries:
        props = g["properties"]
        assert props["name"] == areas.loc[props["sozialraum_id"], "name"]
        assert props["url"] == f"sozialraeume/{props['sozialraum_id']}/"
        assert set(props) <= set(maps.PROPERTIES)
    decoded = _decode(topo)
    for area_id, polygon in decoded.items():
        assert polygon.is_valid
        # simplified and quantized, but still the same area
        original = areas.loc[area_id, "geometry"]
        assert polygon.symmetric_difference(original).area < 0.02 * original.area


def test_topology_rings_are_clockwise(site):
    topo = json.loads((site / maps.TOPOLOGY_PATH).read_text(encoding="utf-8"))
    for polygon in _decode(topo).values():
        assert not shapely.is_ccw(polygon.exterior)
        assert all(shapely.is_ccw(hole) for hole in polygon.interiors)


def test_topology_is_deterministic_and_rewinds_input(tables):
    areas = tables["areas"]
    assert shapely.is_ccw(areas.geometry.iloc[0].exterior)  # RFC 7946 input
    urls = {i: f"sozialraeume/{i}/" for i in areas["sozialraum_id"]}
    first = maps.dumps(maps.topology(areas, urls))
    shuffled = areas.sample(frac=1, random_state=1)
    assert maps.dumps(maps.topology(shuffled, urls)) == first


# --- context indicators, missing values, titles and signs (review of the charts) ------------


@pytest.fixture(scope="module")
def every(tables) -> dict[str, dict]:
    """Every chart of the sample site, as chartset makes them."""
    release, _ = pipeline.open_release(ROOT / "datapackage")
    return chartset.specs(release, pipeline.results(release), int(tables["index"]["jahr"].max()))


def _colours(spec: dict) -> list[str]:
    return spec["layer"][1]["encoding"]["color"]["scale"]["range"]


def test_context_indicator_map_is_not_judged(every):
    """Ausländeranteil is a context indicator: a neutral purple ramp, light = low, dark =
    high, no red and no class colour, and words that say "higher", not "worse"."""
    spec = every["indikatoren/auslaender/karte"]
    ramp = _colours(spec)[:5]
    assert ramp == charts.CONTEXT_COLOURS[5]
    judged = {c.lower() for r in [*charts.VALUE_COLOURS.values(), *charts.CLASS_COLOURS.values()] for c in r}
    assert not judged & {c.lower() for r in charts.CONTEXT_COLOURS.values() for c in r}
    # darker = higher: the sum of the RGB channels falls along the ramp
    brightness = [sum(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in ramp]
    assert brightness == sorted(brightness, reverse=True)
    assert "je dunkler, desto höher" in spec["description"]
    legend = json.dumps(spec["layer"][1]["encoding"]["color"]["legend"]["title"], ensure_ascii=False)
    assert "je dunkler, desto höher" in legend.replace('", "', " ")
    for text in (spec["description"], legend, json.dumps(spec["title"], ensure_ascii=False)):
        assert "günstig" not in text and "Teilhabechancen" not in text
    # an indicator of the index keeps its judging ramp: SGB II (−1), darkest = highest
    assert _colours(every["indikatoren/sgb2_u15/karte"])[:5] == charts.VALUE_COLOURS[5]


def test_context_indicator_ranking_runs_from_the_highest_value(every, site, tables):
    """No rank and no judgement: the bars run from the highest share to the lowest."""
    spec = every["indikatoren/auslaender/rangfolge"]
    assert "höchsten zum niedrigsten Wert" in spec["description"]
    assert "günstig" not in json.dumps(spec, ensure_ascii=False)
    assert "Teilhabechancen" not in spec["description"]
    values = tables["values"]
    year = values["jahr"].max()
    mine = values[(values["indikator_id"] == "auslaender") & (values["jahr"] == year)]
    names = tables["areas"].set_index("sozialraum_id")["name"]
    highest, lowest = (names[mine.loc[i, "sozialraum_id"]] for i in (mine["wert"].idxmax(), mine["wert"].idxmin()))
    svg = render.render_svg(spec, site)
    order = _axis_names(svg)
    assert order[0] == highest and order[-1] == lowest
    assert not any(x.startswith("Rang") for x in _labels(svg))
    # an indicator of the index keeps its ranks, least favourable first
    assert any(
        x.startswith("Rang 1: ") for x in _labels(render.render_svg(every["indikatoren/sgb2_u15/rangfolge"], site))
    )


def _axis_names(svg: str) -> list[str]:
    """The names on a ranking's y axis, top to bottom."""
    for group in re.findall(r'class="mark-text role-axis-label"[^>]*>(.*?)</g>', svg, re.S):
        items = re.findall(r"translate\(([-\d.]+),([-\d.]+)\)[^>]*>([^<]+)</text>", group)
        if any(re.search(r"[a-z]", name) for *_, name in items):  # not the numbers of the x axis
            return [name for _, y, name in sorted(items, key=lambda t: float(t[1]))]
    return []


def test_ranking_marks_an_area_without_value(every, site, tables):
    """Integrationsbedarf 2024: Scholven-Nord (21) has no value (index.csv: empty wert,
    coverage 1/3). It comes last, with a grey square, "keine Angabe" and a legend entry;
    Wirtschaft, where 21 has +0,54, has no such entry."""
    svg = render.render_svg(every["dimensionen/integration/rangfolge"], site)
    assert _axis_names(svg)[-1] == "Scholven-Nord"
    assert "Scholven-Nord: keine Angabe" in _labels(svg)
    assert re.search(r">keine Angabe</text>", svg.split("role-legend")[0])  # beside the name, not only in the legend
    assert _legend(svg)[-1] == "keine Angabe"
    assert charts.MISSING_COLOUR in svg
    full = render.render_svg(every["dimensionen/wirtschaft/rangfolge"], site)
    assert "keine Angabe" not in full
    assert len(_labels(full)) == 40


def test_class_charts_say_teilhabechancen(every, site):
    """ "Integrationsbedarf sehr hoch" reads backwards: every class chart's title names
    Teilhabechancen, in the spec and in the picture that is downloaded alone."""
    for chart_id in (
        "dimensionen/integration/karte",
        "dimensionen/integration/rangfolge",
        "index/karte",
        "sozialraeume/21/dimensionen",
    ):
        spec = every[chart_id]
        title = spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
        title = " ".join(title) if isinstance(title, list) else title
        assert "Teilhabechancen" in title, chart_id
        svg = render.render_svg(spec, site)
        heading = " ".join(re.findall(r"role-title-text[^>]*>(.*?)</g>", svg, re.S))
        assert "Teilhabechancen" in heading, chart_id
    title = every["dimensionen/integration/karte"]["title"]["text"]
    title = " ".join(title) if isinstance(title, list) else title
    assert title == "Teilhabechancen nach Sozialraum: Integrationsbedarf, 2024"


def _bar_rows(svg: str) -> list[tuple[float, str]]:
    """(y, text) of the labels above the bars and (y, aria-label) of the bars, top down."""
    texts = [
        (float(y), t)
        for y, t in re.findall(
            r'<text text-anchor="start" transform="translate\(0,([-\d.]+)\)"[^>]*>([^<]+)</text>', svg
        )
        if ": " in t
    ]
    bars = [
        (float(m.group(2)), m.group(1))
        for t in re.findall(r"<path [^>]*>", svg)
        if 'aria-roledescription="bar"' in t and (m := re.search(r'aria-label="([^"]*)".* d="M[-\d.]+,([-\d.]+)', t))
    ]
    return sorted(texts), sorted(bars)


@pytest.mark.parametrize(
    "area, expected",
    [
        # index.csv 2024, area 21: wirtschaft 0.543664, wohnen 1.113478, the rest and the index empty
        (
            "21",
            [
                "Wirtschaftliche Lage von Kindern: +0,54",
                "Integrationsbedarf: keine Angabe",
                "Gesundheitsbedingungen: keine Angabe",
                "Bildungsbeteiligung: keine Angabe",
                "Wohn- und Umweltbedingungen: +1,11",
                "Partizipation von Kindern: keine Angabe",
            ],
        ),
        # area 15: 1.283722, 1.686923, 1.614147, 1.615127, 1.63011, index 1.566006
        (
            "15",
            [
                "Wirtschaftliche Lage von Kindern: +1,28",
                "Integrationsbedarf: +1,69",
                "Gesundheitsbedingungen: +1,61",
                "Bildungsbeteiligung: +1,62",
                "Wohn- und Umweltbedingungen: +1,63",
                "Partizipation von Kindern: +1,57",
            ],
        ),
        # area 01: −1.914982, −1.832914, −1.024295, −1.570148, −1.227875, index −1.514043
        (
            "01",
            [
                "Wirtschaftliche Lage von Kindern: \u22121,91",
                "Integrationsbedarf: \u22121,83",
                "Gesundheitsbedingungen: \u22121,02",
                "Bildungsbeteiligung: \u22121,57",
                "Wohn- und Umweltbedingungen: \u22121,23",
                "Partizipation von Kindern: \u22121,51",
            ],
        ),
    ],
)
def test_dimension_bar_labels_match_the_page(every, site, area, expected):
    """The labels read as the page's table does (signed, the same year), in the order of
    the page, and each sits right above its own bar (the 1,62 the review saw beside
    area 21's +0,88 is area 15's Bildungsbeteiligung, 1.615127, on its own page)."""
    texts, bars = _bar_rows(render.render_svg(every[f"sozialraeume/{area}/dimensionen"], site))
    assert [t for _, t in texts] == expected
    for y, label in bars:
        above = max((t for t in texts if t[0] <= y), key=lambda t: t[0])
        assert label.startswith(above[1] + ", Teilhabechancen"), (label, above)
        assert y - above[0] < 10  # the label's baseline is just over the bar


def test_scores_are_signed_as_on_the_pages(tmp_path):
    """+0,54 and −1,20 with their sign, and 0,00 without one where a score rounds to 0
    (format.signed writes it so), in the label, the accessible name and the tooltip."""
    (tmp_path / "daten").mkdir()
    rows = [("a", 0.004), ("b", -0.004), ("c", 0.54), ("d", -1.2)]
    lines = ["sozialraum_id,jahr,dimension_id,wert,klasse,rang"]
    lines += [f"x,2024,{d},{w},mittel,1" for d, w in rows]
    (tmp_path / "daten" / "index.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = charts.dimension_bars(
        "x", {d: d.upper() for d, _ in rows}, 2024, area_name="X", city=CITY, class_labels=LABELS
    )
    texts, _ = _bar_rows(render.render_svg(spec, tmp_path))
    assert [t for _, t in texts] == ["A: 0,00", "B: 0,00", "C: +0,54", "D: \u22121,20"]
    assert format.signed(0.54, 2) == "+0,54" and format.signed(-0.004, 2) == "0,00"
    assert any(t["field"] == "wert_text" for t in spec["layer"][0]["encoding"]["tooltip"])
