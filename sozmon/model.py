"""The two things that flow through the pipeline: a loaded Release and a computed Result.

Column names are German because they are the public data contract (`contract.py`,
described in the README); everything else is English.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from . import allocation, contract
from .definitions import IndexSpec, TypologySpec, resolve
from .settings import Settings, with_base_year

AREA_COLUMNS = contract.INPUT[contract.AREAS].columns
DIMENSION_COLUMNS = contract.INPUT[contract.DIMENSIONS].columns
INDICATOR_COLUMNS = contract.INPUT[contract.INDICATORS].columns
VALUE_COLUMNS = contract.INPUT[contract.VALUES].columns


@dataclass(frozen=True)
class Release:
    """A checked data release, typed and ready to compute.

    areas       GeoDataFrame in EPSG:4326: AREA_COLUMNS (+ extra fields) + geometry;
                `stadtteil`/`stadtbezirk` are <NA> where the release has none.
    dimensions  DIMENSION_COLUMNS; `gewicht` float.
    indicators  INDICATOR_COLUMNS; `dimension_id` <NA> for a context indicator,
                `richtung` Int64 (+1/-1; <NA> allowed for a context indicator),
                `faktor` and `gewicht` float.
    values      VALUE_COLUMNS; ids str, `jahr` int, `zaehler`/`nenner`/`wert` Float64
                (nullable): a row has counts, or only a delivered `wert`.
    settings    the release's settings; `method.base_year` is always filled in (default:
                the first year of the values), here and nowhere else.
    indices     the index definitions (at least one), resolved from the settings and the
                catalogue (`definitions.resolve`); typologies likewise.
    allocations the allocation keys (`allocation.resolve`), possibly none.
    metadata    the release's datapackage.json descriptor (title, version, created, …).
    changelog   the release's `aenderungen.md` (what changed since the last release), if any.
    streets     the street directory (contract.INPUT['strassen'], load._typed_streets) or
                None: strasse, plz, sozialraum_id str; hausnummer_von/bis Int64 (<NA>:
                open end); seite 'alle', 'gerade' or 'ungerade'.
    """

    areas: gpd.GeoDataFrame
    dimensions: pd.DataFrame
    indicators: pd.DataFrame
    values: pd.DataFrame
    settings: Settings = field(default_factory=Settings)
    metadata: dict = field(default_factory=dict)
    changelog: str | None = None
    streets: pd.DataFrame | None = None
    indices: tuple[IndexSpec, ...] = field(init=False)
    typologies: tuple[TypologySpec, ...] = field(init=False)
    allocations: tuple[allocation.AllocationSpec, ...] = field(init=False)

    def __post_init__(self) -> None:
        # Every reader of the settings (compute, pages) sees the same base year.
        years = self.years
        if years:
            object.__setattr__(self, "settings", with_base_year(self.settings, years[0]))
        indices, typologies, problems = resolve(self.settings, self.indicators, self.dimensions)
        if problems:  # `check` tells the user; this guards the API
            raise ValueError(f"invalid index definitions: {problems}")
        object.__setattr__(self, "indices", indices)
        object.__setattr__(self, "typologies", typologies)
        keys, problems = allocation.resolve(self.settings, indices, typologies, self.indicators, years)
        if any(p.is_error for p in problems):
            raise ValueError(f"invalid allocation keys: {problems}")
        object.__setattr__(self, "allocations", keys)

    def index(self, index_id: str) -> IndexSpec:
        return next(s for s in self.indices if s.id == index_id)

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.values["jahr"].unique())


@dataclass(frozen=True)
class Result:
    """The computed tables, in the column names of the output contract.

    indicator_values  contract.OUTPUT['indikator_werte']: one row per area, year and
                      indicator; `im_index` where the value enters at least one index,
                      `gesperrt` cells still hold their numbers until `suppress` blanks them
    indices           contract.OUTPUT['index_werte']: each index per area and year
    dimensions        contract.OUTPUT['dimension_werte']: each index's dimensions
    typologies        contract.OUTPUT['typologie_werte']: each typology per area and year
    aggregates        contract.OUTPUT['gebiete_werte']: ratio of sums per 'stadt',
                      'stadtbezirk' and 'stadtteil'
    allocations       contract.OUTPUT['verteilung']: each allocation key per year and
                      area, computed from the counts as published (compute.allocation)
    """

    indicator_values: pd.DataFrame
    indices: pd.DataFrame
    dimensions: pd.DataFrame
    typologies: pd.DataFrame
    aggregates: pd.DataFrame
    # Not published: per table ("indicator_values", "aggregates") a boolean Series (same
    # index) of the rows whose nenner is withheld, a count shared with a withheld zaehler
    # (compute.disclosure). `suppress` blanks them and reports them as `gesperrt` too.
    nenner_gesperrt: dict[str, pd.Series] = field(default_factory=dict)
    allocations: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=contract.OUTPUT[contract.ALLOCATION_VALUES].columns)
    )  # compute fills it, typed; the default serves Results built by hand
    # Not published: what kept an allocation key from being computed for a year (the
    # year it is decided for: errors, that `check` reports; earlier years: warnings).
    allocation_problems: tuple = ()
    # How sure the numbers are (compute.certainty.assess, after `suppress`): contract
    # resource name (contract.UNCERTAINTY, …) -> its table; {} until assessed.
    certainty: dict[str, pd.DataFrame] = field(default_factory=dict)


@dataclass(frozen=True)
class RawRelease:
    """A release as read from disk, before it is checked: every table as text.

    tables   resource name -> DataFrame of str cells ('' = empty), with the physical
             line number of each row in the column ROW.
    schemas  resource name -> declared Table Schema (dict), {} where none.
    areas    the geometry as read (reprojected to EPSG:4326), or None if unreadable.
    """

    directory: object
    descriptor: dict
    tables: dict[str, pd.DataFrame]
    schemas: dict[str, dict]
    paths: dict[str, str]
    areas: gpd.GeoDataFrame | None
    settings: Settings


# Column of RawRelease tables holding the line number a user sees (header = line 1).
ROW = "_zeile"
