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

from sozmon import package, pipeline, texts
from tests import factory
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
    data = write_release(
        base / "release",
        n_areas=17,
        dimensions={"x": 2, "y": 3},
        years=range(2010, 2013),
        id_prefix="007-",
        groups=False,
    )
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
    assert set(names) == {
        "sozialraeume",
        "indikator_werte",
        "index",
        "gebiete_werte",
        "indikatoren",
        "dimensionen",
        "aenderungen",
    }
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
        "ebene == 'stadt' and indikator_id == 'sgb2_u15' and jahr == 2024"
    )
    assert len(city) == 1 and 35 < city["wert"].iloc[0] < 46


def test_changelog_is_part_of_the_package(sample_out):
    assert (sample_out / "aenderungen.md").read_text(encoding="utf-8") == (SAMPLE / "aenderungen.md").read_text(
        encoding="utf-8"
    )


def test_xlsx_has_an_explanation_an_overview_and_a_sheet_per_table(sample_out):
    [path] = sample_out.glob("*.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == [
        "Erläuterung",
        "Übersicht",
        "Indikatorwerte",
        "Index",
        "Gebietswerte",
        "Indikatoren",
        "Dimensionen",
        "Sozialräume",
    ]
    intro = {row[0]: row[1] for row in book["Erläuterung"].iter_rows(values_only=True) if row[0]}
    assert "synthetisch" in intro["Beschreibung"].lower() or "synthetisch" in intro["Titel"].lower()
    assert "Datenlizenz Deutschland" in intro["Lizenz"] and intro["Zitierhinweis"]
    # the workbook has no geometry: the sheet must not promise boundaries, but say where they are
    assert "nicht in dieser Arbeitsmappe" in intro["Sozialräume"] and "sozialraeume.geojson" in intro["Sozialräume"]
    notes = [row[1] for row in book["Erläuterung"].iter_rows(values_only=True)]
    assert "Rang" in intro["Übersicht"] and any("CSV-Dateien" in str(n) for n in notes)
    index = pd.read_excel(path, sheet_name="Index", dtype={"Sozialraum-ID": str})
    csv = pd.read_csv(sample_out / "index.csv", dtype={"sozialraum_id": str})
    assert list(index.columns[:5]) == ["Sozialraum-ID", "Sozialraum", "Jahr", "Dimensions-ID", "Dimension"]
    assert index["Sozialraum-ID"].tolist() == csv["sozialraum_id"].tolist()
    assert index["Wert (standardisiert)"].fillna(99).tolist() == csv["wert"].fillna(99).tolist()  # full precision


def _table_sheets(book):
    return [s for s in book.worksheets if s.title != "Erläuterung"]


