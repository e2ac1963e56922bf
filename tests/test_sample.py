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


def _members(spec) -> dict[str, list[str]]:
    return {d.id: [m.indicator_id for m in d.members] for d in spec.dimensions}


def test_sample_defines_its_indices_in_the_settings(sample):
    assert [(s.id, s.kind) for s in sample.indices] == [
        ("kinder", "status"),
        ("kinder-dynamik", "dynamics"),
        ("aeltere", "status"),
    ]
    kinder, dynamik, aeltere = sample.indices
    # The v1 index, unchanged: 17 indicators in the five pillars of "Kein Kind zurücklassen!".
    assert (kinder.name, kinder.short_name) == ("Partizipation von Kindern", "Teilhabechancen")
    assert {d: len(m) for d, m in _members(kinder).items()} == {
        "wirtschaft": 3,
        "integration": 3,
        "gesundheit": 4,
        "bildung": 4,
        "wohnen": 3,
    }
    assert {m.weight for d in kinder.dimensions for m in d.members} | {d.weight for d in kinder.dimensions} == {1.0}
    assert (dynamik.basis, dynamik.period) == ("kinder", 2)
    assert _members(dynamik) == _members(kinder)
    assert dynamik.classes.labels == ("negativ", "stabil", "positiv")
    # The older people's index: night noise shared with the children's, the rest its own.
    assert 2 <= len(aeltere.dimensions) <= 3
    shared = set(aeltere.indicator_ids) & set(kinder.indicator_ids)
    assert shared == {"laerm"}
    assert len(set(aeltere.indicator_ids) - shared) >= 4
    (typology,) = sample.typologies
    assert (typology.first, typology.second) == ("kinder", "kinder-dynamik")
    # the default label: the two indices' short names with their classes
    assert typology.type_label("niedrig", "negativ") == "Teilhabechancen niedrig, Entwicklung negativ"


