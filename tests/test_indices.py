"""Several indices from one catalogue: a dynamics index and a status × dynamics typology
(issue 10), worked by hand, and the properties every release must have.

The dynamics example (`RELEASE`): areas 01 A, 02 B, 03 C, 04 D; years 2019–2021; no
Stadtteil or Stadtbezirk. Catalogue (its dimension_id is empty: with `indices` it is
ignored):

    a  richtung −1  faktor 100  share, nenner 100 in every row
    b  richtung +1  faktor 100  share, nenner 200 in every row
    c  richtung +1  faktor 1    m² per inhabitant, nenner 100 in every row

    lage  status:   d1 (weight 2): a (weight 1), b (weight 3); d2 (weight 1): c
    dyn   dynamics: basis lage (same dimensions, members and weights), period 2

Values (wert = zaehler / nenner × faktor):

              2019                2020                 2021
    a %   30  20  10  25      31  20  12  25       34  18  11  25
    b %   50  40  60  45      48 40.5 60.5 45.5    47  41  61  46
    c m²  30  35  40  28    29.5  37 39.5 27.5     29  38  39  27

Changes over two years (2021 − 2019; in percentage points for the shares, in m² per
inhabitant for c):

    a  +4  −2  +1   0     mean 3/4; deviations 13/4, −11/4, 1/4, −3/4;
                          variance (169 + 121 + 1 + 9)/16/4 = 300/64, SD = 10√3/8 = 5√3/4
                          raw z = 13/(5√3), −11/(5√3), 1/(5√3), −3/(5√3)
                          × richtung −1: −13/(5√3), 11/(5√3), −1/(5√3), 3/(5√3)
    b  −3  +1  +1  +1     mean 0; variance (9 + 1 + 1 + 1)/4 = 3, SD √3
                          z = −√3, 1/√3, 1/√3, 1/√3   (= −15, 5, 5, 5 in units of 1/(5√3))
    c  −1  +3  −1  −1     mean 0; variance 12/4 = 3, SD √3
                          z = −1/√3, √3, −1/√3, −1/√3 (= −10, 30, −10, −10 in units of 1/(10√3))

    d1 = (1·z_a + 3·z_b)/4, in units of 1/(20√3):  A −13 − 45 = −58, B 11 + 15 = 26,
         C −1 + 15 = 14, D 3 + 15 = 18  →  A −29/(10√3) = −1.6743, B 13/(10√3) = 0.7506,
         C 7/(10√3) = 0.4041, D 9/(10√3) = 0.5196
    d2 = z_c:  A −1/√3 = −0.5774, B √3 = 1.7321, C −0.5774, D −0.5774
         (in units of 1/(10√3): d1 A −29, B 13, C 7, D 9; d2 A −10, B 30, C −10, D −10)
    index = (2·d1 + 1·d2)/3:  A (−58 − 10)/3 → −68/(30√3) = −1.3087,
         B (26 + 30)/3 → 56/(30√3) = 1.0777, C (14 − 10)/3 → 4/(30√3) = 0.0770,
         D (18 − 10)/3 → 8/(30√3) = 0.1540

Classes of a dynamics index (default): negativ < −1 ≤ stabil ≤ 1 < positiv:
index A negativ, B positiv, C stabil, D stabil; d1 A negativ, others stabil; d2 B positiv,
others stabil. Ranks 2021 (1 = lowest): A 1, C 2, D 3, B 4. 2019 and 2020 have no value
(2017 and 2018 are not in the release). A change over one year (2021 − 2020) would give
other numbers everywhere: a +3 −2 −1 0, b −1 +0.5 +0.5 +0.5, c −0.5 +1 −0.5 −0.5.
"""

from __future__ import annotations

import copy
import math

import pandas as pd
import pytest
from conftest import assert_close, build_release, indicator, scores
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_compute_example import AREAS as V1_AREAS
from test_compute_example import DIMENSIONS as V1_DIMENSIONS
from test_compute_example import INDICATORS as V1_INDICATORS
from test_compute_example import SETTINGS as V1_SETTINGS
from test_compute_example import VALUES as V1_VALUES

from sozmon.compute import compute
from sozmon.compute.dynamics import measures
from sozmon.compute.index import classify
from sozmon.compute.rates import indicator_rates
from sozmon.compute.typology import cross_table
from sozmon.definitions import DYNAMICS_CLASSES, resolve, type_rows
from sozmon.settings import from_dict