def test_xlsx_puts_names_beside_ids_and_rounds_only_the_display(sample_out):
    [path] = sample_out.glob("*.xlsx")
    book = openpyxl.load_workbook(path)
    areas = gpd.read_file(sample_out / "sozialraeume.geojson").set_index("sozialraum_id")["name"]
    dims = pd.read_csv(sample_out / "dimensionen.csv").set_index("dimension_id")["name"]
    inds = pd.read_csv(sample_out / "indikatoren.csv").set_index("indikator_id")
    values = pd.read_csv(sample_out / "indikator_werte.csv", dtype={"sozialraum_id": str})

    sheet = book["Indikatorwerte"]
    head = [c.value for c in sheet[1]]
    assert head[:6] == ["Sozialraum-ID", "Sozialraum", "Jahr", "Indikator-ID", "Indikator", "Einheit"]
    for row in sheet.iter_rows(min_row=2, max_row=60):
        area, name, _, ind, ind_name, unit = (c.value for c in row[:6])
        assert (name, ind_name, unit) == (areas[area], inds.loc[ind, "name"], inds.loc[ind, "einheit"])
    wert = head.index("Wert")
    first = values.iloc[0]  # Altstadt 2018 alleinerziehende: 359 / 1155 × 100 = 31.0822…
    cell = sheet.cell(row=2, column=wert + 1)
    assert cell.number_format == "#,##0.0" and cell.value == first["wert"]
    assert abs(cell.value - 359 / 1155 * 100) < 1e-6 and cell.value != round(cell.value, 1)
    assert sheet.cell(row=2, column=head.index("z-Wert") + 1).number_format == "0.00"

    sheet = book["Index"]
    head = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2, max_row=13):
        assert row[1].value == areas[row[0].value] and row[4].value == dims[row[3].value]
    assert sheet.cell(row=2, column=head.index("Wert (standardisiert)") + 1).number_format == "0.00"
    assert sheet.cell(row=2, column=head.index("Abdeckung") + 1).number_format == "0%"

    sheet = book["Indikatoren"]
    head = [c.value for c in sheet[1]]
    assert head[:4] == ["Indikator-ID", "Name", "Dimensions-ID", "Dimension"]
    by_id = {r[0]: r[3] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert by_id["sgb2_u15"] == dims["wirtschaft"]
    assert by_id["auslaender"] == "Kontextindikator (nicht im Index)"  # no dimension: context

    for sheet in _table_sheets(book):
        header = int(sheet.freeze_panes[1:]) - 1
        assert sheet.auto_filter.ref == f"A{header}:{sheet.cell(header, sheet.max_column).column_letter}{sheet.max_row}"
        assert all(c.value for c in sheet[header]), sheet.title


def test_xlsx_overview_ranks_the_latest_index(sample_out):
    [path] = sample_out.glob("*.xlsx")
    sheet = openpyxl.load_workbook(path)["Übersicht"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Partizipation von Kindern 2024: alle Sozialräume nach Rang"
    assert rows[1][0].startswith("Rang 1 = geringste Teilhabechancen.")
    assert "(2023)" in rows[2][0] and "nicht der Lebensbedingungen" in rows[2][0]
    assert list(rows[3]) == [
        "Rang",
        "Sozialraum-ID",
        "Sozialraum",
        "Stadtteil",
        "Stadtbezirk",
        "Index",
        "Klasse (Teilhabechancen)",
        "Veränderung zum Vorjahr",
    ]
    assert sheet.freeze_panes == "A5" and sheet.auto_filter.ref == "A4:H44"
    table = pd.DataFrame(rows[4:], columns=rows[3])
    index = pd.read_csv(sample_out / "index.csv", dtype={"sozialraum_id": str}).query(
        "jahr == 2024 and dimension_id == 'gesamt'"
    )
    areas = gpd.read_file(sample_out / "sozialraeume.geojson")
    assert len(table) == len(areas) == 40
    ranked = table.dropna(subset=["Rang"])
    assert ranked["Rang"].tolist() == sorted(ranked["Rang"]) and ranked["Rang"].iloc[0] == 1
    assert table["Rang"].isna().sum() == index["rang"].isna().sum() + 40 - len(index)
    assert table["Rang"].iloc[len(ranked) :].isna().all(), "areas without a value come last"
    expected = index.merge(areas, on="sozialraum_id").set_index("sozialraum_id")
    for _, row in ranked.iterrows():
        want = expected.loc[row["Sozialraum-ID"]]
        assert (row["Sozialraum"], row["Stadtteil"], row["Stadtbezirk"], row["Klasse (Teilhabechancen)"]) == (
            want["name"],
            want["stadtteil"],
            want["stadtbezirk"],
            want["klasse"],
        )
        assert (row["Index"], row["Rang"], row["Veränderung zum Vorjahr"]) == (
            want["wert"],
            want["rang"],
            want["veraenderung_vorjahr"],
        )
    lowest = expected.loc[ranked["Sozialraum-ID"].iloc[0], "wert"]
    assert lowest == index["wert"].min(), "rank 1 is the lowest index"
    formats = [c.number_format for c in next(sheet.iter_rows(min_row=5, max_row=5))]
    assert formats[0] == "0" and formats[5] == "0.00" and formats[7] == "+0.00;-0.00;0.00"


FORMULA_STARTS = ['=HYPERLINK("http://x","klick")', "+1", "-1+2", "@SUM(A1)"]


def test_xlsx_holds_every_release_text_as_text_never_as_a_formula(tmp_path):
    def hostile(spec):
        for area, name in zip(spec["areas"], FORMULA_STARTS):
            area["name"] = name
        spec["areas"][0]["stadtteil"] = "=1+1"
        spec["areas"][3]["stadtbezirk"] = "\tTab"
        spec["dimensions"][0]["name"] = "=Arbeit()"
        spec["dimensions"][1]["beschreibung"] = "=cmd|' /C calc'!A0"
        spec["indicators"][0].update(name="+SGB", einheit="=%", quelle="@Quelle", zaehler="-Zähler")
        spec["settings"]["publication"]["publisher"] = "=Amt"  # the citation then starts with "="

    data = factory.release(tmp_path, hostile)
    pipeline.build(data, tmp_path / "out")
    [path] = (tmp_path / "out" / "daten").glob("*.xlsx")
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name)
                assert b"<f>" not in xml and b"<f " not in xml, name
    book = openpyxl.load_workbook(path)
    texts = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    assert (
        set(FORMULA_STARTS) | {"=1+1", "\tTab", "=Arbeit()", "=cmd|' /C calc'!A0", "+SGB", "=%", "@Quelle", "-Zähler"}
        <= texts
    )
    assert any(t.startswith("=Amt: ") for t in texts)
    overview = [r[2] for r in book["Übersicht"].iter_rows(min_row=5, values_only=True)]
    assert sorted(overview) == sorted(FORMULA_STARTS)
    # CSV and GeoJSON keep the exact data
    areas = gpd.read_file(tmp_path / "out" / "daten" / "sozialraeume.geojson")
    assert sorted(areas["name"]) == sorted(FORMULA_STARTS)


def test_downloads_come_in_the_order_people_want_them(sample_out):
    descriptor = _descriptor(sample_out)
    files = sorted(p for p in sample_out.iterdir() if p.is_file())
    rows = package.downloads(descriptor, files)
    name = descriptor["name"]
    assert [d["path"] for d in rows] == [
        f"{name}.xlsx",
        f"{name}.zip",
        "indikator_werte.csv",
        "index.csv",
        "gebiete_werte.csv",
        "indikatoren.csv",
        "dimensionen.csv",
        "sozialraeume_index.geojson",
        "sozialraeume_index.gpkg",
        "sozialraeume.geojson",
        "aenderungen.md",
        "datapackage.json",
        "dcat.ttl",
        "dcat.jsonld",
    ]
    assert [d["group"] for d in rows] == ["excel"] + ["tabellen"] * 6 + ["geodaten"] * 3 + ["metadaten"] * 4
    for d in rows:
        assert d["title"] and d["description"] and d["title"] != d["path"], d
        assert d["bytes"] == len((sample_out / d["path"]).read_bytes()) > 0
    media = {d["path"]: d["media_type"] for d in rows}
    assert (media["dcat.ttl"], media["dcat.jsonld"]) == ("text/turtle", "application/ld+json")
    assert "Excel" in rows[0]["description"]
    assert set(texts.DOWNLOAD_GROUPS) == {d["group"] for d in rows}


def test_geopackage_and_geojson_with_the_latest_index(sample_out):
    gpkg = gpd.read_file(sample_out / "sozialraeume_index.gpkg")
    geojson = gpd.read_file(sample_out / "sozialraeume_index.geojson")
    for frame in (gpkg, geojson):
        assert len(frame) == 40 and frame.crs.to_epsg() == 4326
        assert set(frame["jahr"]) == {2024}
        assert {"gesamt_wert", "gesamt_klasse", "gesamt_rang", "wirtschaft_klasse"} <= set(frame.columns)
    index = (
        pd.read_csv(sample_out / "index.csv", dtype={"sozialraum_id": str})
        .query("jahr == 2024 and dimension_id == 'gesamt'")
        .set_index("sozialraum_id")
    )
    merged = gpkg.set_index("sozialraum_id")
    assert merged["gesamt_klasse"].fillna("-").to_dict() == index["klasse"].fillna("-").to_dict()


def test_zip_holds_the_whole_package(sample_out, tmp_path):
    [path] = sample_out.glob("*.zip")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path)
    assert {"datapackage.json", "indikator_werte.csv", "index.csv", "sozialraeume.geojson", "aenderungen.md"} <= names
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
    from rdflib.namespace import DCAT, DCTERMS, RDF

    graph = Graph().parse(sample_out / "dcat.ttl", format="turtle")
    urls = {str(o).rsplit("/", 1)[-1] for o in graph.objects(None, DCAT.downloadURL)}
    published = {p.name for p in sample_out.iterdir() if not p.name.startswith("dcat.")}
    assert urls == published
    for dist in graph.subjects(RDF.type, DCAT.Distribution):
        [title], [description] = graph.objects(dist, DCTERMS.title), graph.objects(dist, DCTERMS.description)
        assert title.language == description.language == "de"
        assert str(title) not in published and str(description), dist
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


