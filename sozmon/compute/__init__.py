"""The computation: a checked Release in, the Result with its disclosure flags out
(README, "Methode"). Pure: no I/O, inputs are never changed.

    rates ─▶ ratio-of-sums aggregates ─▶ disclosure flags (gesperrt: primary + secondary)
                                              │
      rates minus gesperrt cells ─▶ measures per index (rates, or their changes) ─▶
      z-scores ─▶ dimension scores ─▶ index ─▶ classes, ranks, change ─▶ typologies
                                                                   ─▶ allocation keys

Every index is a definition (`definitions.IndexSpec`) that the same steps run for: a
status index on the rates of a year, a dynamics index on their change over its period.
Flagged cells are decided before the z-scores and kept out of every index, so that no
published score can be solved for them. The Result still holds their counts and values:
publication must pass it through `suppress.suppress`, which blanks them.
"""

from __future__ import annotations

import pandas as pd

from .. import contract
from ..allocation import DIMENSION, TYPOLOGY, AllocationSpec
from ..definitions import IndexSpec
from ..model import Release, Result
from ..problems import ReleaseError
from ..settings import Method
from .allocation import allocate, empty_allocations
from .change import add_changes
from .disclosure import flags
from .dynamics import measures
from .index import add_zscores, classify, dimension_scores, index_scores, rank
from .rates import aggregate, indicator_rates, sort_rows
from .stabilise import index_input, stabilise
from .typology import typology

INDICATOR_VALUE_COLUMNS = contract.OUTPUT["indikator_werte"].columns
INDEX_COLUMNS = contract.OUTPUT[contract.INDEX_VALUES].columns
DIMENSION_COLUMNS = contract.OUTPUT[contract.DIMENSION_VALUES].columns
TYPOLOGY_COLUMNS = contract.OUTPUT[contract.TYPOLOGY_VALUES].columns

__all__ = ["compute", "score_index", "INDICATOR_VALUE_COLUMNS", "INDEX_COLUMNS", "DIMENSION_COLUMNS"]


def compute(release: Release) -> Result:
    """The full computation of a release; cells to withhold are flagged `gesperrt`."""
    years = release.years
    settings = release.settings
    method = settings.method
    _check_base_year(method, years)
    indexed = {i for spec in release.indices for i in spec.indicator_ids}
    rates = indicator_rates(release.values, release.indicators, method.min_denominator, indexed)
    aggregates = aggregate(rates, release.indicators, release.areas, settings.city)
    cell_flags, total_flags = flags(rates, aggregates, release.areas, release.indicators, method.suppress_below)
    # A withheld count must not enter an index: with the other z-values of a dimension
    # published, its own z (and so its count) could be solved from the dimension score.
    # That holds for a withheld nenner (a count shared with a withheld zaehler) too.
    gesperrt = cell_flags["gesperrt"] | cell_flags["nenner_gesperrt"]
    rates = rates.assign(
        standardisiert=(rates["standardisiert"] & ~gesperrt).astype("boolean"),
        im_index=(rates["im_index"] & ~gesperrt).astype("boolean"),
    )
    rates = stabilise(rates, gesperrt, release.areas, release.indicators, method)
    # With stabilisation on, every index (and the published z-score) reads the
    # stabilised value; the published `wert` stays the raw one.
    read = index_input(rates, method)
    zvalues = add_zscores(read, release.indicators, method, read["standardisiert"], indexed)
    zvalues = zvalues.assign(wert=rates["wert"])
    indicator_values = zvalues.assign(gesperrt=cell_flags["gesperrt"])[INDICATOR_VALUE_COLUMNS]
    grid = _grid(release, years)
    scored = [score_index(spec, read, release.indicators, grid, years) for spec in release.indices]
    indices = pd.concat([s[0] for s in scored], ignore_index=True)[INDEX_COLUMNS]
    dims = pd.concat([s[1] for s in scored], ignore_index=True)[DIMENSION_COLUMNS]
    types = [typology(spec, indices) for spec in release.typologies]
    typologies = pd.concat(types, ignore_index=True)[TYPOLOGY_COLUMNS] if types else _empty_typologies()
    # Allocation keys read the counts as they are published: with their disclosure
    # flags, so that a withheld count never enters an amount.
    counts = indicator_values[["sozialraum_id", "jahr", "indikator_id", "zaehler", "nenner"]].assign(
        zaehler_gesperrt=cell_flags["gesperrt"], nenner_gesperrt=cell_flags["nenner_gesperrt"]
    )
    keys, problems = [], []
    for spec in release.allocations:
        need = _need(spec, indices, dims, typologies)
        frame, found = allocate(spec, need, counts, list(grid["sozialraum_id"].unique()), years)
        keys.append(frame)
        problems += found
    if any(p.is_error for p in problems):  # `check` tells the user; this guards the API
        raise ReleaseError(problems)
    return Result(
        indicator_values=indicator_values,
        indices=indices,
        dimensions=dims,
        typologies=typologies,
        aggregates=aggregates.assign(gesperrt=total_flags["gesperrt"]),
        nenner_gesperrt={
            "indicator_values": cell_flags["nenner_gesperrt"],
            "aggregates": total_flags["nenner_gesperrt"],
        },
        allocations=pd.concat(keys, ignore_index=True) if keys else empty_allocations(),
        allocation_problems=tuple(problems),
    )


