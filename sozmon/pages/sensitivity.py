"""Uncertainty from the method on the method pages (issue 13): how much each choice of
method moves the ranks (general page) and each area's range of ranks (index's page).

Everything shown comes from the published tables sensitivitaet.csv and
methoden_spannweite.csv (compute.sensitivity), so the pages say what a reader downloads.
Rank 1 is the lowest value, the least favourable for the index, as everywhere on the site.
"""

from __future__ import annotations

import pandas as pd

from .. import charts_sensitivity, contract, routes, texts
from ..compute.sensitivity import FACTORS, VARIANTS
from ..definitions import IndexSpec
from ..format import german
from ..templating import render
from .common import Site, T, area_link, chart, link, table

S = texts.SENSITIVITY
ANCHOR = "methodenwahl"  # the general section's heading id (linked from each index's method page)
INDEX_ANCHOR = "andere-methode"  # the index method page's section
PLACES = 2  # "ändert sich der Rang um höchstens 2 Plätze"
STRONGEST = 3  # areas named as those whose rank moves most


def _table(site: Site, name: str) -> pd.DataFrame:
    frame = site.tables.get(name)
    return frame if frame is not None else pd.DataFrame(columns=contract.OUTPUT[name].columns)


def _percent(value) -> str:
    return S["percent"].format(value=german(100 * float(value), 0))


def _percent_conf(value, conf) -> str:
    if pd.isna(conf):
        return _percent(value)
    return S["percent_conf"].format(value=german(100 * float(value), 0), conf=german(100 * float(conf), 0))


def method_section(site: Site) -> str:
    """Markdown of this part's section on the general method page ('' = none)."""
    ranges, sobol = _table(site, contract.METHOD_RANGES), _table(site, contract.SENSITIVITY)
    if ranges.empty:
        return ""
    here = "methode.md"
    m = site.release.settings.method
    choices = [
        {"label": S["label"][f], "text": S["explain"][f].format(min_denominator=german(m.min_denominator, 0))}
        for f in FACTORS
    ]
    indices = []
    for spec in site.release.indices:
        mine = ranges[ranges["index_id"] == spec.id]
        if mine.empty:
            continue
        indices.append(_index_paragraph(site, spec, mine, sobol[sobol["index_id"] == spec.id], here))
    return render(
        "_sensitivity_method.md.j2",
        S=S,
        T=T,
        attr="{#" + ANCHOR + "}",
        choices=choices,
        variants=S["method_variants"].format(variants=VARIANTS),
        samples=S["method_read"].format(
            samples=german(site.release.settings.certainty.sensitivity_samples * (len(FACTORS) + 2), 0)
        ),
        has_sobol=not sobol.empty,
        indices=indices,
    )


