"""Charts of the bootstrap's results (issue 13): how sure each area's class is.

The value intervals of the rankings are drawn by `charts.ranking` itself; here is the
method page's chart: for the first status index, one bar per area split into the shares of
the draws that fell into each class (klassen_wahrscheinlichkeiten.csv). A bar in one
colour is a sure class. It reads the published table, like every chart (charts.py).
"""

from __future__ import annotations

import altair as alt

from . import charts, contract, routes
from .charts import (
    CHART_TEXTS,
    LABEL_SIZE,
    _class_scale,
    _csv,
    _finish,
    _legend,
    _lit,
    _name_fields,
    _names_lookup,
    _replace_transforms,
    _template,
    _title,
    _year_filter,
)
from .definitions import DYNAMICS
from .model import Release, Result
from .texts import UNCERTAINTY as U

CHART = "klassen_sicherheit"  # the chart's name under the index (routes.index_chart)
URL = f"daten/{contract.CLASS_PROBABILITIES}.csv"
FORMAT = contract.vega_format(contract.CLASS_PROBABILITIES)


def specs(release: Release, result: Result, year: int) -> dict[str, dict]:
    """This part's charts by id (`routes`); chartset.specs adds them to the site's."""
    probabilities = result.certainty.get(contract.CLASS_PROBABILITIES)
    if probabilities is None or probabilities.empty or not release.indices:
        return {}
    status = [s for s in release.indices if s.kind != DYNAMICS] or list(release.indices)
    spec = status[0]
    mine = probabilities[(probabilities["index_id"] == spec.id) & (probabilities["dimension_id"] == contract.WHOLE)]
    if mine.empty:
        return {}
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    return {
        routes.index_chart(spec.id, CHART): class_probabilities(
            spec.id,
            year,
            name=spec.name,
            short_name=spec.short_name,
            class_labels=list(spec.classes.labels),
            present=set(mine.loc[mine["jahr"] == year, "klasse"].astype(str)),
            names_width=charts.label_width(names.values()),
        )
    }


def class_probabilities(
    index_id: str,
    year: int | None,
    *,
    name: str,
    short_name: str,
    class_labels: list[str],
    present: set[str] | None = None,
    names_width: int = charts.MAX_LABEL_WIDTH,
) -> dict:
    """One stacked bar per area: the share of the draws in each class of the index, the
    least favourable class on the left; areas ordered by their expected class (the mean
    of the class positions over the draws), the least favourable first, as in the ranking."""
    year_text = str(year) if year is not None else CHART_TEXTS["latest_year"]
    p = "format(datum.wahrscheinlichkeit, '.0%')"
    transforms = [
        {"filter": f"datum.index_id == {_lit(index_id)} && datum.dimension_id == {_lit(contract.WHOLE)}"},
        *_year_filter(year),
        _names_lookup(),
        *_name_fields(),
        {"calculate": "datum.stufe * datum.wahrscheinlichkeit", "as": "_share"},
        {"joinaggregate": [{"op": "sum", "field": "_share", "as": "_expected"}], "groupby": ["sozialraum_id"]},
        {
            "calculate": _template(U["chart_probability_mark"], area="datum.name", p=p, klasse="datum.klasse"),
            "as": "description",
        },
    ]
    base = _replace_transforms(alt.Chart(_csv(URL, FORMAT)), transforms)
    bars = base.mark_bar(height={"band": 0.75}, cursor="pointer", stroke=charts.BORDER, strokeWidth=0.5).encode(
        y=alt.Y(
            "name:N",
            title=None,
            sort=alt.EncodingSortField(field="_expected", op="min", order="ascending"),
            axis=alt.Axis(labelLimit=names_width, minExtent=names_width + 8, labelFontSize=LABEL_SIZE),
        ),
        x=alt.X(
            "wahrscheinlichkeit:Q",
            stack="zero",
            scale=alt.Scale(domain=[0, 1]),
            title=_title(U["chart_probability_axis"], 12, bold=False, width=charts.TEXT_WIDTH - names_width - 30),
            axis=alt.Axis(format=".0%", tickCount=4, grid=True),
        ),
        color=alt.Color("klasse:N", scale=_class_scale(class_labels, present), legend=_legend(short_name, columns=1)),
        order=alt.Order("stufe:Q", sort="ascending"),
        href=alt.Href("url:N"),
        description=alt.Description("description:N"),
        tooltip=[
            alt.Tooltip("name:N", title=CHART_TEXTS["area"]),
            alt.Tooltip("klasse:N", title=short_name),
            alt.Tooltip("wahrscheinlichkeit:Q", title=U["chart_probability_axis"], format=".0%"),
        ],
    )
    title = U["method_chart_title"].format(name=name, year=year_text)
    description = U["chart_probability_description"].format(
        name=name, year=year_text, lowest=class_labels[0], highest=class_labels[-1]
    )
    return _finish(bars, description, alt.Step(16), title=_title(title))


def shown(chart_id: str, year: str) -> tuple[str, dict[str, str]] | None:
    """(published table, filter) of the rows the chart `chart_id` shows, or None if it is
    not one of this module's: the share menu's CSV (share.chart_rows)."""
    parts = chart_id.split("/")
    if len(parts) == 3 and parts[0] == routes.INDICES and parts[2] == CHART:
        return contract.CLASS_PROBABILITIES, {"index_id": parts[1], "dimension_id": contract.WHOLE, "jahr": year}
    return None
