"""The published open data package, as a journalist or a GIS user receives it."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
from frictionless import validate

from sozmon import contract, package, pipeline, routes, texts
from tests import factory
from tests.conftest import build_release, indicator
from tools.synthetic_release import write_release

SAMPLE = Path(__file__).resolve().parents[1] / "datapackage"

# Two status indices, a dynamics index of the first and a typology of the first and its
# dynamics, on the factory's 4 areas, 2 years and 3 indicators. `familie` has a dimension
# with the same id as one of `lage` but its own name: a dimension id is unique only
# within its index.
INDICES = [
    {
        "id": "lage",
        "name": "Soziale Lage",
        "short_name": "Lage",
        "description": "Wie es den Menschen geht",
        "dimensions": [
            {"id": "arbeit", "indicators": ["sgb2"]},
            {"id": "wohnen", "weight": 2, "indicators": ["flaeche"]},
        ],
    },
    {
        "id": "familie",
        "name": "Familien",
        "short_name": "Familien",
        "dimensions": [{"id": "arbeit", "name": "Kinder", "indicators": ["kinder"]}],
    },
    {
        "id": "lage-dynamik",
        "name": "Entwicklung der sozialen Lage",
        "short_name": "Entwicklung",
        "kind": "dynamics",
        "basis": "lage",
        "period": 1,
    },
]
TYPOLOGIES = [{"id": "lage-entwicklung", "name": "Lage und Entwicklung", "indices": ["lage", "lage-dynamik"]}]
ALLOCATIONS = [
    {"id": "geld", "budget": 1000, "need": {"index": "lage"}, "population": {"indicator": "kinder", "count": "nenner"}}
]


def with_indices(spec: dict) -> None:
    spec["settings"].update(indices=INDICES, typologies=TYPOLOGIES, allocations=ALLOCATIONS)


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    pipeline.build(SAMPLE, out)
    return out / "daten"


@pytest.fixture(scope="module")
def multi_out(tmp_path_factory):
    base = tmp_path_factory.mktemp("indizes")
    pipeline.build(factory.release(base, with_indices), base / "out")
    return base / "out" / "daten"


@pytest.fixture(scope="module")
def plain_out(tmp_path_factory):
    """The factory release without index definitions: v1's one index, id 'status'."""
    base = tmp_path_factory.mktemp("einfach")
    pipeline.build(factory.release(base), base / "out")
    return base / "out" / "daten"


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


def _csv(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype={"sozialraum_id": str})


@pytest.mark.parametrize("which", ["sample_out", "multi_out", "plain_out", "other_out"])
def test_package_passes_frictionless_validation(which, request):
    folder = request.getfixturevalue(which)
    report = validate(str(folder / "datapackage.json"), type="package")
    assert report.flatten(["rowNumber", "fieldName", "type", "note"]) == []
    assert report.valid


def test_frictionless_checks_the_composite_keys(multi_out, tmp_path):
    # (familie, wohnen): both ids exist, but `wohnen` is a dimension of `lage`, not of
    # `familie` – only the composite foreign key (index_id, dimension_id) sees it.
    folder = shutil.copytree(multi_out, tmp_path / "kaputt")
    dims = pd.read_csv(folder / "dimension_werte.csv", dtype=str, keep_default_na=False)
    row = dims.index[(dims["index_id"] == "familie") & (dims["dimension_id"] == "arbeit")][0]
    dims.loc[row, "dimension_id"] = "wohnen"
    # and a class step given twice for one index: the primary key (index_id, stufe)
    classes = pd.read_csv(folder / "index_klassen.csv", dtype=str, keep_default_na=False)
    lost_step = classes.loc[1, ["index_id", "stufe"]].tolist()
    classes.loc[1, "stufe"] = classes.loc[0, "stufe"]
    dims.to_csv(folder / "dimension_werte.csv", index=False)
    classes.to_csv(folder / "index_klassen.csv", index=False)
    report = validate(str(folder / "datapackage.json"), type="package")
    errors = {(task.name, e.row_number, e.type) for task in report.tasks for e in task.errors}
    assert {e for e in errors if e[0] != "klassen_wahrscheinlichkeiten"} == {
        ("dimension_werte", row + 2, "foreign-key"),
        ("index_klassen", 3, "primary-key"),
    }
    # the step given twice leaves the other step without a target: the class
    # probabilities that name it are caught by their key (index_id, stufe)
    probabilities = pd.read_csv(folder / "klassen_wahrscheinlichkeiten.csv", dtype=str, keep_default_na=False)
    lost = (probabilities["index_id"] == lost_step[0]) & (probabilities["stufe"] == lost_step[1])
    caught = {e[1] for e in errors if e[0] == "klassen_wahrscheinlichkeiten"}
    assert caught == {i + 2 for i in probabilities.index[lost]}


