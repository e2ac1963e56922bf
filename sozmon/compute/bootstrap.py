"""Uncertainty from the counts: a seeded parametric bootstrap of every count in an index.

A count is treated as one outcome of chance: a share's zaehler as binomial with its
nenner and rate (`zaehler ≤ nenner`, faktor 100, whole numbers), any other count as
Poisson around itself. A rate delivered without counts has no known spread and stays
fixed (the method page says so). Each draw recomputes the whole index (measures,
standardisation, dimensions, index, classes, ranks; `engine.scores`), so an interval
holds everything a different chance outcome would have moved. Reported per index,
dimension, area and year: the middle `level` of the draws' values and ranks (widened
to the published value where a skewed draw distribution leaves it outside) and the
share of draws in each class.

Only cells that are in the index after `suppress` enter (`Cube.usable`), so nothing
here depends on a withheld count. Every cell draws from its own generator, seeded by
the release's seed, the indicator and the year: the same release gives the same bytes,
and two indices that share an indicator see the same draws of it (a typology crosses
their classes draw by draw).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import contract
from ..definitions import DYNAMICS, IndexSpec, TypologySpec
from ..model import Release, Result
from . import engine
from .stabilise import OFF, group_codes, is_share, shrink

UNCERTAINTY_COLUMNS = contract.OUTPUT[contract.UNCERTAINTY].columns
PROBABILITY_COLUMNS = contract.OUTPUT[contract.CLASS_PROBABILITIES].columns
# Elements of one batch of draws [draws, year, area, member]: 24 MB of float64; the
# engine holds a few arrays of that size at once.
_BATCH_ELEMENTS = 3_000_000


@dataclass(frozen=True)
class Counts:
    """How the counts of one index's members vary: per member whether its zaehler is a
    share of its nenner (binomial) and its faktor; the stabilisation's groups, if any."""

    share: np.ndarray  # [member] bool (is_share over all years and areas)
    faktor: np.ndarray  # [member]
    groups: np.ndarray | None  # [area] group codes when the release stabilises small numbers


@dataclass(frozen=True)
class Classes:
    """An index's class position (0 = lowest, −1 = none) per draw of one year's areas."""

    areas: tuple[str, ...]
    positions: np.ndarray  # [draw, area]


def assess(release: Release, result: Result) -> dict[str, pd.DataFrame]:
    """`sicherheit` and `klassen_wahrscheinlichkeiten` of every index of the release, and
    `typologie_sicherheit` of every typology (its two indices' classes, draw by draw)."""
    c = release.settings.certainty
    level = release.settings.method.stabilise
    column = "wert" if level == OFF else "wert_stabilisiert"  # what the index reads
    intervals, probabilities, drawn = [], [], {}
    if c.draws > 0:
        areas = engine.area_ids(release)
        groups = None if level == OFF else group_codes(release.areas, areas, level)
        for spec in release.indices:
            cube = engine.cube(spec, result.indicator_values, release.indicators, areas, release.years, column)
            counts = _counts(cube, release.indicators, groups)
            published = _published(spec, result)
            for year, rows in published.groupby("jahr", sort=True):
                # a year at a time, with the years its values depend on: memory stays that of a year
                part = engine.years(cube, _depends(spec, int(year), cube.years))
                draws = simulate(part, spec, counts, c.draws, c.seed)
                at = part.years.index(int(year))
                found = summarise(draws[:, at : at + 1], engine.years(part, (int(year),)), spec, rows, c.level)
                intervals.append(found[0])
                probabilities.append(found[1])
                drawn[(spec.id, int(year))] = found[2]
    return {
        contract.UNCERTAINTY: _concat(intervals, contract.UNCERTAINTY),
        contract.CLASS_PROBABILITIES: _concat(probabilities, contract.CLASS_PROBABILITIES),
        contract.TYPOLOGY_UNCERTAINTY: _concat(
            [_typology(release, t, result.typologies, drawn) for t in release.typologies],
            contract.TYPOLOGY_UNCERTAINTY,
        ),
    }


def _typology(
    release: Release, t: TypologySpec, types: pd.DataFrame, drawn: dict[tuple[str, int], Classes]
) -> pd.DataFrame:
    """Per area and year with a type: the share of draws with this type and the share with
    a type needing attention. The two indices' classes come from the same draws of the
    counts (one generator per indicator and year), so they are crossed draw by draw."""
    first, second = release.index(t.first).classes.labels, release.index(t.second).classes.labels
    attention = np.array([[t.needs_attention(a, b) for b in second] for a in first] + [[False] * len(second)])
    rows = types[(types["typologie_id"] == t.id) & types["typ"].notna()]
    out = []
    for r in rows.itertuples(index=False):
        one, two = drawn.get((t.first, int(r.jahr))), drawn.get((t.second, int(r.jahr)))
        if one is None or two is None or r.sozialraum_id not in one.areas or r.sozialraum_id not in two.areas:
            continue
        x = one.positions[:, one.areas.index(r.sozialraum_id)]
        y = two.positions[:, two.areas.index(r.sozialraum_id)]
        both = (x >= 0) & (y >= 0)
        if not both.any():
            continue
        x, y = x[both], y[both]
        same = (x == list(first).index(r.klasse_1)) & (y == list(second).index(r.klasse_2))
        out.append((t.id, r.sozialraum_id, int(r.jahr), r.typ, same.mean(), attention[x, y].mean(), int(both.sum())))
    return pd.DataFrame(out, columns=contract.OUTPUT[contract.TYPOLOGY_UNCERTAINTY].columns)


