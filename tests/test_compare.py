"""The compare page: areas, Stadtteile, Stadtbezirke and the city side by side.

The data file is checked against values worked out by hand from the factory release
(tests/factory.py, year 2021: each count of 2020 plus one); the page in Chromium against
the sample release's werte.csv; a hostile release's names must arrive as text.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from sozmon import package, pipeline
from sozmon.pages import Site, compare
from tests import factory
from tests.conftest import Quiet
from tools import hostile_release as H

MINUS = "\u2212"


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Site:
    release, problems = pipeline.open_release(factory.release(tmp_path_factory.mktemp("compare")))
    assert release is not None, problems
    return Site(release, package.tables(release, pipeline.results(release)), [], {})


# --- the data file (factory release, 2021) --------------------------------------------------
# Counts 2021 (zaehler/nenner), areas 01–04; Stadtteil Nord = 01+02, Süd = 03+04, Bezirk Eins = all:
#   sgb2 (richtung −1, %):      31/100, 11/200, 51/100, 6/50   → 31,0 5,5 51,0 12,0; city 99/450 = 22,0
#   flaeche (+1, m² je Einw.):  3501/100, 8001/200, 3001/100, 2001/50 → 35,0 40,0 30,0 40,0;
#                               city 16504/450 = 36,68
#   kinder (context, %):        21/100, 41/200, 2/100 (0 < 2 < 3: suppressed), 11/50; city 75/450 = 16,7


def test_the_data_file_has_every_unit_once_areas_first_then_stadtteile_stadtbezirke_city(small):
    units = compare.compare_data(small)["units"]
    assert [(u["level"], u["name"]) for u in units] == [
        ("sozialraum", "Gebiet 1"),
        ("sozialraum", "Gebiet 2"),
        ("sozialraum", "Gebiet 3"),
        ("sozialraum", "Gebiet 4"),
        ("stadtteil", "Nord"),
        ("stadtteil", "Süd"),
        ("stadtbezirk", "Eins"),
        ("stadt", "Teststadt insgesamt"),
    ]
    assert units[0]["href"] == "sozialraeume/01/"
    assert len({u["key"] for u in units}) == len(units)


def test_indicator_values_and_differences_to_the_city_are_said_in_words(small):
    ind = compare.compare_data(small)["indicators"]
    sgb2, flaeche, kinder = ind["sgb2"], ind["flaeche"], ind["kinder"]
    nord, sued = compare.level_key("stadtteil", "Nord"), compare.level_key("stadtteil", "Süd")
    assert sgb2["city"] == "22,0 %"
    # richtung −1: above the city is unfavourable for the index, below favourable.
    assert sgb2["values"]["01"] == ["31,0 %", "+9,0 Pp. ▼ ungünstiger"]
    assert sgb2["values"]["02"] == ["5,5 %", f"{MINUS}16,5 Pp. ▲ günstiger"]
    assert sgb2["values"][nord] == ["14,0 %", f"{MINUS}8,0 Pp. ▲ günstiger"]
    assert sgb2["values"][sued] == ["38,0 %", "+16,0 Pp. ▼ ungünstiger"]
    assert sgb2["values"]["stadt"] == ["22,0 %", ""]  # the city is the yardstick, not compared with itself
    # richtung +1: below the city is unfavourable. 35,01 − 36,68 = −1,67; 40,005 − 36,68 = +3,33.
    assert flaeche["values"]["01"] == [
        "35,0 m² je Einwohner",
        f"{MINUS}1,7 m² je Einwohner ▼ ungünstiger",
    ]
    assert flaeche["values"]["02"][1] == "+3,3 m² je Einwohner ▲ günstiger"
    # A context indicator is not judged; a suppressed value says so and has no difference.
    assert kinder["values"]["01"][0] == "21,0 %"
    assert "günstiger" not in kinder["values"]["01"][1] and kinder["values"]["01"][1].startswith("+4,3 Pp.")
    assert kinder["values"]["03"] == ["gesperrt", ""]
    assert "Kontextindikator" in kinder["direction"] and "niedrigerer Wert" in sgb2["direction"]


def test_index_and_dimension_values_exist_for_areas_only_with_class_and_rank(small):
    (index,) = compare.compare_data(small)["indices"]
    # Aggregates have no index value: the page says "nicht berechnet" for them.
    assert set(index["values"]) == {"01", "02", "03", "04"}
    wohnen = next(d for d in index["dimensions"] if d["id"] == "wohnen")
    # Wohnen has one indicator (Wohnfläche, +1): 03 has the least (30,0) → rank 1 of 4 (1 = least favourable)
    # and a value below the mean of the areas; 04 the most (40,02) → rank 4.
    assert wohnen["values"]["03"][0].startswith(MINUS) and wohnen["values"]["03"][2] == "1 von 4"
    assert wohnen["values"]["04"][0].startswith("+") and wohnen["values"]["04"][2] == "4 von 4"
    # Index = mean of the two dimensions' z-scores: 01 −0,32, 02 +1,00, 03 −1,49, 04 +0,82 (by hand,
    # population standard deviation): 02 is the most favourable of 4, 03 the least.
    assert index["values"]["02"][2] == "4 von 4" and index["values"]["03"][2] == "1 von 4"


def test_indicators_are_grouped_by_dimension_then_context(small):
    groups = compare.compare_data(small)["groups"]
    assert [g["indicators"] for g in groups] == [["sgb2"], ["flaeche"], ["kinder"]]
    assert groups[0]["title"].startswith("Arbeit")


def test_the_area_page_link_chooses_the_area_the_most_similar_one_its_stadtteil_and_the_city(small):
    # Index values by hand (above): nearest to 02 (+1,00) is 04 (+0,82); 03 (−1,49) is nearest to 01 (−0,32).
    two = compare.compare_link(small, "02", "sozialraeume/02.md")
    assert two["href"] == "../../vergleich/"
    assert two["query"] == "02,04,stadtteil:Nord,stadt"
    assert "Gebiet 4" in two["note"] and "Stadtteil Nord" in two["note"] and "Teststadt insgesamt" in two["note"]
    three = compare.compare_link(small, "03", "sozialraeume/03.md")
    assert three["query"] == "03,01,stadtteil:S%C3%BCd,stadt"
    html = _link_html(two)
    assert 'href="../../vergleich/?auswahl=02,04,stadtteil:Nord,stadt"' in html


def _link_html(c: dict) -> str:
    from sozmon.templating import environment

    return environment().get_template("_compare.md.j2").module.link(c)


def test_the_data_file_is_the_same_for_the_same_release(small):
    assert compare.compare_files(small) == compare.compare_files(small)


# --- hostile texts ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Site:
    data = H.write_hostile_release(tmp_path_factory.mktemp("hostile-compare") / "release")
    release, problems = pipeline.open_release(data)
    assert release is not None, problems
    return Site(release, package.tables(release, pipeline.results(release)), [], {})


def test_hostile_names_stay_data_in_the_page_link_and_json(hostile_site):
    page = compare.compare_pages(hostile_site)["vergleich.md"]
    front = yaml.safe_load(page.split("\n---\n", 1)[0][4:])
    assert H.SETTINGS["city"] in front["description"]  # literal, YAML-escaped
    body = page.split("\n---\n", 1)[1]  # the front matter is YAML, the theme escapes it
    assert "<script>window" not in body and "&lt;script&gt;window" in body
    link = _link_html(compare.compare_link(hostile_site, "A0001", "sozialraeume/A0001.md"))
    assert "<script" not in link and "<img" not in link and "&lt;script&gt;" in link
    query = re.search(r'auswahl=([^"]*)"', link).group(1)
    assert re.fullmatch(r"[A-Za-z0-9_.~%:,-]+", query)  # nothing in the address but URL-safe characters
    assert unquote(query.split(",")[2]).startswith("stadtteil:# Teil ")
    data = json.loads(compare.compare_files(hostile_site)[compare.DATA])
    assert {u["name"] for u in data["units"] if u["level"] == "sozialraum"} == set(H.AREA_NAMES)


DANGER = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) found.push(el.tagName + ' ' + a.name);
      if (a.name === 'href' && a.value.trim().toLowerCase().startsWith('javascript:')) found.push('href ' + a.value);
    }
    if (['SCRIPT', 'IMG', 'IFRAME', 'B', 'I'].includes(el.tagName) && el.closest('#sozmon-vergleich'))
      found.push(el.tagName);
  }
  return found;
}"""


