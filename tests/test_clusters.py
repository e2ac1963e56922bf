"""Spatial clusters (compute/clusters.py, charts_clusters.py, pages/clusters.py): local and
global Moran's I on hand-built grids of squares, checked against values worked out by hand."""

from __future__ import annotations

import dataclasses
import json

import altair as alt
import geopandas as gpd
import jsonschema
import pandas as pd
import pytest
from shapely.geometry import box

from sozmon import charts_clusters, chartset, contract, texts
from sozmon.compute import clusters
from sozmon.format import german
from sozmon.pipeline import results

SIZE = 0.01  # degrees: small squares near 51.5° N, like a city's areas
ORIGIN = (7.0, 51.5)


def cell(col: int, row: int, size: float = SIZE) -> object:
    x, y = ORIGIN[0] + col * SIZE, ORIGIN[1] + row * SIZE
    return box(x, y, x + size, y + size)


def grid(cells: dict[str, tuple[int, int]], size: float = SIZE) -> gpd.GeoDataFrame:
    """Squares at (column, row) of a grid; `size` < SIZE leaves gaps between them."""
    ids = list(cells)
    return gpd.GeoDataFrame(
        {"sozialraum_id": ids, "name": [f"Gebiet {i}" for i in ids]},
        geometry=[cell(*cells[i], size=size) for i in ids],
        crs=4326,
    )


def square_grid(n: int) -> dict[str, tuple[int, int]]:
    """n × n cells, id 'rc' (row, column); '00' is the bottom-left corner."""
    return {f"{r}{c}": (c, r) for r in range(n) for c in range(n)}


def run(values: dict[str, float], shapes: gpd.GeoDataFrame, permutations: int = 999, seed: int = 7):
    graph = clusters.neighbours(shapes)
    return clusters.moran(pd.Series(values, dtype=float), graph, permutations, seed, 0.05)


# --- the statistics on hand-built grids ------------------------------------------------------


def test_low_corner_is_an_unfavourable_cluster():
    # 4 × 4 squares; the 2 × 2 block in the bottom-left corner is low (0), the rest high (1).
    # Standardised (population sd): z = −√3 low, +1/√3 high, Σz² = 16. The corner '00' has
    # three Queen neighbours ('01', '10', '11'), all low: its lag is −√3, so its local I is
    # (n − 1)·z·lag / Σz² = 15 · 3 / 16 = 2.8125. A random draw of 3 of the other 15 areas
    # hits only the 3 other low ones with probability 1 / C(15, 3) = 1/455: p is tiny.
    cells = square_grid(4)
    low = {"00", "01", "10", "11"}
    local, overall = run({a: 0.0 if a in low else 1.0 for a in cells}, grid(cells))
    corner = local.set_index("sozialraum_id").loc["00"]
    assert corner["moran_i_lokal"] == pytest.approx(15 * 3 / 16)
    assert corner["p_wert"] <= 0.01
    assert corner["cluster"] == "niedrig-niedrig"
    # the opposite corner sits among high values only: a favourable cluster, if any
    assert set(local["cluster"]) <= {"", "niedrig-niedrig", "hoch-hoch", "niedrig-hoch", "hoch-niedrig"}
    assert "niedrig-niedrig" not in set(local.loc[~local["sozialraum_id"].isin(low), "cluster"])
    assert overall["moran_i"] > 0.3
    assert overall["p_wert"] <= 0.01
    assert overall["erwartung"] == pytest.approx(-1 / 15)
    assert overall["permutationen"] == 999 and overall["gebiete"] == 16
    # p-values are pseudo p-values: whole multiples of 1 / (permutations + 1)
    assert ((local["p_wert"] * 1000).round(9) % 1 == 0).all()


def test_checkerboard_has_negative_global_i():
    # ±1 alternating (mean 0, sd 1). Queen neighbours: across an edge the other colour,
    # across a corner the same. Lags: corner −1/3 (2 other, 1 same), edge −1/5 (3 other,
    # 2 same), inner 0 (4 and 4). I = Σ z·lag / Σz² = (4·(−1/3) + 8·(−1/5)) / 16 = −11/60.
    cells = square_grid(4)
    values = {a: 1.0 if (c + r) % 2 else -1.0 for a, (c, r) in cells.items()}
    _, overall = run(values, grid(cells))
    assert overall["moran_i"] == pytest.approx(-11 / 60)
    assert overall["moran_i"] < overall["erwartung"]


def test_same_seed_same_frame_and_no_global_side_effect():
    import numpy as np

    cells = square_grid(5)
    values = {a: float((c * 7 + r * 3) % 5) for a, (c, r) in cells.items()}
    np.random.seed(123)
    before = np.random.random()
    np.random.seed(123)
    first = run(values, grid(cells), seed=11)
    after = np.random.random()  # the caller's generator is untouched
    second = run(values, grid(cells), seed=11)
    assert before == after
    assert first[0].to_csv(index=False) == second[0].to_csv(index=False)
    assert first[1] == second[1]


