"""Chart specs and the map topology, checked against the real sample's published tables.

Each spec must be valid Vega-Lite, read the published files by URL, carry an
accessible description, and render to an SVG with the expected marks, the area
names and German number formats. Every index of the sample (`kinder`, its dynamics
`kinder-dynamik`, `aeltere`) and its typology `lage-entwicklung` get their own charts.
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

from sozmon import charts, chartset, format, maps, package, pipeline, render, routes
from sozmon.charts import Scores
from tests import factory

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "datapackage"
LABELS = ["sehr niedrig", "niedrig", "mittel", "hoch", "sehr hoch"]
CITY = "Gelsenkirchen"
INDEX = "kinder"  # the sample's first index: "Partizipation von Kindern", short name "Teilhabechancen"
INDEX_NAME = "Partizipation von Kindern"
SHORT = "Teilhabechancen"
TYPOLOGY = "lage-entwicklung"
DATA_URLS = {
    charts.INDEX_URL,
    charts.DIMENSION_URL,
    charts.TYPOLOGY_URL,
    charts.VALUES_URL,
    charts.AGGREGATES_URL,
    charts.UNCERTAINTY_URL,  # the rankings' value intervals (issue 13)
    maps.TOPOLOGY_PATH,
}


def publish(release, result, folder: Path) -> Path:
    """A folder laid out like the site root: the published tables in daten/ (as the
    package writes them) and the TopoJSON in assets/karten/."""
    (folder / "daten").mkdir(parents=True, exist_ok=True)
    for name, frame in package.tables(release, result).items():
        package.write_csv(frame, folder / "daten" / f"{name}.csv")
    urls = {a: routes.url(routes.page(routes.AREAS, a)) for a in release.areas["sozialraum_id"]}
    maps.write_topology(maps.topology(release.areas, urls), folder / maps.TOPOLOGY_PATH)
    return folder


@pytest.fixture(scope="module")
def sample():
    release, problems = pipeline.open_release(SAMPLE)
    assert release is not None, problems
    return release, pipeline.results(release)


@pytest.fixture(scope="module")
def site(sample, tmp_path_factory) -> Path:
    return publish(*sample, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def tables(site, sample):
    def read(name):
        return pd.read_csv(site / "daten" / f"{name}.csv", dtype={"sozialraum_id": str})

    return {
        "index": read("index_werte"),
        "dimensions": read("dimension_werte"),
        "values": read("indikator_werte"),
        "areas": sample[0].areas,
        "indicators": read("indikatoren"),
        "index_dimensions": read("index_dimensionen"),
    }


@pytest.fixture(scope="module")
def specs(tables) -> dict[str, dict]:
    index, values = tables["index"], tables["values"]
    year = int(index["jahr"].max())
    area = "01"
    area_name = tables["areas"].set_index("sozialraum_id").loc[area, "name"]
    indicator = tables["indicators"].iloc[0]
    dims = tables["index_dimensions"][tables["index_dimensions"]["index_id"] == INDEX]
    latest = values[(values["indikator_id"] == indicator["indikator_id"]) & (values["jahr"] == year)]
    breaks = charts.quantile_breaks(latest["wert"].tolist(), k=5)
    common = dict(name=indicator["name"], unit=indicator["einheit"], city=CITY)
    index = dict(short_name=SHORT, city=CITY)
    return {
        "class_map": charts.class_map(Scores(INDEX), LABELS, year, name=INDEX_NAME, **index),
        "class_map_districts": charts.class_map(Scores(INDEX), LABELS, year, name=INDEX_NAME, districts=True, **index),
        "class_map_latest": charts.class_map(
            Scores(INDEX, "bildung"), LABELS, None, name="Bildungsbeteiligung", **index
        ),
        "typology_map": charts.typology_map(
            TYPOLOGY, year, name="Lage und Entwicklung", class_titles=(SHORT, "Entwicklung"), city=CITY, districts=True
        ),
        "locator_map": charts.locator_map(area, area_name=area_name, city=CITY),
        "locator_nearby": charts.locator_map(area, area_name=area_name, city=CITY, nearby=["03", "01", "02"]),
        "value_map": charts.value_map(
            indicator["indikator_id"], breaks, year=year, direction=int(indicator["richtung"]), **common
        ),
        "dimension_bars": charts.dimension_bars(
            area,
            INDEX,
            dict(zip(dims["dimension_id"], dims["name"])),
            year,
            index_name=INDEX_NAME,
            area_name=area_name,
            class_labels=LABELS,
            **index,
        ),
        "index_over_time": charts.index_over_time(
            area, Scores(INDEX), area_name=area_name, name=INDEX_NAME, class_labels=LABELS, **index
        ),
        "ranking_index": charts.ranking(
            Scores(INDEX), "index", year, name=INDEX_NAME, class_labels=LABELS, highlight=area, **index
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


def _fills(svg: str) -> dict[str, str]:
    """The fill of each labelled data mark, by the area name its label starts with."""
    out = {}
    for tag in re.findall(r"<path [^>]*>", svg):
        label, fill = re.search(r'aria-label="([^"]*)"', tag), re.search(r' fill="([^"]*)"', tag)
        if label and fill and 'role="graphics-symbol"' in tag:
            out[label.group(1).split(":")[0]] = fill.group(1).lower()
    return out


def _title_text(spec: dict) -> str:
    title = spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
    return " ".join(title) if isinstance(title, list) else title


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


def test_scores_read_one_index(specs):
    """An index's scores come from index_werte.csv, a dimension's from dimension_werte.csv,
    each filtered to its index (and dimension)."""
    assert Scores("a").url == "daten/index_werte.csv" and Scores("a", "b").url == "daten/dimension_werte.csv"
    assert Scores("a").filter == 'datum.index_id == "a"'
    assert Scores("a", 'x"y').filter == 'datum.index_id == "a" && datum.dimension_id == "x\\"y"'  # escaped
    assert Scores("a", "b").format["parse"]["dimension_id"] == "string"
    layer = specs["class_map_latest"]["layer"][1]
    assert layer["data"]["url"] == charts.DIMENSION_URL
    assert layer["transform"][0] == {"filter": 'datum.index_id == "kinder" && datum.dimension_id == "bildung"'}


def test_specs_are_deterministic():
    a = charts.class_map(Scores(INDEX), LABELS, 2024, name=INDEX_NAME, short_name=SHORT, city=CITY)
    b = charts.class_map(Scores(INDEX), LABELS, 2024, name=INDEX_NAME, short_name=SHORT, city=CITY)
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
    for name in ("class_map", "typology_map", "value_map", "locator_map"):
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
        c.lower()
        for ramp in [*charts.CLASS_COLOURS.values(), *charts.VALUE_COLOURS.values(), charts.ATTENTION_COLOURS]
        for c in ramp
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
    # a dynamics index's three classes: red (worse development), pale, blue
    three = charts._class_scale(["negativ", "stabil", "positiv"]).to_dict()
    assert three["range"] == ["#fc8d59", "#ffffbf", "#91bfdb", charts.MISSING_COLOUR]


def test_classes_per_chart():
    """Three areas in 2024 in index "i": 01 "hoch", 02 without a class, 03 without a row."""
    index = pd.DataFrame(
        {
            "index_id": ["i"] * 5,
            "sozialraum_id": ["01", "02", "01", "02", "03"],
            "jahr": [2024, 2024, 2023, 2023, 2023],
            "klasse": ["hoch", None, "niedrig", "hoch", "hoch"],
        }
    )
    dimensions = pd.DataFrame(
        {
            "index_id": ["i"] * 4,
            "dimension_id": ["a", "a", "a", "b"],
            "sozialraum_id": ["01", "02", "03", "01"],
            "jahr": [2024, 2024, 2024, 2023],
            "klasse": ["mittel", "sehr hoch", "niedrig", "sehr niedrig"],
        }
    )
    classes = chartset._classes(index, dimensions, ["01", "02", "03"], 2024)
    assert classes[("map", None)] == {"hoch", "keine Angabe"}  # 02 without a class, 03 without a row
    assert classes[("map", "a")] == {"mittel", "sehr hoch", "niedrig"}  # every area has a class
    assert ("map", "b") not in classes  # no row in 2024: its map lists nothing
    assert classes[("bars", "01")] == {"hoch", "mittel"}  # 2024 only: not b's 2023 "sehr niedrig"
    assert classes[("bars", "02")] == {"keine Angabe", "sehr hoch"}
    assert classes[("time", "01")] == {"hoch", "niedrig"}
    assert classes[("time", "03")] == {"hoch"}
    assert classes[("time", "02")] == {"hoch"}  # 2024 without a value draws no point: no legend entry


def test_text_estimates_and_wrapping():
    # 'a' is 0.62 em: "aaaa" at 10 px is 24.8 px, "aaaa bbbb" 24.8 + 3.6 (space) + 24.8
    assert charts.text_width("aaaa", 10) == pytest.approx(24.8)
    assert charts._wrap("aaaa bbbb", 10, width=60) == ["aaaa bbbb"]
    assert charts._wrap("aaaa bbbb", 10, width=50) == ["aaaa", "bbbb"]
    assert charts._wrap("aaaaaaaaaa", 10, width=30) == ["aaaa", "aaaa", "aa"]  # 5 × 6.2 > 30
    # "aaaa bbbb" is 53.2 px; with "…" (6.2 px) "aaaa bb…" is 47.0 px, "aaaa b…" 40.8 px
    assert charts._fit("aaaa bbbb", 10, 60) == "aaaa bbbb"
    assert charts._fit("aaaa bbbb", 10, 50) == "aaaa bb…"
    assert charts._fit("aaaa bbbb", 10, 40) == "aaaa…"  # no blank before "…"
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
    with pytest.raises(TypeError):  # an index ranking reads Scores, an indicator's an id
        charts.ranking("x", "index", 2024, name="X", city=CITY)


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


@pytest.fixture(scope="module")
def every(sample, tables) -> dict[str, dict]:
    """Every chart of the sample site, as chartset makes them."""
    return chartset.specs(*sample, int(tables["index"]["jahr"].max()))


def test_a_city_of_many_areas_gets_its_rankings_as_tables(every, sample, tables, monkeypatch):
    """Above chartset.RANKED_BARS areas a ranking is no picture (1,000 bars: 16,000 px,
    seconds to draw); its page shows the ranking as a table of every area instead."""
    from sozmon.format import ChartSize
    from sozmon.pages import Site, pages

    release, result = sample
    rankings = {k for k in every if k.endswith("/rangfolge")}
    assert len(rankings) > 20  # 40 areas: every index, dimension and indicator has one
    monkeypatch.setattr(chartset, "RANKED_BARS", len(release.areas) - 1)
    fewer = chartset.specs(release, result, int(tables["index"]["jahr"].max()))
    assert set(every) - set(fewer) == rankings and set(fewer) < set(every)
    sizes = {k: ChartSize(360, 200, (720, 300, 200) if k.endswith("karte") else None) for k in fewer}
    site = Site(release, package.tables(release, result), [], sizes)
    indicator, indicator_name = tables["indicators"].iloc[0][["indikator_id", "name"]]
    page = pages(site)[routes.page(routes.INDICATORS, indicator)]
    assert f"indikatoren/{indicator}/rangfolge" not in page and f"indikatoren/{indicator}/karte" in page
    title = f'<p class="sozmon-table-title"><strong>Rangfolge der Sozialräume: {indicator_name}'
    ranking = page[page.index(title) :].replace("\\", "")  # names are Markdown-escaped
    assert all(name in ranking for name in release.areas["name"])  # the table, every area


def test_every_index_and_typology_has_its_charts(every, sample, tables):
    """Ids from the definitions: each index's map and ranking, its dimensions' (in its
    own folder), per area its bars and time line; the typology's map; no chart of the
    whole release without an index."""
    release, _ = sample
    assert [s.id for s in release.indices] == ["kinder", "kinder-dynamik", "aeltere"]
    for spec in release.indices:
        assert {f"indizes/{spec.id}/karte", f"indizes/{spec.id}/rangfolge"} <= set(every)
        for d in spec.dimensions:
            assert {
                f"indizes/{spec.id}/dimensionen/{d.id}/karte",
                f"indizes/{spec.id}/dimensionen/{d.id}/rangfolge",
            } <= set(every)
        for area in tables["areas"]["sozialraum_id"]:
            assert {f"sozialraeume/{area}/{spec.id}/dimensionen", f"sozialraeume/{area}/{spec.id}/verlauf"} <= set(
                every
            )
    assert "typologien/lage-entwicklung/karte" in every
    assert not any(i.startswith(("index/", "dimensionen/")) for i in every)
    subjects = ("sozialraum_id", "index_id", "typologie_id", "indikator_id", "verteilung_id")
    assert all(chartset._subject(i)[0] in subjects for i in every)
    # the dynamics index reads its own rows, and its three classes keep the class colours
    dynamics = every["indizes/kinder-dynamik/karte"]["layer"][1]
    assert dynamics["transform"][0] == {"filter": 'datum.index_id == "kinder-dynamik"'}
    scale = dynamics["encoding"]["color"]["scale"]
    colours = {"negativ": "#fc8d59", "stabil": "#ffffbf", "positiv": "#91bfdb", "keine Angabe": charts.MISSING_COLOUR}
    assert scale["domain"] and dict(zip(scale["domain"], scale["range"])).items() <= colours.items()


def test_legends_of_the_site_list_the_classes_of_their_chart(every, site, tables):
    """Area 01's bars show the classes of its index and dimensions in the last year only;
    the index map lists "keine Angabe" because one area of the sample has no index then."""
    index, dims = tables["index"], tables["dimensions"]
    year = int(index["jahr"].max())
    rows = pd.concat(
        [
            index[(index["index_id"] == INDEX) & (index["sozialraum_id"] == "01") & (index["jahr"] == year)],
            dims[(dims["index_id"] == INDEX) & (dims["sozialraum_id"] == "01") & (dims["jahr"] == year)],
        ]
    )
    shown = [label for label in LABELS if label in set(rows["klasse"])]
    assert 0 < len(shown) < len(LABELS)  # the sample's area 01 is a useful case
    assert _legend(render.render_svg(every["sozialraeume/01/kinder/dimensionen"], site)) == shown
    latest = index[(index["jahr"] == year) & (index["index_id"] == INDEX)]
    assert latest["klasse"].isna().sum() == 1
    assert _legend(render.render_svg(every["indizes/kinder/karte"], site)) == [
        *[x for x in LABELS if x in set(latest["klasse"])],
        "keine Angabe",
    ]
    value_map = every["indikatoren/sgb2_u15/karte"]  # every area has a value: no "keine Angabe"
    assert "keine Angabe" not in _legend(render.render_svg(value_map, site))


def test_chart_ids_are_namespaced(sample):
    """An indicator whose id is a dimension's id gets its own chart files."""
    release, _ = sample
    old = "auslaender"  # a context indicator: in no index, so renaming it breaks no definition
    indicators = release.indicators.assign(indikator_id=release.indicators["indikator_id"].replace(old, "wohnen"))
    values = release.values.assign(indikator_id=release.values["indikator_id"].replace(old, "wohnen"))
    release = type(release)(release.areas, release.dimensions, indicators, values, release.settings)
    every = chartset.specs(release, pipeline.results(release), 2024)
    dim, ind = every["indizes/kinder/dimensionen/wohnen/rangfolge"], every["indikatoren/wohnen/rangfolge"]
    assert dim["layer"][0]["transform"][0] == {"filter": 'datum.index_id == "kinder" && datum.dimension_id == "wohnen"'}
    assert ind["layer"][0]["transform"][0] == {"filter": 'datum.indikator_id == "wohnen"'}
    assert "indizes/kinder/karte" in every and "sozialraeume/01/lage" in every
    assert chartset._subject("indizes/kinder/dimensionen/wohnen/karte") == ("index_id", "kinder")
    assert chartset._subject("indikatoren/wohnen/karte") == ("indikator_id", "wohnen")
    assert chartset._subject("sozialraeume/01/kinder/verlauf") == ("sozialraum_id", "01")
    assert chartset._subject("typologien/lage-entwicklung/karte") == ("typologie_id", "lage-entwicklung")


