"""Shared builder for in-memory releases (compute tests need no files)."""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import yaml

from sozmon import cache
from sozmon.definitions import DEFAULT_ID
from sozmon.model import Release
from sozmon.settings import from_dict

# One cache of pictures, PDFs and workbooks for the whole run (sozmon/cache.py): the
# controller makes it, the xdist workers inherit it, and the sample's pictures are
# rendered once instead of once per build. Never the user's own cache.
CACHE = cache.Cache(None)  # its folder is set when pytest starts
_OWN_CACHE: list[str] = []


def pytest_configure(config):
    if cache.ENV not in os.environ:
        os.environ[cache.ENV] = tempfile.mkdtemp(prefix="sozmon-test-cache-")
        _OWN_CACHE.append(os.environ[cache.ENV])
    CACHE.folder = cache.default_folder()


def pytest_unconfigure(config):
    for folder in _OWN_CACHE:
        shutil.rmtree(folder, ignore_errors=True)


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


# sozmon/engines.py: every browser test runs on both engines; SOZMON_ENGINES=mkdocs (or
# zensical) runs the tests of one only, e.g. for a quick run on a slow machine.
ENGINES = tuple(e for e in os.environ.get("SOZMON_ENGINES", "mkdocs,zensical").split(",") if e)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """OUT of `sozmon site` for the sample release, built by MkDocs: daten/, docs/,
    mkdocs.yml (the configuration as run) and site/."""
    from sozmon import pipeline

    out = tmp_path_factory.mktemp("site")
    pipeline.build_site(REPO / "datapackage", out, REPO / "docs", REPO / "mkdocs.yml", cache=CACHE)
    return out


def build_with(engine: str, out: Path, target: Path) -> Path:
    """The site of the same generated docs/ and configuration as `out` (a `sozmon site`
    output folder), built by `engine` into `target`, which then holds what `out` holds:
    what `sozmon site --engine` does after writing docs/, without generating it again.
    A failed build raises SiteError with the engine's messages."""
    from sozmon import package
    from sozmon import site as site_module

    def copy(source, destination):  # the engine rewrites pages while it runs: a copy each
        (shutil.copy2 if source.endswith(".md") else os.link)(source, destination)

    for folder in ("docs", package.FOLDER):
        shutil.copytree(out / folder, target / folder, copy_function=copy)
    cfg = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    built = site_module.build(target, cfg, engine=engine)
    shutil.copytree(out / package.FOLDER, built / package.FOLDER, dirs_exist_ok=True)
    return built


@pytest.fixture(scope="session")
def engine_site(sample_build, tmp_path_factory):
    """engine → the sample's site folder built by it (each built once, when first asked)."""
    sites = {"mkdocs": sample_build / "site"}

    def get(engine: str) -> Path:
        if engine not in sites:
            sites[engine] = build_with(engine, sample_build, tmp_path_factory.mktemp(engine))
        return sites[engine]

    return get


@pytest.fixture(scope="session", params=ENGINES)
def server(request, engine_site):
    """(site folder, base URL) of the sample site, once per engine (ids "mkdocs", "zensical"):
    the same docs/ and configuration, built by MkDocs and by Zensical."""
    site = engine_site(request.param)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def mkdocs_server(engine_site):
    """(site folder, base URL) of the sample site built by MkDocs only: for what the
    engine cannot change (the text layout inside a Vega chart: same spec, same script)."""
    site = engine_site("mkdocs")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def engine_of(site: Path) -> str:
    """Which engine built a site folder: Zensical writes search.json, Material search/."""
    return "zensical" if (site / "search.json").is_file() else "mkdocs"


def search_documents(site: Path) -> list[dict]:
    """The site's search index as (location, title, text) entries, for either engine."""
    import json

    if engine_of(site) == "zensical":
        items = json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]
    else:
        items = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return [{"location": d["location"], "title": d["title"], "text": d["text"]} for d in items]


# The search of each engine: Material's field in the header with its result list; Zensical's
# button that opens a dialog (in an open shadow root, which Playwright's selectors pierce).
SEARCH = {
    "mkdocs": {"open": "#__search", "field": ".md-search__input", "result": ".md-search-result__item"},
    "zensical": {
        "open": ".md-search__button",
        "field": "dialog input[role=combobox]",
        "result": "dialog [role=option]",
    },
}


def search(page, engine: str, words: str, tries: int = 10):
    """Open the engine's search on the current page, type `words`, wait for results; returns
    the locator of the result items."""
    ui = SEARCH[engine]
    if engine == "mkdocs":
        page.evaluate("document.getElementById('__search').click()")
    elif page.locator(ui["open"]).first.is_visible():
        page.locator(ui["open"]).first.click()
    else:  # on a phone Zensical shows only the magnifier in the header
        page.locator('label.md-header__button[for="__search"]').click()
    for _ in range(tries):  # a query typed before the search index is ready is lost
        page.fill(ui["field"], "")
        page.locator(ui["field"]).press_sequentially(words, delay=20)
        try:
            page.wait_for_selector(ui["result"], state="attached", timeout=2000)
            break
        except Exception:
            continue
    results, seen = page.locator(ui["result"]), None
    for _ in range(20):  # the list grows while the engine searches and as it scrolls: until it stays
        now = results.all_text_contents()
        if now == seen:
            break
        seen = now
        if now:
            results.last.scroll_into_view_if_needed()
        page.wait_for_timeout(250)
    return results


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


def one_page_of_each_kind(pages: list[str]) -> list[str]:
    """The first page of each kind (same folder, same depth, method page or not): one
    area, one index, one dimension, one indicator … and every page of its own kind."""
    kinds: dict[tuple, str] = {}
    for path in pages:
        parts = path.split("/")
        kinds.setdefault((parts[0], len(parts), parts[-1] == "methode"), path)
    return sorted(kinds.values())


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
