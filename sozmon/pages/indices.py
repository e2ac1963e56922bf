"""The pages of one index: its overview (map, ranking, dimensions), its method, and a
page per dimension. Everything named comes from the index definition."""

from __future__ import annotations

import pandas as pd

from .. import routes
from ..definitions import DYNAMICS, IndexSpec, class_rows
from ..format import german, signed
from ..templating import md, render
from . import clusters, sensitivity, uncertainty
from .common import (
    Site,
    T,
    area_link,
    chart,
    class_table,
    effect,
    front,
    index_link,
    kind_text,
    link,
    list_page,
    measure,
    position_note,
    rank,
    table,
)


def index_list(site: Site) -> str:
    here = f"{routes.INDICES}/index.md"
    items = [
        {"link": index_link(here, spec), "text": " ".join(filter(None, [spec.description, kind_text(spec)]))}
        for spec in site.release.indices
    ]
    items += [
        {"link": link(here, routes.page(routes.TYPOLOGIES, t.id), t.name), "text": t.description or None}
        for t in site.release.typologies
    ]
    return list_page("indices", T["indices_intro"], items=items)


def _ranking_rows(site: Site, rows: pd.DataFrame, here: str) -> list[list]:
    """Rank, area, value, class (how sure), and where value and rank probably lie (bootstrap)."""
    ranked = rows.dropna(subset=["rang"]).sort_values(["rang", "sozialraum_id"])
    found, threshold = uncertainty.site_lookup(site), uncertainty.sure(site)
    out = []
    for r in ranked.itertuples():
        sure = found.get(r.index_id, getattr(r, "dimension_id", None), r.sozialraum_id, r.jahr)
        out.append(
            [
                rank(r.rang),
                area_link(site, here, r.sozialraum_id),
                signed(r.wert, 2),
                uncertainty.class_cell(r.klasse, sure, threshold),
                uncertainty.value_range(sure),
                uncertainty.rank_range(sure),
            ]
        )
    return out


def _ranking_head(spec: IndexSpec) -> list[str]:
    u = uncertainty.U
    sure_class = u["col_class"].format(measure=measure(spec))
    return [T["rank"], T["area"], T["score"], sure_class, u["col_value"], u["col_rank"]]


def index_overview(site: Site, spec: IndexSpec) -> str:
    here = routes.index_page(spec.id)
    year = site.year
    rows = site.scores(spec.id)
    ranked = rows.dropna(subset=["rang"]).sort_values(["rang", "sozialraum_id"])
    counts = rows["klasse"].value_counts()
    return render(
        "index.md.j2",
        T=T,
        front=front(spec.name, spec.description or T["index_page_description"].format(name=spec.name)),
        name=spec.name,
        description=spec.description,
        kind=kind_text(spec),
        reading=T["score_reading"].format(measure=spec.short_name, lowest=spec.classes.labels[0]),
        map=chart(
            site,
            routes.index_chart(spec.id, "karte"),
            T["map_title"].format(measure=spec.short_name, year=year),
            here,
            class_table(site, rows, here, spec),
        ),
        ranking=chart(
            site,
            routes.index_chart(spec.id, "rangfolge"),
            T["ranking_chart_classes"].format(name=spec.name, year=year),
            here,
            table(_ranking_head(spec), _ranking_rows(site, rows, here), "rlrlrr"),
        ),
        classes=table(
            [measure(spec), T["areas_count"]],
            [[label, str(int(counts.get(label, 0)))] for label in spec.classes.labels]
            + ([[T["no_value_count"], str(int(rows["klasse"].isna().sum()))]] if rows["klasse"].isna().any() else []),
            "lr",
        ),
        lowest=[area_link(site, here, a) for a in ranked["sozialraum_id"].head(3)],
        lowest_title=T["lowest"].format(measure=spec.short_name),
        dimensions=[
            {"link": link(here, routes.dimension_page(spec.id, d.id), d.name), "text": d.description or None}
            for d in spec.dimensions
        ],
        method=link(here, routes.index_method_page(spec.id), T["index_method_link"].format(name=spec.name)),
        year=year,
        clusters=clusters.index_section(site, spec),
    )


