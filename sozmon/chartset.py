"""Which charts the site has, written as Vega-Lite specs with a static SVG beside each.

Chart ids come from `routes` (`indizes/<index>/karte`, `indizes/<index>/dimensionen/<dim>/
rangfolge`, `sozialraeume/<area>/<index>/dimensionen`, `typologien/<id>/karte`,
`indikatoren/<id>/rangfolge`, …), one folder per kind of subject and an index's
dimensions inside its folder, so two indices with a dimension of the same id, or an
indicator that shares its id with a dimension, never replace each other's charts. Every
index of the release (`release.indices`) and every typology gets its charts, made from
its definition. A page shows a chart only if its id is among those returned here.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pandas as pd
from altair.utils.schemapi import debug_mode

from . import allocation, charts, charts_clusters, charts_sensitivity, charts_uncertainty, maps, render, routes, texts
from .cache import OFF, Cache
from .charts import Scores
from .definitions import IndexSpec, type_rows
from .format import ChartSize, picture_path
from .model import Release, Result

CHART_DIR = routes.CHART_DIR
# Up to this many areas a locator map shows the whole city; beyond, the nearest ones.
LOCATOR_AREAS = 60
# The column that the published tables are filtered to for a chart's static picture, by
# the kind of its subject (the first part of its id); a table without it is passed whole.
SUBJECT_COLUMNS = {
    routes.AREAS: "sozialraum_id",
    routes.INDICES: "index_id",
    routes.TYPOLOGIES: "typologie_id",
    routes.INDICATORS: "indikator_id",
    routes.ALLOCATIONS: "verteilung_id",
}
MAPS = ("karte", "lage")  # the charts that say so when their data are synthetic
# The charts that also get a picture for wide screens (render.WIDE_WIDTH): the class,
# type and value maps, where a reader looks for their own area. Only these: each costs ~0.1 s.
WIDE = ("karte",)
# Above this many areas a ranking is no picture, only its table: 1,000 bars would make a
# picture 16,000 px tall that nobody reads, and drawing its names took 5 s each (issue 14).
RANKED_BARS = 100
RANKING = "rangfolge"


def specs(release: Release, result: Result, year: int) -> dict[str, dict]:
    """Every chart of the site by id (`routes`).

    Altair's debug mode validates every chart object as it is made, most of the time
    this takes; tests/test_charts.py validates each finished spec against the schema.
    """
    with debug_mode(False):
        return _specs(release, result, year)


def _specs(release: Release, result: Result, year: int) -> dict[str, dict]:
    s = release.settings
    city = s.city or "Stadt"
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    has_districts = "stadtbezirk" in release.areas and bool(release.areas["stadtbezirk"].notna().any())
    names_width = charts.label_width(names.values())
    out = {}
    nearby = maps.nearby(release.areas, LOCATOR_AREAS) if len(names) > LOCATOR_AREAS else {}
    for area_id, area_name in names.items():
        out[routes.area_chart(area_id, "lage")] = charts.locator_map(
            area_id, area_name=area_name, city=city, nearby=nearby.get(area_id)
        )
    index_rows = dict(tuple(result.indices.groupby("index_id", sort=False)))
    dimension_rows = dict(tuple(result.dimensions.groupby("index_id", sort=False)))
    for spec in release.indices:
        classes = _classes(
            index_rows.get(spec.id, result.indices.iloc[:0]),
            dimension_rows.get(spec.id, result.dimensions.iloc[:0]),
            list(names),
            year,
        )
        out.update(_index_charts(spec, classes, names, year, city, has_districts, names_width, s.certainty.draws > 0))
    for typology in release.typologies:
        first, second = release.index(typology.first), release.index(typology.second)
        titles = (first.short_name, second.short_name)
        if titles[0] == titles[1]:  # a tooltip's titles must differ
            titles = (first.name, second.name)
        rows = result.typologies[result.typologies["typologie_id"] == typology.id]
        out[routes.typology_chart(typology.id, "karte")] = charts.typology_map(
            typology.id,
            year,
            name=typology.name,
            class_titles=titles,
            city=city,
            present=_attention(rows, list(names), year),
            districts=has_districts,
        )
    out.update(_indicator_charts(release, result, year, city, set(names), names_width))
    out.update(_allocation_charts(release, result, names_width))
    for part in (charts_uncertainty, charts_sensitivity, charts_clusters):  # how sure the numbers are
        out.update(part.specs(release, result, year))
    if len(names) > RANKED_BARS:  # the page shows the ranking as its table
        out = {name: spec for name, spec in out.items() if not name.endswith(f"/{RANKING}")}
    if s.synthetic:
        out = {name: _marked(spec) if name.rsplit("/", 1)[-1] in MAPS else spec for name, spec in out.items()}
    return out


def _index_charts(
    spec: IndexSpec,
    classes: dict[tuple[str, str | None], set[str]],
    names: dict[str, str],
    year: int,
    city: str,
    districts: bool,
    names_width: int,
    intervals: bool = True,
) -> dict[str, dict]:
    """An index's map and ranking, its dimensions' and, for each area, its bars and time line;
    `intervals`: the rankings show the bootstrap's (there are draws)."""
    labels, short = list(spec.classes.labels), spec.short_name
    missing = texts.CHARTS["missing"]
    out = {}
    subjects = [
        (Scores(spec.id), spec.name, routes.index_chart(spec.id, "karte"), routes.index_chart(spec.id, "rangfolge"))
    ]
    subjects += [
        (
            Scores(spec.id, d.id),
            d.name,
            routes.dimension_chart(spec.id, d.id, "karte"),
            routes.dimension_chart(spec.id, d.id, "rangfolge"),
        )
        for d in spec.dimensions
    ]
    for scores, name, map_id, ranking_id in subjects:
        present = classes.get(("map", scores.dimension_id), set())
        out[map_id] = charts.class_map(
            scores,
            labels,
            year,
            name=name,
            short_name=short,
            city=city,
            present=present,
            districts=districts and scores.dimension_id is None,
        )
        out[ranking_id] = charts.ranking(
            scores,
            "index",
            year,
            name=name,
            short_name=short,
            city=city,
            class_labels=labels,
            names_width=names_width,
            present=present,
            missing=missing in present,  # marked "keine Angabe", not a bare row
            intervals=intervals,
        )
    dims = {d.id: d.name for d in spec.dimensions}
    for area_id, area_name in names.items():
        out[routes.area_chart(area_id, "dimensionen", spec.id)] = charts.dimension_bars(
            area_id,
            spec.id,
            dims,
            year,
            index_name=spec.name,
            short_name=short,
            area_name=area_name,
            city=city,
            class_labels=labels,
            present=classes.get(("bars", area_id), set()),
        )
        out[routes.area_chart(area_id, "verlauf", spec.id)] = charts.index_over_time(
            area_id,
            Scores(spec.id),
            area_name=area_name,
            city=city,
            name=spec.name,
            short_name=short,
            class_labels=labels,
            present=classes.get(("time", area_id), set()),
        )
    return out


