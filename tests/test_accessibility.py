"""Accessibility of the built site: axe-core in Debian's Chromium on every page, with the
rules for WCAG 2.0 and 2.1, levels A and AA (what BITV 2.0 asks for), with every
<details> table open, at a desktop width after the charts have become interactive and at
a phone width as the page first loads (chart pictures);
then the states axe does not see on a fresh page: the search with results, and the
navigation drawer of the phone layout. Expected: no violation at all.

axe-core comes inside the PyPI package `axe-playwright-python` (its `axe.min.js`), so no
download outside the package registry is needed. `SOZMON_AXE_JS=/path/to/axe.min.js`
runs the same test with another axe-core build (e.g. a newer one from npm).

What axe cannot judge (contrast of SVG chart text, keyboard use of the map, sense of
the texts) is checked by hand: see docs/barrierefreiheit.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import engine_of, make_charts_interactive, one_page_of_each_kind, search, site_pages

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 800}}
AXE_RUN = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
    .then(r => ({version: axe.version, violations: r.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map(n => n.target.join(" ")),
        summary: v.nodes.length ? v.nodes[0].failureSummary : ""}))}))"""


def axe_script() -> Path:
    override = os.environ.get("SOZMON_AXE_JS")
    if override:
        return Path(override)
    try:
        from axe_playwright_python.base import AXE_FILE_PATH
    except ImportError:
        pytest.fail("axe-core is missing: `make test` installs axe-playwright-python from requirements.lock")
    return AXE_FILE_PATH


def audit(browser, base: str, pages: list[str], viewport: dict, live: bool = True) -> tuple[str, list]:
    """axe on every page (`live`: after the charts have become interactive); returns axe's
    version and (page, violation) pairs."""
    script = axe_script()
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    found, version = [], ""
    try:
        for path in pages:
            url = urljoin(base, path + "/" if path else "")
            response = page.goto(url, wait_until="load")
            assert response.status == 200, url
            if live:
                make_charts_interactive(page)
            # axe skips what is hidden: open the tables under the charts (<details>).
            page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
            page.add_script_tag(path=str(script))
            result = page.evaluate(AXE_RUN, TAGS)
            version = result["version"]
            found += [("/" + path, v) for v in result["violations"]]
    finally:
        context.close()
    return version, found


def report(found: list[tuple[str, dict]]) -> str:
    lines = []
    for path, v in found:
        lines.append(f"{path}: {v['id']} ({v['impact']}) – {v['help']}")
        lines += [f"    {target}" for target in v["targets"][:10]]
        if len(v["targets"]) > 10:
            lines.append(f"    … {len(v['targets']) - 10} more")
        if v["summary"]:
            lines.append("    " + v["summary"].replace("\n", "\n    "))
    return "\n".join(lines)


def test_axe_wcag21_aa_on_every_page(server, browser):
    """At the desktop width (the phone's in test_accessibility_phone.py: a file of its own,
    so that `make test` runs both, its two longest tests, at once): every_page(…)."""
    every_page(server, browser, "desktop")


def every_page(server, browser, viewport: str) -> None:
    """Every page as MkDocs builds it; on Zensical one page of each kind (one area, one
    index, one indicator …, every page that is the only one of its kind). Both engines
    get the same generated pages (test_engines checks that they build the same pages and
    files): what the engine changes is the frame, which is the same on every page of a
    kind. Every page on both engines took ~9 of the suite's minutes."""
    site, base = server
    pages = site_pages(site)
    assert len(pages) >= 40 + 5 + 17 + 5
    if engine_of(site) == "zensical":
        pages = one_page_of_each_kind(pages)
        assert {"", "sozialraeume/01", "vergleich", "strassen", "leichte-sprache"} <= set(pages), pages
    # The live charts at the desktop width; on the phone the page as a reader who only
    # looks sees it (the charts' pictures): a live chart's roles, names and colours do not
    # depend on the width, and making every chart live twice took minutes of the suite.
    version, found = audit(browser, base, pages, VIEWPORTS[viewport], live=viewport == "desktop")
    print(
        f"\naxe-core {version}, {' '.join(TAGS)}, {len(pages)} pages, {viewport} "
        f"{VIEWPORTS[viewport]['width']} px: {len(found)} violations"
    )
    if found:
        print(report(found))
    assert found == [], f"{len(found)} axe violations:\n" + report(found)


