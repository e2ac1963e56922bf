"""Berlin's Monitoring Soziale Stadtentwicklung 2019: reproduce the official classifications.

A real second city (SAMPLE-BASIS.md, 'Berlin MSS'): s1, s3, s4 are delivered as rates
per Planungsraum, d1, d3, d4 as their two-year changes in percentage points. The MSS
z-standardises each group with the population SD, sums, standardises the sum again and
classes the status index 'hoch < −1.0 ≤ mittel ≤ +1.0 < niedrig ≤ +1.5 < sehr niedrig',
the dynamics index 'positiv < −1.0 ≤ stabil ≤ +1.0 < negativ', and crosses both
('Status mittel, Dynamik stabil'). Our orientation is the other way round (higher =
better), so our indices are −(official index): richtung −1, and the class boundaries
mirrored.

The expected values are the official table's columns (`status_index_class`,
`dynamic_index_class`, `status_dynamic_index_class`), never sozmon's own output. The v2
definitions are read from tests/data/berlin-mss-2019/, the files docs/beispiel-berlin.md
shows (test_berlin_release checks that the page quotes them).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import yaml

from sozmon.compute import compute
from sozmon.compute.index import classify
from sozmon.model import INDICATOR_COLUMNS, Release
from sozmon.settings import Classes, from_dict

SHARED = Path(os.environ.get("SOZMON_SHARED", Path(__file__).resolve().parents[2] / "shared"))
FOLDER = SHARED / "data/berlin-mss"
CSV = FOLDER / "mss-2019-planning-areas.csv"
GEOMETRY = FOLDER / "berlin-lor-planning-areas-until-2020.geojson"
EXAMPLE = Path(__file__).resolve().parent / "data" / "berlin-mss-2019"

STATUS = {
    "s1": "s1_percentage_unemployed",
    "s3": "s3_percentage_transfer_payments_recipients",
    "s4": "s4_percentage_transfer_payments_recipients_below_15_years",
}
DYNAMICS = {
    "d1": "d1_percentage_unemployed",
    "d3": "d3_percentage_transfer_payments_recipients",
    "d4": "d4_percentage_transfer_payments_recipients_below_15_years",
}
# Counted by hand from the official columns (SOURCES.md; tests/data/berlin-mss-2019).
STATUS_COUNTS = {"mittel": 283, "hoch": 67, "niedrig": 47, "sehr niedrig": 39}
DYNAMICS_COUNTS = {"stabil": 357, "positiv": 46, "negativ": 33}
TYPE_COUNTS = {
    "Status mittel, Dynamik stabil": 243,
    "Status hoch, Dynamik stabil": 65,
    "Status niedrig, Dynamik stabil": 30,
    "Status mittel, Dynamik negativ": 26,
    "Status sehr niedrig, Dynamik stabil": 19,
    "Status sehr niedrig, Dynamik positiv": 18,
    "Status niedrig, Dynamik positiv": 14,
    "Status mittel, Dynamik positiv": 14,
    "Status niedrig, Dynamik negativ": 3,
    "Status sehr niedrig, Dynamik negativ": 2,
    "Status hoch, Dynamik negativ": 2,
}
# The LOR Planungsräume without an MSS row: mostly < 300 inhabitants (forests, parks),
# and one outlier (10010203, Gewerbegebiet Bitterfelder Straße). No class for them.
WITHOUT_MSS = {
    "01011102",
    "01022103",
    "03010104",
    "04020204",
    "04020314",
    "04041133",
    "04041239",
    "04061757",
    "09010102",
    "09041403",
    "10010203",
    "12214528",
}

if not CSV.exists():
    pytest.skip(
        f"Berlin MSS data not found at {FOLDER} (set SOZMON_SHARED to the shared folder)", allow_module_level=True
    )


@pytest.fixture(scope="module")
def official() -> pd.DataFrame:
    return pd.read_csv(CSV, dtype={"id": str}).set_index("id")


def _areas(official: pd.DataFrame) -> gpd.GeoDataFrame:
    """Every Planungsraum of the MSS table and the LOR areas without MSS values."""
    names = {f["properties"]["id"]: f["properties"]["name"] for f in json.loads(GEOMETRY.read_text())["features"]}
    extra = sorted(WITHOUT_MSS)
    assert set(extra) <= set(names) and not set(extra) & set(official.index)
    ids = [*official.index, *extra]
    return gpd.GeoDataFrame(
        {
            "sozialraum_id": pd.Series(ids, dtype="string"),
            "name": pd.Series([*official["name"], *(names[i] for i in extra)], dtype="string"),
            "stadtteil": pd.Series(pd.NA, index=range(len(ids)), dtype="string"),
            "stadtbezirk": pd.Series([i[:2] for i in ids], dtype="string"),
        },
        geometry=gpd.GeoSeries([None] * len(ids)),
        crs=4326,
    )


def _values(official: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    values = pd.concat(
        [
            pd.DataFrame(
                {
                    "sozialraum_id": official.index,
                    "jahr": 2019,
                    "indikator_id": iid,
                    "zaehler": pd.NA,
                    "nenner": pd.NA,
                    "wert": official[column].to_numpy(),
                }
            )
            for iid, column in columns.items()
        ],
        ignore_index=True,
    )
    values[["zaehler", "nenner", "wert"]] = values[["zaehler", "nenner", "wert"]].astype("Float64")
    return values


def _catalogue(rows: pd.DataFrame) -> pd.DataFrame:
    """The indicator catalogue, typed as the loader types it (model.Release)."""
    out = pd.DataFrame({c: rows[c] if c in rows else pd.NA for c in INDICATOR_COLUMNS})
    for column in INDICATOR_COLUMNS:
        if column == "richtung":
            out[column] = pd.to_numeric(out[column]).astype("Int64")
        elif column in ("faktor", "gewicht"):
            out[column] = pd.to_numeric(out[column].replace("", pd.NA)).astype("Float64").fillna(1.0)
        else:
            out[column] = out[column].astype("string").str.strip().replace("", pd.NA)
    return out


def _settings(raw: dict):
    settings, problems = from_dict(raw)
    assert problems == []
    return settings


# --- v1: one implicit status index from indikatoren.dimension_id ----------------------


@pytest.fixture(scope="module")
def v1_result(official):
    indicators = _catalogue(
        pd.DataFrame(
            {
                "indikator_id": list(STATUS),
                "name": list(STATUS.values()),
                "dimension_id": "status",
                "richtung": -1,
                "einheit": "%",
                "faktor": 100.0,
                "quelle": "MSS 2019",
                "gewicht": 1.0,
            }
        )
    )
    dimensions = pd.DataFrame({"dimension_id": ["status"], "name": ["Status"], "beschreibung": [""], "gewicht": [1.0]})
    settings = _settings(
        {
            "city": "Berlin",
            "method": {
                "restandardise_dimensions": True,
                "classes": {
                    "cuts": [-1.5, -1.0, 1.0],
                    "labels": ["sehr niedrig", "niedrig", "mittel", "hoch"],
                    "boundary": ["oben", "oben", "unten"],
                },
            },
        }
    )
    return compute(Release(_areas(official), dimensions, indicators, _values(official, STATUS), settings))


def _index(result, index_id: str) -> pd.DataFrame:
    frame = result.indices[result.indices["index_id"] == index_id]
    assert frame["sozialraum_id"].is_unique
    return frame.set_index("sozialraum_id")


def test_ids_keep_leading_zeros(v1_result):
    index = _index(v1_result, "status")
    assert len(index) == 436 + len(WITHOUT_MSS)
    assert (index.index.str.len() == 8).all()
    assert "01011101" in index.index


def test_z_scores_match_the_published_ones(v1_result, official):
    """Our z = −(official z), up to the 5 decimals the table is rounded to."""
    values = v1_result.indicator_values
    for iid, column in STATUS.items():
        ours = values[values["indikator_id"] == iid].set_index("sozialraum_id")["z_wert"]
        theirs = official[f"z_{column}"]
        assert (ours.astype(float) + theirs.reindex(ours.index)).abs().max() < 1e-4


def test_all_436_status_classes_reproduced(v1_result, official):
    _assert_classes(_index(v1_result, "status"), official["status_index_class"], STATUS_COUNTS)


def test_status_index_is_standardised_again(v1_result):
    index = _index(v1_result, "status")["wert"].dropna().astype(float)
    assert len(index) == 436
    assert index.mean() == pytest.approx(0, abs=1e-12)
    assert index.std(ddof=0) == pytest.approx(1)
    # official ranges (SOURCES.md): sehr niedrig [1.51, 3.62] → our lowest value −3.62
    assert index.min() == pytest.approx(-3.62, abs=0.01)


def _assert_classes(ours: pd.DataFrame, expected: pd.Series, counts: dict[str, int]) -> None:
    """Every official class reproduced; every area without MSS values without a class."""
    assert set(ours.index) == set(expected.index) | WITHOUT_MSS
    classes = ours["klasse"].reindex(expected.index)
    mismatches = classes.ne(expected)
    assert not mismatches.any(), pd.DataFrame({"ours": classes, "official": expected})[mismatches]
    assert ours.loc[sorted(WITHOUT_MSS), ["wert", "klasse"]].isna().all().all()
    assert ours["klasse"].value_counts().to_dict() == counts


# --- v2: status, dynamics and their typology, as docs/beispiel-berlin.md defines them --


@pytest.fixture(scope="module")
def release(official) -> Release:
    settings = _settings(yaml.safe_load((EXAMPLE / "sozmon.yml").read_text(encoding="utf-8")))
    catalogue = pd.read_csv(EXAMPLE / "indikatoren.csv", dtype=str, keep_default_na=False)
    dimensions = pd.read_csv(EXAMPLE / "dimensionen.csv", dtype="string").assign(gewicht=1.0)
    values = _values(official, {**STATUS, **DYNAMICS})
    return Release(_areas(official), dimensions, _catalogue(catalogue), values, settings)


@pytest.fixture(scope="module")
def result(release):
    return compute(release)


def test_the_example_defines_two_indices_and_one_typology(release):
    assert [(s.id, s.kind, s.indicator_ids) for s in release.indices] == [
        ("status", "status", ["s1", "s3", "s4"]),
        ("dynamik", "dynamics", ["d1", "d3", "d4"]),
    ]
    assert release.index("dynamik").period is None  # d1, d3, d4 are delivered changes
    # The example leaves the dynamics classes to the default: Berlin's, mirrored.
    assert release.index("dynamik").classes == Classes(
        cuts=(-1.0, 1.0), labels=("negativ", "stabil", "positiv"), boundary=("oben", "unten")
    )
    [typology] = release.typologies
    assert (typology.first, typology.second) == ("status", "dynamik")


def _berlin_status(b: float) -> str:
    """Berlin's rule, as published: hoch < −1.0 ≤ mittel ≤ +1.0 < niedrig ≤ +1.5 < sehr niedrig."""
    return "hoch" if b < -1.0 else "mittel" if b <= 1.0 else "niedrig" if b <= 1.5 else "sehr niedrig"