def _indicator_charts(
    release: Release, result: Result, year: int, city: str, areas: set[str], names_width: int
) -> dict[str, dict]:
    """Each indicator's value map (if it has enough distinct values), ranking and spread.

    An indicator is judged (has a direction, red = unfavourable) if it is a member of
    any index; otherwise it is a context indicator: neutral colours, no ranks.
    """
    judged = {i for spec in release.indices for i in spec.indicator_ids}
    values = result.indicator_values
    latest = values[values["jahr"] == year]
    city_rows = result.aggregates[(result.aggregates["ebene"] == "stadt") & result.aggregates["wert"].notna()]
    with_city = set(city_rows["indikator_id"])
    out = {}
    for ind in release.indicators.itertuples():
        unit = ind.einheit if isinstance(ind.einheit, str) else ""
        direction = int(ind.richtung) if ind.indikator_id in judged else None
        now = latest[latest["indikator_id"] == ind.indikator_id]
        shown = now["wert"].where(~now["gesperrt"].fillna(False).astype(bool)).dropna()
        if shown.nunique() >= 5:
            out[routes.indicator_chart(ind.indikator_id, "karte")] = charts.value_map(
                ind.indikator_id,
                charts.quantile_breaks(shown.to_numpy(dtype=float)),
                name=ind.name,
                unit=unit,
                direction=direction,
                city=city,
                year=year,
                missing=set(now.loc[shown.index, "sozialraum_id"]) != areas,
            )
        out[routes.indicator_chart(ind.indikator_id, "rangfolge")] = charts.ranking(
            ind.indikator_id,
            "indicator",
            year,
            name=ind.name,
            city=city,
            unit=unit,
            direction=direction,
            names_width=names_width,
            missing=len(shown) < len(now),  # no value, or not published
        )
        out[routes.indicator_chart(ind.indikator_id, "verteilung")] = charts.distribution_over_time(
            ind.indikator_id, name=ind.name, unit=unit, city=city, with_city=ind.indikator_id in with_city
        )
    return out


