"""Steps 2–5: z-scores, dimension scores, the index, classes and ranks.

Every sum adds a group's values in ascending order (`rates.group_sums`), so no result
depends on the order of the rows or on the area ids: two areas with the same inputs get
bit-identical scores, which keeps ties in ranks honest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..definitions import IndexSpec
from ..settings import Classes, Method
from .rates import group_sums, lookup

KEYS = ["sozialraum_id", "jahr"]
SCORE_COLUMNS = ["sozialraum_id", "jahr", "dimension_id", "wert", "abdeckung"]
# The group key of the index's own score in `_weighted` (never published).
_WHOLE = ""
# Coverage is a ratio of float sums; 0.1 + 0.2 of 0.6 must still count as one half.
_COVERAGE_TOLERANCE = 1e-9


def add_zscores(
    measures: pd.DataFrame, indicators: pd.DataFrame, method: Method, use: pd.Series, judged: set[str]
) -> pd.DataFrame:
    """Add `z_wert`: z of each indicator per year × `richtung` (higher = better).

    An indicator in no index (a context indicator) is not judged: its z stays as it is
    (higher = higher value), whatever `richtung` the catalogue gives it, if any.
    """
    in_index = measures["indikator_id"].astype("str").isin(judged)
    richtung = lookup(measures, indicators, "richtung").where(in_index, 1.0)
    z = standardise(measures, "wert", ["indikator_id"], use, method)
    return measures.assign(z_wert=(z * richtung).astype("Float64"))


def standardise(frame: pd.DataFrame, column: str, by: list[str], use: pd.Series, method: Method) -> pd.Series:
    """z = (x − mean) / population SD, per year and `by` (or against the base year).

    Only rows where `use` is true are standardised and define mean and SD. An SD of 0
    (all values equal) gives z = 0: no area differs from the others. Where there is no
    reference (e.g. the base year lacks the indicator), z is <NA>.
    """
    use = use.fillna(False).astype(bool) & frame[column].notna()
    rows = frame.loc[use, ["jahr", *by, column]]
    per_year = method.standardise != "base_year"
    if not per_year:
        rows = rows[rows["jahr"] == method.base_year]
    ref_keys = ["jahr", *by] if per_year else by
    reference = _reference(rows, ref_keys, column)
    joined = frame[ref_keys].merge(reference, on=ref_keys, how="left")
    mean = pd.Series(joined["mean"].to_numpy(), index=frame.index, dtype="Float64")
    sd = pd.Series(joined["sd"].to_numpy(), index=frame.index, dtype="Float64")
    x = frame[column].astype("Float64")
    z = ((x - mean) / sd.where((sd > 0).fillna(False))).mask((sd == 0).fillna(False), 0.0)
    return z.where(use).astype("Float64")


def _reference(rows: pd.DataFrame, keys: list[str], column: str) -> pd.DataFrame:
    """Mean and population SD (dividing by n, as Berlin's MSS does) per group.

    Values are summed in ascending order within each group (order-free, see
    `rates.group_sums`); the SD is exactly 0 when all values of a group are equal.
    """
    grouped = rows.groupby(keys, sort=True)
    out = grouped.size().rename("n").reset_index()
    if out.empty:
        return out[keys].assign(mean=pd.Series([], dtype=float), sd=pd.Series([], dtype=float))
    codes = grouped.ngroup().to_numpy()
    x = rows[column].to_numpy(dtype=float)
    order = np.lexsort((x, codes))
    x, codes = x[order], codes[order]
    starts = np.searchsorted(codes, np.arange(len(out)))
    ends = np.append(starts[1:], len(x)) - 1
    n = out["n"].to_numpy()
    constant = x[starts] == x[ends]
    mean = np.where(constant, x[starts], np.add.reduceat(x, starts) / n)
    spread = np.add.reduceat((x - mean[codes]) ** 2, starts)
    sd = np.where(constant, 0.0, np.sqrt(spread / n))
    return out[keys].assign(mean=mean, sd=sd)


def dimension_scores(zvalues: pd.DataFrame, spec: IndexSpec, grid: pd.DataFrame) -> pd.DataFrame:
    """Weighted mean of the available z per area, year and dimension (SCORE_COLUMNS)."""
    members = spec.members().rename(columns={"indikator_id": "teil"})
    parts = _parts(zvalues, "indikator_id", "z_wert")
    dims = grid.merge(pd.DataFrame({"dimension_id": [d.id for d in spec.dimensions]}), how="cross")
    scores = _weighted(parts, members, dims, spec.method.min_coverage)
    if spec.method.restandardise_dimensions:
        scores = _restandardise(scores, spec.method)
    return scores


def index_scores(scores: pd.DataFrame, spec: IndexSpec, grid: pd.DataFrame) -> pd.DataFrame:
    """The index: weighted mean of the dimension scores (SCORE_COLUMNS without dimension_id)."""
    weights = spec.dimension_weights().rename(columns={"dimension_id": "teil"}).assign(dimension_id=_WHOLE)
    parts = _parts(scores, "dimension_id", "wert")
    total = _weighted(parts, weights, grid.assign(dimension_id=_WHOLE), spec.method.min_coverage)
    if spec.method.restandardise_index:
        total = _restandardise(total, spec.method)
    return total.drop(columns="dimension_id")


def _parts(frame: pd.DataFrame, part: str, value: str) -> pd.DataFrame:
    """The available values of the parts (indicators or dimensions) a weighted mean takes."""
    available = frame[frame[value].notna()]
    return pd.DataFrame(
        {
            "sozialraum_id": available["sozialraum_id"],
            "jahr": available["jahr"],
            "teil": available[part],
            "z": available[value].astype(float),
        }
    )


def _weighted(parts: pd.DataFrame, weights: pd.DataFrame, cells: pd.DataFrame, min_coverage: float) -> pd.DataFrame:
    """Weighted mean of `z` over the parts available in each cell, with coverage.

    Weights are rescaled over what is available; `abdeckung` = available weight /
    total weight; no score where it falls below `min_coverage`.
    """
    total = group_sums(weights, ["dimension_id"], ["gewicht"]).set_index("dimension_id")["gewicht"]
    joined = parts.merge(weights, on="teil", how="inner")
    joined["wz"] = joined["gewicht"] * joined["z"]
    sums = (
        group_sums(joined, [*KEYS, "dimension_id"], ["gewicht", "wz"])
        .rename(columns={"gewicht": "w"})
        .drop(columns="n")
    )
    out = cells.merge(sums, on=[*KEYS, "dimension_id"], how="left")
    w = out["w"].fillna(0.0).astype(float)
    total_w = out["dimension_id"].map(total).astype(float)
    abdeckung = pd.Series(w / total_w.where(total_w > 0), dtype="Float64")
    enough = (abdeckung >= min_coverage - _COVERAGE_TOLERANCE).fillna(False) & (w > 0)
    out["wert"] = (out["wz"] / w.where(w > 0)).astype("Float64").where(enough)
    out["abdeckung"] = abdeckung
    return out[SCORE_COLUMNS]


def _restandardise(scores: pd.DataFrame, method: Method) -> pd.DataFrame:
    """z of the aggregate again (Berlin MSS: 'z of the sum'), per year or base year."""
    z = standardise(scores, "wert", ["dimension_id"], scores["wert"].notna(), method)
    return scores.assign(wert=z)


def classify(values: pd.Series, classes: Classes) -> pd.Series:
    """Class label per value; a value on a cut goes up where `upper_closed` says so."""
    x = values.astype("Float64")
    position = np.zeros(len(x), dtype=int)
    for cut, upper in zip(classes.cuts, classes.upper_closed()):
        above = (x >= cut) if upper else (x > cut)
        position += above.fillna(False).to_numpy(dtype=bool)
    labels = np.asarray(classes.labels, dtype=object)[position]
    out = pd.Series(labels, index=x.index, dtype="str")
    return out.where(x.notna())


def rank(scores: pd.DataFrame, by: list[str]) -> pd.Series:
    """1 = lowest value (highest need) per group; ties share the lowest."""
    ranks = scores.groupby(by)["wert"].rank(method="min", ascending=True)
    return ranks.astype("Int64")
