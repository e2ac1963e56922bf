"""The computation: a checked Release in, the Result with its disclosure flags out
(README, "Methode"). Pure: no I/O, inputs are never changed.

    rates ─▶ ratio-of-sums aggregates ─▶ disclosure flags (gesperrt: primary + secondary)
                                              │
      rates minus gesperrt cells ─▶ z-scores ─▶ dimension scores ─▶ index ─▶ classes,
                                                                     ranks ─▶ change

Flagged cells are decided before the z-scores and kept out of the index, so that no
published score can be solved for them. The Result still holds their counts and values:
publication must pass it through `suppress.suppress`, which blanks them.
"""

from __future__ import annotations

import pandas as pd

from .. import contract
from ..model import TOTAL, Release, Result
from ..settings import Method
from .change import add_changes
from .disclosure import flags
from .index import add_zscores, classify, dimension_scores, index_scores, rank
from .rates import aggregate, indicator_rates, sort_rows

INDICATOR_VALUE_COLUMNS = contract.OUTPUT["indikator_werte"].columns
INDEX_COLUMNS = contract.OUTPUT["index"].columns

__all__ = ["compute", "INDICATOR_VALUE_COLUMNS", "INDEX_COLUMNS"]


def compute(release: Release) -> Result:
    """The full computation of a release; cells to withhold are flagged `gesperrt`."""
    years = release.years
    settings = release.settings
    method = settings.method
    _check_base_year(method, years)
    rates = indicator_rates(release.values, release.indicators, method.min_denominator)
    aggregates = aggregate(rates, release.indicators, release.areas, settings.city)
    cell_flags, total_flags = flags(rates, aggregates, release.areas, release.indicators, method.suppress_below)
    # A withheld count must not enter the index: with the other z-values of a dimension
    # published, its own z (and so its count) could be solved from the dimension score.
    # That holds for a withheld nenner (a count shared with a withheld zaehler) too.
    gesperrt = cell_flags["gesperrt"] | cell_flags["nenner_gesperrt"]
    rates = rates.assign(
        standardisiert=(rates["standardisiert"] & ~gesperrt).astype("boolean"),
        im_index=(rates["im_index"] & ~gesperrt).astype("boolean"),
    )
    zvalues = add_zscores(rates, release.indicators, method)
    indicator_values = zvalues.assign(gesperrt=cell_flags["gesperrt"])[INDICATOR_VALUE_COLUMNS]
    return Result(
        indicator_values=indicator_values,
        index=_index(zvalues, release, years, method),
        aggregates=aggregates.assign(gesperrt=total_flags["gesperrt"]),
        nenner_gesperrt={
            "indicator_values": cell_flags["nenner_gesperrt"],
            "aggregates": total_flags["nenner_gesperrt"],
        },
    )


def _check_base_year(method: Method, years: list[int]) -> None:
    """The base year (filled in by `Release`) must be a year of the release; `check`
    says so to the user, this guards the API."""
    if years and method.base_year not in years:
        raise ValueError(f"base year {method.base_year} is not a year of the release {years}")


def _index(zvalues: pd.DataFrame, release: Release, years: list[int], method: Method) -> pd.DataFrame:
    grid = _grid(release, years)
    dims = dimension_scores(zvalues, release.indicators, release.dimensions, grid, method)
    total = index_scores(dims, release.dimensions, grid, method)
    scores = pd.concat([dims, total], ignore_index=True)
    scores["klasse"] = classify(scores["wert"], method.classes)
    scores["rang"] = rank(scores)
    scores = add_changes(scores, years, method.base_year)
    scores["_gesamt"] = scores["dimension_id"] == TOTAL
    ordered = sort_rows(scores, ["sozialraum_id", "jahr", "_gesamt", "dimension_id"])
    return ordered[INDEX_COLUMNS]


def _grid(release: Release, years: list[int]) -> pd.DataFrame:
    """Every area (with geometry or values) × every year of the release."""
    ids = set(release.areas["sozialraum_id"].astype("str"))
    ids |= set(release.values["sozialraum_id"].astype("str"))
    areas = pd.DataFrame({"sozialraum_id": pd.Series(sorted(ids), dtype="str")})
    return areas.merge(pd.DataFrame({"jahr": pd.Series(years, dtype="Int64")}), how="cross")
