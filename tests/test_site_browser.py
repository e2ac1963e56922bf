"""The built site in a real Chromium (Debian's), served on 127.0.0.1: every page loads
without console errors, renders its charts, asks no other host for anything, fits a
phone, and links nowhere broken."""

from __future__ import annotations

import functools
import shutil
import threading
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from sozmon import pipeline

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    site = pipeline.build_site(REPO / "datapackage", out, REPO / "docs", REPO / "mkdocs.yml")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs Debian's package 'chromium'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _pages(site: Path) -> list[str]:
    folders = (p.parent.relative_to(site) for p in site.rglob("index.html"))
    return sorted("" if f == Path(".") else f.as_posix() for f in folders)


def test_every_page_in_chromium(server, browser):
    site, base = server
    pages = _pages(site)
    assert len(pages) >= 40 + 5 + 17 + 5
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    errors, foreign, links, charts = [], [], set(), 0
    page.on("console", lambda m: errors.append((page.url, m.text)) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append((page.url, str(e))))
    page.on("request", lambda r: foreign.append(r.url)
            if urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).hostname != "127.0.0.1" else None)
    for path in pages:
        url = urljoin(base, path + "/" if path else "")
        response = page.goto(url, wait_until="load")
        assert response.status == 200, url
        figures = page.locator(".sozmon-chart[data-spec]").count()
        if figures:
            page.wait_for_function(
                "n => document.querySelectorAll('.sozmon-chart .vega-embed svg g').length >= n",
                arg=figures, timeout=20000)
            rendered = page.locator(".sozmon-chart .vega-embed svg").count()
            assert rendered == figures, url
            charts += rendered
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 362, (url, width)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            if urlparse(href).hostname == "127.0.0.1":
                links.add(href.split("#")[0])
    assert charts >= 1 + 40 * 3 + 5 * 2 + 17 * 2  # maps, area charts, rankings, distributions
    assert errors == []
    assert foreign == []
    broken = [link for link in sorted(links) if _status(link) != 200]
    assert broken == []
    context.close()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