def test_hostile_names_are_shown_as_text_by_the_script(hostile_site, tmp_path, browser):
    """The page's script on a hostile release's data file, served beside a minimal page."""
    (tmp_path / "vergleich").mkdir()
    (tmp_path / "assets" / "js").mkdir(parents=True)
    (tmp_path / "assets" / "data").mkdir(parents=True)
    (tmp_path / compare.DATA).write_text(compare.compare_files(hostile_site)[compare.DATA], encoding="utf-8")
    script = Path(compare.__file__).resolve().parents[1] / "assets" / "sozmon-compare.js"
    (tmp_path / compare.SCRIPT).write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "vergleich" / "index.html").write_text(
        '<!doctype html><html lang="de"><body><div id="sozmon-vergleich" data-src="../assets/data/vergleich.json"'
        ' data-error="Fehler" hidden></div><script defer src="../assets/js/sozmon-compare.js"></script></body></html>',
        encoding="utf-8",
    )
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    data = json.loads((tmp_path / compare.DATA).read_text(encoding="utf-8"))
    keys = [u["key"] for u in data["units"]]
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/vergleich/?auswahl=" + compare.query(keys))
        page.wait_for_selector(".sozmon-vergleich__tabelle")
        heads = page.evaluate(
            "[...document.querySelector('.sozmon-vergleich__tabelle').tHead.rows[0].cells]"
            ".map(c => c.firstChild.textContent)"
        )
        # Each column head: the name exactly as delivered (textContent), nothing of it parsed.
        assert heads[1:] == [u["name"] for u in data["units"]]
        assert page.locator("#sozmon-vergleich option", has_text=H.AREA_NAMES[0]).count() == 1
        assert page.evaluate(DANGER) == []
        assert page.evaluate("window.__pwned") is None and dialogs == []
    finally:
        page.close()
        httpd.shutdown()