def _allocation_charts(release: Release, result: Result, names_width: int) -> dict[str, dict]:
    """Each allocation key's euros per area in the year it is decided for, coloured by need."""
    out = {}
    rows = result.allocations
    for key in release.allocations:
        year = allocation.decided_year(key, release.years)
        paid = rows[(rows["verteilung_id"] == key.id) & (rows["jahr"] == year) & (rows["betrag"] > 0)]
        need = key.need
        kw: dict = {}
        if need is not None and need.kind == allocation.TYPOLOGY:
            typology = next(t for t in release.typologies if t.id == need.source)
            first = release.index(typology.first)
            classes = {r["typ"]: r["klasse_1"] for r in type_rows(typology, {i.id: i for i in release.indices})}
            kw["type_classes"] = classes
            kw["class_labels"] = list(first.classes.labels)
            kw["present"] = {classes[t] for t in paid["bedarf"].dropna() if t in classes}
            kw["colour_title"] = first.short_name
        elif need is not None:
            kw["class_labels"] = list(need.labels)
            kw["present"] = set(paid["bedarf"].dropna().astype(str))
            kw["colour_title"] = release.index(need.source).short_name
        else:
            kw["colour_title"] = ""
        out[routes.allocation_chart(key.id, "betraege")] = charts.allocation_bars(
            key.id, year, name=key.name, names_width=names_width, **kw
        )
    return out


def _classes(
    index: pd.DataFrame, dimensions: pd.DataFrame, areas: list[str], year: int
) -> dict[tuple[str, str | None], set[str]]:
    """The classes each chart of one index shows, so that its legend lists only those.

    `index`/`dimensions`: the index's rows of index_werte and dimension_werte.
    ("map", None) and ("map", dimension): the classes of the year on the index's and a
    dimension's map, and "keine Angabe" if an area has no class there (no row, or no
    value); ("bars", area): its index and dimensions in the year; ("time", area): the
    classes of its index over the years (a year without a value has no point, so no
    legend entry either).
    """
    missing = texts.CHARTS["missing"]

    def labelled(frame: pd.DataFrame) -> pd.DataFrame:
        known = frame["klasse"].notna() & (frame["klasse"].astype(str) != "")
        return frame.assign(label=frame["klasse"].astype(str).where(known, missing), jahr=pd.to_numeric(frame["jahr"]))

    index, dimensions = labelled(index), labelled(dimensions)
    latest_index, latest_dims = index[index["jahr"] == year], dimensions[dimensions["jahr"] == year]
    out: dict[tuple[str, str | None], set[str]] = {}

    def on_map(rows: pd.DataFrame) -> set[str]:
        return set(rows["label"]) | ({missing} if set(rows["sozialraum_id"]) != set(areas) else set())

    out[("map", None)] = on_map(latest_index)
    for dim, rows in latest_dims.groupby("dimension_id", sort=False):
        out[("map", dim)] = on_map(rows)
    for area, rows in pd.concat([latest_index, latest_dims]).groupby("sozialraum_id", sort=False):
        out[("bars", area)] = set(rows["label"])
    for area, rows in index.groupby("sozialraum_id", sort=False):
        out[("time", area)] = set(rows["label"]) - {missing}  # a year without a value draws no point
    return out


def _attention(rows: pd.DataFrame, areas: list[str], year: int) -> set[str]:
    """The legend entries of a typology map (charts.ATTENTION_DOMAIN) in the year: an area
    without a row there, or without a type, is "keine Angabe"."""
    attention, other, missing = charts.ATTENTION_DOMAIN
    latest = rows[pd.to_numeric(rows["jahr"]) == year]
    flags = latest["aufmerksamkeit"]
    present = {attention} if bool(flags.eq(True).any()) else set()
    present |= {other} if bool(flags.eq(False).any()) else set()
    if flags.isna().any() or set(latest["sozialraum_id"]) != set(areas):
        present.add(missing)
    return present


