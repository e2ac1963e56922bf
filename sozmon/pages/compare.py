"""Areas side by side: the compare page, its data file and the link from each area's page.

The page is a frame (heading, explanation, a <noscript> with links for readers without
JavaScript); sozmon-compare.js fetches the data file, lets the reader choose Sozialräume,
Stadtteile, Stadtbezirke and the city, and writes the tables with `textContent` only.

The data file holds, for the site's year, every published value as the reader sees it:
numbers already in German form and each difference to the city total already in words
and symbol (the same helpers as the area pages, so both say the same). Suppressed values
read "gesperrt", values on a small denominator are marked and not judged; Stadtteile,
Stadtbezirke and the city have indicator values (gebiete_werte) but no index values.

The choice lives in the query string, `?auswahl=01,07,stadtteil:Altstadt,stadt`: an area
by its id, a Stadtteil or Stadtbezirk by its name (URL-encoded), the city as `stadt`.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import numpy as np
import pandas as pd

from .. import routes, texts
from ..definitions import DYNAMICS
from ..format import german, signed
from ..templating import render
from .common import Site, T, compact, front, klass, number, text, unit_change

C = texts.COMPARE
DATA = "assets/data/vergleich.json"  # under docs/, read by sozmon-compare.js
SCRIPT = "assets/js/sozmon-compare.js"
CITY_KEY = "stadt"
LEVELS = ("stadtteil", "stadtbezirk")  # the aggregates' `ebene` in gebiete_werte, also key prefixes


def area_key(area_id: str) -> str:
    """The key of an area in the choice: its id (an id that reads like another key gets a prefix)."""
    return f"sozialraum:{area_id}" if area_id == CITY_KEY else area_id


def level_key(level: str, name: str) -> str:
    return f"{level}:{quote(name, safe='')}"


def query(keys: list[str]) -> str:
    """The query string's value: keys joined by ',' (names are URL-encoded, so no ',' in them)."""
    return ",".join(quote(k, safe=":%") for k in keys)


def compare_pages(site: Site) -> dict[str, str]:
    here = routes.COMPARE
    root = routes.root(here)
    return {
        here: render(
            "compare.md.j2",
            T=T,
            C=C,
            front=front(C["title"], C["description"].format(city=site.city)),
            heading=C["title"],
            intro=C["intro"].format(year=site.year, city_total=site.city_total),
            synthetic=texts.SYNTHETIC_NOTE if site.release.settings.synthetic else None,
            synthetic_title=T["synthetic_title"],
            data=root + DATA,
            script=root + SCRIPT,
            areas=root + routes.url(f"{routes.AREAS}/index.md"),
            downloads=root + routes.url("daten.md"),
            example="?auswahl=" + query(_example(site)),
        )
    }


