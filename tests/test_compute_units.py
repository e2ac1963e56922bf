"""Single steps on tiny frames: class boundaries, rank ties, change with gaps, SD 0."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import indicator, scores

from sozmon.compute import compute
from sozmon.compute.change import add_changes
from sozmon.compute.index import classify, rank, standardise
from sozmon.settings import Classes, Method

CUTS = (-1.0, -0.5, 0.5, 1.0)
LABELS = ("sehr niedrig", "niedrig", "mittel", "hoch", "sehr hoch")
ON_CUTS = pd.Series([-1.0, -0.5, 0.5, 1.0, None, -3.0, 0.0, 3.0], dtype="Float64")


def test_classes_on_cuts_belong_upwards_by_default():
    got = classify(ON_CUTS, Classes(cuts=CUTS, labels=LABELS))
    # a value exactly on a cut goes to the upper class: −1 → niedrig, −0.5 → mittel,
    # 0.5 → hoch, 1 → sehr hoch; <NA> stays <NA>
    assert got[:4].tolist() == ["niedrig", "mittel", "hoch", "sehr hoch"]
    assert pd.isna(got[4])
    assert got[5:].tolist() == ["sehr niedrig", "mittel", "sehr hoch"]


def test_classes_on_cuts_belong_downwards_when_closed_below():
    got = classify(ON_CUTS, Classes(cuts=CUTS, labels=LABELS, boundary=("unten",) * 4))
    assert got[:4].tolist() == ["sehr niedrig", "niedrig", "mittel", "hoch"]
    mixed = classify(ON_CUTS, Classes(cuts=CUTS, labels=LABELS, boundary=("oben", "unten", "oben", "unten")))
    # −1 up → niedrig; −0.5 down → niedrig; 0.5 up → hoch; 1 down → hoch
    assert mixed[:4].tolist() == ["niedrig", "niedrig", "hoch", "hoch"]


def test_classes_just_beside_a_cut():
    eps = 1e-12
    got = classify(
        pd.Series([-1 - eps, -1 + eps], dtype="Float64"), Classes(cuts=CUTS, labels=LABELS, boundary=("unten",) * 4)
    )
    assert got.tolist() == ["sehr niedrig", "niedrig"]


def test_rank_ties_share_lowest_and_na_stays_na():
    scores = pd.DataFrame(
        {
            "sozialraum_id": ["a", "b", "c", "d", "e", "a", "b"],
            "jahr": pd.array([1, 1, 1, 1, 1, 2, 2], dtype="Int64"),
            "dimension_id": ["x"] * 7,
            "wert": pd.array([0.5, -1.0, 0.5, None, 2.0, 3.0, 1.0], dtype="Float64"),
        }
    )
    # year 1: −1.0 → 1; the two 0.5 tie → 2, 2; 2.0 → 4 (not 3); <NA> → <NA>
    assert rank(scores, ["jahr", "dimension_id"]).tolist()[:5] == [2, 1, 2, pd.NA, 4]
    # year 2 is ranked on its own
    assert rank(scores, ["jahr", "dimension_id"]).tolist()[5:] == [2, 1]


def test_rank_groups_by_what_it_is_told():
    values = pd.array([0.5, -1.0, 2.0, 1.0], dtype="Float64")
    frame = pd.DataFrame(
        {"jahr": pd.array([1] * 4, dtype="Int64"), "dimension_id": ["x", "x", "y", "y"], "wert": values}
    )
    # per dimension: x: −1.0 → 1, 0.5 → 2; y: 1.0 → 1, 2.0 → 2
    assert rank(frame, ["jahr", "dimension_id"]).tolist() == [2, 1, 2, 1]
    # per year only (an index's own rows): −1.0, 0.5, 1.0, 2.0 → 1, 2, 3, 4
    assert rank(frame, ["jahr"]).tolist() == [2, 1, 4, 3]


def test_change_uses_the_release_year_before_not_the_last_value():
    scores = pd.DataFrame(
        {
            "sozialraum_id": ["a"] * 4,
            "jahr": pd.array([2019, 2020, 2021, 2022], dtype="Int64"),
            "dimension_id": ["x"] * 4,
            "wert": pd.array([1.0, None, 0.5, 0.75], dtype="Float64"),
        }
    )
    out = add_changes(scores, [2019, 2020, 2021, 2022], 2019, ["sozialraum_id", "dimension_id"])
    # vorjahr: 2019 none before; 2020 no value; 2021 2020 missing → <NA>; 2022 0.75 − 0.5
    assert out["veraenderung_vorjahr"].tolist()[:3] == [pd.NA] * 3
    assert out["veraenderung_vorjahr"][3] == pytest.approx(0.25)
    # basisjahr: 1 − 1 = 0; <NA>; 0.5 − 1 = −0.5; 0.75 − 1 = −0.25
    assert out["veraenderung_basisjahr"][0] == 0
    assert pd.isna(out["veraenderung_basisjahr"][1])
    assert out["veraenderung_basisjahr"][2:].tolist() == pytest.approx([-0.5, -0.25])


def test_zero_sd_gives_zero_z():
    frame = pd.DataFrame(
        {
            "jahr": pd.array([1, 1, 1], dtype="Int64"),
            "indikator_id": ["i"] * 3,
            "wert": pd.array([0.1, 0.1, 0.1], dtype="Float64"),
        }
    )
    z = standardise(frame, "wert", ["indikator_id"], pd.Series([True, True, False]), Method())
    # all used values equal: no area differs → z 0; the row not used → <NA>
    assert z.tolist()[:2] == [0.0, 0.0] and pd.isna(z[2])


def test_base_year_missing_from_reference_gives_na():
    frame = pd.DataFrame(
        {
            "jahr": pd.array([2020, 2020, 2021, 2021], dtype="Int64"),
            "indikator_id": ["i", "i", "j", "j"],
            "wert": pd.array([1.0, 3.0, 1.0, 3.0], dtype="Float64"),
        }
    )
    method = Method(standardise="base_year", base_year=2020)
    z = standardise(frame, "wert", ["indikator_id"], pd.Series([True] * 4), method)
    # i in 2020: mean 2, SD 1 → −1, 1; j has no 2020 values → no reference → <NA>
    assert z.tolist()[:2] == [-1.0, 1.0] and z[2:].isna().all()


def _release(make_release, values, settings=None):
    return make_release(
        [{"sozialraum_id": "1", "name": "A"}, {"sozialraum_id": "2", "name": "B"}],
        [{"dimension_id": "d", "name": "D", "beschreibung": "", "gewicht": 1}],
        [indicator("i")],
        values,
        settings,
    )


def test_base_year_outside_the_release_is_an_error(make_release):
    release = _release(
        make_release,
        [{"sozialraum_id": "1", "jahr": 2020, "indikator_id": "i", "zaehler": 1, "nenner": 30}],
        {"method": {"base_year": 2015}},
    )
    with pytest.raises(ValueError, match="2015"):
        compute(release)


def test_zero_denominator_and_missing_counts_give_no_value(make_release):
    release = _release(
        make_release,
        [
            {"sozialraum_id": "1", "jahr": 2020, "indikator_id": "i", "zaehler": 0, "nenner": 0},
            {"sozialraum_id": "2", "jahr": 2020, "indikator_id": "i", "zaehler": 5},
        ],
    )
    values = compute(release).indicator_values
    assert values["wert"].isna().all() and not values["im_index"].any()
    assert not values["nur_wert"].any()


def test_area_without_any_value_gets_empty_index_rows(make_release):
    release = _release(
        make_release, [{"sozialraum_id": "1", "jahr": 2020, "indikator_id": "i", "zaehler": 5, "nenner": 50}]
    )
    result = compute(release)
    dim, index = scores(result, "d"), scores(result)
    row = dim[dim["sozialraum_id"] == "2"].iloc[0]
    assert pd.isna(row["wert"]) and row["abdeckung"] == 0 and pd.isna(row["klasse"])
    total = index[index["sozialraum_id"] == "2"].iloc[0]
    assert pd.isna(total["wert"]) and total["abdeckung"] == 0 and pd.isna(total["klasse"]) and pd.isna(total["rang"])
    # a single area: SD 0 → z 0 → index 0 → class 'mittel', rank 1
    first = index[index["sozialraum_id"] == "1"].iloc[0]
    assert first["wert"] == 0 and first["klasse"] == "mittel" and first["rang"] == 1


def test_context_indicator_is_standardised_but_never_in_the_index(make_release):
    release = make_release(
        [{"sozialraum_id": s, "name": s} for s in ("1", "2", "3")],
        [{"dimension_id": "d", "name": "D", "beschreibung": "", "gewicht": 1}],
        [
            indicator("i"),
            indicator("k", dimension_id=None, richtung=-1),
        ],
        [
            {"sozialraum_id": s, "jahr": 2020, "indikator_id": i, "zaehler": z, "nenner": 100}
            for i, counts in (("i", (10, 20, 30)), ("k", (40, 50, 60)))
            for s, z in zip("123", counts)
        ],
    )
    result = compute(release)
    values = result.indicator_values.set_index(["indikator_id", "sozialraum_id"])
    assert values.loc["i", "im_index"].tolist() == [True, True, True]
    assert values.loc["k", "im_index"].tolist() == [False, False, False]
    # k: 40, 50, 60 % → mean 50, population SD √(200/3) = 8.165. A context indicator is
    # not judged: its richtung −1 does not turn it, higher z = higher value.
    sd = (200 / 3) ** 0.5
    assert values.loc["k", "z_wert"].astype(float).tolist() == pytest.approx([-10 / sd, 0, 10 / sd])
    # the index comes from i alone: 10, 20, 30 % → z −1.2247, 0, 1.2247 (same SD)
    index = scores(result).set_index("sozialraum_id")
    assert index["wert"].astype(float).tolist() == pytest.approx([-10 / sd, 0, 10 / sd])


def test_direction_of_a_context_indicator_changes_nothing(make_release):
    """The same release with the context indicator's richtung +1 and −1 gives the same
    z-values and the same index: a context indicator is not judged."""
    areas = [{"sozialraum_id": s, "name": s} for s in ("1", "2", "3")]
    dims = [{"dimension_id": "d", "name": "D", "beschreibung": "", "gewicht": 1}]
    values = [
        {"sozialraum_id": s, "jahr": 2020, "indikator_id": i, "zaehler": z, "nenner": 100}
        for i, counts in (("i", (10, 20, 30)), ("k", (60, 40, 50)))
        for s, z in zip("123", counts)
    ]

    def run(direction):
        indicators = [indicator("i", richtung=-1), indicator("k", dimension_id=None, richtung=direction)]
        return compute(make_release(areas, dims, indicators, values))

    up, down = run(1), run(-1)
    z = lambda r: r.indicator_values.set_index(["indikator_id", "sozialraum_id"])["z_wert"].astype(float)  # noqa: E731
    # k: 60, 40, 50 % → mean 50, SD √(200/3) → +1.2247, −1.2247, 0, both times
    sd = (200 / 3) ** 0.5
    assert z(down).loc["k"].tolist() == pytest.approx([10 / sd, -10 / sd, 0])
    assert z(up).loc["k"].tolist() == z(down).loc["k"].tolist()
    # i (richtung −1) is turned: 10, 20, 30 % → +1.2247, 0, −1.2247, and it alone makes the index
    assert z(down).loc["i"].tolist() == pytest.approx([10 / sd, 0, -10 / sd])
    pd.testing.assert_frame_equal(up.indices, down.indices)
    pd.testing.assert_frame_equal(up.dimensions, down.dimensions)