# The keys of every published table, written out from the contract in the spec (issue 10).
KEYS = {
    "indikator_werte": (
        ["sozialraum_id", "jahr", "indikator_id"],
        {("indikator_id",): ("indikatoren", ("indikator_id",))},
    ),
    "index_werte": (["index_id", "sozialraum_id", "jahr"], {("index_id",): ("indizes", ("index_id",))}),
    "dimension_werte": (
        ["index_id", "dimension_id", "sozialraum_id", "jahr"],
        {("index_id", "dimension_id"): ("index_dimensionen", ("index_id", "dimension_id"))},
    ),
    "typologie_werte": (
        ["typologie_id", "sozialraum_id", "jahr"],
        {("typologie_id",): ("typologien", ("typologie_id",))},
    ),
    "gebiete_werte": (
        ["ebene", "gebiet", "jahr", "indikator_id"],
        {("indikator_id",): ("indikatoren", ("indikator_id",))},
    ),
    "indikatoren": (["indikator_id"], {}),
    "indizes": (["index_id"], {}),
    "index_dimensionen": (["index_id", "dimension_id"], {("index_id",): ("indizes", ("index_id",))}),
    "index_indikatoren": (
        ["index_id", "indikator_id"],
        {
            ("index_id", "dimension_id"): ("index_dimensionen", ("index_id", "dimension_id")),
            ("indikator_id",): ("indikatoren", ("indikator_id",)),
        },
    ),
    "index_klassen": (["index_id", "stufe"], {("index_id",): ("indizes", ("index_id",))}),
    "typologien": (
        ["typologie_id"],
        {("index_1",): ("indizes", ("index_id",)), ("index_2",): ("indizes", ("index_id",))},
    ),
    "typologie_typen": (
        ["typologie_id", "klasse_1", "klasse_2"],
        {("typologie_id",): ("typologien", ("typologie_id",))},
    ),
    "verteilung": (
        ["verteilung_id", "jahr", "sozialraum_id"],
        {("verteilung_id",): ("verteilungen", ("verteilung_id",))},
    ),
    "verteilungen": (
        ["verteilung_id"],
        {
            ("bedarf_index",): ("indizes", ("index_id",)),
            ("bedarf_typologie",): ("typologien", ("typologie_id",)),
            ("bevoelkerung_indikator",): ("indikatoren", ("indikator_id",)),
        },
    ),
    # how sure the numbers are (issue 13)
    "sicherheit": (
        ["index_id", "dimension_id", "sozialraum_id", "jahr"],
        {("index_id",): ("indizes", ("index_id",))},
    ),
    "klassen_wahrscheinlichkeiten": (
        ["index_id", "dimension_id", "sozialraum_id", "jahr", "stufe"],
        {("index_id", "stufe"): ("index_klassen", ("index_id", "stufe"))},
    ),
    "typologie_sicherheit": (
        ["typologie_id", "sozialraum_id", "jahr"],
        {("typologie_id",): ("typologien", ("typologie_id",))},
    ),
    "methoden_spannweite": (["index_id", "sozialraum_id", "jahr"], {("index_id",): ("indizes", ("index_id",))}),
    "sensitivitaet": (["index_id", "jahr", "methodenwahl"], {("index_id",): ("indizes", ("index_id",))}),
    "cluster": (
        ["index_id", "dimension_id", "sozialraum_id", "jahr"],
        {("index_id",): ("indizes", ("index_id",))},
    ),
    "autokorrelation": (["index_id", "dimension_id", "jahr"], {("index_id",): ("indizes", ("index_id",))}),
}


def test_every_table_has_a_german_schema_with_its_keys(multi_out):
    d = _descriptor(multi_out)
    resources = {r["name"]: r for r in d["resources"]}
    # every table but the optional ones (the street directory, tests/test_streets.py)
    assert set(KEYS) == set(contract.TABLES_OUT) - set(contract.OPTIONAL_OUT)
    for name, (primary, foreign) in KEYS.items():
        resource = resources[name]
        assert resource["path"] == f"{name}.csv" and resource["profile"] == "tabular-data-resource"
        assert resource["title"] == texts.RESOURCES[name][0] and resource["description"], name
        schema = resource["schema"]
        assert schema["primaryKey"] == primary, name
        found = {
            tuple(fk["fields"]): (fk["reference"]["resource"], tuple(fk["reference"]["fields"]))
            for fk in schema.get("foreignKeys", [])
        }
        assert found == foreign, name
        titles = []
        for field in schema["fields"]:
            # German for people: a title that is not the column name, a sentence that is not the title
            assert field["title"] and field["title"] != field["name"], (name, field["name"])
            assert field["description"] and field["description"] != field["title"], (name, field["name"])
            titles.append(field["title"])
        assert len(titles) == len(set(titles)), name  # the XLSX uses them as headers
        # every table is written, with exactly the schema's columns
        header = (multi_out / resource["path"]).read_text(encoding="utf-8").split("\n", 1)[0]
        assert header.split(",") == [f["name"] for f in schema["fields"]], name
    # every table of the contract holds rows in a release with indices and a typology, but
    # the spatial clusters: its 4 areas are fewer than the 5 Moran's I needs (tests/test_clusters.py)
    for name in KEYS:
        spatial = name in (contract.CLUSTERS, contract.AUTOCORRELATION)
        assert (len(_csv(multi_out, name)) > 0) != spatial, name


def test_descriptor_is_explicit_and_complete(sample_out):
    d = _descriptor(sample_out)
    release = json.loads((SAMPLE / "datapackage.json").read_text(encoding="utf-8"))
    assert (d["version"], d["created"]) == (release["version"], release["created"])
    assert d["sozmon:contract"] == contract.VERSION and contract.VERSION.split(".")[0] == "2"
    assert "synthetische" in d["title"].lower() and "synthetisch" in d["description"].lower()
    assert d["licenses"][0]["title"] == "Datenlizenz Deutschland – Namensnennung – Version 2.0"
    assert d["contributors"][0]["role"] == "publisher" and d["sources"]
    names = {r["name"]: r for r in d["resources"]}
    assert list(names) == ["sozialraeume", *contract.TABLES_OUT, "aenderungen"]
    for name, resource in names.items():
        assert resource["path"].startswith(name + "."), "one file per resource, named after it"
        assert resource["title"] and resource["description"]
        for field in resource.get("schema", {}).get("fields", []):
            assert field["type"] and field["title"] and field["description"], (name, field["name"])
    ids = {f["name"]: f["type"] for f in names["indikator_werte"]["schema"]["fields"]}
    assert ids["sozialraum_id"] == "string"