def test_static_pictures_get_only_their_subjects_rows(every, site, tmp_path):
    """The renderer's folder of a chart holds its subject's rows (a table without the
    subject's column whole), and the picture is the same as from the whole site."""
    tables = {p.name: pd.read_csv(p, dtype=str, keep_default_na=False) for p in (site / "daten").glob("*.csv")}
    ids = [
        "indizes/kinder-dynamik/karte",
        "indizes/aeltere/dimensionen/wohnumfeld/rangfolge",
        "sozialraeume/21/kinder/dimensionen",
        "typologien/lage-entwicklung/karte",
        "indikatoren/laerm/rangfolge",
    ]
    subjects = {i: chartset._subject(i) for i in ids}
    roots = chartset._render_roots(tmp_path / "render", site / "daten", site, set(subjects.values()))

    def read(chart_id, name):
        return pd.read_csv(roots[subjects[chart_id]] / "daten" / name, dtype=str, keep_default_na=False)

    assert set(read(ids[0], "index_werte.csv")["index_id"]) == {"kinder-dynamik"}
    assert set(read(ids[1], "dimension_werte.csv")["index_id"]) == {"aeltere"}
    assert len(read(ids[1], "indikator_werte.csv")) == len(tables["indikator_werte.csv"])  # no index_id: whole
    assert set(read(ids[2], "dimension_werte.csv")["sozialraum_id"]) == {"21"}
    assert set(read(ids[3], "typologie_werte.csv")["typologie_id"]) == {"lage-entwicklung"}
    assert set(read(ids[4], "indikator_werte.csv")["indikator_id"]) == {"laerm"}
    for chart_id in ids:
        assert render.render_svg(every[chart_id], roots[subjects[chart_id]]) == render.render_svg(every[chart_id], site)


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
    dims = tables["index_dimensions"]
    assert len(labels) == (dims["index_id"] == INDEX).sum() + 1  # each dimension and the index
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
    rows = index[(index["jahr"] == year) & (index["index_id"] == INDEX)]
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
        if name.startswith("locator_") or name == "typology_map":  # no numbers on these
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
    block = format.chart_block("indizes/a/karte", "Karte", "", "../", format.ChartSize(360, 549, (720, 759, 630)))
    assert (
        '<picture><source media="(min-width: 720px)" srcset="../assets/charts/indizes/a/karte.breit.svg" '
        'width="720" height="759" data-height="630"><img class="sozmon-chart__static" '
        'src="../assets/charts/indizes/a/karte.svg" alt="Karte" width="360" height="549" loading="lazy" '
        'decoding="async"></picture>'
    ) in block
    assert '<a href="../assets/charts/indizes/a/karte.svg" download>' in block  # the phone picture
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
    areas = gpd.read_file(SAMPLE / "sozialraeume.geojson")
    assert shapely.is_ccw(areas.geometry.iloc[0].exterior)  # RFC 7946 input
    urls = {i: f"sozialraeume/{i}/" for i in areas["sozialraum_id"]}
    first = maps.dumps(maps.topology(areas, urls))
    shuffled = areas.sample(frac=1, random_state=1)
    assert maps.dumps(maps.topology(shuffled, urls)) == first


