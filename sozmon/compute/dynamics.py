"""What an index standardises: its measures. A status index takes each member's value
in a year; a dynamics index the change of that value over its period.

The change is `wert(t) − wert(t − period)` in the indicator's own unit: percentage
points for shares (faktor 100), e.g. m² per inhabitant for other units. Both years must
be in the release and both values usable (large enough nenner, not withheld): a missing
start or end gives no change, never a guess. A dynamics index without a period takes
its members' values as delivered change values (Berlin's MSS publishes them that way).
"""

from __future__ import annotations

import pandas as pd

from ..definitions import DYNAMICS, IndexSpec

MEASURE_COLUMNS = ["sozialraum_id", "jahr", "indikator_id", "wert", "nutzbar"]


def measures(spec: IndexSpec, rates: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """MEASURE_COLUMNS for the members of `spec`; `nutzbar` marks what enters the index."""
    mine = rates[rates["indikator_id"].isin(spec.indicator_ids)]
    table = pd.DataFrame(
        {
            "sozialraum_id": mine["sozialraum_id"],
            "jahr": mine["jahr"],
            "indikator_id": mine["indikator_id"],
            "wert": mine["wert"].astype("Float64"),
            "nutzbar": mine["im_index"].fillna(False).astype(bool),
        }
    ).reset_index(drop=True)
    if spec.kind != DYNAMICS or spec.period is None:
        return table
    return changes(table, spec.period)


def changes(table: pd.DataFrame, period: int) -> pd.DataFrame:
    """Each value's change since `period` years before (same area and indicator)."""
    start = table.assign(jahr=table["jahr"] + period).rename(columns={"wert": "_start", "nutzbar": "_start_ok"})
    joined = table.merge(start, on=["sozialraum_id", "jahr", "indikator_id"], how="left")
    known = joined["_start_ok"].fillna(False).astype(bool) & joined["nutzbar"]
    change = (joined["wert"] - joined["_start"].astype("Float64")).where(known)
    return joined.assign(wert=change.astype("Float64"), nutzbar=known & change.notna())[MEASURE_COLUMNS]
