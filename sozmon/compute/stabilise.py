"""Small-number stabilisation: empirical-Bayes shrinkage of rates (README, "Kleine Zahlen
stabilisieren"; settings `method.stabilise`: 'off', 'stadtteil' or 'stadt').

The rate of a small area jumps by chance: 3 of 40 children are 7.5 %, 5 of 40 are
12.5 %. Marshall's (1991) method-of-moments estimator pulls each rate towards the rate
of its group (its Stadtteil, or the whole city), the more the fewer people it counts.
Per indicator, year and group, over the areas with published counts:

    m  = Σ zaehler / Σ nenner                     (the group's rate, ratio of sums)
    s² = Σ nenner_i (r_i − m)² / Σ nenner_i        (spread of the rates r_i around m)
    A  = max(0, s² − V(m) / n̄)                     (variance between the areas; n̄ mean nenner)
    C_i = A / (A + V(m) / nenner_i)                (how much of its own rate an area keeps)
    stabilised r_i = m + C_i (r_i − m), × faktor

with V(m) = m (Poisson) for counts and V(m) = m (1 − m) (binomial) for shares
(`is_share`). Decisions, documented on the method page and in docs/einstellungen.md:

- Only published counts enter: a cell withheld for disclosure (`gesperrt`, or its
  nenner withheld) neither enters m, s², n̄ nor gets a stabilised value, so nothing
  published depends on a withheld count.
- A rate delivered without counts keeps its value (`wert_stabilisiert` = `wert`): its
  precision is unknown. It does not enter the group's moments either.
- A = 0 (the areas differ no more than chance explains): every area gets m. A group of
  one area gets its own rate (then m is that rate). An area without a Stadtteil is a
  group of its own, so it keeps its rate. Where the group has no rate at all (Σ
  nenner = 0) there is nothing to stabilise.
- The small-denominator rule (`method.min_denominator`) still applies as set: a
  stabilised value with a small nenner is published but stays out of the index. It is a
  separate, explicit choice; a release that stabilises may lower it (docs/einstellungen.md).

Sums add each group's values one after the other in the order of the areas (`_sum`), so
a result is the same for one draw or a thousand and whether or not areas without a
value are in the arrays; the pandas path and the bootstrap both give the areas sorted by
id. (Σ zaehler and Σ nenner are sums of whole numbers, exact in any order.)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..settings import Method
from .rates import has_counts, lookup

OFF = "off"
CITY = "stadt"
# A share: a percentage whose zaehler is part of its nenner.
SHARE_FAKTOR = 100


def is_share(faktor: float, zaehler, nenner) -> bool:
    """True for a share (binomial variance): faktor 100 and no zaehler above its nenner.

    Give the counts of one indicator that enter (published, both delivered); NaN pairs
    are ignored. A rate per 100 that is not a part of its nenner (e.g. cases per 100
    inhabitants) passes as a share only while no area counts more cases than people;
    for small rates both variances are nearly the same.
    """
    if faktor is None or pd.isna(faktor) or float(faktor) != SHARE_FAKTOR:
        return False
    z = np.asarray(zaehler, dtype=float)
    n = np.asarray(nenner, dtype=float)
    known = np.isfinite(z) & np.isfinite(n)
    return bool(np.all(z[known] <= n[known]))


def group_codes(areas: pd.DataFrame, area_ids: Sequence[str], level: str) -> np.ndarray:
    """The group of each area in `area_ids` (int codes, same order) for `level`.

    'stadt': one group (all 0). 'stadtteil': one code per Stadtteil name (as the
    published Stadtteil values group them); an area without a Stadtteil (none given, or
    not in `areas`) gets a code of its own, so it keeps its own rate.
    """
    if level == CITY:
        return np.zeros(len(area_ids), dtype=np.int64)
    if level == OFF or level not in areas.columns:
        return np.arange(len(area_ids), dtype=np.int64)
    known = areas.dropna(subset=[level])
    of = dict(zip(known["sozialraum_id"].astype("str"), known[level].astype("str")))
    names = sorted({of[a] for a in area_ids if a in of})
    code = {name: i for i, name in enumerate(names)}
    out = np.empty(len(area_ids), dtype=np.int64)
    alone = len(names)
    for i, area in enumerate(area_ids):
        if area in of:
            out[i] = code[of[area]]
        else:
            out[i] = alone
            alone += 1
    return out


def shrink(zaehler, nenner, group, share, faktor=1.0, axis: int = -1) -> np.ndarray:
    """Stabilised rates × faktor, the shape of `zaehler`; NaN where there is no value.

    zaehler  [..., A, ...] counts along `axis` (the areas); leading axes e.g. draws
    nenner   broadcastable to zaehler; a cell enters only with both counts finite and nenner > 0
    group    [A] int group code of each area (`group_codes`)
    share    bool, broadcastable to zaehler and the same along `axis` (one per indicator)
    faktor   broadcastable to zaehler (e.g. 100 for percentages)
    """
    z = np.asarray(zaehler, dtype=float)
    shape = z.shape
    n, sh, f = (
        np.broadcast_to(np.asarray(x, dtype=d), shape) for x, d in ((nenner, float), (share, bool), (faktor, float))
    )
    z, n, sh, f = (np.moveaxis(x, axis, -1) for x in (z, n, sh, f))
    group = np.asarray(group)
    areas = z.shape[-1]
    if group.shape != (areas,):
        raise ValueError(f"group has shape {group.shape}, expected ({areas},)")
    if z.size == 0:
        return np.full(shape, np.nan)
    # Each group as one row of a [rows, group, slot] block, its areas in their given order;
    # empty slots point at an appended column without a value. Rows go in chunks that fit
    # the CPU's caches: every step works on one row at a time, so chunks change nothing.
    _, code = np.unique(group, return_inverse=True)
    order = np.argsort(code, kind="stable")
    sizes = np.bincount(code, minlength=1)
    slot = np.arange(areas) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    where = np.full((len(sizes), sizes.max(initial=0)), areas)
    where[code[order], slot] = order
    filled = where < areas
    rows = [
        np.concatenate([x.reshape(-1, areas), np.full((x[..., 0].size, 1), p, x.dtype)], axis=1)
        for x, p in ((z, np.nan), (n, np.nan), (sh, False), (f, np.nan))
    ]
    out = np.empty((len(rows[0]), areas))
    step = max(1, _CHUNK // max(1, where.size))
    for start in range(0, len(out), step):
        part = [np.take(x[start : start + step], where, axis=-1) for x in rows]
        out[start : start + step][:, where[filled]] = _shrink_block(*part)[:, filled]
    return np.moveaxis(out.reshape(z.shape), -1, axis)


# Values per chunk of `shrink` (about 8 MB per array).
_CHUNK = 1 << 20


def _shrink_block(zg: np.ndarray, ng: np.ndarray, shg: np.ndarray, fg: np.ndarray) -> np.ndarray:
    """Marshall's estimator on [rows, group, slot] blocks (see the module docstring)."""
    ok = (ng > 0) & np.isfinite(ng) & np.isfinite(zg)
    ng = np.where(ok, ng, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        total = _sum(ng)
        m = _sum(np.where(ok, zg, 0.0)) / total
        r = np.where(ok, zg / ng, m)  # no value: no deviation
        s2 = _sum(ng * (r - m) ** 2) / total
        var = np.where(shg[..., :1], m * (1.0 - m), m)
        between = np.maximum(0.0, s2 - var * ok.sum(axis=-1, keepdims=True) / total)
        own = var / ng
        keep = np.where(between + own > 0, between / (between + own), 1.0)
        return np.where(ok, (m + keep * (r - m)) * fg, np.nan)


def _sum(x: np.ndarray) -> np.ndarray:
    """Sum over the last axis (kept), added one by one in the given order: the same for
    one draw or many and with or without slots of no value (+0 changes nothing), unlike
    numpy's pairwise summation, whose rounding depends on how many values there are."""
    if x.shape[-1] > 32:  # cumsum adds in the same sequence; faster for long rows
        return np.cumsum(x, axis=-1)[..., -1:]
    total = x[..., :1].copy()
    for j in range(1, x.shape[-1]):
        total += x[..., j : j + 1]
    return total


def stabilise(
    rates: pd.DataFrame, withheld: pd.Series, areas: pd.DataFrame, indicators: pd.DataFrame, method: Method
) -> pd.DataFrame:
    """`rates` with `wert_stabilisiert` (Float64): <NA> while `method.stabilise` is 'off',
    for a withheld cell (`withheld`, aligned with `rates`) and where there is no value;
    a rate delivered without counts keeps its value."""
    empty = pd.array([pd.NA] * len(rates), dtype="Float64")
    if method.stabilise == OFF or rates.empty:
        return rates.assign(wert_stabilisiert=empty)
    withheld = withheld.reindex(rates.index).fillna(False).astype(bool).to_numpy()
    counted = has_counts(rates["zaehler"], rates["nenner"]).to_numpy() & ~withheld
    ids = sorted(set(rates["sozialraum_id"].astype("str")))
    years = sorted(set(rates["jahr"].astype(int)))
    members = sorted(set(rates["indikator_id"].astype("str")))
    at = (
        rates["indikator_id"].astype("str").map({m: i for i, m in enumerate(members)}).to_numpy(),
        rates["jahr"].astype(int).map({y: i for i, y in enumerate(years)}).to_numpy(),
        rates["sozialraum_id"].astype("str").map({a: i for i, a in enumerate(ids)}).to_numpy(),
    )
    shape = (len(members), len(years), len(ids))
    zaehler, nenner = np.full(shape, np.nan), np.full(shape, np.nan)
    zaehler[at] = np.where(counted, rates["zaehler"].to_numpy(dtype=float, na_value=np.nan), np.nan)
    nenner[at] = np.where(counted, rates["nenner"].to_numpy(dtype=float, na_value=np.nan), np.nan)
    faktor = lookup(pd.DataFrame({"indikator_id": members}), indicators, "faktor").to_numpy(float, na_value=np.nan)
    share = np.array([is_share(f, zaehler[i], nenner[i]) for i, f in enumerate(faktor)])
    codes = group_codes(areas, ids, method.stabilise)
    values = shrink(zaehler, nenner, codes, share[:, None, None], faktor[:, None, None])[at]
    # NaN (no value) becomes <NA>
    stabilised = pd.Series(np.where(counted, values, np.nan), index=rates.index, dtype="Float64")
    delivered = rates["nur_wert"].fillna(False).to_numpy(dtype=bool) & ~withheld
    out = stabilised.mask(delivered, rates["wert"].astype("Float64"))
    return rates.assign(wert_stabilisiert=out.astype("Float64"))


def index_input(rates: pd.DataFrame, method: Method) -> pd.DataFrame:
    """The rates every index reads: with stabilisation on, `wert` is the stabilised value
    where there is one (the published `wert` stays the raw one)."""
    if method.stabilise == OFF:
        return rates
    return rates.assign(wert=rates["wert_stabilisiert"].fillna(rates["wert"]).astype("Float64"))
