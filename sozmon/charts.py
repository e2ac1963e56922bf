"""Vega-Lite specs (built with Altair) for the maps and charts of the site.

Every spec reads the *published* files by URL (relative to the site root), so a chart
shows exactly the numbers a journalist downloads, specs stay a few KB, and small
counts that the package suppresses can never leak through a chart. The site's loader
resolves the URLs (`loader: {baseURL: root}`); `render.py` resolves them against a
folder for the static picture every page shows first.

Conventions, all for a phone screen and a screen reader: `width: "container"`,
a system font stack (no web fonts), the accessible name in `description`, a clean
`description` encoding on every data mark, German tooltips and number formats (the
formats come from the locale, never from code). Encodings are channel objects
(alt.X, alt.YValue, …), never shorthand strings or dicts, which Altair converts at
about 10 ms each: minutes in a city of a thousand areas.

A chart of scores reads one index's rows (`Scores`): the index itself from
index_werte.csv or one of its dimensions from dimension_werte.csv, so two indices with
a dimension of the same id never mix. Higher is better for every index (its
`short_name` says what a higher value means, and the class charts say it); low classes
(needing attention) are red on every map and chart, for a dynamics index too. Nothing
here names an index, a dimension or a group of people: names come in as arguments. A
context indicator (in no index) is not judged: it has neutral colours and no ranks.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from string import Formatter

import altair as alt
import mapclassify
import numpy as np

from .contract import (
    ALLOCATION_VALUES,
    DIMENSION_VALUES,
    INDEX_VALUES,
    TYPOLOGY_VALUES,
    UNCERTAINTY,
    WHOLE,
    vega_format,
)
from .maps import DISTRICTS, OBJECT, TOPOLOGY_PATH
from .texts import CHARTS as CHART_TEXTS
from .texts import UNCERTAINTY as SURE_TEXTS

# --- data the specs read (paths relative to the site root) ----------------------------
INDEX_URL = f"daten/{INDEX_VALUES}.csv"
DIMENSION_URL = f"daten/{DIMENSION_VALUES}.csv"
TYPOLOGY_URL = f"daten/{TYPOLOGY_VALUES}.csv"
VALUES_URL = "daten/indikator_werte.csv"
AGGREGATES_URL = "daten/gebiete_werte.csv"
ALLOCATION_URL = f"daten/{ALLOCATION_VALUES}.csv"
UNCERTAINTY_URL = f"daten/{UNCERTAINTY}.csv"
# Ids stay text ("01"), numbers become numbers: the types of the output contract.
INDEX_FORMAT = vega_format(INDEX_VALUES)
DIMENSION_FORMAT = vega_format(DIMENSION_VALUES)
TYPOLOGY_FORMAT = vega_format(TYPOLOGY_VALUES)
VALUES_FORMAT = vega_format("indikator_werte")
AGGREGATES_FORMAT = vega_format("gebiete_werte")
ALLOCATION_FORMAT = vega_format(ALLOCATION_VALUES)
UNCERTAINTY_FORMAT = vega_format(UNCERTAINTY)
TOPO_FORMAT = {"type": "topojson", "feature": OBJECT}
DISTRICT_FORMAT = {"type": "topojson", "feature": DISTRICTS}


@dataclass(frozen=True)
class Scores:
    """Which scores a chart reads: an index's (`dimension_id` None) from index_werte.csv,
    or one of its dimensions' from dimension_werte.csv."""

    index_id: str
    dimension_id: str | None = None

    @property
    def url(self) -> str:
        return INDEX_URL if self.dimension_id is None else DIMENSION_URL

    @property
    def format(self) -> dict:
        return INDEX_FORMAT if self.dimension_id is None else DIMENSION_FORMAT

    @property
    def filter(self) -> str:
        """A Vega expression that keeps exactly these scores' rows."""
        expr = f"datum.index_id == {_lit(self.index_id)}"
        return expr if self.dimension_id is None else f"{expr} && datum.dimension_id == {_lit(self.dimension_id)}"

    def data(self) -> alt.UrlData:
        return _csv(self.url, self.format)


# --- look ------------------------------------------------------------------------------
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
# ColorBrewer RdYlBu: diverging, colour-blind safe; red = low participation chances.
CLASS_COLOURS = {
    3: ["#fc8d59", "#ffffbf", "#91bfdb"],
    4: ["#d7191c", "#fdae61", "#abd9e9", "#2c7bb6"],
    5: ["#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6"],
    6: ["#d73027", "#fc8d59", "#fee090", "#e0f3f8", "#91bfdb", "#4575b4"],
    7: ["#d73027", "#fc8d59", "#fee090", "#ffffbf", "#e0f3f8", "#91bfdb", "#4575b4"],
}
# ColorBrewer OrRd (sequential, colour-blind safe), light → dark = favourable → unfavourable.
VALUE_COLOURS = {
    1: ["#fc8d59"],
    2: ["#fdcc8a", "#e34a33"],
    3: ["#fee8c8", "#fdbb84", "#e34a33"],
    4: ["#fef0d9", "#fdcc8a", "#fc8d59", "#d7301f"],
    5: ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"],
    6: ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"],
    7: ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"],
}
# ColorBrewer Purples (sequential, colour-blind safe), light → dark = low → high value:
# for a context indicator, which is not judged. Neither red nor a class colour.
CONTEXT_COLOURS = {
    1: ["#9e9ac8"],
    2: ["#cbc9e2", "#756bb1"],
    3: ["#efedf5", "#bcbddc", "#756bb1"],
    4: ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3"],
    5: ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"],
    6: ["#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"],
    7: ["#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"],
}
MISSING_COLOUR = "#d9d9d9"
# A typology map (legend order): Okabe–Ito vermillion for the areas whose type needs
# attention, a light neutral for the others, grey for no type.
ATTENTION_COLOUR = "#D55E00"
NO_ATTENTION_COLOUR = "#f7f7f7"
ATTENTION_DOMAIN = (CHART_TEXTS["attention"], CHART_TEXTS["no_attention"], CHART_TEXTS["missing"])
ATTENTION_COLOURS = (ATTENTION_COLOUR, NO_ATTENTION_COLOUR, MISSING_COLOUR)
OTHER_AREAS = "#e8e8e8"
# The area on its locator map: near black, so it can never be read as a class colour.
HIGHLIGHT = "#1a1a1a"
LINE = "#08519c"
DISTRICT_BORDER = "#222222"
BORDER = "#6b6b6b"  # area borders dark enough (>3:1 on white) to see pale shapes
MAP_HEIGHT = 420
INDEX_FORMAT_NUMBER = ",.2f"
# Scores with their sign, as the pages write them ("+0,54", "−0,54", "0,00").
SIGNED_FORMAT_NUMBER = "+,.2f"
VALUE_FORMAT_NUMBER = ",.1f"

