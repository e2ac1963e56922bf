"""The list of areas and the page of one Sozialraum: every index of the area, its
dimensions and development, its type, and its indicators beside the city's values."""

from __future__ import annotations

import pandas as pd

from .. import package, routes, texts
from ..definitions import DYNAMICS, IndexSpec
from ..format import german, signed
from ..share import og_image
from ..templating import render
from . import uncertainty
from .common import (
    Site,
    T,
    area_link,
    chart,
    front,
    klass,
    link,
    list_page,
    measure,
    number,
    position_note,
    rank,
    score_change,
    table,
    text,
    unit_change,
)
from .compare import compare_link
from .easy import area_summary
from .overview import _size
from .streets import search_box


def area_list(site: Site) -> str:
    here = f"{routes.AREAS}/index.md"
    areas = site.release.areas.set_index("sozialraum_id")
    indices = site.release.indices
    now = {spec.id: site.scores(spec.id).set_index("sozialraum_id") for spec in indices}
    types = {t.id: site.types(t.id, site.typology_year(t)).set_index("sozialraum_id") for t in site.release.typologies}
    data = []
    for area_id in sorted(site.names, key=lambda a: (str(site.names[a]).casefold(), a)):  # A–Z, as readers look
        row: list = [area_link(site, here, area_id)]
        row += [klass(now[s.id]["klasse"].get(area_id)) for s in indices]
        row += [klass(types[t.id]["typ"].get(area_id)) for t in site.release.typologies]
        row += [text(areas.at[area_id, "stadtteil"]), text(areas.at[area_id, "stadtbezirk"])]
        data.append(row)
    head = [T["area"], *[s.name for s in indices], *[t.name for t in site.release.typologies]]
    head += [T["stadtteil"], T["stadtbezirk"]]
    return list_page("areas", T["areas_intro"].format(year=site.year), table=table(head, data, "l" * len(head)))


def area_page(site: Site, area_id: str) -> str:
    here = routes.page(routes.AREAS, area_id)
    area = site.areas_by_id.loc[area_id]
    name, year = area["name"], site.year
    return render(
        "area.md.j2",
        T=T,
        front=front(name, T["area_description"].format(name=name, city=site.city)) | {"image": og_image(site, area_id)},
        name=name,
        place=_place(area),
        key=_key_figures(site, area_id),
        summary=summary(site, area_id),
        profile=profile_link(site, area_id, here),
        locator=chart(site, routes.area_chart(area_id, "lage"), T["locator_title"].format(name=name), here),
        reading=T["score_reading_general"],
        indices=[_index_section(site, spec, area_id, here) for spec in site.release.indices],
        indicator_intro=T["indicator_table_intro"].format(year=year, city_total=site.city_total),
        indicators=_indicator_table(site, area_id, year, here),
        notes=indicator_notes(site),
        neighbours=_neighbours(site, area_id, area, here),
        download=T["download_rows"].format(id=area_id),
        data=link(here, "daten.md", T["downloads"]),
        search=search_box(site, here),
        compare_link=compare_link(site, area_id, here),
        easy_summary=area_summary(site, area_id, here),
    )


def profile_link(site: Site, area_id: str, here: str) -> dict | None:
    """The area's printable profile: written with the package (steckbriefe.zip beside it),
    with its pages and size where the downloads list it."""
    by_path = site.downloads_by_path
    path = f"{package.PROFILES}/{area_id}.pdf"
    if path not in by_path and f"{package.PROFILES}.zip" not in by_path:
        return None
    entry = by_path.get(path)
    size = None
    if entry is not None:
        pages = entry.get("pages") or 0
        key = "one" if pages == 1 else "many"
        size = texts.PROFILE_LINK_SIZE[key].format(pages=pages, size=_size(entry["bytes"]))
    return {"href": f"{routes.root(here)}{package.FOLDER}/{path}", "text": texts.PROFILE_LINK, "size": size}


def _place(area) -> str | None:
    """'Stadtteil X, Stadtbezirk Y': which is which, never two bare names."""
    parts = [
        T[key].format(name=text(area.get(column)))
        for key, column in (("in_stadtteil", "stadtteil"), ("in_stadtbezirk", "stadtbezirk"))
        if text(area.get(column))
    ]
    return ", ".join(parts) if parts else None


def _now(site: Site, spec: IndexSpec, area_id: str, latest: bool = False):
    """The area's row of the index in the site's year (`latest`: or its last one before)."""
    rows = site.scores_by_area.get(area_id)
    if rows is None:
        return None
    mine = rows[(rows["index_id"] == spec.id) & rows["wert"].notna()]
    mine = mine[mine["jahr"] <= site.year] if latest else mine[mine["jahr"] == site.year]
    return None if mine.empty else mine.sort_values("jahr").iloc[-1]


