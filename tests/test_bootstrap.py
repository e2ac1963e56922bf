"""The bootstrap of the counts (compute/bootstrap.py): intervals, ranks, class probabilities."""

from __future__ import annotations

from dataclasses import replace
from math import comb

import numpy as np
import pandas as pd
import pytest

from sozmon import contract, pipeline
from sozmon.compute import compute
from sozmon.compute.bootstrap import assess
from sozmon.compute.suppress import suppress
from tests import factory


def _tables(path, **certainty):
    release, problems = pipeline.open_release(path)
    assert release is not None, problems
    if certainty:
        settings = release.settings
        release = replace(release, settings=replace(settings, certainty=replace(settings.certainty, **certainty)))
    result = suppress(compute(release), release.settings)
    return release, result, assess(release, result)


def _scaled(factor: int):
    def change(spec):
        for row in spec["values"]:
            row["zaehler"] = str(int(row["zaehler"]) * factor)
            row["nenner"] = str(int(row["nenner"]) * factor)

    return change


def _widths(tables) -> pd.Series:
    u = tables[contract.UNCERTAINTY].set_index(["index_id", "dimension_id", "sozialraum_id", "jahr"])
    return (u["wert_oben"] - u["wert_unten"]).astype(float)


@pytest.mark.parametrize("stabilise", ["off", "stadtteil"])
def test_probabilities_sum_to_one_and_the_point_lies_in_its_interval(tmp_path, stabilise):
    """Also with small numbers stabilised: each draw is stabilised again, around the
    published stabilised value."""

    def change(spec):
        spec["settings"]["method"] = {"stabilise": stabilise}

    release, result, tables = _tables(factory.release(tmp_path, change), draws=400)
    u, p = tables[contract.UNCERTAINTY], tables[contract.CLASS_PROBABILITIES]
    sums = p.groupby(["index_id", "dimension_id", "sozialraum_id", "jahr"])["wahrscheinlichkeit"].sum()
    assert len(sums) == len(u) > 0
    assert np.allclose(sums.to_numpy(), 1.0)
    points = result.indices.assign(dimension_id=contract.WHOLE)[
        ["index_id", "dimension_id", "sozialraum_id", "jahr", "wert", "rang"]
    ]
    points = pd.concat([points, result.dimensions[points.columns]]).dropna(subset=["wert"])
    joined = u.merge(points, on=["index_id", "dimension_id", "sozialraum_id", "jahr"], validate="one_to_one")
    assert len(joined) == len(points) == len(u)
    assert (joined["wert_unten"] <= joined["wert"]).all() and (joined["wert"] <= joined["wert_oben"]).all()
    assert (joined["rang_unten"] <= joined["rang"]).all() and (joined["rang"] <= joined["rang_oben"]).all()
    # the published class's probability is the one in the long table
    own = p.merge(u, on=["index_id", "dimension_id", "sozialraum_id", "jahr", "klasse"])
    assert np.allclose(own["wahrscheinlichkeit"], own["klasse_wahrscheinlichkeit"])
    assert (u["ziehungen"] == 400).all()


def test_very_large_counts_give_a_near_zero_interval_and_x100_shrinks_every_one(tmp_path):
    _, _, small = _tables(factory.release(tmp_path / "a"), draws=300)
    _, _, large = _tables(factory.release(tmp_path / "b", _scaled(100)), draws=300)
    _, _, huge = _tables(factory.release(tmp_path / "c", _scaled(1_000_000)), draws=300)
    w1, w100, wbig = _widths(small), _widths(large), _widths(huge)
    assert w1.index.equals(w100.index)
    moving = w1 > 0
    assert moving.sum() > len(w1) / 2
    assert (w100[moving] < w1[moving]).all()
    # the spread of a rate falls with the square root of its counts: ×100 → about a tenth
    ratio = w100[moving].mean() / w1[moving].mean()
    assert 0.05 < ratio < 0.2, ratio
    assert wbig.max() < 0.01
    classes = huge[contract.UNCERTAINTY]["klasse_wahrscheinlichkeit"]
    assert (classes == 1.0).all()