# --- the output contract, declared once (sozmon/contract.py) --------------------------


def test_published_files_match_the_contract_and_its_dictionary(sample_out):
    from sozmon import contract

    d = _descriptor(sample_out)
    schemas = {r["name"]: r.get("schema", {}) for r in d["resources"]}
    tables = {t.name: t for t in contract.dictionary()}
    assert list(tables) == ["sozialraeume", "indikator_werte", "index", "gebiete_werte", "indikatoren", "dimensionen"]
    for name, table in tables.items():
        published = [(f["name"], f["title"], f["type"], f["description"]) for f in schemas[name]["fields"]]
        assert published == [(c.name, c.title, c.type, c.meaning) for c in table.columns], name
        if table.path.endswith(".csv"):
            header = (sample_out / table.path).read_text(encoding="utf-8").split("\n", 1)[0]
            assert header.split(",") == [c.name for c in table.columns], name
    geo = json.loads((sample_out / "sozialraeume.geojson").read_text(encoding="utf-8"))
    assert list(geo["features"][0]["properties"]) == [c.name for c in tables["sozialraeume"].columns]


def test_each_column_says_what_it_means_in_its_own_table():
    from sozmon import contract

    meaning = {(t.name, c.name): c.meaning for t in contract.dictionary() for c in t.columns}
    # a score of the index is no ratio of counts, and 0 is the mean of the areas
    assert "Zähler" not in meaning[("index", "wert")]
    assert "Mittel der Sozialräume" in meaning[("index", "wert")]
    assert meaning[("indikator_werte", "wert")].startswith("Zähler / Nenner")
    # change of year-standardised scores is a change of position, not of living conditions
    for column in ("veraenderung_vorjahr", "veraenderung_basisjahr"):
        assert "relativen Lage" in meaning[("index", column)]
    assert "Kontextindikatoren" in meaning[("indikator_werte", "im_index")]
    assert "nie im Index" in meaning[("indikator_werte", "im_index")]
    # in the catalogue, zaehler and nenner are definitions, not counts
    assert meaning[("indikatoren", "zaehler")] != meaning[("indikator_werte", "zaehler")]
    # titles are unique within a table (the XLSX uses them as column headers)
    for table in contract.dictionary():
        titles = [c.title for c in table.columns]
        assert len(titles) == len(set(titles)), table.name