def _key_figures(site: Site, area_id: str) -> list[tuple[str, str]]:
    """Per index its class and rank, per typology the type: the first thing a reader sees."""
    out = []
    for spec in site.release.indices:
        now = _now(site, spec, area_id)
        if now is None:
            out.append((spec.name, T["no_value"]))
            continue
        n = int(site.scores(spec.id)["rang"].notna().sum())
        sure = uncertainty.site_lookup(site).get(spec.id, None, area_id, site.year)
        if sure is None or pd.isna(now["rang"]) or pd.isna(now["klasse"]):
            value = T["key_class"].format(measure=spec.short_name, klasse=now["klasse"], rank=int(now["rang"]), n=n)
        else:  # how sure rank and class are (bootstrap of the counts)
            value = uncertainty.U["key"].format(
                klasse=uncertainty.class_phrase(spec.short_name, now["klasse"], sure, uncertainty.sure(site)),
                rank=uncertainty.rank_phrase(now["rang"], n, sure),
            )
        out.append((spec.name, value))
    for t in site.release.typologies:
        row = site.area_type(t, area_id)
        if row is None:
            out.append((t.name, T["no_value"]))
        else:
            flag = T["attention_yes"] if bool(row["aufmerksamkeit"]) else T["attention_no"]
            out.append((t.name, f"{row['typ']} – {flag}"))
    return out


def summary(site: Site, area_id: str) -> str:
    """Plain German: each index's class, then the type, then what stands out."""
    year, name = site.year, site.names[area_id]
    sentences = []
    for spec in site.release.indices:
        now = _now(site, spec, area_id)
        last = _now(site, spec, area_id, latest=True) if now is None else None
        if last is not None:
            sentences.append(
                T["summary_no_value_last"].format(
                    name=spec.name,
                    year=year,
                    last_year=int(last["jahr"]),
                    measure=spec.short_name,
                    klasse=last["klasse"],
                )
            )
        elif now is None:
            sentences.append(T["summary_no_value"].format(name=spec.name, year=year))
        elif spec.kind == DYNAMICS and spec.period:
            sentences.append(
                T["summary_dynamics"].format(
                    measure=spec.short_name, period=spec.period, klasse=now["klasse"], name=spec.name
                )
            )
        else:
            sentences.append(T["summary_status"].format(measure=spec.short_name, klasse=now["klasse"], name=spec.name))
    for t in site.release.typologies:
        row = site.area_type(t, area_id)
        if row is not None:
            key = "summary_attention" if bool(row["aufmerksamkeit"]) else "summary_type"
            sentences.append(T[key].format(typ=row["typ"], name=t.name))
    first = site.release.indices[0]
    dims = site.dimensions_by_area.get(area_id)
    if dims is not None and first.kind != DYNAMICS:
        mine = dims[(dims["index_id"] == first.id) & (dims["jahr"] == year)].dropna(subset=["wert"])
        below = mine[mine["wert"] < 0].sort_values("wert").head(2)
        names = {d.id: d.name for d in first.dimensions}
        if len(below):
            listed = T["and"].join(
                T["dimension_value"].format(
                    name=names[r.dimension_id], value=signed(r.wert, 2), measure=first.short_name, klasse=r.klasse
                )
                for r in below.itertuples()
            )
            key = "summary_below_one" if len(below) == 1 else "summary_below"
            sentences.append(T[key].format(dims=listed, name=first.name))
    return T["summary_intro"].format(name=name, year=year) + " " + " ".join(sentences)