def test_descriptor_without_titles_names_every_index():
    # A release whose metadata has no title or description: the package is named after
    # its indices and city, and the citation uses the same title.
    areas = [{"sozialraum_id": "a", "name": "A"}, {"sozialraum_id": "b", "name": "B"}]
    values = [
        {"sozialraum_id": a, "jahr": 2020, "indikator_id": i, "zaehler": z, "nenner": 100}
        for a, z in (("a", 10), ("b", 20))
        for i in ("x", "y")
    ]
    settings = {
        "city": "Teststadt",
        "publication": {"publisher": "Amt"},
        "indices": [
            {"id": "eins", "name": "Erster Index", "dimensions": [{"id": "d", "name": "D", "indicators": ["x"]}]},
            {"id": "zwei", "name": "Zweiter Index", "dimensions": [{"id": "d", "name": "D", "indicators": ["y"]}]},
        ],
    }
    release = build_release(
        areas,
        [{"dimension_id": "d", "name": "D", "beschreibung": "", "gewicht": 1}],
        [indicator("x"), indicator("y")],
        values,
        settings,
    )
    d = package.descriptor(release, [])
    assert d["title"] == "Erster Index und Zweiter Index – Teststadt"
    assert d["description"] == (
        "Offene Daten des Sozialraummonitorings in Teststadt (Indizes „Erster Index“ und „Zweiter Index“): "
        "Indikatorwerte, Werte, Klassen und Ränge der Indizes und ihrer Dimensionen je Sozialraum und Jahr, "
        "mit den Definitionen der Indizes."
    )
    assert d["citation"].startswith("Amt: Erster Index und Zweiter Index – Teststadt, Version")
    assert d["sozmon:contract"] == contract.VERSION


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


def test_journalist_joins_values_and_definitions(multi_out):
    # One index's latest classes with its name, and a dimension's name by (index, dimension).
    scores = _csv(multi_out, "index_werte").merge(_csv(multi_out, "indizes"), on="index_id")
    lage = scores.query("index_id == 'lage' and jahr == 2021").set_index("sozialraum_id")
    assert set(lage["name"]) == {"Soziale Lage"} and len(lage) == 4
    # sgb2 (−1) and flaeche (+1, weight 2) in 2021: area 03 has the most SGB II (51 %) and
    # the least living space (30.01 m²), area 01 the next (31 %, 35.01 m²)
    assert lage["rang"].sort_values().index.tolist()[:2] == ["03", "01"]
    assert lage.loc["03", "klasse"] == "sehr niedrig" and lage.loc["03", "wert"] < -1
    dims = _csv(multi_out, "dimension_werte").merge(
        _csv(multi_out, "index_dimensionen"), on=["index_id", "dimension_id"], suffixes=("", "_def")
    )
    named = dict(zip(zip(dims["index_id"], dims["dimension_id"]), dims["name"]))
    assert (named[("lage", "arbeit")], named[("familie", "arbeit")]) == ("Arbeit", "Kinder")
    types = _csv(multi_out, "typologie_werte").query("jahr == 2021").set_index("sozialraum_id")
    assert types.loc["03", "klasse_1"] == "sehr niedrig" and bool(types.loc["03", "aufmerksamkeit"])
    kinds = _csv(multi_out, "indizes").set_index("index_id")
    assert kinds.loc["lage-dynamik", ["art", "zeitraum", "basis"]].tolist() == ["dynamik", 1, "lage"]


def test_changelog_is_part_of_the_package(sample_out):
    assert (sample_out / "aenderungen.md").read_text(encoding="utf-8") == (SAMPLE / "aenderungen.md").read_text(
        encoding="utf-8"
    )


XLSX_SHEETS = [
    "Erläuterung",
    "Übersicht",
    "Indikatorwerte",
    "Indexwerte",
    "Dimensionswerte",
    "Typen je Sozialraum",
    "Gebietswerte",
    "Indikatoren",
    "Indizes",
    "Dimensionen",
    "Indikatoren der Indizes",
    "Klassen",
    "Typologien",
    "Typen der Typologien",
    "Verteilung",
    "Verteilungsschlüssel",
    "Straßenverzeichnis",
    "Sicherheit der Werte",
    "Klassenwahrscheinlichkeiten",
    "Sicherheit der Typen",
    "Ränge anderer Methoden",
    "Einfluss der Methodenwahl",
    "Räumliche Cluster",
    "Räumliche Autokorrelation",
    "Sozialräume",
]


