"""On a phone (360 px) every value of a generated table is on screen with its column's
name: no column hides off-screen to the right. The search index keeps labels and
values apart."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pandas as pd
import pytest
from conftest import search_documents

PAGES = [
    "sozialraeume/01/",
    "sozialraeume/",
    "indikatoren/",
    "indikatoren/sgb2_u15/",
    "indizes/kinder/dimensionen/bildung/",
    "typologien/lage-entwicklung/",
    "indizes/kinder/methode/",
]

CELLS = """() => Array.from(document.querySelectorAll('.sozmon-tabelle td')).filter(td => td.offsetParent !== null)
    .map(td => {
        const r = td.getBoundingClientRect();
        const label = getComputedStyle(td, '::before').content;
        return {left: r.left, right: r.right, label: label, expected: td.dataset.label,
                first: td === td.parentElement.firstElementChild, text: td.textContent.trim(),
                facts: td.closest('table').classList.contains('sozmon-kv')};
    })"""


@pytest.mark.parametrize("width", [360, 1280])
def test_every_table_value_is_on_screen_with_its_column_name(server, browser, width):
    site, base = server
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in PAGES:
        page.goto(urljoin(base, path), wait_until="load")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # as a reader opens them
        cells = page.evaluate(CELLS)
        assert len(cells) >= 4, path
        off = [c for c in cells if c["left"] < 0 or c["right"] > width + 0.5]
        assert off == [], (path, off[:3])
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        if width == 360:  # cards: each value says what it is; the first cell is the card's title
            unlabelled = [
                c
                for c in cells
                if not c["first"] and not c["facts"] and c["label"] != json.dumps(c["expected"], ensure_ascii=False)
            ]
            assert unlabelled == [], (path, unlabelled[:3])
            # a list of facts (Dimension, Quelle …): the fact's name is the heading, no "Inhalt" label
            assert {c["label"] for c in cells if c["facts"]} <= {"none"}, path
        else:  # a table: the header row names the columns, no label is repeated
            assert {c["label"] for c in cells} <= {"none", "normal"}, path
            assert page.locator(".sozmon-tabelle thead th:visible").count() >= 2, path
    context.close()


def test_the_search_index_keeps_labels_and_values_apart(server):
    site, _ = server
    index = pd.read_csv(site / "daten" / "index_werte.csv", dtype={"sozialraum_id": str})
    names = pd.read_csv(site / "daten" / "indizes.csv").set_index("index_id")
    latest = index[(index["sozialraum_id"] == "01") & (index["index_id"] == "kinder")].sort_values("jahr").iloc[-1]
    name, short = names.at["kinder", "name"], names.at["kinder", "kurzname"]
    docs = search_documents(site)  # Material's or Zensical's index
    text = " ".join(d["text"] for d in docs if d["location"].startswith("sozialraeume/01/"))
    # the key figures: the index's name (dt) and its class (dd) stay two words apart
    assert f"{name} {short}: {latest['klasse']}" in text
    assert f"{name}{short}" not in text


@pytest.mark.parametrize("width", [360, 1280])
def test_a_table_that_still_scrolls_says_so(server, browser, width):
    """Hand-written tables (the settings reference) keep Material's sideways scrolling:
    exactly those wider than the screen carry a visible hint."""
    site, base = server
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(urljoin(base, "einstellungen/"), wait_until="load")
    page.wait_for_timeout(300)  # the theme's script measures once the page is shown
    wraps = page.evaluate("""() => Array.from(document.querySelectorAll('.md-typeset__scrollwrap')).map(w => {
        const hint = w.previousElementSibling;
        return {wide: w.scrollWidth > w.clientWidth + 1,
                hint: !!hint && hint.classList.contains('sozmon-scroll-hint') && hint.offsetHeight > 0};
    })""")
    assert wraps, "the settings page has tables"
    assert [w["hint"] for w in wraps] == [w["wide"] for w in wraps]
    if width == 360:
        assert any(w["wide"] for w in wraps)  # its three-column tables do not fit a phone
    context.close()
