"""The index as array arithmetic: the steps of `compute.score_index` for many draws at once.

The bootstrap (`compute.bootstrap`) and the method's sensitivity (`compute.sensitivity`)
recompute every index hundreds of times; the pandas steps take about 0.1 s per index,
these a few milliseconds for a whole batch of draws. Arrays are laid out
[..., year, area, member] (leading axes: draws or variants); NaN is "no value".
`tests/test_engine.py` holds the engine equal to the published scores.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ..definitions import DYNAMICS, IndexSpec
from ..settings import Classes

# Coverage is a ratio of float sums (see index._COVERAGE_TOLERANCE).
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Variant:
    """A choice of method: `Variant()` is the index's own definition.

    equal_weights  every member and dimension weighs 1
    restandardise  None: as defined; True/False: dimensions and index z-standardised
                   again (or not), whatever the definition says
    geometric      weighted geometric instead of arithmetic means (of values shifted so
                   that the smallest of each year is 1, since logs need positive values)
    minmax         (x − min) / (max − min) per year instead of z-scores
    small_rule     False: values with a small denominator (published, not withheld)
                   enter the index too
    """

    equal_weights: bool = False
    restandardise: bool | None = None
    geometric: bool = False
    minmax: bool = False
    small_rule: bool = True


@dataclass(frozen=True)
class Cube:
    """One index's inputs as arrays [year, area, member], from the published values.

    value    the rate each cell enters with (NaN: none); `usable` marks what enters
             under the definition, `small` what a small denominator alone keeps out
    zaehler, nenner  the counts (NaN where a rate was delivered without them)
    """

    years: tuple[int, ...]
    areas: tuple[str, ...]
    members: tuple[str, ...]
    dimensions: tuple[str, ...]
    dimension_of: np.ndarray  # [member] position of its dimension
    member_weight: np.ndarray  # [member]
    dimension_weight: np.ndarray  # [dimension]
    direction: np.ndarray  # [member] +1 (higher is better) or −1
    value: np.ndarray
    usable: np.ndarray
    small: np.ndarray
    zaehler: np.ndarray
    nenner: np.ndarray


def area_ids(release) -> list[str]:
    """Every area of the release (with geometry or values), sorted: the cubes' order."""
    ids = set(release.areas["sozialraum_id"].astype("str")) | set(release.values["sozialraum_id"].astype("str"))
    return sorted(ids)


def cube(
    spec: IndexSpec,
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    areas: list[str],
    years: list[int],
    column: str = "wert",
) -> Cube:
    """The cube of `spec` from indicator values in the contract's columns
    (`indikator_werte`, as published: withheld cells are never `im_index`)."""
    members = tuple(spec.indicator_ids)
    dims = tuple(d.id for d in spec.dimensions)
    dimension_of = np.array([dims.index(d.id) for d in spec.dimensions for _ in d.members], dtype=int)
    member_weight = np.array([float(m.weight) for d in spec.dimensions for m in d.members])
    direction_of = dict(zip(indicators["indikator_id"].astype(str), indicators["richtung"]))
    direction = np.array([float(direction_of.get(m, 1) if pd.notna(direction_of.get(m, 1)) else 1) for m in members])
    shape = (len(years), len(areas), len(members))
    year_pos = {y: i for i, y in enumerate(years)}
    area_pos = {a: i for i, a in enumerate(areas)}
    member_pos = {m: i for i, m in enumerate(members)}
    rows = values[values["indikator_id"].astype(str).isin(member_pos)]
    at = (
        rows["jahr"].astype(int).map(year_pos).to_numpy(),
        rows["sozialraum_id"].astype(str).map(area_pos).to_numpy(),
        rows["indikator_id"].astype(str).map(member_pos).to_numpy(),
    )

    def grid(series: pd.Series, fill) -> np.ndarray:
        out = np.full(shape, fill, dtype=type(fill))
        out[at] = series.to_numpy(dtype=type(fill), na_value=fill)
        return out

    value = grid(rows[column].astype("Float64"), np.nan)
    usable = grid(rows["im_index"].astype("boolean").fillna(False), False) & ~np.isnan(value)
    published = ~grid(rows["gesperrt"].astype("boolean").fillna(False), False) & ~np.isnan(value)
    return Cube(
        years=tuple(years),
        areas=tuple(areas),
        members=members,
        dimensions=dims,
        dimension_of=dimension_of,
        member_weight=member_weight,
        dimension_weight=np.array([float(d.weight) for d in spec.dimensions]),
        direction=direction,
        value=value,
        usable=usable,
        small=published & ~usable,
        zaehler=grid(rows["zaehler"].astype("Float64"), np.nan),
        nenner=grid(rows["nenner"].astype("Float64"), np.nan),
    )


