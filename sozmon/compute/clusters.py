"""Spatial clusters: where favourable or unfavourable values lie side by side.

    published values of an index or dimension in a year ─▶ neighbours (shared border)
        ─▶ global Moran's I  (do similar values lie together more than by chance?)
        ─▶ local Moran's I   (which areas sit in a cluster, and of which kind?)

Values are the published scores (index_werte, dimension_werte): standardised so that
higher is better for the index, so "niedrig-niedrig" is a cluster of unfavourable values
and "hoch-hoch" one of favourable values, for a dynamics index too.

Neighbours are the areas that share a border or a corner (Queen contiguity, libpysal,
on corners snapped to SNAP_DEGREES), row-standardised, built from the release's geometry
once; for each set of areas with a value the weights are those among that set (as if
derived from its shapes alone). An area without a neighbour in the set (an island) gets
no statistic and does not count in `gebiete`. A release whose shapes mostly do not touch
(schematic or simplified boundaries: more than MAX_ISLAND_SHARE of the areas without a
neighbour) uses the KNN_NEIGHBOURS nearest areas (by their centroids) instead, derived
for each set anew.

Significance comes from `permutations` random arrangements (esda's pseudo p-values,
conditional randomisation for the local statistic). Both esda statistics draw from
numpy's global generator; it is seeded with settings.certainty.seed before each
computation and restored after, so the same release gives the same bytes, every
computation can be reproduced alone with esda and the same seed, and nothing else in
the process sees a changed generator. p-values are not corrected for the many areas
tested at once (the method page says what that means).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import esda
import numpy as np
import pandas as pd
import shapely
from libpysal import weights
from scipy import sparse

from .. import contract
from ..model import Release, Result

CLUSTER_COLUMNS = contract.OUTPUT[contract.CLUSTERS].columns
AUTOCORRELATION_COLUMNS = contract.OUTPUT[contract.AUTOCORRELATION].columns
# esda's quadrants (geoda_quads=False): the area's value against the mean, then its neighbours'.
HIGH_HIGH, LOW_HIGH, LOW_LOW, HIGH_LOW = "hoch-hoch", "niedrig-hoch", "niedrig-niedrig", "hoch-niedrig"
QUADRANTS = {1: HIGH_HIGH, 2: LOW_HIGH, 3: LOW_LOW, 4: HIGH_LOW}
CLUSTER_LABELS = (LOW_LOW, HIGH_HIGH, LOW_HIGH, HIGH_LOW)  # the order pages and maps list them
# Fewer areas with a value and a neighbour than this: no statistic (too few to say anything).
MIN_AREAS = 5
# More than this share of the areas without a bordering neighbour: the shapes do not
# describe who borders whom, so the nearest areas stand in.
MAX_ISLAND_SHARE = 0.25
KNN_NEIGHBOURS = 5
CONTIGUITY, NEAREST = "queen", "knn"
# Corners closer than this (degrees, about 1 cm) count as the same point: coordinates
# written with rounding noise (7.01 against 7.0 + 0.01) still share their border.
SNAP_DEGREES = 1e-7


@dataclass(frozen=True)
class Neighbours:
    """Who neighbours whom among the areas with a shape.

    ids        the areas with a usable shape, sorted
    adjacency  binary, symmetric [area, area] (Queen contiguity); None for KNN
    points     [area, 2] centroids, longitude scaled by cos(latitude) (about equal units)
    kind       CONTIGUITY or NEAREST
    """

    ids: tuple[str, ...]
    adjacency: sparse.csr_matrix | None
    points: np.ndarray
    kind: str

    def among(self, ids: list[str]) -> tuple[list[str], weights.W | None]:
        """The areas of `ids` that have a neighbour among them (sorted), and their weights.

        Areas without a shape are left out; so are islands (no neighbour among `ids`).
        None where fewer than MIN_AREAS remain.
        """
        position = {a: i for i, a in enumerate(self.ids)}
        keep = sorted(a for a in set(ids) if a in position)
        if len(keep) < MIN_AREAS:
            return keep, None
        rows = np.array([position[a] for a in keep])
        if self.kind == NEAREST:
            k = min(KNN_NEIGHBOURS, len(keep) - 1)
            return keep, weights.KNN(self.points[rows], k=k, ids=keep, silence_warnings=True)
        sub = self.adjacency[rows][:, rows].tocsr()
        connected = np.asarray(sub.sum(axis=1)).ravel() > 0
        keep = [a for a, c in zip(keep, connected) if c]
        if len(keep) < MIN_AREAS:
            return keep, None
        sub = sub[connected][:, connected].tocoo()
        neighbours = {a: [] for a in keep}
        for i, j in sorted(zip(sub.row.tolist(), sub.col.tolist())):
            neighbours[keep[i]].append(keep[j])
        return keep, weights.W(neighbours, id_order=keep, silence_warnings=True)


def neighbours(areas: pd.DataFrame) -> Neighbours | None:
    """The neighbours of the release's areas (GeoDataFrame in EPSG:4326); None where fewer
    than MIN_AREAS areas have a shape."""
    if "geometry" not in areas:
        return None
    shapes = areas[["sozialraum_id", "geometry"]].copy()
    shapes["sozialraum_id"] = shapes["sozialraum_id"].astype(str)
    usable = shapes["geometry"].notna() & ~shapes["geometry"].is_empty
    shapes = shapes[usable].sort_values("sozialraum_id", kind="stable").drop_duplicates("sozialraum_id")
    if len(shapes) < MIN_AREAS:
        return None
    ids = tuple(shapes["sozialraum_id"])
    geometry = shapes.geometry.reset_index(drop=True)
    centre = shapely.centroid(np.asarray(geometry.values, dtype=object))
    x, y = shapely.get_x(centre), shapely.get_y(centre)
    points = np.column_stack([x * math.cos(math.radians(float(np.mean(y)))), y])
    with warnings.catch_warnings():  # libpysal warns about islands; they are handled here
        warnings.simplefilter("ignore")
        # pointwise: only the coordinates are rounded; no shape collapses or fails to snap
        snapped = shapely.set_precision(np.asarray(geometry.values, dtype=object), SNAP_DEGREES, mode="pointwise")
        queen = weights.Queen.from_iterable(list(snapped), ids=list(ids), silence_warnings=True)
    adjacency = (queen.sparse > 0).astype(np.int8).tocsr()
    adjacency = ((adjacency + adjacency.T) > 0).astype(np.int8).tocsr()
    islands = int((np.asarray(adjacency.sum(axis=1)).ravel() == 0).sum())
    if islands > MAX_ISLAND_SHARE * len(ids):
        return Neighbours(ids, None, points, NEAREST)
    return Neighbours(ids, adjacency, points, CONTIGUITY)


def assess(release: Release, result: Result) -> dict[str, pd.DataFrame]:
    """`cluster` and `autokorrelation` for each index and dimension in every year."""
    c = release.settings.certainty
    local: list[pd.DataFrame] = []
    overall: list[dict] = []
    graph = neighbours(release.areas) if c.permutations > 0 else None
    if graph is not None:
        for spec in release.indices:
            index_rows = result.indices[result.indices["index_id"] == spec.id]
            parts = [(contract.WHOLE, index_rows)]
            dims = result.dimensions[result.dimensions["index_id"] == spec.id]
            parts += [(d.id, dims[dims["dimension_id"] == d.id]) for d in spec.dimensions]
            for part_id, rows in parts:
                rows = rows[pd.to_numeric(rows["wert"]).notna()]
                for year in sorted(int(y) for y in rows["jahr"].unique()):
                    now = rows[rows["jahr"] == year]
                    values = pd.Series(
                        pd.to_numeric(now["wert"]).astype(float).to_numpy(), index=now["sozialraum_id"].astype(str)
                    )
                    found = moran(values, graph, int(c.permutations), int(c.seed), float(c.significance))
                    if found is None:
                        continue
                    key = {"index_id": spec.id, "dimension_id": part_id, "jahr": year}
                    local.append(found[0].assign(**key))
                    overall.append({**key, **found[1]})
    clusters = pd.concat(local, ignore_index=True) if local else pd.DataFrame(columns=CLUSTER_COLUMNS)
    return {
        contract.CLUSTERS: clusters[list(CLUSTER_COLUMNS)],
        contract.AUTOCORRELATION: pd.DataFrame(overall, columns=list(AUTOCORRELATION_COLUMNS)),
    }


def moran(
    values: pd.Series, graph: Neighbours, permutations: int, seed: int, significance: float
) -> tuple[pd.DataFrame, dict] | None:
    """Local and global Moran's I of `values` (by area id; higher = better) among the areas
    that have a value and a neighbour with a value.

    Returns the local rows (sozialraum_id, moran_i_lokal, p_wert, cluster; cluster ''
    where p_wert > significance) and the global figures (moran_i, erwartung, p_wert,
    permutationen, gebiete); None where there is nothing to test (no permutations, fewer
    than MIN_AREAS areas, or all values equal).
    """
    values = values[values.notna()]
    if permutations <= 0:
        return None
    ids, w = graph.among(list(values.index))
    if w is None:
        return None
    y = values.groupby(level=0).first().reindex(ids).to_numpy(dtype=float)
    if np.ptp(y) <= 1e-12 * max(1.0, float(np.abs(y).max())):
        return None
    state = np.random.get_state()
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")  # esda changes the warning filters; restored here
            np.random.seed(seed)
            overall = esda.Moran(y, w, transformation="r", permutations=permutations)
            local = esda.Moran_Local(
                y, w, transformation="r", permutations=permutations, seed=seed, n_jobs=1, keep_simulations=True
            )
    finally:
        np.random.set_state(state)
    p = np.asarray(local.p_sim, dtype=float)
    labels = [QUADRANTS[int(q)] if pv <= significance else "" for q, pv in zip(local.q, p)]
    rows = pd.DataFrame({"sozialraum_id": ids, "moran_i_lokal": np.asarray(local.Is, float), "p_wert": p})
    rows["cluster"] = labels
    figures = {
        "moran_i": float(overall.I),
        "erwartung": float(overall.EI),
        "p_wert": float(overall.p_sim),
        "permutationen": permutations,
        "gebiete": len(ids),
    }
    return rows, figures
