"""Allocation keys (Verteilungsschlüssel): a budget split by need, exact to the cent.

The expectations are worked out by hand in the comments (the first one is the worked
example of docs/einstellungen.md), never copied from the program's output.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from fractions import Fraction
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sozmon import allocation, charts, chartset, cli, definitions, package, pipeline, xlsx
from sozmon.compute.allocation import allocate, round_cents, solve
from sozmon.pages import Site
from sozmon.pages.allocation import allocation_page
from sozmon.problems import errors
from sozmon.settings import from_dict
from sozmon.texts import problem_text
from tests import factory

SAMPLE = Path(__file__).resolve().parents[1] / "datapackage"
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CLASSES = ["sehr niedrig", "niedrig", "mittel", "hoch", "sehr hoch"]
INDEX = {"id": "lage", "name": "Lage", "short_name": "Chancen", "dimensions": [{"id": "d", "indicators": ["x"]}]}


def _keys(raw: list[dict], years=None):
    """Resolve allocation settings against one index `lage` (default classes) and a
    catalogue with the indicators x (in the index) and kinder (a count)."""
    s, problems = from_dict({"indices": [INDEX], "allocations": raw})
    assert problems == []
    catalogue = pd.DataFrame({"indikator_id": ["x", "kinder", "sgb2", "sprache"]})
    dims = pd.DataFrame({"dimension_id": ["d"], "name": ["D"], "beschreibung": [""]})
    indices, typologies, found = definitions.resolve(s, catalogue, dims)
    assert found == []
    return allocation.resolve(s, indices, typologies, catalogue, years)


def _key(**raw):
    base = {"id": "k", "budget": 1000, "need": {"index": "lage"}, "population": {"indicator": "kinder"}}
    keys, problems = _keys([{**base, **raw}])
    assert errors(problems) == [], problems
    return keys[0]


def _run(spec, classes: dict, heads: dict, year: int = 2024, withheld=(), years=None, more=None):
    """allocate() on hand-made inputs: `classes` area → class, `heads` area → count of
    the population (None: not delivered), `withheld` areas whose count is withheld;
    `more`: (year, classes, heads) of other years."""
    need, counts = [], []
    for y, cl, hd, wh in [(year, classes, heads, withheld), *(more or [])]:
        need += [{"sozialraum_id": a, "jahr": y, "klasse": c} for a, c in cl.items()]
        for a, n in hd.items():
            flag = a in wh
            counts.append(
                {
                    "sozialraum_id": a,
                    "jahr": y,
                    "indikator_id": "kinder",
                    "zaehler": 1.0,
                    "nenner": n,
                    "zaehler_gesperrt": False,
                    "nenner_gesperrt": flag,
                }
            )
    areas = sorted(set(classes) | set(heads))
    need = pd.DataFrame(need, columns=["sozialraum_id", "jahr", "klasse"])
    columns = ["sozialraum_id", "jahr", "indikator_id", "zaehler", "nenner", "zaehler_gesperrt", "nenner_gesperrt"]
    counts = pd.DataFrame(counts, columns=columns)
    frame, problems = allocate(spec, need, counts, areas, years or sorted({year, *[m[0] for m in more or []]}))
    return frame, problems


def _amounts(frame, year=2024) -> dict[str, float]:
    rows = frame[frame["jahr"] == year]
    return dict(zip(rows["sozialraum_id"], rows["betrag"].astype(float)))


# --- the worked example of docs/einstellungen.md ---------------------------------------


def test_the_worked_example_of_the_docs():
    spec = _key(budget=100000, eligible=["sehr niedrig", "niedrig", "mittel"], floor=10000)
    classes = {"A": "sehr niedrig", "B": "niedrig", "C": "mittel", "D": "mittel", "E": "hoch"}
    heads = {"A": 500, "B": 700, "C": 1000, "D": 150, "E": 900}
    frame, problems = _run(spec, classes, heads)
    assert problems == []
    rows = frame.set_index("sozialraum_id")
    # default weights 4, 3, 2, 2: points 2000, 2100, 2000, 300 (6400); E (hoch) is not eligible
    assert rows["gewicht"].to_dict() == {"A": 4, "B": 3, "C": 2, "D": 2, "E": 1}
    assert rows["punkte"].to_dict() == {"A": 2000, "B": 2100, "C": 2000, "D": 300, "E": 0}
    # without the floor: A 2000/6400 × 100000 = 31250, D 300/6400 × 100000 = 4687.50 < 10000
    assert rows.loc["A", "betrag_roh"] == 31250 and rows.loc["D", "betrag_roh"] == 4687.5
    # D gets the floor; 90000 € for A, B, C by 6100 points: A = C = 29508.1967…, B = 30983.6065…
    # rounded down 29508.19 + 30983.60 + 29508.19 + 10000 = 99999.98: the 2 cents go to the
    # largest remainders, A and C (0.672 cent) before B (0.656 cent)
    assert _amounts(frame) == {"A": 29508.20, "B": 30983.60, "C": 29508.20, "D": 10000.00, "E": 0.0}
    assert rows.loc["D", "begrenzung"] == "mindestbetrag" and pd.isna(rows.loc["A", "begrenzung"])
    assert rows.loc["E", "grund"] == "nicht_berechtigt" and not rows.loc["E", "berechtigt"]
    assert rows.loc["A", "anteil"] == pytest.approx(29.5082)
    assert round(float(frame["betrag"].sum()) * 100) == 10_000_000


def test_the_rounding_gives_the_missing_cents_to_the_largest_remainders():
    # 100 € in thirds: 33.333… each, rounded down 99.99; one cent to the first of equal remainders
    thirds = {"b": Fraction(100, 3), "a": Fraction(100, 3), "c": Fraction(100, 3)}
    assert round_cents(thirds, 10000) == {"a": 3334, "b": 3333, "c": 3333}
    # 10.009 + 10.005 + 10.006 = 30.02 €: rounded down 30.00, remainders 0.9, 0.5, 0.6 cent;
    # the 2 missing cents go to 0.9 and 0.6
    cents = round_cents({"x": Fraction(10009, 1000), "y": Fraction(10005, 1000), "z": Fraction(10006, 1000)}, 3002)
    assert cents == {"x": 1001, "y": 1000, "z": 1001}


# --- floors, caps and their redistribution ---------------------------------------------


def test_a_floor_is_redistributed_until_it_holds():
    # points 1, 4, 15 (weights 1; 20 points), budget 1000: raw 50, 200, 750. Floor 210:
    # A → 210; the other 790 by 19 points gives B 790 × 4/19 = 166.32 < 210, so B → 210 too
    # (below the floor only after the first round); C = 1000 − 420 = 580.
    spec = _key(weights={c: 1 for c in CLASSES}, floor=210)
    frame, _ = _run(spec, {"A": "mittel", "B": "mittel", "C": "mittel"}, {"A": 1, "B": 4, "C": 15})
    assert _amounts(frame) == {"A": 210.0, "B": 210.0, "C": 580.0}
    assert frame.set_index("sozialraum_id")["begrenzung"].fillna("").to_dict() == {
        "A": "mindestbetrag",
        "B": "mindestbetrag",
        "C": "",
    }


def test_a_cap_is_redistributed_until_it_holds():
    # points 10, 6, 4, budget 1000: raw 500, 300, 200. Cap 350: A → 350; the other 650 by
    # 10 points gives B 390 > 350, so B → 350 too; C = 300.
    spec = _key(weights={c: 1 for c in CLASSES}, cap=350)
    frame, _ = _run(spec, {"A": "mittel", "B": "mittel", "C": "mittel"}, {"A": 10, "B": 6, "C": 4})
    assert _amounts(frame) == {"A": 350.0, "B": 350.0, "C": 300.0}
    # floor and cap together: points 1, 1, 8 → raw 100, 100, 800; floor 300 lifts A and B,
    # C keeps 400 (under the cap 500)
    spec = _key(weights={c: 1 for c in CLASSES}, floor=300, cap=500)
    frame, _ = _run(spec, {"A": "mittel", "B": "mittel", "C": "mittel"}, {"A": 1, "B": 1, "C": 8})
    assert _amounts(frame) == {"A": 300.0, "B": 300.0, "C": 400.0}


def test_eligibility_by_class_and_areas_without_a_class():
    # default weights; only sehr niedrig and niedrig: A 4 × 100 = 400, B 3 × 200 = 600 → 400 €
    # and 600 € of 1000; C (mittel) and D (no class this year) get nothing
    spec = _key(eligible=["niedrig", "sehr niedrig"])
    frame, _ = _run(spec, {"A": "sehr niedrig", "B": "niedrig", "C": "mittel"}, {"A": 100, "B": 200, "C": 300, "D": 50})
    assert _amounts(frame) == {"A": 400.0, "B": 600.0, "C": 0.0, "D": 0.0}
    reasons = frame.set_index("sozialraum_id")["grund"].to_dict()
    assert reasons["C"] == "nicht_berechtigt" and reasons["D"] == "keine_klasse"
    assert spec.eligible == ("sehr niedrig", "niedrig")  # kept in the order of the classes


def test_eligible_attention_and_default_typology_weights():
    s, problems = from_dict(
        {
            "indices": [INDEX, {"id": "dyn", "kind": "dynamics", "basis": "lage", "period": 1}],
            "typologies": [{"id": "t", "indices": ["lage", "dyn"], "label": "{lage}/{dyn}"}],
            "allocations": [
                {"id": "a", "budget": 900, "need": {"typology": "t"}, "population": {"indicator": "kinder"}},
                {
                    "id": "b",
                    "budget": 900,
                    "need": {"typology": "t"},
                    "population": {"indicator": "kinder"},
                    "eligible": "attention",
                },
            ],
        }
    )
    catalogue = pd.DataFrame({"indikator_id": ["x", "kinder"]})
    dims = pd.DataFrame({"dimension_id": ["d"], "name": ["D"], "beschreibung": [""]})
    indices, typologies, _ = definitions.resolve(s, catalogue, dims)
    (every, attention), problems = allocation.resolve(s, indices, typologies, catalogue)
    assert problems == []
    # Berlin's rule: lage niedrig (any) or mittel with dyn negativ need attention: weight 2, else 1
    weights = dict(every.weights)
    assert weights["niedrig/stabil"] == 2 and weights["mittel/negativ"] == 2 and weights["mittel/stabil"] == 1
    assert attention.eligible_attention and "mittel/stabil" not in attention.eligible
    classes = {"A": "niedrig/stabil", "B": "mittel/stabil"}
    # all eligible: 2 × 100 = 200 and 1 × 250 = 250 points of 450 → 400 € and 500 €
    frame, _ = _run(every, classes, {"A": 100, "B": 250})
    assert _amounts(frame) == {"A": 400.0, "B": 500.0}
    frame, _ = _run(attention, classes, {"A": 100, "B": 250})
    assert _amounts(frame) == {"A": 900.0, "B": 0.0}


def test_shares_like_pluskita():
    # 75 % by sgb2 zaehler, 25 % by sprache zaehler, over the eligible areas:
    # A: 0.75 × 30/100 + 0.25 × 10/40 = 0.225 + 0.0625 = 0.2875 → 287.50 € of 1000
    # B: 0.75 × 70/100 + 0.25 × 30/40 = 0.525 + 0.1875 = 0.7125 → 712.50 €
    keys, problems = _keys(
        [
            {
                "id": "p",
                "budget": 1000,
                "formula": "shares",
                "shares": [
                    {"indicator": "sgb2", "count": "zaehler", "weight": 75},
                    {"indicator": "sprache", "count": "zaehler", "weight": 25},
                ],
            }
        ]
    )
    assert problems == []
    rows = [("A", "sgb2", 30), ("B", "sgb2", 70), ("A", "sprache", 10), ("B", "sprache", 30)]
    counts = pd.DataFrame(
        [
            {
                "sozialraum_id": a,
                "jahr": 2024,
                "indikator_id": i,
                "zaehler": float(z),
                "nenner": 500.0,
                "zaehler_gesperrt": False,
                "nenner_gesperrt": False,
            }
            for a, i, z in rows
        ]
    )
    frame, _ = allocate(keys[0], pd.DataFrame(columns=["sozialraum_id", "jahr", "klasse"]), counts, ["A", "B"], [2024])
    assert _amounts(frame) == {"A": 287.5, "B": 712.5}
    assert frame.set_index("sozialraum_id")["punkte"].to_dict() == {"A": 28.75, "B": 71.25}


def test_rate_per_band_without_a_budget_pays_rate_times_heads():
    keys, problems = _keys(
        [
            {
                "id": "r",
                "formula": "rate_per_band",
                "need": {"index": "lage"},
                "rates": {"sehr niedrig": 300, "niedrig": 150.5},
                "population": {"indicator": "kinder"},
            }
        ]
    )
    assert problems == []
    # 300 × 10 = 3000, 150.50 × 3 = 451.50, mittel 0 € × 100; the budget is the sum, 3451.50
    frame, _ = _run(keys[0], {"A": "sehr niedrig", "B": "niedrig", "C": "mittel"}, {"A": 10, "B": 3, "C": 100})
    assert _amounts(frame) == {"A": 3000.0, "B": 451.5, "C": 0.0}
    assert frame["anteil"].sum() == pytest.approx(100)


def test_rate_per_band_with_a_budget_scales_the_rates_to_it():
    # 300 € × 10 = 3000 and 150 € × 20 = 3000: equal, so each gets half of the 1000 € budget
    spec = _key(formula="rate_per_band", rates={"sehr niedrig": 300, "niedrig": 150}, budget=1000)
    frame, _ = _run(spec, {"A": "sehr niedrig", "B": "niedrig"}, {"A": 10, "B": 20})
    assert _amounts(frame) == {"A": 500.0, "B": 500.0}
    assert frame.set_index("sozialraum_id")["betrag_roh"].to_dict() == {"A": 500.0, "B": 500.0}


def test_need_from_a_dimension():
    spec = _key(need={"index": "lage", "dimension": "d"})
    assert (spec.need.kind, spec.need.source, spec.need.dimension) == ("dimension", "lage", "d")
    assert spec.need.labels == tuple(CLASSES)  # a dimension has its index's classes


# --- damping -----------------------------------------------------------------------------


def test_damping_keeps_each_amount_within_its_band_and_the_sum():
    # equal weights, budget 1000. 2023: heads 100, 100, 200 → 250, 250, 500.
    # 2024: heads 100, 300, 200 → undamped 166.67, 500, 333.33. Damping 10 %: A in [225, 275],
    # B in [225, 275], C in [450, 550]. B is held at 275; A and C share the rest by points:
    # 100 λ + 200 λ = 725 → λ = 2.41667: A = 241.666…, C = 483.333…; rounded down
    # 241.66 + 275.00 + 483.33 = 999.99, the cent goes to A (remainder 0.67 against 0.33).
    spec = _key(weights={c: 1 for c in CLASSES}, damping=10)
    classes = {"A": "mittel", "B": "mittel", "C": "mittel"}
    frame, problems = _run(
        spec, classes, {"A": 100, "B": 300, "C": 200}, more=[(2023, classes, {"A": 100, "B": 100, "C": 200}, ())]
    )
    assert problems == []
    assert _amounts(frame, 2023) == {"A": 250.0, "B": 250.0, "C": 500.0}
    assert _amounts(frame, 2024) == {"A": 241.67, "B": 275.0, "C": 483.33}
    rows = frame[frame["jahr"] == 2024].set_index("sozialraum_id")
    assert rows.loc["B", "begrenzung"] == "daempfung_oben" and rows["daempfung"].all()
    # the first year has no previous key: no damping
    assert not frame[frame["jahr"] == 2023]["daempfung"].any()
    # an area that loses its eligibility gets nothing, damping or not
    spec = _key(weights={c: 1 for c in CLASSES}, damping=10, eligible=["mittel"])
    later = {"A": "hoch", "B": "mittel", "C": "mittel"}
    frame, _ = _run(
        spec, later, {"A": 100, "B": 100, "C": 200}, more=[(2023, classes, {"A": 100, "B": 100, "C": 200}, ())]
    )
    assert _amounts(frame, 2024)["A"] == 0.0


# --- properties (hypothesis) -----------------------------------------------------------


@st.composite
def cases(draw):
    """2–25 areas with a class (or none) and heads (or not delivered, or withheld)."""
    n = draw(st.integers(2, 25))
    ids = [f"{i:02d}" for i in range(n)]
    classes = {a: draw(st.sampled_from([*CLASSES, None])) for a in ids}
    heads = {a: draw(st.one_of(st.integers(0, 5000), st.none())) for a in ids}
    withheld = {a for a in ids if draw(st.integers(0, 9)) == 0}
    budget = draw(st.integers(1, 10**11)) / 100  # up to a billion euros, in cents
    weights = {c: draw(st.sampled_from([0, 0.5, 1, 2, 3.25, 4])) for c in CLASSES}
    if not any(weights.values()):
        weights["sehr niedrig"] = 1
    return ids, {a: c for a, c in classes.items() if c is not None}, heads, withheld, budget, weights


def _points(spec, classes, heads, withheld) -> dict:
    w = dict(spec.weights)
    return {
        a: w[classes[a]] * heads[a]
        for a in classes
        if heads.get(a) is not None and a not in withheld and (spec.eligible is None or classes[a] in spec.eligible)
    }


@FAST
@given(cases(), st.data())
def test_the_amounts_sum_to_the_budget_to_the_cent(case, data):
    ids, classes, heads, withheld, budget, weights = case
    points = _points(_key(weights=weights, budget=budget), classes, heads, withheld)
    eligible = [a for a in classes]  # every area with a class is eligible
    floor = cap = None
    if data.draw(st.booleans()) and eligible:
        floor = data.draw(st.integers(0, int(budget * 100) // len(eligible))) / 100
    with_points = [a for a, p in points.items() if p > 0]
    if data.draw(st.booleans()) and with_points:
        least = -(-int(budget * 100) // len(with_points))  # ⌈budget / areas with points⌉ in cents
        cap = data.draw(st.integers(max(least, int((floor or 0) * 100), 1), max(least, 1) * 3)) / 100
    raw = {"weights": weights, "budget": budget}
    raw.update({"floor": floor} if floor else {})
    raw.update({"cap": cap} if cap else {})
    spec = _key(**raw)
    frame, problems = _run(spec, classes, {a: h for a, h in heads.items() if h is not None}, withheld=withheld)
    if not with_points and errors(problems):
        assert [p.code for p in problems] == ["allocation-nobody"]  # nothing to share the budget by
        return
    assert errors(problems) == []
    cents = [round(b * 100) for b in frame["betrag"]]
    assert sum(cents) == round(budget * 100)
    assert all(c >= 0 for c in cents)
    for r in frame.itertuples():
        if floor and r.berechtigt:
            assert r.betrag >= floor - 1e-9
        if cap:
            assert r.betrag <= cap + 1e-9
        if r.sozialraum_id in withheld and r.sozialraum_id in classes and heads[r.sozialraum_id] is not None:
            assert "gesperrt" in r.grund and pd.isna(r.bevoelkerung)


@FAST
@given(cases(), st.data())
def test_more_need_or_more_people_never_lowers_an_amount(case, data):
    """Floors and caps off: an area with more heads, or a class with a higher weight,
    never gets less (exactly; after rounding at most one cent less, the largest
    remainder being a property of the whole key)."""
    ids, classes, heads, withheld, budget, weights = case
    spec = _key(weights=weights, budget=budget)
    heads = {a: (h if h is not None else 10) for a, h in heads.items()}
    if not any(p > 0 for p in _points(spec, classes, heads, withheld).values()):
        return
    area = data.draw(st.sampled_from(sorted(classes))) if classes else None
    if area is None or area in withheld:
        return
    more_heads = dict(heads, **{area: heads[area] + data.draw(st.integers(1, 1000))})
    heavier = [c for c in CLASSES if dict(spec.weights)[c] >= dict(spec.weights)[classes[area]]]
    more_need = dict(classes, **{area: data.draw(st.sampled_from(heavier))})
    before, _ = _run(spec, classes, heads, withheld=withheld)
    old = before.set_index("sozialraum_id")
    for cl, hd in ((classes, more_heads), (more_need, heads)):
        after, _ = _run(spec, cl, hd, withheld=withheld)
        new = after.set_index("sozialraum_id")
        assert new.loc[area, "betrag_roh"] >= old.loc[area, "betrag_roh"] - 1e-6
        assert round(new.loc[area, "betrag"] * 100) >= round(old.loc[area, "betrag"] * 100) - 1


@FAST
@given(
    st.lists(st.integers(0, 50), min_size=2, max_size=12),
    st.integers(0, 11),
    st.integers(1, 40),
    st.booleans(),
    st.booleans(),
)
def test_with_floors_and_caps_more_points_still_never_lower_the_exact_amount(points, which, more, floor, cap):
    # the solver itself, in exact fractions: amount = min(cap, max(floor, λ × points))
    budget = Fraction(1000)
    n = len(points)
    which %= n
    if not any(points):
        return
    lo = {i: Fraction(1000, n * 2) if floor else Fraction(0) for i in range(n)}
    hi = {i: (Fraction(1000, sum(1 for p in points if p)) * 2 if cap else None) for i in range(n)}
    a, _ = solve(budget, {i: Fraction(p) for i, p in enumerate(points)}, lo, hi)
    b, _ = solve(budget, {i: Fraction(p + (more if i == which else 0)) for i, p in enumerate(points)}, lo, hi)
    assert sum(a.values()) == budget == sum(b.values())
    assert b[which] >= a[which]
    assert all(lo[i] <= a[i] and (hi[i] is None or a[i] <= hi[i]) for i in range(n) if points[i])


# --- disclosure control --------------------------------------------------------------------


def _shared(tmp_path: Path, children: int, name: str):
    """factory.shared_counts: the children under 15 of area 03 in 2021 are withheld (2, a
    small count), as kinder's zaehler and as sgb2_kinder's nenner. The key counts them
    as sgb2_kinder's nenner, with a floor for every area with a class."""
    spec = factory.shared_counts()
    # living space per inhabitant in `wohnen`: so area 03 has a class in 2021 although both
    # indicators about children are withheld there
    spec["indicators"].append({**spec["indicators"][2], "indikator_id": "platz", "zaehler": "Wohnfläche"})
    spec["indicators"][-1].update(nenner="Einwohner", einheit="m² je Einwohner", name="Wohnfläche")
    einwohner = {"01": 500, "02": 400, "03": 300, "04": 600, "05": 450, "06": 350}
    spec["values"] += [
        {
            "sozialraum_id": a,
            "jahr": str(y),
            "indikator_id": "platz",
            "zaehler": str(n * (30 + i)),
            "nenner": str(n),
            "wert": "",
        }
        for y in (2020, 2021)
        for i, (a, n) in enumerate(einwohner.items())
    ]
    for row in spec["values"]:
        if row["sozialraum_id"] == "03" and row["jahr"] == "2021" and row["indikator_id"] in ("kinder", "kinder_hh"):
            row["zaehler"] = str(children)
        if row["sozialraum_id"] == "03" and row["jahr"] == "2021" and row["indikator_id"] == "sgb2_kinder":
            row["nenner"] = str(children)
    spec["settings"]["allocations"] = [
        {
            "id": "kinder",
            "budget": 10000,
            "need": {"index": "status"},
            "weights": {c: 1 for c in CLASSES},
            "population": {"indicator": "sgb2_kinder", "count": "nenner"},
            "floor": 100,
        }
    ]
    release, problems = pipeline.open_release(factory.write(spec, tmp_path / name))
    assert errors(problems) == [], problems
    return pipeline.results(release)


