"""Step 7: change since the previous year of the release and since the base year.

Changes are differences on the published scale (index points), so they are only real
change over time where the scores are standardised against the base year.
"""

from __future__ import annotations

import pandas as pd


def add_changes(scores: pd.DataFrame, years: list[int], base_year: int | None, cell: list[str]) -> pd.DataFrame:
    """Add `veraenderung_vorjahr` and `veraenderung_basisjahr` (<NA> where unknown).

    The previous year is the release's year before, not the last year that area had a
    value: a gap in the data gives <NA>, never a change over two years.
    """
    ordered = sorted(set(int(y) for y in years))
    previous = dict(zip(ordered[1:], ordered[:-1]))
    prev_year = scores["jahr"].map(previous).astype("Int64")
    vorjahr = scores["wert"] - _value_in(scores, prev_year, cell)
    base = pd.Series(base_year, index=scores.index, dtype="Int64")
    basisjahr = scores["wert"] - _value_in(scores, base, cell)
    return scores.assign(
        veraenderung_vorjahr=vorjahr.astype("Float64"),
        veraenderung_basisjahr=basisjahr.astype("Float64"),
    )


def _value_in(scores: pd.DataFrame, year: pd.Series, cell: list[str]) -> pd.Series:
    """The same cell's (area, index, dimension) `wert` in `year` (per row), <NA> if absent."""
    table = scores[[*cell, "jahr", "wert"]].rename(columns={"jahr": "_jahr", "wert": "_wert"})
    wanted = scores[cell].assign(_jahr=year)
    joined = wanted.merge(table, on=[*cell, "_jahr"], how="left")
    return pd.Series(joined["_wert"].to_numpy(), index=scores.index, dtype="Float64")
