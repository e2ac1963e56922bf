"""Charts of the method's sensitivity (issue 13), each reading a published table.

- `indizes/<index>/methodenwahl`: for the general method page, the Sobol indices of the
  index's latest year with them (sensitivitaet.csv): per choice of method two bars,
  "allein" (s1) and "insgesamt, mit Wechselwirkungen" (st), as shares 0–100 %, each with
  a thin line for its 95 % confidence interval.
- `indizes/<index>/methoden`: for the index's method page, each area's published rank as
  a dot and the smallest to largest rank over the method variants as a bar
  (methoden_spannweite.csv), areas in the order of their published rank (rank 1 = the
  least favourable, at the top, as in the ranking).

Both ids lie under the index (routes.index_chart), so the static picture reads the
tables filtered to the index (chartset.SUBJECT_COLUMNS). Names of the choices are
sozmon's own texts (texts.SENSITIVITY); area names come from the TopoJSON by lookup.
"""

from __future__ import annotations

import altair as alt

from . import contract, routes
from .charts import (
    BORDER,
    CLASS_COLOURS,
    HIGHLIGHT,
    LABEL_SIZE,
    MAX_LABEL_WIDTH,
    TEXT_WIDTH,
    _csv,
    _finish,
    _legend,
    _lit,
    _name_fields,
    _names_lookup,
    _replace_transforms,
    _template,
    _title,
    label_width,
    text_width,
)
from .compute.sensitivity import FACTORS
from .model import Release, Result
from .texts import CHARTS as CHART_TEXTS
from .texts import SENSITIVITY as S

SOBOL_CHART, RANGE_CHART = "methodenwahl", "methoden"  # names under the index (routes.index_chart)
SOBOL_URL = f"daten/{contract.SENSITIVITY}.csv"
SOBOL_FORMAT = contract.vega_format(contract.SENSITIVITY)
RANGE_URL = f"daten/{contract.METHOD_RANGES}.csv"
RANGE_FORMAT = contract.vega_format(contract.METHOD_RANGES)
# "allein" light, "insgesamt" dark (ColorBrewer RdYlBu's blues: no class is judged here)
ALONE_COLOUR, TOTAL_COLOUR = CLASS_COLOURS[4][2], CLASS_COLOURS[4][3]
RANGE_COLOUR = CLASS_COLOURS[4][2]


def shown(chart_id: str, year: str) -> tuple[str, dict[str, str]] | None:
    """(published table, filter) of the rows the chart `chart_id` shows, or None if it is
    not one of this module's: the share menu's CSV (share.chart_rows)."""
    parts = chart_id.split("/")
    if len(parts) == 3 and parts[0] == routes.INDICES and parts[2] in (SOBOL_CHART, RANGE_CHART):
        table = contract.SENSITIVITY if parts[2] == SOBOL_CHART else contract.METHOD_RANGES
        return table, {"index_id": parts[1], "jahr": year}
    return None


def sobol_id(index_id: str) -> str:
    return routes.index_chart(index_id, SOBOL_CHART)


def range_id(index_id: str) -> str:
    return routes.index_chart(index_id, RANGE_CHART)


def sobol_year(result: Result, index_id: str) -> int | None:
    """The latest year with Sobol indices of the index, None if it has none."""
    rows = result.certainty.get(contract.SENSITIVITY)
    if rows is None or rows.empty:
        return None
    years = rows.loc[rows["index_id"] == index_id, "jahr"].dropna()
    return int(years.max()) if len(years) else None