def test_a_withheld_count_cannot_be_recovered_from_the_key(tmp_path):
    one, two = _shared(tmp_path, 1, "eins"), _shared(tmp_path, 2, "zwei")
    # the published counts are the same (the withheld one is blank in both) ...
    for result in (one, two):
        cell = result.indicator_values.query("sozialraum_id == '03' and jahr == 2021 and indikator_id == 'sgb2_kinder'")
        assert cell["nenner"].isna().all() and cell["gesperrt"].all()
    # ... and so is every number of the key, in every year
    pd.testing.assert_frame_equal(one.allocations, two.allocations)
    row = one.allocations.query("sozialraum_id == '03' and jahr == 2021").iloc[0]
    assert row["berechtigt"] and isinstance(row["bedarf"], str)  # it has a class, from living space
    assert pd.isna(row["bevoelkerung"]) and row["punkte"] == 0 and row["grund"] == "gesperrt"
    assert row["betrag"] == 100  # the floor, which does not depend on the count


def test_the_key_reads_the_counts_that_are_published():
    release, problems = pipeline.open_release(SAMPLE)
    result = pipeline.results(release)
    tables = package.tables(release, result)
    keys, values = tables["verteilung"], tables["indikator_werte"]
    for spec in release.allocations:
        mine = keys[keys["verteilung_id"] == spec.id]
        assert (mine.groupby("jahr")["betrag"].sum() * 100).round().eq(round(spec.budget * 100)).all()
        if spec.population is not None:
            published = values[values["indikator_id"] == spec.population.indicator_id]
            joined = mine.merge(published, on=["sozialraum_id", "jahr"])
            heads = joined["bevoelkerung"].dropna()
            assert heads.eq(joined.loc[heads.index, spec.population.count]).all()