R3 = math.sqrt(3)
AREA_IDS = ("01", "02", "03", "04")
AREAS = [{"sozialraum_id": a, "name": n} for a, n in zip(AREA_IDS, "ABCD")]
DIMENSIONS = [
    {"dimension_id": "d1", "name": "Eins", "beschreibung": "", "gewicht": 1},
    {"dimension_id": "d2", "name": "Zwei", "beschreibung": "", "gewicht": 1},
]
INDICATORS = [
    indicator("a", None, -1),
    indicator("b", None, +1),
    indicator("c", None, +1, faktor=1, einheit="m² je Einwohner"),
]
NENNER = {"a": 100, "b": 200, "c": 100}
COUNTS = {
    "a": {2019: [30, 20, 10, 25], 2020: [31, 20, 12, 25], 2021: [34, 18, 11, 25]},
    "b": {2019: [100, 80, 120, 90], 2020: [96, 81, 121, 91], 2021: [94, 82, 122, 92]},
    "c": {2019: [3000, 3500, 4000, 2800], 2020: [2950, 3700, 3950, 2750], 2021: [2900, 3800, 3900, 2700]},
}


def _rows(counts=COUNTS):
    return [
        {"sozialraum_id": area, "jahr": year, "indikator_id": i, "zaehler": z, "nenner": NENNER[i]}
        for i, years in counts.items()
        for year, zs in years.items()
        for area, z in zip(AREA_IDS, zs)
        if z is not None
    ]


LAGE = {
    "id": "lage",
    "name": "Lage",
    "short_name": "Lage",
    "dimensions": [
        {"id": "d1", "weight": 2, "indicators": ["a", {"id": "b", "weight": 3}]},
        {"id": "d2", "indicators": ["c"]},
    ],
}
DYN = {
    "id": "dyn",
    "name": "Entwicklung",
    "short_name": "Entwicklung",
    "kind": "dynamics",
    "basis": "lage",
    "period": 2,
}
# suppress_below 0: the method alone; disclosure control is worked in its own test below
SETTINGS = {"city": "Teststadt", "method": {"suppress_below": 0}, "indices": [LAGE, DYN]}


def _release(values=None, config=None):
    return build_release(AREAS, DIMENSIONS, INDICATORS, _rows() if values is None else values, config or SETTINGS)


def _per_area(frame, year, column="wert"):
    rows = frame[frame["jahr"] == year]
    return dict(zip(rows["sozialraum_id"], rows[column]))


NONE = dict.fromkeys(AREA_IDS)
D1 = {"01": -29 / (10 * R3), "02": 13 / (10 * R3), "03": 7 / (10 * R3), "04": 9 / (10 * R3)}
D2 = {"01": -1 / R3, "02": R3, "03": -1 / R3, "04": -1 / R3}
DYN_2021 = {"01": -68 / (30 * R3), "02": 56 / (30 * R3), "03": 4 / (30 * R3), "04": 8 / (30 * R3)}


# ---- the dynamics example, by hand ------------------------------------------------------


def test_changes_are_in_the_indicators_own_unit_over_the_period():
    release = _release()
    spec = release.index("dyn")
    rates = indicator_rates(release.values, release.indicators, 20, set(spec.indicator_ids))
    table = measures(spec, rates, release.indicators)
    changes = table[table["jahr"] == 2021].set_index(["indikator_id", "sozialraum_id"])["wert"]
    # a: 34 − 30 = +4 percentage points for A (not 4/30 = +13 %), −2, +1, 0
    assert changes.loc["a"].tolist() == pytest.approx([4, -2, 1, 0])
    assert changes.loc["b"].tolist() == pytest.approx([-3, 1, 1, 1])
    # c in m² per inhabitant: 29 − 30, 38 − 35, 39 − 40, 27 − 28
    assert changes.loc["c"].tolist() == pytest.approx([-1, 3, -1, -1])
    # 2019 and 2020: the start year (2017, 2018) is not in the release → no change
    early = table[table["jahr"] < 2021]
    assert early["wert"].isna().all() and not early["nutzbar"].any()


def test_dynamics_dimension_scores_by_hand():
    result = compute(_release())
    assert_close(_per_area(scores(result, "d1", "dyn"), 2021), D1)
    assert_close(_per_area(scores(result, "d2", "dyn"), 2021), D2)
    assert D1["01"] == pytest.approx(-1.6743, abs=1e-4) and D2["02"] == pytest.approx(1.7321, abs=1e-4)
    for year in (2019, 2020):
        assert_close(_per_area(scores(result, "d1", "dyn"), year), NONE)
        assert_close(_per_area(scores(result, "d1", "dyn"), year, "abdeckung"), dict.fromkeys(AREA_IDS, 0.0))
    assert_close(_per_area(scores(result, "d1", "dyn"), 2021, "abdeckung"), dict.fromkeys(AREA_IDS, 1.0))


