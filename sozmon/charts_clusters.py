"""Maps of the spatial clusters (issue 13): each index's significant clusters in a year.

The map reads the published cluster.csv (compute.clusters), filtered to the index, the
index as a whole (dimension_id contract.WHOLE) and the year, and takes each area's shape
from the TopoJSON like every class map (charts.class_map). Colours follow the class
maps (ColorBrewer RdYlBu, colour-blind safe): red is the unfavourable side of the index,
blue the favourable one; a clear colour is a cluster, a light one an area that stands
out from its neighbours; a light neutral for no clear cluster and grey for an area
without a local value (no value, or no neighbour with one). Its id ends in "karte"
(chartset.MAPS), so a map of synthetic data says so, like every map.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import contract, routes
from .charts import (
    BORDER,
    CLASS_COLOURS,
    MAP_HEIGHT,
    MISSING_COLOUR,
    NO_ATTENTION_COLOUR,
    TEXT_WIDTH,
    _csv,
    _district_layers,
    _finish,
    _geo_lookup,
    _legend,
    _lit,
    _num,
    _replace_transforms,
    _scale,
    _template,
    _title,
    _topo,
)
from .compute.clusters import HIGH_HIGH, HIGH_LOW, LOW_HIGH, LOW_LOW
from .model import Release, Result
from .texts import CHARTS as CHART_TEXTS
from .texts import CLUSTERS as T

CLUSTER_URL = f"daten/{contract.CLUSTERS}.csv"
CLUSTER_FORMAT = contract.vega_format(contract.CLUSTERS)
# The legend's order, unfavourable first (as on the class maps), and each entry's colour.
ORDER = (LOW_LOW, LOW_HIGH, HIGH_LOW, HIGH_HIGH)
COLOURS = dict(zip(ORDER, CLASS_COLOURS[4]))  # dark red, light red, light blue, dark blue


def map_id(index_id: str) -> str:
    """The chart id of an index's cluster map (ends in "karte": marked when synthetic)."""
    return routes.chart(routes.INDICES, index_id, "cluster", "karte")


def shown(chart_id: str, year: str) -> tuple[str, dict[str, str]] | None:
    """(published table, filter) of the rows the chart `chart_id` shows, or None if it is
    not one of this module's: the share menu's CSV (share.chart_rows)."""
    parts = chart_id.split("/")
    if len(parts) == 4 and parts[0] == routes.INDICES and parts[2:] == ["cluster", "karte"]:
        return contract.CLUSTERS, {"index_id": parts[1], "dimension_id": contract.WHOLE, "jahr": year}
    return None


def domain() -> tuple[list[str], list[str]]:
    """Every legend entry in order and its colour."""
    labels = [T["label"][kind] for kind in ORDER] + [T["none"], T["missing"]]
    return labels, [COLOURS[kind] for kind in ORDER] + [NO_ATTENTION_COLOUR, MISSING_COLOUR]


def present(rows: pd.DataFrame, areas: set[str]) -> set[str]:
    """The legend entries a map of `rows` (one index, dimension and year of cluster.csv) shows."""
    kinds = rows["cluster"].fillna("").astype(str)
    out = {T["label"][k] for k in kinds if k in T["label"]}
    if (kinds == "").any():
        out.add(T["none"])
    if set(rows["sozialraum_id"].astype(str)) != areas:
        out.add(T["missing"])
    return out


def specs(release: Release, result: Result, year: int) -> dict[str, dict]:
    """This part's charts by id (`routes`); chartset.specs adds them to the site's."""
    rows = result.certainty.get(contract.CLUSTERS)
    if rows is None or rows.empty:
        return {}
    rows = rows[(rows["dimension_id"] == contract.WHOLE) & (pd.to_numeric(rows["jahr"]) == year)]
    areas = set(release.areas["sozialraum_id"].astype(str))
    city = release.settings.city or "Stadt"
    districts = "stadtbezirk" in release.areas and bool(release.areas["stadtbezirk"].notna().any())
    out = {}
    for spec in release.indices:
        mine = rows[rows["index_id"] == spec.id]
        if mine.empty:
            continue
        out[map_id(spec.id)] = cluster_map(
            spec.id,
            year,
            name=spec.name,
            short_name=spec.short_name,
            city=city,
            present=present(mine, areas),
            districts=districts,
        )
    return out


def cluster_map(
    index_id: str,
    year: int,
    *,
    name: str,
    short_name: str,
    city: str,
    present: set[str] | None = None,
    districts: bool = False,
    height: int = MAP_HEIGHT,
) -> dict:
    """City map of an index's clusters in `year`; each shape links to its area page.

    `name`: the index's name; `short_name`: what a higher value means (legend, title);
    `present`: the legend entries the map shows (None: all); `districts`: draw the
    Stadtbezirke of the TopoJSON with their names.
    """
    labels, colours = domain()
    kind = "isValid(datum.cluster) ? datum.cluster : ''"
    label = _lit(T["none"])
    for key, text in T["label"].items():
        label = f"({kind}) === {_lit(key)} ? {_lit(text)} : ({label})"
    mark = _template(
        T["mark"],
        area="datum.name",
        label="datum.cluster_label",
        i=_num("moran_i_lokal", ",.2f"),
        p=_num("p_wert", ",.3f"),
    )
    transforms = [
        {"filter": f"datum.index_id == {_lit(index_id)} && datum.dimension_id == {_lit(contract.WHOLE)}"},
        {"filter": f"datum.jahr == {int(year)}"},
        *_geo_lookup(),
        {"calculate": label, "as": "cluster_label"},
        {"calculate": mark, "as": "description"},
    ]
    base = alt.Chart(_topo()).mark_geoshape(fill=MISSING_COLOUR, stroke=BORDER, strokeWidth=0.5, aria=False)
    shapes = (
        _replace_transforms(alt.Chart(_csv(CLUSTER_URL, CLUSTER_FORMAT)), transforms)
        .mark_geoshape(stroke=BORDER, strokeWidth=0.5, cursor="pointer")
        .encode(
            shape=alt.Shape(field="geo", type="geojson"),
            color=alt.Color(
                "cluster_label:N",
                scale=_scale(labels, colours, present),
                legend=_legend(
                    _title(T["legend"].format(short_name=short_name), 12, bold=False, width=TEXT_WIDTH - 20),
                    columns=1,
                    labelLimit=TEXT_WIDTH - 30,
                    titleLimit=TEXT_WIDTH,
                ),
            ),
            href=alt.Href("url:N"),
            description=alt.Description("description:N"),
            tooltip=[
                alt.Tooltip("name:N", title=CHART_TEXTS["area"]),
                alt.Tooltip("cluster_label:N", title=T["cluster"]),
                alt.Tooltip("moran_i_lokal:Q", title=T["local_i"], format=",.2f"),
                alt.Tooltip("p_wert:Q", title=T["p"], format=",.3f"),
            ],
        )
    )
    chart = alt.layer(base, shapes, *(_district_layers() if districts else [])).project(type="mercator")
    title = T["map_title"].format(short_name=short_name, year=year)
    description = T["map_description"].format(city=city, name=name, short_name=short_name, year=year)
    if districts:
        description += " " + CHART_TEXTS["districts_description"]
    return _finish(chart, description, height, title=_title(title))
