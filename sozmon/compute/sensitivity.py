"""Uncertainty from the method: each index under other defensible choices of method.

An index is one of many that could defensibly be built from the same indicators. Five
choices are varied, each between two levels, one of which is the index's own
definition (level 0), so there are 2^5 = 32 variants, and variant 0 is the published
index (`engine.Variant()`, equal to it to 1e-15):

    gewichtung           the weights as defined ↔ every indicator and dimension weighs 1.
                         Weights are a judgement of the city; equal weights are the usual
                         default without one (OECD/JRC Handbook on composite indicators).
    neustandardisierung  dimensions and index z-standardised again or not. The alternative
                         turns the definition's re-standardisation of the dimensions round
                         and sets the index's the same way: a definition that re-standardises
                         its dimensions is compared with one that re-standardises nothing,
                         any other with one that re-standardises both. Re-standardising the
                         index alone is a linear map per year and never changes a rank, so
                         comparing an index-only definition with "nothing" would vary nothing.
    mittelung            arithmetic ↔ weighted geometric mean, within dimensions and over
                         them. The geometric mean lets a low value be made up less by a
                         high one. z-scores are negative as often as positive and logs need
                         positive values, so the engine first shifts each year's values so
                         that the smallest area's is 1 (then takes the geometric mean):
                         the lowest area of a part counts as 1, the others by their distance
                         from it, in the unit of the z-score (or of the min–max scale).
    normierung           z-scores ↔ min–max scaling ((x − min)/(max − min) per year; the
                         two common ways to put indicators on one scale). Min–max is
                         driven by the two extreme areas, z-scores by all of them.
    kleine_nenner        the small-denominator rule on ↔ off: a published value whose
                         denominator is below `min_denominator` enters the index too (a
                         withheld value never does: it is not in the published cells).

Why these five: they are the choices the method page names as the city's (weights,
re-standardisation), and the three that the composite-indicator literature treats as
the main sources of method uncertainty (normalisation, aggregation, treatment of
unreliable values). Choices that are fixed by the release (which indicators, their
direction) are not varied: they define what the index measures.

`methoden_spannweite`: per index, area and year with a published value, the published
rank (1 = lowest value = least favourable), the smallest and largest rank over the
variants, the smallest and largest value and the number of variants with a value. The
variants' values are on different scales (min–max 0…1, the geometric mean of values
shifted to ≥ 1), so each variant's index is first put on the published index's scale of
that year: z-standardised over the areas, times the published index's standard
deviation, plus its mean (a linear map, so it keeps the variant's ranks; the published
variant maps to itself).

`sensitivitaet`: first-order (s1) and total (st) Sobol indices of how far the ranks move,
per index and year. Each choice is a factor uniform on [0, 1] whose level is x ≥ 0.5 (so
both levels are equally likely); the output of a sample is the mean absolute rank shift
of the areas against the published ranks (areas with a rank in both). The 32 variants
are computed once and each of the N × (5 + 2) Saltelli samples (SALib, scrambled Sobol
sequence, no second-order terms) is a look-up. s1: the share of the variance of the
shift that a choice explains alone; st: alone and in interaction with other choices.
Where no choice moves any rank (the shift is the same in every variant) every index is
0. Estimates are clipped to [0, 1]: outside it is sampling noise (the confidence half
widths say how much). N = `certainty.sensitivity_samples` (0: no Sobol rows; the ranges are still
computed), seeded by `certainty.seed`: the same release gives the same bytes.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

from .. import contract
from ..definitions import IndexSpec
from ..model import Release, Result
from . import certainty, engine

# The choices, in the order of their bit in a variant's number (published as `methodenwahl`).
FACTORS = ("gewichtung", "neustandardisierung", "mittelung", "normierung", "kleine_nenner")
VARIANTS = 2 ** len(FACTORS)
SOBOL_COLUMNS = ("s1", "s1_conf", "st", "st_conf")


def assess(release: Release, result: Result) -> dict[str, pd.DataFrame]:
    """The tables this step publishes, by contract resource name."""
    settings = release.settings.certainty
    areas = certainty.area_ids(release)
    values = _values(result.indicator_values, release.settings.method.stabilise)
    ranges, sensitivity = [], []
    for spec in release.indices:
        c = engine.cube(spec, values, release.indicators, areas, release.years, column=_COLUMN)
        index, ranks = variant_scores(c, spec)
        published_value, published_rank = _published(result.indices, spec.id, c)
        ranges.append(_ranges(spec.id, c, index, ranks, published_value, published_rank))
        if settings.sensitivity_samples > 0:
            sensitivity.append(
                _sensitivity(spec.id, c, ranks, published_rank, settings.sensitivity_samples, settings.seed)
            )
    return {
        contract.METHOD_RANGES: _frame(contract.METHOD_RANGES, ranges),
        contract.SENSITIVITY: _frame(contract.SENSITIVITY, sensitivity),
    }


def variant(number: int, spec: IndexSpec) -> engine.Variant:
    """The variant with this number: bit i set = FACTORS[i] at its alternative level."""
    on = [bool(number >> i & 1) for i in range(len(FACTORS))]
    method = spec.method
    return engine.Variant(
        equal_weights=on[0],
        restandardise=(not method.restandardise_dimensions) if on[1] else None,
        geometric=on[2],
        minmax=on[3],
        small_rule=not on[4],
    )


def variant_scores(c: engine.Cube, spec: IndexSpec) -> tuple[np.ndarray, np.ndarray]:
    """(index, ranks), each [variant, year, area], of all VARIANTS (0 = the definition).

    Only the areas with a published value (in variant 0) are ranked: an area that gets a
    value only in a variant (its small denominators counted) would push the others down
    one place, a shift the method does not cause."""
    index = np.stack([engine.scores(c.value, c, spec, variant(n, spec))[0] for n in range(VARIANTS)])
    index = np.where(np.isnan(index[:1]), np.nan, index)
    return index, engine.ranks(index, axis=-1)


def sobol(model: Callable[[np.ndarray], np.ndarray], factors: Sequence[str], samples: int, seed: int) -> pd.DataFrame:
    """First-order and total Sobol indices of `model` (X [n, factors] in [0, 1] → Y [n]),
    one row per factor (index: the factor's name; columns SOBOL_COLUMNS, `_conf` the half
    width of the 95 % bootstrap interval). Saltelli sampling of a scrambled Sobol sequence
    with `samples` = N base samples (N × (factors + 2) runs), without second order; seeded.
    A model whose output never changes gives 0 everywhere."""
    problem = {"num_vars": len(factors), "names": list(factors), "bounds": [[0.0, 1.0]] * len(factors)}
    with warnings.catch_warnings():  # scipy: N not a power of 2 loses balance (still valid)
        warnings.simplefilter("ignore", UserWarning)
        x = sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
    y = np.asarray(model(x), dtype=float)
    if np.ptp(y) == 0:
        return pd.DataFrame(0.0, index=pd.Index(list(factors)), columns=list(SOBOL_COLUMNS))
    # A Generator, not the int: SALib treats seed 0 as "no seed".
    s = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=np.random.default_rng(seed))
    return pd.DataFrame(
        {"s1": s["S1"], "s1_conf": s["S1_conf"], "st": s["ST"], "st_conf": s["ST_conf"]},
        index=pd.Index(list(factors)),
    )


def levels(x: np.ndarray) -> np.ndarray:
    """The variant number of each sample (rows of x in [0, 1]): factor i at its alternative where x ≥ 0.5."""
    bits = (np.asarray(x) >= 0.5).astype(int)
    return bits @ (1 << np.arange(bits.shape[1]))


# --- steps ------------------------------------------------------------------------------

_COLUMN = "_wert_methode"


def _values(indicator_values: pd.DataFrame, stabilise: str) -> pd.DataFrame:
    """The published indicator values with the value the index reads in `_COLUMN`: the
    stabilised one where stabilisation is on and there is one, else `wert`."""
    value = indicator_values["wert"].astype("Float64")
    if stabilise != "off" and "wert_stabilisiert" in indicator_values:
        value = indicator_values["wert_stabilisiert"].astype("Float64").fillna(value)
    return indicator_values.assign(**{_COLUMN: value})


def _published(indices: pd.DataFrame, index_id: str, c: engine.Cube) -> tuple[np.ndarray, np.ndarray]:
    """(value, rank) of the published index, each [year, area] in the cube's order (NaN: none)."""
    rows = indices[indices["index_id"] == index_id]
    value = np.full((len(c.years), len(c.areas)), np.nan)
    rank = np.full_like(value, np.nan)
    year_pos = {y: i for i, y in enumerate(c.years)}
    area_pos = {a: i for i, a in enumerate(c.areas)}
    y = rows["jahr"].astype(int).map(year_pos)
    a = rows["sozialraum_id"].astype(str).map(area_pos)
    keep = (y.notna() & a.notna()).to_numpy()
    at = (y[keep].astype(int).to_numpy(), a[keep].astype(int).to_numpy())
    value[at] = rows["wert"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)[keep]
    rank[at] = rows["rang"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)[keep]
    return value, rank