def test_dynamics_index_classes_and_ranks_by_hand():
    result = compute(_release())
    dyn = scores(result, index_id="dyn")
    assert_close(_per_area(dyn, 2021), DYN_2021)
    assert DYN_2021["01"] == pytest.approx(-1.3087, abs=1e-4) and DYN_2021["02"] == pytest.approx(1.0777, abs=1e-4)
    assert _per_area(dyn, 2021, "klasse") == {"01": "negativ", "02": "positiv", "03": "stabil", "04": "stabil"}
    assert _per_area(dyn, 2021, "rang") == {"01": 1, "02": 4, "03": 2, "04": 3}
    assert _per_area(scores(result, "d1", "dyn"), 2021, "klasse") == {
        "01": "negativ",
        "02": "stabil",
        "03": "stabil",
        "04": "stabil",
    }
    assert _per_area(scores(result, "d2", "dyn"), 2021, "klasse") == {
        "01": "stabil",
        "02": "positiv",
        "03": "stabil",
        "04": "stabil",
    }
    for year in (2019, 2020):
        rows = dyn[dyn["jahr"] == year]
        assert rows[["wert", "klasse", "rang"]].isna().all().all()
    # no dynamics value in 2020: no change of it to the year before or the base year
    assert_close(_per_area(dyn, 2021, "veraenderung_vorjahr"), NONE)
    assert_close(_per_area(dyn, 2021, "veraenderung_basisjahr"), NONE)


def test_the_status_index_is_computed_alongside():
    """Both indices per area and year, `index_id` first; one indicator row per cell."""
    result = compute(_release())
    assert result.indices.groupby("index_id").size().to_dict() == {"lage": 12, "dyn": 12}
    assert result.dimensions.groupby("index_id").size().to_dict() == {"lage": 24, "dyn": 24}
    iv = result.indicator_values
    assert len(iv) == 4 * 3 * 3 and not iv.duplicated(["sozialraum_id", "jahr", "indikator_id"]).any()
    # lage 2019, d2 = z of c: 30, 35, 40, 28 → mean 33.25, deviations −3.25, 1.75, 6.75,
    # −5.25; variance (10.5625 + 3.0625 + 45.5625 + 27.5625)/4 = 21.6875
    sd = math.sqrt(21.6875)
    assert_close(
        _per_area(scores(result, "d2", "lage"), 2019),
        {"01": -3.25 / sd, "02": 1.75 / sd, "03": 6.75 / sd, "04": -5.25 / sd},
    )


def test_dynamics_classes_keep_both_cuts_in_stabil():
    # default boundary of a dynamics index [oben, unten]: −1 and +1 themselves are stabil
    values = pd.Series([-1.0, 1.0, -1.0 - 1e-12, 1.0 + 1e-12, 0.0, None], dtype="Float64")
    got = classify(values, DYNAMICS_CLASSES)
    assert got[:5].tolist() == ["stabil", "stabil", "negativ", "positiv", "stabil"]
    assert pd.isna(got[5])


def test_a_dynamics_index_with_its_own_dimensions():
    """`dimensions` instead of `basis`: d2 alone (c) with period 2 is z_c, as above."""
    only_c = {
        "id": "dyn",
        "name": "E",
        "kind": "dynamics",
        "period": 2,
        "dimensions": [{"id": "d2", "indicators": ["c"]}],
    }
    result = compute(_release(config={**SETTINGS, "indices": [LAGE, only_c]}))
    assert_close(_per_area(scores(result, index_id="dyn"), 2021), D2)
    assert set(result.dimensions.loc[result.dimensions["index_id"] == "dyn", "dimension_id"]) == {"d2"}


# ---- a missing year, a withheld cell -------------------------------------------------------


def _without(counts, indicator_id, year, area):
    out = copy.deepcopy(counts)
    out[indicator_id][year][AREA_IDS.index(area)] = None
    return out


def test_missing_start_or_end_gives_no_change_never_a_guess():
    """B's a in 2019 (start) or in 2021 (end) missing: B has no change of a; 2020 is
    never used instead. z_a then comes from A, C, D; B's d1 is z_b alone (coverage 3/4):
    1/√3; B's index (2·(1/√3) + √3)/3 = 5/(3√3)."""
    start = compute(_release(_rows(_without(COUNTS, "a", 2019, "02"))))
    end = compute(_release(_rows(_without(COUNTS, "a", 2021, "02"))))
    both = compute(_release(_rows(_without(_without(COUNTS, "a", 2019, "02"), "a", 2021, "02"))))
    # B's 2020 value of a changed as well: still nothing (a guess would use it)
    moved = copy.deepcopy(_without(COUNTS, "a", 2019, "02"))
    moved["a"][2020][1] = 90
    guessed = compute(_release(_rows(moved)))
    for other in (end, both, guessed):
        for frame in ("indices", "dimensions"):
            a, b = getattr(start, frame), getattr(other, frame)
            pd.testing.assert_frame_equal(a[a["index_id"] == "dyn"], b[b["index_id"] == "dyn"], check_exact=True)
    d1 = scores(start, "d1", "dyn")
    assert _per_area(d1, 2021)["02"] == pytest.approx(1 / R3)
    assert _per_area(d1, 2021, "abdeckung")["02"] == pytest.approx(0.75)
    assert _per_area(scores(start, index_id="dyn"), 2021)["02"] == pytest.approx(5 / (3 * R3))
    # a over A, C, D: +4, +1, 0 → mean 5/3, deviations 7/3, −2/3, −5/3, variance
    # (49 + 4 + 25)/9/3 = 26/9, SD √26/3; A's oriented z_a = −(7/3)/SD;
    # d1 = (z_a + 3·z_b)/4 with z_b = −√3
    sd = math.sqrt(26) / 3
    assert _per_area(d1, 2021)["01"] == pytest.approx((-(7 / 3) / sd - 3 * R3) / 4)