def test_island_and_area_without_neighbour_with_value_get_no_cluster():
    # a 3 × 3 block; 'B' borders it and 'A' borders only 'B'; 'X' lies far away.
    cells = {**square_grid(3), "B": (3, 0), "A": (4, 0), "X": (9, 9)}
    values = {a: float(i % 4) for i, a in enumerate(cells) if a != "B"}  # 'B' has no value
    local, overall = run(values, grid(cells))
    assert set(local["sozialraum_id"]) == set(square_grid(3))  # neither 'A' nor 'X'
    assert overall["gebiete"] == 9
    assert overall["erwartung"] == pytest.approx(-1 / 8)


def test_shapes_that_do_not_touch_fall_back_to_nearest_areas():
    cells = square_grid(4)
    shapes = grid(cells, size=SIZE * 0.8)  # gaps between all squares: every area an island
    graph = clusters.neighbours(shapes)
    assert graph.kind == clusters.NEAREST
    local, overall = run({a: float(c) for a, (c, r) in cells.items()}, shapes)
    assert len(local) == 16 and overall["gebiete"] == 16
    assert overall["moran_i"] > 0  # columns of equal values lie side by side


def test_too_few_areas_no_geometry_or_equal_values_give_nothing():
    cells = square_grid(2)  # 4 areas < MIN_AREAS
    assert clusters.neighbours(grid(cells)) is None
    assert clusters.neighbours(grid(cells).assign(geometry=None)) is None
    graph = clusters.neighbours(grid(square_grid(3)))
    assert clusters.moran(pd.Series({a: float(i) for i, a in enumerate(cells)}), graph, 999, 1, 0.05) is None
    big = square_grid(3)
    assert run({a: 1.0 for a in big}, grid(big)) is None
    assert run({a: float(i) for i, a in enumerate(big)}, grid(big), permutations=0) is None


# --- assess on a release ---------------------------------------------------------------------


@pytest.fixture
def grid_release(make_release):
    """A 4 × 4 grid with one indicator (higher = better) whose low values fill a corner."""

    def make(settings=None, richtung=1):
        cells = square_grid(4)
        low = {"00", "01", "10", "11"}
        areas = [{"sozialraum_id": a, "name": f"Gebiet {a}"} for a in cells]
        values = [
            {
                "sozialraum_id": a,
                "jahr": year,
                "indikator_id": "x",
                "zaehler": (10 if a in low else 50) + i % 3,
                "nenner": 100,
            }
            for year in (2022, 2023)
            for i, a in enumerate(cells)
        ]
        release = make_release(
            areas,
            [{"dimension_id": "d", "name": "D", "beschreibung": "", "gewicht": 1}],
            [
                {
                    "indikator_id": "x",
                    "name": "X",
                    "dimension_id": "d",
                    "richtung": richtung,
                    "einheit": "%",
                    "faktor": 100,
                    "zaehler": "",
                    "nenner": "",
                    "quelle": "",
                    "gewicht": 1,
                }
            ],
            values,
            settings or {},
        )
        shapes = grid(cells)
        areas_with_shapes = release.areas.drop(columns="geometry").merge(
            pd.DataFrame(shapes.drop(columns="name")), on="sozialraum_id"
        )
        return dataclasses.replace(release, areas=gpd.GeoDataFrame(areas_with_shapes, geometry="geometry", crs=4326))

    return make


def test_assess_orients_by_direction_and_is_deterministic(grid_release):
    release = grid_release({"certainty": {"draws": 0, "sensitivity_samples": 0}})
    result = results(release)
    local, overall = result.certainty[contract.CLUSTERS], result.certainty[contract.AUTOCORRELATION]
    assert list(local.columns) == list(contract.OUTPUT[contract.CLUSTERS].columns)
    assert list(overall.columns) == list(contract.OUTPUT[contract.AUTOCORRELATION].columns)
    # the index and its one dimension, each year
    assert sorted(set(zip(overall["dimension_id"], overall["jahr"]))) == [
        ("d", 2022),
        ("d", 2023),
        (contract.WHOLE, 2022),
        (contract.WHOLE, 2023),
    ]
    corner = local[(local["sozialraum_id"] == "00") & (local["dimension_id"] == contract.WHOLE)]
    assert set(corner["cluster"]) == {"niedrig-niedrig"}  # low shares, higher = better: unfavourable
    again = results(release).certainty
    assert again[contract.CLUSTERS].to_csv(index=False) == local.to_csv(index=False)
    assert again[contract.AUTOCORRELATION].to_csv(index=False) == overall.to_csv(index=False)
    # the same counts read as "higher = worse": the low corner is now the favourable side
    turned = results(grid_release({"certainty": {"draws": 0, "sensitivity_samples": 0}}, richtung=-1))
    rows = turned.certainty[contract.CLUSTERS]
    assert set(rows.loc[(rows["sozialraum_id"] == "00"), "cluster"]) == {"hoch-hoch"}