def test_xlsx_has_an_explanation_an_overview_and_a_sheet_per_table(sample_out):
    [path] = sample_out.glob("*.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == XLSX_SHEETS
    assert set(texts.XLSX_SHEETS) == {*contract.TABLES_OUT, "sozialraeume"}, "every table has its sheet"
    intro = {row[0]: row[1] for row in book["Erläuterung"].iter_rows(values_only=True) if row[0]}
    assert "synthetisch" in intro["Beschreibung"].lower() or "synthetisch" in intro["Titel"].lower()
    assert "Datenlizenz Deutschland" in intro["Lizenz"] and intro["Zitierhinweis"]
    assert contract.VERSION in intro["Datenformat"]
    # the workbook has no geometry: the sheet must not promise boundaries, but say where they are
    assert "nicht in dieser Arbeitsmappe" in intro["Sozialräume"] and "sozialraeume.geojson" in intro["Sozialräume"]
    assert all(intro[sheet] for sheet in XLSX_SHEETS[1:]), "the explanation describes every sheet"
    notes = [row[1] for row in book["Erläuterung"].iter_rows(values_only=True)]
    assert "Rang" in intro["Übersicht"] and any("CSV-Dateien" in str(n) for n in notes)
    index = pd.read_excel(path, sheet_name="Indexwerte", dtype={"Sozialraum-ID": str})
    csv = _csv(sample_out, "index_werte")
    assert list(index.columns[:5]) == ["Index-ID", "Index", "Sozialraum-ID", "Sozialraum", "Jahr"]
    assert index["Sozialraum-ID"].tolist() == csv["sozialraum_id"].tolist()
    assert index["Wert (standardisiert)"].fillna(99).tolist() == csv["wert"].fillna(99).tolist()  # full precision


def test_xlsx_without_a_typology_has_no_typology_sheets(plain_out):
    [path] = plain_out.glob("*.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    # the plain release has no typology, no allocation key and no street directory, and
    # with 4 areas too few for spatial clusters (Moran's I needs 5)
    skip = ("Typ", "Verteilung", "Straßen", "Räumliche")
    assert book.sheetnames == [s for s in XLSX_SHEETS if not any(word in s for word in skip)]
    intro = [row[0] for row in book["Erläuterung"].iter_rows(values_only=True)]
    assert "Typologien" not in intro and "Typen je Sozialraum" not in intro


def _table_sheets(book):
    return [s for s in book.worksheets if s.title != "Erläuterung"]


def test_xlsx_puts_names_beside_ids_and_rounds_only_the_display(sample_out):
    [path] = sample_out.glob("*.xlsx")
    book = openpyxl.load_workbook(path)
    areas = gpd.read_file(sample_out / "sozialraeume.geojson").set_index("sozialraum_id")["name"]
    inds = pd.read_csv(sample_out / "indikatoren.csv").set_index("indikator_id")
    indices = pd.read_csv(sample_out / "indizes.csv").set_index("index_id")["name"]
    values = _csv(sample_out, "indikator_werte")

    sheet = book["Indikatorwerte"]
    head = [c.value for c in sheet[1]]
    assert head[:6] == ["Sozialraum-ID", "Sozialraum", "Jahr", "Indikator-ID", "Indikator", "Einheit"]
    for row in sheet.iter_rows(min_row=2, max_row=60):
        area, name, _, ind, ind_name, unit = (c.value for c in row[:6])
        assert (name, ind_name, unit) == (areas[area], inds.loc[ind, "name"], inds.loc[ind, "einheit"])
    wert = head.index("Wert")
    # Altstadt 2018 alleinerziehende: 359 / 1155 × 100 = 31.0822…
    key = ("01", 2018, "alleinerziehende")
    [line] = [i for i, r in enumerate(sheet.iter_rows(values_only=True), 1) if (r[0], r[2], r[3]) == key]
    [published] = values.query("sozialraum_id == '01' and jahr == 2018 and indikator_id == 'alleinerziehende'")["wert"]
    cell = sheet.cell(row=line, column=wert + 1)
    assert cell.number_format == "#,##0.0" and cell.value == published
    assert abs(cell.value - 359 / 1155 * 100) < 1e-6 and cell.value != round(cell.value, 1)
    assert sheet.cell(row=line, column=head.index("z-Wert") + 1).number_format == "0.00"

    sheet = book["Indexwerte"]
    head = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2, max_row=13):
        assert row[1].value == indices[row[0].value] and row[3].value == areas[row[2].value]
    assert sheet.cell(row=2, column=head.index("Wert (standardisiert)") + 1).number_format == "0.00"
    assert sheet.cell(row=2, column=head.index("Abdeckung") + 1).number_format == "0%"

    sheet = book["Klassen"]
    head = [c.value for c in sheet[1]]
    assert head == ["Index-ID", "Index", "Stufe", "Klasse", "Untergrenze", "Obergrenze", "Bereich"]
    assert sheet.cell(row=3, column=5).number_format == "0.00"

    for sheet in _table_sheets(book):
        header = int(sheet.freeze_panes[1:]) - 1
        assert sheet.auto_filter.ref == f"A{header}:{sheet.cell(header, sheet.max_column).column_letter}{sheet.max_row}"
        titles = [c.value for c in sheet[header]]
        assert all(titles) and len(titles) == len(set(titles)), sheet.title


def test_xlsx_names_a_dimension_by_its_index(multi_out):
    # `arbeit` is "Arbeit" in `lage` and "Kinder" in `familie`.
    [path] = multi_out.glob("*.xlsx")
    book = openpyxl.load_workbook(path)
    rows = list(book["Dimensionswerte"].iter_rows(values_only=True))
    assert list(rows[0][:4]) == ["Index-ID", "Index", "Dimensions-ID", "Dimension"]
    named = {(r[0], r[2]): (r[1], r[3]) for r in rows[1:]}
    assert named == {
        ("lage", "arbeit"): ("Soziale Lage", "Arbeit"),
        ("lage", "wohnen"): ("Soziale Lage", "Wohnen"),
        ("familie", "arbeit"): ("Familien", "Kinder"),
        ("lage-dynamik", "arbeit"): ("Entwicklung der sozialen Lage", "Arbeit"),
        ("lage-dynamik", "wohnen"): ("Entwicklung der sozialen Lage", "Wohnen"),
    }
    rows = list(book["Indikatoren"].iter_rows(values_only=True))
    assert list(rows[0][:3]) == ["Indikator-ID", "Name", "In Indizes"]
    assert {r[0]: r[2] for r in rows[1:]} == {
        "sgb2": "Soziale Lage, Entwicklung der sozialen Lage",
        "flaeche": "Soziale Lage, Entwicklung der sozialen Lage",
        "kinder": "Familien",
    }
    rows = list(book["Typologien"].iter_rows(values_only=True))
    assert rows[1] == (
        "lage-entwicklung",
        "Lage und Entwicklung",
        None,
        "lage",
        "Soziale Lage",
        "lage-dynamik",
        "Entwicklung der sozialen Lage",
    )


def test_xlsx_marks_a_context_indicator(plain_out):
    [path] = plain_out.glob("*.xlsx")
    rows = list(openpyxl.load_workbook(path)["Indikatoren"].iter_rows(values_only=True))
    assert {r[0]: r[2] for r in rows[1:]} == {
        "sgb2": "Testindex",
        "flaeche": "Testindex",
        "kinder": "Kontextindikator (in keinem Index)",  # no dimension in indikatoren.csv
    }


def test_xlsx_overview_shows_every_index_and_type_of_the_latest_year(multi_out):
    [path] = multi_out.glob("*.xlsx")
    sheet = openpyxl.load_workbook(path)["Übersicht"]
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[:7]] == [
        "2021: alle Sozialräume, sortiert nach dem Rang im Index „Soziale Lage“",
        texts.XLSX_OVERVIEW["rank_note"],
        "„Soziale Lage“: Klassen von „Lage: sehr niedrig“ bis „Lage: sehr hoch“.",
        "„Familien“: Klassen von „Familien: sehr niedrig“ bis „Familien: sehr hoch“.",
        "„Entwicklung der sozialen Lage“: Klassen von „Entwicklung: negativ“ bis „Entwicklung: positiv“.",
        "„Lage und Entwicklung“: Typ aus den Klassen der Indizes „Soziale Lage“ und „Entwicklung der sozialen "
        "Lage“; „Besondere Aufmerksamkeit“ nach der Regel der Typologie (alle Kombinationen im Blatt Typen der "
        "Typologien).",
        texts.XLSX_OVERVIEW["change_note"].format(previous=2020),
    ]
    per_index = ["Rang", "Wert", "Klasse", "Veränderung zum Vorjahr"]
    assert list(rows[7]) == [
        "Sozialraum-ID",
        "Sozialraum",
        "Stadtteil",
        "Stadtbezirk",
        *(f"Soziale Lage: {w}" for w in per_index),
        *(f"Familien: {w}" for w in per_index),
        *(f"Entwicklung der sozialen Lage: {w}" for w in per_index),
        "Lage und Entwicklung: Typ",
        "Lage und Entwicklung: Besondere Aufmerksamkeit",
    ]
    assert sheet.freeze_panes == "A9" and sheet.auto_filter.ref == "A8:R12"
    table = pd.DataFrame(rows[8:], columns=rows[7]).set_index("Sozialraum-ID")
    # ranked by `lage` (see test_journalist_joins_values_and_definitions): 03, 01, then
    # 04 before 02 (02 has the least SGB II, 5.5 % against 12 %; their living space is equal)
    assert table.index.tolist() == ["03", "01", "04", "02"]
    assert table["Soziale Lage: Rang"].tolist() == [1, 2, 3, 4]
    assert table.loc["03", "Sozialraum"] == "Gebiet 3" and table.loc["03", "Stadtteil"] == "Süd"
    # default attention: the two lowest classes of `lage`, or its middle class with `negativ`
    attention = dict(zip(table.index, table["Lage und Entwicklung: Besondere Aufmerksamkeit"]))
    classes = dict(zip(table.index, table["Soziale Lage: Klasse"]))
    dynamics = dict(zip(table.index, table["Entwicklung der sozialen Lage: Klasse"]))
    for area in table.index:
        expected = classes[area] in ("sehr niedrig", "niedrig") or (
            classes[area] == "mittel" and dynamics[area] == "negativ"
        )
        assert attention[area] is expected, area
    assert attention["03"] is True
    # the cells are the published values of 2021
    scores = _csv(multi_out, "index_werte").query("jahr == 2021")
    for index_id, name in (
        ("lage", "Soziale Lage"),
        ("familie", "Familien"),
        ("lage-dynamik", "Entwicklung der sozialen Lage"),
    ):
        mine = scores[scores["index_id"] == index_id].set_index("sozialraum_id")
        for area in table.index:
            want, got = mine.loc[area], table.loc[area]
            for what in ("Wert", "Klasse", "Rang"):
                column = {"Wert": "wert", "Klasse": "klasse", "Rang": "rang"}[what]
                assert _none(got[f"{name}: {what}"]) == _none(want[column]), (index_id, area, what)
    types = _csv(multi_out, "typologie_werte").query("jahr == 2021").set_index("sozialraum_id")
    assert table["Lage und Entwicklung: Typ"].to_dict() == types["typ"].to_dict()
    formats = [c.number_format for c in next(sheet.iter_rows(min_row=9, max_row=9))]
    assert formats[4:8] == ["0", "0.00", "General", "+0.00;-0.00;0.00"]