# --- context indicators, missing values, titles and signs (review of the charts) ------------


def _colours(spec: dict) -> list[str]:
    return spec["layer"][1]["encoding"]["color"]["scale"]["range"]


def test_context_indicator_map_is_not_judged(every):
    """Ausländeranteil is a context indicator (in no index): a neutral purple ramp, light
    = low, dark = high, no red and no class colour, and words that say "higher", not "worse"."""
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
    # an indicator of an index keeps its judging ramp: SGB II (−1), darkest = highest;
    # so does one that is only in the second index (Grundsicherung im Alter, −1)
    assert _colours(every["indikatoren/sgb2_u15/karte"])[:5] == charts.VALUE_COLOURS[5]
    assert _colours(every["indikatoren/grusi_65/karte"])[:5] == charts.VALUE_COLOURS[5]


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
    # an indicator of an index keeps its ranks, least favourable first
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


def test_ranking_marks_an_area_without_value(every, site):
    """Integrationsbedarf 2024: Scholven-Nord (21) has no value (dimension_werte: empty
    wert, coverage 1/3). It comes last, with a grey square, "keine Angabe" and a legend
    entry; Wirtschaft, where 21 has +0,54, has no such entry."""
    svg = render.render_svg(every["indizes/kinder/dimensionen/integration/rangfolge"], site)
    assert _axis_names(svg)[-1] == "Scholven-Nord"
    assert "Scholven-Nord: keine Angabe" in _labels(svg)
    assert re.search(r">keine Angabe</text>", svg.split("role-legend")[0])  # beside the name, not only in the legend
    assert _legend(svg)[-1] == "keine Angabe"
    assert charts.MISSING_COLOUR in svg
    full = render.render_svg(every["indizes/kinder/dimensionen/wirtschaft/rangfolge"], site)
    assert "keine Angabe" not in full
    assert len(_labels(full)) == 40


