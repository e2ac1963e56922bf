"""The built site in a real Chromium (Debian's), served on 127.0.0.1: every page loads
without console errors, renders its charts, asks no other host for anything, fits a
phone, and links nowhere broken."""

from __future__ import annotations

import urllib.request
from urllib.parse import urljoin, urlparse

import pytest

from conftest import site_pages


def test_every_page_in_chromium(server, browser):
    site, base = server
    pages = site_pages(site)
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
