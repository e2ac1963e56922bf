"""The whole site builds with MkDocs --strict, for the sample and for another shape."""

from __future__ import annotations

from pathlib import Path

from sozmon import cli, pipeline
from tools.synthetic_release import write_release

REPO = Path(__file__).resolve().parents[1]


def test_a_release_of_another_shape_builds_a_complete_site(tmp_path):
    data = write_release(
        tmp_path / "anders",
        n_areas=9,
        dimensions={"arbeit": 2, "umwelt": 3, "kultur": 1},
        years=range(2019, 2022),
        id_prefix="Z",
        groups=False,
    )
    site = pipeline.build_site(data, tmp_path / "out", REPO / "docs", REPO / "mkdocs.yml")
    areas = sorted(p.name for p in (site / "sozialraeume").iterdir() if p.is_dir())
    assert areas == [f"Z{i:04d}" for i in range(1, 10)]
    # a v1 release (no index definitions): one index `status` from the catalogue's dimensions
    dimensions = site / "indizes" / "status" / "dimensionen"
    assert sorted(p.name for p in dimensions.iterdir() if p.is_dir()) == ["arbeit", "kultur", "umwelt"]
    assert len([p for p in (site / "indikatoren").iterdir() if p.is_dir()]) == 2 + 3 + 1 + 1
    assert (site / "daten" / "datapackage.json").is_file()
    assert (site / "assets" / "js" / "vega.js").stat().st_size > 500_000
    page = (site / "sozialraeume" / "Z0001" / "index.html").read_text(encoding="utf-8")
    assert (
        "Synthetische Beispieldaten" in page and "assets/charts/sozialraeume/Z0001/status/dimensionen.vl.json" in page
    )


def _site_command(data: Path, out: Path, docs: Path) -> int:
    """`sozmon site` as a user runs it, with the project's mkdocs.yml."""
    return cli.main(
        ["site", "--data", str(data), "--out", str(out), "--docs", str(docs), "--config", str(REPO / "mkdocs.yml")]
    )


def test_site_failure_leaves_the_last_site_untouched(tmp_path, capsys):
    data = write_release(tmp_path / "release", n_areas=6, dimensions={"a": 1, "b": 1}, years=range(2020, 2022))
    out = tmp_path / "out"
    assert _site_command(data, out, REPO / "docs") == 0
    before = {p: p.read_bytes() for p in (out / "site").rglob("*.html")}
    broken_docs = tmp_path / "docs"
    broken_docs.mkdir()
    (broken_docs / "impressum.md").write_text("[kaputt](gibt-es-nicht.md)\n", encoding="utf-8")
    assert _site_command(data, out, broken_docs) == 1
    assert "MkDocs konnte die Website nicht bauen" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in (out / "site").rglob("*.html")} == before