def test_a_year_outside_the_release_gives_no_change():
    """Years 2019 and 2021 only: period 2 spans the gap (2021 − 2019, as in the example);
    period 1 would need 2020 and gives nothing, not the change over two years."""
    gap = {i: {y: v for y, v in years.items() if y != 2020} for i, years in COUNTS.items()}
    two = compute(_release(_rows(gap)))
    assert_close(_per_area(scores(two, index_id="dyn"), 2021), DYN_2021)
    one = compute(_release(_rows(gap), {**SETTINGS, "indices": [LAGE, {**DYN, "period": 1}]}))
    assert scores(one, index_id="dyn")["wert"].isna().all()
    assert scores(one, "d1", "dyn")["wert"].isna().all()


def test_a_withheld_cell_never_enters_a_change():
    """Default disclosure control (suppress_below 3). A's a in 2019 is 2 (nenner 100):
    withheld; the city's total would give it away, so the smallest other count > 0 of
    that total, C's 10, is withheld too. Neither enters a change (A's +32, C's +1).
    a over B, D: −2, 0 → mean −1, SD 1 → z −1, 1, oriented +1, −1.
    d1 = (z_a + 3·z_b)/4: A only b: −√3 (coverage 3/4); B (1 + 3/√3)/4 = (1 + √3)/4;
    C only b: 1/√3; D (−1 + √3)/4."""
    low = copy.deepcopy(COUNTS)
    low["a"][2019][0] = 2
    config = {"city": "Teststadt", "indices": [LAGE, DYN]}
    result = compute(_release(_rows(low), config))
    flagged = result.indicator_values.query("jahr == 2019 and indikator_id == 'a'")
    assert dict(zip(flagged["sozialraum_id"], flagged["gesperrt"])) == {
        "01": True,
        "02": False,
        "03": True,
        "04": False,
    }
    d1 = scores(result, "d1", "dyn")
    assert_close(_per_area(d1, 2021), {"01": -R3, "02": (1 + R3) / 4, "03": 1 / R3, "04": (-1 + R3) / 4})
    assert_close(_per_area(d1, 2021, "abdeckung"), {"01": 0.75, "02": 1.0, "03": 0.75, "04": 1.0})
    # the withheld count itself does not matter: 1 instead of 2 gives the same dynamics
    lower = copy.deepcopy(low)
    lower["a"][2019][0] = 1
    other = compute(_release(_rows(lower), config))
    for frame in ("indices", "dimensions"):
        pd.testing.assert_frame_equal(getattr(result, frame), getattr(other, frame), check_exact=True)


def test_a_withheld_end_value_never_enters_a_change():
    """D's b in 2021 is 2 or 1 (withheld, nenner 200): same dynamics either way, and D's
    d1 has a alone (coverage 1/4 < 1/2: no score)."""
    config = {"city": "Teststadt", "indices": [LAGE, DYN]}
    results = []
    for count in (2, 1):
        low = copy.deepcopy(COUNTS)
        low["b"][2021][3] = count
        results.append(compute(_release(_rows(low), config)))
    for frame in ("indices", "dimensions"):
        pd.testing.assert_frame_equal(getattr(results[0], frame), getattr(results[1], frame), check_exact=True)
    d1 = scores(results[0], "d1", "dyn")
    assert pd.isna(_per_area(d1, 2021)["04"])
    assert _per_area(d1, 2021, "abdeckung")["04"] == pytest.approx(0.25)


# ---- one indicator in two indices ---------------------------------------------------------


