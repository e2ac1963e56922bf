"""Which charts the site has, written as Vega-Lite specs with a static SVG beside each.

Chart ids come from `routes.chart` (`index/karte`, `sozialraeume/<id>/lage`,
`dimensionen/<id>/rangfolge`, `indikatoren/<id>/rangfolge`, …), one folder per kind of
subject, so an indicator that shares its id with a dimension cannot replace the
dimension's chart. A page shows a chart only if its id is among those returned here.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd

from . import charts, maps, render, routes, texts
from .format import ChartSize, picture_path
from .model import TOTAL, Release, Result

CHART_DIR = routes.CHART_DIR
# Up to this many areas a locator map shows the whole city; beyond, the nearest ones.
LOCATOR_AREAS = 60
# The column that a chart's data are filtered to, by the kind of its subject.
SUBJECT_COLUMNS = {routes.AREAS: "sozialraum_id", routes.DIMENSIONS: "dimension_id", routes.INDICATORS: "indikator_id"}
MAPS = ("karte", "lage")  # the charts that say so when their data are synthetic
# The charts that also get a picture for wide screens (render.WIDE_WIDTH): the class and
# value maps, where a reader looks for their own area. Only these: each costs ~0.1 s.
WIDE = ("karte",)


def specs(release: Release, result: Result, year: int) -> dict[str, dict]:
    """Every chart of the site by id (`routes.chart`)."""
    s = release.settings
    city, labels = s.city or "Stadt", list(s.method.classes.labels)
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    dims = dict(zip(release.dimensions["dimension_id"], release.dimensions["name"]))
    classes = _classes(result.index, list(names), year)
    chart, areas, dimensions, indicators = routes.chart, routes.AREAS, routes.DIMENSIONS, routes.INDICATORS
    has_districts = "stadtbezirk" in release.areas and bool(release.areas["stadtbezirk"].notna().any())
    names_width = charts.label_width(names.values())
    out = {
        chart(routes.INDEX_SCOPE, None, "karte"): charts.class_map(
            labels,
            year,
            TOTAL,
            name=s.index_name,
            city=city,
            present=classes.get(("map", TOTAL), set()),
            districts=has_districts,
        )
    }
    nearby = maps.nearby(release.areas, LOCATOR_AREAS) if len(names) > LOCATOR_AREAS else {}
    for area_id, area_name in names.items():
        out[chart(areas, area_id, "lage")] = charts.locator_map(
            area_id, area_name=area_name, city=city, nearby=nearby.get(area_id)
        )
        out[chart(areas, area_id, "dimensionen")] = charts.dimension_bars(
            area_id,
            {**dims, TOTAL: s.index_name},
            year,
            area_name=area_name,
            city=city,
            class_labels=labels,
            present=classes.get(("bars", area_id), set()),
        )
        out[chart(areas, area_id, "verlauf")] = charts.index_over_time(
            area_id,
            area_name=area_name,
            city=city,
            name=s.index_name,
            class_labels=labels,
            present=classes.get(("time", area_id), set()),
        )
    for dim_id, dim_name in dims.items():
        present = classes.get(("map", dim_id), set())
        out[chart(dimensions, dim_id, "karte")] = charts.class_map(
            labels, year, dim_id, name=dim_name, city=city, present=present
        )
        out[chart(dimensions, dim_id, "rangfolge")] = charts.ranking(
            dim_id,
            "index",
            year,
            name=dim_name,
            city=city,
            class_labels=labels,
            names_width=names_width,
            present=present,
            missing=texts.CHARTS["missing"] in present,  # marked "keine Angabe", not a bare row
        )
    values = result.indicator_values
    for ind in release.indicators.itertuples():
        unit = ind.einheit if isinstance(ind.einheit, str) else ""
        # a context indicator (no dimension) is not judged: no direction, neutral charts
        direction = int(ind.richtung) if isinstance(ind.dimension_id, str) else None
        now = values[(values["indikator_id"] == ind.indikator_id) & (values["jahr"] == year)]
        shown = now["wert"].where(~now["gesperrt"].fillna(False).astype(bool)).dropna()
        if shown.nunique() >= 5:
            out[chart(indicators, ind.indikator_id, "karte")] = charts.value_map(
                ind.indikator_id,
                charts.quantile_breaks(shown.to_numpy(dtype=float)),
                name=ind.name,
                unit=unit,
                direction=direction,
                city=city,
                year=year,
                missing=set(now.loc[shown.index, "sozialraum_id"]) != set(names),
            )
        out[chart(indicators, ind.indikator_id, "rangfolge")] = charts.ranking(
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
        city_rows = result.aggregates[
            (result.aggregates["ebene"] == "stadt") & (result.aggregates["indikator_id"] == ind.indikator_id)
        ]
        out[chart(indicators, ind.indikator_id, "verteilung")] = charts.distribution_over_time(
            ind.indikator_id, name=ind.name, unit=unit, city=city, with_city=bool(city_rows["wert"].notna().any())
        )
    if s.synthetic:
        out = {name: _marked(spec) if name.rsplit("/", 1)[-1] in MAPS else spec for name, spec in out.items()}
    return out


def _classes(index: pd.DataFrame, areas: list[str], year: int) -> dict[tuple[str, str], set[str]]:
    """The classes each chart shows, so that its legend lists only those.

    ("map", dimension): the classes of the year, and "keine Angabe" if an area has no
    class there (no row, or no value); ("bars", area): its index and dimensions in the
    year; ("time", area): the classes of its index over the years (a year without a
    value has no point, so no legend entry either).
    """
    missing = texts.CHARTS["missing"]
    known = index["klasse"].notna() & (index["klasse"].astype(str) != "")
    frame = index.assign(label=index["klasse"].astype(str).where(known, missing), jahr=pd.to_numeric(index["jahr"]))
    latest = frame[frame["jahr"] == year]
    out: dict[tuple[str, str], set[str]] = {}
    for dim, rows in latest.groupby("dimension_id", sort=False):
        out[("map", dim)] = set(rows["label"]) | ({missing} if set(rows["sozialraum_id"]) != set(areas) else set())
    for area, rows in latest.groupby("sozialraum_id", sort=False):
        out[("bars", area)] = set(rows["label"])
    for area, rows in frame[frame["dimension_id"] == TOTAL].groupby("sozialraum_id", sort=False):
        out[("time", area)] = set(rows["label"]) - {missing}  # a year without a value draws no point
    return out


def _marked(spec: dict) -> dict:
    """Every map of synthetic data says so, also when it is printed or shared alone."""
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return {**spec, "title": {"text": text or "", "subtitle": texts.SYNTHETIC_MAP_NOTE, "anchor": "start"}}


def write_all(release: Release, result: Result, data: Path, docs: Path) -> dict[str, ChartSize]:
    """Write the TopoJSON, every spec and its SVG into `docs`; `data` is the package folder.

    Returns the size of each chart's SVG by chart id (with the wide one's for a map);
    its files are `CHART_DIR/<id>.vl.json`, `format.picture_path(<id>)` and, for a map,
    `format.picture_path(<id>, wide=True)`.
    """
    urls = {a: routes.url(routes.AREAS, a) for a in release.areas["sozialraum_id"]}
    maps.write_topology(maps.topology(release.areas, urls), docs / maps.TOPOLOGY_PATH)
    year = int(pd.to_numeric(result.index["jahr"]).max())
    folder = docs / CHART_DIR
    tables = {t.name: pd.read_csv(t, dtype=str, keep_default_na=False) for t in data.glob("*.csv")}
    render_dir = docs.parent / ".render"
    try:
        every = specs(release, result, year)
        for chart_id, spec in every.items():
            path = folder / f"{chart_id}.vl.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(spec, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        subject = {chart_id: _subject(chart_id) for chart_id in every}
        roots = _render_roots(render_dir, tables, docs, set(subject.values()))
        jobs = []  # (chart id, wide, render job), all in one batch
        for chart_id, spec in every.items():
            root = roots[subject[chart_id]]
            jobs.append((chart_id, False, (spec, root)))
            if chart_id.rsplit("/", 1)[-1] in WIDE:
                jobs.append((chart_id, True, (spec, root, render.WIDE_WIDTH, render.wide_height(spec))))
        sizes, wide = {}, {}
        for (chart_id, is_wide, job), svg in zip(jobs, render.render_many([job for _, _, job in jobs])):
            (docs / picture_path(chart_id, is_wide)).write_text(svg, encoding="utf-8")
            if is_wide:
                wide[chart_id] = (*render.svg_size(svg), job[3])
            else:
                sizes[chart_id] = render.svg_size(svg)
        return {chart_id: ChartSize(*size, wide.get(chart_id)) for chart_id, size in sizes.items()}
    finally:
        shutil.rmtree(render_dir, ignore_errors=True)


def _subject(chart_id: str) -> tuple[str, str]:
    """What a chart is about: the column and value its data are filtered to (a chart of
    the whole index reads the index rows, dimension `gesamt`, only)."""
    where = routes.chart_subject(chart_id)
    if where is None:
        return ("dimension_id", TOTAL)
    kind, subject = where
    return (SUBJECT_COLUMNS[kind], subject)


def _render_roots(
    render: Path, tables: dict[str, pd.DataFrame], docs: Path, subjects: set[tuple[str, str] | None]
) -> dict[tuple[str, str] | None, Path]:
    """One folder per subject, laid out like the site root (daten/, assets/), for vl-convert.

    Each chart filters the published tables to its subject anyway; handing the renderer
    only those rows gives the same picture many times faster. One pass per table and
    column (not one filter per subject) and a hard link to the TopoJSON keep this linear
    in the number of areas.
    """
    roots = {s: render / (f"{s[0]}={s[1]}" if s else "alle") for s in subjects}
    for root in roots.values():
        (root / "daten").mkdir(parents=True)
        topo = root / maps.TOPOLOGY_PATH
        topo.parent.mkdir(parents=True)
        _link(docs / maps.TOPOLOGY_PATH, topo)
    columns = {s[0] for s in subjects if s}
    for name, frame in tables.items():
        parts = {(c, v): rows for c in columns & set(frame.columns) for v, rows in frame.groupby(c, sort=False)}
        for subject, root in roots.items():
            rows = frame if subject is None or subject[0] not in frame else parts.get(subject, frame.iloc[:0])
            rows.to_csv(root / "daten" / name, index=False)
    return roots


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links
        shutil.copy(source, target)