# --- the built site in Chromium -----------------------------------------------------------------
# Sample release (datapackage/werte.csv, 2024), sums over all 40 areas for the city:
#   kita_36 (richtung +1): 01 291/355 = 82,0 %, 02 131/144 = 91,0 %, city 6770/7597 = 89,1 %
#   allein_80 (richtung −1): 01 460/709 = 64,9 %, 02 183/366 = 50,0 %, city 11052/19674 = 56,2 %
KITA, ALONE = "Kita-Besuchsquote der 3- bis 6-Jährigen", "Allein lebende Menschen ab 80 Jahren"


def _row(page, indicator: str) -> list[str]:
    row = page.locator(".sozmon-vergleich__tabelle tbody tr", has=page.get_by_role("link", name=indicator, exact=True))
    return [" ".join(t.split()) for t in row.first.locator("td").all_inner_texts()]


def test_the_difference_says_favourable_or_not_in_the_indicators_direction(server, browser):
    _, url = server
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(url + "vergleich/?auswahl=01,02")
        page.wait_for_selector(".sozmon-vergleich__tabelle")
        assert _row(page, KITA) == [
            f"82,0 % {MINUS}7,1 Pp. ▼ ungünstiger",
            "91,0 % +1,9 Pp. ▲ günstiger",
        ]
        assert _row(page, ALONE) == [
            "64,9 % +8,7 Pp. ▼ ungünstiger",
            f"50,0 % {MINUS}6,2 Pp. ▲ günstiger",
        ]
        row_head = page.locator("tbody th", has=page.get_by_role("link", name=KITA, exact=True)).first.inner_text()
        assert "Gelsenkirchen insgesamt: 89,1 %" in row_head
        # At 360 px the page does not scroll sideways: only the tables' own regions do.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        page.close()


def test_choosing_in_the_page_changes_the_address_which_round_trips_and_back_works(server, browser):
    _, url = server
    page = browser.new_page()
    other = browser.new_page()
    try:
        page.goto(url + "vergleich/")
        choose = page.get_by_label("Gebiet hinzufügen")
        for key in ("01", "02", "stadtteil:Altstadt", "stadt"):
            choose.select_option(key)
            page.get_by_role("button", name="Hinzufügen").click()
        assert page.url.endswith("vergleich/?auswahl=01,02,stadtteil:Altstadt,stadt")
        page.wait_for_selector(".sozmon-vergleich__tabelle")
        chosen = page.locator(".sozmon-vergleich__liste li").all_inner_texts()
        assert [c.split("\n")[0].strip() for c in chosen][:2] == ["Altstadt (Sozialraum)", "Bismarck-Nord (Sozialraum)"]
        index_row = page.locator(".sozmon-vergleich__tabelle").first.locator("tbody tr").first
        assert index_row.locator("td").all_inner_texts()[2:] == ["nicht berechnet", "nicht berechnet"]
        shown = page.locator(".sozmon-vergleich__ergebnis").inner_text()
        other.goto(page.url)  # a shared link or a reload: the same choice, the same table
        other.wait_for_selector(".sozmon-vergleich__tabelle")
        assert other.locator(".sozmon-vergleich__liste li").all_inner_texts() == chosen
        assert other.locator(".sozmon-vergleich__ergebnis").inner_text() == shown
        page.go_back()  # before the city was added
        page.wait_for_url(re.compile(r"auswahl=01,02,stadtteil:Altstadt$"))
        assert page.locator(".sozmon-vergleich__liste li").count() == 3
        page.get_by_role("button", name="Bismarck-Nord aus dem Vergleich entfernen").click()
        assert page.url.endswith("?auswahl=01,stadtteil:Altstadt")
    finally:
        page.close()
        other.close()


def test_the_area_page_opens_the_compare_page_with_its_choice(server, browser):
    site, url = server
    page = browser.new_page()
    try:
        page.goto(url + "sozialraeume/01/")
        page.get_by_role("link", name="Mit anderen Gebieten vergleichen").click()
        page.wait_for_selector(".sozmon-vergleich__tabelle")
        chosen = [c.split("\n")[0].strip() for c in page.locator(".sozmon-vergleich__liste li").all_inner_texts()]
        assert chosen[0] == "Altstadt (Sozialraum)" and chosen[-2:] == [
            "Altstadt (Stadtteil)",
            "Gelsenkirchen insgesamt (Stadt)",
        ]
    finally:
        page.close()
    # Without JavaScript: the <noscript> leads to the area list and the data, both pages of the site.
    html = (site / "vergleich" / "index.html").read_text(encoding="utf-8")
    noscript = html.split("<noscript>", 1)[1].split("</noscript>", 1)[0]
    for href in re.findall(r'href="([^"]+)"', noscript):
        assert (site / "vergleich" / href / "index.html").resolve().is_file(), href
    start = (site / "index.html").read_text(encoding="utf-8")  # the navigation has the entry
    assert re.search(r'href="(\./)?vergleich/"[^>]*>\s*(<[^>]+>\s*)*Vergleichen\s*<', start)
