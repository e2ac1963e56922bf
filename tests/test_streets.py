"""Find your area by street (issue 12): the street directory of a release is checked,
published, listed A–Z, and searched from the box on the start page and every area page.

The expected areas come from the rows of datapackage/strassen.csv, copied into the
comments by hand, never from the search code.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import markdown
import pytest

from sozmon import check, load, package, pipeline
from sozmon.compute import compute
from sozmon.pages.common import Site
from sozmon.pages.streets import DATA, search_box, street_files, street_pages
from sozmon.texts import problem_text
from tests import factory
from tools import hostile_release as H

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "datapackage"
LABEL = "Straße und Hausnummer oder Postleitzahl"
HEADER = "strasse,plz,hausnummer_von,hausnummer_bis,seite,sozialraum_id\n"
RESOURCE = {
    "name": "strassen",
    "path": "strassen.csv",
    "format": "csv",
    "encoding": "utf-8",
    "schema": {
        "fields": [
            {"name": "strasse", "type": "string"},
            {"name": "plz", "type": "string"},
            {"name": "hausnummer_von", "type": "integer"},
            {"name": "hausnummer_bis", "type": "integer"},
            {"name": "seite", "type": "string"},
            {"name": "sozialraum_id", "type": "string"},
        ]
    },
}


def with_streets(path: Path, rows: str, declared: dict | None = None) -> Path:
    """The release at `path` with a street directory of `rows` (CSV lines after the header)."""
    (path / "strassen.csv").write_text(HEADER + rows, encoding="utf-8")
    descriptor = json.loads((path / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"].append(declared or RESOURCE)
    (path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return path


def street_problems(path: Path) -> list[tuple]:
    _, problems = pipeline.open_release(path)
    return [(p.row, p.field, p.code, p.severity) for p in problems if p.file == "strassen.csv"]


# --- normalisation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Zechenstraße Süd", "zechenstrsued"),
        ("zechenstr. sued", "zechenstrsued"),
        ("ZECHENSTRASSE SÜD", "zechenstrsued"),
        ("Zechenstr Süd", "zechenstrsued"),
        ("Große Weißdornstraße", "grosseweissdornstr"),
        ("Grosse Weissdorn-Str.", "grosseweissdornstr"),
        ("Schlägel-und-Eisen-Weg", "schlaegelundeisenweg"),
        ("schlaegel und  eisen weg", "schlaegelundeisenweg"),
        ("Strandweg", "strandweg"),  # "str" followed by a letter is no abbreviation
        ("Rue de l'Église", "ruedeleglise"),
    ],
)
def test_street_key_is_tolerant_of_case_umlauts_sz_str_spaces_and_hyphens(typed, key):
    assert load.street_key(typed) == key


# --- check ----------------------------------------------------------------------------


def test_a_good_directory_has_no_problems_and_loads_typed(tmp_path):
    rows = "Am Hang,45879,1,9,ungerade,01\nAm Hang,45879,11,,ungerade,02\nAm Hang,45879,,,gerade,01\n"
    rows += "Kurzer Weg,45879,,,,03\nLanger Weg,45879,1,40,G,04\nLanger Weg,45879,1,39,u,04\n"
    path = with_streets(factory.release(tmp_path), rows)
    release, problems = pipeline.open_release(path)
    assert [p for p in problems if p.file == "strassen.csv"] == []
    streets = release.streets
    assert list(streets["strasse"]) == ["Am Hang"] * 3 + ["Kurzer Weg"] + ["Langer Weg"] * 2
    # open ends stay empty; G/u/empty become the words; sorted by number within a street
    hang = streets[streets["strasse"] == "Am Hang"]
    assert hang["hausnummer_von"].isna().tolist() == [True, False, False]
    assert hang["hausnummer_bis"].isna().tolist() == [True, False, True]
    assert list(streets["seite"]) == ["gerade", "ungerade", "ungerade", "alle", "gerade", "ungerade"]


def test_every_mistake_in_the_directory_is_named_with_row_field_and_advice(tmp_path):
    rows = "\n".join(
        [
            "Am Hang,45879,1,9,ungerade,99",  # 2: unknown area
            "Am Hang,45879,5,15,alle,02",  # 3: 5, 7, 9 are in row 2 too
            ",45879,1,3,alle,01",  # 4: no street
            "Kurzer Weg,45879,12a,20,gerade,01",  # 5: not a number
            "Kurzer Weg,45879,30,22,gerade,01",  # 6: from > to
            "Kurzer Weg,45879,1,9,links,01",  # 7: no such side
            "Kurzer Weg,4587,1,9,ungerade,01",  # 8: four digits
            "Kurzer Weg,45879,1,9,ungerade,",  # 9: no area
            "kurzer-weg,45879,9,11,u,02",  # 10: same street; rows 5-7 and 9 are broken, 8 has another plz
            "Kurzer Weg,45879,,,,03",  # 11: the whole street overlaps row 10 (9, 11)
            "Langer Weg,45879,2,40,gerade,04",  # 12
            "Langer Weg,45879,1,39,ungerade,03",  # 13: other side, no overlap
            "Langer Weg,45879,40,50,alle,04",  # 14: 40 in row 12, same area
        ]
    )
    path = with_streets(factory.release(tmp_path), rows + "\n")
    found = street_problems(path)
    assert found == [
        (2, "sozialraum_id", "unknown-reference", "error"),
        (3, "hausnummer_von", "street-overlap", "error"),
        (4, "strasse", "street-empty", "error"),
        (5, "hausnummer_von", "street-number-invalid", "error"),
        (6, "hausnummer_von", "street-range-reversed", "error"),
        (7, "seite", "street-side-invalid", "error"),
        (8, "plz", "street-postcode-invalid", "error"),
        (9, "sozialraum_id", "id-empty", "error"),
        (11, "hausnummer_von", "street-overlap", "error"),
        (14, "hausnummer_von", "street-overlap", "error"),
    ]
    _, problems = pipeline.open_release(path)
    text = {p.row: problem_text(p) for p in problems if p.file == "strassen.csv"}
    assert text[3][0] == "Der Abschnitt überschneidet sich mit Zeile 2 (Am Hang, 45879, Nr. 5–9)"
    assert "verschiedene Sozialräume (99, 02)" in text[3][1]
    assert "denselben Sozialraum" in text[14][1]
    assert "12a" in text[5][0] and "12" in text[5][1]


def test_a_release_without_directory_needs_none_and_publishes_none(tmp_path):
    path = factory.release(tmp_path / "release")
    release, problems = pipeline.open_release(path)
    assert release.streets is None and problems == []
    written = package.write(release, compute(release), tmp_path / "out")
    assert not (tmp_path / "out" / "strassen.csv").exists()
    descriptor = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    assert "strassen" not in [r["name"] for r in descriptor["resources"]]
    assert written


# --- the sample's directory and the published table -----------------------------------


@pytest.fixture(scope="module")
def sample_site():
    raw, problems = load.read(SAMPLE)
    problems += check.check(raw)
    assert [p for p in problems if p.is_error] == []
    release = load.typed(raw)
    return Site(release, package.tables(release, compute(release)), [], {})


def test_the_sample_directory_is_synthetic_complete_and_has_split_streets(sample_site):
    descriptor = json.loads((SAMPLE / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "strassen")
    assert "synthetisch" in resource["description"].lower() and "erfunden" in resource["description"]
    with (SAMPLE / "strassen.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    areas = {r["sozialraum_id"] for r in rows}
    assert len(areas) == 40, "every Sozialraum has streets"
    per_street = {}
    for r in rows:
        per_street.setdefault(r["strasse"], set()).add(r["sozialraum_id"])
    split = [s for s, a in per_street.items() if len(a) > 1]
    assert 5 <= len(split) <= len(per_street) / 3, "a few streets split between areas, most not"
    # SAMPLE-BASIS.md's example names are there
    assert {"Kohlenweg", "Am Lindenhof", "Zechenstraße Süd"} <= set(per_street)


def test_the_published_directory_keeps_the_rows_and_has_a_schema(sample_site):
    published = sample_site.tables["strassen"]
    kohlenweg = published[published["strasse"] == "Kohlenweg"]
    # datapackage/strassen.csv: Kohlenweg,45889,1,23,ungerade,02 / 25,29,ungerade,04 /
    # 2,28,gerade,02 / 30,30,gerade,04 — sorted by the first number
    assert kohlenweg[["hausnummer_von", "hausnummer_bis", "seite", "sozialraum_id"]].values.tolist() == [
        [1, 23, "ungerade", "02"],
        [2, 28, "gerade", "02"],
        [25, 29, "ungerade", "04"],
        [30, 30, "gerade", "04"],
    ]
    resource = package.resource("strassen")
    assert resource["path"] == "strassen.csv" and "primaryKey" not in resource["schema"]
    types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    assert types == {
        "strasse": "string",
        "plz": "string",
        "hausnummer_von": "integer",
        "hausnummer_bis": "integer",
        "seite": "string",
        "sozialraum_id": "string",
    }


def test_the_search_data_is_small_and_holds_each_street_with_its_ranges(sample_site):
    files = street_files(sample_site)
    text = files[DATA]
    assert len(text.encode()) < 40_000, "fetched on the first focus of a search box: keep it small"
    data = json.loads(text)
    streets = {s[0]: s for s in data["streets"]}
    # the Kohlenweg rows above, as [plz, von, bis, side, area]
    assert streets["Kohlenweg"][1] == "kohlenweg"
    assert streets["Kohlenweg"][2] == [
        ["45889", 1, 23, "u", "02"],
        ["45889", 2, 28, "g", "02"],
        ["45889", 25, 29, "u", "04"],
        ["45889", 30, 30, "g", "04"],
    ]
    assert streets["Zechenstraße Süd"][1] == "zechenstrsued"
    assert data["areas"]["04"] == ["Bismarck-West", "sozialraeume/04/"]
    assert street_files(sample_site) == files, "same release, same bytes"


def test_the_a_to_z_page_lists_each_street_with_its_areas_by_letter(sample_site):
    page = street_pages(sample_site)["strassen.md"]
    assert "## K {#buchstabe-k}" in page and "[K](strassen.md#buchstabe-k)" in page
    line = next(x for x in page.splitlines() if x.startswith("- **Kohlenweg**"))
    nr = '<span class="sozmon-nr">{}</span>'.format
    assert line == (
        f"- **Kohlenweg** (45889): [Bismarck\\-Nord](sozialraeume/02.md) {nr('Nr. 1–23 ungerade')}, "
        f"{nr('Nr. 2–28 gerade')}; [Bismarck\\-West](sozialraeume/04.md) {nr('Nr. 25–29 ungerade')}, "
        f"{nr('Nr. 30 gerade')}"
    )
    assert "synthetische Beispieldaten" in page, "the sample's page says the streets are invented"
    # A–Z: "Am Lindenhof" before "Große Weißdornstraße" before "Kohlenweg" before "Zechenstraße Süd"
    order = [
        page.index(f"- **{n}**") for n in ("Am Lindenhof", "Große Weißdornstraße", "Kohlenweg", "Zechenstraße Süd")
    ]
    assert order == sorted(order)
    box = search_box(sample_site, "sozialraeume/04.md")
    assert (box["action"], box["data"]) == ("../../strassen/", "../../assets/data/strassen.json")


# --- hostile street names -------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    path = H.write_hostile_release(tmp_path_factory.mktemp("hostile-streets") / "release")
    raw, problems = load.read(path)
    problems += check.check(raw)
    assert [p for p in problems if p.is_error] == []
    release = load.typed(raw)
    return Site(release, package.tables(release, compute(release)), [], {})


def _html(markdown_text: str) -> lxml.html.HtmlElement:
    body = markdown_text.split("\n---\n", 1)[1]
    out = markdown.markdown(body, extensions=["admonition", "attr_list", "md_in_html", "tables", "toc"])
    return lxml.html.fromstring(f"<div>{out}</div>")


def test_hostile_street_names_stay_text_on_the_page_in_the_box_and_in_the_data(hostile_site):
    tree = _html(street_pages(hostile_site)["strassen.md"])
    assert [s.get("src") for s in tree.iter("script")] == ["../assets/js/sozmon-streets.js"]
    assert not [e for e in tree.iter() if any(a.startswith("on") for a in e.attrib)]
    assert not [e for e in tree.iter("img", "b", "iframe")]
    assert not [a for a in tree.iter("a") if "javascript" in (a.get("href") or "").lower()]
    items = [" ".join(li.text_content().split()) for li in tree.iter("li")]
    for name in {r[0] for r in H.STREETS}:
        assert any(item.startswith(" ".join(name.split())) for item in items), name
    # the hint quotes the first street A–Z ('#' before letters), which has no number
    hint = tree.get_element_by_id("sozmon-strassen-hinweis").text_content()
    assert hint == "Zum Beispiel „# Platz ---“ oder eine Postleitzahl mit fünf Ziffern."
    data = json.loads(street_files(hostile_site)[DATA])
    assert {s[0] for s in data["streets"]} == {r[0] for r in H.STREETS}


# --- in the browser: the Done-when of issue 12 ----------------------------------------


def _search(page, query: str):
    box = page.get_by_label(LABEL)
    box.fill(query)
    return page.locator(".sozmon-strassensuche-ergebnis")


def test_five_addresses_typed_into_the_box_open_the_right_area_page(server, browser):
    _, base = server
    page = browser.new_page(viewport={"width": 360, "height": 800})
    addresses = [
        # Kohlenweg,45889,2,28,gerade,02 → 12 is even and in 2–28
        ("Kohlenweg 12", "sozialraeume/02/"),
        # Kohlenweg,45889,25,29,ungerade,04 → the split street's second area
        ("Kohlenweg 27", "sozialraeume/04/"),
        # Zechenstraße Süd,45889,1,32,alle,03 → typed with "str."
        ("Zechenstr. Süd 3", "sozialraeume/03/"),
        # Große Weißdornstraße,45888,1,28,alle,05 → typed with "ss" for "ß"
        ("Grosse Weissdornstrasse 5", "sozialraeume/05/"),
        # Am Lindenhof,45879,1,32,alle,01 → lower case, a letter after the number
        ("am lindenhof 7a", "sozialraeume/01/"),
    ]
    try:
        for query, area in addresses:
            page.goto(base)
            _search(page, query)
            page.get_by_label(LABEL).press("Enter")
            page.wait_for_url(urljoin(base, area))
        # on an area page: Schlägel-und-Eisen-Weg,45888,1,22,alle,08, typed with ae and spaces
        page.goto(urljoin(base, "sozialraeume/36/"))
        _search(page, "schlaegel und eisen weg 4")
        page.get_by_label(LABEL).press("Enter")
        page.wait_for_url(urljoin(base, "sozialraeume/08/"))
    finally:
        page.close()


def test_a_split_street_asks_for_the_number_and_a_postcode_lists_its_areas(server, browser):
    _, base = server
    page = browser.new_page()
    try:
        page.goto(base)
        result = _search(page, "kohlenweg")
        assert result.get_attribute("aria-live") == "polite"
        page.wait_for_function("() => document.querySelectorAll('.sozmon-strassensuche-ergebnis li').length")
        text = " ".join(result.inner_text().split())
        assert "Kohlenweg liegt in mehreren Sozialräumen. Bitte die Hausnummer angeben:" in text
        assert "Bismarck-Nord: Nr. 1–23 ungerade, Nr. 2–28 gerade" in text
        assert "Bismarck-West: Nr. 25–29 ungerade, Nr. 30 gerade" in text
        # Enter does not guess: the page stays until a number or a choice
        page.get_by_label(LABEL).press("Enter")
        page.wait_for_timeout(300)
        assert page.url == base
        # the postcode 45881: its rows name the areas 11, 12 and 13 (Schalke-Ost, -West, -Nord)
        _search(page, "45881")
        page.wait_for_function(
            "() => document.querySelector('.sozmon-strassensuche-ergebnis p').textContent.includes('45881')"
        )
        names = page.locator(".sozmon-strassensuche-ergebnis a").all_inner_texts()
        assert names == ["Schalke-Nord", "Schalke-Ost", "Schalke-West"]
        # keyboard: down into the list, down again, Enter opens that area
        page.get_by_label(LABEL).press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url(urljoin(base, "sozialraeume/11/"))
    finally:
        page.close()


def test_the_script_normalises_like_the_directory(server, browser):
    _, base = server
    page = browser.new_page()
    try:
        page.goto(base)
        page.wait_for_function("() => window.sozmonStreets")
        keys = page.evaluate(
            "names => names.map(n => window.sozmonStreets.normalize(n))",
            ["Zechenstr. Süd", "GROSSE WEISSDORN-STRASSE", "Schlägel und Eisen Weg", "Strandweg"],
        )
        assert keys == ["zechenstrsued", "grosseweissdornstr", "schlaegelundeisenweg", "strandweg"]
        assert page.evaluate("window.sozmonStreets.parse('kohlenweg12')") == {"street": "kohlenweg", "number": 12}
        # the data arrive only when the box is used (no request before the first focus)
        assert not page.evaluate("performance.getEntriesByType('resource').some(e => e.name.includes('strassen.json'))")
    finally:
        page.close()


def test_without_javascript_the_form_leads_to_the_a_to_z_list(server, browser):
    _, base = server
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base)
        page.get_by_label(LABEL).fill("Kohlenweg 27")
        page.get_by_role("button", name="Suchen", exact=True).click()
        page.wait_for_url(urljoin(base, "strassen/?adresse=Kohlenweg+27"))
        item = page.locator("li", has_text="Kohlenweg (45889)")
        assert item.get_by_role("link", name="Bismarck-West").get_attribute("href") == "../sozialraeume/04/"
    finally:
        context.close()
    # the same link with JavaScript: the box on the A–Z page answers the query it carries
    page = browser.new_page()
    try:
        page.goto(urljoin(base, "strassen/?adresse=Kohlenweg+27"))
        result = page.locator(".sozmon-strassensuche-ergebnis")
        result.get_by_role("link", name="Bismarck-West").wait_for()
        assert "Kohlenweg 27: Sozialraum Bismarck-West." in result.inner_text()
        assert page.get_by_label(LABEL).input_value() == "Kohlenweg 27"
    finally:
        page.close()


def test_the_box_with_an_answer_passes_axe_at_360_px(server, browser):
    from test_accessibility import AXE_RUN, TAGS, axe_script

    _, base = server
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(base)
        _search(page, "kohlen")
        page.wait_for_function("() => document.querySelectorAll('.sozmon-strassensuche-ergebnis button').length")
        page.add_script_tag(path=str(axe_script()))
        result = page.evaluate(AXE_RUN, TAGS)
        assert result["violations"] == []
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, "no sideways scrolling on a phone"
    finally:
        page.close()