def test_the_sample_key_recomputed_from_the_published_tables(tmp_path):
    """An independent recomputation of the sample's first key from index_werte and
    indikator_werte: the fixed point 'give the floor to whoever is below it, share the
    rest by points, repeat' (not the program's break-point walk)."""
    pipeline.build(SAMPLE, tmp_path / "out")
    daten = tmp_path / "out" / "daten"
    keys = pd.read_csv(daten / "verteilungen.csv", dtype=str).set_index("verteilung_id")
    key = keys.loc["kinder-familien"]
    year, budget, floor = int(key["jahr"]), float(key["budget"]), float(key["mindestbetrag"])
    classes = pd.read_csv(daten / "index_werte.csv", dtype={"sozialraum_id": str})
    classes = classes.query(f"index_id == '{key['bedarf_index']}' and jahr == {year}").set_index("sozialraum_id")
    values = pd.read_csv(daten / "indikator_werte.csv", dtype={"sozialraum_id": str})
    heads = values.query(f"indikator_id == '{key['bevoelkerung_indikator']}' and jahr == {year}")
    heads = heads.set_index("sozialraum_id")[key["bevoelkerung_zahl"]]
    weights = {"sehr niedrig": 4, "niedrig": 3, "mittel": 2, "hoch": 1, "sehr hoch": 0}  # the documented default
    eligible = key["berechtigte"].split("; ")
    points = {a: weights[c] * heads[a] for a, c in classes["klasse"].dropna().items() if c in eligible}
    floored: set[str] = set()
    while True:
        pool = budget - floor * len(floored)
        free = {a: p for a, p in points.items() if a not in floored}
        below = {a for a, p in free.items() if pool * p / sum(free.values()) < floor}
        if not below:
            break
        floored |= below
    expected = {a: floor if a in floored else pool * p / sum(free.values()) for a, p in points.items()}
    published = pd.read_csv(daten / "verteilung.csv", dtype={"sozialraum_id": str})
    published = published.query(f"verteilung_id == 'kinder-familien' and jahr == {year}").set_index("sozialraum_id")
    assert floored, "the sample's floor should hold for some areas"
    for area, amount in expected.items():
        assert published.loc[area, "betrag"] == pytest.approx(amount, abs=0.01), area
    assert (published.loc[~published.index.isin(points), "betrag"] == 0).all()


