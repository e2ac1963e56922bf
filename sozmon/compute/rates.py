"""Step 1: indicator values per area, and ratio-of-sums values for larger areas.

A value is `zaehler / nenner × faktor` where counts are delivered; a delivered rate
(`wert` without counts) is kept as it is, because many offices publish only rates.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import contract

# `standardisiert`: the value gets a z-score (also a context indicator's, for display,
# not turned by a `richtung`: a context indicator has none); `im_index`: it may also
# enter an index (only indicators that some index definition names).
RATE_COLUMNS = [
    "sozialraum_id",
    "jahr",
    "indikator_id",
    "zaehler",
    "nenner",
    "wert",
    "nur_wert",
    "standardisiert",
    "im_index",
]
AGGREGATE_COLUMNS = contract.OUTPUT["gebiete_werte"].columns
# Larger areas, in publication order; 'stadt' is the whole city.
LEVELS = ("stadt", "stadtbezirk", "stadtteil")


def indicator_rates(
    values: pd.DataFrame, indicators: pd.DataFrame, min_denominator: float, indexed: set[str]
) -> pd.DataFrame:
    """Compute `wert` per row and flag what is standardised and what may enter an
    index (RATE_COLUMNS). A context indicator (in no index, not in `indexed`) is
    standardised for display but never in an index."""
    faktor = lookup(values, indicators, "faktor")
    zaehler = values["zaehler"].astype("Float64")
    nenner = values["nenner"].astype("Float64")
    delivered = values["wert"].astype("Float64")
    counted = has_counts(zaehler, nenner)
    # nenner 0 cannot give a rate; check rejects it, compute must not produce inf.
    computed = (zaehler / nenner.where(nenner > 0) * faktor).where(counted)
    nur_wert = (~counted & delivered.notna()).astype("boolean")
    wert = computed.where(counted, delivered)
    wert = wert.where(_finite(wert))
    large_enough = (nenner >= min_denominator).fillna(False)
    standardisiert = (wert.notna() & (large_enough | nur_wert)).astype(bool)
    im_index = standardisiert & values["indikator_id"].astype("str").isin(indexed).to_numpy()
    out = pd.DataFrame(
        {
            "sozialraum_id": values["sozialraum_id"].astype("str"),
            "jahr": values["jahr"].astype("Int64"),
            "indikator_id": values["indikator_id"].astype("str"),
            "zaehler": zaehler,
            "nenner": nenner,
            "wert": wert.astype("Float64"),
            "nur_wert": nur_wert,
            "standardisiert": standardisiert.astype("boolean"),
            "im_index": im_index.astype("boolean"),
        }
    )
    return sort_rows(out, ["sozialraum_id", "jahr", "indikator_id"])


def has_counts(zaehler: pd.Series, nenner: pd.Series) -> pd.Series:
    """A row 'has counts' when both zaehler and nenner are delivered."""
    return (zaehler.notna() & nenner.notna()).astype(bool)


def aggregate(rates: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame, city: str) -> pd.DataFrame:
    """Ratio of sums per level, area group, year and indicator (AGGREGATE_COLUMNS).

    Never a mean of rates: Σ zaehler / Σ nenner × faktor. A group in which any area
    delivered only a rate gets no value, since its counts are unknown.
    """
    parts = []
    for level in LEVELS:
        grouped = _assign_groups(rates, areas, level, city or "Stadt")
        if grouped is not None:
            parts.append(_ratio_of_sums(grouped, indicators).assign(ebene=level))
    if not parts:
        return _empty(AGGREGATE_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    out["ebene"] = out["ebene"].astype("str")
    out["ebene_ordnung"] = out["ebene"].map({lv: i for i, lv in enumerate(LEVELS)})
    out = out.sort_values(["ebene_ordnung", "gebiet", "jahr", "indikator_id"], kind="stable")
    return out[AGGREGATE_COLUMNS].reset_index(drop=True)


def _assign_groups(rates: pd.DataFrame, areas: pd.DataFrame, level: str, city: str) -> pd.DataFrame | None:
    """Rates with a `gebiet` column for this level, or None if the level is absent."""
    if level == "stadt":
        return rates.assign(gebiet=city)
    if level not in areas.columns or areas[level].isna().all():
        return None
    groups = pd.DataFrame(
        {
            "sozialraum_id": areas["sozialraum_id"].astype("str"),
            "gebiet": areas[level],
        }
    ).dropna()
    groups["gebiet"] = groups["gebiet"].astype("str")
    return rates.merge(groups, on="sozialraum_id", how="inner")


def _ratio_of_sums(grouped: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    keys = ["gebiet", "jahr", "indikator_id"]
    counted = has_counts(grouped["zaehler"], grouped["nenner"])
    frame = grouped.assign(
        zaehler=grouped["zaehler"].astype(float).where(counted, 0.0),
        nenner=grouped["nenner"].astype(float).where(counted, 0.0),
        gezaehlt=counted.astype(float),
        nur=grouped["nur_wert"].fillna(False).astype(float),
    )
    out = group_sums(frame, keys, ["zaehler", "nenner", "gezaehlt", "nur"])
    # Unknown where an area gave only a rate, or where no area gave counts at all.
    known = (out["nur"] == 0) & (out["gezaehlt"] > 0)
    out["zaehler"] = out["zaehler"].astype("Float64").where(known)
    out["nenner"] = out["nenner"].astype("Float64").where(known)
    faktor = lookup(out, indicators, "faktor")
    wert = out["zaehler"] / out["nenner"].where((out["nenner"] > 0).fillna(False)) * faktor
    out["wert"] = wert.where(_finite(wert)).astype("Float64")
    out["gesperrt"] = pd.array([False] * len(out), dtype="boolean")
    return out.drop(columns=["n", "gezaehlt", "nur"])


def group_sums(frame: pd.DataFrame, keys: list[str], columns: list[str]) -> pd.DataFrame:
    """Per group (sorted by keys): row count `n` and the sum of each column.

    Each group's values are added in ascending order, so a sum depends only on the
    values, never on the order of the rows or on area ids. Columns must be NA-free.
    """
    grouped = frame.groupby(keys, sort=True)
    out = grouped.size().rename("n").reset_index()
    if out.empty:
        return out.assign(**{c: pd.Series([], dtype=float) for c in columns})
    codes = grouped.ngroup().to_numpy()
    for column in columns:
        x = frame[column].to_numpy(dtype=float)
        order = np.lexsort((x, codes))
        starts = np.searchsorted(codes[order], np.arange(len(out)))
        out[column] = np.add.reduceat(x[order], starts)
    return out


def lookup(frame: pd.DataFrame, indicators: pd.DataFrame, column: str) -> pd.Series:
    """An indicator attribute for each row of `frame` (NA for an unknown indicator)."""
    table = indicators.drop_duplicates("indikator_id")
    mapping = pd.Series(table[column].to_numpy(), index=table["indikator_id"].astype("str"))
    return frame["indikator_id"].astype("str").map(mapping).astype("Float64")


def _finite(series: pd.Series) -> pd.Series:
    values = series.astype("Float64")
    return values.notna() & values.abs().lt(math.inf).fillna(False)


def sort_rows(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Deterministic order and a clean RangeIndex, whatever order the input had."""
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def _empty(columns: list[str]) -> pd.DataFrame:
    dtypes = {"jahr": "Int64", "zaehler": "Float64", "nenner": "Float64", "wert": "Float64", "gesperrt": "boolean"}
    return pd.DataFrame({c: pd.Series([], dtype=dtypes.get(c, "str")) for c in columns})