def test_chart_formats_read_ids_as_text_and_every_number_as_a_number():
    from sozmon import contract

    index = contract.vega_format("index")
    assert index["type"] == "csv"
    assert index["parse"] == {
        "sozialraum_id": "string",
        "jahr": "number",
        "dimension_id": "string",
        "wert": "number",
        "klasse": "string",
        "rang": "number",
        "abdeckung": "number",
        "veraenderung_vorjahr": "number",
        "veraenderung_basisjahr": "number",
    }
    values = contract.vega_format("indikator_werte")["parse"]
    assert (values["sozialraum_id"], values["z_wert"], values["gesperrt"]) == ("string", "number", "boolean")
    assert contract.vega_format("gebiete_werte")["parse"]["gebiet"] == "string"


def test_published_columns_are_a_frozen_public_interface(sample_out):
    # Written out on purpose: a change here breaks journalists' scripts (new major version).
    assert {p.name: p.read_text(encoding="utf-8").split("\n", 1)[0] for p in sorted(sample_out.glob("*.csv"))} == {
        "dimensionen.csv": "dimension_id,name,beschreibung,gewicht",
        "gebiete_werte.csv": "ebene,gebiet,jahr,indikator_id,zaehler,nenner,wert,gesperrt",
        "index.csv": "sozialraum_id,jahr,dimension_id,wert,klasse,rang,abdeckung,veraenderung_vorjahr,"
        "veraenderung_basisjahr",
        "indikator_werte.csv": "sozialraum_id,jahr,indikator_id,zaehler,nenner,wert,z_wert,im_index,gesperrt,nur_wert",
        "indikatoren.csv": "indikator_id,name,dimension_id,richtung,einheit,faktor,zaehler,nenner,quelle,gewicht",
    }
