"""The built site in a real Chromium (Debian's), served on 127.0.0.1: every page loads
without console errors, renders its charts, asks no other host for anything, fits a
phone, and links nowhere broken."""

from __future__ import annotations

import re
import urllib.request
from urllib.parse import urljoin, urlparse

from conftest import make_charts_interactive, site_pages


def test_every_page_in_chromium(server, browser):
    site, base = server
    pages = site_pages(site)
    assert len(pages) >= 40 + 5 + 17 + 5
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    errors, foreign, links, charts = [], [], set(), 0
    page.on("console", lambda m: errors.append((page.url, m.text)) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append((page.url, str(e))))
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).hostname != "127.0.0.1"
            else None
        ),
    )
    for path in pages:
        url = urljoin(base, path + "/" if path else "")
        response = page.goto(url, wait_until="load")
        assert response.status == 200, url
        charts += make_charts_interactive(page)
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


def test_charts_are_pictures_until_the_reader_acts(server, browser):
    """A reader who only looks gets the static SVG pictures, sized before they load:
    no Vega bundle, no spec and no chart data is fetched (that is what keeps a phone
    fast). The first key press or scroll brings the interactive charts."""
    site, base = server
    pages = site_pages(site)
    paths = [""] + [
        next(p for p in pages if p.startswith(kind))
        for kind in ("sozialraeume/", "indizes/kinder/dimensionen/", "typologien/", "indikatoren/")
    ]
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(urlparse(r.url).path))
    for path in paths:
        requested.clear()
        page.goto(urljoin(base, path + "/" if path else ""), wait_until="networkidle")
        figures = page.locator(".sozmon-chart[data-spec]").count()
        # a map's wide picture is a <source> in a <picture> around its <img>
        pictures = page.eval_on_selector_all(
            ".sozmon-chart img.sozmon-chart__static",
            """els => els.map(e => ({
            spec: e.closest('.sozmon-chart').dataset.spec,
            src: new URL(e.src).pathname, alt: e.alt, width: e.getAttribute('width'), height: e.getAttribute('height'),
            natural: [e.naturalWidth, e.naturalHeight], shown: e.getBoundingClientRect().height, current: e.currentSrc,
            sources: Array.from(e.parentNode.tagName === 'PICTURE' ? e.parentNode.querySelectorAll('source') : [])
              .map(s => ({src: new URL(s.srcset, location.href).pathname, width: s.getAttribute('width'),
                          height: s.getAttribute('height'), media: s.media}))}))""",
        )
        assert figures >= 1 and len(pictures) == figures, path
        for picture in pictures:
            for shown in [picture, *picture["sources"]]:
                svg = (site / shown["src"].lstrip("/")).read_text(encoding="utf-8")
                root = re.search(r"<svg[^>]*>", svg).group(0)
                assert f'width="{shown["width"]}"' in root and f'height="{shown["height"]}"' in root, shown
            assert picture["alt"] and picture["shown"] > 100, picture
            is_map = picture["spec"].endswith("/karte.vl.json")
            assert [s["width"] for s in picture["sources"]] == (["720"] if is_map else []), picture
            # a phone gets the phone picture (`current` is empty while a lazy one waits)
            assert picture["current"] in ("", urljoin(base, picture["src"])), picture
        first = pictures[0]
        assert first["natural"] == [int(first["width"]), int(first["height"])], path  # loaded at once
        assert first["current"] == urljoin(base, first["src"]), first
        chart_files = [p for p in requested if p.endswith(("vega.js", ".vl.json", ".csv", ".topojson"))]
        assert chart_files == [], (path, chart_files)
        assert make_charts_interactive(page) == figures
        assert any(p.endswith("/assets/js/vega.js") for p in requested), path
    context.close()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