def specs(release: Release, result: Result, year: int) -> dict[str, dict]:
    """This part's charts by id (`routes`); chartset.specs adds them to the site's."""
    out = {}
    ranges = result.certainty.get(contract.METHOD_RANGES)
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    for spec in release.indices:
        latest = sobol_year(result, spec.id)
        if latest is not None:
            out[sobol_id(spec.id)] = sobol_bars(spec.id, latest, name=spec.name)
        if ranges is not None and not ranges.empty:
            mine = ranges[(ranges["index_id"] == spec.id) & (ranges["jahr"] == year)]
            if len(mine):
                out[range_id(spec.id)] = rank_ranges(
                    spec.id,
                    year,
                    name=spec.name,
                    largest=int(mine["rang_max"].max()),
                    names_width=label_width(names.values()),
                )
    return out


def _labels() -> tuple[str, str]:
    """Label and position of a row's choice (`methodenwahl`), as expressions."""
    ids = "[" + ", ".join(_lit(f) for f in FACTORS) + "]"
    labels = "[" + ", ".join(_lit(S["label"][f]) for f in FACTORS) + "]"
    position = f"indexof({ids}, datum.methodenwahl)"
    return f"{labels}[{position}]", position


def _percent(field: str) -> str:
    return _template(S["percent"], value=f"format(datum[{_lit(field)}], ',.0f')")


def sobol_bars(index_id: str, year: int, *, name: str) -> dict:
    """Per choice of method its first-order and total Sobol index in `year`, as shares."""
    label, position = _labels()
    kinds = (("s1", "s1_konfidenz", S["chart_alone"]), ("st", "st_konfidenz", S["chart_total"]))
    kind_expr = f"datum.mass == 's1' ? {_lit(kinds[0][2])} : {_lit(kinds[1][2])}"
    transforms = [
        {"filter": f"datum.index_id == {_lit(index_id)} && datum.jahr == {int(year)}"},
        {"filter": f"{position} >= 0"},
        {"fold": ["s1", "st"], "as": ["mass", "anteil"]},
        {"calculate": "datum.mass == 's1' ? datum.s1_konfidenz : datum.st_konfidenz", "as": "konfidenz"},
        {"calculate": "100 * datum.anteil", "as": "prozent"},
        {"calculate": "100 * max(0, datum.anteil - datum.konfidenz)", "as": "unten"},
        {"calculate": "100 * min(1, datum.anteil + datum.konfidenz)", "as": "oben"},
        {"calculate": _percent("prozent"), "as": "prozent_text"},
        {"calculate": label, "as": "label"},
        {"calculate": position, "as": "order"},
        {"calculate": kind_expr, "as": "art"},
        {
            "calculate": _template(
                S["chart_mark_share"], label="datum.label", kind="datum.art", value="datum.prozent_text"
            ),
            "as": "description",
        },
    ]
    base = _replace_transforms(alt.Chart(_csv(SOBOL_URL, SOBOL_FORMAT)), transforms)
    names_width = min(MAX_LABEL_WIDTH, int(max(text_width(S["label"][f], LABEL_SIZE) for f in FACTORS)) + 4)
    y = alt.Y(
        "label:N",
        title=None,
        sort=alt.EncodingSortField(field="order", op="min", order="ascending"),
        axis=alt.Axis(labelLimit=names_width, minExtent=names_width + 8, labelFontSize=LABEL_SIZE),
    )
    offset = alt.YOffset("art:N", sort=[kinds[0][2], kinds[1][2]])
    x_title = _title(S["chart_axis_share"], 12, bold=False, width=TEXT_WIDTH - names_width - 30)
    x = alt.X(
        "prozent:Q",
        title=x_title,
        scale=alt.Scale(domain=[0, 100]),
        axis=alt.Axis(tickCount=5, labelExpr="datum.label + ' %'"),
    )
    colour = alt.Color(
        "art:N",
        scale=alt.Scale(domain=[kinds[0][2], kinds[1][2]], range=[ALONE_COLOUR, TOTAL_COLOUR]),
        legend=_legend(None, columns=1, labelLimit=TEXT_WIDTH),
    )
    bars = base.mark_bar(stroke=BORDER, strokeWidth=0.5).encode(
        y=y,
        yOffset=offset,
        x=x,
        color=colour,
        description=alt.Description("description:N"),
        tooltip=[
            alt.Tooltip("label:N", title=S["col_choice"]),
            alt.Tooltip("art:N", title=S["chart_kind"]),
            alt.Tooltip("prozent_text:N", title=S["chart_share"]),
        ],
    )
    errors = base.mark_rule(color="#222", strokeWidth=1.5, aria=False).encode(
        y=y, yOffset=offset, x=alt.X("unten:Q"), x2=alt.X2("oben:Q")
    )
    title = _title(S["chart_title"].format(name=name, year=year))
    description = S["chart_sobol_description"].format(name=name, year=year)
    return _finish(alt.layer(bars, errors), description, alt.Step(18), title=title)


