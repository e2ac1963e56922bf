"""Leichte Sprache and German Sign Language (BITV 2.0 § 4): the page, the area summaries,
the links on every page, and the settings slot for the DGS video."""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import replace
from http.server import ThreadingHTTPServer
from urllib.parse import urljoin

import lxml.html
import pytest
import yaml

from sozmon import package, pipeline, routes, settings, texts
from sozmon.pages import Site, easy
from tests.conftest import CACHE, REPO, Quiet, site_pages
from tools import hostile_release as H

SAMPLE = REPO / "datapackage"
E = texts.EASY

# Hostile DGS settings: the text tries to run a script and to break out of every place it
# lands; the address is an allowed https address with quotes, parentheses and '&'.
DGS_TEXT = f"Das Video erklärt {H.SCRIPT} {H.IMG} {H.LINK} {H.QUOTES}\n\nZweiter Absatz {H.YAML_BREAK}"
DGS_URL = "https://example.org/dgs?a='x'&b=(1)#t"


@pytest.fixture(scope="module")
def sample_site() -> Site:
    """The sample release's pages without charts or MkDocs: enough for the texts."""
    release, problems = pipeline.open_release(SAMPLE)
    assert release is not None, problems
    return Site(release, package.tables(release, pipeline.results(release)), [], {})


# --- the settings slot -----------------------------------------------------------------


def _problems(**publication) -> list[tuple[str, str | None]]:
    _, problems = settings.from_dict({"publication": publication})
    return [(p.code, p.field) for p in problems]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:window.__pwned=1",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/dgs.mp4",
        "../dgs.mp4",
        "medien/../../dgs.mp4",
        "/medien/dgs.mp4",
        'https://example.org/x"><script>',
        "https://user@evil.example/",
        "ftp://example.org/dgs.mp4",
    ],
)
def test_a_sign_language_address_that_is_not_a_site_file_or_web_address_is_refused(url):
    assert ("settings-sign-language-url", "publication.sign_language_url") in _problems(
        sign_language_url=url, sign_language_text="Text"
    )


@pytest.mark.parametrize("url", ["medien/dgs.mp4", "https://www.stadt.example/dgs", DGS_URL, "http://x.example/"])
def test_a_site_file_or_a_web_address_is_allowed(url):
    assert _problems(sign_language_url=url, sign_language_text="Text") == []


def test_a_video_needs_its_text_alternative_and_a_text_needs_its_video():
    assert _problems(sign_language_url="medien/dgs.mp4") == [
        ("settings-sign-language-text", "publication.sign_language_text")
    ]
    assert _problems(sign_language_text="Text") == [
        ("settings-sign-language-url-missing", "publication.sign_language_url")
    ]
    assert _problems() == []


def test_the_settings_are_documented_for_data_owners():
    text = (REPO / "docs" / "einstellungen.md").read_text(encoding="utf-8")
    assert "`publication.sign_language_url`" in text and "`publication.sign_language_text`" in text


# --- the texts -------------------------------------------------------------------------

