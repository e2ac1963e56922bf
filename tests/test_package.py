"""The published open data package, as a journalist or a GIS user receives it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
from frictionless import validate

from sozmon import pipeline
from tools.synthetic_release import write_release

SAMPLE = Path(__file__).resolve().parents[1] / "datapackage"


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    pipeline.build(SAMPLE, out)
    return out / "daten"


@pytest.fixture(scope="module")
def other_out(tmp_path_factory):
    base = tmp_path_factory.mktemp("anders")
    data = write_release(base / "release", n_areas=17, dimensions={"x": 2, "y": 3},
                         years=range(2010, 2013), id_prefix="007-", groups=False)
    pipeline.build(data, base / "out")
    return base / "out" / "daten"


def _descriptor(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("which", ["sample_out", "other_out"])
def test_package_passes_frictionless_validation(which, request):
    folder = request.getfixturevalue(which)
    report = validate(str(folder / "datapackage.json"), type="package")
    assert report.flatten(["rowNumber", "fieldName", "type", "note"]) == []
    assert report.valid


def test_descriptor_is_explicit_and_complete(sample_out):
    d = _descriptor(sample_out)
    release = json.loads((SAMPLE / "datapackage.json").read_text(encoding="utf-8"))
    assert (d["version"], d["created"]) == (release["version"], release["created"])
    assert "synthetische" in d["title"].lower() and "synthetisch" in d["description"].lower()
    assert d["licenses"][0]["title"] == "Datenlizenz Deutschland – Namensnennung – Version 2.0"
    assert d["contributors"][0]["role"] == "publisher" and d["sources"]
    names = {r["name"]: r for r in d["resources"]}
    assert set(names) == {"sozialraeume", "indikator_werte", "index", "gebiete_werte", "indikatoren",
                          "dimensionen", "aenderungen"}
    for name, resource in names.items():
        assert resource["path"].startswith(name + "."), "one file per resource, named after it"
        assert resource["title"] and resource["description"]
        for field in resource.get("schema", {}).get("fields", []):
            assert field["type"] and field["title"] and field["description"], (name, field["name"])
    ids = {f["name"]: f["type"] for f in names["indikator_werte"]["schema"]["fields"]}
    assert ids["sozialraum_id"] == "string"
    assert names["index"]["schema"]["primaryKey"] == ["sozialraum_id", "jahr", "dimension_id"]


def test_journalist_reads_the_csv_with_pandas(sample_out):
    # What the data page will tell them: ids as text, then filter and pivot.
    values = pd.read_csv(sample_out / "indikator_werte.csv", dtype={"sozialraum_id": str})
    assert values["sozialraum_id"].str.len().eq(2).all()
    sgb = values.query("indikator_id == 'sgb2_u15' and jahr == 2024")
    assert len(sgb) == 40
    shown = sgb.dropna(subset=["zaehler"])
    assert (shown["wert"] - shown["zaehler"] / shown["nenner"] * 100).abs().max() < 1e-5
    city = pd.read_csv(sample_out / "gebiete_werte.csv").query(
        "ebene == 'stadt' and indikator_id == 'sgb2_u15' and jahr == 2024")
    assert len(city) == 1 and 35 < city["wert"].iloc[0] < 46


def test_changelog_is_part_of_the_package(sample_out):
    assert (sample_out / "aenderungen.md").read_text(encoding="utf-8") == (
        SAMPLE / "aenderungen.md").read_text(encoding="utf-8")


def test_xlsx_has_an_explanation_and_a_sheet_per_table(sample_out):
    [path] = sample_out.glob("*.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["Erläuterung", "Indikatorwerte", "Index", "Gebietswerte",
                               "Indikatoren", "Dimensionen", "Sozialräume"]
    intro = {row[0]: row[1] for row in book["Erläuterung"].iter_rows(values_only=True) if row[0]}
    assert "synthetisch" in intro["Beschreibung"].lower() or "synthetisch" in intro["Titel"].lower()
    assert "Datenlizenz Deutschland" in intro["Lizenz"] and intro["Zitierhinweis"]
    index = pd.read_excel(path, sheet_name="Index", dtype={"Sozialraum-ID": str})
    csv = pd.read_csv(sample_out / "index.csv", dtype={"sozialraum_id": str})
    assert list(index.columns[:3]) == ["Sozialraum-ID", "Jahr", "Dimensions-ID"]
    assert index["Sozialraum-ID"].tolist() == csv["sozialraum_id"].tolist()
    assert index["Wert"].fillna(99).round(6).tolist() == csv["wert"].fillna(99).round(6).tolist()
    cell = book["Index"]["D2"]
    assert cell.number_format == "#,##0.0##"


def test_geopackage_and_geojson_with_the_latest_index(sample_out):
    gpkg = gpd.read_file(sample_out / "sozialraeume_index.gpkg")
    geojson = gpd.read_file(sample_out / "sozialraeume_index.geojson")
    for frame in (gpkg, geojson):
        assert len(frame) == 40 and frame.crs.to_epsg() == 4326
        assert set(frame["jahr"]) == {2024}
        assert {"gesamt_wert", "gesamt_klasse", "gesamt_rang", "wirtschaft_klasse"} <= set(frame.columns)
    index = pd.read_csv(sample_out / "index.csv", dtype={"sozialraum_id": str}).query(
        "jahr == 2024 and dimension_id == 'gesamt'").set_index("sozialraum_id")
    merged = gpkg.set_index("sozialraum_id")
    assert merged["gesamt_klasse"].fillna("-").to_dict() == index["klasse"].fillna("-").to_dict()


def test_zip_holds_the_whole_package(sample_out, tmp_path):
    [path] = sample_out.glob("*.zip")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path)
    assert {"datapackage.json", "indikator_werte.csv", "index.csv", "sozialraeume.geojson",
            "aenderungen.md"} <= names
    assert validate(str(tmp_path / "datapackage.json"), type="package").valid


def test_two_builds_give_identical_bytes(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    pipeline.build(SAMPLE, first)
    pipeline.build(SAMPLE, second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_other_shape_without_groups(other_out):
    values = pd.read_csv(other_out / "indikator_werte.csv", dtype={"sozialraum_id": str})
    assert values["sozialraum_id"].str.startswith("007-").all()
    levels = set(pd.read_csv(other_out / "gebiete_werte.csv")["ebene"])
    assert levels == {"stadt"}


def test_dcat_lists_every_published_file(sample_out):
    from rdflib import Graph
    from rdflib.namespace import DCAT

    graph = Graph().parse(sample_out / "dcat.ttl", format="turtle")
    urls = {str(o).rsplit("/", 1)[-1] for o in graph.objects(None, DCAT.downloadURL)}
    published = {p.name for p in sample_out.iterdir() if not p.name.startswith("dcat.")}
    assert urls == published
    assert len(set(graph.subjects(None, DCAT.Dataset))) <= 1


def test_other_shape_has_every_download_and_no_small_count(other_out):
    from rdflib import Graph

    [xlsx] = other_out.glob("*.xlsx")
    sheets = pd.read_excel(xlsx, sheet_name=None)
    assert list(sheets)[0] == "Erläuterung" and len(sheets["Index"]) == 17 * 3 * 3
    assert len(gpd.read_file(other_out / "sozialraeume_index.gpkg")) == 17
    assert len(Graph().parse(other_out / "dcat.ttl", format="turtle")) > 50
    for name in ("indikator_werte.csv", "gebiete_werte.csv"):
        counts = pd.read_csv(other_out / name)["zaehler"]
        assert not counts.isin([1, 2]).any(), name
    values = pd.read_csv(other_out / "indikator_werte.csv")
    assert values["gesperrt"].any(), "the generated release must exercise suppression"
