"""Berlin's Monitoring Soziale Stadtentwicklung 2019: reproduce the official status index.

A real second city (SAMPLE-BASIS.md, 'Berlin MSS'): s1, s3, s4 are delivered as rates
per Planungsraum; the MSS z-standardises them with the population SD, sums, standardises
the sum again and classes it 'hoch < −1.0 ≤ mittel ≤ +1.0 < niedrig ≤ +1.5 < sehr
niedrig'. Our orientation is the other way round (higher = better), so our index is
−(official status index): richtung −1, and the class boundaries mirrored.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from sozmon.compute import compute
from sozmon.model import TOTAL, Release
from sozmon.settings import from_dict

SHARED = Path(os.environ.get("SOZMON_SHARED", Path(__file__).resolve().parents[2] / "shared"))
FOLDER = SHARED / "data/berlin-mss"
CSV = FOLDER / "mss-2019-planning-areas.csv"

INDICATORS = {
    "s1": "s1_percentage_unemployed",
    "s3": "s3_percentage_transfer_payments_recipients",
    "s4": "s4_percentage_transfer_payments_recipients_below_15_years",
}

if not CSV.exists():
    pytest.skip(
        f"Berlin MSS data not found at {FOLDER} (set SOZMON_SHARED to the shared folder)", allow_module_level=True
    )


@pytest.fixture(scope="module")
def official() -> pd.DataFrame:
    return pd.read_csv(CSV, dtype={"id": str})


@pytest.fixture(scope="module")
def result(official):
    values = pd.concat(
        [
            pd.DataFrame(
                {
                    "sozialraum_id": official["id"],
                    "jahr": 2019,
                    "indikator_id": iid,
                    "zaehler": pd.NA,
                    "nenner": pd.NA,
                    "wert": official[column],
                }
            )
            for iid, column in INDICATORS.items()
        ],
        ignore_index=True,
    )
    values[["zaehler", "nenner", "wert"]] = values[["zaehler", "nenner", "wert"]].astype("Float64")
    indicators = pd.DataFrame(
        {
            "indikator_id": list(INDICATORS),
            "name": list(INDICATORS.values()),
            "dimension_id": "status",
            "richtung": -1,
            "einheit": "%",
            "faktor": 100.0,
            "zaehler": "",
            "nenner": "",
            "quelle": "MSS 2019",
            "gewicht": 1.0,
        }
    )
    dimensions = pd.DataFrame({"dimension_id": ["status"], "name": ["Status"], "beschreibung": [""], "gewicht": [1.0]})
    areas = gpd.GeoDataFrame(
        {"sozialraum_id": official["id"], "name": official["name"], "stadtteil": pd.NA, "stadtbezirk": pd.NA},
        geometry=gpd.GeoSeries([None] * len(official)),
        crs=4326,
    )
    settings, problems = from_dict(
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
    assert problems == []
    return compute(Release(areas, dimensions, indicators, values, settings))


def test_ids_keep_leading_zeros(result):
    assert len(result.index) == 2 * 436  # status and gesamt
    assert result.index["sozialraum_id"].str.len().eq(8).all()
    assert result.index["sozialraum_id"].iloc[0] == "01011101"


def test_z_scores_match_the_published_ones(result, official):
    """Our z = −(official z), up to the 5 decimals the table is rounded to."""
    values = result.indicator_values
    for iid, column in INDICATORS.items():
        ours = values[values["indikator_id"] == iid].set_index("sozialraum_id")["z_wert"]
        theirs = official.set_index("id")[f"z_{column}"]
        assert (ours.astype(float) + theirs.reindex(ours.index)).abs().max() < 1e-4


def test_all_436_status_classes_reproduced(result, official):
    index = result.index[result.index["dimension_id"] == TOTAL].set_index("sozialraum_id")
    expected = official.set_index("id")["status_index_class"]
    assert len(index) == 436
    mismatches = index["klasse"].ne(expected.reindex(index.index))
    assert not mismatches.any(), index[mismatches]
    assert index["klasse"].value_counts().to_dict() == {"hoch": 67, "mittel": 283, "niedrig": 47, "sehr niedrig": 39}


def test_status_index_is_standardised_again(result):
    index = result.index[result.index["dimension_id"] == TOTAL]["wert"].astype(float)
    assert index.mean() == pytest.approx(0, abs=1e-12)
    assert index.std(ddof=0) == pytest.approx(1)
    # official ranges (SOURCES.md): sehr niedrig [1.51, 3.62] → our lowest value −3.62
    assert index.min() == pytest.approx(-3.62, abs=0.01)
