"""No file the build writes reveals a small count: not directly, not in another format,
not by subtracting published cells from a published total, and not through another
indicator that publishes the same count (the same definition in the catalogue)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import factory
import geopandas as gpd
import pandas as pd
import pytest
from test_disclosure import check_none_determined, check_tables

from sozmon import pipeline, texts
from sozmon.compute import compute
from tests.conftest import CACHE

SAMPLE = Path(__file__).resolve().parents[1] / "datapackage"
KEY = ["sozialraum_id", "jahr", "indikator_id"]
# A column's title in the XLSX → its name; a title shared by a field's own meaning and a
# variant (`Field.meaning`, e.g. the street directory's "Sozialraum-ID") is the field's.
TITLES: dict[str, str] = {}
for _name, (_title, _) in texts.FIELDS.items():
    TITLES.setdefault(_title, _name)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    repo = SAMPLE.parent
    pipeline.build_site(SAMPLE, out, repo / "docs", repo / "mkdocs.yml", cache=CACHE)
    secret = _secret(SAMPLE)
    assert len(secret) > 0, "the sample must exercise suppression"
    return out, secret


@pytest.fixture(scope="module")
def shared_built(tmp_path_factory):
    """The data package of a release whose indicators share a count (factory.shared_counts)."""
    data = factory.write(factory.shared_counts(), tmp_path_factory.mktemp("shared") / "release")
    out = tmp_path_factory.mktemp("shared_out") / "build"
    pipeline.build(data, out)
    return out, _secret(data)


def test_a_count_shared_with_a_withheld_zaehler_is_withheld_as_nenner(shared_built):
    # factory.shared_counts, 2021: area 03 has 2 children under 15 (kinder's zaehler,
    # sgb2_kinder's nenner); Nord = 01 + 02 + 03 takes 02 (44), kinder_hh's Nord = 01 + 03
    # takes 01 (58): each of the three is blank wherever it is published.
    out, secret = shared_built
    withheld = secret[secret["jahr"] == 2021]
    assert set(zip(withheld["indikator_id"], withheld["sozialraum_id"], withheld["nenner_leer"])) == {
        ("kinder", "01", False),
        ("kinder", "02", False),
        ("kinder", "03", False),
        ("kinder_hh", "01", False),
        ("kinder_hh", "03", False),
        ("sgb2_kinder", "01", True),
        ("sgb2_kinder", "02", True),
        ("sgb2_kinder", "03", True),
    }
    assert not withheld.loc[withheld["indikator_id"] == "sgb2_kinder", "zaehler_leer"].any()
    assert (secret["jahr"] == 2021).all()


def _secret(data: Path) -> pd.DataFrame:
    """The true rows of every withheld cell, and which of its counts is published blank."""
    release, _ = pipeline.open_release(data)
    published = pipeline.results(release).indicator_values
    truth = compute(release).indicator_values
    withheld = published.loc[published["gesperrt"], KEY].assign(
        zaehler_leer=published.loc[published["gesperrt"], "zaehler"].isna(),
        nenner_leer=published.loc[published["gesperrt"], "nenner"].isna(),
    )
    return truth.merge(withheld, on=KEY)


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


@pytest.mark.parametrize("release", ["sample", "shared"])
def test_suppressed_cells_are_empty_in_every_file(release, request, tmp_path):
    out, secret = request.getfixturevalue("built" if release == "sample" else "shared_built")
    blank = {
        column: set(map(tuple, secret.loc[secret[f"{column}_leer"], KEY].astype(str).to_numpy()))
        for column in ("zaehler", "nenner")
    }
    keys = set(map(tuple, secret[KEY].astype(str).to_numpy()))
    assert all(k in blank["zaehler"] or k in blank["nenner"] for k in keys)
    seen = 0
    for path in _all_files(out, tmp_path):
        for table in _tables(path):
            if not set(KEY) <= set(table.columns):
                continue
            rows = table[table[KEY].astype(str).apply(tuple, axis=1).isin(keys)]
            row_keys = rows[KEY].astype(str).apply(tuple, axis=1)
            for column in ("zaehler", "nenner", "wert", "z_wert"):
                if column in rows:
                    hit = row_keys.isin(blank[column]) if column in blank else row_keys == row_keys
                    shown = rows.loc[hit, column].astype(str)
                    assert shown.isin(["", "nan", "None", "<NA>"]).all(), (path.name, column)
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


@pytest.mark.parametrize("release", ["sample", "shared"])
def test_no_suppressed_count_can_be_recovered_by_subtraction(release, request):
    """From the published files alone, each count linked across indicators by its
    definition in the published catalogue: no sum equation has exactly one unknown, no
    withheld count follows from any combination of them, and no count of a trait shows
    a small number anywhere (as zaehler, as nenner, or through a value)."""
    out, _ = request.getfixturevalue("built" if release == "sample" else "shared_built")
    folder = out / "daten"
    cells = pd.read_csv(folder / "indikator_werte.csv", dtype={"sozialraum_id": str, "indikator_id": str})
    totals = pd.read_csv(folder / "gebiete_werte.csv", dtype={"gebiet": str, "indikator_id": str})
    catalogue = pd.read_csv(folder / "indikatoren.csv", dtype=str, keep_default_na=False)
    catalogue["faktor"] = catalogue["faktor"].astype(float)
    areas = json.loads((folder / "sozialraeume.geojson").read_text(encoding="utf-8"))
    groups = pd.DataFrame([f["properties"] for f in areas["features"]])
    assert cells["gesperrt"].dtype == bool and cells["nur_wert"].dtype == bool
    assert check_tables(cells, totals, groups, catalogue) > 0
    check_none_determined(cells, totals, groups, catalogue)


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
