"""Small-number stabilisation (compute/stabilise.py): Marshall's (1991) empirical-Bayes
shrinkage of each area's rate towards its Stadtteil or the city, checked by hand."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from conftest import build_release, indicator

from sozmon import package, settings
from sozmon.compute import compute
from sozmon.compute.stabilise import group_codes, is_share, shrink
from sozmon.compute.suppress import suppress
from sozmon.pages import stabilise as stabilise_page
from sozmon.pages.common import Site

DIMENSIONS = [{"dimension_id": "d", "name": "D", "beschreibung": "", "gewicht": 1.0}]


def _release(cells: dict[str, tuple], teile: dict[str, str | None] | None = None, method=None, catalogue=None):
    """One year (2020); `cells` {area: (zaehler, nenner) or (None, wert) per indicator 'i'}
    or {area: {indicator: …}}; `teile` {area: Stadtteil}."""
    areas, values = [], []
    for area, given in cells.items():
        teil = (teile or {}).get(area)
        areas.append({"sozialraum_id": area, "name": area, "stadtteil": teil, "stadtbezirk": "B"})
        for iid, (z, n) in (given if isinstance(given, dict) else {"i": given}).items():
            row = {"sozialraum_id": area, "jahr": 2020, "indikator_id": iid}
            row.update({"wert": n} if z is None else {"zaehler": z, "nenner": n})
            values.append(row)
    return build_release(
        areas,
        DIMENSIONS,
        catalogue or [indicator("i")],
        values,
        {"city": "Stadt", "method": {"min_denominator": 0} | (method or {})},
    )


def _published(release):
    result = suppress(compute(release), release.settings)
    return result


def _column(result, column: str, iid: str = "i") -> dict:
    rows = result.indicator_values[result.indicator_values["indikator_id"] == iid]
    return {a: (None if pd.isna(v) else float(v)) for a, v in zip(rows["sozialraum_id"], rows[column])}


def test_three_areas_by_hand_share():
    # A share (faktor 100, zaehler ≤ nenner), one group 'stadt':
    #   a 10/100 = 0.10, b 40/100 = 0.40, c 200/800 = 0.25
    #   m  = 250 / 1000 = 0.25
    #   s² = (100·0.15² + 100·0.15² + 800·0²) / 1000 = 4.5 / 1000 = 0.0045
    #   n̄ = 1000 / 3; binomial V = m(1−m) = 0.1875; V/n̄ = 0.0005625
    #   A  = 0.0045 − 0.0005625 = 0.0039375
    #   a, b: v = 0.1875/100 = 0.001875, C = 0.0039375 / 0.0058125 = 21/31
    #   a: 25 − 15·21/31 = 460/31 % ≈ 14.839 %; b: 25 + 15·21/31 = 1090/31 % ≈ 35.161 %
    #   c: its rate is m, so 25 %
    release = _release({"a": (10, 100), "b": (40, 100), "c": (200, 800)}, method={"stabilise": "stadt"})
    got = _column(_published(release), "wert_stabilisiert")
    assert got == pytest.approx({"a": 460 / 31, "b": 1090 / 31, "c": 25.0}, abs=1e-12)
    # the published value stays the raw one
    assert _column(_published(release), "wert") == pytest.approx({"a": 10.0, "b": 40.0, "c": 25.0})


def test_two_areas_by_hand_counts_per_thousand():
    # Not a share (faktor 1000): Poisson variance V = m.
    #   a 2/100 = 0.02, b 18/300 = 0.06; m = 20/400 = 0.05
    #   s² = (100·0.03² + 300·0.01²) / 400 = 0.12 / 400 = 0.0003
    #   n̄ = 200, V/n̄ = 0.00025, A = 0.00005
    #   a: v = 0.05/100 = 0.0005,  C = 0.00005/0.00055 = 1/11 → 50 − 30/11 = 520/11 ‰ ≈ 47.27 ‰
    #   b: v = 0.05/300 = 1/6000,  C = 3/60000 / 13/60000 = 3/13 → 50 + 10·3/13 = 680/13 ‰ ≈ 52.31 ‰
    # The small area moves 27.3 ‰, the larger 7.7 ‰.
    catalogue = [indicator("i", faktor=1000, einheit="je 1.000")]
    method = {"stabilise": "stadt", "suppress_below": 0}
    release = _release({"a": (2, 100), "b": (18, 300)}, method=method, catalogue=catalogue)
    got = _column(_published(release), "wert_stabilisiert")
    assert got == pytest.approx({"a": 520 / 11, "b": 680 / 13}, abs=1e-12)


def test_each_stadtteil_is_its_own_group_and_an_area_without_one_keeps_its_rate():
    # Stadtteil X = the Poisson example above as shares: a 10/100, b 40/100, c 200/800 → as in
    # the first test; Stadtteil Y: one area d 30/60 → its own rate 50 %; e has no Stadtteil → 5 %.
    release = _release(
        {"a": (10, 100), "b": (40, 100), "c": (200, 800), "d": (30, 60), "e": (5, 100)},
        teile={"a": "X", "b": "X", "c": "X", "d": "Y", "e": None},
        method={"stabilise": "stadtteil"},
    )
    got = _column(_published(release), "wert_stabilisiert")
    assert got == pytest.approx({"a": 460 / 31, "b": 1090 / 31, "c": 25.0, "d": 50.0, "e": 5.0}, abs=1e-12)


def test_a_very_large_area_barely_moves():
    # Five small areas of 50 at 10–26 %, one of a million at 30 %: the large area's
    # own variance m(1−m)/10⁶ is tiny against A, so it keeps its rate (< 0.001 points off),
    # the small ones move towards m by percentage points.
    cells = {f"s{i}": (z, 50) for i, z in enumerate([5, 8, 10, 12, 13])} | {"big": (300_000, 1_000_000)}
    release = _release(cells, method={"stabilise": "stadt"})
    raw = _column(_published(release), "wert")
    got = _column(_published(release), "wert_stabilisiert")
    assert abs(got["big"] - raw["big"]) < 1e-3
    assert min(abs(got[a] - raw[a]) for a in raw if a != "big") > 1.0


def test_no_between_area_variance_gives_the_group_rate():
    # a 1/10 = 0.1, b 2/10 = 0.2: m = 0.15; s² = (10·0.05² + 10·0.05²)/20 = 0.0025;
    # chance alone gives m(1−m)/n̄ = 0.1275/10 = 0.01275 > s², so A = 0 and both get 15 %.
    release = _release({"a": (1, 10), "b": (2, 10)}, method={"stabilise": "stadt", "suppress_below": 0})
    assert _column(_published(release), "wert_stabilisiert") == pytest.approx({"a": 15.0, "b": 15.0}, abs=1e-12)


def test_a_delivered_rate_keeps_its_value_and_stays_out_of_the_moments():
    # c delivered only 80 %: it keeps 80 %, and a, b stabilise as a pair
    # (a 1/10, b 2/10 → A = 0 → 15 %, as above), not towards anything with c.
    release = _release(
        {"a": (1, 10), "b": (2, 10), "c": (None, 80.0)}, method={"stabilise": "stadt", "suppress_below": 0}
    )
    assert _column(_published(release), "wert_stabilisiert") == pytest.approx(
        {"a": 15.0, "b": 15.0, "c": 80.0}, abs=1e-12
    )


def _three_indicator_release(stabilise: str | None, tweak: int = 0):
    """Six areas, two indicators in the index, one of them with a small count in area 'f'."""
    cells = {}
    for k, area in enumerate("abcdef"):
        cells[area] = {"i": (10 + 7 * k, 40 + 30 * k), "j": (5 + 3 * k, 60 + 11 * k)}
    cells["f"]["i"] = (1 + tweak, 190)  # withheld: 0 < 1 (or 2) < suppress_below 3
    catalogue = [indicator("i"), indicator("j", richtung=-1)]
    teile = dict(zip("abcdef", "XXXYYY"))
    method = {"min_denominator": 20} | ({} if stabilise is None else {"stabilise": stabilise})
    return _release(cells, teile=teile, method=method, catalogue=catalogue)


def _tables(result) -> list[pd.DataFrame]:
    return [result.indicator_values, result.indices, result.dimensions]


def test_off_leaves_the_column_empty_and_the_index_unchanged():
    default = _published(_three_indicator_release(None))
    off = _published(_three_indicator_release("off"))
    assert off.indicator_values["wert_stabilisiert"].isna().all()
    for a, b in zip(_tables(default), _tables(off)):
        pd.testing.assert_frame_equal(a, b)
    on = _published(_three_indicator_release("stadtteil"))
    # on: the raw values are published unchanged, the index reads the stabilised ones
    pd.testing.assert_series_equal(on.indicator_values["wert"], off.indicator_values["wert"])
    blank = on.indicator_values["gesperrt"].astype(bool)
    assert blank.sum() >= 1
    assert (on.indicator_values["wert_stabilisiert"].isna() == blank).all()
    assert not np.allclose(on.indices["wert"].astype(float), off.indices["wert"].astype(float))


def test_the_index_reads_the_stabilised_values():
    # The same index from a release that delivers the stabilised values as rates only.
    on = _published(_three_indicator_release("stadtteil"))
    values = on.indicator_values
    cells = {}
    for area, iid, v, blank in zip(
        values["sozialraum_id"], values["indikator_id"], values["wert_stabilisiert"], values["gesperrt"]
    ):
        if not blank:
            cells.setdefault(area, {})[iid] = (None, float(v))
    catalogue = [indicator("i"), indicator("j", richtung=-1)]
    delivered = _published(_release(cells, teile=dict(zip("abcdef", "XXXYYY")), catalogue=catalogue))
    got = on.indices["wert"].astype(float).to_numpy()
    want = delivered.indices["wert"].astype(float).to_numpy()
    assert np.allclose(got, want, atol=1e-12)
    keys = ["sozialraum_id", "jahr", "indikator_id"]
    z = on.indicator_values.merge(delivered.indicator_values, on=keys, suffixes=("", "_geliefert"))
    assert len(z) == len(delivered.indicator_values) == len(values) - values["gesperrt"].sum()
    assert np.allclose(z["z_wert"].astype(float), z["z_wert_geliefert"].astype(float), atol=1e-12)


def test_withheld_cells_never_enter():
    before = _published(_three_indicator_release("stadtteil"))
    after = _published(_three_indicator_release("stadtteil", tweak=1))
    row = (before.indicator_values["sozialraum_id"] == "f") & (before.indicator_values["indikator_id"] == "i")
    assert before.indicator_values.loc[row, "gesperrt"].all()
    assert before.indicator_values.loc[row, "wert_stabilisiert"].isna().all()
    for a, b in zip(_tables(before), _tables(after)):
        pd.testing.assert_frame_equal(a, b)


def test_shrink_over_draws_equals_each_draw():
    rng = np.random.default_rng(13)
    areas = 60
    sizes = rng.integers(5, 3000, size=areas)
    group = rng.integers(0, 7, size=areas)
    draws = rng.binomial(sizes, 0.2, size=(200, areas)).astype(float)
    nenner = sizes.astype(float)
    nenner[[3, 17]] = np.nan  # no counts
    draws[:, 40] = np.nan
    together = shrink(draws, nenner, group, True, 100.0)
    alone = np.stack([shrink(d, nenner, group, True, 100.0) for d in draws])
    np.testing.assert_array_equal(together, alone)
    assert np.isnan(together[:, [3, 17, 40]]).all() and not np.isnan(np.delete(together, [3, 17, 40], 1)).any()
    # areas without any value in between change nothing, nor does the area axis's position;
    # another order of the areas changes only the rounding
    order = rng.permutation(areas)
    shuffled = shrink(draws[:, order], nenner[order], group[order], True, 100.0)
    np.testing.assert_allclose(shuffled[:, np.argsort(order)], together, rtol=1e-12)
    np.testing.assert_array_equal(shrink(draws.T, nenner[:, None], group, True, 100.0, axis=0), together.T)
    padded = shrink(
        np.insert(draws, [0, 30, 30], np.nan, axis=1),
        np.insert(nenner, [0, 30, 30], np.nan),
        np.insert(group, [0, 30, 30], [2, 2, 5]),
        True,
        100.0,
    )
    np.testing.assert_array_equal(np.delete(padded, [0, 31, 32], axis=1), together)


def test_share_rule_and_group_codes():
    assert is_share(100, [3, 5], [10, 5])
    assert not is_share(100, [3, 6], [10, 5])  # a count above its nenner: not a part of it
    assert not is_share(1000, [3], [10])
    assert is_share(100, [3, np.nan], [10, 4])
    areas = pd.DataFrame({"sozialraum_id": ["a", "b", "c", "d"], "stadtteil": ["Y", "X", None, "Y"]})
    assert group_codes(areas, ["a", "b", "c", "d", "e"], "stadtteil").tolist() == [1, 0, 2, 1, 3]
    assert group_codes(areas, ["a", "b", "c"], "stadt").tolist() == [0, 0, 0]


def test_an_unknown_choice_is_rejected():
    _, problems = settings.from_dict({"method": {"stabilise": "bezirk"}})
    assert [p.field for p in problems] == ["method.stabilise"]
    _, problems = settings.from_dict({"method": {"stabilise": "stadtteil"}})
    assert problems == []


def _method_section(release) -> str:
    result = suppress(compute(release), release.settings)
    return stabilise_page.method_section(Site(release, package.tables(release, result), [], {}))


def test_the_method_page_explains_it_and_shows_what_moved_most():
    # Stadtteil X as in the first test (a 10/100 → 14.8 %, b 40/100 → 35.2 %, c stays):
    # a and b move by the same amount, c not at all; d is alone in Y and keeps its value.
    release = _release(
        {"a": (10, 100), "b": (40, 100), "c": (200, 800), "d": (30, 60)},
        teile={"a": "X", "b": "X", "c": "X", "d": "Y"},
        method={"stabilise": "stadtteil", "min_denominator": 20},
    )
    text = _method_section(release)
    assert text.startswith("## Kleine Zahlen stabilisieren")
    assert "`wert_stabilisiert`" in text and "**Stadtteils**" in text
    assert "Nenner unter 20" in text
    rows = [line for line in text.splitlines() if line.startswith('<tr role="row" markdown')]
    assert len(rows) == 2
    assert "10,0 %" in rows[0] + rows[1] and "14,8 %" in rows[0] + rows[1] and "35,2 %" in rows[0] + rows[1]


def test_the_method_page_says_when_it_is_off():
    text = _method_section(_release({"a": (10, 100), "b": (40, 100)}))
    assert "In dieser Veröffentlichung geschieht das nicht" in text and "<table" not in text


def test_a_hostile_area_name_is_escaped_in_the_table():
    release = _release({"a": (10, 100), "b": (40, 100)}, method={"stabilise": "stadt"})
    areas = release.areas.copy()
    areas.loc[areas["sozialraum_id"] == "a", "name"] = "<script>alert(1)</script>"
    text = _method_section(replace(release, areas=areas))
    assert "<script>" not in text and "&lt;script&gt;" in text
