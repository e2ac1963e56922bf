"""A release whose every text is an attack builds a site on which nothing from it runs.

tools/hostile_release.py puts scripts, event handlers, quotes, `javascript:` links,
formula starts and YAML breakers into every name, unit, source, description, setting and
the changelog. Each page is loaded in Chromium: no dialog, no script from the data, no
handler or `javascript:` link, and every title and description reads as the literal text.
"""

from __future__ import annotations

import functools
import re
import threading
import zipfile
from http.server import ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import lxml.html
import pytest
import yaml

from tests.conftest import (
    CACHE,
    ENGINES,
    REPO,
    Quiet,
    build_with,
    engine_of,
    make_charts_interactive,
    search,
    search_documents,
    site_pages,
)
from tools import hostile_release as H

AREAS = {f"A{i:04d}": name for i, name in enumerate(H.AREA_NAMES, 1)}
LAGE = H.INDICES[0]
# A dimension's name comes from dimensionen.csv unless its index definition gives one.
DIMENSION_NAMES = {d["id"]: d.get("name") or H.DIMENSIONS[d["id"]][0] for d in LAGE["dimensions"]}
SUBJECTS = {
    **{f"sozialraeume/{k}": v for k, v in AREAS.items()},
    **{f"indizes/lage/dimensionen/{k}": v for k, v in DIMENSION_NAMES.items()},
    **{f"indizes/{i['id']}": i["name"] for i in H.INDICES},
    **{f"typologien/{t['id']}": t["name"] for t in H.TYPOLOGIES},
    **{f"indikatoren/{k}": v[0] for k, v in H.INDICATORS.items()},
    **{f"verteilung/{a['id']}": a["name"] for a in H.ALLOCATIONS},
}
SITE_NAME = H.SETTINGS["title"]  # site.config(): the publication's title

# Anything in the DOM that would run or lead to code.
DANGER = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const value = a.value.trim().toLowerCase();
      if (a.name.startsWith('on')) found.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name) && value.startsWith('javascript:'))
        found.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
    if (el.tagName === 'SCRIPT' && el.textContent.includes('__pwned')) found.push('script: ' + el.textContent);
    if (el.tagName === 'IFRAME') found.push('iframe');
    if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') found.push('img src=x');
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(output folder, base URL) of the hostile release's site."""
    from sozmon import pipeline

    tmp = tmp_path_factory.mktemp("hostile")
    data = H.write_hostile_release(tmp / "release")
    site = pipeline.build_site(data, tmp / "out", REPO / "docs", REPO / "mkdocs.yml", cache=CACHE)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield tmp / "out", f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module", params=ENGINES)
def hostile_site(request, hostile, tmp_path_factory):
    """(output folder, base URL) of the hostile site as each engine builds it from the same
    docs/ and configuration (ids "mkdocs", "zensical"): theme/ must escape on both."""
    if request.param == "mkdocs":
        yield hostile
        return
    target = tmp_path_factory.mktemp(f"hostile-{request.param}")
    site = build_with(request.param, hostile[0], target)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield target, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def _front(out: Path, page: str) -> dict:
    """The front matter of a page's Markdown source (docs/<page>.md or …/index.md)."""
    docs = out / "docs"
    source = docs / f"{page}.md" if (docs / f"{page}.md").is_file() else docs / page / "index.md"
    text = source.read_text(encoding="utf-8")
    assert text.startswith("---\n"), page
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_every_page_shows_the_literal_texts_and_runs_nothing_from_the_data(hostile_site, browser):
    out, base = hostile_site
    pages = site_pages(out / "site")
    assert set(SUBJECTS) <= set(pages)
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    problems = {}
    for path in pages:
        front = _front(out, path or "index")
        page.goto(base + (path + "/" if path else ""))
        page.wait_for_load_state("load")
        interactive = ("", "sozialraeume/A0001", "indizes/lage", "indizes/lage/dimensionen/wohnen", "typologien/typ")
        if path in (*interactive, "indikatoren/wohnen_1"):
            make_charts_interactive(page)
            for figure in page.locator(".sozmon-chart").all():
                box = figure.bounding_box()
                for fx in (0.3, 0.5, 0.7):
                    page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * 0.5)
        found = page.evaluate(DANGER)
        if page.evaluate("typeof window.__pwned") != "undefined":
            found.append("window.__pwned is set")
        if found:
            problems[path] = found

        doc = lxml.html.fromstring(page.content())
        descriptions = doc.xpath('//meta[@name="description"]/@content')
        assert descriptions == [front["description"]], path
        expected = SUBJECTS.get(path)
        title = doc.xpath("string(//title)")
        if expected is not None:
            assert front["title"] == expected, path
            assert _squash(doc.xpath("string(//article//h1)")) == _squash(expected), path
            assert title.startswith(expected + " - "), path
            assert doc.xpath('//meta[@property="og:title"]/@content') == [expected], path
        elif path == "":
            assert title == front["title"] == H.SETTINGS["title"]
            heading = doc.xpath("string(//article//h1)")
            assert _squash(heading) == _squash(H.SETTINGS["title"])
            text = _squash(doc.xpath("string(//article)"))
            assert _squash(H.TYPOLOGIES[0]["description"]) in text  # the typology leads
            assert _squash(LAGE["name"]) in text
        else:  # our own pages: the title from the front matter or mkdocs.yml's nav
            assert title.endswith(" - " + SITE_NAME) and "&lt;" not in title, path
        assert doc.xpath('//meta[@property="og:site_name"]/@content') == [SITE_NAME], path
        if path == "indizes/lage/dimensionen/wohnen":
            assert _squash(H.DIMENSIONS["wohnen"][1]) in _squash(front["description"])
        if path == "typologien/typ":  # class labels and the type label are release texts too
            text = _squash(doc.xpath("string(//article)"))
            labels = LAGE["method"]["classes"]["labels"]
            assert all(_squash(label) in text for label in labels)
    context.close()
    assert dialogs == []
    assert problems == {}


