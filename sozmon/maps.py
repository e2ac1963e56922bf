"""The area map as TopoJSON: small, shared borders kept shared, ready for Vega.

TopoJSON stores each border between two Sozialräume once, so simplifying it cannot
open gaps or overlaps, and quantized delta-encoded arcs make 40 areas a few KB —
small enough to load on every page that has a map. A second object holds the
Stadtbezirke, dissolved from the areas: their borders are the areas' own arcs.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import topojson
from shapely.ops import polylabel

# Where the site serves the topology (relative to the site root) and its object name;
# the chart specs refer to both.
TOPOLOGY_PATH = "assets/karten/sozialraeume.topojson"
OBJECT = "sozialraeume"
PROPERTIES = ["sozialraum_id", "name", "stadtteil", "stadtbezirk", "url"]
# The Stadtbezirke: properties name, lon and lat (a point well inside, for the label).
DISTRICTS = "stadtbezirke"

# Grid of 10^5 cells per side of the bounding box: ~0.2 m for a city, far below what
# a screen shows. Tolerance in degrees (WGS84): ~5 m, invisible at city scale, but it
# removes the survey-grade vertices city GIS delivers.
QUANTIZE = 1e5
TOLERANCE = 0.00005
SIGNIFICANT = 12  # digits kept in bbox/transform floats: stable JSON across platforms


def topology(
    areas: gpd.GeoDataFrame, urls: dict[str, str], tolerance: float = TOLERANCE, quantize: float = QUANTIZE
) -> dict:
    """TopoJSON of the areas with their page links, clockwise rings, deterministic.

    d3-geo (Vega) reads rings on the sphere: a counter-clockwise exterior (RFC 7946
    GeoJSON) means "everything except this area" and fills the whole frame, so the
    exteriors are rewound clockwise before the topology is built. Where the areas name
    their Stadtbezirk, the object DISTRICTS holds the Bezirke too (see `districts`).
    """
    frame = areas.to_crs(4326) if areas.crs is not None and not areas.crs.equals("EPSG:4326") else areas
    frame = frame.sort_values("sozialraum_id", kind="stable")
    props = {}
    for column in PROPERTIES[:-1]:
        values = frame[column] if column in frame else [None] * len(frame)
        props[column] = [None if _missing(v) else str(v) for v in values]
    props["url"] = [urls.get(i, "") for i in props["sozialraum_id"]]
    geometry = shapely.orient_polygons(shapely.make_valid(frame.geometry.values), exterior_cw=True)
    clean = gpd.GeoDataFrame(props, geometry=list(geometry), crs=4326)
    clean.index = clean["sozialraum_id"]
    layers, names = [clean], [OBJECT]
    bezirke = districts(clean)
    if len(bezirke):
        layers, names = [clean, bezirke], [OBJECT, DISTRICTS]
    topo = topojson.Topology(
        layers if len(layers) > 1 else clean,
        prequantize=quantize,
        toposimplify=tolerance if tolerance else False,
        winding_order="CW_CCW",
        object_name=names if len(names) > 1 else OBJECT,
    ).to_dict()
    return _normalised(topo)


def districts(areas: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The Stadtbezirke as the union of their areas (WGS84, clockwise), with a label point.

    The label point is the pole of inaccessibility of the Bezirk's largest part (the
    point farthest from its border), so a name sits well inside its Bezirk. Areas
    without a Bezirk are left out; no Bezirk at all gives an empty frame.
    """
    named = areas[areas["stadtbezirk"].map(lambda v: not _missing(v))] if "stadtbezirk" in areas else areas.iloc[:0]
    if named.empty:
        return gpd.GeoDataFrame({"name": [], "lon": [], "lat": []}, geometry=[], crs=4326)
    dissolved = named[["stadtbezirk", "geometry"]].dissolve(by="stadtbezirk", sort=True)
    shapes = shapely.orient_polygons(shapely.make_valid(dissolved.geometry.values), exterior_cw=True)
    points = [_label_point(g) for g in shapes]
    out = gpd.GeoDataFrame(
        {
            "name": [str(n) for n in dissolved.index],
            "lon": [round(p.x, 6) for p in points],
            "lat": [round(p.y, 6) for p in points],
        },
        geometry=list(shapes),
        crs=4326,
    )
    out.index = out["name"]
    return out


def _label_point(shape) -> shapely.Point:
    parts = list(getattr(shape, "geoms", [shape]))
    largest = max((p for p in parts if p.geom_type == "Polygon"), key=lambda p: p.area)
    size = max(largest.bounds[2] - largest.bounds[0], largest.bounds[3] - largest.bounds[1])
    return polylabel(largest, tolerance=size / 200)


def _missing(value) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _normalised(topo: dict) -> dict:
    """Plain JSON types, floats rounded to SIGNIFICANT digits, no empty properties."""

    def walk(value):
        if isinstance(value, dict):
            return {str(k): walk(v) for k, v in value.items() if v is not None}
        if isinstance(value, (list, tuple)):
            return [walk(v) for v in value]
        if hasattr(value, "item"):  # numpy scalar
            value = value.item()
        if isinstance(value, float):
            rounded = float(f"{value:.{SIGNIFICANT}g}")
            return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded
        return value

    return walk(topo)


def dumps(topo: dict) -> str:
    """Compact JSON with sorted keys: the same input gives the same bytes."""
    return json.dumps(topo, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_topology(topo: dict, path: Path) -> Path:
    """Write the topology as compact UTF-8 JSON; returns the path written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(topo), encoding="utf-8")
    return path


def nearby(areas: gpd.GeoDataFrame, count: int) -> dict[str, list[str]]:
    """For each area, the ids of the `count` areas nearest to it (itself included).

    Distances between centroids in Web Mercator: only the order matters. A k-d tree
    keeps this at n log n for cities of any size.
    """
    from scipy.spatial import cKDTree

    frame = areas.to_crs(3857) if areas.crs is not None else areas
    ids = frame["sozialraum_id"].astype(str).to_numpy()
    points = np.column_stack([frame.geometry.centroid.x, frame.geometry.centroid.y])
    _, nearest = cKDTree(points).query(points, k=min(count, len(ids)))
    return {ids[i]: sorted(ids[row]) for i, row in enumerate(nearest.reshape(len(ids), -1))}