def test_class_charts_say_what_a_higher_value_means(every, site, sample):
    """ "Integrationsbedarf sehr hoch" reads backwards: every class chart's title names the
    index's short name, in the spec and in the picture that is downloaded alone, and its
    legend is titled with it."""
    release, _ = sample
    assert [s.short_name for s in release.indices] == ["Teilhabechancen", "Entwicklung", "Teilhabechancen im Alter"]
    for spec in release.indices:
        dimension = spec.dimensions[1].id
        for chart_id in (
            f"indizes/{spec.id}/karte",
            f"indizes/{spec.id}/rangfolge",
            f"indizes/{spec.id}/dimensionen/{dimension}/karte",
            f"indizes/{spec.id}/dimensionen/{dimension}/rangfolge",
            f"sozialraeume/21/{spec.id}/dimensionen",
        ):
            chart = every[chart_id]
            assert spec.short_name in _title_text(chart), chart_id
            svg = render.render_svg(chart, site)
            heading = " ".join(re.findall(r"role-title-text[^>]*>(.*?)</g>", svg, re.S))
            assert spec.short_name in " ".join(re.sub(r"<[^>]+>", " ", heading).split()), chart_id  # lines joined
            assert f">{spec.short_name}</text>" in svg.split("role-legend-title")[1], chart_id
    assert _title_text(every["indizes/kinder/dimensionen/integration/karte"]) == (
        "Teilhabechancen nach Sozialraum: Integrationsbedarf, 2024"
    )
    description = every["indizes/kinder-dynamik/karte"]["description"]
    assert "„negativ“ (am ungünstigsten, rot) bis „positiv“ (am günstigsten, blau)" in description