CONFIG = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {
        "labelFontSize": 12,
        "titleFontSize": 12,
        "labelColor": "#333",
        "titleColor": "#333",
        "titleFontWeight": "normal",
    },
    # columnPadding: the static picture is laid out with the renderer's font; a phone's
    # (or Chromium's DejaVu) is up to 15 % wider, and a label ran into the next swatch.
    "legend": {
        "labelFontSize": 12,
        "titleFontSize": 12,
        "labelColor": "#333",
        "titleColor": "#333",
        "orient": "bottom",
        "direction": "horizontal",
        "labelLimit": 160,
        "columnPadding": 24,
    },
    "axisY": {"titlePadding": 10},
    "title": {"fontSize": 15, "anchor": "start", "color": "#222", "fontWeight": "bold", "limit": 0, "lineHeight": 19},
}
# Fit the width only: `height` is the plot's height and the chart grows by its title and
# legend. With "fit" in both directions Vega squeezed the plot of a 360 px chart to
# 85 px under a wrapped title and a 3-row legend, and cut off the title's first line.
# Bar charts set their height by step (one per bar) and need "fit-x" anyway.
AUTOSIZE = {"type": "fit-x", "contains": "padding"}
# Text must fit this width (the static picture's, at which the interactive chart is drawn
# too) less the padding, measured with the widest common screen font (see `text_width`).
TEXT_WIDTH = 340
TITLE_SIZE, LABEL_SIZE, BAR_LABEL_SIZE = 15, 11, 13
# A ranking's name column: wide enough for the longest name, at most this wide (longer
# names end in "…"; the full name is in the tooltip and the bar's accessible name).
MAX_LABEL_WIDTH = 150


# --- helpers ---------------------------------------------------------------------------


def _t(key: str, **values) -> str:
    return CHART_TEXTS[key].format(**values)


def _year_text(year: int | None) -> str:
    return str(year) if year is not None else CHART_TEXTS["latest_year"]


def _lit(text: str) -> str:
    """A string literal for a Vega expression (JSON escaping is valid there)."""
    return json.dumps(text, ensure_ascii=False)


def _template(template: str, **parts: str) -> str:
    """A Vega expression that fills a CHART_TEXTS template with expressions.

    Keeps the German wording in one template instead of scattering it over
    string concatenations in expressions.
    """
    pieces = []
    for literal, name, _, _ in Formatter().parse(template):
        if literal:
            pieces.append(_lit(literal))
        if name:
            pieces.append(f"({parts[name]})")
    return " + ".join(pieces) or '""'


def _num(field: str, fmt: str) -> str:
    return f"format(datum[{_lit(field)}], {_lit(fmt)})"


def _score(field: str = "wert") -> str:
    """A score as the pages write it (`format.signed`): "+0,54", "−0,54", and "0,00"
    where it rounds to 0, so a chart never reads "0,54" beside a table's "+0,54"."""
    x, fmt = f"datum[{_lit(field)}]", _lit(INDEX_FORMAT_NUMBER)
    zero = f"format(0, {fmt})"
    return f"(format(abs({x}), {fmt}) === {zero} ? {zero} : format({x}, {_lit(SIGNED_FORMAT_NUMBER)}))"