def years(c: Cube, keep: tuple[int, ...]) -> Cube:
    """The cube restricted to the years `keep` (in the cube's order)."""
    at = [c.years.index(y) for y in keep]
    arrays = {name: getattr(c, name)[at] for name in ("value", "usable", "small", "zaehler", "nenner")}
    return replace(c, years=tuple(keep), **arrays)


def scores(values: np.ndarray, c: Cube, spec: IndexSpec, variant: Variant = Variant()) -> tuple[np.ndarray, np.ndarray]:
    """(index [..., year, area], dimensions [..., year, area, dimension]) of `values`
    [..., year, area, member]: measures, standardisation, dimensions, index."""
    method = spec.method
    use = c.usable if variant.small_rule else (c.usable | c.small)
    x = np.where(use, values, np.nan)
    if spec.kind == DYNAMICS and spec.period is not None:
        x = _changes(x, c.years, spec.period)
    base = _base(c.years, method.standardise, method.base_year)
    if variant.minmax:
        normal = _minmax(x, base) * (c.direction > 0) + (1 - _minmax(x, base)) * (c.direction < 0)
    else:
        normal = _zscore(x, base) * c.direction
    member_weight = np.ones_like(c.member_weight) if variant.equal_weights else c.member_weight
    dimension_weight = np.ones_like(c.dimension_weight) if variant.equal_weights else c.dimension_weight
    dims = np.stack(
        [
            _mean(normal[..., c.dimension_of == d], member_weight[c.dimension_of == d], method.min_coverage, variant)
            for d in range(len(c.dimensions))
        ],
        axis=-1,
    )
    again = variant.restandardise
    if method.restandardise_dimensions if again is None else again:
        dims = _zscore(dims, base)
    index = _mean(dims, dimension_weight, method.min_coverage, variant)
    if method.restandardise_index if again is None else again:
        index = _zscore(index[..., None], base)[..., 0]
    return index, dims


def _changes(x: np.ndarray, years: tuple[int, ...], period: int) -> np.ndarray:
    """Each year's change since `period` years before (NaN where that year is absent)."""
    out = np.full_like(x, np.nan)
    position = {y: i for i, y in enumerate(years)}
    for i, year in enumerate(years):
        start = position.get(year - period)
        if start is not None:
            out[..., i, :, :] = x[..., i, :, :] - x[..., start, :, :]
    return out


def _base(years: tuple[int, ...], standardise: str, base_year: int | None) -> int | None:
    """The year position every year is standardised against, or None: each its own."""
    if standardise != "base_year":
        return None
    return years.index(base_year) if base_year in years else -1


def _reference(x: np.ndarray, base: int | None) -> np.ndarray:
    """The values that define mean and spread: each year's own, or the base year's."""
    if base is None:
        return x
    if base < 0:
        return np.full_like(x, np.nan)
    return np.broadcast_to(x[..., base : base + 1, :, :], x.shape)