def _index_section(site: Site, spec: IndexSpec, area_id: str, here: str) -> dict:
    name, year = site.names[area_id], site.year
    dims = site.dimensions_by_area.get(area_id)
    now = (
        dims[(dims["index_id"] == spec.id) & (dims["jahr"] == year)].set_index("dimension_id")
        if dims is not None
        else None
    )
    found, threshold = uncertainty.site_lookup(site), uncertainty.sure(site)
    dim_rows = [
        [
            link(here, routes.dimension_page(spec.id, d.id), d.name),
            signed(now["wert"].get(d.id), 2) if now is not None else "–",
            uncertainty.class_cell(now["klasse"].get(d.id), found.get(spec.id, d.id, area_id, year), threshold)
            if now is not None
            else "–",
            rank(now["rang"].get(d.id)) if now is not None else "–",
            uncertainty.rank_range(found.get(spec.id, d.id, area_id, year)),
        ]
        for d in spec.dimensions
    ]
    dim_head = [T["dimension"], T["score"], uncertainty.U["col_class"].format(measure=measure(spec)), T["rank"]]
    dim_head.append(uncertainty.U["col_rank"])
    scores = site.scores_by_area.get(area_id)
    over_time = scores[scores["index_id"] == spec.id].sort_values("jahr") if scores is not None else scores
    # A dynamics index is itself a change: its change from year to year would be a change of a change.
    dynamics = spec.kind == DYNAMICS
    time_rows = [
        [str(int(r.jahr)), signed(r.wert, 2), klass(r.klasse), rank(r.rang)]
        + ([] if dynamics else [score_change(r.veraenderung_vorjahr)])
        for r in (over_time.itertuples() if over_time is not None else [])
    ]
    time_head = [T["year"], T["score"], measure(spec), T["rank"]] + ([] if dynamics else [T["change_prev_position"]])
    return {
        "name": spec.name,
        "link": link(here, routes.index_page(spec.id), T["index_more"]),
        "dimensions": chart(
            site,
            routes.area_chart(area_id, "dimensionen", spec.id),
            T["dimension_chart"].format(name=name, index=spec.name, year=year),
            here,
            table(dim_head, dim_rows, "lrlrr"),
        ),
        "reading": T["class_reading"].format(measure=spec.short_name, lowest=spec.classes.labels[0]),
        "position_note": position_note(spec),
        "over_time": chart(
            site,
            routes.area_chart(area_id, "verlauf", spec.id),
            T["over_time_chart"].format(name=name, index=spec.name),
            here,
            table(time_head, time_rows, "rrlrr"),
        ),
    }


def _indicator_table(site: Site, area_id: str, year: int, here: str) -> dict:
    mine = site.values_by_area.get(area_id, site.tables["indikator_werte"].iloc[:0])
    now = mine[mine["jahr"] == year].set_index("indikator_id")
    before = mine[mine["jahr"] == year - 1].set_index("indikator_id")
    city = site.city_values[site.city_values["jahr"] == year].set_index("indikator_id")["wert"]
    small = site.release.settings.method.min_denominator
    rows = []
    for ind in site.release.indicators.itertuples():
        i, unit = ind.indikator_id, text(ind.einheit)
        direction = site.direction(ind)
        value, uncertain = _cell(now, i), _small(now, i, small)
        rows.append(
            [
                link(here, routes.page(routes.INDICATORS, i), ind.name),
                shown(now, i, unit, small),
                number(city.get(i), unit),
                unit_change(_minus(value, city.get(i)), unit, direction, uncertain),
                unit_change(_minus(value, _cell(before, i)), unit, direction, uncertain or _small(before, i, small)),
            ]
        )
    head = [
        T["indicator"],
        T["value_in_year"].format(year=year),
        site.city_total,
        T["difference"].format(city_total=site.city_total),
        T["change_prev"],
    ]
    return table(head, rows, "lrrrr")


def indicator_notes(site: Site) -> list[str]:
    notes = [
        T["suppressed_note"],
        T["small_note"].format(min_denominator=german(site.release.settings.method.min_denominator, 0)),
    ]
    if site.rate_only:
        notes.append(T["rate_only_note"].format(city_total=site.city_total))
    return notes


def _cell(frame: pd.DataFrame, key: str):
    return frame["wert"].get(key) if key in frame.index else None


def _minus(a, b):
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return None
    return a - b


def shown(frame: pd.DataFrame, key: str, unit: str | None, min_denominator: float) -> str:
    """The value as published: 'gesperrt', or marked where its denominator is small."""
    if key not in frame.index:
        return "–"
    if bool(frame.at[key, "gesperrt"]):
        return T["suppressed"]
    value = number(frame.at[key, "wert"], unit)
    return value + T["small_mark"] if value != "–" and _small(frame, key, min_denominator) else value


def _small(frame: pd.DataFrame, key: str, min_denominator: float) -> bool:
    """The value rests on a denominator below the threshold: it stays out of the index."""
    if key not in frame.index:
        return False
    nenner = frame.at[key, "nenner"]
    return not pd.isna(nenner) and nenner < min_denominator


def _neighbours(site: Site, area_id: str, area, here: str) -> dict | None:
    stadtteil = text(area.get("stadtteil"))
    if stadtteil is None:
        return None
    areas = site.release.areas
    others = areas[(areas["stadtteil"] == stadtteil) & (areas["sozialraum_id"] != area_id)]
    if others.empty:
        return None
    return {
        "text": T["neighbours"].format(stadtteil=stadtteil),
        "links": [area_link(site, here, r.sozialraum_id) for r in others.itertuples()],
    }