def test_sample_catalogue_has_no_v1_index_columns(sample):
    header = (SAMPLE / "indikatoren.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "dimension_id" not in header and "gewicht" not in header
    descriptor = json.loads((SAMPLE / "datapackage.json").read_text(encoding="utf-8"))
    schema = next(r["schema"] for r in descriptor["resources"] if r["name"] == "indikatoren")
    assert [f["name"] for f in schema["fields"]] == header
    assert "foreignKeys" not in schema
    # Context indicators are in no index and are not judged.
    in_index = {i for spec in sample.indices for i in spec.indicator_ids}
    context = sample.indicators[~sample.indicators["indikator_id"].isin(in_index)]
    assert {"anteil_u18", "arbeitslose", "anteil_65"} <= set(context["indikator_id"])
    assert context["richtung"].isna().all()
    assert sample.indicators.loc[sample.indicators["indikator_id"].isin(in_index), "richtung"].notna().all()


def test_sample_says_it_is_synthetic(sample):
    assert sample.settings.synthetic is True
    assert "synthetisch" in sample.metadata["title"].lower()
    assert "synthetisch" in sample.metadata["description"].lower()


def test_sample_exercises_the_small_number_rules(sample):
    counts = sample.values["zaehler"]
    assert counts.isin([1, 2]).sum() >= 5
    assert (sample.values["nenner"] < sample.settings.method.min_denominator).sum() >= 1
    assert sample.values["zaehler"].isna().sum() >= 1  # some rows are delivered only as a rate


@pytest.fixture(scope="module")
def computed(sample):
    return pipeline.results(sample)


def _names(sample) -> pd.Series:
    return sample.areas.set_index("sozialraum_id")["name"]


def test_sample_levels_are_realistic(sample, computed):
    city = computed.aggregates.query("ebene == 'stadt'").set_index(["indikator_id", "jahr"])["wert"]
    assert 38 <= city["sgb2_u15", 2018] <= 43  # 40.4 % in 2018
    assert 11 <= city["uebergewicht", 2023] <= 15  # about 13 %
    # SAMPLE-BASIS.md's ranges for a Ruhr city (the sample's own numbers are invented).
    assert 5 <= city["grusi_65", 2024] <= 7.5
    assert 15 <= city["pflege_65", 2024] <= 20
    assert 50 <= city["allein_80", 2024] <= 60
    assert 60 <= city["nahversorgung_65", 2024] <= 90
    index = computed.indices.query("index_id == 'kinder' and jahr == 2024")
    ranked = index.dropna(subset=["rang"]).sort_values("rang")["sozialraum_id"].map(_names(sample)).tolist()
    assert set(ranked[:3]) == {"Schalke-Nord", "Altstadt", "Neustadt"}
    assert ranked[-1] == "Buer-Ost"


def test_sample_older_peoples_index_follows_the_childrens_only_in_part(computed):
    values = computed.indices.query("jahr == 2024").pivot(index="sozialraum_id", columns="index_id", values="wert")
    values = values.astype(float).dropna()
    correlation = values["kinder"].corr(values["aeltere"], method="spearman")
    assert 0.4 <= correlation <= 0.9


def test_sample_development_is_mostly_stable_with_areas_needing_attention(sample, computed):
    dynamics = computed.indices.query("index_id == 'kinder-dynamik' and jahr == 2024")["klasse"].value_counts()
    assert dynamics["stabil"] > 40 / 2
    assert dynamics["negativ"] >= 1 and dynamics["positiv"] >= 1
    types = computed.typologies.query("typologie_id == 'lage-entwicklung' and jahr == 2024")
    low_and_worse = types[types["klasse_1"].isin(["sehr niedrig", "niedrig"]) & (types["klasse_2"] == "negativ")]
    assert len(low_and_worse) >= 1 and low_and_worse["aufmerksamkeit"].all()
    assert types.loc[types["klasse_1"].isin(["hoch", "sehr hoch"]), "aufmerksamkeit"].eq(False).all()


LOW = ["sehr niedrig", "niedrig"]


def test_sample_has_low_areas_that_improve_and_low_areas_that_worsen(sample, computed):
    names = _names(sample)
    types = computed.typologies.query("typologie_id == 'lage-entwicklung'").copy()
    types["name"] = types["sozialraum_id"].map(names)
    low = types[types["klasse_1"].isin(LOW)]
    for year in (2023, 2024):
        improving = low.query("jahr == @year and klasse_2 == 'positiv'")
        # Schalke-West: the invented "Quartiersprogramm" from 2022 (tools/make_sample.py).
        assert improving["name"].tolist() == ["Schalke-West"], year
        assert improving["typ"].tolist() == [f"Teilhabechancen {improving['klasse_1'].item()}, Entwicklung positiv"]
        # A low area needs attention whatever its development (the sample's first rule).
        assert improving["aufmerksamkeit"].all()
    worsening = low.query("jahr == 2024 and klasse_2 == 'negativ'")
    # The lowest area of the public story keeps falling behind; it is not the only one.
    assert "Schalke-Nord" in set(worsening["name"]) and len(worsening) >= 2
    assert worsening["aufmerksamkeit"].all()
    # Schalke-West improves, but stays low: its index rises from 2022 to 2024 and its
    # SGB II rate of the under-15s falls, while the Kita attendance of 3-6-year-olds rises.
    index = computed.indices.query("index_id == 'kinder'")
    west = index[index["sozialraum_id"].map(names) == "Schalke-West"].set_index("jahr")["wert"]
    assert west[2022] < west[2023] < west[2024] < -0.5
    values = computed.indicator_values
    rate = values[values["sozialraum_id"].map(names) == "Schalke-West"].set_index(["indikator_id", "jahr"])["wert"]
    assert rate["sgb2_u15", 2024] <= rate["sgb2_u15", 2021] - 3
    assert rate["kita_36", 2024] >= rate["kita_36", 2021] + 3


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
    index = pd.read_csv(tmp_path / "out" / "daten" / "index_werte.csv", dtype={"sozialraum_id": str})
    assert set(index["index_id"]) == {"kinder", "kinder-dynamik", "aeltere"}
    assert index.groupby("index_id")["sozialraum_id"].nunique().eq(40).all()
    assert len(index.query("index_id == 'kinder'")) == 40 * 7