NUMBER_WORDS = re.compile(r"\b(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)\b", re.IGNORECASE)
KONJUNKTIV = re.compile(r"\b(würden?|könnten?|hätten?|wären?|sollten?|müssten?|dürften?)\b", re.IGNORECASE)
PASSIVE = re.compile(r"\b(wird|werden|wurde|wurden)\b", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def _lines_of(element) -> list[str]:
    """The sentences of a Leichte-Sprache block: its paragraphs and list items, each line apart."""
    out = []
    for block in element.xpath(".//p | .//li"):
        html = lxml.html.tostring(block, encoding="unicode")
        for part in re.split(r"<br\s*/?>", html):
            out += _sentences(lxml.html.fromstring(f"<div>{part}</div>").text_content())
    return out


def _check_rules(sentences: list[str]) -> list[str]:
    """What breaks the rules the tests can check: > 15 words, a percentage, a number in
    words, a Konjunktiv, a passive."""
    bad = []
    for s in sentences:
        if len(s.split()) > 15:
            bad.append(f"{len(s.split())} Wörter: {s}")
        if "%" in s or "Prozent" in s:
            bad.append(f"Prozent: {s}")
        if NUMBER_WORDS.search(s) or KONJUNKTIV.search(s) or PASSIVE.search(s):
            bad.append(f"Zahlwort, Konjunktiv oder Passiv: {s}")
    return bad


def test_every_text_of_the_section_keeps_the_rules():
    """Every sentence template, with a long release name put in, stays within the rules."""
    sentences = []

    def walk(value):
        if isinstance(value, str):
            sentences.extend(_sentences(value))
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for key, value in E.items():
        if not key.startswith("dgs_") and key not in ("description",):  # the DGS page is plain German
            walk(value)
    assert len(sentences) > 100
    assert _check_rules(sentences) == []


def test_the_page_names_the_city_the_indices_their_topics_and_classes(sample_site):
    release = sample_site.release
    markdown = easy.easy_pages(sample_site)[routes.EASY]
    text = markdown.replace("\\", "")  # Markdown escapes
    assert "Diese Internet-Seite ist über die Stadt Gelsenkirchen." in text
    assert "Gelsenkirchen hat 40 Sozial-Räume." in text
    for name in ("Partizipation von Kindern", "Entwicklung der Partizipation von Kindern"):
        assert f"- {name}\n" in text
    assert "- Lebenslage älterer Menschen\n" in text
    assert "- Wirtschaftliche Lage von Kindern\n" in text  # a dimension (dimensionen.csv)
    assert "- sehr niedrig\n" in text and "- negativ\n" in text  # the classes of two schemes
    assert "Es sind nicht die echten Zahlen von Gelsenkirchen." in text  # synthetic
    # BITV 2.0 § 4 (1) 1–4: content, navigation, the accessibility statement, more LS/DGS
    for key in ("about_title", "nav_title", "access_title", "more_title"):
        assert f"## {E[key]}" in text
    assert "(barrierefreiheit.md)" in text and "(vergleich.md)" in text and "(sozialraeume/index.md)" in text
    assert '<a href="mailto:beispiel@example.org">' in text
    # the sample has no DGS video: no word of it
    assert "Gebärden" not in text and routes.SIGN_LANGUAGE not in easy.easy_pages(sample_site)
    assert release.settings.publication.sign_language_url == ""


def test_area_summaries_say_each_class_and_better_or_worse_than_the_middle(sample_site):
    """Hand-checked from the sample's index_werte.csv and typologie_werte.csv (2024):
    01 Altstadt (Stadtteil Altstadt, Bezirk Mitte): kinder 'sehr niedrig' (−1,53),
       kinder-dynamik 'negativ' (−1,36), aeltere 'mittel' (−0,31); attention: true.
    14 Buer-Nord (Buer, Nord): kinder 'sehr hoch' (1,03), kinder-dynamik 'stabil' (0,63),
       aeltere 'hoch' (0,75); attention: false.
    The middle class holds 0 (cuts −1, −0,5, 0,5, 1 → 'mittel'; −1, 1 → 'stabil')."""
    first = easy.area_summary(sample_site, "01", "sozialraeume/01.md")["lines"]
    assert first[:3] == [
        "Der Sozial-Raum Altstadt ist in Gelsenkirchen.",
        "Er gehört zum Stadt-Teil Altstadt.",
        "Er gehört zum Stadt-Bezirk Mitte.",
    ]
    assert "Achtung: Die Zahlen sind ausgedacht." in first
    at = first.index("Beim Index „Partizipation von Kindern“ hat der Sozial-Raum die Stufe: sehr niedrig.")
    assert first[at + 1] == "Das ist schlechter als die Mitte von allen Sozial-Räumen."
    dynamics = "Beim Index „Entwicklung der Partizipation von Kindern“ hat der Sozial-Raum die Stufe: negativ."
    assert first[at + 2] == dynamics
    assert first[at + 3] == "Die Entwicklung ist schlechter als die Mitte von allen Sozial-Räumen."
    assert first[at + 4] == "Beim Index „Lebenslage älterer Menschen“ hat der Sozial-Raum die Stufe: mittel."
    assert first[at + 5] == "Das ist ungefähr die Mitte von allen Sozial-Räumen."
    assert "Der Sozial-Raum hat den Hinweis: besondere Aufmerksamkeit." in first
    assert "Die Stufen sagen nichts über die Menschen hier." in first

    north = easy.area_summary(sample_site, "14", "sozialraeume/14.md")["lines"]
    at = north.index("Beim Index „Partizipation von Kindern“ hat der Sozial-Raum die Stufe: sehr hoch.")
    assert north[at + 1] == "Das ist besser als die Mitte von allen Sozial-Räumen."
    assert north[at + 3] == "Die Entwicklung ist ungefähr wie die Mitte von allen Sozial-Räumen."
    assert north[at + 5] == "Das ist besser als die Mitte von allen Sozial-Räumen."
    assert not any("Aufmerksamkeit" in line for line in north)


@pytest.mark.parametrize(
    ("cuts", "boundary", "middle"),
    [
        ((-1.0, -0.5, 0.5, 1.0), (), 2),
        ((-1.0, 1.0), (), 1),
        ((0.0, 1.0), ("oben", "oben"), 1),  # 0 on a cut that belongs to the upper class
        ((0.0, 1.0), ("unten", "oben"), 0),
    ],
)
def test_the_middle_class_is_the_one_that_holds_the_mean(sample_site, cuts, boundary, middle):
    spec = sample_site.release.indices[0]
    labels = tuple(f"k{i}" for i in range(len(cuts) + 1))
    classes = replace(spec.classes, cuts=cuts, labels=labels, boundary=boundary)
    assert easy.middle_class(replace(spec, method=replace(spec.method, classes=classes))) == middle


def test_a_missing_value_is_said_without_a_class(sample_site):
    rows = sample_site.tables["index_werte"]
    gone = rows.assign(wert=rows["wert"].where(~((rows["sozialraum_id"] == "01") & (rows["index_id"] == "aeltere"))))
    site = Site(sample_site.release, {**sample_site.tables, "index_werte": gone}, [], {})
    lines = easy.area_summary(site, "01", "sozialraeume/01.md")["lines"]
    assert "Beim Index „Lebenslage älterer Menschen“ fehlt für 2024 die Zahl." in lines
    assert not any("Lebenslage älterer Menschen“ hat" in line for line in lines)


# --- the built sample site -------------------------------------------------------------


def _footer_links(doc) -> dict[str, str]:
    return {a.text_content().strip(): a.get("href") for a in doc.xpath("//nav[@class='sozmon-leicht-links']//a")}


def test_every_page_links_the_leichte_sprache_page_and_no_dgs_page(server):
    site, base = server
    pages = site_pages(site)
    assert routes.url(routes.EASY).rstrip("/") in pages
    assert len(pages) > 100
    for path in pages:
        doc = lxml.html.fromstring((site / path / "index.html").read_bytes())
        links = _footer_links(doc)
        assert list(links) == [E["link"]], path
        assert urljoin(f"{base}{path}/" if path else base, links[E["link"]]) == base + "leichte-sprache/", path
    assert not (site / "gebaerdensprache").exists()


def test_the_start_page_names_leichte_sprache_near_the_top(server):
    site, _ = server
    doc = lxml.html.fromstring((site / "index.html").read_bytes())
    line = doc.xpath("//article//p[@class='sozmon-leicht-start']")
    assert len(line) == 1
    assert line[0].text_content() == "Informationen in Leichter Sprache."
    assert line[0].xpath(".//a/@href") == ["leichte-sprache/"]
    # near the top: right under the page's heading, before any section heading
    assert line[0].xpath("count(preceding::h1)") == 1 and line[0].xpath("count(preceding::h2)") == 0


def test_no_sentence_of_the_built_texts_has_more_than_15_words(server):
    """Over the Leichte-Sprache page and the summary on every area page."""
    site, _ = server
    easy_page = lxml.html.fromstring((site / "leichte-sprache" / "index.html").read_bytes())
    sentences = _lines_of(easy_page.xpath("//div[@class='sozmon-leicht']")[0])
    assert len(sentences) > 80
    areas = [p for p in site_pages(site) if p.startswith("sozialraeume/")]
    assert len(areas) == 40
    for path in areas:
        doc = lxml.html.fromstring((site / path / "index.html").read_bytes())
        (summary,) = doc.xpath("//details[@class='sozmon-leicht']")
        assert summary.xpath("string(summary)") == E["summary_title"]
        lines = _lines_of(summary)
        assert lines[-1] == E["summary_more"], path
        sentences += lines[:-1]
    assert _check_rules(sentences) == []


def test_the_footer_link_is_seen_and_followed_on_a_phone(server, browser):
    _, base = server
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(base + "sozialraeume/14/")
    link = page.locator(".sozmon-leicht-links a", has_text=E["link"])
    link.scroll_into_view_if_needed()
    assert link.is_visible()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] >= 24  # WCAG 2.5.8 target size
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(base + "leichte-sprache/")
    assert page.locator("article h1").inner_text() == E["heading"]
    page.close()


