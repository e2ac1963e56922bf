"""Uncertainty from the method (compute/sensitivity.py): rank ranges over the variants and
Sobol indices, checked against values computed by hand or analytically."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import indicator

from sozmon import contract, pipeline
from sozmon.compute import certainty, compute, engine, sensitivity
from sozmon.compute.suppress import suppress
from tests import factory

SAMPLE = Path(__file__).resolve().parents[1] / "datapackage"


# --- the Sobol wrapper on toy models -----------------------------------------------------


def test_sobol_of_an_additive_model_matches_the_analytic_indices():
    # Y = a·X1 + b·X2 (+ 0·X3), Xi uniform on [0, 1]: Var(a·X1) = a²/12, so
    # S1 = ST = a²/(a² + b²) = 0.8 for X1, 0.2 for X2 and 0 for X3 (additive: no interaction).
    # Tolerance 0.01: over seeds 0–49 at N = 1024 the largest error of any estimate was
    # 0.0037 (the scrambled Sobol sequence converges at about 1/N); the bootstrap half
    # widths are ~0.06, so 0.01 is tight, and a wrong estimator (e.g. a/(a + b) = 0.67) fails.
    a, b = 2.0, 1.0
    s = sensitivity.sobol(lambda x: a * x[:, 0] + b * x[:, 1], ["x1", "x2", "x3"], 1024, seed=7)
    expected = {"x1": a**2 / (a**2 + b**2), "x2": b**2 / (a**2 + b**2), "x3": 0.0}
    for factor, value in expected.items():
        assert s.at[factor, "s1"] == pytest.approx(value, abs=0.01)
        assert s.at[factor, "st"] == pytest.approx(value, abs=0.01)
    # X3 never changes Y: both estimators are sums of exact zeros
    assert s.at["x3", "s1"] == 0 and s.at["x3", "st"] == 0


def test_sobol_of_binary_factors_with_an_interaction():
    # Levels Li = (Xi ≥ 0.5), each 0 or 1 with probability 1/2; Y = L1·L2.
    # Var Y = 1/4 − 1/16 = 3/16. E[Y | L1] = L1/2, Var = 1/16: S1 = 1/3 (same for L2).
    # E[Var(Y | L2, L3)] = E[L2² · 1/4] = 1/8: ST = (1/8)/(3/16) = 2/3. L3: 0.
    # Tolerance as above (at N = 1024 these estimates came out exact over 50 seeds).
    s = sensitivity.sobol(
        lambda x: ((x[:, 0] >= 0.5) & (x[:, 1] >= 0.5)).astype(float), ["l1", "l2", "l3"], 1024, seed=3
    )
    for factor in ("l1", "l2"):
        assert s.at[factor, "s1"] == pytest.approx(1 / 3, abs=0.01)
        assert s.at[factor, "st"] == pytest.approx(2 / 3, abs=0.01)
    assert s.at["l3", "s1"] == 0 and s.at["l3", "st"] == 0


def test_sobol_of_a_constant_model_is_zero():
    s = sensitivity.sobol(lambda x: np.full(len(x), 2.5), ["x1", "x2"], 64, seed=1)
    assert (s.to_numpy() == 0).all()


def test_levels_number_the_variants_by_bit():
    x = np.array([[0.1, 0.2, 0.3], [0.5, 0.1, 0.9], [0.99, 0.5, 0.49]])
    assert sensitivity.levels(x).tolist() == [0, 1 + 4, 1 + 2]


# --- a release built by hand: 3 areas, weights 3 : 1 ------------------------------------


def _three_areas(make_release, settings=None):
    """Two dimensions of one indicator each, weighted 3 : 1; rates (30, 20, 10) % and
    (10, 30, 20) % in areas a, b, c, so z1 = (k, 0, −k) and z2 = (−k, k, 0), k = √1.5."""
    areas = [{"sozialraum_id": s, "name": s.upper()} for s in "abc"]
    dimensions = [
        {"dimension_id": "d1", "name": "D1", "beschreibung": "", "gewicht": 3},
        {"dimension_id": "d2", "name": "D2", "beschreibung": "", "gewicht": 1},
    ]
    indicators = [indicator("i1", "d1"), indicator("i2", "d2")]
    counts = {"i1": (300, 200, 100), "i2": (100, 300, 200)}
    values = [
        {"sozialraum_id": area, "jahr": 2020, "indikator_id": i, "zaehler": z, "nenner": 1000}
        for i, zs in counts.items()
        for area, z in zip("abc", zs)
    ]
    release = make_release(areas, dimensions, indicators, values, settings)
    return release, suppress(compute(release), release.settings)


def test_equal_weights_flip_two_ranks_computed_by_hand(make_release):
    # Given weights: a = (3k − k)/4 = 0.5k, b = (0 + k)/4 = 0.25k, c = −3k/4 → ranks 3, 2, 1.
    # Equal weights: a = 0, b = 0.5k, c = −0.5k → ranks 2, 3, 1: a and b swap.
    release, result = _three_areas(make_release)
    spec = release.indices[0]
    c = engine.cube(spec, result.indicator_values, release.indicators, certainty.area_ids(release), release.years)
    index, ranks = sensitivity.variant_scores(c, spec)
    k = math.sqrt(1.5)
    assert index[0, 0] == pytest.approx([0.5 * k, 0.25 * k, -0.75 * k], abs=1e-12)
    assert ranks[0, 0].tolist() == [3, 2, 1]
    equal = 1  # bit 0: gewichtung
    assert index[equal, 0] == pytest.approx([0.0, 0.5 * k, -0.5 * k], abs=1e-12)
    assert ranks[equal, 0].tolist() == [2, 3, 1]
    # Min–max instead of z (a: 1 and 0, b: 0.5 and 1, c: 0 and 0.5) gives the same flip:
    # given weights a = 3/4, b = 5/8, c = 1/8; equal a = 1/2, b = 3/4, c = 1/4.
    minmax = 8  # bit 3: normierung
    assert index[minmax, 0] == pytest.approx([3 / 4, 5 / 8, 1 / 8], abs=1e-12)
    assert index[minmax | equal, 0] == pytest.approx([1 / 2, 3 / 4, 1 / 4], abs=1e-12)


def test_rank_ranges_and_sobol_of_the_hand_built_release(make_release):
    release, result = _three_areas(make_release)
    out = sensitivity.assess(release, result)
    ranges = out[contract.METHOD_RANGES].set_index("sozialraum_id")
    # a and b swap under equal weights (and only then: each of the other choices keeps
    # the order of both weightings, see above), c is last in every variant
    assert ranges.loc[["a", "b", "c"], ["rang", "rang_min", "rang_max", "varianten"]].to_numpy().tolist() == [
        [3, 2, 3, 32],
        [2, 2, 3, 32],
        [1, 1, 1, 32],
    ]
    # The mean rank shift is 2/3 with equal weights and 0 without, whatever the other
    # choices: the weights explain all of it (S1 = ST = 1), every other choice none.
    sobol = out[contract.SENSITIVITY].set_index("methodenwahl")
    assert list(sobol.index) == list(sensitivity.FACTORS)
    assert sobol.at["gewichtung", "s1"] == pytest.approx(1, abs=0.01)
    assert sobol.at["gewichtung", "st"] == pytest.approx(1, abs=0.01)
    others = sobol.drop(index="gewichtung")
    assert (others[["s1", "st"]].to_numpy() == 0).all()


def test_no_sobol_rows_with_no_samples(make_release):
    release, result = _three_areas(make_release, {"certainty": {"sensitivity_samples": 0}})
    out = sensitivity.assess(release, result)
    assert len(out[contract.SENSITIVITY]) == 0
    assert list(out[contract.SENSITIVITY].columns) == contract.OUTPUT[contract.SENSITIVITY].columns
    assert len(out[contract.METHOD_RANGES]) == 3


def test_the_stabilised_value_is_read_where_stabilisation_is_on():
    values = pd.DataFrame(
        {"wert": pd.array([1.0, 2.0], dtype="Float64"), "wert_stabilisiert": pd.array([1.5, None], dtype="Float64")}
    )
    assert sensitivity._values(values, "off")[sensitivity._COLUMN].tolist() == [1.0, 2.0]
    assert sensitivity._values(values, "stadt")[sensitivity._COLUMN].tolist() == [1.5, 2.0]


# --- releases loaded as a city delivers them ---------------------------------------------


@pytest.fixture(scope="module")
def sample():
    release, problems = pipeline.open_release(SAMPLE)
    assert release is not None, problems
    return release, suppress(compute(release), release.settings)


def test_the_definition_is_variant_0_and_gives_the_published_ranks(sample, tmp_path):
    release, result = sample
    other, _ = pipeline.open_release(factory.release(tmp_path))  # 4 areas, 2 years, context indicator
    for rel, res in ((release, result), (other, suppress(compute(other), other.settings))):
        assert sensitivity.variant(0, rel.indices[0]) == engine.Variant()
        for spec in rel.indices:
            c = engine.cube(spec, res.indicator_values, rel.indicators, certainty.area_ids(rel), rel.years)
            _, ranks = sensitivity.variant_scores(c, spec)
            published = res.indices[res.indices["index_id"] == spec.id]
            got = {
                (a, y): ranks[0, c.years.index(y), c.areas.index(a)]
                for a, y in zip(published["sozialraum_id"], published["jahr"])
            }
            want = dict(zip(zip(published["sozialraum_id"], published["jahr"]), published["rang"]))
            assert {k: None if np.isnan(v) else int(v) for k, v in got.items()} == {
                k: None if pd.isna(v) else int(v) for k, v in want.items()
            }


def test_the_published_rank_lies_in_its_range(sample):
    release, result = sample
    ranges = sensitivity.assess(release, result)[contract.METHOD_RANGES]
    assert len(ranges) == result.indices["rang"].notna().sum()
    assert (ranges["rang_min"] <= ranges["rang"]).all() and (ranges["rang"] <= ranges["rang_max"]).all()
    assert (ranges["wert_min"] <= ranges["wert_max"]).all()
    assert ranges["varianten"].between(1, 32).all()
    # the published index lies in its value range (the variants are put on its scale)
    published = result.indices.set_index(["index_id", "sozialraum_id", "jahr"])["wert"]
    wert = published.reindex(pd.MultiIndex.from_frame(ranges[["index_id", "sozialraum_id", "jahr"]])).to_numpy()
    assert (ranges["wert_min"].to_numpy() <= wert + 1e-9).all() and (wert - 1e-9 <= ranges["wert_max"].to_numpy()).all()


def test_an_area_with_a_value_only_in_a_variant_moves_no_other_rank(sample):
    """In the sample, area 21 (Scholven-Nord) has no index value: its denominators are
    small. Counting them (a variant) gives it one, which must not push the others down:
    no rank beyond the number of areas ranked in that index and year."""
    release, result = sample
    ranges = sensitivity.assess(release, result)[contract.METHOD_RANGES]
    ranked = result.indices.dropna(subset=["rang"]).groupby(["index_id", "jahr"]).size().rename("n")
    joined = ranges.join(ranked, on=["index_id", "jahr"])
    assert (joined["rang_max"] <= joined["n"]).all()
    assert (joined["n"] == 39).any()  # the sample has such years
    keys = ["index_id", "sozialraum_id", "jahr"]
    published = result.indices.dropna(subset=["rang"])[keys].sort_values(keys).reset_index(drop=True)
    assert ranges[keys].sort_values(keys).reset_index(drop=True).equals(published)


def test_same_seed_same_bytes(sample):
    release, result = sample
    first, second = sensitivity.assess(release, result), sensitivity.assess(release, result)
    for name in (contract.METHOD_RANGES, contract.SENSITIVITY):
        assert len(first[name])
        assert first[name].to_csv(index=False) == second[name].to_csv(index=False)


# --- pages and charts ------------------------------------------------------------------


def _site(release, result):
    from dataclasses import replace

    from sozmon import package
    from sozmon.pages import Site

    assessed = replace(result, certainty=sensitivity.assess(release, result))
    return Site(release, package.tables(release, assessed), [], {}), assessed


def test_the_index_method_page_says_how_far_ranks_move(make_release):
    # a and b move by one place (ranks 2–3), c by none: every area within 2 places
    from sozmon.pages import sensitivity as page

    release, result = _three_areas(make_release)
    site, _ = _site(release, result)
    text = page.index_section(site, release.indices[0]).replace("\\", "")  # Markdown escapes
    assert "Bei allen 3 Sozialräumen ändert sich der Rang um höchstens 2 Plätze." in text
    assert "Rang 1 ist der niedrigste Wert, also die ungünstigste Lage" in text
    assert "](../../methode.md#methodenwahl)" in text
    # the table: published rank, area, range; c keeps rank 1 in every variant
    assert "immer 1" in text and "2 bis 3" in text


def test_the_method_page_names_the_most_influential_choice(make_release):
    from sozmon.pages import sensitivity as page

    release, result = _three_areas(make_release)
    site, _ = _site(release, result)
    text = page.method_section(site).replace("\\", "")  # Markdown escapes
    assert text.startswith("## ") and "{#methodenwahl}" in text
    assert "von der Entscheidung „Gewichte“ ab: Sie erklärt allein 100 %" in text
    assert "Die Entscheidungen „Neu standardisieren“, „Mittelwert“, „Umrechnung“ und „Kleine Nenner“ ändern" in text
    assert "1 von 3 Sozialräumen hat in allen Varianten denselben Rang" in text


def test_no_sections_without_ranges(make_release):
    from sozmon.pages import sensitivity as page

    release, result = _three_areas(make_release)
    site = _site(release, result)[0]
    empty = {**site.tables, contract.METHOD_RANGES: site.tables[contract.METHOD_RANGES].iloc[:0]}
    from sozmon.pages import Site

    bare = Site(release, empty, [], {})
    assert page.method_section(bare) == "" and page.index_section(bare, release.indices[0]) == ""


def test_the_charts_are_valid_vega_lite_and_accessible(sample):
    import json

    import altair as alt
    import jsonschema

    from sozmon import charts_sensitivity

    release, result = sample
    _, assessed = _site(release, result)
    year = int(result.indices["jahr"].max())
    specs = charts_sensitivity.specs(release, assessed, year)
    assert set(specs) == {f"indizes/{s.id}/{n}" for s in release.indices for n in ("methodenwahl", "methoden")}
    schema = alt.vegalite.v6.schema.core.load_schema()
    for name, spec in specs.items():
        jsonschema.validate(spec, schema)
        assert spec["description"].strip() and spec["width"] == "container", name
        text = json.dumps(spec, ensure_ascii=False)
        assert '"description": {"field": "description"' in text, name
        assert "daten/sensitivitaet.csv" in text or "daten/methoden_spannweite.csv" in text, name


def test_rank_ticks():
    from sozmon.charts_sensitivity import rank_ticks

    assert rank_ticks(4) == [1, 2, 3, 4]
    assert rank_ticks(39) == [1, 10, 20, 30]
    assert rank_ticks(1000) == [1, 250, 500, 750, 1000]