def test_no_permutations_no_rows(grid_release):
    release = grid_release({"certainty": {"draws": 0, "sensitivity_samples": 0, "permutations": 0}})
    found = clusters.assess(release, results(release))
    assert found[contract.CLUSTERS].empty and found[contract.AUTOCORRELATION].empty
    assert list(found[contract.CLUSTERS].columns) == list(contract.OUTPUT[contract.CLUSTERS].columns)


def test_release_without_geometry_gives_no_rows(make_release):
    areas = [{"sozialraum_id": f"{i:02d}", "name": f"G{i}"} for i in range(8)]
    values = [
        {"sozialraum_id": a["sozialraum_id"], "jahr": 2023, "indikator_id": "x", "zaehler": 5 + i, "nenner": 50}
        for i, a in enumerate(areas)
    ]
    release = make_release(
        areas,
        [{"dimension_id": "d", "name": "D", "beschreibung": "", "gewicht": 1}],
        [
            {
                "indikator_id": "x",
                "name": "X",
                "dimension_id": "d",
                "richtung": 1,
                "einheit": "%",
                "faktor": 100,
                "zaehler": "",
                "nenner": "",
                "quelle": "",
                "gewicht": 1,
            }
        ],
        values,
        {"certainty": {"draws": 0, "sensitivity_samples": 0}},
    )
    found = results(release).certainty
    assert found[contract.CLUSTERS].empty and found[contract.AUTOCORRELATION].empty


# --- the map -------------------------------------------------------------------------------


def test_map_reads_cluster_csv_and_says_synthetic(grid_release):
    release = grid_release({"synthetic": True, "certainty": {"draws": 0, "sensitivity_samples": 0}})
    result = results(release)
    index_id = release.indices[0].id
    specs = chartset.specs(release, result, 2023)
    chart_id = charts_clusters.map_id(index_id)
    assert chart_id.rsplit("/", 1)[-1] in chartset.MAPS
    spec = specs[chart_id]
    text = json.dumps(spec, ensure_ascii=False)
    assert f'"url": "daten/{contract.CLUSTERS}.csv"' in text
    assert f'datum.index_id == \\"{index_id}\\" && datum.dimension_id == \\"{contract.WHOLE}\\"' in text
    assert "datum.jahr == 2023" in text
    assert spec["title"]["subtitle"] == texts.SYNTHETIC_MAP_NOTE
    jsonschema.validate(spec, alt.vegalite.v6.schema.core.load_schema())
    assert spec["description"].strip() and spec["width"] == "container"
    assert '"description": {"field": "description"' in json.dumps(spec)  # each area's accessible name
    # the legend says better or worse for the index, and lists what the map shows
    domain = spec["layer"][1]["encoding"]["color"]["scale"]["domain"]
    assert texts.CLUSTERS["label"]["niedrig-niedrig"] in domain
    assert "ungünstig" in texts.CLUSTERS["label"]["niedrig-niedrig"]
    assert "günstig" in texts.CLUSTERS["label"]["hoch-hoch"]


# --- the sample site -------------------------------------------------------------------------


def test_sample_index_page_shows_map_and_global_sentence(sample_build):
    from sozmon import package

    data = sample_build / package.FOLDER
    overall = pd.read_csv(data / f"{contract.AUTOCORRELATION}.csv", dtype={"index_id": str, "dimension_id": str})
    year = int(pd.read_csv(data / f"{contract.INDEX_VALUES}.csv")["jahr"].max())
    assert not overall.empty
    for index_id in overall["index_id"].unique():
        row = overall[
            (overall["index_id"] == index_id) & (overall["dimension_id"] == contract.WHOLE) & (overall["jahr"] == year)
        ]
        if row.empty:
            continue
        r = row.iloc[0]
        page = (sample_build / "docs" / "indizes" / index_id / "index.md").read_text(encoding="utf-8")
        assert f"assets/charts/{charts_clusters.map_id(index_id)}" in page
        # the smallest p the permutations allow is "at most" it (0,001 with 999 permutations)
        bound = "≤" if r["p_wert"] <= 1 / (r["permutationen"] + 1) + 1e-12 else "="
        words = f"Moran's I = {german(r['moran_i'], 2)}; p {bound} {german(r['p_wert'], 3)}"
        assert words.replace("'", "&#39;") in page or words in page
        if r["p_wert"] <= 0.05 and r["moran_i"] > r["erwartung"]:
            assert "Ähnliche Werte liegen deutlich häufiger nebeneinander" in page