def _on_published_scale(index: np.ndarray, published: np.ndarray) -> np.ndarray:
    """Each variant's index [variant, year, area] mapped linearly onto the published index's
    mean and standard deviation (population) of each year; a variant's constant year maps to
    the published mean."""
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)  # years without values
        mean, sd = np.nanmean(index, axis=-1, keepdims=True), np.nanstd(index, axis=-1, keepdims=True)
        z = np.where(sd > 0, (index - mean) / np.where(sd > 0, sd, 1.0), 0.0)
        target_mean = np.nanmean(published, axis=-1, keepdims=True)
        target_sd = np.nanstd(published, axis=-1, keepdims=True)
    return np.where(np.isnan(index), np.nan, target_mean + target_sd * z)


def _ranges(
    index_id: str, c: engine.Cube, index: np.ndarray, ranks: np.ndarray, value: np.ndarray, rank: np.ndarray
) -> pd.DataFrame:
    """The rows of `methoden_spannweite` for one index: every area and year with a published rank."""
    scaled = _on_published_scale(index, value)
    have = ~np.isnan(index)
    count = have.sum(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # cells without a value in any variant
        rank_min, rank_max = np.nanmin(ranks, axis=0), np.nanmax(ranks, axis=0)
        value_min, value_max = np.nanmin(scaled, axis=0), np.nanmax(scaled, axis=0)
    area, year = np.nonzero(~np.isnan(rank.T))  # sorted by area, then year: the table's key
    return pd.DataFrame(
        {
            "index_id": index_id,
            "sozialraum_id": np.asarray(c.areas, dtype=object)[area],
            "jahr": np.asarray(c.years, dtype=int)[year],
            "rang": rank[year, area],
            "rang_min": rank_min[year, area],
            "rang_max": rank_max[year, area],
            "wert_min": value_min[year, area],
            "wert_max": value_max[year, area],
            "varianten": count[year, area],
        }
    )


def _shifts(ranks: np.ndarray, published: np.ndarray) -> np.ndarray:
    """Mean absolute rank shift [variant, year] against the published ranks, over the
    areas ranked in both (NaN where a variant ranks none of them)."""
    both = ~np.isnan(ranks) & ~np.isnan(published)
    n = both.sum(axis=-1)
    total = np.where(both, np.abs(ranks - published), 0.0).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, total / np.maximum(n, 1), np.nan)


