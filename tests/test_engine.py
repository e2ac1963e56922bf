"""The array engine (compute/engine.py) computes what the pandas steps publish."""

from __future__ import annotations

import numpy as np
import pytest

from sozmon import pipeline
from sozmon.compute import compute, engine
from sozmon.compute.suppress import suppress
from tests import factory
from tests.conftest import REPO


def _grid(frame, years, areas, column="wert", dtype=float, missing=np.nan):
    table = frame.pivot(index="jahr", columns="sozialraum_id", values=column)
    return table.reindex(index=years, columns=areas).to_numpy(dtype=dtype, na_value=missing)


def _check_release(release):
    result = suppress(compute(release), release.settings)
    areas, years = engine.area_ids(release), release.years
    column = "wert" if release.settings.method.stabilise == "off" else "wert_stabilisiert"
    checked = 0
    for spec in release.indices:
        cube = engine.cube(spec, result.indicator_values, release.indicators, areas, years, column)
        index, dims = engine.scores(cube.value, cube, spec)
        rows = result.indices[result.indices["index_id"] == spec.id]
        published = _grid(rows, years, areas)
        assert np.array_equal(np.isnan(index), np.isnan(published)), spec.id
        assert np.allclose(index, published, atol=1e-12, equal_nan=True), spec.id
        assert np.array_equal(engine.ranks(index), _grid(rows, years, areas, "rang"), equal_nan=True)
        positions = engine.classes(index, spec.classes)
        labels = np.asarray(spec.classes.labels, dtype=object)
        shown = np.where(positions >= 0, labels[np.maximum(positions, 0)], None)
        assert (shown == _grid(rows, years, areas, "klasse", object, None)).all()
        for k, dim in enumerate(cube.dimensions):
            d = result.dimensions[
                (result.dimensions["index_id"] == spec.id) & (result.dimensions["dimension_id"] == dim)
            ]
            assert np.allclose(dims[..., k], _grid(d, years, areas), atol=1e-12, equal_nan=True), (spec.id, dim)
            assert np.array_equal(engine.ranks(dims[..., k]), _grid(d, years, areas, "rang"), equal_nan=True)
        checked += 1
    return checked


def test_engine_reproduces_every_published_index_of_the_sample():
    release, problems = pipeline.open_release(REPO / "datapackage")
    assert release is not None, problems
    assert _check_release(release) == 3


@pytest.mark.parametrize(
    "method",
    [
        {"standardise": "base_year"},
        {"restandardise_dimensions": True, "restandardise_index": True},
        {"min_coverage": 1.0},
        {"stabilise": "stadtteil"},
    ],
)
def test_engine_follows_the_method_settings(tmp_path, method):
    release, problems = pipeline.open_release(
        factory.release(tmp_path, lambda spec: spec["settings"].update(method=method))
    )
    assert release is not None, problems
    assert _check_release(release) == 1


def test_ranks_share_the_lowest_on_ties_and_skip_gaps():
    x = np.array([[3.0, 1.0, 1.0, np.nan, 2.0], [5.0, 5.0, 5.0, 5.0, np.nan]])
    expected = np.array([[4.0, 1.0, 1.0, np.nan, 3.0], [1.0, 1.0, 1.0, 1.0, np.nan]])
    assert np.array_equal(engine.ranks(x), expected, equal_nan=True)
    assert np.array_equal(engine.ranks(x.T, axis=0), expected.T, equal_nan=True)


def test_variants_change_what_they_say():
    """Three areas, one dimension of two members: given weights 3:1 vs equal weights."""
    from sozmon.definitions import DimensionSpec, IndexSpec, Member
    from sozmon.settings import Method

    spec = IndexSpec(
        "t", "T", "T", "", "status", (DimensionSpec("d", "D", "", 1.0, (Member("a", 3.0), Member("b", 1.0))),), Method()
    )
    value = np.array([[[1.0, 3.0], [2.0, 1.0], [3.0, 2.0]]])  # [year, area, member]
    cube = engine.Cube(
        years=(2020,),
        areas=("x", "y", "z"),
        members=("a", "b"),
        dimensions=("d",),
        dimension_of=np.array([0, 0]),
        member_weight=np.array([3.0, 1.0]),
        dimension_weight=np.array([1.0]),
        direction=np.array([1.0, 1.0]),
        value=value,
        usable=np.ones(value.shape, bool),
        small=np.zeros(value.shape, bool),
        zaehler=np.full(value.shape, np.nan),
        nenner=np.full(value.shape, np.nan),
    )
    # z of a: (−1.2247, 0, 1.2247); of b: (1.2247, −1.2247, 0) (population SD √(2/3))
    s = np.sqrt(1.5)
    given, _ = engine.scores(value, cube, spec)
    assert np.allclose(given[0], [(3 * -s + s) / 4, (0 - s) / 4, (3 * s + 0) / 4])
    equal, _ = engine.scores(value, cube, spec, engine.Variant(equal_weights=True))
    assert np.allclose(equal[0], [0.0, -s / 2, s / 2])
    # min–max: a (0, .5, 1), b (1, 0, .5)
    minmax, _ = engine.scores(value, cube, spec, engine.Variant(minmax=True))
    assert np.allclose(minmax[0], [(0 + 1) / 4, (1.5 + 0) / 4, (3 + 0.5) / 4])
    # geometric on values shifted so the smallest is 1: a (1, 2.22, 3.45), b (3.45, 1, 2.22)
    # and the index shifts the dimension's scores again (one dimension: the index is them, moved)
    geometric, dims = engine.scores(value, cube, spec, engine.Variant(geometric=True))
    a, b = np.array([-s, 0, s]) + s + 1, np.array([s, -s, 0]) + s + 1
    mean = np.exp((3 * np.log(a) + np.log(b)) / 4)
    assert np.allclose(dims[0, :, 0], mean)
    assert np.allclose(geometric[0], mean - mean.min() + 1)