def _counts(cube: engine.Cube, indicators: pd.DataFrame, groups: np.ndarray | None) -> Counts:
    faktor_of = dict(zip(indicators["indikator_id"].astype(str), indicators["faktor"].astype(float)))
    faktor = np.array([faktor_of.get(m, 1.0) for m in cube.members])
    share = np.array([is_share(f, cube.zaehler[..., m], cube.nenner[..., m]) for m, f in enumerate(faktor)], dtype=bool)
    return Counts(share, faktor, groups)


def _depends(spec: IndexSpec, year: int, years: tuple[int, ...]) -> tuple[int, ...]:
    """The years a value of `year` is computed from: itself, the start of its change, the
    base year it is standardised against."""
    needed = {year}
    if spec.kind == DYNAMICS and spec.period is not None:
        needed.add(year - spec.period)
    if spec.method.standardise == "base_year":
        needed.add(spec.method.base_year)
    return tuple(y for y in years if y in needed)


def simulate(cube: engine.Cube, spec: IndexSpec, counts: Counts, draws: int, seed: int) -> np.ndarray:
    """The index and its dimensions in every draw: [draw, year, area, part] (part 0 = the
    index, then the dimensions in definition order). A cell's draws depend only on the
    seed, its indicator and year, so a year drawn again for another year's values (the
    start of a change) is drawn the same."""
    streams = _streams(cube, seed)
    per_draw = max(1, int(np.prod(cube.value.shape)))
    batch = max(1, min(draws, _BATCH_ELEMENTS // per_draw))
    out = np.empty((draws, len(cube.years), len(cube.areas), 1 + len(cube.dimensions)))
    for start in range(0, draws, batch):
        size = min(batch, draws - start)
        values = _draw(cube, counts, streams, size)
        index, dims = engine.scores(values, cube, spec)
        out[start : start + size, ..., 0] = index
        out[start : start + size, ..., 1:] = dims
    return out


def _streams(cube: engine.Cube, seed: int) -> dict[tuple[int, int], np.random.Generator]:
    """One generator per member and year, keyed by positions; seeded by names, not order."""
    return {
        (y, m): np.random.default_rng([seed, zlib.crc32(member.encode("utf-8")), year])
        for y, year in enumerate(cube.years)
        for m, member in enumerate(cube.members)
    }


def _draw(
    cube: engine.Cube, counts: Counts, streams: dict[tuple[int, int], np.random.Generator], size: int
) -> np.ndarray:
    """`size` draws of the rates [draw, year, area, member]; fixed where there are no counts.

    With stabilisation, every draw is stabilised again as the published values were
    (shrink), from the drawn counts and the other published counts."""
    zaehler = np.broadcast_to(cube.zaehler, (size, *cube.zaehler.shape)).copy()
    counted = cube.usable & ~np.isnan(cube.zaehler) & ~np.isnan(cube.nenner) & (cube.nenner > 0)
    with np.errstate(invalid="ignore"):
        whole = (np.floor(cube.nenner) == cube.nenner) & (np.floor(cube.zaehler) == cube.zaehler)
    for (y, m), rng in streams.items():
        cells = np.flatnonzero(counted[y, :, m])
        if not len(cells):
            continue
        z, n = cube.zaehler[y, cells, m], cube.nenner[y, cells, m]
        binomial = counts.share[m] & whole[y, cells, m]  # whole numbers of trials
        drawn = np.empty((size, len(cells)))
        if binomial.any():
            trials = n[binomial].astype(np.int64)
            drawn[:, binomial] = rng.binomial(trials, z[binomial] / n[binomial], (size, len(trials)))
        if (~binomial).any():
            drawn[:, ~binomial] = rng.poisson(z[~binomial], (size, int((~binomial).sum())))
        zaehler[:, y, cells, m] = drawn
    if counts.groups is not None:
        rates = shrink(zaehler, cube.nenner, counts.groups, counts.share, counts.faktor, axis=-2)
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            rates = zaehler / cube.nenner * counts.faktor
    return np.where(counted, rates, cube.value)


def _published(spec: IndexSpec, result: Result) -> pd.DataFrame:
    """The published points of `spec`: one row per part, area and year with a value."""
    index = result.indices[result.indices["index_id"] == spec.id].assign(dimension_id=contract.WHOLE)
    dims = result.dimensions[result.dimensions["index_id"] == spec.id]
    columns = ["dimension_id", "sozialraum_id", "jahr", "wert", "klasse", "rang"]
    both = pd.concat([index[columns], dims[columns]], ignore_index=True)
    return both[both["wert"].notna()].reset_index(drop=True)


def summarise(
    draws: np.ndarray, cube: engine.Cube, spec: IndexSpec, published: pd.DataFrame, level: float
) -> tuple[pd.DataFrame, pd.DataFrame, Classes]:
    """Intervals and class probabilities of the published points from the draws, and the
    index's class in every draw (for the typologies)."""
    parts = [contract.WHOLE, *cube.dimensions]
    p = published["dimension_id"].map({d: i for i, d in enumerate(parts)}).to_numpy()
    y = published["jahr"].astype(int).map({yr: i for i, yr in enumerate(cube.years)}).to_numpy()
    a = published["sozialraum_id"].astype(str).map({ar: i for i, ar in enumerate(cube.areas)}).to_numpy()
    draws = _centred(draws, published["wert"].astype(float).to_numpy(), (y, a, p))
    values = draws[:, y, a, p]  # [draw, row]
    ranks = np.empty(values.shape)
    for k in range(len(parts)):  # one part at a time: the ranks of all draws are large
        mine = p == k
        if mine.any():
            ranks[:, mine] = engine.ranks(draws[..., k], axis=-1)[:, y[mine], a[mine]]
    low_q, high_q = (1 - level) / 2, 1 - (1 - level) / 2
    point = published["wert"].astype(float).to_numpy()
    point_rank = published["rang"].astype(float).to_numpy()
    counted = np.sum(~np.isnan(values), axis=0)
    value_low, value_high = _quantiles(values, low_q, high_q)
    rank_low, rank_high = _quantiles(ranks, low_q, high_q)
    positions = engine.classes(values, spec.classes)
    labels = list(spec.classes.labels)
    own = published["klasse"].map({label: i for i, label in enumerate(labels)}).to_numpy()
    share = (
        np.stack([np.sum(positions == k, axis=0) for k in range(len(labels))], axis=-1)
        / np.maximum(counted, 1)[:, None]
    )
    keys = published[["sozialraum_id", "jahr"]].assign(index_id=spec.id, dimension_id=published["dimension_id"])
    intervals = keys.assign(
        wert_unten=np.fmin(value_low, point),
        wert_oben=np.fmax(value_high, point),
        rang_unten=np.fmin(rank_low, point_rank),
        rang_oben=np.fmax(rank_high, point_rank),
        klasse=published["klasse"],
        klasse_wahrscheinlichkeit=share[np.arange(len(own)), own.astype(int)],
        ziehungen=counted,
    )
    rows, classes = np.nonzero(share > 0)
    probabilities = (
        keys.iloc[rows]
        .reset_index(drop=True)
        .assign(
            stufe=classes + 1,
            klasse=np.asarray(labels, dtype=object)[classes],
            wahrscheinlichkeit=share[rows, classes],
        )
    )
    whole = np.flatnonzero(published["dimension_id"].to_numpy() == contract.WHOLE)
    drawn = Classes(tuple(published["sozialraum_id"].astype(str).to_numpy()[whole]), positions[:, whole])
    return intervals[UNCERTAINTY_COLUMNS], probabilities[PROBABILITY_COLUMNS], drawn


def _centred(draws: np.ndarray, points: np.ndarray, at: tuple[np.ndarray, ...]) -> np.ndarray:
    """The draws moved so that their mean is the published value, per year, area and part.

    Chance in every count widens the spread between the areas, so each draw's z-scores
    (divided by that spread) lie nearer to 0 than the published ones; uncentred, every
    extreme area would seem to lean towards the middle class. The bootstrap is to measure
    how far a value may vary, not to move it.
    """
    with np.errstate(invalid="ignore"), engine.quiet():
        mean = np.nanmean(draws, axis=0)
    shift = np.zeros(draws.shape[1:])
    shift[at] = points - mean[at]
    draws += shift
    return draws


def _quantiles(x: np.ndarray, low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
    """The draws' `low` and `high` quantiles per column, each an actual draw's value."""
    ordered = np.sort(x, axis=0)  # NaN last
    n = np.sum(~np.isnan(x), axis=0)
    pick = np.arange(x.shape[1])

    def at(q: float) -> np.ndarray:
        k = np.clip(np.ceil(q * n).astype(int) - 1, 0, np.maximum(n - 1, 0))  # inverted CDF
        return np.where(n > 0, ordered[k, pick], np.nan)

    return at(low), at(high)


def _concat(frames: list[pd.DataFrame], name: str) -> pd.DataFrame:
    """One table in the contract's columns, sorted by its primary key."""
    resource = contract.OUTPUT[name]
    if not frames:
        return pd.DataFrame(columns=resource.columns)
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(list(resource.primary_key), kind="stable").reset_index(drop=True)