def test_one_indicator_in_two_indices_has_one_z_and_enters_both():
    """a is in `lage` and in `nur-a`: one catalogue z per cell (richtung −1), and each
    index's dimension of a alone is exactly that z.
    2019 a: 30, 20, 10, 25 → mean 21.25, deviations 8.75, −1.25, −11.25, 3.75; variance
    (76.5625 + 1.5625 + 126.5625 + 14.0625)/4 = 54.6875 → oriented z −8.75/SD, 1.25/SD, …"""
    only_a = {"id": "nur-a", "name": "Nur a", "dimensions": [{"id": "x", "name": "X", "indicators": ["a"]}]}
    both = {"id": "beide", "name": "a und c", "dimensions": [{"id": "y", "name": "Y", "indicators": ["a", "c"]}]}
    result = compute(_release(config={**SETTINGS, "indices": [LAGE, only_a, both]}))
    iv = result.indicator_values
    a = iv[(iv["indikator_id"] == "a") & (iv["jahr"] == 2019)]
    sd = math.sqrt(54.6875)
    assert_close(
        dict(zip(a["sozialraum_id"], a["z_wert"])),
        {"01": -8.75 / sd, "02": 1.25 / sd, "03": 11.25 / sd, "04": -3.75 / sd},
    )
    assert a["im_index"].all()
    x = scores(result, "x", "nur-a")
    z = iv[iv["indikator_id"] == "a"].set_index(["sozialraum_id", "jahr"])["z_wert"]
    assert x.set_index(["sozialraum_id", "jahr"])["wert"].astype(float).to_dict() == z.astype(float).to_dict()
    # in `beide`, y = (z_a + z_c)/2 with the same z_a; c 2019: see the test above
    c = iv[(iv["indikator_id"] == "c") & (iv["jahr"] == 2019)].set_index("sozialraum_id")["z_wert"]
    sd_c = math.sqrt(21.6875)
    assert c.astype(float).tolist() == pytest.approx([-3.25 / sd_c, 1.75 / sd_c, 6.75 / sd_c, -5.25 / sd_c])
    assert_close(
        _per_area(scores(result, "y", "beide"), 2019),
        {k: (v + float(c[k])) / 2 for k, v in zip(AREA_IDS, [-8.75 / sd, 1.25 / sd, 11.25 / sd, -3.75 / sd])},
    )
    # and a counts in lage too: d1 there has coverage 1 in every area and year
    assert (scores(result, "d1", "lage")["abdeckung"] == 1).all()


# ---- a 3 × 2 typology by hand ---------------------------------------------------------------
# Areas 01–07 (A–G), one year. Status index `lage` of s (richtung +1, share):
#   s % 10, 10, 20, 20, 30, 30, 20 → mean 20, deviations −10, −10, 0, 0, 10, 10, 0;
#   variance 400/7, SD 7.559 → z −1.323, −1.323, 0, 0, 1.323, 1.323, 0
#   classes (cuts −0.5, 0.5): niedrig, niedrig, mittel, mittel, hoch, hoch, mittel
# Dynamics index `dyn` of t: change values as delivered (no period), richtung +1:
#   t −1, 1, −1, 1, −1, 1 (G: none) → mean 0, SD 1 → z −1, 1, …
#   classes (cut 0): negativ, positiv, negativ, positiv, negativ, positiv, —
# So A–F are the six combinations; G has no dynamics class, hence no type.

TYPE_AREAS = [{"sozialraum_id": f"0{i}", "name": n} for i, n in zip(range(1, 8), "ABCDEFG")]
TYPE_INDICATORS = [indicator("s", None, +1), indicator("t", None, +1, einheit="Prozentpunkte")]
TYPE_VALUES = [
    {"sozialraum_id": f"0{i}", "jahr": 2021, "indikator_id": "s", "zaehler": z, "nenner": 100}
    for i, z in zip(range(1, 8), (10, 10, 20, 20, 30, 30, 20))
] + [
    {"sozialraum_id": f"0{i}", "jahr": 2021, "indikator_id": "t", "wert": w}
    for i, w in zip(range(1, 7), (-1.0, 1.0, -1.0, 1.0, -1.0, 1.0))
]
TYPE_INDICES = [
    {
        "id": "lage",
        "name": "Lage",
        "short_name": "Lage",
        "dimensions": [{"id": "d1", "indicators": ["s"]}],
        "method": {"classes": {"cuts": [-0.5, 0.5], "labels": ["niedrig", "mittel", "hoch"]}},
    },
    {
        "id": "dyn",
        "name": "Entwicklung",
        "short_name": "Entwicklung",
        "kind": "dynamics",
        "dimensions": [{"id": "d1", "indicators": ["t"]}],
        "method": {"classes": {"cuts": [0], "labels": ["negativ", "positiv"]}},
    },
]
TYPOLOGIES = [
    {
        "id": "eigen",
        "name": "Eigene Regeln",
        "indices": ["lage", "dyn"],
        "label": "Lage {lage} / Entwicklung {dyn}",
        "attention": [{"lage": ["niedrig"]}, {"lage": "mittel", "dyn": ["negativ"]}],
    },
    # defaults: label "{short_name} {class}, {short_name} {class}"; attention: the two
    # lowest classes of lage (niedrig, mittel; any dyn) and lage's middle class (mittel,
    # labels[3 // 2]) with dyn's lowest (negativ): niedrig × *, mittel × *
    {"id": "vorgabe", "name": "Vorgaben", "indices": ["lage", "dyn"]},
]