def test_two_site_builds_are_byte_identical(tmp_path):
    data = write_release(tmp_path / "release", n_areas=7, dimensions={"a": 2, "b": 1}, years=range(2020, 2023))
    first = pipeline.build_site(data, tmp_path / "a", REPO / "docs", REPO / "mkdocs.yml")
    second = pipeline.build_site(data, tmp_path / "b", REPO / "docs", REPO / "mkdocs.yml")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_a_site_url_gives_sitemap_canonical_links_and_link_previews(tmp_path):
    import lxml.etree
    import lxml.html
    import yaml

    data = write_release(tmp_path / "release", n_areas=4, dimensions={"a": 1}, years=range(2020, 2022))
    settings = yaml.safe_load((data / "sozmon.yml").read_text(encoding="utf-8"))
    settings["publication"]["site_url"] = "https://example.org/stadt/"
    (data / "sozmon.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    site = pipeline.build_site(data, tmp_path / "out", REPO / "docs", REPO / "mkdocs.yml")
    pages = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))
    expected = sorted("https://example.org/stadt/" + ("" if p == "./" else p) for p in pages)
    sitemap = lxml.etree.fromstring((site / "sitemap.xml").read_bytes())
    assert sorted(sitemap.xpath("//*[local-name()='loc']/text()")) == expected
    head = lxml.html.fromstring((site / "sozialraeume" / "A0002" / "index.html").read_bytes()).head
    meta = {m.get("property") or m.get("name"): m.get("content") for m in head.iter("meta")}
    assert head.xpath("link[@rel='canonical']/@href") == ["https://example.org/stadt/sozialraeume/A0002/"]
    assert meta["og:url"] == "https://example.org/stadt/sozialraeume/A0002/"
    assert meta["og:title"] == "Gebiet 2" and meta["og:type"] == "website" and meta["og:locale"] == "de_DE"
    # the site name: publication.title, else the release's own title (synthetic_release writes it)
    assert meta["og:site_name"] == "Synthetische Testdaten – Beispielstadt"
    assert meta["og:description"] == meta["description"] and "Gebiet 2" in meta["description"]
    # an area page's own preview is its locator map (share.og_image); other pages show the site's
    assert meta["og:image"] == "https://example.org/stadt/assets/charts/sozialraeume/A0002/lage.vorschau.png"
    start = lxml.html.fromstring((site / "index.html").read_bytes()).head
    assert start.xpath("meta[@property='og:image']/@content") == [
        "https://example.org/stadt/assets/images/vorschau.png"
    ]
    assert (meta["og:image:width"], meta["og:image:height"], meta["twitter:card"]) == (
        "1200",
        "630",
        "summary_large_image",
    )
    png = (site / "assets" / "images" / "vorschau.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[16:24] == (1200).to_bytes(4, "big") + (630).to_bytes(4, "big")
    # The 404 page links from the published address: it works at any depth, with no search for the root.
    error = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/stadt/assets/css/sozmon.css"' in error and "sozmon-root" not in error


def test_without_a_site_url_there_is_no_absolute_address(tmp_path):
    data = write_release(tmp_path / "release", n_areas=3, dimensions={"a": 1}, years=range(2020, 2022))
    site = pipeline.build_site(data, tmp_path / "out", REPO / "docs", REPO / "mkdocs.yml")
    page = (site / "sozialraeume" / "A0001" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page and "og:url" not in page and "og:image" not in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert not (site / "assets" / "images" / "vorschau.png").exists()


def test_the_settings_reference_is_apart_from_the_readers_navigation(server):
    import lxml.html

    site, _ = server
    start = lxml.html.fromstring((site / "index.html").read_bytes())
    assert start.xpath("//nav[contains(@class, 'md-nav--primary')]//a[contains(@href, 'einstellungen')]") == []
    impressum = lxml.html.fromstring((site / "impressum" / "index.html").read_bytes())
    assert impressum.xpath("//article//a[@href='../einstellungen/']/text()") == ["Einstellungen einer Datenlieferung"]
    assert (site / "einstellungen" / "index.html").is_file()


def test_a_printed_page_names_its_source_and_drops_the_screen_parts(server, browser):
    site, base = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "indizes/kinder/dimensionen/bildung/")
    assert page.locator(".sozmon-print").is_hidden()
    page.emulate_media(media="print")
    assert page.locator(".md-banner").is_visible()
    assert "Synthetische Beispieldaten" in page.locator(".md-banner").inner_text()
    footer = page.locator(".sozmon-print")
    assert footer.is_visible()
    text = footer.inner_text()
    assert "Veröffentlichung 2024.1.0 vom " in text
    assert "Herausgeber: sozmon-Beispiel (nicht die Stadt Gelsenkirchen)" in text
    assert "Lizenz: Datenlizenz Deutschland – Namensnennung – Version 2.0 https://www.govdata.de/dl-de/by-2-0" in text
    downloads = page.locator(".sozmon-chart a[download]")
    assert downloads.count() >= 1
    assert all(downloads.nth(i).is_hidden() for i in range(downloads.count()))
    for part in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"):
        assert page.locator(part).first.is_hidden(), part
    page.pdf(path=str(site.parent / "gedruckt.pdf"), width="210mm", height="297mm")
    page.close()


def test_a_printed_area_page_uses_the_whole_sheet_and_cuts_no_table(server, browser):
    """On A4 (184 mm between the print margins ≈ 695 CSS px) the content spans the sheet
    (Material keeps room for the hidden sidebars on screen) and every table fits in it."""
    _, base = server
    page = browser.new_page(viewport={"width": 695, "height": 1000})
    page.emulate_media(media="print")
    page.goto(base + "sozialraeume/12/")
    article = page.locator("article").bounding_box()
    assert article["width"] > 0.9 * 695
    tables = page.locator("table.sozmon-tabelle")
    assert tables.count() >= 4
    for i in range(tables.count()):
        box = tables.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 695 + 1, i
        # a table laid out as a table (not the phone's cards), with its header repeated per sheet
        assert tables.nth(i).evaluate("t => getComputedStyle(t.tHead).display") == "table-header-group"
    assert page.locator("article a").first.evaluate("a => getComputedStyle(a).color") == "rgb(0, 0, 0)"
    page.close()


def test_printing_loads_the_pictures_that_wait_for_the_screen(server, browser):
    """A chart far below the screen is a lazy picture; on paper it must not be an empty frame."""
    _, base = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "sozialraeume/12/")
    page.wait_for_load_state("networkidle")
    pictures = "[...document.querySelectorAll('.sozmon-chart img')]"
    assert page.evaluate(f"{pictures}.filter(i => !i.complete || !i.naturalWidth).length") > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_function(f"{pictures}.every(i => i.complete && i.naturalWidth > 0)", timeout=10000)
    page.close()