def _need(spec: AllocationSpec, indices: pd.DataFrame, dims: pd.DataFrame, types: pd.DataFrame) -> pd.DataFrame:
    """(sozialraum_id, jahr, klasse) of the key's need: the class in its index or
    dimension, or the type in its typology; empty for a key without a need."""
    columns = ["sozialraum_id", "jahr", "klasse"]
    need = spec.need
    if need is None:
        return pd.DataFrame(columns=columns)
    if need.kind == TYPOLOGY:
        rows = types[types["typologie_id"] == need.source]
        return rows.assign(klasse=rows["typ"])[columns]
    if need.kind == DIMENSION:
        return dims[(dims["index_id"] == need.source) & (dims["dimension_id"] == need.dimension)][columns]
    return indices[indices["index_id"] == need.source][columns]


def score_index(
    spec: IndexSpec, rates: pd.DataFrame, indicators: pd.DataFrame, grid: pd.DataFrame, years: list[int]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One index from the release's rates: (index rows, dimension rows), both keyed by
    `index_id`; the same steps for every kind, only the measures differ."""
    method = spec.method
    table = measures(spec, rates, indicators)
    zvalues = add_zscores(table, indicators, method, table["nutzbar"], set(spec.indicator_ids))
    dims = dimension_scores(zvalues, spec, grid)
    total = index_scores(dims, spec, grid)
    dims = _finish(dims, method, years, ["jahr", "dimension_id"], ["sozialraum_id", "dimension_id"])
    total = _finish(total, method, years, ["jahr"], ["sozialraum_id"])
    order = {d.id: i for i, d in enumerate(spec.dimensions)}
    dims = dims.assign(_ordnung=dims["dimension_id"].map(order))
    dims = sort_rows(dims, ["sozialraum_id", "jahr", "_ordnung"])
    return total.assign(index_id=spec.id), dims.assign(index_id=spec.id)


def _finish(scores: pd.DataFrame, method: Method, years: list[int], groups: list[str], cell: list[str]) -> pd.DataFrame:
    scores = scores.assign(klasse=classify(scores["wert"], method.classes), rang=None)
    scores["rang"] = rank(scores, groups)
    scores = add_changes(scores, years, method.base_year, cell)
    return sort_rows(scores, ["sozialraum_id", "jahr"])


def _check_base_year(method: Method, years: list[int]) -> None:
    """The base year (filled in by `Release`) must be a year of the release; `check`
    says so to the user, this guards the API."""
    if years and method.base_year not in years:
        raise ValueError(f"base year {method.base_year} is not a year of the release {years}")


def _grid(release: Release, years: list[int]) -> pd.DataFrame:
    """Every area (with geometry or values) × every year of the release."""
    ids = set(release.areas["sozialraum_id"].astype("str"))
    ids |= set(release.values["sozialraum_id"].astype("str"))
    areas = pd.DataFrame({"sozialraum_id": pd.Series(sorted(ids), dtype="str")})
    return areas.merge(pd.DataFrame({"jahr": pd.Series(years, dtype="Int64")}), how="cross")


def _empty_typologies() -> pd.DataFrame:
    types = {"jahr": "Int64", "aufmerksamkeit": "boolean"}
    return pd.DataFrame({c: pd.Series([], dtype=types.get(c, "str")) for c in TYPOLOGY_COLUMNS})