def _none(value):
    return None if pd.isna(value) else value


def test_xlsx_overview_of_one_index(plain_out):
    [path] = plain_out.glob("*.xlsx")
    sheet = openpyxl.load_workbook(path)["Übersicht"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "2021: alle Sozialräume, sortiert nach dem Rang im Index „Testindex“"
    assert rows[2][0] == "„Testindex“: Klassen von „Testindex: sehr niedrig“ bis „Testindex: sehr hoch“."
    header = rows[4]
    assert header[4:] == (
        "Testindex: Rang",
        "Testindex: Wert",
        "Testindex: Klasse",
        "Testindex: Veränderung zum Vorjahr",
    )
    ranks = [r[4] for r in rows[5:]]
    assert ranks == sorted(ranks) and ranks[0] == 1


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
        spec["settings"]["index_name"] = "=Index()"  # in the overview's headers and notes
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
    texts_found = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts_found.add(cell.value)
    assert (
        set(FORMULA_STARTS)
        | {"=1+1", "\tTab", "=Arbeit()", "=cmd|' /C calc'!A0", "+SGB", "=%", "@Quelle", "-Zähler", "=Index()"}
        <= texts_found
    )
    assert any(t.startswith("=Amt: ") for t in texts_found)
    assert "=Index(): Rang" in texts_found
    overview = [r[1] for r in book["Übersicht"].iter_rows(min_row=6, values_only=True)]
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
        "bestandsanalyse.pdf",
        "steckbriefe.zip",
        f"{name}.zip",
        "indikator_werte.csv",
        "index_werte.csv",
        "dimension_werte.csv",
        "typologie_werte.csv",
        "gebiete_werte.csv",
        "indikatoren.csv",
        "indizes.csv",
        "index_dimensionen.csv",
        "index_indikatoren.csv",
        "index_klassen.csv",
        "typologien.csv",
        "typologie_typen.csv",
        "verteilung.csv",
        "verteilungen.csv",
        "strassen.csv",
        "sicherheit.csv",
        "klassen_wahrscheinlichkeiten.csv",
        "typologie_sicherheit.csv",
        "methoden_spannweite.csv",
        "sensitivitaet.csv",
        "cluster.csv",
        "autokorrelation.csv",
        "sozialraeume_index.geojson",
        "sozialraeume_index.gpkg",
        "sozialraeume.geojson",
        "aenderungen.md",
        "datapackage.json",
        "dcat.ttl",
        "dcat.jsonld",
    ]
    assert [d["group"] for d in rows] == (
        ["excel"] + ["berichte"] * 2 + ["tabellen"] * 23 + ["geodaten"] * 3 + ["metadaten"] * 4
    )
    for d in rows:
        assert d["title"] and d["description"] and d["title"] != d["path"], d
        assert "{" not in d["description"], d  # every template filled in
        assert d["bytes"] == len((sample_out / d["path"]).read_bytes()) > 0
    media = {d["path"]: d["media_type"] for d in rows}
    assert (media["dcat.ttl"], media["dcat.jsonld"]) == ("text/turtle", "application/ld+json")
    assert "Excel" in rows[0]["description"]
    by_path = {d["path"]: d for d in rows}
    for gis in ("sozialraeume_index.geojson", "sozialraeume_index.gpkg"):
        assert "<Index-ID>.wert" in by_path[gis]["description"] and "<Typologie-ID>.typ" in by_path[gis]["description"]
    assert "sozmon:contract" in by_path["datapackage.json"]["description"]
    assert set(texts.DOWNLOAD_GROUPS) == {d["group"] for d in rows}


