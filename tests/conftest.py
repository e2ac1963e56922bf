"""Shared builder for in-memory releases (compute tests need no files)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from sozmon.model import Release
from sozmon.settings import from_dict


def build_release(areas, dimensions, indicators, values, settings=None) -> Release:
    """A Release from plain lists of dicts, typed as the loader types it (model.py)."""
    areas = pd.DataFrame(areas)
    for column in ("stadtteil", "stadtbezirk"):
        if column not in areas:
            areas[column] = pd.NA
    areas = gpd.GeoDataFrame(areas, geometry=gpd.GeoSeries([None] * len(areas)), crs=4326)
    dimensions = pd.DataFrame(dimensions)
    dimensions["gewicht"] = dimensions["gewicht"].astype(float)
    indicators = pd.DataFrame(indicators)
    indicators["dimension_id"] = indicators["dimension_id"].astype("str").where(
        indicators["dimension_id"].notna()
    )
    indicators["richtung"] = indicators["richtung"].astype(int)
    indicators[["faktor", "gewicht"]] = indicators[["faktor", "gewicht"]].astype(float)
    values = pd.DataFrame(values)
    for column in ("zaehler", "nenner", "wert"):
        if column not in values:
            values[column] = pd.NA
        values[column] = values[column].astype("Float64")
    values["jahr"] = values["jahr"].astype(int)
    parsed, problems = from_dict(settings or {})
    assert not problems, problems
    return Release(areas, dimensions, indicators, values, parsed)


@pytest.fixture
def make_release():
    return build_release
