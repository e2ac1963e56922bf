"""No file the build writes reveals a small count: not directly, not in another format,
and not by subtracting published cells from a published total."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from sozmon import pipeline, texts
from sozmon.compute import compute

SAMPLE = Path(__file__).resolve().parents[1] / "datapackage"
KEY = ["sozialraum_id", "jahr", "indikator_id"]
TITLES = {title: name for name, (title, _) in texts.FIELDS.items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    repo = SAMPLE.parent
    pipeline.build_site(SAMPLE, out, repo / "docs", repo / "mkdocs.yml")
    release, _ = pipeline.open_release(SAMPLE)
    published = pipeline.results(release).indicator_values
    truth = compute(release).indicator_values
    secret = truth.merge(published.loc[published["gesperrt"], KEY], on=KEY)
    assert len(secret) > 0, "the sample must exercise suppression"
    return out, secret


def _tables(path: Path) -> list[pd.DataFrame]:
    """Every table in a published file, with contract column names."""
    if path.suffix == ".csv":
        return [pd.read_csv(path, dtype=str, keep_default_na=False)]
    if path.suffix == ".xlsx":
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
        return [frame.rename(columns=TITLES) for frame in sheets.values()]
    if path.suffix in (".geojson", ".gpkg"):
        return [pd.DataFrame(gpd.read_file(path).drop(columns="geometry")).astype(str)]
    return []


def _all_files(folder: Path, tmp: Path) -> list[Path]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    for archive in [p for p in files if p.suffix == ".zip"]:
        target = tmp / archive.stem
        zipfile.ZipFile(archive).extractall(target)
        files += [p for p in target.rglob("*") if p.is_file()]
    return files


def test_no_published_cell_shows_a_count_of_one_or_two(built, tmp_path):
    out, _ = built
    checked = 0
    for path in _all_files(out, tmp_path):
        for table in _tables(path):
            if {"zaehler", "jahr"} <= set(table.columns):  # a table of counts, not the catalogue
                counts = pd.to_numeric(table["zaehler"].replace("", None))
                assert not counts.isin([1, 2]).any(), path.name
                checked += 1
    assert checked >= 4  # indikator_werte + gebiete_werte as CSV, in the XLSX and in the ZIP


def test_suppressed_cells_are_empty_in_every_file(built, tmp_path):
    out, secret = built
    keys = set(map(tuple, secret[KEY].astype(str).to_numpy()))
    seen = 0
    for path in _all_files(out, tmp_path):
        for table in _tables(path):
            if not set(KEY) <= set(table.columns):
                continue
            rows = table[table[KEY].astype(str).apply(tuple, axis=1).isin(keys)]
            for column in ("zaehler", "wert", "z_wert"):
                if column in rows:
                    assert (rows[column].astype(str).isin(["", "nan", "None"])).all(), (path.name, column)
            seen += len(rows)
    assert seen >= 3 * len(secret)  # CSV, XLSX and the CSV inside the ZIP


def test_secret_values_appear_in_no_text_file(built, tmp_path):
    out, secret = built
    needles = set()
    for value in secret["wert"].dropna():
        text = f"{round(float(value), 6)}"
        if len(text) > 4:  # long enough not to occur by chance
            needles |= {text, text.replace(".", ",")}
    for path in _all_files(out, tmp_path):
        if path.suffix in (".json", ".jsonld", ".ttl", ".md", ".geojson"):
            content = path.read_text(encoding="utf-8")
            assert not [n for n in needles if n in content], path.name


def test_no_suppressed_count_can_be_recovered_by_subtraction(built):
    """From the published files alone: every sum equation has no or at least two unknowns."""
    out, _ = built
    folder = out / "daten"
    cells = pd.read_csv(folder / "indikator_werte.csv", dtype={"sozialraum_id": str})
    totals = pd.read_csv(folder / "gebiete_werte.csv")
    areas = json.loads((folder / "sozialraeume.geojson").read_text(encoding="utf-8"))
    groups = pd.DataFrame([f["properties"] for f in areas["features"]])
    cells = cells[cells["nur_wert"] == False].merge(groups, on="sozialraum_id")  # noqa: E712
    unknown_cell = cells["zaehler"].isna()
    cells = cells.assign(unknown=unknown_cell)
    totals = totals.assign(unknown=totals["zaehler"].isna())
    single = []
    for level in ("stadtteil", "stadtbezirk"):
        per_group = cells.groupby(["jahr", "indikator_id", level])["unknown"].sum().rename("cells")
        tot = totals[totals["ebene"] == level].set_index(["jahr", "indikator_id", "gebiet"])["unknown"]
        tot.index = tot.index.set_names(["jahr", "indikator_id", level])
        joined = pd.concat([per_group, tot.astype(int).rename("total")], axis=1).dropna()
        single += joined[joined["cells"] + joined["total"] == 1].index.tolist()
    city = cells.groupby(["jahr", "indikator_id"])["unknown"].sum()
    city_total = totals[totals["ebene"] == "stadt"].set_index(["jahr", "indikator_id"])["unknown"].astype(int)
    both = pd.concat([city.rename("cells"), city_total.rename("total")], axis=1).dropna()
    single += both[both["cells"] + both["total"] == 1].index.tolist()
    # Stadtteil totals add up to their Stadtbezirk, and Stadtbezirke to the city.
    nesting = groups[["stadtteil", "stadtbezirk"]].drop_duplicates()
    st = totals[totals["ebene"] == "stadtteil"].merge(nesting, left_on="gebiet", right_on="stadtteil")
    per_bezirk = st.groupby(["jahr", "indikator_id", "stadtbezirk"])["unknown"].sum()
    bz = totals[totals["ebene"] == "stadtbezirk"].set_index(["jahr", "indikator_id", "gebiet"])["unknown"]
    bz.index = bz.index.set_names(["jahr", "indikator_id", "stadtbezirk"])
    joined = pd.concat([per_bezirk.rename("parts"), bz.astype(int).rename("total")], axis=1).dropna()
    single += joined[joined["parts"] + joined["total"] == 1].index.tolist()
    assert single == []


def test_pages_and_search_index_say_gesperrt(built):
    """The area and indicator pages of the latest year show 'gesperrt', never the value."""
    out, secret = built
    site = out / "site"
    latest = int(secret["jahr"].max())
    names = {}
    release, _ = pipeline.open_release(SAMPLE)
    names = dict(zip(release.indicators["indikator_id"], release.indicators["name"]))
    checked = 0
    for row in secret[secret["jahr"] == latest].itertuples():
        html = (site / "sozialraeume" / row.sozialraum_id / "index.html").read_text(encoding="utf-8")
        cells = html.split(f'href="../../indikatoren/{row.indikator_id}/">{names[row.indikator_id]}</a></td>')[1]
        assert cells.split("</td>")[0].endswith("gesperrt"), (row.sozialraum_id, row.indikator_id)
        checked += 1
    assert checked > 0
    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "gesperrt" in search


def test_search_index_leaves_out_the_tables_under_the_charts(built):
    """Material loads the whole search index on a first visit: the numbers under the
    charts (in their pages anyway) stay out of it, the pages and their names stay in."""
    out, _ = built
    index = json.loads((out / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    release, _ = pipeline.open_release(SAMPLE)
    assert all(name in text for name in release.areas["name"])
    assert "Tabelle: Karte" not in text and "Tabelle: Dimensionen" not in text
    assert any(doc["location"] == "sozialraeume/01/" for doc in index["docs"])
