"""Which charts the site has, written as Vega-Lite specs with a static SVG beside each.

The chart names are what the pages ask for (`karte_gesamt`, `lage_<id>`, …); a page
shows a chart only if its name is among those returned here.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd

from . import charts, maps, render, texts
from .model import TOTAL, Release, Result

CHART_DIR = "assets/charts"
# Up to this many areas a locator map shows the whole city; beyond, the nearest ones.
LOCATOR_AREAS = 60


def specs(release: Release, result: Result, year: int) -> dict[str, dict]:
    """Every chart of the site by name."""
    s = release.settings
    city, labels = s.city or "Stadt", list(s.method.classes.labels)
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    dims = dict(zip(release.dimensions["dimension_id"], release.dimensions["name"]))
    out = {"karte_gesamt": charts.class_map(labels, year, TOTAL, name=s.index_name, city=city)}
    nearby = maps.nearby(release.areas, LOCATOR_AREAS) if len(names) > LOCATOR_AREAS else {}
    for area_id, area_name in names.items():
        out[f"lage_{area_id}"] = charts.locator_map(area_id, area_name=area_name, city=city,
                                                    nearby=nearby.get(area_id))
        out[f"dimensionen_{area_id}"] = charts.dimension_bars(
            area_id, {**dims, TOTAL: s.index_name}, year, area_name=area_name, city=city, class_labels=labels)
        out[f"verlauf_{area_id}"] = charts.index_over_time(
            area_id, area_name=area_name, city=city, name=s.index_name, class_labels=labels)
    for dim_id, dim_name in dims.items():
        out[f"karte_{dim_id}"] = charts.class_map(labels, year, dim_id, name=dim_name, city=city)
        out[f"rangfolge_{dim_id}"] = charts.ranking(dim_id, "index", year, name=dim_name, city=city,
                                                   class_labels=labels)
    values = result.indicator_values
    for ind in release.indicators.itertuples():
        unit = ind.einheit if isinstance(ind.einheit, str) else ""
        now = values[(values["indikator_id"] == ind.indikator_id) & (values["jahr"] == year)]
        shown = now["wert"].where(~now["gesperrt"].fillna(False).astype(bool)).dropna()
        if shown.nunique() >= 5:
            out[f"karte_{ind.indikator_id}"] = charts.value_map(
                ind.indikator_id, charts.quantile_breaks(shown.to_numpy(dtype=float)), name=ind.name,
                unit=unit, direction=int(ind.richtung), city=city, year=year)
        out[f"rangfolge_{ind.indikator_id}"] = charts.ranking(
            ind.indikator_id, "indicator", year, name=ind.name, city=city, unit=unit, direction=int(ind.richtung))
        city_rows = result.aggregates[(result.aggregates["ebene"] == "stadt")
                                      & (result.aggregates["indikator_id"] == ind.indikator_id)]
        out[f"verteilung_{ind.indikator_id}"] = charts.distribution_over_time(
            ind.indikator_id, name=ind.name, unit=unit, city=city, with_city=bool(city_rows["wert"].notna().any()))
    if s.synthetic:
        out = {name: _marked(spec) if name.startswith(("karte_", "lage_")) else spec
               for name, spec in out.items()}
    return out


def _marked(spec: dict) -> dict:
    """Every map of synthetic data says so, also when it is printed or shared alone."""
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return {**spec, "title": {"text": text or "", "subtitle": texts.SYNTHETIC_MAP_NOTE, "anchor": "start"}}


def write_all(release: Release, result: Result, data: Path, docs: Path) -> dict[str, tuple[int, int]]:
    """Write the TopoJSON, every spec and its SVG into `docs`; `data` is the package folder.

    Returns the size of each chart's SVG by name.
    """
    topo = maps.topology(release.areas, {a: f"sozialraeume/{a}/" for a in release.areas["sozialraum_id"]})
    maps.write_topology(topo, docs / maps.TOPOLOGY_PATH)
    year = int(pd.to_numeric(result.index["jahr"]).max())
    folder = docs / CHART_DIR
    folder.mkdir(parents=True, exist_ok=True)
    tables = {t.name: pd.read_csv(t, dtype=str, keep_default_na=False) for t in data.glob("*.csv")}
    subjects = _subjects(release)
    render_dir = docs.parent / ".render"
    try:
        every = specs(release, result, year)
        for name, spec in every.items():
            (folder / f"{name}.vl.json").write_text(json.dumps(spec, ensure_ascii=False, sort_keys=True),
                                                    encoding="utf-8")
        subject = {name: subjects.get(name.split("_", 1)[1]) for name in every}
        roots = _render_roots(render_dir, tables, docs, set(subject.values()))
        jobs = {name: (spec, roots[subject[name]]) for name, spec in every.items()}
        sizes = {}
        for name, svg in zip(jobs, render.render_many(list(jobs.values()))):
            (folder / f"{name}.svg").write_text(svg, encoding="utf-8")
            sizes[name] = render.svg_size(svg)
        return sizes
    finally:
        shutil.rmtree(render_dir, ignore_errors=True)


def _subjects(release: Release) -> dict[str, tuple[str, str]]:
    """What each chart is about: the column and value its data are filtered to."""
    out = {a: ("sozialraum_id", a) for a in release.areas["sozialraum_id"]}
    out.update({d: ("dimension_id", d) for d in [*release.dimensions["dimension_id"], TOTAL]})
    out.update({i: ("indikator_id", i) for i in release.indicators["indikator_id"]})
    return out


def _render_roots(render: Path, tables: dict[str, pd.DataFrame], docs: Path,
                  subjects: set[tuple[str, str] | None]) -> dict[tuple[str, str] | None, Path]:
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
