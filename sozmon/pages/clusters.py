"""Spatial clusters on the index page and the method page (issue 13).

Everything shown comes from the published tables cluster.csv and autokorrelation.csv
(compute.clusters), so the page says exactly what a reader downloads. "niedrig" is
always the unfavourable side of the index (its scores are higher = better).
"""

from __future__ import annotations

import pandas as pd

from .. import charts_clusters, contract, routes, texts
from ..compute import clusters as method
from ..definitions import IndexSpec
from ..format import german
from ..templating import render
from .common import Site, T, area_link, chart, link, table

C = texts.CLUSTERS


def _figures(site: Site) -> tuple[pd.DataFrame, pd.DataFrame]:
    empty = pd.DataFrame(columns=["index_id", "dimension_id", "jahr"])
    local = site.tables.get(contract.CLUSTERS)
    overall = site.tables.get(contract.AUTOCORRELATION)
    return (empty if local is None else local), (empty if overall is None else overall)


def _level(site: Site) -> float:
    return float(site.release.settings.certainty.significance)


def _pattern(row, level: float) -> str:
    """'positive', 'negative' or 'none': does the global Moran's I show a clear pattern?"""
    if pd.isna(row.p_wert) or pd.isna(row.moran_i) or float(row.p_wert) > level:
        return "none"
    return "positive" if float(row.moran_i) > float(row.erwartung) else "negative"


def _p(value) -> str:
    return german(value, 3)


def _p_bound(row) -> str:
    """'= 0,012', or '≤ 0,001' where p is the smallest the permutations can give (1 / (n + 1))."""
    smallest = 1 / (float(row.permutationen) + 1)
    return C["p_at_most" if float(row.p_wert) <= smallest + 1e-12 else "p_equal"].format(p=_p(row.p_wert))


def _decimal(value: float) -> str:
    """A setting's number as written ("0,05", "0,001"), no rounding to a fixed width."""
    digits = f"{float(value):.6f}".rstrip("0").split(".")[1]
    return german(value, max(2, len(digits)))


def global_sentence(row, level: float) -> str:
    """The global Moran's I of one row of autokorrelation.csv in plain German."""
    return C[f"global_{_pattern(row, level)}"].format(i=german(row.moran_i, 2), p=_p_bound(row))


def index_section(site: Site, spec: IndexSpec) -> str:
    """Markdown of this part's section on the index page, after the ranking ('' = none)."""
    local, overall = _figures(site)
    year = site.year
    here = routes.index_page(spec.id)
    level = _level(site)
    mine = overall[(overall["index_id"] == spec.id) & (overall["jahr"] == year)]
    whole = mine[mine["dimension_id"] == contract.WHOLE]
    if whole.empty:
        return ""
    rows = local[(local["index_id"] == spec.id) & (local["jahr"] == year)]
    index_rows = rows[rows["dimension_id"] == contract.WHOLE]
    kinds = index_rows["cluster"].fillna("").astype(str)
    significant = int(kinds.isin(list(C["label"])).sum())
    n = len(index_rows)
    if significant == 0:
        count = C["no_clusters"].format(year=year, level=_decimal(level))
    elif significant == 1:
        count = C["in_clusters_one"].format(n=n, level=_decimal(level))
    else:
        count = C["in_clusters"].format(count=significant, n=n, level=_decimal(level))
    without = len(set(site.names) - set(index_rows["sozialraum_id"].astype(str)))
    return render(
        "_clusters_index.md.j2",
        T=T,
        C=C,
        intro=C["intro"].format(year=year, name=spec.name, short_name=spec.short_name),
        sentence=global_sentence(next(whole.itertuples()), level),
        map=chart(
            site,
            charts_clusters.map_id(spec.id),
            C["map_chart_title"].format(measure=spec.short_name, year=year),
            here,
            _area_table(site, index_rows, here),
        ),
        count=" ".join(
            [count] + ([C["without_one"] if without == 1 else C["without"].format(count=without)] if without else [])
        ),
        dimensions_heading=C["dimensions_heading"].format(year=year),
        dimensions=_dimension_table(site, spec, mine, rows, here, level) if spec.dimensions else None,
        method=link(here, "methode.md", C["method_link"]),
    )


def _area_table(site: Site, rows: pd.DataFrame, here: str) -> dict:
    """Every area with a local value: those in a cluster first (unfavourable first), then the rest."""
    order = {kind: i for i, kind in enumerate(charts_clusters.ORDER)}
    rows = rows.assign(
        _order=rows["cluster"].fillna("").astype(str).map(order).fillna(len(order)),
        _name=rows["sozialraum_id"].map(site.names).fillna(rows["sozialraum_id"]),
    ).sort_values(["_order", "_name", "sozialraum_id"], kind="stable")
    data = [
        [
            area_link(site, here, r.sozialraum_id),
            C["label"].get(str(r.cluster) if isinstance(r.cluster, str) else "", C["none"]),
            german(r.moran_i_lokal, 2),
            _p(r.p_wert),
        ]
        for r in rows.itertuples()
    ]
    return table([C["area"], C["cluster"], C["local_i"], C["p"]], data, "llrr")


def _dimension_table(
    site: Site, spec: IndexSpec, overall: pd.DataFrame, local: pd.DataFrame, here: str, level: float
) -> dict:
    """Per dimension: global Moran's I, p, what it means, areas in unfavourable and favourable clusters."""
    data = []
    for d in spec.dimensions:
        row = overall[overall["dimension_id"] == d.id]
        kinds = local.loc[local["dimension_id"] == d.id, "cluster"].fillna("").astype(str)
        name = link(here, routes.dimension_page(spec.id, d.id), d.name)
        if row.empty:
            data.append([name, "–", "–", "–", "–", "–"])
            continue
        r = next(row.itertuples())
        data.append(
            [
                name,
                german(r.moran_i, 2),
                _p(r.p_wert),
                C[f"reading_{_pattern(r, level)}"],
                str(int((kinds == method.LOW_LOW).sum())),
                str(int((kinds == method.HIGH_HIGH).sum())),
            ]
        )
    head = [C["dimension"], C["moran_i"], C["p"], C["reading"], C["unfavourable"], C["favourable"]]
    return table(head, data, "lrrlrr")


def method_section(site: Site) -> str:
    """Markdown of this part's section on the general method page ('' = none)."""
    c = site.release.settings.certainty
    if c.permutations <= 0:
        return ""
    graph = method.neighbours(site.release.areas)
    n = len(site.names)
    expected = n * float(c.significance)
    return render(
        "_clusters_method.md.j2",
        C=C,
        neighbours=" ".join(
            [C["method_neighbours"]]
            + ([C["method_nearest"].format(k=method.KNN_NEIGHBOURS)] if graph and graph.kind == method.NEAREST else [])
        ),
        chance=C["method_chance"].format(
            permutations=german(c.permutations, 0),
            smallest=_decimal(round(1 / (c.permutations + 1), 6)),
            level=_decimal(c.significance),
        ),
        multiple=C["method_multiple"].format(
            n=n, level=_decimal(c.significance), expected=german(expected, 0 if expected == round(expected) else 1)
        ),
    )