SEARCH = "Sozial"  # hits on many pages: result list, teasers and highlighted words


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_axe_on_search_results_and_navigation_drawer(server, browser, viewport):
    site, base = server
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    found = []
    try:
        page.goto(base, wait_until="load")
        page.add_script_tag(path=str(axe_script()))
        assert search(page, engine_of(site), SEARCH).count() > 0  # Material's or Zensical's search
        page.wait_for_timeout(1000)  # the result list fades in; axe would see mixed colours
        violations = page.evaluate(AXE_RUN, TAGS)["violations"]
        if engine_of(site) == "zensical":  # known, in docs/barrierefreiheit.md: not ours to fix
            violations = [v for v in violations if not _zensical_search_dialog(v)]
        found += [("/ (Suche)", v) for v in violations]
        if viewport == "phone":
            page.goto(base, wait_until="load")
            page.add_script_tag(path=str(axe_script()))
            page.evaluate("document.getElementById('__drawer').click()")
            page.wait_for_timeout(400)  # the drawer slides in
            assert page.locator(".md-sidebar--primary .md-nav__link").first.is_visible()
            found += [("/ (Navigation)", v) for v in page.evaluate(AXE_RUN, TAGS)["violations"]]
    finally:
        context.close()
    print(f"\nsearch and drawer, {viewport}: {len(found)} violations")
    assert found == [], f"{len(found)} axe violations:\n" + report(found)


def _zensical_search_dialog(violation: dict) -> bool:
    """The two findings inside Zensical 0.0.73's own search dialog (a shadow root, which
    sozmon.css cannot reach): the grey page names under each result (3.36:1) and the result
    list, a scroll region that takes no focus (the arrow keys move through the results)."""
    known = {"color-contrast", "scrollable-region-focusable"}
    return violation["id"] in known and all(t.startswith(".focus-visible,") for t in violation["targets"])


FOCUSED = """() => { const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return {tag: e.tagName, text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40),
            visible: r.width > 0 && r.right > 0 && r.left < innerWidth && s.visibility === 'visible',
            expanded: e.getAttribute('aria-expanded'), search: e.closest('.md-search') !== null} }"""


def test_keyboard_reaches_the_navigation_on_a_phone(server, browser):
    """Material's menu button is a <label>: theme/main.html makes it a button, and
    sozmon.css keeps the links of the closed drawer out of the Tab order."""
    _, base = server
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(base, wait_until="load")
        stops = []
        for _ in range(8):
            page.keyboard.press("Tab")
            stops.append(page.evaluate(FOCUSED))
        # Material's search: the field opens the search on focus; its result area (a
        # focusable scroll region) takes the next Tab while the search closes again, a
        # known limitation listed in docs/barrierefreiheit.md.
        hidden = [s for s in stops if not s["visible"] and not s["search"]]
        assert hidden == [], hidden
        menu = next(i for i, s in enumerate(stops) if s["text"] == "Navigation")
        assert stops[menu]["expanded"] == "false"
        page.goto(base, wait_until="load")
        for _ in range(menu + 1):
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)
        inside = page.evaluate(FOCUSED)
        assert inside["visible"] and page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
        texts = []
        for _ in range(14):  # the sections' links, then "Über diese Website"
            page.keyboard.press("Tab")
            texts.append(page.evaluate(FOCUSED)["text"])
        assert "Methode" in texts and "Über diese Website" in texts, texts
        page.keyboard.press("Escape")
        assert page.evaluate(FOCUSED)["expanded"] == "false"
    finally:
        context.close()