# --- check: bad settings, with place and advice -------------------------------------------


def _with_keys(*keys):
    def change(spec):
        spec["settings"]["allocations"] = list(keys)

    return change


GOOD = {
    "id": "k",
    "budget": 1000,
    "need": {"index": "status"},
    "population": {"indicator": "kinder", "count": "nenner"},
}


@pytest.mark.parametrize(
    "raw, field, code",
    [
        ({"need": {"index": "nein"}}, "allocations[1].need.index", "allocation-unknown-index"),
        (
            {"need": {"index": "status", "dimension": "nein"}},
            "allocations[1].need.dimension",
            "allocation-unknown-dimension",
        ),
        ({"need": {"typology": "nein"}}, "allocations[1].need.typology", "allocation-unknown-typology"),
        ({"need": None}, "allocations[1].need", "allocation-need-missing"),
        ({"weights": {c: 0 for c in CLASSES}}, "allocations[1].weights", "allocation-weights-zero"),
        ({"formula": "shares"}, "allocations[1].shares", "allocation-shares"),
        ({"formula": "rate_per_band"}, "allocations[1].rates", "allocation-rates"),
        ({"budget": None, "floor": 5}, "allocations[1].budget", "allocation-budget"),
        ({"floor": 2000}, "allocations[1].floor", "allocation-floor-over-budget"),
        ({"weights": {"gar nicht": 2}}, "allocations[1].weights.gar nicht", "allocation-unknown-class"),
        ({"eligible": ["mittel", "bestens"]}, "allocations[1].eligible", "allocation-unknown-class"),
        ({"budget": -5}, "allocations[1].budget", "allocation-budget"),
        ({"budget": 10.005}, "allocations[1].budget", "allocation-budget"),
        ({"population": {"indicator": "fehlt"}}, "allocations[1].population.indicator", "allocation-unknown-indicator"),
        (
            {"population": {"indicator": "kinder", "count": "wert"}},
            "allocations[1].population.count",
            "allocation-count",
        ),
        ({"formula": "gleich"}, "allocations[1].formula", "allocation-formula"),
        ({"floor": 600, "cap": 500}, "allocations[1].floor", "allocation-floor-cap"),
        ({"damping": 0}, "allocations[1].damping", "allocation-damping"),
        ({"id": "index"}, "allocations[1].id", "allocation-id"),
        ({"need": {"typology": "t", "index": "status"}}, "allocations[1].need", "allocation-need"),
        ({"eligible": "attention"}, "allocations[1].eligible", "allocation-attention"),
        ({"year": 2019}, "allocations[1].year", "allocation-year"),
        ({"budge": 3}, "allocations[1].budge", "settings-unknown"),
    ],
)
def test_bad_settings_are_named_with_their_place_and_advice(tmp_path, raw, field, code):
    path = factory.release(tmp_path, _with_keys({**GOOD, **raw}))
    _, problems = pipeline.open_release(path)
    found = [(p.file, p.field, p.code) for p in errors(problems)]
    assert ("sozmon.yml", field, code) in found, found
    for p in problems:
        what, todo = problem_text(p)
        assert what and todo and not re.search(r"\{[a-z_]+\}", what + todo), p  # every placeholder filled


