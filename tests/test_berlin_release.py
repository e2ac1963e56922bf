"""Berlin's Monitoring Soziale Stadtentwicklung 2019 as a sozmon release, end to end:
read from disk, checked, computed and written by `sozmon build`, and the published
status classes compared with the official ones for all 436 Planungsräume."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
import yaml

from sozmon import cli

SHARED = Path(os.environ.get("SOZMON_SHARED", Path(__file__).resolve().parents[2] / "shared"))
BERLIN = SHARED / "data" / "berlin-mss"

INDICATORS = {
    "s1": ("s1_percentage_unemployed", "Arbeitslose"),
    "s3": ("s3_percentage_transfer_payments_recipients", "Transferbezug"),
    "s4": ("s4_percentage_transfer_payments_recipients_below_15_years", "Transferbezug unter 15"),
}

# Berlin: hoch < −1.0 ≤ mittel ≤ +1.0 < niedrig ≤ +1.5 < sehr niedrig, on a scale where
# higher = worse. sozmon orients every indicator so that higher = better, so the same
# classes read: sehr niedrig < −1.5 ≤ niedrig < −1.0 ≤ mittel ≤ +1.0 < hoch.
SETTINGS = {
    "city": "Berlin",
    "index_name": "Statusindex (MSS 2019, nachgerechnet)",
    "publication": {"publisher": "Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin (nachgerechnet)"},
    "method": {
        "min_denominator": 0,
        "restandardise_dimensions": True,
        "classes": {
            "cuts": [-1.5, -1.0, 1.0],
            "labels": ["sehr niedrig", "niedrig", "mittel", "hoch"],
            "boundary": ["oben", "oben", "unten"],
        },
    },
}


def write_berlin_release(folder: Path) -> pd.DataFrame:
    """Write the release; return the official table for comparison."""
    if not BERLIN.is_dir():
        pytest.skip(f"Berlin MSS data not found at {BERLIN} (set SOZMON_SHARED)")
    official = pd.read_csv(BERLIN / "mss-2019-planning-areas.csv", dtype={"id": str})
    folder.mkdir(parents=True)
    (folder / "sozialraeume.geojson").write_text(json.dumps(_areas()), encoding="utf-8")
    pd.DataFrame(
        [{"dimension_id": "status", "name": "Status", "beschreibung": "Sozialer Status", "gewicht": 1}]
    ).to_csv(folder / "dimensionen.csv", index=False)
    pd.DataFrame(
        [
            {
                "indikator_id": k,
                "name": name,
                "dimension_id": "status",
                "richtung": -1,
                "einheit": "%",
                "faktor": 1,
                "gewicht": 1,
            }
            for k, (_, name) in INDICATORS.items()
        ]
    ).to_csv(folder / "indikatoren.csv", index=False)
    values = pd.concat(
        [
            pd.DataFrame(
                {
                    "sozialraum_id": official["id"],
                    "jahr": 2019,
                    "indikator_id": k,
                    "zaehler": None,
                    "nenner": None,
                    "wert": official[column],
                }
            )
            for k, (column, _) in INDICATORS.items()
        ]
    )
    values.to_csv(folder / "werte.csv", index=False)
    (folder / "sozmon.yml").write_text(yaml.safe_dump(SETTINGS, allow_unicode=True), encoding="utf-8")
    (folder / "datapackage.json").write_text(json.dumps(_descriptor(), indent=2), encoding="utf-8")
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


def _descriptor() -> dict:
    def field(name, kind):
        return {"name": name, "type": kind}

    return {
        "name": "berlin-mss-2019",
        "title": "MSS 2019 Berlin (Statusindex, Test)",
        "resources": [
            {"name": "sozialraeume", "path": "sozialraeume.geojson", "format": "geojson"},
            {
                "name": "dimensionen",
                "path": "dimensionen.csv",
                "schema": {
                    "fields": [
                        field("dimension_id", "string"),
                        field("name", "string"),
                        field("beschreibung", "string"),
                        field("gewicht", "number"),
                    ]
                },
            },
            {
                "name": "indikatoren",
                "path": "indikatoren.csv",
                "schema": {
                    "fields": [
                        field("indikator_id", "string"),
                        field("name", "string"),
                        field("dimension_id", "string"),
                        field("richtung", "integer"),
                        field("einheit", "string"),
                        field("faktor", "number"),
                        field("gewicht", "number"),
                    ]
                },
            },
            {
                "name": "werte",
                "path": "werte.csv",
                "schema": {
                    "fields": [
                        field("sozialraum_id", "string"),
                        field("jahr", "integer"),
                        field("indikator_id", "string"),
                        field("zaehler", "number"),
                        field("nenner", "number"),
                        field("wert", "number"),
                    ],
                    "primaryKey": ["sozialraum_id", "jahr", "indikator_id"],
                },
            },
        ],
    }


def test_build_reproduces_every_official_status_class(tmp_path, capsys):
    official = write_berlin_release(tmp_path / "berlin")
    assert cli.main(["build", "--data", str(tmp_path / "berlin"), "--out", str(tmp_path / "out")]) == 0
    index = pd.read_csv(tmp_path / "out" / "daten" / "index.csv", dtype={"sozialraum_id": str})
    status = index[index["dimension_id"] == "gesamt"].set_index("sozialraum_id")["klasse"]
    expected = official.set_index("id")["status_index_class"]
    assert status.notna().sum() == 436  # the 12 LOR areas without MSS values get no class
    assert set(status[status.isna()].index).isdisjoint(expected.index)
    assert status.reindex(expected.index).tolist() == expected.tolist()
    assert status.value_counts().to_dict() == {"mittel": 283, "hoch": 67, "niedrig": 47, "sehr niedrig": 39}


def test_berlin_check_passes_with_warnings_for_areas_without_data(tmp_path, capsys):
    write_berlin_release(tmp_path / "berlin")
    assert cli.main(["check", "--data", str(tmp_path / "berlin"), "--format", "json"]) == 0
    problems = json.loads(capsys.readouterr().out)
    assert {p["code"] for p in problems} == {"area-without-data"}
    assert len(problems) == 448 - 436  # LOR areas without MSS values (forests, parks, < 300 inhabitants)