def _bar_rows(svg: str) -> list[tuple[float, str]]:
    """(y, text) of the labels above the bars and (y, aria-label) of the bars, top down."""
    svg = re.sub(r'<g class="mark-text role-title-text".*?</g>', "", svg, flags=re.S)  # not the title
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
        # dimension_werte 2024, area 21: wirtschaft 0.541319, wohnen 1.113096, the rest and the index empty
        (
            "21",
            [
                "Partizipation von Kindern: keine Angabe",
                "Wirtschaftliche Lage von Kindern: +0,54",
                "Integrationsbedarf: keine Angabe",
                "Gesundheitsbedingungen: keine Angabe",
                "Bildungsbeteiligung: keine Angabe",
                "Wohn- und Umweltbedingungen: +1,11",
            ],
        ),
        # area 15: 1.288002, 1.691714, 1.605978, 1.618316, 1.629724; the index their mean, 1.566747
        (
            "15",
            [
                "Partizipation von Kindern: +1,57",
                "Wirtschaftliche Lage von Kindern: +1,29",
                "Integrationsbedarf: +1,69",
                "Gesundheitsbedingungen: +1,61",
                "Bildungsbeteiligung: +1,62",
                "Wohn- und Umweltbedingungen: +1,63",
            ],
        ),
        # area 01: −1.937069, −1.851603, −1.029267, −1.612642, −1.229230; the index −1.531962
        (
            "01",
            [
                "Partizipation von Kindern: \u22121,53",
                "Wirtschaftliche Lage von Kindern: \u22121,94",
                "Integrationsbedarf: \u22121,85",
                "Gesundheitsbedingungen: \u22121,03",
                "Bildungsbeteiligung: \u22121,61",
                "Wohn- und Umweltbedingungen: \u22121,23",
            ],
        ),
    ],
)
def test_dimension_bar_labels_match_the_page(every, site, area, expected):
    """The labels read as the page's table does (signed, the same year), the index first
    and then its dimensions in their order, and each sits right above its own bar (the
    index's row comes from index_werte, the dimensions' from dimension_werte)."""
    texts, bars = _bar_rows(render.render_svg(every[f"sozialraeume/{area}/kinder/dimensionen"], site))
    assert [t for _, t in texts] == expected
    assert len(bars) == len(expected)  # a bar without a value too: width 0, with its accessible name
    for y, label in bars:
        above = max((t for t in texts if t[0] <= y), key=lambda t: t[0])
        if above[1].endswith(": keine Angabe"):
            assert label == above[1], (label, above)
        else:
            assert label.startswith(above[1] + ", Teilhabechancen"), (label, above)
        assert y - above[0] < 10  # the label's baseline is just over the bar