def _two_areas(spec):
    """Two areas, one share indicator (lower is better): 22 of 50 in area 01, 18 of 50 in 02."""
    spec["areas"] = spec["areas"][:2]
    spec["dimensions"] = spec["dimensions"][:1]
    spec["indicators"] = spec["indicators"][:1]
    spec["values"] = [
        {"sozialraum_id": a, "jahr": "2020", "indikator_id": "sgb2", "zaehler": z, "nenner": "50", "wert": ""}
        for a, z in (("01", "22"), ("02", "18"))
    ]
    spec["settings"]["method"] = {"classes": {"cuts": [-0.5, 0.5], "labels": ["niedrig", "mittel", "hoch"]}}


def test_two_areas_by_hand(tmp_path):
    """With two areas every z-score is −1, 0 (a tie) or +1: area 01 (the higher, worse
    share) is 'niedrig' when its draw exceeds 02's, 'mittel' on a tie, 'hoch' below it.
    Centred on the published −1, those draws stay in these classes (the mean shift is
    under 0.5), so the class probabilities are P(X > Y), P(X = Y), P(X < Y) for
    X ~ Bin(50, 0.44), Y ~ Bin(50, 0.36), summed exactly here."""
    _, result, tables = _tables(factory.release(tmp_path, _two_areas), draws=20_000)

    def pmf(n, p):
        return [comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]

    x, y = pmf(50, 0.44), pmf(50, 0.36)
    greater = sum(x[i] * y[j] for i in range(51) for j in range(51) if i > j)
    equal = sum(x[i] * y[i] for i in range(51))
    less = 1 - greater - equal
    assert 0.05 < less < 0.5 and 0.02 < equal < 0.1  # the example is not trivial
    p = tables[contract.CLASS_PROBABILITIES]
    area = p[(p["sozialraum_id"] == "01") & (p["dimension_id"] == contract.WHOLE)].set_index("klasse")
    expected = {"niedrig": greater, "mittel": equal, "hoch": less}
    for label, value in expected.items():
        assert area.loc[label, "wahrscheinlichkeit"] == pytest.approx(value, abs=0.012), label
    # 01 ranks 1 (lowest value) unless its draw is below 02's: rank 2 in P(X < Y) > 5 % of draws
    u = tables[contract.UNCERTAINTY]
    row = u[(u["sozialraum_id"] == "01") & (u["dimension_id"] == contract.WHOLE)].iloc[0]
    assert (row["rang_unten"], row["rang_oben"], row["klasse"]) == (1, 2, "niedrig")
    assert row["klasse_wahrscheinlichkeit"] == pytest.approx(greater, abs=0.012)
    assert result.indices.set_index("sozialraum_id").loc["01", "wert"] == pytest.approx(-1.0)


def test_same_seed_same_bytes_other_seed_other_draws(tmp_path):
    path = factory.release(tmp_path)
    _, _, first = _tables(path, draws=200)
    _, _, again = _tables(path, draws=200)
    _, _, other = _tables(path, draws=200, seed=7)
    for name in (contract.UNCERTAINTY, contract.CLASS_PROBABILITIES):
        assert first[name].to_csv(index=False) == again[name].to_csv(index=False)
    assert first[contract.UNCERTAINTY].to_csv(index=False) != other[contract.UNCERTAINTY].to_csv(index=False)


def test_the_draws_do_not_depend_on_the_batch_size(tmp_path, monkeypatch):
    from sozmon.compute import bootstrap

    path = factory.release(tmp_path)
    _, _, whole = _tables(path, draws=50)
    monkeypatch.setattr(bootstrap, "_BATCH_ELEMENTS", 1)  # one draw per batch
    _, _, single = _tables(path, draws=50)
    assert whole[contract.UNCERTAINTY].equals(single[contract.UNCERTAINTY])


def test_delivered_rates_stay_fixed(tmp_path):
    """Without counts there is nothing to vary: every interval is the point itself."""

    def rates_only(spec):
        for row in spec["values"]:
            row["wert"] = str(int(row["zaehler"]) / int(row["nenner"]) * 100)
            row["zaehler"] = row["nenner"] = ""

    _, _, tables = _tables(factory.release(tmp_path, rates_only), draws=100)
    u = tables[contract.UNCERTAINTY]
    assert len(u) > 0
    assert (u["wert_oben"] - u["wert_unten"]).abs().max() < 1e-6
    assert (u["rang_unten"] == u["rang_oben"]).all() and (u["klasse_wahrscheinlichkeit"] == 1).all()


