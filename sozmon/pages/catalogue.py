"""The indicator catalogue: the list and a page per indicator, with the indices and
dimensions each one enters (none: a context indicator, shown but not judged)."""

from __future__ import annotations

from .. import routes
from ..format import german
from ..templating import render
from .areas import indicator_notes, shown
from .common import Site, T, area_link, chart, effect, front, link, list_page, number, table, text


def _uses(site: Site, indicator_id: str, here: str) -> list:
    """Links to the dimensions (within their index) that the indicator enters."""
    names = {}
    for spec, dim_id in site.memberships.get(indicator_id, []):
        dim = next(d for d in spec.dimensions if d.id == dim_id)
        names[(spec.id, dim_id)] = link(here, routes.dimension_page(spec.id, dim_id), f"{spec.name}: {dim.name}")
    return list(names.values())


def indicator_list(site: Site) -> str:
    here = f"{routes.INDICATORS}/index.md"
    data = []
    for i in site.release.indicators.itertuples():
        uses = [f"{spec.name}" for spec, _ in site.memberships.get(i.indikator_id, [])]
        data.append(
            [
                link(here, routes.page(routes.INDICATORS, i.indikator_id), i.name),
                ", ".join(dict.fromkeys(uses)) or T["context"],
                text(i.einheit),
                effect(site.direction(i)),
            ]
        )
    head = [T["indicator"], T["used_in"], T["unit"], T["effect"]]
    return list_page("indicators", T["indicators_intro"], table=table(head, data, "llll"))


def indicator_page(site: Site, indicator_id: str) -> str:
    here = routes.page(routes.INDICATORS, indicator_id)
    ind = next(i for i in site.release.indicators.itertuples() if i.indikator_id == indicator_id)
    unit, year, name = text(ind.einheit), site.year, ind.name
    direction = site.direction(ind)
    uses = _uses(site, indicator_id, here)
    facts = [
        (T["used_in"], uses if uses else T["context_long"]),
        (
            T["definition"],
            T["definition_text"].format(
                zaehler=text(ind.zaehler) or "–", nenner=text(ind.nenner) or "–", faktor=german(ind.faktor, 0)
            ),
        ),
        (T["unit"], unit or "–"),
        (T["effect"], effect(direction)),
        (T["source"], text(ind.quelle) or "–"),
    ]
    values = site.tables["indikator_werte"]
    mine = values[values["indikator_id"] == indicator_id]
    small = site.release.settings.method.min_denominator
    now = mine[mine["jahr"] == year].set_index("sozialraum_id")
    order = now.reset_index().sort_values(
        ["wert", "sozialraum_id"], ascending=[direction == 1, True], na_position="last"
    )["sozialraum_id"]

    def value_rows(ids) -> list[list]:
        return [[area_link(site, here, a), shown(now, a, unit, small)] for a in ids]

    city = site.city_values[site.city_values["indikator_id"] == indicator_id].sort_values("jahr")
    map_id = routes.indicator_chart(indicator_id, "karte")
    return render(
        "indicator.md.j2",
        T=T,
        front=front(name, T["indicator_description"].format(name=name)),
        name=name,
        facts=table([T["property"], T["content"]], [[k, v] for k, v in facts], "ll", kv=True),
        rate_only=bool(mine["nur_wert"].fillna(False).any()),
        heading=T["map_and_ranking"].format(year=year),
        map=chart(
            site,
            map_id,
            T["map_title_dim"].format(name=name, year=year),
            here,
            table([T["area"], T["value"]], value_rows(sorted(now.index)), "lr"),
        )
        if map_id in site.charts
        else None,
        ranking=chart(
            site,
            routes.indicator_chart(indicator_id, "rangfolge"),
            T["ranking_chart" if direction is not None else "ranking_chart_context"].format(name=name, year=year),
            here,
            table([T["area"], T["value"]], value_rows(order), "lr"),
        ),
        notes=indicator_notes(site),
        distribution=chart(
            site,
            routes.indicator_chart(indicator_id, "verteilung"),
            T["distribution_chart" if city["wert"].notna().any() else "distribution_chart_areas"].format(
                name=name, city_total=site.city_total
            ),
            here,
            table(
                [T["year"], site.city_total],
                [[str(int(r.jahr)), number(r.wert, unit)] for r in city.itertuples()],
                "rr",
            ),
        ),
    )