def rank_ticks(largest: int) -> list[int]:
    """Rank 1 and round ranks up to `largest`, at most 5 ticks (1, 10, 20, 30 for 39 areas)."""
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10**9) if largest / s <= 4)
    return [1, *range(step, largest + 1, step)] if step > 1 else list(range(1, largest + 1))


def rank_ranges(index_id: str, year: int, *, name: str, largest: int, names_width: int = MAX_LABEL_WIDTH) -> dict:
    """Per area its published rank (dot) and the range of its ranks over the variants (bar);
    the rank axis runs from 1 to `largest`."""
    mark = _template(
        S["chart_mark_range"], area="datum.name", rank="datum.rang", low="datum.rang_min", high="datum.rang_max"
    )
    transforms = [
        {"filter": f"datum.index_id == {_lit(index_id)} && datum.jahr == {int(year)} && isValid(datum.rang)"},
        _names_lookup(),
        *_name_fields(),
        {
            "window": [{"op": "row_number", "as": "position"}],
            "sort": [{"field": "rang", "order": "ascending"}, {"field": "sozialraum_id", "order": "ascending"}],
        },
        {"calculate": mark, "as": "description"},
        {"calculate": _template(S["range"], low="datum.rang_min", high="datum.rang_max"), "as": "spanne"},
    ]
    base = _replace_transforms(alt.Chart(_csv(RANGE_URL, RANGE_FORMAT)), transforms)
    y = alt.Y(
        "name:N",
        title=None,
        sort=alt.EncodingSortField(field="position", op="min", order="ascending"),
        axis=alt.Axis(labelLimit=names_width, minExtent=names_width + 8, labelFontSize=LABEL_SIZE),
    )
    x_title = _title(S["chart_axis_rank"], 12, bold=False, width=TEXT_WIDTH - names_width - 30)
    x = alt.X(
        "rang_min:Q",
        title=x_title,
        scale=alt.Scale(domain=[1, max(largest, 2)], nice=False),
        axis=alt.Axis(format="d", values=rank_ticks(largest), labelSeparation=8),
    )
    tooltip = [
        alt.Tooltip("name:N", title=CHART_TEXTS["area"]),
        alt.Tooltip("rang:Q", title=CHART_TEXTS["rank"]),
        alt.Tooltip("spanne:N", title=S["chart_range_tooltip"]),
    ]
    bars = base.mark_bar(
        height={"band": 0.5}, color=RANGE_COLOUR, stroke=BORDER, strokeWidth=0.5, cursor="pointer"
    ).encode(
        y=y,
        x=x,
        x2=alt.X2("rang_max:Q"),
        description=alt.Description("description:N"),
        href=alt.Href("url:N"),
        tooltip=tooltip,
    )
    dots = base.mark_point(filled=True, color=HIGHLIGHT, size=40, opacity=1, aria=False).encode(
        y=y, x=alt.X("rang:Q"), tooltip=tooltip
    )
    title = _title(S["index_chart_title"].format(name=name, year=year))
    description = S["chart_range_description"].format(name=name, year=year)
    return _finish(alt.layer(bars, dots), description, alt.Step(16), title=title)