GIS_COLUMNS = [
    "sozialraum_id",
    "name",
    "stadtteil",
    "stadtbezirk",
    "jahr",
    "lage.wert",
    "lage.klasse",
    "lage.rang",
    "lage.arbeit.klasse",
    "lage.wohnen.klasse",
    "familie.wert",
    "familie.klasse",
    "familie.rang",
    "familie.arbeit.klasse",
    "lage-dynamik.wert",
    "lage-dynamik.klasse",
    "lage-dynamik.rang",
    "lage-dynamik.arbeit.klasse",
    "lage-dynamik.wohnen.klasse",
    "lage-entwicklung.typ",
    "lage-entwicklung.aufmerksamkeit",
]


def test_geopackage_and_geojson_with_every_index(multi_out):
    gpkg = gpd.read_file(multi_out / "sozialraeume_index.gpkg")
    geojson = gpd.read_file(multi_out / "sozialraeume_index.geojson")
    for frame in (gpkg, geojson):
        assert list(frame.columns) == [*GIS_COLUMNS, "geometry"]
        assert len(frame) == 4 and frame.crs.to_epsg() == 4326
        assert set(frame["jahr"]) == {2021}
    scores = _csv(multi_out, "index_werte").query("jahr == 2021")
    dims = _csv(multi_out, "dimension_werte").query("jahr == 2021")
    types = _csv(multi_out, "typologie_werte").query("jahr == 2021").set_index("sozialraum_id")
    for frame in (gpkg, geojson):
        merged = frame.set_index("sozialraum_id")
        for index_id in ("lage", "familie", "lage-dynamik"):
            mine = scores[scores["index_id"] == index_id].set_index("sozialraum_id")
            for what in ("wert", "klasse", "rang"):
                got = merged[f"{index_id}.{what}"].astype(object).where(merged[f"{index_id}.{what}"].notna(), None)
                want = mine[what].reindex(merged.index)
                want = want.astype(object).where(want.notna(), None)
                assert got.to_dict() == want.to_dict(), (index_id, what)
        wohnen = dims.query("index_id == 'lage' and dimension_id == 'wohnen'").set_index("sozialraum_id")["klasse"]
        assert merged["lage.wohnen.klasse"].to_dict() == wohnen.to_dict()
        assert merged["lage-entwicklung.typ"].to_dict() == types["typ"].to_dict()
        assert merged["lage-entwicklung.aufmerksamkeit"].astype(bool).to_dict() == types["aufmerksamkeit"].to_dict()
    # numbers stay numbers for QGIS: REAL, INTEGER and BOOLEAN fields, NULL where missing
    with sqlite3.connect(multi_out / "sozialraeume_index.gpkg") as db:
        kinds = {row[1]: row[2] for row in db.execute("PRAGMA table_info(sozialraeume_index)")}
        missing = db.execute('SELECT COUNT(*) FROM sozialraeume_index WHERE "familie.rang" IS NULL').fetchone()[0]
    assert (kinds["lage.wert"], kinds["lage.rang"], kinds["lage.klasse"]) == ("REAL", "INTEGER", "TEXT")
    assert kinds["lage-entwicklung.aufmerksamkeit"] == "BOOLEAN"
    assert missing == scores.query("index_id == 'familie'")["rang"].isna().sum() > 0


def test_gis_columns_of_one_index_keep_its_id(plain_out):
    frame = gpd.read_file(plain_out / "sozialraeume_index.gpkg")
    assert [c for c in frame.columns if "." in c] == [
        "status.wert",
        "status.klasse",
        "status.rang",
        "status.arbeit.klasse",
        "status.wohnen.klasse",
    ]


