"""Berlin's Monitoring Soziale Stadtentwicklung 2019 as a sozmon release, end to end:
read from disk, checked, computed and written by `sozmon build`, and the published
classes compared with the official ones for every Planungsraum.

The release's hand-written files (datapackage.json, dimensionen.csv, indikatoren.csv,
sozmon.yml) live in tests/data/berlin-mss-2019/ and are quoted verbatim by
docs/beispiel-berlin.md, so the documented example is the tested one; werte.csv and the
geometry are written here from the shared data (which must not be copied into the
repository).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from sozmon import cli

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SOZMON_SHARED", REPO.parent / "shared"))
BERLIN = SHARED / "data" / "berlin-mss"
EXAMPLE = REPO / "tests" / "data" / "berlin-mss-2019"
DOC = REPO / "docs" / "beispiel-berlin.md"
# The example's hand-written files and the language of their code block on the page.
FILES = {"datapackage.json": "json", "dimensionen.csv": "text", "indikatoren.csv": "text", "sozmon.yml": "yaml"}

# indikator_id in the example → column of the official table
COLUMNS = {
    "s1": "s1_percentage_unemployed",
    "s3": "s3_percentage_transfer_payments_recipients",
    "s4": "s4_percentage_transfer_payments_recipients_below_15_years",
    "d1": "d1_percentage_unemployed",
    "d3": "d3_percentage_transfer_payments_recipients",
    "d4": "d4_percentage_transfer_payments_recipients_below_15_years",
}
OFFICIAL = {"status": "status_index_class", "dynamik": "dynamic_index_class"}
# Counted by hand from the official columns (and shown on docs/beispiel-berlin.md).
COUNTS = {
    "status": {"mittel": 283, "hoch": 67, "niedrig": 47, "sehr niedrig": 39},
    "dynamik": {"stabil": 357, "positiv": 46, "negativ": 33},
}
LOR_AREAS = 448  # Planungsräume in the LOR geometry (after the repair in `_areas`)


def _official() -> pd.DataFrame:
    if not BERLIN.is_dir():
        pytest.skip(f"Berlin MSS data not found at {BERLIN} (set SOZMON_SHARED)")
    return pd.read_csv(BERLIN / "mss-2019-planning-areas.csv", dtype={"id": str})


def werte(official: pd.DataFrame) -> pd.DataFrame:
    """werte.csv of the example: one delivered `wert` per Planungsraum and indicator."""
    rows = [
        {"sozialraum_id": area, "jahr": 2019, "indikator_id": k, "wert": value}
        for area, row in official.set_index("id").iterrows()
        for k, column in COLUMNS.items()
        for value in [row[column]]
    ]
    return pd.DataFrame(rows, columns=["sozialraum_id", "jahr", "indikator_id", "wert"])


def write_berlin_release(folder: Path) -> pd.DataFrame:
    """The documented example release; return the official table for comparison."""
    official = _official()
    folder.mkdir(parents=True)
    for name in FILES:
        shutil.copy(EXAMPLE / name, folder / name)
    (folder / "sozialraeume.geojson").write_text(json.dumps(_areas()), encoding="utf-8")
    werte(official).to_csv(folder / "werte.csv", index=False)
    return official


def _areas() -> dict:
    """The LOR geometry, with one documented defect repaired (SOURCES.md: 435 of 436 ids
    match): Charlottenburg's Schloßstraße (04030417) is stored under Steglitz's id
    06010102; the feature north of 52.5° is Charlottenburg's."""
    geo = json.loads((BERLIN / "berlin-lor-planning-areas-until-2020.geojson").read_text(encoding="utf-8"))
    features = []
    for f in geo["features"]:
        p = f["properties"]
        area_id = p["id"]
        if area_id == "06010102" and p["bounding_box"][1] > 52.5:
            area_id = "04030417"
        features.append(
            {
                "type": "Feature",
                "geometry": f["geometry"],
                "properties": {"sozialraum_id": area_id, "name": p["name"], "stadtbezirk": area_id[:2]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    folder = tmp_path_factory.mktemp("berlin")
    official = write_berlin_release(folder / "berlin")
    assert cli.main(["build", "--data", str(folder / "berlin"), "--out", str(folder / "out")]) == 0
    return folder / "out" / "daten", official.set_index("id")


def _read(daten: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(daten / name, dtype=str, keep_default_na=False).replace("", pd.NA)


@pytest.mark.parametrize("index_id", ["status", "dynamik"])
def test_build_reproduces_every_official_class(built, index_id):
    daten, official = built
    values = _read(daten, "index_werte.csv")
    ours = values[values["index_id"] == index_id].set_index("sozialraum_id")
    assert ours.index.is_unique and len(ours) == LOR_AREAS
    expected = official[OFFICIAL[index_id]]
    assert ours["klasse"].reindex(expected.index).tolist() == expected.tolist()
    # the LOR areas without MSS values (< 300 inhabitants, one outlier) get no value, no class
    without = ours[~ours.index.isin(expected.index)]
    assert len(without) == LOR_AREAS - 436
    assert without[["wert", "klasse"]].isna().all().all()
    assert ours["klasse"].value_counts().to_dict() == COUNTS[index_id]


def test_build_reproduces_every_official_type_and_attention(built):
    daten, official = built
    values = _read(daten, "typologie_werte.csv")
    ours = values[values["typologie_id"] == "status-dynamik"].set_index("sozialraum_id")
    assert ours.index.is_unique
    expected = official["status_dynamic_index_class"]
    assert ours["typ"].reindex(expected.index).tolist() == expected.tolist()
    assert ours["klasse_1"].reindex(expected.index).tolist() == official["status_index_class"].tolist()
    assert ours["klasse_2"].reindex(expected.index).tolist() == official["dynamic_index_class"].tolist()
    without = ours[~ours.index.isin(expected.index)]
    assert without[["klasse_1", "klasse_2", "typ", "aufmerksamkeit"]].isna().all().all()
    # Berlin's 'Gebiete mit besonderem Aufmerksamkeitsbedarf', from the official classes
    status, dynamics = official["status_index_class"], official["dynamic_index_class"]
    attention = status.isin(["niedrig", "sehr niedrig"]) | ((status == "mittel") & (dynamics == "negativ"))
    published = attention.map({True: "true", False: "false"})
    assert ours["aufmerksamkeit"].reindex(expected.index).tolist() == published.tolist()
    assert attention.sum() == 112


def test_build_publishes_the_definitions(built):
    daten, _ = built
    indices = _read(daten, "indizes.csv").set_index("index_id")
    assert indices.loc[["status", "dynamik"], "art"].tolist() == ["status", "dynamik"]
    classes = _read(daten, "index_klassen.csv")
    assert classes.groupby("index_id")["klasse"].agg(list).to_dict() == {
        "dynamik": ["negativ", "stabil", "positiv"],
        "status": ["sehr niedrig", "niedrig", "mittel", "hoch"],
    }
    types = _read(daten, "typologie_typen.csv")
    assert len(types) == 4 * 3
    flagged = types[types["aufmerksamkeit"] == "true"][["klasse_1", "klasse_2"]]
    assert sorted(map(tuple, flagged.to_numpy())) == [
        ("mittel", "negativ"),
        ("niedrig", "negativ"),
        ("niedrig", "positiv"),
        ("niedrig", "stabil"),
        ("sehr niedrig", "negativ"),
        ("sehr niedrig", "positiv"),
        ("sehr niedrig", "stabil"),
    ]


def test_berlin_check_passes_with_warnings_for_areas_without_data(tmp_path, capsys):
    write_berlin_release(tmp_path / "berlin")
    assert cli.main(["check", "--data", str(tmp_path / "berlin"), "--format", "json"]) == 0
    problems = json.loads(capsys.readouterr().out)
    assert {p["code"] for p in problems} == {"area-without-data"}
    assert len(problems) == LOR_AREAS - 436  # forests, parks, < 300 inhabitants, one outlier


# --- the documented example is the tested one -------------------------------------------


def _code_blocks(language: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("name", list(FILES))
def test_documentation_quotes_the_tested_files(name):
    """docs/beispiel-berlin.md shows each hand-written file of the release verbatim."""
    text = (EXAMPLE / name).read_text(encoding="utf-8")
    assert text in _code_blocks(FILES[name]), f"{DOC.name} does not quote tests/data/berlin-mss-2019/{name}"


def test_documentation_shows_the_shape_of_werte_csv():
    """The page's excerpt of werte.csv is the head of the file this test writes."""
    head = werte(_official()).head(6).to_csv(index=False)
    assert head in _code_blocks("text")


def test_documentation_counts_are_the_tested_ones():
    text = DOC.read_text(encoding="utf-8")
    for counts in COUNTS.values():
        for label, n in counts.items():
            assert re.search(rf"^\| {label} \| {n} \|", text, flags=re.MULTILINE), (label, n)


# --- v1: a release without `indices` still gives the status index ----------------------

V1_SETTINGS = {
    "city": "Berlin",
    "index_name": "Statusindex (MSS 2019, nachgerechnet)",
    "publication": {"publisher": "Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin (nachgerechnet)"},
    "method": {
        "restandardise_dimensions": True,
        "classes": {
            "cuts": [-1.5, -1.0, 1.0],
            "labels": ["sehr niedrig", "niedrig", "mittel", "hoch"],
            "boundary": ["oben", "oben", "unten"],
        },
    },
}


def test_v1_release_reproduces_every_official_status_class(tmp_path):
    """v1's form: members from indikatoren.dimension_id, dimensions from dimensionen.csv."""
    folder = tmp_path / "berlin"
    official = write_berlin_release(folder)
    catalogue = pd.read_csv(folder / "indikatoren.csv", dtype=str, keep_default_na=False)
    catalogue = catalogue[catalogue["indikator_id"].str.startswith("s")].assign(dimension_id="status", gewicht="1")
    catalogue.to_csv(folder / "indikatoren.csv", index=False)
    values = pd.read_csv(folder / "werte.csv", dtype=str)
    values[values["indikator_id"].str.startswith("s")].to_csv(folder / "werte.csv", index=False)
    dimension = {"dimension_id": "status", "name": "Status", "beschreibung": "Sozialer Status", "gewicht": 1}
    pd.DataFrame([dimension]).to_csv(folder / "dimensionen.csv", index=False)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"] if "schema" in r}
    schemas["indikatoren"]["fields"].append({"name": "dimension_id", "type": "string"})
    for name in ("dimensionen", "indikatoren"):
        schemas[name]["fields"].append({"name": "gewicht", "type": "number"})
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (folder / "sozmon.yml").write_text(yaml.safe_dump(V1_SETTINGS, allow_unicode=True), encoding="utf-8")
    assert cli.main(["build", "--data", str(folder), "--out", str(tmp_path / "out")]) == 0
    values = _read(tmp_path / "out" / "daten", "index_werte.csv")
    assert set(values["index_id"]) == {"status"}
    status = values.set_index("sozialraum_id")["klasse"]
    expected = official.set_index("id")["status_index_class"]
    assert status.notna().sum() == 436
    assert status.reindex(expected.index).tolist() == expected.tolist()
    assert status.value_counts().to_dict() == COUNTS["status"]
