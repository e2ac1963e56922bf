"""Primary disclosure control: small counts are never published.

A count with 0 < zaehler < `suppress_below` could identify a family in a small area,
so its zaehler, value and z-score are blanked and the row is marked `gesperrt`. The
nenner stays: it is the size of the population, not a count of a trait. Secondary
suppression (recomputing a blanked value from sums) is a later step.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..model import Result
from ..settings import Settings


def suppress(result: Result, settings: Settings) -> Result:
    """A copy of `result` with small counts blanked; nothing else changes."""
    limit = settings.method.suppress_below
    return replace(
        result,
        indicator_values=_blank(result.indicator_values, limit, ["zaehler", "wert", "z_wert"]),
        aggregates=_blank(result.aggregates, limit, ["zaehler", "wert"]),
    )


def small_count(frame: pd.DataFrame, limit: float) -> pd.Series:
    """Rows whose counts are delivered and whose zaehler is in (0, limit)."""
    counted = frame["zaehler"].notna() & frame["nenner"].notna()
    zaehler = frame["zaehler"].astype("Float64")
    return (counted & (zaehler > 0) & (zaehler < limit)).fillna(False).astype(bool)


def _blank(frame: pd.DataFrame, limit: float, columns: list[str]) -> pd.DataFrame:
    hit = small_count(frame, limit)
    out = frame.copy()
    for column in columns:
        out[column] = out[column].astype("Float64").mask(hit)
    out["gesperrt"] = (out["gesperrt"].fillna(False).astype(bool) | hit).astype("boolean")
    return out