def _marked(spec: dict) -> dict:
    """Every map of synthetic data says so, also when it is printed or shared alone."""
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return {**spec, "title": {"text": text or "", "subtitle": texts.SYNTHETIC_MAP_NOTE, "anchor": "start"}}


def write_all(release: Release, result: Result, data: Path, docs: Path, cache: Cache = OFF) -> dict[str, ChartSize]:
    """Write the TopoJSON, every spec and its SVG into `docs`; `data` is the package folder.

    Returns the size of each chart's SVG by chart id (with the wide one's for a map);
    its files are `CHART_DIR/<id>.vl.json`, `format.picture_path(<id>)` and, for a map,
    `format.picture_path(<id>, wide=True)`.
    """
    urls = {a: routes.url(routes.page(routes.AREAS, a)) for a in release.areas["sozialraum_id"]}
    maps.write_topology(maps.topology(release.areas, urls), docs / maps.TOPOLOGY_PATH)
    year = int(pd.to_numeric(result.indices["jahr"]).max())
    folder = docs / CHART_DIR
    render_dir = docs.parent / ".render"
    try:
        every = specs(release, result, year)
        for chart_id, spec in every.items():
            path = folder / f"{chart_id}.vl.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(spec, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        subject = {chart_id: _subject(chart_id) for chart_id in every}
        roots = _render_roots(render_dir, data, docs, set(subject.values()))
        jobs = []  # (chart id, wide, render job), all in one batch
        for chart_id, spec in every.items():
            root = roots[subject[chart_id]]
            jobs.append((chart_id, False, (spec, root)))
            if chart_id.rsplit("/", 1)[-1] in WIDE:
                jobs.append((chart_id, True, (spec, root, render.WIDE_WIDTH, render.wide_height(spec))))
        sizes, wide = {}, {}
        for (chart_id, is_wide, job), svg in zip(jobs, render.render_many([job for _, _, job in jobs], cache=cache)):
            (docs / picture_path(chart_id, is_wide)).write_text(svg, encoding="utf-8")
            if is_wide:
                wide[chart_id] = (*render.svg_size(svg), job[3])
            else:
                sizes[chart_id] = render.svg_size(svg)
        return {chart_id: ChartSize(*size, wide.get(chart_id)) for chart_id, size in sizes.items()}
    finally:
        shutil.rmtree(render_dir, ignore_errors=True)


def _subject(chart_id: str) -> tuple[str, str]:
    """What a chart is about: the column and value its data are filtered to (an index's
    charts, its dimensions' too, read only that index's rows; an area's charts only the
    area's rows)."""
    kind, subject = routes.chart_subject(chart_id)
    return (SUBJECT_COLUMNS[kind], subject)


def _render_roots(render: Path, data: Path, docs: Path, subjects: set[tuple[str, str]]) -> dict[tuple[str, str], Path]:
    """One folder per subject, laid out like the site root (daten/, assets/), for vl-convert.

    Each chart filters the published tables to its subject anyway; handing the renderer
    only those rows (a table without the subject's column whole) gives the same picture
    many times faster. One pass per table (not one filter per subject), the csv module
    rather than a DataFrame per file, and hard links for whole tables and the TopoJSON keep
    this linear in the number of areas and quick.
    """
    roots = {s: render / f"{s[0]}={s[1]}" for s in subjects}
    for root in roots.values():
        (root / "daten").mkdir(parents=True)
        topo = root / maps.TOPOLOGY_PATH
        topo.parent.mkdir(parents=True)
        _link(docs / maps.TOPOLOGY_PATH, topo)
    columns = {s[0] for s in subjects}
    for table in sorted(data.glob("*.csv")):
        with table.open(newline="", encoding="utf-8") as file:
            header, *rows = csv.reader(file)
        parts: dict[tuple[str, str], list[list[str]]] = {}
        for column in columns & set(header):
            at = header.index(column)
            for row in rows:
                parts.setdefault((column, row[at]), []).append(row)
        for subject, root in roots.items():
            target = root / "daten" / table.name
            if subject[0] not in header:
                _link(table, target)
                continue
            with target.open("w", newline="", encoding="utf-8") as file:
                writer = csv.writer(file, lineterminator="\n")
                writer.writerow(header)
                writer.writerows(parts.get(subject, []))
    return roots


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links
        shutil.copy(source, target)
