"""Disclosure control for publication: blank every cell that `compute` flagged.

Which cells are withheld is decided inside the computation (`disclosure.flags`:
small counts, and the counts that would let one be recovered by subtraction from a
published total), because withheld cells must also stay out of the index. Here the
flagged zaehler, value and z-score are blanked. The nenner stays, unless it is itself a
withheld count (`Result.nenner_gesperrt`: the same definition is another indicator's
withheld zaehler): then nenner, value and z-score are blanked and the row's own zaehler
stays. Otherwise a nenner is the size of the population, not a count of a trait, and
cannot reveal a count on its own once the value is blank too.

Published, `gesperrt` is true where anything of the row is withheld (zaehler or nenner,
and always the value). Apply this once: afterwards the two flags are one.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..model import Result
from ..settings import Settings


def suppress(result: Result, settings: Settings) -> Result:
    """A copy of `result` with every flagged cell blanked; nothing else changes."""
    limit = settings.method.suppress_below
    for name in ("indicator_values", "aggregates"):
        frame = getattr(result, name)
        unflagged = small_count(frame, limit) & ~frame["gesperrt"].fillna(False).astype(bool)
        if unflagged.any():
            # Blanking it alone could leave it recoverable from a sum: the flags must
            # come from `compute` with the same threshold, never be patched here.
            raise ValueError(
                f"{name}: {int(unflagged.sum())} small counts are not flagged; "
                f"was the Result computed with suppress_below={limit}?"
            )
    nenner = result.nenner_gesperrt
    return replace(
        result,
        indicator_values=_blank(
            result.indicator_values, nenner.get("indicator_values"), ["wert", "z_wert", "wert_stabilisiert"]
        ),
        aggregates=_blank(result.aggregates, nenner.get("aggregates"), ["wert"]),
    )


def small_count(frame: pd.DataFrame, limit: float) -> pd.Series:
    """Rows whose zaehler is delivered and in (0, limit)."""
    zaehler = frame["zaehler"].astype("Float64")
    return ((zaehler > 0) & (zaehler < limit)).fillna(False).astype(bool)


def _blank(frame: pd.DataFrame, nenner_hit: pd.Series | None, values: list[str]) -> pd.DataFrame:
    """Blank the withheld zaehler and nenner, and the values they would give away."""
    own = frame["gesperrt"].fillna(False).astype(bool)
    shared = (
        pd.Series(False, index=frame.index)
        if nenner_hit is None
        else nenner_hit.reindex(frame.index).fillna(False).astype(bool)
    )
    out = frame.copy()
    out["zaehler"] = out["zaehler"].astype("Float64").mask(own)
    out["nenner"] = out["nenner"].astype("Float64").mask(shared)
    for column in values:
        out[column] = out[column].astype("Float64").mask(own | shared)
    out["gesperrt"] = (own | shared).astype("boolean")
    return out