def compare_files(site: Site) -> dict[str, str | bytes]:
    return {DATA: json.dumps(compare_data(site), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"}


def compare_link(site: Site, area_id: str, here: str) -> dict | None:
    """The link from an area's page to the compare page: the area, the area most like it in
    the first status index, its Stadtteil and the city."""
    keys, what = [area_key(area_id)], []
    similar = _most_similar(site, area_id)
    if similar is not None:
        keys.append(area_key(similar[1]))
        what.append(C["link_similar"].format(name=site.names[similar[1]], index=similar[0].name))
    stadtteil = text(site.areas_by_id.at[area_id, "stadtteil"])
    if stadtteil and _has_aggregate(site, "stadtteil", stadtteil):
        keys.append(level_key("stadtteil", stadtteil))
        what.append(C["link_stadtteil"].format(name=stadtteil))
    keys.append(CITY_KEY)
    what.append(site.city_total)
    return {
        "href": routes.root(here) + routes.url(routes.COMPARE),
        "query": query(keys),
        "text": C["link"],
        "note": C["link_note"].format(items=", ".join(what)),
    }


def _most_similar(site: Site, area_id: str):
    """(index, area) whose value of the first status index is nearest to this area's (ties:
    the smaller id), None where the area has no value."""
    spec = next((s for s in site.release.indices if s.kind != DYNAMICS), None)
    if spec is None:
        return None
    rows = site.scores(spec.id).dropna(subset=["wert"]).set_index("sozialraum_id")["wert"]
    if area_id not in rows.index or len(rows) < 2:
        return None
    others = rows.drop(area_id)
    distance = np.round(np.abs(others.to_numpy(dtype=float) - float(rows[area_id])), 9)
    nearest = np.lexsort((others.index.to_numpy(dtype=str), distance))[0]  # by distance, then id
    return spec, others.index[nearest]


def _has_aggregate(site: Site, level: str, name: str) -> bool:
    agg = site.tables["gebiete_werte"]
    return bool(((agg["ebene"] == level) & (agg["gebiet"] == name)).any())


def _example(site: Site) -> list[str]:
    """The choice the page's explanation links to: the first two areas and the city."""
    return [area_key(a) for a in sorted(site.names)[:2]] + [CITY_KEY]


# --- the data file -------------------------------------------------------------------------


def compare_data(site: Site) -> dict:
    """Everything the compare script shows, for the site's year, as published."""
    year = site.year
    return {
        "year": year,
        "synthetic": texts.SYNTHETIC_NOTE if site.release.settings.synthetic else "",
        "texts": C["ui"],
        "notes": [T["suppressed_note"], C["small_note"].format(min_denominator=_min_denominator(site))],
        "city_total": site.city_total,
        "units": _units(site),
        "indices": [_index(site, spec, year) for spec in site.release.indices],
        "groups": _groups(site),
        "indicators": _indicators(site, year),
    }


def _min_denominator(site: Site) -> str:
    return german(site.release.settings.method.min_denominator, 0)


def _units(site: Site) -> list[dict]:
    """Every choosable unit: the areas (A–Z), then Stadtteile, Stadtbezirke, the city."""
    areas = site.release.areas
    out = []
    for r in sorted(areas.itertuples(), key=lambda r: (str(r.name).casefold(), r.sozialraum_id)):
        out.append(
            {
                "key": area_key(r.sozialraum_id),
                "level": "sozialraum",
                "name": str(r.name),
                "href": routes.url(routes.page(routes.AREAS, r.sozialraum_id)),
            }
        )
    agg = site.tables["gebiete_werte"]
    for level in LEVELS:
        names = sorted(set(agg.loc[agg["ebene"] == level, "gebiet"].dropna().astype(str)), key=str.casefold)
        out += [{"key": level_key(level, n), "level": level, "name": n} for n in names]
    out.append({"key": CITY_KEY, "level": "stadt", "name": site.city_total})
    return out


def _index(site: Site, spec, year: int) -> dict:
    """An index and its dimensions: value, class and rank per area."""
    now = site.scores(spec.id, year)
    n = int(now["rang"].notna().sum())
    values = {area_key(r.sozialraum_id): _score(r, n) for r in now.itertuples()}
    dims = []
    for d in spec.dimensions:
        rows = site.dimension_scores(spec.id, d.id, year)
        m = int(rows["rang"].notna().sum())
        dims.append(
            {"id": d.id, "name": d.name, "values": {area_key(r.sozialraum_id): _score(r, m) for r in rows.itertuples()}}
        )
    return {
        "id": spec.id,
        "name": spec.name,
        "measure": spec.short_name,
        "values": values,
        "dimensions": dims,
    }


def _score(row, n: int) -> list[str]:
    """[value, class, rank] of an index or dimension as shown: '+0,42', 'hoch', '7 von 40';
    only ['kein Wert'] where the area has none."""
    if pd.isna(row.wert):
        return [T["no_value"]]
    rank = C["rank_of"].format(rank=int(row.rang), n=n) if not pd.isna(row.rang) else "–"
    return [signed(row.wert, 2), klass(row.klasse), rank]


def _groups(site: Site) -> list[dict]:
    """The indicators grouped by the dimensions they enter (index by index), then the
    context indicators; an indicator in two indices appears in both."""
    out = []
    known: set[str] = set()
    for spec in site.release.indices:
        if spec.kind == DYNAMICS:  # the same dimensions as its basis: shown once
            continue
        for d in spec.dimensions:
            members = [m.indicator_id for m in d.members]
            known.update(members)
            out.append({"title": C["group"].format(dimension=d.name, index=spec.name), "indicators": members})
    for spec in site.release.indices:
        for d in spec.dimensions:
            missing = [m.indicator_id for m in d.members if m.indicator_id not in known]
            if missing:
                known.update(missing)
                out.append({"title": C["group"].format(dimension=d.name, index=spec.name), "indicators": missing})
    context = [i for i in site.release.indicators["indikator_id"] if i not in known]
    if context:
        out.append({"title": C["group_context"], "indicators": context})
    return out


def _indicators(site: Site, year: int) -> dict:
    """Per indicator: name, unit, the city value and per unit [value, difference to the city]."""
    small = site.release.settings.method.min_denominator
    values = site.tables["indikator_werte"]
    values = values[values["jahr"] == year]
    by_indicator = dict(list(values.groupby("indikator_id", sort=False)))
    agg = site.tables["gebiete_werte"]
    agg = agg[agg["jahr"] == year]
    agg_by_indicator = dict(list(agg.groupby("indikator_id", sort=False)))
    out = {}
    for ind in site.release.indicators.itertuples():
        i, unit = ind.indikator_id, text(ind.einheit)
        direction = site.direction(ind)
        rows = agg_by_indicator.get(i, agg.iloc[:0])
        city_rows = rows[rows["ebene"] == CITY_KEY]
        city = city_rows.iloc[0] if len(city_rows) else None
        city_value = None if city is None or bool(city["gesperrt"]) else city["wert"]
        cells = {}
        for r in by_indicator.get(i, values.iloc[:0]).itertuples():
            cells[area_key(r.sozialraum_id)] = _cell(r, city_value, unit, direction, small)
        for r in rows.itertuples():
            if r.ebene == CITY_KEY:
                cells[CITY_KEY] = _cell(r, None, unit, direction, small)
            else:
                cells[level_key(r.ebene, str(r.gebiet))] = _cell(r, city_value, unit, direction, small)
        out[i] = {
            "name": str(ind.name),
            "href": routes.url(routes.page(routes.INDICATORS, i)),
            "city": cells[CITY_KEY][0] if CITY_KEY in cells else "–",
            "direction": C["direction"][str(direction)],
            "values": cells,
        }
    return out


def _cell(row, city, unit: str | None, direction: int | None, small: float) -> list[str]:
    """[the value as published, its difference to the city total in words] of one unit's row."""
    if not pd.isna(row.gesperrt) and bool(row.gesperrt):
        return [T["suppressed"], ""]
    if row.wert is None or pd.isna(row.wert):
        return ["–", ""]
    uncertain = row.nenner is not None and not pd.isna(row.nenner) and row.nenner < small
    shown = number(row.wert, unit) + (T["small_mark"] if uncertain else "")
    if city is None or pd.isna(city):
        return [shown, ""]
    return [shown, compact(unit_change(row.wert - city, unit, direction, uncertain))]