def _zscore(x: np.ndarray, base: int | None) -> np.ndarray:
    """z per year and column over the areas (axis −2), population SD; SD 0 gives 0."""
    ref = _reference(x, base)
    n = np.sum(~np.isnan(ref), axis=-2, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.nansum(ref, axis=-2, keepdims=True) / n
        sd = np.sqrt(np.nansum((ref - mean) ** 2, axis=-2, keepdims=True) / n)
        low = np.nanmin(np.where(np.isnan(ref), np.inf, ref), axis=-2, keepdims=True)
        high = np.nanmax(np.where(np.isnan(ref), -np.inf, ref), axis=-2, keepdims=True)
        constant = low == high
        z = np.where(constant, 0.0, (x - mean) / np.where(constant, 1.0, sd))
    return np.where(np.isnan(x) | (n == 0), np.nan, z)


def _minmax(x: np.ndarray, base: int | None) -> np.ndarray:
    """(x − min) / (max − min) per year and column; 0.5 where all values are equal."""
    ref = _reference(x, base)
    with np.errstate(invalid="ignore", divide="ignore"), quiet():
        low = np.nanmin(ref, axis=-2, keepdims=True)
        high = np.nanmax(ref, axis=-2, keepdims=True)
        out = np.where(high > low, (x - low) / (high - low), 0.5)
    return np.where(np.isnan(x), np.nan, out)


def _mean(parts: np.ndarray, weights: np.ndarray, min_coverage: float, variant: Variant) -> np.ndarray:
    """Weighted mean over the last axis of the parts available, with the coverage rule:
    weights rescale over what is there; no value below `min_coverage` of the weight."""
    available = ~np.isnan(parts)
    w = np.where(available, weights, 0.0)
    total = weights.sum()
    have = w.sum(axis=-1)
    enough = (have > 0) & (have / total >= min_coverage - _TOLERANCE) if total > 0 else np.zeros_like(have, bool)
    with np.errstate(invalid="ignore", divide="ignore"):
        if variant.geometric:
            shifted = _shift(parts)
            mean = np.exp(np.sum(w * np.log(np.where(available, shifted, 1.0)), axis=-1) / have)
        else:
            mean = np.sum(w * np.where(available, parts, 0.0), axis=-1) / have
    return np.where(enough, mean, np.nan)


def _shift(x: np.ndarray) -> np.ndarray:
    """Values moved so that the smallest of each year and part (over areas) is 1."""
    with quiet():
        low = np.nanmin(x, axis=-2, keepdims=True)
    return x - low + 1.0


class quiet(np.errstate):
    """All-NaN slices are expected (a year without values): no RuntimeWarning."""

    def __init__(self) -> None:
        super().__init__(invalid="ignore")

    def __enter__(self):
        import warnings

        self._warnings = warnings.catch_warnings()
        self._warnings.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)
        return super().__enter__()

    def __exit__(self, *exc):
        self._warnings.__exit__(*exc)
        return super().__exit__(*exc)


def classes(x: np.ndarray, scheme: Classes) -> np.ndarray:
    """Class position (0 = lowest) of each value, −1 where there is none (as `index.classify`)."""
    position = np.zeros(x.shape, dtype=np.int16)
    for cut, upper in zip(scheme.cuts, scheme.upper_closed()):
        position += (x >= cut) if upper else (x > cut)
    return np.where(np.isnan(x), -1, position).astype(np.int16)


def ranks(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Rank per slice along `axis`: 1 = lowest value, ties share the lowest (as
    `index.rank`); NaN where there is no value."""
    moved = np.moveaxis(x, axis, -1)
    filled = np.where(np.isnan(moved), np.inf, moved)
    order = np.argsort(filled, axis=-1, kind="stable")
    ordered = np.take_along_axis(filled, order, axis=-1)
    position = np.broadcast_to(np.arange(ordered.shape[-1]), ordered.shape)
    new = np.ones(ordered.shape, dtype=bool)
    new[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
    # the position of the first of each run of equal values, carried along the run
    first = np.maximum.accumulate(np.where(new, position, 0), axis=-1)
    out = np.empty(ordered.shape, dtype=float)
    np.put_along_axis(out, order, first + 1.0, axis=-1)
    out[np.isnan(moved)] = np.nan
    return np.moveaxis(out, -1, axis)