def _score_text() -> dict:
    """`wert_text`: the signed score, or "keine Angabe", for tooltips."""
    return {"calculate": f"isValid(datum.wert) ? {_score()} : {_lit(CHART_TEXTS['missing'])}", "as": "wert_text"}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` in px, estimated generously (DejaVu Sans, the widest common screen font).

    Vega measures text only in the browser; the static pictures are laid out by
    vl-convert with a narrower font. Room and line breaks computed with this estimate
    fit both, and any phone font.
    """
    width = 0.0
    for char in text:
        if char in "iljtfr.,:;'|!()[] ":
            width += 0.36
        elif char in "mwMW%":
            width += 0.98
        elif char.isupper():
            width += 0.74
        else:
            width += 0.62
    return width * size * (1.08 if bold else 1.0)


def _wrap(text: str, size: float, width: float = TEXT_WIDTH, bold: bool = False) -> list[str]:
    """Lines of at most `width` px: at spaces, or inside a word that is longer than a line."""
    lines: list[str] = []
    for word in text.split():
        line = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(line, size, bold) <= width:
            lines[-1] = line
            continue
        while text_width(word, size, bold) > width:  # a word longer than a line
            cut = max(1, max(i for i in range(1, len(word) + 1) if text_width(word[:i], size, bold) <= width))
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines


def _title(text: str, size: float = TITLE_SIZE, bold: bool = True, width: float = TEXT_WIDTH) -> str | list[str]:
    """Vega does not wrap text: long titles become lines, so they fit a phone screen."""
    lines = _wrap(text, size, width, bold)
    return lines if len(lines) > 1 else text


def _axis_title(text: str) -> str | list[str]:
    return _title(text, 12, bold=False, width=TEXT_WIDTH - 40)


def _fit(text: str, size: float, room: float) -> str:
    """`text`, or as much of it as fits `room` px (estimated as `text_width` does) with "…"."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(f"{text.rstrip()}…", size) > room:
        text = text[:-1]
    return f"{text.rstrip()}…"


def _x_axis(number_format: str) -> alt.Axis:
    """The value axis of a bar chart. Vega drops labels that would overlap as measured in
    the renderer's font; the space between two labels leaves room for a phone's wider font."""
    return alt.Axis(format=number_format, tickCount=5, labelSeparation=8)


def label_width(names, size: float = LABEL_SIZE) -> int:
    """The name column of a ranking: the longest name's width, at most MAX_LABEL_WIDTH."""
    widest = max((text_width(str(n), size) for n in names), default=0.0)
    return int(min(MAX_LABEL_WIDTH, widest + 4))


def _legend(title: str, columns: int = 2, **kw) -> alt.Legend:
    """A legend below the chart; 2 columns of class names fit 320 px beside an axis."""
    return alt.Legend(title=title, columns=columns, symbolType="square", **kw)


def _csv(url: str, fmt: dict) -> alt.UrlData:
    return alt.UrlData(url=url, format=copy.deepcopy(fmt))


def _topo() -> alt.UrlData:
    return alt.UrlData(url=TOPOLOGY_PATH, format=dict(TOPO_FORMAT))


def _year_filter(year: int | None) -> list[dict]:
    """Rows of the given year; None = the latest year in the file, so a spec never goes stale."""
    if year is not None:
        return [{"filter": f"datum.jahr == {int(year)}"}]
    return [
        {"joinaggregate": [{"op": "max", "field": "jahr", "as": "_latest"}]},
        {"filter": "datum.jahr == datum._latest"},
    ]


def _names_lookup() -> dict:
    """Area names (and page links) from the TopoJSON: the one place names live."""
    return {
        "lookup": "sozialraum_id",
        "from": {
            "data": {"url": TOPOLOGY_PATH, "format": dict(TOPO_FORMAT)},
            "key": "properties.sozialraum_id",
            "fields": ["properties"],
        },
    }


def _name_fields() -> list[dict]:
    return [
        {"calculate": "datum.properties ? datum.properties.name : datum.sozialraum_id", "as": "name"},
        {"calculate": "datum.properties ? datum.properties.url : ''", "as": "url"},
    ]


def _geo_lookup() -> list[dict]:
    """Shape, name and page link of each CSV row from the TopoJSON feature of its area."""
    return [
        {
            "lookup": "sozialraum_id",
            "from": {"data": {"url": TOPOLOGY_PATH, "format": dict(TOPO_FORMAT)}, "key": "properties.sozialraum_id"},
            "as": "geo",
        },
        {"filter": "isValid(datum.geo)"},
        {"calculate": "datum.geo.properties.name", "as": "name"},
        {"calculate": "datum.geo.properties.url", "as": "url"},
    ]


def _class_scale(labels: list[str], present: set[str] | None = None) -> alt.Scale:
    """Colours of the classes; the legend lists only the `present` ones (None: all).

    Each class keeps its colour of the full palette; "keine Angabe" is among the present
    classes (CHART_TEXTS["missing"]) only where a value is missing.
    """
    if len(labels) not in CLASS_COLOURS:
        raise ValueError(f"{len(labels)} Klassen: Farben gibt es für {sorted(CLASS_COLOURS)}")
    return _scale([*labels, CHART_TEXTS["missing"]], [*CLASS_COLOURS[len(labels)], MISSING_COLOUR], present)


def _scale(domain: list[str], colours: list[str], present: set[str] | None) -> alt.Scale:
    if present is None:
        present = set(domain)
    pairs = [(d, c) for d, c in zip(domain, colours) if d in present]
    return alt.Scale(domain=[d for d, _ in pairs], range=[c for _, c in pairs])


def _class_label() -> dict:
    missing = _lit(CHART_TEXTS["missing"])
    return {
        "calculate": f"isValid(datum.klasse) && datum.klasse !== '' ? datum.klasse : {missing}",
        "as": "klasse_label",
    }


def _replace_transforms(chart: alt.Chart, transforms: list[dict]) -> alt.Chart:
    """The chart with exactly these transforms (plain Vega-Lite dicts, in order)."""
    chart = chart.copy(deep=True)
    chart.transform = transforms
    return chart


def _finish(chart, description: str, height, autosize=AUTOSIZE, title: str | list[str] | None = None) -> dict:
    """The properties every spec shares; returns the plain dict the site serves.

    Set on the dict, not through Altair: its `properties` and `configure` validate and
    copy the whole chart, most of the time a chart takes (tests/test_charts.py validates
    every spec against the Vega-Lite schema instead).
    """
    spec = chart.to_dict(validate=False)
    if title is not None:
        spec["title"] = title
    theme = spec.get("config", {})  # Altair's defaults, as `configure` would keep them
    config = {
        key: {**theme.get(key, {}), **value} if isinstance(value, dict) else value for key, value in CONFIG.items()
    }
    spec.update(
        width="container",
        height=height.to_dict() if isinstance(height, alt.Step) else height,
        description=description,
        autosize=dict(autosize),
        config=copy.deepcopy({**theme, **config}),
    )
    return spec


def _zero_rule(city: str, orient: str) -> list[alt.Chart]:
    """The 0 of the standardised scale (the mean of the areas) as a rule.

    A vertical rule (bar charts) has no label: the axis title names the 0, and a label
    beside the rule ran into a bar's text or, with the rule far right, out of the
    picture. A horizontal rule is labelled at its left end, where there is room.
    """
    label = _t("city_average", city=city)
    base = alt.Chart(alt.Data(values=[{"v": 0, "label": label}]))
    if orient == "vertical":
        return [base.mark_rule(color="#333", strokeWidth=1.5, aria=False).encode(x=alt.X("v:Q"))]
    rule = base.mark_rule(color="#333", strokeWidth=1.5, aria=False).encode(y=alt.Y("v:Q"))
    text = base.mark_text(align="left", baseline="bottom", dx=2, dy=-2, color="#333", fontSize=11, aria=False).encode(
        y=alt.Y("v:Q"), x=alt.XValue(0), text=alt.Text("label:N")
    )
    return [rule, text]


# --- maps ------------------------------------------------------------------------------


def class_map(
    scores: Scores,
    labels: list[str],
    year: int | None = None,
    title: str | None = None,
    *,
    name: str,
    short_name: str,
    city: str,
    value_label: str | None = None,
    height: int = MAP_HEIGHT,
    present: set[str] | None = None,
    districts: bool = False,
) -> dict:
    """City map of an index's (or one of its dimensions') classes; each shape links to
    its area page.

    The CSV is the primary data (it can be filtered by index, dimension and year, a
    lookup source cannot) and takes its shape from the TopoJSON; a grey base layer of
    all shapes keeps the city whole if an area has no row. `name`: the index's or the
    dimension's; `short_name`: the index's, what a higher value means (legend, title);
    `present`: the classes the legend lists; `districts`: draw the Stadtbezirke of the
    TopoJSON with their names.
    """
    year_text = _year_text(year)
    value_label = value_label or (CHART_TEXTS["index"] if scores.dimension_id is None else CHART_TEXTS["value"])
    base = alt.Chart(_topo()).mark_geoshape(fill=MISSING_COLOUR, stroke=BORDER, strokeWidth=0.5, aria=False)
    desc = (
        "isValid(datum.wert) ? "
        + _template(
            CHART_TEXTS["mark_class"],
            area="datum.name",
            label=_lit(value_label),
            value=_score(),
            short_name=_lit(short_name),
            klasse="datum.klasse_label",
        )
        + f" : {_template(CHART_TEXTS['mark_missing'], area='datum.name')}"
    )
    transforms = [
        {"filter": scores.filter},
        *_year_filter(year),
        *_geo_lookup(),
        _class_label(),
        _score_text(),
        {"calculate": desc, "as": "description"},
    ]
    shapes = (
        _replace_transforms(alt.Chart(scores.data()), transforms)
        .mark_geoshape(stroke=BORDER, strokeWidth=0.5, cursor="pointer")
        .encode(
            shape=alt.Shape(field="geo", type="geojson"),
            color=alt.Color(
                "klasse_label:N",
                scale=_class_scale(labels, present),
                legend=_legend(short_name, columns=3),
            ),
            href=alt.Href("url:N"),
            description=alt.Description("description:N"),
            tooltip=[
                alt.Tooltip("name:N", title=CHART_TEXTS["area"]),
                alt.Tooltip("wert_text:N", title=value_label),
                alt.Tooltip("klasse_label:N", title=short_name),
                alt.Tooltip("rang:Q", title=CHART_TEXTS["rank"]),
            ],
        )
    )
    chart = alt.layer(base, shapes, *(_district_layers() if districts else [])).project(type="mercator")
    if title is None:
        title = _t("class_map_title", short_name=short_name, name=name, year=year_text)
    description = _t(
        "class_map_description",
        city=city,
        short_name=short_name,
        name=name,
        year=year_text,
        lowest=labels[0],
        highest=labels[-1],
    )
    if districts:
        description += " " + CHART_TEXTS["districts_description"]
    return _finish(chart, description, height, title=_title(title))


def typology_map(
    typology_id: str,
    year: int | None = None,
    *,
    name: str,
    class_titles: tuple[str, str],
    city: str,
    height: int = MAP_HEIGHT,
    present: set[str] | None = None,
    districts: bool = False,
) -> dict:
    """City map of a typology: the areas whose type needs attention stand out.

    Coloured by the attention flag alone (Okabe–Ito vermillion against a light neutral,
    grey for no value), which reads the same for every kind of colour vision and at any
    number of types; the type and both classes are in the tooltip and each shape's
    accessible name, and each shape links to its area page. `class_titles`: the names
    of the two classes in the tooltip (the two indices' short names); `present`: the
    legend entries (ATTENTION_DOMAIN) the map shows.
    """
    year_text = _year_text(year)
    attention, other, missing = ATTENTION_DOMAIN
    category = (
        f"datum.aufmerksamkeit === true ? {_lit(attention)} : "
        f"(datum.aufmerksamkeit === false ? {_lit(other)} : {_lit(missing)})"
    )
    marked = _template(
        CHART_TEXTS["mark_type_attention"], area="datum.name", typ="datum.typ", attention=_lit(attention)
    )
    mark = _template(CHART_TEXTS["mark_type"], area="datum.name", typ="datum.typ")
    unknown = _template(CHART_TEXTS["mark_missing"], area="datum.name")
    desc = f"datum.aufmerksamkeit === true ? {marked} : (isValid(datum.aufmerksamkeit) ? {mark} : {unknown})"
    transforms = [
        {"filter": f"datum.typologie_id == {_lit(typology_id)}"},
        *_year_filter(year),
        *_geo_lookup(),
        {"calculate": category, "as": "attention_label"},
        *[
            {"calculate": f"isValid(datum.{f}) && datum.{f} !== '' ? datum.{f} : {_lit(missing)}", "as": f"{f}_label"}
            for f in ("typ", "klasse_1", "klasse_2")
        ],
        {"calculate": desc, "as": "description"},
    ]
    base = alt.Chart(_topo()).mark_geoshape(fill=MISSING_COLOUR, stroke=BORDER, strokeWidth=0.5, aria=False)
    shapes = (
        _replace_transforms(alt.Chart(_csv(TYPOLOGY_URL, TYPOLOGY_FORMAT)), transforms)
        .mark_geoshape(stroke=BORDER, strokeWidth=0.5, cursor="pointer")
        .encode(
            shape=alt.Shape(field="geo", type="geojson"),
            color=alt.Color(
                "attention_label:N",
                scale=_scale(list(ATTENTION_DOMAIN), list(ATTENTION_COLOURS), present),
                legend=_legend(None, columns=1, labelLimit=TEXT_WIDTH - 30),
            ),
            href=alt.Href("url:N"),
            description=alt.Description("description:N"),
            tooltip=[
                alt.Tooltip("name:N", title=CHART_TEXTS["area"]),
                alt.Tooltip("typ_label:N", title=CHART_TEXTS["type"]),
                alt.Tooltip("klasse_1_label:N", title=class_titles[0]),
                alt.Tooltip("klasse_2_label:N", title=class_titles[1]),
                alt.Tooltip("attention_label:N", title=CHART_TEXTS["attention_title"]),
            ],
        )
    )
    chart = alt.layer(base, shapes, *(_district_layers() if districts else [])).project(type="mercator")
    title = _t("typology_map_title", name=name, year=year_text)
    description = _t("typology_map_description", city=city, name=name, year=year_text)
    if districts:
        description += " " + CHART_TEXTS["districts_description"]
    return _finish(chart, description, height, title=_title(title))


def _district_layers() -> list[alt.Chart]:
    """Stadtbezirk borders and names, read from the TopoJSON (names are data, not code).

    Each name is drawn twice at its label point: a white outline under the dark text
    keeps it readable on every class colour. Decorative (aria: false): the spec's
    description says what the lines are; the areas keep their own names.
    """
    data = alt.UrlData(url=TOPOLOGY_PATH, format=dict(DISTRICT_FORMAT))
    borders = alt.Chart(data).mark_geoshape(filled=False, stroke=DISTRICT_BORDER, strokeWidth=2.2, aria=False)
    where = dict(
        longitude=alt.Longitude("properties.lon:Q"),
        latitude=alt.Latitude("properties.lat:Q"),
        text=alt.Text("properties.name:N"),
    )
    style = dict(fontSize=12, fontWeight="bold", align="center", baseline="middle", aria=False)
    halo = (
        alt.Chart(data)
        .mark_text(stroke="#ffffff", strokeWidth=4, strokeJoin="round", fill="#ffffff", **style)
        .encode(**where)
    )
    names = alt.Chart(data).mark_text(fill="#111111", **style).encode(**where)
    return [borders, halo, names]


def locator_map(area_id: str, *, area_name: str, city: str, height: int = 220, nearby: list[str] | None = None) -> dict:
    """Small map locating one area in the city; decorative shapes, no links.

    The spec's description says everything, so the shapes are hidden from screen
    readers (aria: false) instead of reading out 39 uninteresting names. `nearby`
    limits the map to those areas: in a city of a thousand areas one area would be a
    dot, and every locator map would carry the whole city.
    """
    is_area = f"datum.properties.sozialraum_id == {_lit(area_id)}"
    chart = (
        alt.Chart(_topo())
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.8, aria=False)
        .encode(color=alt.ColorValue(OTHER_AREAS, condition={"test": is_area, "value": HIGHLIGHT}))
        .project(type="mercator")
    )
    if nearby:
        chart = chart.transform_filter(f"indexof({json.dumps(sorted(nearby))}, datum.properties.sozialraum_id) >= 0")
    key = "locator_description_nearby" if nearby else "locator_description"
    return _finish(chart, f"{_t(key, area=area_name, city=city)} {CHART_TEXTS['locator_mark']}", height)


def quantile_breaks(values, k: int = 5) -> list[float]:
    """The k−1 inner cut points of k quantile classes, for a threshold scale.

    Missing values are ignored; ties can give fewer classes (cut points are unique).
    """
    data = np.asarray([v for v in values if v is not None and np.isfinite(v)], dtype=float)
    if data.size == 0:
        return []
    k = max(1, min(k, int(np.unique(data).size)))
    bins = mapclassify.Quantiles(data, k=k).bins[:-1]
    return sorted({round(float(b), 6) for b in bins})


def value_map(
    indicator_id: str,
    breaks: list[float],
    *,
    name: str,
    unit: str,
    direction: int | None,
    city: str,
    year: int | None = None,
    title: str | None = None,
    decimals: int = 1,
    height: int = MAP_HEIGHT,
    missing: bool = True,
) -> dict:
    """Indicator values on the map in classes with fixed breaks (see `quantile_breaks`).

    Darker is always less favourable: for `direction` +1 (higher = better) the ramp is
    reversed, so the same shade means the same on every indicator map. A context
    indicator (`direction` None) is not judged: a neutral purple ramp, darker = higher
    value, and a legend that says so. The classes are
    named in the spec ("24,1 bis unter 33,3"), not drawn by a threshold scale: a
    threshold legend is a gradient whose labels collide at close breaks, and it has no
    entry for missing values (listed only if `missing`: an area has no value to show).
    """
    breaks = sorted({round(float(b), decimals) for b in breaks})  # the labels say exactly where
    classes = len(breaks) + 1
    if classes not in VALUE_COLOURS:
        raise ValueError(f"{classes} Klassen: Farben gibt es für {sorted(VALUE_COLOURS)}")
    context = direction is None
    if context:
        colours = CONTEXT_COLOURS[classes]
    else:
        colours = VALUE_COLOURS[classes] if direction < 0 else VALUE_COLOURS[classes][::-1]
    names = value_class_names(breaks, decimals)
    value_format = f",.{decimals}f"
    year_text = _year_text(year)
    desc = (
        f"isValid(datum.wert) ? "
        f"{_template(CHART_TEXTS['mark_value'], area='datum.name', value=_num('wert', value_format), unit=_lit(unit))}"
        f" : {_template(CHART_TEXTS['mark_missing'], area='datum.name')}"
    )
    # same rule as a threshold scale: value < break → lower class
    class_expr = _lit(names[-1])
    for cut, label in reversed(list(zip(breaks, names))):
        class_expr = f"datum.wert < {float(cut)!r} ? {_lit(label)} : ({class_expr})"
    class_expr = f"isValid(datum.wert) ? ({class_expr}) : {_lit(CHART_TEXTS['missing'])}"
    base = alt.Chart(_topo()).mark_geoshape(fill=MISSING_COLOUR, stroke=BORDER, strokeWidth=0.5, aria=False)
    transforms = [
        {"filter": f"datum.indikator_id == {_lit(indicator_id)}"},
        *_year_filter(year),
        *_geo_lookup(),
        {"calculate": desc, "as": "description"},
        {"calculate": class_expr, "as": "value_class"},
    ]
    legend_title = _t("unit_axis", unit=unit)
    legend = _legend(
        _title(_t("value_legend_context", unit=unit), 12, width=TEXT_WIDTH - 20) if context else legend_title,
        columns=2,
        **({"titleLimit": TEXT_WIDTH} if context else {}),
    )
    shapes = (
        _replace_transforms(alt.Chart(_csv(VALUES_URL, VALUES_FORMAT)), transforms)
        .mark_geoshape(stroke=BORDER, strokeWidth=0.5, cursor="pointer")
        .encode(
            shape=alt.Shape(field="geo", type="geojson"),
            color=alt.Color(
                "value_class:N",
                scale=_scale(
                    [*names, CHART_TEXTS["missing"]], [*colours, MISSING_COLOUR], None if missing else set(names)
                ),
                legend=legend,
            ),
            href=alt.Href("url:N"),
            description=alt.Description("description:N"),
            tooltip=[
                alt.Tooltip("name:N", title=CHART_TEXTS["area"]),
                alt.Tooltip("wert:Q", title=legend_title, format=value_format),
                alt.Tooltip("value_class:N", title=CHART_TEXTS["value_class"]),
            ],
        )
    )
    chart = alt.layer(base, shapes).project(type="mercator")
    title = title or _t("value_map_title", name=name, year=year_text)
    key = "value_map_description_context" if context else "value_map_description"
    description = _t(key, city=city, name=name, unit=unit, year=year_text, classes=classes)
    return _finish(chart, description, height, title=_title(title))


def german_number(value: float, decimals: int = 1) -> str:
    """1234.5 → "1.234,5", −1 with a real minus sign: as d3's de-DE locale writes it."""
    text = f"{value:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return text.replace("-", "\u2212")


def value_class_names(breaks: list[float], decimals: int = 1) -> list[str]:
    """German names of the classes that `breaks` make: "unter 24,1" … "50,3 und mehr"."""
    if not breaks:
        return [CHART_TEXTS["value_class_all"]]
    b = [german_number(x, decimals) for x in breaks]
    return [
        _t("value_class_first", upper=b[0]),
        *[_t("value_class_middle", lower=lo, upper=hi) for lo, hi in zip(b, b[1:])],
        _t("value_class_last", lower=b[-1]),
    ]


# --- charts for one area -----------------------------------------------------------------


def _order_expr(ids: list[str], labels: list[str]) -> tuple[str, str]:
    """Label and sort position of a dimension id, as expressions (a small mapping of texts)."""
    id_list = "[" + ", ".join(_lit(i) for i in ids) + "]"
    label_list = "[" + ", ".join(_lit(x) for x in labels) + "]"
    position = f"indexof({id_list}, datum.dimension_id)"
    return f"{label_list}[{position}]", position


def dimension_bars(
    area_id: str,
    index_id: str,
    dimensions: dict[str, str],
    year: int | None = None,
    *,
    index_name: str,
    short_name: str,
    area_name: str,
    city: str,
    class_labels: list[str],
    title: str | None = None,
    present: set[str] | None = None,
) -> dict:
    """The area's score in an index and in its dimensions as bars from the city average (0).

    The index's bar comes first (its row is in index_werte.csv), then the dimensions in
    the order of `dimensions` (id → name; rows in dimension_werte.csv): one layer per
    file, on one y scale of positions (0 = the index), so the order holds across both
    and a dimension named like its index keeps a bar of its own. The names are texts,
    so they are inlined as two short arrays, not data.
    """
    ids, labels = list(dimensions), list(dimensions.values())
    label_expr, position = _order_expr(ids, labels)
    # A name too long for a phone's line ends in "…" before its value (the full name is in
    # the tooltip and the bar's accessible name); room for the longest value text.
    room = TEXT_WIDTH - text_width(_t("bar_label", label="", value=CHART_TEXTS["missing"]), BAR_LABEL_SIZE)
    short_expr, _ = _order_expr(ids, [_fit(x, BAR_LABEL_SIZE, room) for x in labels])
    index_rows = [
        {"filter": f"{Scores(index_id).filter} && datum.sozialraum_id == {_lit(area_id)}"},
        {"calculate": _lit(index_name), "as": "label"},
        {"calculate": _lit(_fit(index_name, BAR_LABEL_SIZE, room)), "as": "short_label"},
        {"calculate": "0", "as": "order"},
    ]
    dimension_rows = [
        {"filter": f"datum.index_id == {_lit(index_id)} && datum.sozialraum_id == {_lit(area_id)}"},
        {"filter": f"{position} >= 0"},
        {"calculate": label_expr, "as": "label"},
        {"calculate": short_expr, "as": "short_label"},
        {"calculate": f"{position} + 1", "as": "order"},
    ]
    mark = _template(
        CHART_TEXTS["mark_bar"],
        label="datum.label",
        value=_score(),
        short_name=_lit(short_name),
        klasse="datum.klasse_label",
    )
    missing = _template(CHART_TEXTS["mark_missing"], area="datum.label")
    short_missing = _template(CHART_TEXTS["mark_missing"], area="datum.short_label")
    common = [
        *_year_filter(year),
        _class_label(),
        _score_text(),
        {"calculate": f"isValid(datum.wert) ? {mark} : {missing}", "as": "description"},
        {
            "calculate": (
                f"isValid(datum.wert) ? "
                f"{_template(CHART_TEXTS['bar_label'], label='datum.short_label', value=_score())}"
                f" : {short_missing}"
            ),
            "as": "row_text",
        },
    ]
    # Labels above the bars, not on a y axis: on a phone the bars keep the full width.
    y = alt.Y("order:O", sort="ascending", title=None, axis=None)
    colour = alt.Color(
        "klasse_label:N", scale=_class_scale(class_labels, present), legend=_legend(short_name, columns=2)
    )
    x = alt.X("wert:Q", title=_axis_title(_t("score_axis", city=city)), axis=_x_axis(",.1f"))
    bars, texts, zeros = [], [], []
    for data, rows in (
        (_csv(INDEX_URL, INDEX_FORMAT), index_rows),
        (_csv(DIMENSION_URL, DIMENSION_FORMAT), dimension_rows),
    ):
        base = _replace_transforms(alt.Chart(data), [*rows, *common])
        # A thin border: the pale middle class would vanish on white without it. A score
        # without a value is a bar of width 0 ("show"), so it still has its accessible
        # name, "…: keine Angabe", and a layer is never an empty group without one (axe
        # svg-img-alt), e.g. the index's where only its dimensions have values.
        bars.append(
            base.mark_bar(height=16, stroke=BORDER, strokeWidth=0.5, invalid="show").encode(
                y=y,
                yOffset=alt.YOffsetValue(8),
                x=x,
                color=colour,
                description=alt.Description("description:N"),
                tooltip=[
                    alt.Tooltip("label:N", title=CHART_TEXTS["bar_subject"]),
                    alt.Tooltip("wert_text:N", title=CHART_TEXTS["value"]),
                    alt.Tooltip("klasse_label:N", title=short_name),
                    alt.Tooltip("rang:Q", title=CHART_TEXTS["rank"]),
                ],
            )
        )
        texts.append(
            base.mark_text(
                align="left", baseline="bottom", fontSize=BAR_LABEL_SIZE, color="#222", aria=False, limit=TEXT_WIDTH
            ).encode(y=y, yOffset=alt.YOffsetValue(-1), x=alt.XValue(0), text=alt.Text("row_text:N"))
        )
        # The 0 (the mean of the areas) as a short mark beside each bar, not as a rule
        # through the whole chart: a rule crossed the labels and turned "−1,28" into
        # "+1,28". No label: the axis title names the 0.
        zeros.append(
            base.mark_tick(orient="vertical", color="#333", thickness=1.5, size=20, aria=False).encode(
                y=y, yOffset=alt.YOffsetValue(8), x=alt.XDatum(0)
            )
        )
    chart = alt.layer(*bars, *zeros, *texts)
    year_text = _year_text(year)
    title = title or _t("dimension_bars_title", area=area_name, short_name=short_name, year=year_text)
    description = _t(
        "dimension_bars_description",
        area=area_name,
        name=index_name,
        short_name=short_name,
        year=year_text,
        city=city,
    )
    return _finish(chart, description, alt.Step(46), title=_title(title))


def index_over_time(
    area_id: str,
    scores: Scores,
    *,
    area_name: str,
    city: str,
    name: str,
    short_name: str,
    class_labels: list[str],
    height: int = 260,
    present: set[str] | None = None,
) -> dict:
    """The area's score (an index's, or a dimension's) per year as a line with points,
    against the city average 0."""
    desc = (
        "isValid(datum.wert) ? "
        + _template(
            CHART_TEXTS["mark_year_class"],
            year="datum.jahr",
            value=_score(),
            short_name=_lit(short_name),
            klasse="datum.klasse_label",
        )
        + f" : {_template(CHART_TEXTS['mark_missing'], area='datum.jahr')}"
    )
    base = _replace_transforms(
        alt.Chart(scores.data()),
        [
            {"filter": f"{scores.filter} && datum.sozialraum_id == {_lit(area_id)}"},
            _class_label(),
            _score_text(),
            {"calculate": desc, "as": "description"},
        ],
    )
    x = alt.X("jahr:O", title=CHART_TEXTS["year"], axis=alt.Axis(labelAngle=0))
    axis_name = CHART_TEXTS["index"] if scores.dimension_id is None else CHART_TEXTS["value"]
    y = alt.Y(
        "wert:Q",
        title=_title(_t("index_axis", name=axis_name, city=city), 12, False, height - 20),
        axis=alt.Axis(format=",.1f", tickCount=5),
    )
    line = base.mark_line(color=LINE, strokeWidth=2, aria=False).encode(x=x, y=y)
    points = base.mark_point(filled=True, size=70, stroke="#333", strokeWidth=0.5, opacity=1).encode(
        x=x,
        y=y,
        color=alt.Color("klasse_label:N", scale=_class_scale(class_labels, present), legend=_legend(short_name)),
        description=alt.Description("description:N"),
        tooltip=[
            alt.Tooltip("jahr:O", title=CHART_TEXTS["year"]),
            alt.Tooltip("wert_text:N", title=name),
            alt.Tooltip("klasse_label:N", title=short_name),
            alt.Tooltip("rang:Q", title=CHART_TEXTS["rank"]),
        ],
    )
    chart = alt.layer(*_zero_rule(city, "horizontal"), line, points)
    title = _t("index_over_time_title", area=area_name, name=name)
    description = _t("index_over_time_description", area=area_name, name=name, short_name=short_name, city=city)
    return _finish(chart, description, height, title=_title(title))


# --- charts over all areas ---------------------------------------------------------------


def ranking(
    subject: Scores | str,
    kind: str = "index",
    year: int | None = None,
    *,
    name: str,
    city: str,
    short_name: str = "",
    class_labels: list[str] | None = None,
    unit: str = "",
    direction: int | None = 1,
    highlight: str | None = None,
    value_format: str | None = None,
    title: str | None = None,
    present: set[str] | None = None,
    names_width: int = MAX_LABEL_WIDTH,
    missing: bool = False,
    intervals: bool = True,
) -> dict:
    """All areas as sorted bars, the least favourable first (rank 1 = highest need).

    kind "index": `subject` is the Scores of an index or of one of its dimensions, bars
    coloured by class (`short_name`: the index's, legend and title); kind "indicator":
    an indikator_id from indikator_werte.csv, with `direction` None for a context
    indicator: it is not judged, so its bars run from the highest value to the lowest
    and carry no rank. Area names come by lookup from the TopoJSON rather than inlined:
    the names live in one file, the spec stays tiny and cannot disagree with the map.
    `names_width` (see `label_width`) reserves the name column: the static picture is
    laid out with a narrower font than a phone's, and long names were cut off at the
    left edge. `missing`: an area has no value; it comes last, marked "keine Angabe"
    with a grey square that the legend explains (without the mark it stood beside the
    best areas with no bar, as if it were one of them). `intervals` (kind "index"): each
    area's value interval from the bootstrap (sicherheit.csv: wert_unten to wert_oben) as a
    thin dark rule over its bar; an area without a row there (no draws) has none.
    """
    year_text = _year_text(year)
    context = kind == "indicator" and direction is None
    if kind == "index":
        if not isinstance(subject, Scores):
            raise TypeError(f"kind 'index' ranks Scores, not {subject!r}")
        data, first = subject.data(), {"filter": subject.filter}
        value_format = value_format or INDEX_FORMAT_NUMBER
        order = "ascending"
    elif kind == "indicator":
        if not isinstance(subject, str):
            raise TypeError(f"kind 'indicator' ranks an indikator_id, not {subject!r}")
        data, first = _csv(VALUES_URL, VALUES_FORMAT), {"filter": f"datum.indikator_id == {_lit(subject)}"}
        value_format = value_format or VALUE_FORMAT_NUMBER
        order = "ascending" if direction is not None and direction > 0 else "descending"
    else:
        raise ValueError(f"kind must be 'index' or 'indicator', not {kind!r}")
    unit_text = f" {unit}" if unit else ""
    # the published rank where there is one (ties share it), else the position
    rank = "datum.rang" if kind == "index" else "datum.position"
    if kind == "index":
        value_expr = _score()
    else:
        value_expr = _num("wert", value_format) + (f" + {_lit(unit_text)}" if unit_text else "")
    if context:  # no rank: "Rang 1" would judge the area with the highest value
        mark = _template(
            CHART_TEXTS["mark_value"], area="datum.name", value=_num("wert", value_format), unit=_lit(unit)
        )
    else:
        mark = _template(CHART_TEXTS["mark_rank"], rank=rank, area="datum.name", value=value_expr)
    transforms = [
        first,
        *_year_filter(year),
        _names_lookup(),
        *_name_fields(),
        {"calculate": "isValid(datum.wert) ? 0 : 1", "as": "_missing"},  # missing values last
        {
            "window": [{"op": "row_number", "as": "position"}],
            "sort": [{"field": "_missing", "order": "ascending"}, {"field": "wert", "order": order}],
        },
        {
            "calculate": f"isValid(datum.wert) ? {mark} : {_template(CHART_TEXTS['mark_missing'], area='datum.name')}",
            "as": "description",
        },
        _class_label(),  # "keine Angabe" for a missing value (an indicator has no class)
    ]
    if kind == "index":
        transforms.append(_score_text())
    base = _replace_transforms(alt.Chart(data), transforms)
    y = alt.Y(
        "name:N",
        title=None,
        # op "min": the only kind of sort that Vega keeps on a domain of several layers' data
        sort=alt.EncodingSortField(field="position", op="min", order="ascending"),
        axis=alt.Axis(labelLimit=names_width, minExtent=names_width + 8, labelFontSize=LABEL_SIZE),
    )
    # the axis title is centred under the bars, right of the names
    x_title = _title(
        _t("score_axis", city=city) if kind == "index" else _t("unit_axis", unit=unit),
        12,
        bold=False,
        width=TEXT_WIDTH - names_width - 30,
    )
    value_tooltip = (
        alt.Tooltip("wert_text:N", title=name)
        if kind == "index"
        else alt.Tooltip("wert:Q", title=name + unit_text, format=value_format)
    )
    encoding = dict(
        y=y,
        x=alt.X("wert:Q", title=x_title, axis=_x_axis(",.1f" if kind == "index" else "~s")),
        description=alt.Description("description:N"),
        href=alt.Href("url:N"),
        tooltip=[alt.Tooltip("name:N", title=CHART_TEXTS["area"]), value_tooltip],
    )
    if kind == "index":
        colour = alt.Color(
            "klasse_label:N",
            scale=_class_scale(class_labels or [], present),
            legend=_legend(short_name, columns=1),
        )
        encoding["color"] = colour
        encoding["tooltip"].append(alt.Tooltip("klasse_label:N", title=short_name))
        encoding["tooltip"].append(alt.Tooltip("rang:Q", title=CHART_TEXTS["rank"]))
    else:
        encoding["color"] = alt.ColorValue(LINE)
        # the legend has the one entry that needs saying: the grey square
        colour = alt.Color(
            "klasse_label:N",
            scale=alt.Scale(domain=[CHART_TEXTS["missing"]], range=[MISSING_COLOUR]),
            legend=_legend(None, columns=1),
        )
    if highlight is not None:
        is_area = f"datum.sozialraum_id == {_lit(highlight)}"
        encoding["stroke"] = alt.StrokeValue(BORDER, condition={"test": is_area, "value": "#000"})
        encoding["strokeWidth"] = alt.StrokeWidthValue(0.5, condition={"test": is_area, "value": 2})
    bars = base.mark_bar(height={"band": 0.75}, cursor="pointer", stroke=BORDER, strokeWidth=0.5).encode(**encoding)
    layers = [bars]
    if kind == "index":
        layers += _zero_rule(city, "vertical")
    shown_intervals = kind == "index" and intervals
    if shown_intervals:
        layers.append(_interval_rules(subject, year, names_width))
    if missing:
        layers += _missing_marks(base, y, colour, name)
    chart = alt.layer(*layers)
    if title is None:
        key = "ranking_title_index" if kind == "index" else "ranking_title"
        title = _t(key, name=name, short_name=short_name, year=year_text)
    key = "ranking_description_context" if context else "ranking_description"
    key = "ranking_description_index" if kind == "index" else key
    description = _t(key, name=name, short_name=short_name, city=city, year=year_text)
    if shown_intervals:
        description += " " + SURE_TEXTS["chart_interval_description"]
    spec = _finish(chart, description, alt.Step(16), title=_title(title))
    if shown_intervals:  # the rule's meaning, where a legend would say it
        spec["title"] = {"text": spec["title"], "subtitle": _title(SURE_TEXTS["chart_interval_legend"], 12, bold=False)}
    return spec


def _interval_rules(scores: Scores, year: int | None, names_width: int) -> alt.Chart:
    """The value interval of each area (sicherheit.csv, the scores' index or dimension) as a
    rule from wert_unten to wert_oben in the area's row. The layer adds no sort of its own
    (`sort=None`): the rows keep the bars' order, whose `position` it lacks."""
    whole = WHOLE if scores.dimension_id is None else scores.dimension_id
    low, high = _score("wert_unten"), _score("wert_oben")
    transforms = [
        {"filter": f"datum.index_id == {_lit(scores.index_id)} && datum.dimension_id == {_lit(whole)}"},
        *_year_filter(year),
        {"filter": "isValid(datum.wert_unten) && isValid(datum.wert_oben)"},
        _names_lookup(),
        *_name_fields(),
        {
            "calculate": _template(SURE_TEXTS["chart_interval"], area="datum.name", low=low, high=high),
            "as": "description",
        },
        {"calculate": _template(SURE_TEXTS["value_range"], low=low, high=high), "as": "bereich"},
    ]
    rows = _replace_transforms(alt.Chart(_csv(UNCERTAINTY_URL, UNCERTAINTY_FORMAT)), transforms)
    return rows.mark_rule(color=HIGHLIGHT, strokeWidth=1.5, strokeCap="butt").encode(
        y=alt.Y(
            "name:N",
            title=None,
            sort=None,
            axis=alt.Axis(labelLimit=names_width, minExtent=names_width + 8, labelFontSize=LABEL_SIZE),
        ),
        x=alt.X("wert_unten:Q"),
        x2=alt.X2("wert_oben:Q"),
        description=alt.Description("description:N"),
        tooltip=[
            alt.Tooltip("name:N", title=CHART_TEXTS["area"]),
            alt.Tooltip("bereich:N", title=SURE_TEXTS["chart_interval_tooltip"]),
        ],
    )


def allocation_bars(
    allocation_id: str,
    year: int,
    *,
    name: str,
    colour_title: str,
    class_labels: list[str] | None = None,
    type_classes: dict[str, str] | None = None,
    present: set[str] | None = None,
    names_width: int = MAX_LABEL_WIDTH,
) -> dict:
    """An allocation key's euros per area in one year: sorted bars, the largest first.

    Only areas with an amount (the page's table has every area). Bars are coloured by
    the area's need: its class (`class_labels`, least favourable first, red like every
    class chart); for a typology's types by the class in the typology's first index that
    each type has (`type_classes`: type → class, with `class_labels` that index's classes),
    so the legend names classes, and the tooltip the whole type; in one colour for a key
    without classes. Type labels reach the spec as data values of a lookup, never inside
    an expression.
    """
    missing = CHART_TEXTS["missing"]
    transforms = [
        {"filter": f"datum.verteilung_id == {_lit(allocation_id)}"},
        *_year_filter(year),
        {"filter": "datum.betrag > 0"},
        _names_lookup(),
        *_name_fields(),
        {
            "window": [{"op": "row_number", "as": "position"}],
            "sort": [{"field": "betrag", "order": "descending"}, {"field": "sozialraum_id", "order": "ascending"}],
        },
        {
            "calculate": f"isValid(datum.bedarf) && datum.bedarf !== '' ? datum.bedarf : {_lit(missing)}",
            "as": "bedarf_label",
        },
    ]
    amount = _num("betrag", ",.2f")
    tooltip = [
        alt.Tooltip("name:N", title=CHART_TEXTS["area"]),
        alt.Tooltip("betrag:Q", title=CHART_TEXTS["allocation_amount"], format=",.2f"),
        alt.Tooltip("anteil:Q", title=CHART_TEXTS["allocation_share"], format=",.2f"),
    ]
    if type_classes is not None and class_labels:
        values = [{"bedarf": t, "gruppe": c} for t, c in type_classes.items()]
        transforms.append(
            {
                "lookup": "bedarf",
                "from": {"data": {"values": values}, "key": "bedarf", "fields": ["gruppe"]},
                "default": missing,
            }
        )
        colour = alt.Color(
            "gruppe:N", scale=_class_scale(class_labels, present), legend=_legend(colour_title, columns=1)
        )
        label = "datum.bedarf_label"
        tooltip.append(alt.Tooltip("bedarf_label:N", title=CHART_TEXTS["type"]))
        colour_text = CHART_TEXTS["allocation_type_description"].format(title=colour_title)
    elif class_labels:
        colour = alt.Color(
            "bedarf_label:N", scale=_class_scale(class_labels, present), legend=_legend(colour_title, columns=1)
        )
        label = "datum.bedarf_label"
        tooltip.append(alt.Tooltip("bedarf_label:N", title=colour_title))
        colour_text = colour_title
    else:
        colour, label, colour_text = alt.ColorValue(LINE), None, CHART_TEXTS["allocation_colour_none"]
    if label is None:
        mark = _template(CHART_TEXTS["mark_allocation_plain"], area="datum.name", amount=amount)
    else:
        mark = _template(CHART_TEXTS["mark_allocation"], area="datum.name", amount=amount, label=label)
    transforms.append({"calculate": mark, "as": "description"})
    base = _replace_transforms(alt.Chart(_csv(ALLOCATION_URL, ALLOCATION_FORMAT)), transforms)
    y = alt.Y(
        "name:N",
        title=None,
        sort=alt.EncodingSortField(field="position", op="min", order="ascending"),
        axis=alt.Axis(labelLimit=names_width, minExtent=names_width + 8, labelFontSize=LABEL_SIZE),
    )
    x_title = _title(CHART_TEXTS["allocation_axis"], 12, bold=False, width=TEXT_WIDTH - names_width - 30)
    bars = base.mark_bar(height={"band": 0.75}, cursor="pointer", stroke=BORDER, strokeWidth=0.5).encode(
        y=y,
        x=alt.X("betrag:Q", title=x_title, axis=_x_axis(",.0f")),
        color=colour,
        description=alt.Description("description:N"),
        href=alt.Href("url:N"),
        tooltip=tooltip,
    )
    title = _t("allocation_title", name=name, year=year)
    description = _t("allocation_description", name=name, year=year, colour=colour_text)
    return _finish(bars, description, alt.Step(16), title=_title(title))


def _missing_marks(base: alt.Chart, y: alt.Y, colour: alt.Color, name: str) -> list[alt.Chart]:
    """In the row of an area without a value: a grey square at 0 and "keine Angabe".

    The square carries the area's accessible name and link; the legend's grey entry
    says what it means.
    """
    rows = _replace_transforms(base, [*base.transform, {"filter": "!isValid(datum.wert)"}])
    square = rows.mark_square(size=90, opacity=1, stroke=BORDER, strokeWidth=0.5, cursor="pointer").encode(
        y=y,
        x=alt.XDatum(0),
        color=colour,
        description=alt.Description("description:N"),
        href=alt.Href("url:N"),
        tooltip=[
            alt.Tooltip("name:N", title=CHART_TEXTS["area"]),
            alt.Tooltip("klasse_label:N", title=name),
        ],
    )
    text = rows.mark_text(align="left", baseline="middle", dx=9, fontSize=LABEL_SIZE, color="#333", aria=False).encode(
        y=y, x=alt.XDatum(0), text=alt.Text("klasse_label:N")
    )
    return [square, text]


def distribution_over_time(
    indicator_id: str,
    *,
    name: str,
    unit: str,
    city: str,
    value_format: str = VALUE_FORMAT_NUMBER,
    height: int = 300,
    with_city: bool = True,
) -> dict:
    """The spread of the area values per year (one tick per area) and the city value as a line.

    Ticks rather than a boxplot: each area stays identifiable in the tooltip and its
    aria label, and there are no English statistics labels (Q1, median) to translate.
    `with_city=False` (no city values, e.g. rates delivered without counts) leaves the city
    layers out: an empty point layer is an SVG group without accessible name (axe
    `svg-img-alt`), and the legend would name a line that is not there.
    """
    areas_label, city_label = CHART_TEXTS["areas"], _t("city_total", city=city)
    legend_scale = alt.Scale(
        domain=[areas_label, city_label] if with_city else [areas_label],
        range=["#7a9cc6", "#b30000"] if with_city else ["#7a9cc6"],
    )
    x = alt.X("jahr:O", title=CHART_TEXTS["year"], axis=alt.Axis(labelAngle=0))
    y_title = _t("unit_axis", unit=unit)
    ticks = (
        _replace_transforms(
            alt.Chart(_csv(VALUES_URL, VALUES_FORMAT)),
            [
                {"filter": f"datum.indikator_id == {_lit(indicator_id)} && isValid(datum.wert)"},
                _names_lookup(),
                *_name_fields(),
                {"calculate": _lit(areas_label), "as": "series"},
                {
                    "calculate": _template(
                        CHART_TEXTS["mark_year_value"],
                        area="datum.name",
                        year="datum.jahr",
                        value=_num("wert", value_format),
                        unit=_lit(unit),
                    ),
                    "as": "description",
                },
            ],
        )
        .mark_tick(thickness=1.5, opacity=0.7)
        .encode(
            x=x,
            y=alt.Y("wert:Q", title=y_title, axis=alt.Axis(format="~s")),
            color=alt.Color("series:N", scale=legend_scale, legend=alt.Legend(title=None)),
            description=alt.Description("description:N"),
            tooltip=[
                alt.Tooltip("name:N", title=CHART_TEXTS["area"]),
                alt.Tooltip("jahr:O", title=CHART_TEXTS["year"]),
                alt.Tooltip("wert:Q", title=y_title, format=value_format),
            ],
        )
    )
    city_base = _city_values(indicator_id, city, value_format, unit)
    city_base = _replace_transforms(city_base, [*city_base.transform, {"calculate": _lit(city_label), "as": "series"}])
    line = city_base.mark_line(strokeWidth=2.5, aria=False).encode(
        x=x, y=alt.Y("wert:Q"), color=alt.Color("series:N", scale=legend_scale, legend=alt.Legend(title=None))
    )
    points = city_base.mark_point(filled=True, size=45).encode(
        x=x,
        y=alt.Y("wert:Q"),
        color=alt.Color("series:N", scale=legend_scale, legend=alt.Legend(title=None)),
        description=alt.Description("description:N"),
        tooltip=[
            alt.Tooltip("gebiet:N", title=CHART_TEXTS["area"]),
            alt.Tooltip("jahr:O", title=CHART_TEXTS["year"]),
            alt.Tooltip("wert:Q", title=y_title, format=value_format),
        ],
    )
    chart = alt.layer(ticks, line, points) if with_city else alt.layer(ticks)
    title = _t("distribution_title" if with_city else "distribution_title_areas", name=name, city=city)
    description = _t(
        "distribution_description" if with_city else "distribution_description_areas", name=name, unit=unit, city=city
    )
    return _finish(chart, description, height, title=_title(title))


def _city_values(indicator_id: str, city: str, value_format: str, unit: str) -> alt.Chart:
    return _replace_transforms(
        alt.Chart(_csv(AGGREGATES_URL, AGGREGATES_FORMAT)),
        [
            {"filter": f"datum.ebene == 'stadt' && datum.indikator_id == {_lit(indicator_id)} && isValid(datum.wert)"},
            {
                "calculate": _template(
                    CHART_TEXTS["mark_year_value"],
                    area="datum.gebiet",
                    year="datum.jahr",
                    value=_num("wert", value_format),
                    unit=_lit(unit),
                ),
                "as": "description",
            },
        ],
    )
