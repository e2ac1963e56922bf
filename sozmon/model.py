"""The two things that flow through the pipeline: a loaded Release and a computed Result.

Column names are German because they are the public data contract (DESIGN.md);
everything else is English.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from .settings import Settings

# The index itself is stored beside the dimensions under this dimension_id.
TOTAL = "gesamt"

AREA_COLUMNS = ["sozialraum_id", "name", "stadtteil", "stadtbezirk"]
DIMENSION_COLUMNS = ["dimension_id", "name", "beschreibung", "gewicht"]
INDICATOR_COLUMNS = [
    "indikator_id", "name", "dimension_id", "richtung", "einheit", "faktor",
    "zaehler", "nenner", "quelle", "gewicht",
]
VALUE_COLUMNS = ["sozialraum_id", "jahr", "indikator_id", "zaehler", "nenner", "wert"]


@dataclass(frozen=True)
class Release:
    """A checked data release, typed and ready to compute.

    areas       GeoDataFrame in EPSG:4326: AREA_COLUMNS (+ extra fields) + geometry;
                `stadtteil`/`stadtbezirk` are <NA> where the release has none.
    dimensions  DIMENSION_COLUMNS; `gewicht` float.
    indicators  INDICATOR_COLUMNS; `dimension_id` <NA> for a context indicator,
                `richtung` int (+1/-1), `faktor` and `gewicht` float.
    values      VALUE_COLUMNS; ids str, `jahr` int, `zaehler`/`nenner`/`wert` Float64
                (nullable): a row has counts, or only a delivered `wert`.
    metadata    the release's datapackage.json descriptor (title, version, created, …).
    changelog   the release's `aenderungen.md` (what changed since the last release), if any.
    """

    areas: gpd.GeoDataFrame
    dimensions: pd.DataFrame
    indicators: pd.DataFrame
    values: pd.DataFrame
    settings: Settings = field(default_factory=Settings)
    metadata: dict = field(default_factory=dict)
    changelog: str | None = None

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.values["jahr"].unique())


@dataclass(frozen=True)
class Result:
    """The computed tables, in the column names of the output contract.

    indicator_values  sozialraum_id, jahr, indikator_id, zaehler, nenner, wert, z_wert,
                      im_index (used in the index), gesperrt (suppressed for publication),
                      nur_wert (delivered as a rate without counts)
    index             sozialraum_id, jahr, dimension_id (each dimension and TOTAL), wert,
                      klasse, rang, abdeckung, veraenderung_vorjahr, veraenderung_basisjahr
    aggregates        ebene ('stadt', 'stadtbezirk', 'stadtteil'), gebiet, jahr,
                      indikator_id, zaehler, nenner, wert, gesperrt — ratio of sums
    """

    indicator_values: pd.DataFrame
    index: pd.DataFrame
    aggregates: pd.DataFrame


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
