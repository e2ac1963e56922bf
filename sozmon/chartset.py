"""Which charts the site has, written as Vega-Lite specs with a static SVG beside each.

The chart names are what the pages ask for (`karte_gesamt`, `lage_<id>`, …); a page
shows a chart only if its name is in the set returned here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from . import charts, maps, texts
from .model import TOTAL, Release, Result

CHART_DIR = "assets/charts"


def specs(release: Release, result: Result, year: int) -> dict[str, dict]:
    """Every chart of the site by name."""
    s = release.settings
    city, labels = s.city or "Stadt", list(s.method.classes.labels)
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    dims = dict(zip(release.dimensions["dimension_id"], release.dimensions["name"]))
    out = {"karte_gesamt": charts.class_map(labels, year, TOTAL, name=s.index_name, city=city)}
    for area_id, area_name in names.items():
        out[f"lage_{area_id}"] = charts.locator_map(area_id, area_name=area_name, city=city)
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
        out[f"verteilung_{ind.indikator_id}"] = charts.distribution_over_time(
            ind.indikator_id, name=ind.name, unit=unit, city=city)
    if s.synthetic:
        out = {name: _marked(spec) if name.startswith(("karte_", "lage_")) else spec
               for name, spec in out.items()}
    return out


def _marked(spec: dict) -> dict:
    """Every map of synthetic data says so, also when it is printed or shared alone."""
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return {**spec, "title": {"text": text or "", "subtitle": texts.SYNTHETIC_MAP_NOTE, "anchor": "start"}}


def write_all(release: Release, result: Result, data: Path, docs: Path) -> set[str]:
    """Write the TopoJSON, every spec and its SVG into `docs`; `data` is the package folder."""
    topo = maps.topology(release.areas, {a: f"sozialraeume/{a}/" for a in release.areas["sozialraum_id"]})
    maps.write_topology(topo, docs / maps.TOPOLOGY_PATH)
    year = int(pd.to_numeric(result.index["jahr"]).max())
    folder = docs / CHART_DIR
    folder.mkdir(parents=True, exist_ok=True)
    root = _render_root(data, docs)
    try:
        written = set()
        for name, spec in specs(release, result, year).items():
            (folder / f"{name}.vl.json").write_text(json.dumps(spec, ensure_ascii=False, sort_keys=True),
                                                    encoding="utf-8")
            (folder / f"{name}.svg").write_text(charts.render_svg(spec, root), encoding="utf-8")
            written.add(name)
        return written
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _render_root(data: Path, docs: Path) -> Path:
    """A folder laid out like the site root (daten/, assets/) for the static renderer."""
    root = docs.parent / ".render"
    (root / "daten").mkdir(parents=True, exist_ok=True)
    for table in data.glob("*.csv"):
        shutil.copy(table, root / "daten" / table.name)
    topo = root / maps.TOPOLOGY_PATH
    topo.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(docs / maps.TOPOLOGY_PATH, topo)
    return root