def test_a_floor_the_budget_cannot_pay_is_found_by_check(tmp_path, capsys):
    # 4 areas with a class (factory release), 2021: 4 × 300 € = 1200 € > 1000 €
    path = factory.release(tmp_path, _with_keys({**GOOD, "floor": 300}))
    _, problems = pipeline.open_release(path)
    assert [(p.field, p.code, p.value) for p in errors(problems)] == [
        ("allocations[1].floor", "allocation-floor-budget", "2021")
    ]
    assert "4 × Mindestbetrag 300 € = 1.200 €" in problem_text(errors(problems)[0])[0]
    # in 2020 too (a year for comparison): a warning, not an error
    assert [(p.field, p.code) for p in problems if not p.is_error] == [
        ("allocations[1].floor", "allocation-skipped-floor")
    ]
    assert cli.main(["check", "--data", str(path)]) == 1
    out = capsys.readouterr().out
    assert "sozmon.yml" in out and "allocations[1].floor" in out and "Mindestbetrag senken" in out
    assert "Traceback" not in out and "None" not in out
    # a cap that cannot spend the budget: 4 × 200 € < 1000 €
    path = factory.release(tmp_path / "cap", _with_keys({**GOOD, "cap": 200}))
    assert [p.code for p in errors(pipeline.open_release(path)[1])] == ["allocation-cap-budget"]