def _index_paragraph(site: Site, spec: IndexSpec, ranges: pd.DataFrame, sobol: pd.DataFrame, here: str) -> dict:
    """One index on the general page: its most influential choice, the areas that keep their
    rank, and its chart of the Sobol indices with a table."""
    year = int(sobol["jahr"].max()) if len(sobol) else int(ranges["jahr"].max())
    sentences = []
    rows = (
        sobol[sobol["jahr"] == year]
        .set_index("methodenwahl")
        .reindex([f for f in FACTORS if f in set(sobol["methodenwahl"])])
    )
    figure = None
    if len(rows):
        shown = rows.assign(s1=rows["s1"].round(2), st=rows["st"].round(2))
        if (shown["st"] == 0).all():
            sentences.append(S["index_nothing"].format(year=year))
        else:
            top = shown.sort_values(["st", "s1"], ascending=False, kind="stable").index[0]
            sentences.append(
                S["index_most"].format(
                    year=year,
                    label=S["label"][top],
                    alone=_percent(rows.at[top, "s1"]),
                    total=_percent(rows.at[top, "st"]),
                )
            )
            inert = [f for f in shown.index if shown.at[f, "st"] == 0]
            if inert:
                quoted = [f"„{S['label'][f]}“" for f in inert]
                labels = ", ".join(quoted[:-1]) + S["and"] + quoted[-1] if len(quoted) > 1 else quoted[0]
                text = S["index_inert" if len(inert) > 1 else "index_inert_one"].format(labels=labels)
                if "gewichtung" in inert and _equal_weights(spec):
                    text += " " + S["index_equal_weights"]
                sentences.append(text)
        data = [
            [
                S["label"][f],
                _percent_conf(rows.at[f, "s1"], rows.at[f, "s1_konfidenz"]),
                _percent_conf(rows.at[f, "st"], rows.at[f, "st_konfidenz"]),
            ]
            for f in rows.index
        ]
        title = S["chart_title"].format(name=spec.name, year=year)
        figure = chart(
            site,
            charts_sensitivity.sobol_id(spec.id),
            title,
            here,
            table([S["col_choice"], S["col_alone"], S["col_total"]], data, "lrr"),
        )
    latest = ranges[ranges["jahr"] == ranges["jahr"].max()]
    kept = int((latest["rang_min"] == latest["rang_max"]).sum())
    n = len(latest)
    key = {n: "index_kept_all", 0: "index_kept_none", 1: "index_kept_one"}.get(kept, "index_kept")
    sentences.append(S[key].format(kept=kept, n=n))
    return {
        "name": spec.name,
        "text": " ".join(sentences),
        "chart": figure,
        "more": link(
            here, routes.index_method_page(spec.id), S["index_more_link"].format(name=spec.name), INDEX_ANCHOR
        ),
    }


def _equal_weights(spec: IndexSpec) -> bool:
    """All weights of the index's indicators (within each dimension) and dimensions are equal."""
    dims = {float(d.weight) for d in spec.dimensions}
    return len(dims) <= 1 and all(len({float(m.weight) for m in d.members}) <= 1 for d in spec.dimensions)


def index_section(site: Site, spec: IndexSpec) -> str:
    """Markdown of this part's section on the index's method page ('' = none)."""
    ranges = _table(site, contract.METHOD_RANGES)
    mine = ranges[(ranges["index_id"] == spec.id) & (ranges["jahr"] == site.year)]
    if mine.empty:
        return ""
    here = routes.index_method_page(spec.id)
    mine = mine.sort_values(["rang", "sozialraum_id"], kind="stable")
    rank, low, high = (mine[c].astype(int) for c in ("rang", "rang_min", "rang_max"))
    moved = pd.concat([(rank - low), (high - rank)], axis=1).max(axis=1)
    n, within = len(mine), int((moved <= PLACES).sum())
    if int(moved.max()) == 0:
        sentence = S["index_within_none"]
    elif within == n:
        sentence = S["index_within_all"].format(n=n, places=PLACES)
    else:
        spread = (high - low).sort_values(ascending=False, kind="stable")
        names = [
            S["index_strongest_item"].format(
                area=site.names.get(a, a), rank=int(rank[i]), low=int(low[i]), high=int(high[i])
            )
            for i, a in zip(spread.index[:STRONGEST], mine.loc[spread.index[:STRONGEST], "sozialraum_id"])
        ]
        sentence = S["index_within"].format(k=within, n=n, places=PLACES, names=", ".join(names))
    rows = [
        [
            str(int(r.rang)),
            area_link(site, here, r.sozialraum_id),
            S["same"].format(rank=int(r.rang))
            if r.rang_min == r.rang_max
            else S["range"].format(low=int(r.rang_min), high=int(r.rang_max)),
        ]
        for r in mine.itertuples()
    ]
    title = S["index_chart_title"].format(name=spec.name, year=site.year)
    return render(
        "_sensitivity_index.md.j2",
        S=S,
        T=T,
        intro=S["index_intro"],
        attr="{#" + INDEX_ANCHOR + "}",
        general=link(here, "methode.md", S["general_link"], ANCHOR),
        year=site.year,
        variants=VARIANTS,
        short_name=spec.short_name,
        sentence=sentence,
        chart=chart(
            site,
            charts_sensitivity.range_id(spec.id),
            title,
            here,
            table([S["col_rank"], S["col_area"], S["col_range"]], rows, "rlr"),
        ),
    )