def test_gis_columns_of_two_indices_cannot_collide():
    # With '_' between the ids, index `a` with dimension `b_c` and index `a_b` with
    # dimension `c` would both give `a_b_c_klasse`; an index `x` whose dimension is
    # called `wert` must not meet `x`'s own value either.
    assert not routes.SAFE_ID.match(f"a{package.GIS_SEPARATOR}b"), "the separator cannot appear in an id"
    areas = [{"sozialraum_id": s, "name": s.upper()} for s in ("p", "q", "r")]
    values = [
        {"sozialraum_id": a, "jahr": 2020, "indikator_id": i, "zaehler": z, "nenner": 100}
        for a, base in (("p", 10), ("q", 20), ("r", 40))
        for i, z in (("i1", base), ("i2", base + 5), ("i3", 60 - base))
    ]
    settings = {
        "indices": [
            {"id": "a", "name": "A", "dimensions": [{"id": "b_c", "name": "BC", "indicators": ["i1"]}]},
            {"id": "a_b", "name": "AB", "dimensions": [{"id": "c", "name": "C", "indicators": ["i2"]}]},
            {"id": "x", "name": "X", "dimensions": [{"id": "wert", "name": "W", "indicators": ["i3"]}]},
        ],
        "typologies": [{"id": "A_B", "name": "T", "indices": ["a", "a_b"]}],
    }
    release = build_release(
        areas,
        [{"dimension_id": "d", "name": "D", "beschreibung": "", "gewicht": 1}],
        [indicator("i1"), indicator("i2"), indicator("i3")],
        values,
        settings,
    )
    names = [c for c, *_ in package.gis_columns(release)]
    assert len(names) == 3 * 4 + 2
    assert len({n.casefold() for n in names}) == len(names), names  # GeoPackage ignores case
    assert {"a.b_c.klasse", "a_b.c.klasse", "x.wert", "x.wert.klasse", "A_B.typ"} <= set(names)
    frame = package.areas_with_latest_index(release, pipeline.results(release))
    assert set(names) <= set(frame.columns) and frame.columns.is_unique


def test_zip_holds_the_whole_package(sample_out, tmp_path):
    path = sample_out / f"{_descriptor(sample_out)['name']}.zip"
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path)
    tables = {f"{name}.csv" for name in contract.TABLES_OUT}
    assert {"datapackage.json", "sozialraeume.geojson", "aenderungen.md", *tables} <= names
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
    urls = {str(o).split("/daten/", 1)[-1] for o in graph.objects(None, DCAT.downloadURL)}
    published = {
        p.relative_to(sample_out).as_posix()
        for p in sample_out.rglob("*")
        if p.is_file() and not p.name.startswith("dcat.")
    }
    assert urls == published
    assert {f"{name}.csv" for name in contract.TABLES_OUT} <= urls
    for dist in graph.subjects(RDF.type, DCAT.Distribution):
        [title], [description] = graph.objects(dist, DCTERMS.title), graph.objects(dist, DCTERMS.description)
        assert title.language == description.language == "de"
        assert str(title) not in published and str(description), dist
    assert len(set(graph.subjects(None, DCAT.Dataset))) <= 1
    indices = pd.read_csv(sample_out / "indizes.csv")["name"]
    keywords = {str(k) for k in graph.objects(None, DCAT.keyword)}
    assert set(indices) <= keywords, "every index is a keyword"


def test_other_shape_has_every_download_and_no_small_count(other_out):
    from rdflib import Graph

    [xlsx] = other_out.glob("*.xlsx")
    sheets = pd.read_excel(xlsx, sheet_name=None)
    assert list(sheets)[0] == "Erläuterung"
    # one index, 17 areas, 3 years; 2 dimensions
    assert len(sheets["Indexwerte"]) == 17 * 3 and len(sheets["Dimensionswerte"]) == 17 * 2 * 3
    assert len(gpd.read_file(other_out / "sozialraeume_index.gpkg")) == 17
    assert len(Graph().parse(other_out / "dcat.ttl", format="turtle")) > 50
    for name in ("indikator_werte.csv", "gebiete_werte.csv"):
        counts = pd.read_csv(other_out / name)["zaehler"]
        assert not counts.isin([1, 2]).any(), name
    values = pd.read_csv(other_out / "indikator_werte.csv")
    assert values["gesperrt"].any(), "the generated release must exercise suppression"


# --- the output contract, declared once (sozmon/contract.py) --------------------------


def test_published_files_match_the_contract_and_its_dictionary(sample_out):
    d = _descriptor(sample_out)
    schemas = {r["name"]: r.get("schema", {}) for r in d["resources"]}
    tables = {t.name: t for t in contract.dictionary()}
    assert list(tables) == ["sozialraeume", *contract.TABLES_OUT]
    for name, table in tables.items():
        published = [(f["name"], f["title"], f["type"], f["description"]) for f in schemas[name]["fields"]]
        assert published == [(c.name, c.title, c.type, c.meaning) for c in table.columns], name
        if table.path.endswith(".csv"):
            header = (sample_out / table.path).read_text(encoding="utf-8").split("\n", 1)[0]
            assert header.split(",") == [c.name for c in table.columns], name
    geo = json.loads((sample_out / "sozialraeume.geojson").read_text(encoding="utf-8"))
    assert list(geo["features"][0]["properties"]) == [c.name for c in tables["sozialraeume"].columns]