@pytest.fixture(scope="module")
def typed():
    release = build_release(
        TYPE_AREAS,
        [{"dimension_id": "d1", "name": "Eins", "beschreibung": "", "gewicht": 1}],
        TYPE_INDICATORS,
        TYPE_VALUES,
        {"method": {"suppress_below": 0}, "indices": TYPE_INDICES, "typologies": TYPOLOGIES},
    )
    return release, compute(release)


def test_typology_classes_of_both_indices(typed):
    _, result = typed
    sd = math.sqrt(400 / 7)
    assert_close(
        _per_area(scores(result, index_id="lage"), 2021),
        dict(zip([f"0{i}" for i in range(1, 8)], [-10 / sd, -10 / sd, 0, 0, 10 / sd, 10 / sd, 0])),
    )
    rows = result.typologies[result.typologies["typologie_id"] == "eigen"].set_index("sozialraum_id")
    assert rows["klasse_1"].tolist() == ["niedrig", "niedrig", "mittel", "mittel", "hoch", "hoch", "mittel"]
    assert rows.loc[[f"0{i}" for i in range(1, 7)], "klasse_2"].tolist() == ["negativ", "positiv"] * 3
    assert pd.isna(rows.loc["07", "klasse_2"])


def test_typology_types_and_attention_by_hand(typed):
    _, result = typed
    rows = result.typologies[result.typologies["typologie_id"] == "eigen"].set_index("sozialraum_id")
    assert rows.loc[[f"0{i}" for i in range(1, 7)], "typ"].tolist() == [
        "Lage niedrig / Entwicklung negativ",
        "Lage niedrig / Entwicklung positiv",
        "Lage mittel / Entwicklung negativ",
        "Lage mittel / Entwicklung positiv",
        "Lage hoch / Entwicklung negativ",
        "Lage hoch / Entwicklung positiv",
    ]
    # rule 1: lage niedrig (A, B); rule 2: lage mittel and dyn negativ (C)
    assert rows.loc[[f"0{i}" for i in range(1, 7)], "aufmerksamkeit"].tolist() == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    # G: no dynamics class → no type, no flag (unknown, not 'no attention')
    assert pd.isna(rows.loc["07", "typ"]) and pd.isna(rows.loc["07", "aufmerksamkeit"])
    assert str(result.typologies["aufmerksamkeit"].dtype) == "boolean"


def test_typology_defaults_by_hand(typed):
    _, result = typed
    rows = result.typologies[result.typologies["typologie_id"] == "vorgabe"].set_index("sozialraum_id")
    assert rows.loc["01", "typ"] == "Lage niedrig, Entwicklung negativ"
    assert rows.loc["06", "typ"] == "Lage hoch, Entwicklung positiv"
    # the default for 3 status classes: the lowest (niedrig) with any development, and the
    # middle (mittel) with the lowest development (negativ): A, B and C, not D (mittel, positiv)
    assert rows.loc[[f"0{i}" for i in range(1, 7)], "aufmerksamkeit"].tolist() == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_typology_type_table_has_every_combination(typed):
    release, _ = typed
    indices = {s.id: s for s in release.indices}
    [eigen, vorgabe] = release.typologies
    table = pd.DataFrame(type_rows(eigen, indices))
    assert list(zip(table["klasse_1"], table["klasse_2"], table["aufmerksamkeit"])) == [
        ("niedrig", "negativ", True),
        ("niedrig", "positiv", True),
        ("mittel", "negativ", True),
        ("mittel", "positiv", False),
        ("hoch", "negativ", False),
        ("hoch", "positiv", False),
    ]
    assert table["typ"].iloc[3] == "Lage mittel / Entwicklung positiv"
    # default for 3 × 2 classes: niedrig with any, mittel with negativ (see test_typology_defaults_by_hand)
    assert [r["aufmerksamkeit"] for r in type_rows(vorgabe, indices)] == [True, True, True, False, False, False]


def test_typology_cross_table_by_hand(typed):
    _, result = typed
    rows = result.typologies[result.typologies["typologie_id"] == "eigen"]
    table = cross_table(rows, ("niedrig", "mittel", "hoch"), ("negativ", "positiv"))
    # one area in each of the six cells; G (no dynamics class) is counted nowhere
    assert table.to_numpy().tolist() == [[1, 1], [1, 1], [1, 1]]
    assert list(table.index) == ["niedrig", "mittel", "hoch"] and list(table.columns) == ["negativ", "positiv"]


# ---- v1 and definitions ---------------------------------------------------------------------