def index_method(site: Site, spec: IndexSpec) -> str:
    here = routes.index_method_page(spec.id)
    m = spec.method
    indicators = site.release.indicators.set_index("indikator_id")
    weights = []
    for d in spec.dimensions:
        rows = []
        for member in d.members:
            ind = indicators.loc[member.indicator_id]
            direction = None if pd.isna(ind["richtung"]) else int(ind["richtung"])
            rows.append(
                [
                    link(here, routes.page(routes.INDICATORS, member.indicator_id), ind["name"]),
                    effect(direction, spec),
                    german(member.weight, 1),
                ]
            )
        weights.append(
            {
                "link": link(here, routes.dimension_page(spec.id, d.id), d.name),
                "weight": german(d.weight, 1),
                "table": table([T["indicator"], T["effect"], T["weight"]], rows, "llr"),
            }
        )
    # Markdown from texts.py with the release's values escaped: the template takes it as is.
    steps = T["index_steps"].format(
        measure=md(spec.short_name),
        standardise=T["standardise_" + m.standardise].format(base_year=m.base_year),
        coverage=german(m.min_coverage * 100, 0),
        base_year=m.base_year,
        restandardise=T["restandardise_yes"] if m.restandardise_dimensions or m.restandardise_index else "",
    )
    if spec.kind == DYNAMICS:
        steps = md(kind_text(spec)) + " " + md(T["dynamics_steps"]) + "\n\n" + steps
    bounds = [[r["klasse"], r["bereich"]] for r in class_rows(spec)]
    return render(
        "index_method.md.j2",
        T=T,
        front=front(
            T["index_method_title"].format(name=spec.name), T["index_method_description"].format(name=spec.name)
        ),
        heading=T["index_method_title"].format(name=spec.name),
        overview=index_link(here, spec),
        steps=steps,
        classes=table([measure(spec), T["range"]], bounds, "ll"),
        classes_reading=T["classes_reading"].format(measure=spec.short_name, lowest=spec.classes.labels[0]),
        weights=weights,
        general=link(here, "methode.md", T["method_general"]),
        sensitivity=sensitivity.index_section(site, spec),
    )


def dimension_page(site: Site, spec: IndexSpec, dimension_id: str) -> str:
    here = routes.dimension_page(spec.id, dimension_id)
    dim = next(d for d in spec.dimensions if d.id == dimension_id)
    rows = site.dimension_scores(spec.id, dimension_id)
    year = site.year
    indicators = site.release.indicators.set_index("indikator_id")
    ranking = table(_ranking_head(spec), _ranking_rows(site, rows, here), "rlrlrr")
    return render(
        "dimension.md.j2",
        T=T,
        front=front(dim.name, dim.description or dim.name),
        name=dim.name,
        description=dim.description,
        index=index_link(here, spec),
        weight=T["dimension_weight"].format(weight=german(dim.weight, 1)),
        reading=T["score_reading"].format(measure=spec.short_name, lowest=spec.classes.labels[0]),
        indicators=[
            {
                "link": link(
                    here, routes.page(routes.INDICATORS, m.indicator_id), indicators.at[m.indicator_id, "name"]
                ),
                "effect": effect(
                    None
                    if pd.isna(indicators.at[m.indicator_id, "richtung"])
                    else int(indicators.at[m.indicator_id, "richtung"]),
                    spec,
                ),
            }
            for m in dim.members
        ],
        heading=T["map_and_ranking"].format(year=year),
        map=chart(
            site,
            routes.dimension_chart(spec.id, dimension_id, "karte"),
            T["map_title_classes"].format(measure=spec.short_name, name=dim.name, year=year),
            here,
            class_table(site, rows, here, spec),
        ),
        ranking=chart(
            site,
            routes.dimension_chart(spec.id, dimension_id, "rangfolge"),
            T["ranking_chart_classes"].format(name=dim.name, year=year),
            here,
            ranking,
        ),
        position_note=position_note(spec),
    )