def _berlin_dynamics(b: float) -> str:
    """Berlin's rule, as published: positiv < −1.0 ≤ stabil ≤ +1.0 < negativ."""
    return "positiv" if b < -1.0 else "stabil" if b <= 1.0 else "negativ"


def test_mirrored_classes_put_values_on_a_cut_where_berlin_does(release):
    """No Planungsraum lies exactly on a cut, so the 436 rows cannot tell `boundary`:
    a Berlin value B is our −B, on and beside every cut."""
    for index_id, berlin in (("status", _berlin_status), ("dynamik", _berlin_dynamics)):
        b = pd.Series([c + d for c in (-1.5, -1.0, 1.0, 1.5) for d in (-1e-9, 0.0, 1e-9)])
        ours = classify(-b, release.index(index_id).classes)
        assert ours.tolist() == [berlin(x) for x in b], index_id


def test_v2_status_classes_reproduced_for_all_planungsraeume(result, official):
    _assert_classes(_index(result, "status"), official["status_index_class"], STATUS_COUNTS)


def test_v2_dynamics_classes_reproduced_for_all_planungsraeume(result, official):
    _assert_classes(_index(result, "dynamik"), official["dynamic_index_class"], DYNAMICS_COUNTS)


def test_both_indices_are_standardised_again(result):
    for index_id in ("status", "dynamik"):
        wert = _index(result, index_id)["wert"].dropna().astype(float)
        assert len(wert) == 436
        assert wert.mean() == pytest.approx(0, abs=1e-12)
        assert wert.std(ddof=0) == pytest.approx(1)