def test_a_valid_key_passes_check_and_is_built(tmp_path):
    path = factory.release(tmp_path, _with_keys(GOOD))
    release, problems = pipeline.open_release(path)
    assert problems == []
    assert [k.id for k in release.allocations] == ["k"]


# --- hostile texts: escaped on the page, text in the workbook ------------------------------

STAMP = datetime(2024, 1, 1)
HOSTILE = '=HYPERLINK("https://example.org/") <script>window.__pwned=1</script> **fett** [x](javascript:1)'


def test_a_hostile_name_is_literal_text_on_the_page_and_in_the_workbook(tmp_path):
    key = {**GOOD, "name": HOSTILE, "description": "# " + HOSTILE}
    path = factory.release(tmp_path, _with_keys(key))
    release, problems = pipeline.open_release(path)
    assert errors(problems) == []
    result = pipeline.results(release)
    published = package.tables(release, result)
    resources = [package.resource("sozialraeume")] + [package.resource(name) for name in published]
    book = xlsx.write(
        package.descriptor(release, resources), published, package.areas(release), tmp_path / "k.xlsx", STAMP
    )
    page = allocation_page(Site(release, published, [], {}), release.allocations[0])
    page = page.split("\n---\n", 1)[1]  # the front matter holds it as a YAML string
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "](javascript" not in page and "\\*\\*fett\\*\\*" in page
    sheet = openpyxl.load_workbook(book)["Verteilungsschlüssel"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == HOSTILE]
    assert cells and all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(book) as z:
        assert not any("<f>" in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


# --- the chart -------------------------------------------------------------------------------


def test_the_chart_reads_the_published_key_and_colours_by_need():
    release, _ = pipeline.open_release(SAMPLE)
    every = chartset.specs(release, pipeline.results(release), 2024)
    spec = every["verteilung/kinder-familien/betraege"]
    assert spec["data"]["url"] == "daten/verteilung.csv"
    assert spec["transform"][:3] == [
        {"filter": 'datum.verteilung_id == "kinder-familien"'},
        {"filter": "datum.jahr == 2024"},
        {"filter": "datum.betrag > 0"},
    ]
    # coloured by the index's classes (only those of areas with an amount: eligible are the three lowest)
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"] == ["sehr niedrig", "niedrig", "mittel"]
    assert scale["range"] == charts.CLASS_COLOURS[5][:3]
    # a typology's types: coloured by their class in the first index (the legend names classes, not
    # "besonderer"); the labels are data of a lookup, not part of an expression
    typed = every["verteilung/plus-kita/betraege"]
    lookup = next(t for t in typed["transform"] if "lookup" in t and t["lookup"] == "bedarf")
    pairs = {(v["bedarf"], v["gruppe"]) for v in lookup["from"]["data"]["values"]}
    assert ("Teilhabechancen mittel, Entwicklung negativ", "mittel") in pairs
    assert ("Teilhabechancen sehr niedrig, Entwicklung stabil", "sehr niedrig") in pairs
    colour = typed["encoding"]["color"]
    assert colour["legend"]["title"] == "Teilhabechancen"
    # eligible are "sehr niedrig", "niedrig" and "mittel, Entwicklung negativ": all three occur in 2024
    assert colour["scale"]["domain"] == ["sehr niedrig", "niedrig", "mittel"]
    assert all("Teilhabechancen" not in t.get("calculate", "") for t in typed["transform"])


# --- the sample's pages: what a finance officer recomputes -----------------------------------


@pytest.fixture(scope="module")
def sample_pages():
    release, _ = pipeline.open_release(SAMPLE)
    tables = package.tables(release, pipeline.results(release))
    site = Site(release, tables, [], {})
    pages = {spec.id: _plain(allocation_page(site, spec)) for spec in release.allocations}
    return release, tables, pages


def _plain(page: str) -> str:
    """The page without Markdown escapes ('1\\.000' → '1.000')."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>])", r"\1", page)


def _de(text: str) -> Fraction:
    """'944.120,17' → 944120.17, exactly."""
    return Fraction(text.replace(".", "").replace(",", ".").replace("−", "-"))


def _rows(page: str, first_head: str, containing: str = "") -> list[list[str]]:
    """The cells of the table whose first column head is `first_head` (and one of whose
    heads is `containing`)."""
    for found in re.findall(r"<table.*?</table>", page, re.S):
        rows = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S) for tr in re.findall(r"<tr.*?</tr>", found, re.S)]
        if rows and rows[0][0] == first_head and (not containing or containing in rows[0]):
            return rows
    raise AssertionError(first_head)


def _cent(value: Fraction) -> Fraction:
    return Fraction(int(value * 100 + Fraction(1, 2)), 100)


def test_the_worked_examples_reproduce_from_the_numbers_they_print(sample_pages):
    release, tables, pages = sample_pages
    for key, page in pages.items():
        example = page.split("## Rechenbeispiel", 1)[1].split("##", 1)[0]
        # "<points> / <total> × <pool> € = <amount> €", then "Betrag: **<amount> €**"
        points, total, pool, amount = re.search(r"([\d.,]+) / ([\d.,]+) × ([\d.,]+) € = ([\d.,]+) €", example).groups()
        assert _cent(_de(points) / _de(total) * _de(pool)) == _de(amount), key
        assert f"Betrag: **{amount} €**" in example, key
        # the pool is the budget less the bounded areas' amounts, as printed
        bounded = re.search(r"([\d.]+) € − ([\d.,]+) € = ([\d.,]+) €", example)
        if bounded:
            assert _de(bounded[1]) - _de(bounded[2]) == _de(bounded[3]) == _de(pool), key
        # the example's area gets that amount in the published table
        area = re.search(r"\*\*([^*]+)\*\*", example)[1]
        rows = tables["verteilung"].query(f"verteilung_id == '{key}' and jahr == 2024")
        ids = {v: k for k, v in zip(release.areas["sozialraum_id"], release.areas["name"])}
        published = rows.set_index("sozialraum_id").loc[ids[area], "betrag"]
        assert round(published * 100) == _de(amount) * 100, key
    # plus-kita by hand: Neustadt 75 % × 1130/8365 + 25 % × 91/703 = 10.131500 + 3.236131 = 13.367631 %;
    # 1,000,000 − 55,879.83 (Schalke-Nord, damped) = 944,120.17; × 13.367631 / 94.550312 = 133,480.787 €
    example = pages["plus-kita"].split("## Rechenbeispiel", 1)[1]
    assert "1.130 von 8.365" in example and "91 von 703" in example
    assert "13,367631 / 94,550312 × 944.120,17 € = 133.480,79 €" in example


def test_bounded_amounts_are_compared_with_the_published_amount_before_bounds(sample_pages):
    _, tables, pages = sample_pages
    found = re.search(r"\*\*([^*]+)\*\* hätte vor Begrenzung \([^)]*\) nur ([\d.,]+) €", pages["kinder-familien"])
    assert found, "the sample's floor holds for some areas"
    rows = tables["verteilung"].query("verteilung_id == 'kinder-familien' and jahr == 2024")
    raw = rows.set_index("sozialraum_id")["betrag_roh"]
    assert any(round(v * 100) == _de(found[2]) * 100 for v in raw), "the same number as betrag_roh"


def test_areas_that_leave_or_enter_the_funding_are_named(sample_pages):
    release, tables, pages = sample_pages
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    values = tables["verteilung"]
    for key, page in pages.items():
        rows = _rows(page, "Sozialraum")
        head = rows[0]
        col = {h: i for i, h in enumerate(head)}
        assert "Veränderung zum Vorjahr (€)" in col
        by_name = {re.sub(r"\[([^]]+)\].*", r"\1", r[0]): r for r in rows[1:]}
        before = values.query(f"verteilung_id == '{key}' and jahr == 2023").set_index("sozialraum_id")["betrag"]
        now = values.query(f"verteilung_id == '{key}' and jahr == 2024").set_index("sozialraum_id")["betrag"]
        left = [a for a in now.index if before[a] > 0 and now[a] == 0]
        entered = [a for a in now.index if before[a] == 0 and now[a] > 0]
        assert left, key  # the sample has areas that lose their funding in both keys
        for area in left:
            row = by_name[names[area]]
            assert row[col["Hinweis"]].startswith("fällt aus der Förderung (2023: "), (key, area)
            assert _de(row[col["Veränderung zum Vorjahr (€)"]]) == -_de(f"{before[area]:.2f}".replace(".", ","))
        for area in entered:
            assert by_name[names[area]][col["Hinweis"]].startswith("neu in der Förderung"), (key, area)
        # one format for the points: two decimals, or whole numbers
        shown = [r[-1] for r in _rows(page, "Sozialraum", "Punkte")[1:] if r[-1] != "–"]
        assert len({len(p.split(",")[1]) if "," in p else 0 for p in shown}) == 1, key
    # by hand (the review): Buer-Süd had 48.836,44 € in 2023 and is "hoch" in 2024
    buer = {re.sub(r"\[([^]]+)\].*", r"\1", r[0]): r for r in _rows(pages["kinder-familien"], "Sozialraum")}
    assert buer["Buer-Süd"][-1] == "fällt aus der Förderung (2023: mittel; 2024: hoch)"
    assert buer["Buer-Süd"][-2] == "−48.836,44"


def test_the_rules_say_what_a_finance_officer_asks(sample_pages):
    release, tables, pages = sample_pages
    kinder = pages["kinder-familien"]
    # the target group by the count's own definition, not by the indicator it happens to be the nenner of
    assert "Einwohner unter 18 Jahren (Zähler des Indikators „Anteil der unter 18-Jährigen“)" in kinder
    assert "Staatsangehörigkeit" not in kinder
    # areas without a class get nothing, by name (Scholven-Nord has no value of the index in 2024)
    classes = tables["index_werte"].query("index_id == 'kinder' and jahr == 2024")
    without = set(release.areas["sozialraum_id"]) - set(classes.dropna(subset=["klasse"])["sozialraum_id"])
    names = sorted(release.areas.set_index("sozialraum_id").loc[sorted(without), "name"])
    rules = dict(r for r in _rows(kinder, "Regel")[1:])
    assert rules["Berechtigt"].endswith("erhält nichts; 2024: " + ", ".join(names) + ".")
    # example weights are said to be an example; classes that are not eligible weigh "–"
    assert "Beispielgewichte (Vorgabe von sozmon" in kinder and "die Stadt legt sie fest" in kinder
    weights = {r[0]: r[1] for r in _rows(kinder, "Klasse")[1:]}
    assert weights == {"sehr niedrig": "4", "niedrig": "3", "mittel": "2", "hoch": "–", "sehr hoch": "–"}
    plus = pages["plus-kita"]
    rules = dict(r for r in _rows(plus, "Regel")[1:])
    assert "Nicht gedämpft wird, wer neu in die Förderung kommt" in rules["Dämpfung"]
    assert "berechnet" in rules["Dämpfung"] and "nicht ausgezahlt" in rules["Dämpfung"]
    assert "75 % nach der Zahl „Nicht erwerbsfähige Leistungsberechtigte" in rules["Formel"]
    for page in pages.values():  # a synthetic release decides nothing
        assert "beschlossen ist" not in page and "nicht ausgezahlt" in page


def test_the_workbook_shows_bounds_in_words_and_says_what_the_damping_flag_means(tmp_path, sample_pages):
    release, tables, _ = sample_pages
    resources = [package.resource("sozialraeume")] + [package.resource(name) for name in tables]
    book = xlsx.write(
        package.descriptor(release, resources), tables, package.areas(release), tmp_path / "s.xlsx", STAMP
    )
    sheet = openpyxl.load_workbook(book)["Verteilung"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    head = next(r for r in rows if "Begrenzung" in r)
    col = {h: i for i, h in enumerate(head)}
    assert "Dämpfung anwendbar" in col and "Gedämpft" not in col
    bounds = {r[col["Begrenzung"]] for r in rows[rows.index(head) + 1 :]} - {None}
    assert {"Mindestbetrag", "Dämpfung: Abnahme begrenzt"} <= bounds and not any("_" in b for b in bounds)
    reasons = {r[col["Grund"]] for r in rows[rows.index(head) + 1 :]} - {None}
    assert "nicht berechtigt" in reasons and not any("_" in r for r in reasons)