def test_a_withheld_count_changes_nothing(tmp_path):
    """Area 03's kinder count of 1 (< 3) is withheld; sgb2 of area 04 in 2021 is made
    small (2) here, so it is withheld too and leaves the index; its value then must not
    move any interval or probability."""

    def withheld(z):
        def change(spec):
            factory.row_of(spec, "04", 2021, "sgb2")["zaehler"] = z

        return change

    _, first_result, first = _tables(factory.release(tmp_path / "a", withheld("2")), draws=200)
    _, _, second = _tables(factory.release(tmp_path / "b", withheld("1")), draws=200)
    values = first_result.indicator_values.set_index(["sozialraum_id", "jahr", "indikator_id"])
    assert bool(values.loc[("04", 2021, "sgb2"), "gesperrt"])
    for name in (contract.UNCERTAINTY, contract.CLASS_PROBABILITIES):
        assert first[name].to_csv(index=False) == second[name].to_csv(index=False)


def test_no_draws_no_rows(tmp_path):
    _, _, tables = _tables(factory.release(tmp_path), draws=0)
    assert tables[contract.UNCERTAINTY].empty and tables[contract.CLASS_PROBABILITIES].empty
    assert list(tables[contract.UNCERTAINTY].columns) == contract.OUTPUT[contract.UNCERTAINTY].columns


def test_a_dimension_may_not_be_called_gesamt(tmp_path):
    """`gesamt` names the index as a whole in the certainty tables: check refuses it as
    a dimension's id, in dimensionen.csv and in an index definition of sozmon.yml."""

    def in_catalogue(spec):
        spec["dimensions"][0]["dimension_id"] = "Gesamt"
        for row in spec["indicators"]:
            if row["dimension_id"] == "arbeit":
                row["dimension_id"] = "Gesamt"

    _, problems = pipeline.open_release(factory.release(tmp_path / "a", in_catalogue))
    assert [(p.code, p.value) for p in problems if p.is_error] == [("id-reserved", "Gesamt")]

    def in_definition(spec):
        spec["settings"]["indices"] = [
            {"id": "i", "name": "I", "dimensions": [{"id": "gesamt", "name": "G", "indicators": ["sgb2"]}]}
        ]

    _, problems = pipeline.open_release(factory.release(tmp_path / "b", in_definition))
    assert ("definition-id", "gesamt") in [(p.code, p.value) for p in problems if p.is_error]


def test_a_type_is_never_surer_than_either_of_its_classes():
    """The typology crosses the two indices' classes draw by draw: the share of draws with
    the published type is at most each class's share, and the share needing attention
    contains it (type needs attention) or lies in what is left (it does not)."""
    from tests.conftest import REPO

    release, problems = pipeline.open_release(REPO / "datapackage")
    assert release is not None, problems
    result = suppress(compute(release), release.settings)
    tables = assess(release, result)
    types = tables[contract.TYPOLOGY_UNCERTAINTY]
    u = tables[contract.UNCERTAINTY]
    u = u[u["dimension_id"] == contract.WHOLE].set_index(["index_id", "sozialraum_id", "jahr"])
    published = result.typologies.set_index(["typologie_id", "sozialraum_id", "jahr"])
    assert len(types) == published["typ"].notna().sum() > 100
    for r in types.itertuples():
        t = release.typologies[0]
        p1 = u.loc[(t.first, r.sozialraum_id, r.jahr), "klasse_wahrscheinlichkeit"]
        p2 = u.loc[(t.second, r.sozialraum_id, r.jahr), "klasse_wahrscheinlichkeit"]
        assert r.typ_wahrscheinlichkeit <= min(p1, p2) + 1e-12
        if published.loc[(r.typologie_id, r.sozialraum_id, r.jahr), "aufmerksamkeit"]:
            assert r.aufmerksamkeit_wahrscheinlichkeit >= r.typ_wahrscheinlichkeit
        else:
            assert r.aufmerksamkeit_wahrscheinlichkeit <= 1 - r.typ_wahrscheinlichkeit + 1e-12
    # both classes sure in every draw: the type is too
    always = types[types["typ_wahrscheinlichkeit"] == 1.0]
    assert len(always) and (always["aufmerksamkeit_wahrscheinlichkeit"].isin([0.0, 1.0])).all()