def test_dynamics_z_scores_match_the_published_zd1(result, official):
    """The table's z_d* columns are shifted (SOURCES.md): z of d1 stands in the column
    z_d4_…; ours is −(that), richtung −1."""
    values = result.indicator_values
    ours = values[values["indikator_id"] == "d1"].set_index("sozialraum_id")["z_wert"].dropna().astype(float)
    theirs = official["z_d4_percentage_transfer_payments_recipients_below_15_years"].astype(float)
    assert len(ours) == 436
    assert (ours + theirs.reindex(ours.index)).abs().max() < 1e-4


def _typology(result) -> pd.DataFrame:
    frame = result.typologies[result.typologies["typologie_id"] == "status-dynamik"]
    assert frame["sozialraum_id"].is_unique
    return frame.set_index("sozialraum_id")


def test_status_dynamic_types_reproduced_for_all_planungsraeume(result, official):
    types = _typology(result)
    expected = official["status_dynamic_index_class"]
    assert set(expected.index) <= set(types.index) <= set(expected.index) | WITHOUT_MSS
    for column, theirs in (
        ("typ", expected),
        ("klasse_1", official["status_index_class"]),
        ("klasse_2", official["dynamic_index_class"]),
    ):
        ours = types[column].reindex(expected.index)
        mismatches = ours.ne(theirs)
        assert not mismatches.any(), (column, pd.DataFrame({"ours": ours, "official": theirs})[mismatches])
    without = types[types.index.isin(WITHOUT_MSS)]
    assert without[["klasse_1", "klasse_2", "typ", "aufmerksamkeit"]].isna().all().all()
    assert types["typ"].value_counts().to_dict() == TYPE_COUNTS


def test_attention_follows_berlins_rule(result, official):
    """Berlin's 'Gebiete mit besonderem Aufmerksamkeitsbedarf': status niedrig or sehr
    niedrig, or status mittel with dynamics negativ; sozmon's default rule."""
    status, dynamics = official["status_index_class"], official["dynamic_index_class"]
    expected = status.isin(["niedrig", "sehr niedrig"]) | ((status == "mittel") & (dynamics == "negativ"))
    assert expected.sum() == 39 + 47 + 26
    ours = _typology(result)["aufmerksamkeit"].reindex(expected.index)
    assert ours.notna().all()
    assert ours.astype(bool).tolist() == expected.tolist()