def test_search_shows_hostile_titles_as_text(hostile_site, browser):
    out, base = hostile_site
    engine = engine_of(out / "site")
    allowed = {"code", "em", "strong", "mark", "b", "i", "sub", "sup", "span"}
    for doc in search_documents(out / "site"):
        fragment = lxml.html.fragment_fromstring(doc["title"] or " ", create_parent="div")
        assert {el.tag for el in fragment.iterdescendants()} <= allowed, doc["title"]
    page = browser.new_page()
    page.on("dialog", lambda d: d.dismiss())
    page.goto(base)
    page.set_viewport_size({"width": 1280, "height": 800})  # the search field is in the header
    search(page, engine, "Gebiet")  # Material reads keys, so the words are typed
    title = {"mkdocs": ".md-search-result__article h1", "zensical": "dialog [role=option] h2"}[engine]
    titles = {_squash(t) for t in page.locator(title).all_text_contents()}
    # The names with HTML in them, shown as text (lunr finds "+Gebiet 2" and "@Gebiet 4" under other words).
    assert {_squash(AREAS["A0001"]), _squash(AREAS["A0005"])} <= titles
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate(DANGER) == []
    page.close()


def test_the_changelog_keeps_its_text_and_loses_its_html(hostile):
    out, _ = hostile
    doc = lxml.html.fromstring((out / "site" / "index.html").read_text(encoding="utf-8"))
    article = doc.xpath("//article")[0]
    changelog = article.xpath(".//div[@class='sozmon-changelog']")
    assert len(changelog) == 1
    assert [_squash(h.text_content()) for h in changelog[0].xpath(".//h2 | .//h3")] == [
        "Änderungen",
        f'Abschnitt "{H.QUOTES}"',
    ]
    assert changelog[0].xpath(".//a[text()='guter Link']/@href") == ["https://example.org/"]
    assert changelog[0].xpath(".//a[text()='Link' or text()='a']/@href") == []
    assert changelog[0].xpath(".//script | .//iframe | .//img | .//*[@onmouseover]") == []
    # Text left over from removed HTML stays text, never a link.
    assert "[versteckt](javascript:window.__pwned=1)" in _squash(changelog[0].text_content())


def test_the_xlsx_holds_no_formula_and_the_names_as_text(hostile):
    out, _ = hostile
    books = sorted((out / "site" / "daten").glob("*.xlsx"))
    assert books
    for book in books:
        with zipfile.ZipFile(book) as z:
            xml = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/") and n.endswith(".xml")}
        sheets = {n: x for n, x in xml.items() if n.startswith("xl/worksheets/")}
        assert sheets
        assert [n for n, x in sheets.items() if re.search(r"<(\w+:)?f[ >]", x)] == []
        strings = "".join(xml.values())
        # the definitions' texts are cells too: an index name and a class label, as text
        for text in (H.INDICES[0]["name"], H.INDICES[0]["method"]["classes"]["labels"][0], H.ALLOCATIONS[0]["name"]):
            assert xml_escape(text, {'"': "&quot;"}) in strings or xml_escape(text) in strings, text
        assert (
            "=HYPERLINK(&quot;https://example.org/&quot;,&quot;klick&quot;) Gebiet 1" in strings
            or '=HYPERLINK("https://example.org/","klick") Gebiet 1' in strings
        )
