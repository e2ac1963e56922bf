"""Shared builder for in-memory releases (compute tests need no files)."""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from sozmon.definitions import DEFAULT_ID
from sozmon.model import Release
from sozmon.settings import from_dict


def indicator(indikator_id: str, dimension_id: str | None = "d", richtung: int = 1, **fields) -> dict:
    """A catalogue row for `build_release`: a percentage with empty definitions unless told."""
    row = {
        "indikator_id": indikator_id,
        "name": indikator_id.upper(),
        "dimension_id": dimension_id,
        "richtung": richtung,
        "einheit": "%",
        "faktor": 100,
        "zaehler": "",
        "nenner": "",
        "quelle": "",
        "gewicht": 1,
    }
    return {**row, **fields}


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
    indicators["dimension_id"] = indicators["dimension_id"].astype("str").where(indicators["dimension_id"].notna())
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


def assert_close(actual: dict, expected: dict) -> None:
    """Per key: both missing, or equal to 1e-9 (hand-computed values against results)."""
    assert set(actual) == set(expected)
    for key, want in expected.items():
        got = actual[key]
        if want is None:
            assert pd.isna(got), (key, got)
        else:
            assert not pd.isna(got), (key, got)
            assert got == pytest.approx(want, abs=1e-9), (key, got, want)


def scores(result, dimension_id: str | None = None, index_id: str = DEFAULT_ID) -> pd.DataFrame:
    """The rows of one index in `result.indices` or, given a dimension, that dimension's
    rows in `result.dimensions` (a release without `indices` has one index, 'status')."""
    if dimension_id is None:
        frame = result.indices
        return frame[frame["index_id"] == index_id]
    frame = result.dimensions
    return frame[(frame["index_id"] == index_id) & (frame["dimension_id"] == dimension_id)]


# --- the built sample site, served on 127.0.0.1, and Debian's Chromium ----------------
# Shared by the browser and the accessibility tests: one site build per test run.

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """(site folder, base URL) of the sample site."""
    from sozmon import pipeline

    out = tmp_path_factory.mktemp("site")
    site = pipeline.build_site(REPO / "datapackage", out, REPO / "docs", REPO / "mkdocs.yml")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs Debian's package 'chromium'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def site_pages(site: Path) -> list[str]:
    """Every page of a built site, as paths relative to its root."""
    folders = (p.parent.relative_to(site) for p in site.rglob("index.html"))
    return sorted("" if f == Path(".") else f.as_posix() for f in folders)


CHARTS_LIVE = """n => document.querySelectorAll('.sozmon-chart .vega-embed svg g').length >= n
    && document.querySelectorAll('.sozmon-chart .vega-embed svg').length === n
    && document.querySelectorAll('.sozmon-chart img, .sozmon-chart__live').length === 0"""


def make_charts_interactive(page, timeout: int = 20000) -> int:
    """Do what a reader does (a key press, then scroll to each chart) until every static
    chart picture has been replaced by its interactive chart; returns how many."""
    figures = page.locator(".sozmon-chart[data-spec]")
    count = figures.count()
    if count:
        page.keyboard.press("Shift")
        for i in range(count):
            figures.nth(i).scroll_into_view_if_needed()
        page.wait_for_function(CHARTS_LIVE, arg=count, timeout=timeout)
    return count