def test_a_definition_repeating_v1s_index_gives_v1s_values(make_release):
    """tests/test_compute_example.py's release, once from the catalogue's dimension_id
    and gewicht (v1), once from `indices` with the catalogue's columns left empty."""
    definition = {
        "id": "status",
        "name": "Index",
        "dimensions": [
            {"id": "d1", "weight": 2, "indicators": ["i1", {"id": "i2", "weight": 3}]},
            {"id": "d2", "weight": 1, "indicators": ["i3", "i4"]},
        ],
    }
    blank = [{**row, "dimension_id": None, "gewicht": 1} for row in V1_INDICATORS]
    for method in (V1_SETTINGS["method"], {"min_denominator": 20}, {"restandardise_index": True}):
        v1 = compute(make_release(V1_AREAS, V1_DIMENSIONS, V1_INDICATORS, V1_VALUES, {**V1_SETTINGS, "method": method}))
        v2 = compute(
            make_release(
                V1_AREAS, V1_DIMENSIONS, blank, V1_VALUES, {**V1_SETTINGS, "method": method, "indices": [definition]}
            )
        )
        for name in ("indicator_values", "indices", "dimensions", "typologies", "aggregates"):
            pd.testing.assert_frame_equal(getattr(v1, name), getattr(v2, name), check_exact=True)


# ---- properties (hypothesis) ---------------------------------------------------------------

FAST = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEFINITIONS = [
    LAGE,
    # per-index standardise 'year': see test_dynamics_under_base_year_standardisation_is_not_silently_empty
    {
        "id": "dyn",
        "name": "Entwicklung",
        "kind": "dynamics",
        "basis": "lage",
        "period": 1,
        "method": {"standardise": "year"},
    },
]
TYPOLOGY = [{"id": "lage-dyn", "name": "Lage und Entwicklung", "indices": ["lage", "dyn"]}]


@st.composite
def releases(draw, constant=False):
    """3–6 areas, 2–3 years, counts (some missing, some small); with `constant` every
    year repeats the first year's counts."""
    n = draw(st.integers(3, 6))
    ids = [f"{i:02d}" for i in range(1, n + 1)]
    years = list(range(2019, 2019 + draw(st.integers(2, 3))))
    first = {}
    values = []
    for year in years:
        for area in ids:
            for iid in ("a", "b", "c"):
                if constant and year != years[0]:
                    cell = first[(area, iid)]
                else:
                    cell = None
                    if draw(st.integers(0, 6)):
                        nenner = draw(st.integers(1, 300))
                        top = nenner * (50 if iid == "c" else 1)
                        cell = (draw(st.integers(0, top)), nenner)
                    first[(area, iid)] = cell
                if cell is not None:
                    values.append(
                        {
                            "sozialraum_id": area,
                            "jahr": year,
                            "indikator_id": iid,
                            "zaehler": cell[0],
                            "nenner": cell[1],
                        }
                    )
    assume(values)
    method = {
        "standardise": draw(st.sampled_from(["year", "base_year"])),
        "restandardise_dimensions": draw(st.booleans()),
        "restandardise_index": draw(st.booleans()),
        "min_denominator": draw(st.sampled_from([0, 20])),
        "suppress_below": draw(st.sampled_from([0, 3])),
    }
    areas = [{"sozialraum_id": a, "name": f"Gebiet {a}"} for a in ids]
    return areas, values, {"city": "X", "method": method, "indices": DEFINITIONS, "typologies": TYPOLOGY}


def _compute(areas, values, config):
    return compute(build_release(areas, DIMENSIONS, INDICATORS, values, config))


@FAST
@given(releases(constant=True))
def test_a_constant_series_is_stable_everywhere(data):
    """No area changes: every change is 0, so is every z (SD 0) and every score; every
    area with enough data is 'stabil', with as much data as the status index has."""
    areas, values, config = data
    result = _compute(areas, values, config)
    dyn, lage = scores(result, index_id="dyn"), scores(result, index_id="lage")
    later = dyn["jahr"] > dyn["jahr"].min()
    assert dyn.loc[~later, "wert"].isna().all()
    known = dyn["wert"].notna()
    assert (dyn.loc[known, "wert"] == 0).all() and (dyn.loc[known, "klasse"] == "stabil").all()
    assert dyn.loc[~known, "klasse"].isna().all()
    dims = result.dimensions[result.dimensions["index_id"] == "dyn"]
    assert (dims.loc[dims["wert"].notna(), "wert"] == 0).all()
    assert (dims.loc[dims["wert"].notna(), "klasse"] == "stabil").all()
    # with the same cells usable in every year, each later year has a dynamics value
    # exactly where the status index has one
    status_known = lage.set_index(["sozialraum_id", "jahr"])["wert"].notna()
    dyn_known = dyn.set_index(["sozialraum_id", "jahr"])["wert"].notna()
    later_keys = dyn_known.index[dyn_known.index.get_level_values("jahr") > dyn["jahr"].min()]
    assert dyn_known[later_keys].equals(status_known[later_keys])


