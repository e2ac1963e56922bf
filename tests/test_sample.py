"""The bundled sample release: valid, honest about being synthetic, regenerable, and
`sozmon check` fails clearly on broken copies of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from sozmon import pipeline
from sozmon.problems import errors
from tools import make_sample

SAMPLE = Path(__file__).resolve().parents[1] / "datapackage"


@pytest.fixture(scope="module")
def sample():
    release, problems = pipeline.open_release(SAMPLE)
    assert errors(problems) == [], problems
    return release


def test_sample_has_the_structure_of_gelsenkirchen(sample):
    areas = sample.areas
    assert len(areas) == 40
    assert areas["stadtteil"].nunique() == 18
    assert areas["stadtbezirk"].nunique() == 5
    assert areas["sozialraum_id"].str.len().eq(2).all() and "01" in set(areas["sozialraum_id"])
    assert sample.years == list(range(2018, 2025))
    in_index = sample.indicators["dimension_id"].notna()
    assert in_index.sum() == 17 and (~in_index).sum() >= 1
    assert sample.indicators.loc[in_index].groupby("dimension_id").size().to_dict() == {
        "bildung": 4,
        "gesundheit": 4,
        "integration": 3,
        "wirtschaft": 3,
        "wohnen": 3,
    }


def test_sample_says_it_is_synthetic(sample):
    assert sample.settings.synthetic is True
    assert "synthetisch" in sample.metadata["title"].lower()
    assert "synthetisch" in sample.metadata["description"].lower()


def test_sample_exercises_the_small_number_rules(sample):
    counts = sample.values["zaehler"]
    assert counts.isin([1, 2]).sum() >= 5
    assert (sample.values["nenner"] < sample.settings.method.min_denominator).sum() >= 1
    assert sample.values["zaehler"].isna().sum() >= 1  # some rows are delivered only as a rate


def test_sample_levels_are_realistic():
    result = pipeline.results(pipeline.open_release(SAMPLE)[0])
    city = result.aggregates.query("ebene == 'stadt'").set_index(["indikator_id", "jahr"])["wert"]
    assert 38 <= city["sgb2_u15", 2018] <= 43  # 40.4 % in 2018
    assert 11 <= city["uebergewicht", 2023] <= 15  # about 13 %
    index = result.index.query("dimension_id == 'gesamt' and jahr == 2024")
    names = pipeline.open_release(SAMPLE)[0].areas.set_index("sozialraum_id")["name"]
    ranked = index.dropna(subset=["rang"]).sort_values("rang")["sozialraum_id"].map(names).tolist()
    assert set(ranked[:3]) == {"Schalke-Nord", "Altstadt", "Neustadt"}
    assert ranked[-1] == "Buer-Ost"


def test_sample_is_what_the_script_generates(tmp_path):
    make_sample.write_sample(tmp_path / "neu")
    for path in sorted(SAMPLE.iterdir()):
        assert (tmp_path / "neu" / path.name).read_bytes() == path.read_bytes(), path.name


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "kopie"
    shutil.copytree(SAMPLE, target)
    return target


def test_broken_copy_lists_every_problem(tmp_path):
    data = _copy(tmp_path)
    lines = (data / "werte.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    cells = lines[9].split(";")
    cells[header.index("nenner")] = "0"
    lines[9] = ";".join(cells)
    cells = lines[20].split(";")
    cells[header.index("sozialraum_id")] = "7"  # Excel dropped the leading zero
    lines[20] = ";".join(cells)
    (data / "werte.csv").write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    geo = json.loads((data / "sozialraeume.geojson").read_text(encoding="utf-8"))
    # a bow tie: the ring crosses itself
    geo["features"][4]["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[7.10, 51.52], [7.12, 51.54], [7.12, 51.52], [7.10, 51.54], [7.10, 51.52]]],
    }
    (data / "sozialraeume.geojson").write_text(json.dumps(geo), encoding="utf-8")
    _, problems = pipeline.open_release(data)
    found = {(p.file, p.row, p.field, p.code) for p in errors(problems)}
    assert ("werte.csv", 10, "nenner", "denominator-zero") in found
    assert ("werte.csv", 21, "sozialraum_id", "unknown-reference") in found
    assert any(f == "sozialraeume.geojson" and r == 5 and c.startswith("geometry") for f, r, _, c in found)


def test_build_on_the_sample_writes_every_area_and_year(tmp_path):
    pipeline.build(SAMPLE, tmp_path / "out")
    index = pd.read_csv(tmp_path / "out" / "daten" / "index.csv", dtype={"sozialraum_id": str})
    assert index["sozialraum_id"].nunique() == 40
    assert len(index) == 40 * 7 * 6