def _sensitivity(
    index_id: str, c: engine.Cube, ranks: np.ndarray, published: np.ndarray, samples: int, seed: int
) -> pd.DataFrame:
    """The rows of `sensitivitaet` for one index: each year with published ranks in which
    every variant ranks some of the areas."""
    shift = _shifts(ranks, published)
    rows = []
    for i, year in enumerate(c.years):
        if np.isnan(published[i]).all() or np.isnan(shift[:, i]).any():
            continue
        table = shift[:, i]
        s = sobol(lambda x, table=table: table[levels(x)], FACTORS, samples, seed)
        rows.append(
            pd.DataFrame(
                {
                    "index_id": index_id,
                    "jahr": year,
                    "methodenwahl": list(FACTORS),
                    "s1": s["s1"].clip(0, 1).to_numpy(),
                    "s1_konfidenz": s["s1_conf"].to_numpy(),
                    "st": s["st"].clip(0, 1).to_numpy(),
                    "st_konfidenz": s["st_conf"].to_numpy(),
                }
            )
        )
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()


def _frame(name: str, parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The parts as one table in the contract's columns and types (no rows: an empty one)."""
    resource = contract.OUTPUT[name]
    parts = [p for p in parts if len(p)]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=resource.columns)
    types = {f.name: f.type for f in resource.fields}
    out = {}
    for column in resource.columns:
        kind = types[column]
        if kind == contract.INTEGER:
            out[column] = frame[column].astype("Float64").round().astype("Int64")
        elif kind == contract.NUMBER:
            out[column] = frame[column].astype("Float64")
        else:
            out[column] = frame[column].astype("str")
    return pd.DataFrame(out, index=frame.index)