@FAST
@given(releases())
def test_cross_table_is_the_crosstab_of_the_two_classes(data):
    areas, values, config = data
    release = build_release(areas, DIMENSIONS, INDICATORS, values, config)
    result = compute(release)
    first, second = release.index("lage").classes.labels, release.index("dyn").classes.labels
    keys = ["sozialraum_id", "jahr"]
    lage = scores(result, index_id="lage")[[*keys, "klasse"]].rename(columns={"klasse": "k1"})
    dyn = scores(result, index_id="dyn")[[*keys, "klasse"]].rename(columns={"klasse": "k2"})
    both = lage.merge(dyn, on=keys).dropna(subset=["k1", "k2"])
    for year in sorted(set(result.typologies["jahr"])):
        rows = result.typologies[result.typologies["jahr"] == year]
        mine = both[both["jahr"] == year]
        want = pd.crosstab(mine["k1"], mine["k2"]).reindex(index=list(first), columns=list(second), fill_value=0)
        got = cross_table(rows, first, second)
        assert got.to_numpy().tolist() == want.to_numpy().tolist()
        assert int(got.to_numpy().sum()) == len(mine)


@FAST
@given(releases())
def test_renaming_an_index_changes_nothing_but_its_id(data):
    areas, values, config = data
    renamed = {"lage": "Status-2", "dyn": "entwicklung_neu"}
    indices = [
        {**LAGE, "id": renamed["lage"]},
        {**DEFINITIONS[1], "id": renamed["dyn"], "basis": renamed["lage"]},
    ]
    typology = [{**TYPOLOGY[0], "indices": [renamed["lage"], renamed["dyn"]]}]
    a = _compute(areas, values, config)
    b = _compute(areas, values, {**config, "indices": indices, "typologies": typology})
    back = {v: k for k, v in renamed.items()}
    for name in ("indices", "dimensions"):
        restored = getattr(b, name).assign(index_id=lambda f: f["index_id"].map(back).astype("str"))
        pd.testing.assert_frame_equal(restored, getattr(a, name), check_exact=True)
    # the default type label names short names, not ids: the same text
    pd.testing.assert_frame_equal(b.typologies, a.typologies, check_exact=True)
    for name in ("indicator_values", "aggregates"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)


@FAST
@given(releases())
def test_v1_catalogue_and_v2_definition_agree(data):
    """The hypothesis release's status index, from the catalogue (v1) and from `indices`."""
    areas, values, config = data
    catalogue = [
        {**row, "dimension_id": d, "gewicht": w} for row, d, w in zip(INDICATORS, ("d1", "d1", "d2"), (1, 3, 1))
    ]
    dims = [{**DIMENSIONS[0], "gewicht": 2}, {**DIMENSIONS[1], "gewicht": 1}]
    v1_config = {k: v for k, v in config.items() if k not in ("indices", "typologies")}
    v1 = compute(build_release(areas, dims, catalogue, values, v1_config))
    v2 = _compute(areas, values, {**config, "indices": [{**LAGE, "id": "status"}], "typologies": []})
    for name in ("indicator_values", "indices", "dimensions", "aggregates"):
        pd.testing.assert_frame_equal(getattr(v1, name), getattr(v2, name), check_exact=True)


# ---- found while writing these tests (see the report) -------------------------------------


def test_a_dynamics_index_is_standardised_per_year_even_under_a_base_year_method():
    """`method.standardise: base_year` is release-wide; a dynamics index with a period has
    no change in the base year, so it takes z-values per year instead (definitions._method):
    its 2021 values equal those of the example, which standardises per year."""
    config = {**SETTINGS, "method": {"suppress_below": 0, "standardise": "base_year"}}
    dyn = scores(compute(_release(config=config)), index_id="dyn")
    expected = scores(compute(_release()), index_id="dyn")
    assert dyn["wert"].notna().any()
    pd.testing.assert_series_equal(dyn["wert"].reset_index(drop=True), expected["wert"].reset_index(drop=True))


def test_a_dynamics_index_cannot_be_told_to_standardise_against_the_base_year(tmp_path):
    parsed, _ = from_dict(
        {
            **SETTINGS,
            "indices": [
                SETTINGS["indices"][0],
                {**SETTINGS["indices"][1], "method": {"standardise": "base_year"}},
            ],
        }
    )
    release = _release()
    _, _, problems = resolve(parsed, release.indicators, release.dimensions)
    assert [(p.code, p.field) for p in problems] == [("definition-dynamics-base-year", "indices[2].method.standardise")]