def test_each_column_says_what_it_means_in_its_own_table():
    meaning = {(t.name, c.name): c.meaning for t in contract.dictionary() for c in t.columns}
    # a score of an index is no ratio of counts, and 0 is the mean of the areas
    for table in ("index_werte", "dimension_werte"):
        assert "Zähler" not in meaning[(table, "wert")]
        assert "Mittel der Sozialräume" in meaning[(table, "wert")]
        # change of year-standardised scores is a change of position, not of living conditions
        for column in ("veraenderung_vorjahr", "veraenderung_basisjahr"):
            assert "relativen Lage" in meaning[(table, column)]
    assert meaning[("indikator_werte", "wert")].startswith("Zähler / Nenner")
    assert "Kontextindikatoren" in meaning[("indikator_werte", "im_index")]
    assert "nie im Index" in meaning[("indikator_werte", "im_index")]
    # in the catalogue, zaehler and nenner are definitions, not counts
    assert meaning[("indikatoren", "zaehler")] != meaning[("indikator_werte", "zaehler")]
    # a name is the index's, the dimension's or the typology's
    assert len({meaning[(t, "name")] for t in ("indizes", "index_dimensionen", "typologien")}) == 3
    # titles are unique within a table (the XLSX uses them as column headers)
    for table in contract.dictionary():
        titles = [c.title for c in table.columns]
        assert len(titles) == len(set(titles)), table.name


def test_chart_formats_read_ids_as_text_and_every_number_as_a_number():
    index = contract.vega_format("index_werte")
    assert index["type"] == "csv"
    assert index["parse"] == {
        "index_id": "string",
        "sozialraum_id": "string",
        "jahr": "number",
        "wert": "number",
        "klasse": "string",
        "rang": "number",
        "abdeckung": "number",
        "veraenderung_vorjahr": "number",
        "veraenderung_basisjahr": "number",
    }
    assert contract.vega_format("typologie_werte")["parse"]["aufmerksamkeit"] == "boolean"
    values = contract.vega_format("indikator_werte")["parse"]
    assert (values["sozialraum_id"], values["z_wert"], values["gesperrt"]) == ("string", "number", "boolean")
    assert contract.vega_format("gebiete_werte")["parse"]["gebiet"] == "string"


def test_published_columns_are_a_frozen_public_interface(sample_out):
    # Written out on purpose: a change here breaks journalists' scripts (new major version).
    assert {p.name: p.read_text(encoding="utf-8").split("\n", 1)[0] for p in sorted(sample_out.glob("*.csv"))} == {
        "indikator_werte.csv": "sozialraum_id,jahr,indikator_id,zaehler,nenner,wert,z_wert,im_index,gesperrt,nur_wert,"
        "wert_stabilisiert",
        "index_werte.csv": "index_id,sozialraum_id,jahr,wert,klasse,rang,abdeckung,veraenderung_vorjahr,"
        "veraenderung_basisjahr",
        "dimension_werte.csv": "index_id,dimension_id,sozialraum_id,jahr,wert,klasse,rang,abdeckung,"
        "veraenderung_vorjahr,veraenderung_basisjahr",
        "typologie_werte.csv": "typologie_id,sozialraum_id,jahr,klasse_1,klasse_2,typ,aufmerksamkeit",
        "gebiete_werte.csv": "ebene,gebiet,jahr,indikator_id,zaehler,nenner,wert,gesperrt",
        "indikatoren.csv": "indikator_id,name,richtung,einheit,faktor,zaehler,nenner,quelle",
        "indizes.csv": "index_id,name,kurzname,beschreibung,art,zeitraum,basis",
        "index_dimensionen.csv": "index_id,dimension_id,name,beschreibung,gewicht",
        "index_indikatoren.csv": "index_id,dimension_id,indikator_id,gewicht",
        "index_klassen.csv": "index_id,stufe,klasse,untergrenze,obergrenze,bereich",
        "typologien.csv": "typologie_id,name,beschreibung,index_1,index_2",
        "typologie_typen.csv": "typologie_id,klasse_1,klasse_2,typ,aufmerksamkeit",
        "verteilung.csv": "verteilung_id,jahr,sozialraum_id,bedarf,gewicht,bevoelkerung,berechtigt,punkte,betrag_roh,"
        "begrenzung,daempfung,betrag,anteil,grund",
        "verteilungen.csv": "verteilung_id,name,beschreibung,budget,jahr,formel,bedarf_index,bedarf_dimension,"
        "bedarf_typologie,gewichte,bevoelkerung_indikator,bevoelkerung_zahl,anteile,berechtigte,mindestbetrag,"
        "hoechstbetrag,daempfung_prozent",
        "strassen.csv": "strasse,plz,hausnummer_von,hausnummer_bis,seite,sozialraum_id",
        # how sure the numbers are (contract 2.3.0)
        "sicherheit.csv": "index_id,dimension_id,sozialraum_id,jahr,wert_unten,wert_oben,rang_unten,rang_oben,klasse,"
        "klasse_wahrscheinlichkeit,ziehungen",
        "klassen_wahrscheinlichkeiten.csv": "index_id,dimension_id,sozialraum_id,jahr,stufe,klasse,wahrscheinlichkeit",
        "typologie_sicherheit.csv": "typologie_id,sozialraum_id,jahr,typ,typ_wahrscheinlichkeit,"
        "aufmerksamkeit_wahrscheinlichkeit,ziehungen",
        "methoden_spannweite.csv": "index_id,sozialraum_id,jahr,rang,rang_min,rang_max,wert_min,wert_max,varianten",
        "sensitivitaet.csv": "index_id,jahr,methodenwahl,s1,s1_konfidenz,st,st_konfidenz",
        "cluster.csv": "index_id,dimension_id,sozialraum_id,jahr,moran_i_lokal,p_wert,cluster",
        "autokorrelation.csv": "index_id,dimension_id,jahr,moran_i,erwartung,p_wert,permutationen,gebiete",
    }
