"""The second site engine (sozmon/engines.py): Zensical builds the same pages from the same
docs/ and configuration as MkDocs, with the same links, without a third-party request."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin

import lxml.html
import pytest
import yaml

from sozmon import cli
from sozmon.engines import source_relative
from tests.conftest import REPO, site_pages
from tools.synthetic_release import write_release

# --- the rewriting of raw-HTML URLs for Zensical, by hand ------------------------------
# A page `sozialraeume/01.md` is served as `sozialraeume/01/`; the generated raw HTML
# writes its URLs from there (as MkDocs leaves them). Zensical reads them from the source
# file's folder `sozialraeume/` and adds one `../`: the rewriting takes one away.


@pytest.mark.parametrize(
    ("page", "before", "after"),
    [
        ("sozialraeume/01.md", '<script defer src="../../assets/js/a.js"></script>', "../assets/js/a.js"),
        ("sozialraeume/01.md", '<a href="../02/">', "02/"),  # the next area: sozialraeume/02/
        ("sozialraeume/01.md", '<a href="./">', "01/"),  # the page itself
        ("daten.md", '<a href="gebiete.csv" download>', "daten/gebiete.csv"),  # daten/gebiete.csv
        ("daten.md", '<a href="../?q=x#y">', "./?q=x#y"),  # the start page, query and fragment kept
        ("indizes/kinder/index.md", '<img src="../../assets/a.svg" alt="">', "../../assets/a.svg"),  # index: same
        ("a/b.md", '<img alt="" srcset="../../x.svg 1x, ../../y.svg 2x">', "../x.svg 1x, ../y.svg 2x"),
        ("a/b.md", '<a href="https://example.org/x">', "https://example.org/x"),
        ("a/b.md", '<a href="#anker">', "#anker"),
        ("a/b.md", '<a href="/wurzel/">', "/wurzel/"),
        ("a/b.md", '<a href="?auswahl=01,02">', "?auswahl=01,02"),
        ("a/b.md", '<a href="mailto:a@b.de">', "mailto:a@b.de"),
        ("a/b.md", '<div data-src="../../x.json">', "../../x.json"),  # Zensical leaves data-* alone
        ("a/b.md", '<form action="../../strassen/">', "../../strassen/"),  # and form actions
    ],
)
def test_raw_html_urls_are_rewritten_from_the_output_to_the_source_folder(page, before, after):
    text, md = source_relative(f"Text\n\n{before}\n", page)
    value = re.search(r'(?:href|src|srcset|action|data-src)="([^"]*)"', text)[1]
    assert value == after
    assert md is False


def test_text_that_is_not_html_to_zensical_stays_as_it_is():
    markdown = (
        '<noscript><a href="../x/">x</a></noscript>\n'
        '<textarea readonly>&lt;iframe src="../../einbetten/k.html"&gt;</textarea>\n'
        '<textarea readonly><iframe src="../../einbetten/k.html"></iframe></textarea>\n'
        '```html\n<img src="../../a.svg">\n```\n'
        '&lt;a href="../y/"&gt; im Text\n'
    )
    assert source_relative(markdown, "a/b.md") == (markdown, False)


def test_a_link_to_a_markdown_file_is_a_download_not_a_page():
    text, md = source_relative('<a href="aenderungen.md" download>Änderungen</a>\n', "daten.md")
    assert 'href="daten/aenderungen%2Emd"' in text and md is True


# --- the sample site, built by both engines --------------------------------------------

ENGINE_OWN = re.compile(  # each engine's own scripts, styles, search index, compressed sitemap
    r"^(assets/(javascripts|stylesheets)/|search/search_index\.json$|search\.json$|sitemap\.xml\.gz$)"
)


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_both_engines_build_the_same_pages_and_files(engine_site):
    mkdocs, zensical = engine_site("mkdocs"), engine_site("zensical")
    assert site_pages(mkdocs) == site_pages(zensical)
    assert len(site_pages(zensical)) >= 40 + 5 + 17 + 5
    ours = {f for f in _files(mkdocs) if not ENGINE_OWN.match(f)}
    assert ours == {f for f in _files(zensical) if not ENGINE_OWN.match(f)}
    assert (zensical / "search.json").is_file() and (mkdocs / "search" / "search_index.json").is_file()
    assert not (zensical.parent / ".cache").exists()  # Zensical's cache does not stay in the output


REFERENCES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"))
SUB = "http://127.0.0.1/repo/"  # a site under a sub-path, as a GitHub project site


def _targets(site: Path, page: str) -> set[tuple[str, str]]:
    """Every address a page refers to (not the engine's own scripts, styles and skip link),
    resolved as a browser does for the page served under /repo/."""
    doc = lxml.html.fromstring((site / page).read_bytes())
    out = set()
    for tag, attribute in REFERENCES:
        for element in doc.iter(tag):
            value = element.get(attribute)
            if value is None or "assets/javascripts/" in value or "assets/stylesheets/" in value:
                continue
            if "md-skip" in (element.get("class") or ""):
                continue  # Material skips to the first heading, Zensical to an anchor of its own
            url = urljoin(SUB + page, value)
            if url == SUB + "index.html":  # Zensical's link home; MkDocs writes the folder
                url = SUB
            out.add((tag, unquote(url)))
    return out


def test_every_page_refers_to_the_same_addresses_on_both_engines(engine_site):
    mkdocs, zensical = engine_site("mkdocs"), engine_site("zensical")
    pages = [p.relative_to(mkdocs).as_posix() for p in sorted(mkdocs.rglob("index.html"))]
    differ = {p: _targets(mkdocs, p) ^ _targets(zensical, p) for p in pages}
    assert {p: d for p, d in differ.items() if d} == {}
    # By hand: an area page's chart script and static pictures, the data page's downloads.
    area = _targets(zensical, "sozialraeume/01/index.html")
    assert ("script", SUB + "assets/js/sozmon-charts.js") in area
    assert ("img", SUB + "assets/charts/sozialraeume/01/lage.svg") in area
    data = _targets(zensical, "daten/index.html")
    assert {("a", SUB + "daten/gebiete_werte.csv"), ("a", SUB + "daten/aenderungen.md")} <= data
    assert (zensical / "daten" / "aenderungen.md").is_file()


LOADS = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\ssrc=["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\shref=["']?(?:https?:)?//[^>]*>"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_zensical_output_loads_nothing_from_another_host(engine_site):
    """Privacy: no page or style names a resource on another host (the browser test of
    every page also records the requests); the privacy plugin had nothing to download."""
    site = engine_site("zensical")
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".css"):
            for match in LOADS.finditer(path.read_text(encoding="utf-8", errors="replace")):
                snippet = match.group(0)
                if 'rel="canonical"' not in snippet and "rel=canonical" not in snippet:
                    found.append((path.relative_to(site).as_posix(), snippet[:120]))
    assert found == []
    assert not (site / "assets" / "external").exists()
    base = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    privacy = next(p["privacy"] for p in base["plugins"] if isinstance(p, dict) and "privacy" in p)
    assert "unpkg.com/*" in privacy["assets_exclude"]  # Material's and Zensical's lazy mermaid


def test_the_theme_overrides_apply_on_zensical(engine_site):
    """sozmon/theme/ on Zensical: the synthetic notice, the print block, the escaping title,
    the keyboard drawer and the search in the header (Zensical names its plugin "search")."""
    site = engine_site("zensical")
    html = (site / "sozialraeume" / "01" / "index.html").read_text(encoding="utf-8")
    doc = lxml.html.fromstring(html)
    assert "Synthetische Beispieldaten" in doc.xpath("string(//p[@class='sozmon-notice'])")
    assert doc.xpath("//div[@class='sozmon-print' and @hidden]/p")
    assert doc.findtext(".//title").endswith("Sozialraummonitoring Gelsenkirchen – Synthetische Beispieldaten")
    assert 'var PANELS = ".md-sidebar--primary' in html or "var PANELS = '.md-sidebar--primary" in html
    assert doc.xpath("//div[@class='md-search']/button[@class='md-search__button']")
    assert doc.get("lang") == "de"


# --- the command line: `sozmon site --engine zensical` ----------------------------------


def _site(data: Path, out: Path, docs: Path) -> int:
    args = ["site", "--data", str(data), "--out", str(out), "--docs", str(docs), "--config", str(REPO / "mkdocs.yml")]
    return cli.main([*args, "--engine", "zensical"])


def test_the_command_builds_with_zensical_byte_identical_and_keeps_the_last_site_on_failure(tmp_path, capsys):
    data = write_release(tmp_path / "release", n_areas=6, dimensions={"a": 1, "b": 1}, years=range(2020, 2022))
    first, second = tmp_path / "a", tmp_path / "b"
    assert _site(data, first, REPO / "docs") == 0
    assert _site(data, second, REPO / "docs") == 0
    assert "Website mit Zensical bauen" in capsys.readouterr().out
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []
    assert (first / "site" / "sozialraeume" / "A0001" / "index.html").is_file()
    assert not (first / ".cache").exists()
    assert yaml.safe_load((first / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["variant"] == "classic"
    # docs/ stays as generated: the rewriting for Zensical is undone after the build
    source = (first / "docs" / "sozialraeume" / "A0001.md").read_text(encoding="utf-8")
    assert 'src="../../assets/js/sozmon-charts.js"' in source
    before = {p: p.read_bytes() for p in (first / "site").rglob("*.html")}
    broken = tmp_path / "docs"
    broken.mkdir()
    (broken / "impressum.md").write_text("[kaputt](gibt-es-nicht.md)\n", encoding="utf-8")
    assert _site(data, first, broken) == 1
    said = capsys.readouterr().out
    assert "Zensical konnte die Website nicht bauen" in said and "gibt-es-nicht.md" in said
    assert "\x1b[" not in said  # the engine's colours are taken out of the message
    assert {p: p.read_bytes() for p in (first / "site").rglob("*.html")} == before


def test_an_unknown_engine_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main(["site", "--out", str(tmp_path / "x"), "--engine", "hugo"])
    assert exit.value.code == 2
    assert "hugo" in capsys.readouterr().err


def test_zensicals_search_index_names_pages_as_text(tmp_path):
    """Zensical 0.0.73 writes page titles into the result paths of search.json unescaped,
    and its search dialog renders them as HTML (a release name with <script> ran)."""
    from sozmon.engines import finish

    index = tmp_path / "search.json"
    item = {"location": "a/", "title": "&lt;b&gt;A&lt;/b&gt;", "text": "", "path": ["<script>x</script> & y"]}
    index.write_text(json.dumps({"config": {}, "items": [item]}), encoding="utf-8")
    finish("zensical", tmp_path)
    written = json.loads(index.read_text(encoding="utf-8"))["items"][0]
    assert written["path"] == ["&lt;script&gt;x&lt;/script&gt; &amp; y"]
    assert written["title"] == "&lt;b&gt;A&lt;/b&gt;"  # already HTML: left as it is