def test_scores_are_signed_as_on_the_pages(tmp_path):
    """+0,54 and −1,20 with their sign, and 0,00 without one where a score rounds to 0
    (format.signed writes it so), in the label, the accessible name and the tooltip. The
    rows of another index, and another area's, stay out."""
    (tmp_path / "daten").mkdir()
    rows = [("a", 0.004), ("b", -0.004), ("c", 0.54), ("d", -1.2)]
    lines = ["index_id,dimension_id,sozialraum_id,jahr,wert,klasse,rang"]
    lines += [f"i,{d},x,2024,{w},mittel,1" for d, w in rows]
    lines += ["j,a,x,2024,2.5,sehr hoch,1", "i,a,y,2024,3.5,sehr hoch,1"]
    (tmp_path / "daten" / "dimension_werte.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    index = "index_id,sozialraum_id,jahr,wert,klasse,rang\ni,x,2024,0.25,mittel,1\nj,x,2024,-3,sehr niedrig,1\n"
    (tmp_path / "daten" / "index_werte.csv").write_text(index, encoding="utf-8")
    spec = charts.dimension_bars(
        "x",
        "i",
        {d: d.upper() for d, _ in rows},
        2024,
        index_name="I",
        short_name="S",
        area_name="X",
        city=CITY,
        class_labels=LABELS,
    )
    texts, bars = _bar_rows(render.render_svg(spec, tmp_path))
    assert [t for _, t in texts] == ["I: +0,25", "A: 0,00", "B: 0,00", "C: +0,54", "D: \u22121,20"]
    assert [label for _, label in bars][:2] == ["I: +0,25, S mittel", "A: 0,00, S mittel"]
    assert format.signed(0.54, 2) == "+0,54" and format.signed(-0.004, 2) == "0,00"
    assert any(t["field"] == "wert_text" for t in spec["layer"][0]["encoding"]["tooltip"])


# --- several indices and a typology in a small release (tests/factory.py) -----------------


def _two_indices(spec: dict) -> None:
    """Indices `a` and `b` with the same dimension ids, their indicators swapped; the
    typology `t` crosses them, attention where `a` is (sehr) niedrig. Area 04 has no
    values of either indicator in 2021."""
    spec["settings"]["indices"] = [
        {
            "id": "a",
            "name": "Index A",
            "short_name": "Lage A",
            "dimensions": [{"id": "arbeit", "indicators": ["sgb2"]}, {"id": "wohnen", "indicators": ["flaeche"]}],
        },
        {
            "id": "b",
            "name": "Index B",
            "short_name": "Lage B",
            "dimensions": [{"id": "arbeit", "indicators": ["flaeche"]}, {"id": "wohnen", "indicators": ["sgb2"]}],
        },
    ]
    spec["settings"]["typologies"] = [
        {"id": "t", "name": "Typologie T", "indices": ["a", "b"], "attention": [{"a": ["sehr niedrig", "niedrig"]}]}
    ]
    spec["values"] = [
        v
        for v in spec["values"]
        if not (v["sozialraum_id"] == "04" and v["jahr"] == "2021" and v["indikator_id"] in ("sgb2", "flaeche"))
    ]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """The small release's charts of 2021 and a folder with its published tables."""
    folder = factory.release(tmp_path_factory.mktemp("small"), _two_indices)
    release, problems = pipeline.open_release(folder)
    assert release is not None, problems
    result = pipeline.results(release)
    return chartset.specs(release, result, 2021), publish(release, result, folder.parent / "site")


def test_two_indices_with_the_same_dimension_id_get_their_own_charts(small):
    """2021, areas 01-03 (04 has no values): sgb2 = 31, 5,5, 51 % (counts + 1 of the
    factory), mean 29,17, population sd 18,62, z·(−1) = −0,10, +1,27, −1,17; Wohnfläche
    35,01, 40,005, 30,01 m², mean 35,008, sd 4,080, z = 0,00, +1,22, −1,22. Dimension
    `arbeit` is sgb2 in index a and Wohnfläche in index b: two maps, two rankings, and
    per area two bar charts, each with its own index's numbers and short name."""
    every, site = small
    a, b = every["indizes/a/dimensionen/arbeit/karte"], every["indizes/b/dimensionen/arbeit/karte"]
    assert a["layer"][1]["transform"][0] == {"filter": 'datum.index_id == "a" && datum.dimension_id == "arbeit"'}
    assert set(_labels(render.render_svg(a, site))) == {
        "Gebiet 1: Wert \u22120,10, Lage A mittel",
        "Gebiet 2: Wert +1,27, Lage A sehr hoch",
        "Gebiet 3: Wert \u22121,17, Lage A sehr niedrig",
        "Gebiet 4: keine Angabe",
    }
    assert set(_labels(render.render_svg(b, site))) == {
        "Gebiet 1: Wert 0,00, Lage B mittel",
        "Gebiet 2: Wert +1,22, Lage B sehr hoch",
        "Gebiet 3: Wert \u22121,22, Lage B sehr niedrig",
        "Gebiet 4: keine Angabe",
    }
    ranking = sorted(_labels(render.render_svg(every["indizes/b/dimensionen/arbeit/rangfolge"], site)))
    assert ranking == [  # sorted: the area without a value has no rank
        "Gebiet 4: keine Angabe",
        "Rang 1: Gebiet 3, \u22121,22",
        "Rang 2: Gebiet 1, 0,00",
        "Rang 3: Gebiet 2, +1,22",
    ]
    # the index is the mean of its two dimensions: a and b alike, (−0,10 + 0,00) / 2 = −0,05 for 01
    texts_a, _ = _bar_rows(render.render_svg(every["sozialraeume/01/a/dimensionen"], site))
    texts_b, _ = _bar_rows(render.render_svg(every["sozialraeume/01/b/dimensionen"], site))
    assert [t for _, t in texts_a] == ["Index A: \u22120,05", "Arbeit: \u22120,10", "Wohnen: 0,00"]
    assert [t for _, t in texts_b] == ["Index B: \u22120,05", "Arbeit: 0,00", "Wohnen: \u22120,10"]


def test_typology_map_colours_the_areas_that_need_attention(small):
    """Index a in 2021: 01 −0,05 (mittel), 02 +1,25 (sehr hoch), 03 −1,20 (sehr niedrig),
    04 none. Only 03 matches the rule: vermillion; 01 and 02 the light neutral; 04 grey.
    Each shape says its type (both classes) and links to its area page."""
    every, site = small
    spec = every["typologien/t/karte"]
    svg = render.render_svg(spec, site)
    assert _fills(svg) == {
        "Gebiet 1": charts.NO_ATTENTION_COLOUR,
        "Gebiet 2": charts.NO_ATTENTION_COLOUR,
        "Gebiet 3": charts.ATTENTION_COLOUR.lower(),
        "Gebiet 4": charts.MISSING_COLOUR,
    }
    assert set(_labels(svg)) == {
        "Gebiet 1: Lage A mittel, Lage B mittel",
        "Gebiet 2: Lage A sehr hoch, Lage B sehr hoch",
        "Gebiet 3: Lage A sehr niedrig, Lage B sehr niedrig, besonderer Aufmerksamkeitsbedarf",
        "Gebiet 4: keine Angabe",
    }
    assert _legend(svg) == ["besonderer Aufmerksamkeitsbedarf", "kein besonderer Aufmerksamkeitsbedarf", "keine Angabe"]
    encoding = spec["layer"][1]["encoding"]
    assert encoding["href"] == {"field": "url", "type": "nominal"}
    assert [t["title"] for t in encoding["tooltip"]][2:4] == ["Lage A", "Lage B"]
    assert spec["title"]["subtitle"]  # synthetic data: the map says so
    assert "besonderem Aufmerksamkeitsbedarf" in spec["description"]
    # Okabe–Ito vermillion; the other areas' neutral is light (over 3:1 against it)
    assert charts.ATTENTION_COLOUR.lower() == "#d55e00"
    assert _contrast(charts.ATTENTION_COLOUR, charts.NO_ATTENTION_COLOUR) > 3


def _contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in channels]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