# --- a hostile release with a DGS video ------------------------------------------------


@pytest.fixture(scope="module")
def dgs_site(tmp_path_factory):
    """(site folder, base URL) of the hostile release with hostile DGS settings."""
    tmp = tmp_path_factory.mktemp("dgs")
    data = H.write_hostile_release(tmp / "release")
    config = yaml.safe_load((data / "sozmon.yml").read_text(encoding="utf-8"))
    config["publication"].update(sign_language_url=DGS_URL, sign_language_text=DGS_TEXT)
    (data / "sozmon.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = pipeline.build_site(data, tmp / "out", REPO / "docs", REPO / "mkdocs.yml", cache=CACHE)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_with_a_video_every_page_links_it_and_its_page_shows_the_literal_text(dgs_site):
    site, base = dgs_site
    for path in site_pages(site):
        doc = lxml.html.fromstring((site / path / "index.html").read_bytes())
        links = _footer_links(doc)
        assert list(links) == [E["link"], E["dgs_link"]], path
        here = f"{base}{path}/" if path else base
        assert urljoin(here, links[E["dgs_link"]]) == base + "gebaerdensprache/", path
    doc = lxml.html.fromstring((site / "gebaerdensprache" / "index.html").read_bytes())
    article = doc.xpath("//article")[0]
    assert article.xpath(".//a[@href=$u]", u=DGS_URL)[0].text_content() == E["dgs_web"]
    paragraphs = [" ".join(p.text_content().split()) for p in article.xpath(".//p")]
    for part in DGS_TEXT.split("\n\n"):
        assert " ".join(part.split()) in paragraphs
    assert not article.xpath(".//script | .//img | .//*[@onerror] | .//a[starts-with(@href, 'javascript')]")
    assert "__pwned" not in "".join(article.xpath(".//@*"))
    # the start page and the Leichte-Sprache page point to it too
    start = lxml.html.fromstring((site / "index.html").read_bytes())
    assert start.xpath("//p[@class='sozmon-leicht-start']//a/@href") == ["leichte-sprache/", "gebaerdensprache/"]
    easy_page = lxml.html.fromstring((site / "leichte-sprache" / "index.html").read_bytes())
    assert easy_page.xpath("//div[@class='sozmon-leicht']//a[@href='../gebaerdensprache/']")


def test_hostile_names_stay_literal_in_leichte_sprache(dgs_site):
    site, _ = dgs_site
    doc = lxml.html.fromstring((site / "leichte-sprache" / "index.html").read_bytes())
    body = doc.xpath("//div[@class='sozmon-leicht']")[0]
    text = " ".join(body.text_content().split())
    assert f"Diese Internet-Seite ist über die Stadt {' '.join(H.SETTINGS['city'].split())}." in text
    items = [" ".join(li.text_content().split()) for li in body.xpath(".//li")]
    for spec in H.INDICES:
        assert " ".join(spec["name"].split()) in items
    assert not body.xpath(".//script | .//img | .//*[@onerror] | .//a[starts-with(@href, 'javascript')]")
    area = lxml.html.fromstring((site / "sozialraeume" / "A0001" / "index.html").read_bytes())
    summary = area.xpath("//details[@class='sozmon-leicht']")[0]
    name = " ".join(H.AREA_NAMES[0].split())
    assert f"Der Sozial-Raum {name} ist in" in " ".join(summary.text_content().split())
    assert not summary.xpath(".//script | .//img | .//*[@onerror]")


def test_a_video_of_the_site_plays_on_the_page_and_can_be_downloaded(sample_site):
    pub = replace(sample_site.release.settings.publication, sign_language_url="medien/dgs.mp4", sign_language_text="T")
    release = replace(sample_site.release, settings=replace(sample_site.release.settings, publication=pub))
    site = Site(release, sample_site.tables, [], {})
    markdown = easy.easy_pages(site)[routes.SIGN_LANGUAGE]
    assert '<video controls preload="metadata" src="../medien/dgs.mp4"' in markdown
    assert '<a href="../medien/dgs.mp4" download>' in markdown
    assert easy.shell_links(release)["links"][1] == {"href": "gebaerdensprache/", "text": E["dgs_link"]}
