"""Disclosure control for publication: blank every cell that `compute` flagged.

Which cells are withheld is decided inside the computation (`disclosure.flags`:
small counts, and the counts that would let one be recovered by subtraction from a
published total), because withheld cells must also stay out of the index. Here the
flagged zaehler, value and z-score are blanked. The nenner stays: it is the size of
the population, not a count of a trait, and it cannot reveal a count on its own once
the value is blank too.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..model import Result
from ..settings import Settings


def suppress(result: Result, settings: Settings) -> Result:
    """A copy of `result` with every `gesperrt` cell blanked; nothing else changes."""
    limit = settings.method.suppress_below
    for name in ("indicator_values", "aggregates"):
        frame = getattr(result, name)
        unflagged = small_count(frame, limit) & ~frame["gesperrt"].fillna(False).astype(bool)
        if unflagged.any():
            # Blanking it alone could leave it recoverable from a sum: the flags must
            # come from `compute` with the same threshold, never be patched here.
            raise ValueError(f"{name}: {int(unflagged.sum())} small counts are not flagged; "
                             f"was the Result computed with suppress_below={limit}?")
    return replace(
        result,
        indicator_values=_blank(result.indicator_values, ["zaehler", "wert", "z_wert"]),
        aggregates=_blank(result.aggregates, ["zaehler", "wert"]),
    )


def small_count(frame: pd.DataFrame, limit: float) -> pd.Series:
    """Rows whose zaehler is delivered and in (0, limit)."""
    zaehler = frame["zaehler"].astype("Float64")
    return ((zaehler > 0) & (zaehler < limit)).fillna(False).astype(bool)


def _blank(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    hit = frame["gesperrt"].fillna(False).astype(bool)
    out = frame.copy()
    for column in columns:
        out[column] = out[column].astype("Float64").mask(hit)
    out["gesperrt"] = hit.astype("boolean")
    return out
