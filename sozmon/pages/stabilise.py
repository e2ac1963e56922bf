"""Small-number stabilisation on the method page (issue 13): what it does, why, towards
what, which values are published and which the index reads (compute/stabilise.py)."""

from __future__ import annotations

import pandas as pd

from .. import routes, texts
from ..compute.stabilise import CITY, OFF
from ..format import german
from ..templating import render
from .common import Site, T, area_link, link, number, table

S = texts.STABILISE
HERE = f"{routes.METHOD}.md"
# Rows of the table of the values that move most.
SHOWN = 5


def method_section(site: Site) -> str:
    """Markdown of this part's section on the general method page ('' = none)."""
    method = site.release.settings.method
    on = method.stabilise != OFF
    areas = site.release.areas
    no_stadtteil = on and method.stabilise != CITY and ("stadtteil" not in areas or areas["stadtteil"].isna().all())
    moved = _moved(site) if on else None
    small_rule = ""
    if method.min_denominator > 0:
        small_rule = S["small_rule"].format(min_denominator=german(method.min_denominator, 0))
    return render(
        "_stabilise_method.md.j2",
        T=T,
        S=S,
        on=on,
        what=S["what_stadt"] if method.stabilise == CITY else S["what_stadtteil"],
        rules=" ".join(filter(None, [S["rules"], small_rule])),
        no_stadtteil=no_stadtteil,
        moved=moved,
        moved_intro=S["table_intro"].format(year=site.year),
    )


def _moved(site: Site) -> dict | None:
    """The values in an index in the site's year whose stabilised value differs most
    from the measured one, in standard deviations of the indicator's measured values
    (what a change does to the index)."""
    values = site.tables["indikator_werte"]
    values = values[values["im_index"].fillna(False).astype(bool)]
    rows = values[(values["jahr"] == site.year) & values["wert_stabilisiert"].notna() & values["wert"].notna()]
    if rows.empty:
        return None
    wert = rows["wert"].astype(float)
    spread = wert.groupby(rows["indikator_id"]).transform(lambda x: x.std(ddof=0))
    shift = (rows["wert_stabilisiert"].astype(float) - wert).abs() / spread.where(spread > 0)
    rows = rows.assign(_shift=shift)[shift > 0]
    if rows.empty:
        return None
    top = rows.sort_values(["_shift", "sozialraum_id", "indikator_id"], ascending=[False, True, True]).head(SHOWN)
    catalogue = site.release.indicators.drop_duplicates("indikator_id").set_index("indikator_id")
    data = []
    for r in top.itertuples():
        name = catalogue["name"].get(r.indikator_id, r.indikator_id)
        unit = catalogue["einheit"].get(r.indikator_id) if "einheit" in catalogue else None
        unit = None if unit is None or pd.isna(unit) else str(unit)
        data.append(
            [
                area_link(site, HERE, r.sozialraum_id),
                link(HERE, routes.page(routes.INDICATORS, r.indikator_id), str(name)),
                german(r.nenner, 0),
                number(r.wert, unit),
                number(r.wert_stabilisiert, unit),
            ]
        )
    head = [S["area"], S["indicator"], S["nenner"], S["measured"], S["stabilised"]]
    return table(head, data, "llrrr")
