"""Every chart can be shared: a link to it, an embed page, its picture with the source
inside (SVG, PNG) and its data (CSV) — issue 12, sozmon/share.py.

Expected texts are written out by hand from the sample release (datapackage/: sozmon.yml,
datapackage.json, indikatoren.csv), not taken from the code.
"""

from __future__ import annotations

import csv
import functools
import io
import struct
import threading
import zlib
from http.server import ThreadingHTTPServer
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
import yaml

from sozmon import format, share
from tests.conftest import CACHE, REPO, Quiet

SVG_NS = "{http://www.w3.org/2000/svg}"
# datapackage.json: no publisher is set, so the sample's settings name it; the title is
# the release's title, the licence and date are the package's.
SOURCE = (
    "Quelle: sozmon-Beispiel (nicht die Stadt Gelsenkirchen), "
    "Sozialraummonitoring Gelsenkirchen – Synthetische Beispieldaten"
)
LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
DATE = "Datenstand: 30.06.2025 (Version 2024.1.0)"
SYNTHETIC = "Synthetische Beispieldaten – nicht die amtlichen Zahlen der Stadt."
# indikatoren.csv, sgb2_u15, column quelle
SGB2_SOURCE = "Datengrundlage: Statistik der Bundesagentur für Arbeit; Einwohnermelderegister (Beispielangabe)"
# One chart of each kind, by hand from routes.py and the sample (area 01 is Altstadt).
KINDS = {
    "map": "indizes/kinder/karte",
    "ranking": "indizes/kinder/rangfolge",
    "bars": "sozialraeume/01/kinder/dimensionen",
    "time line": "sozialraeume/01/kinder/verlauf",
    "distribution": "indikatoren/sgb2_u15/verteilung",
    "value map": "indikatoren/sgb2_u15/karte",
    "typology map": "typologien/lage-entwicklung/karte",
    "allocation bars": "verteilung/plus-kita/betraege",
    "locator": "sozialraeume/01/lage",
}


# --- without a site ------------------------------------------------------------------------


def test_anchors_are_short_on_the_charts_own_page_and_whole_elsewhere():
    assert share.anchor("indizes/kinder/karte", "indizes/kinder/index.md") == "karte"
    assert share.anchor("indizes/kinder/karte", "index.md") == "indizes-kinder-karte"
    assert share.anchor("indizes/k/dimensionen/w/rangfolge", "indizes/k/dimensionen/w.md") == "rangfolge"
    assert share.anchor("sozialraeume/01/kinder/verlauf", "sozialraeume/01.md") == "kinder-verlauf"
    assert share.anchor("sozialraeume/01/lage", "sozialraeume/01.md") == "lage"
    assert share.home("verteilung/plus-kita/betraege") == "verteilung/plus-kita.md"
    assert share.home("indizes/k/dimensionen/w/karte") == "indizes/k/dimensionen/w.md"
    assert share.embed_path("indizes/k/karte") == "einbetten/indizes/k/karte.html"


def test_the_shared_svg_puts_title_and_credits_inside_and_escapes_them():
    picture = '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="200"><rect width="10" height="10"/></svg>'
    hostile = 'Karte <script>alert(1)</script> & "x"\x07'
    lines = ["Quelle: Amt <b>fett</b> & Co", "Lizenz: dl-de", "x" * 200]
    out = share.shared_svg(picture, hostile, lines, draw_title=True)
    root = lxml.etree.fromstring(out.encode("utf-8"))
    assert [e for e in root.iter() if str(e.tag).endswith("script")] == []
    assert root.findtext(f"{SVG_NS}title") == 'Karte <script>alert(1)</script> & "x"'  # the bell is dropped
    assert root.findtext(f"{SVG_NS}desc").splitlines() == lines
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]
    assert "Quelle: Amt <b>fett</b> & Co" in texts and "Lizenz: dl-de" in texts
    # the long line is wrapped to the width: 200 characters at about 5.8 px in 350 px (60 a line) → 4 lines
    assert sum(1 for t in texts if set(t) == {"x"}) == 4
    # the title (37 characters: one line) 8 + 19 px above the picture; below it 8 px, six
    # credit lines of 14 px (1 + 1 + 4) and 6 px
    inner = root.find(f"{SVG_NS}svg")
    assert float(inner.get("y")) == 27
    assert float(root.get("height")) == 27 + 200 + 8 + 14 * 6 + 6


def test_a_figure_with_a_share_menu_has_its_id_and_the_embed_code_as_text():
    menu = {
        "anchor": "karte",
        "svg": "../x.quelle.svg",
        "csv": "../x.csv",
        "embed": "../einbetten/x.html",
        "absolute": False,
        "code": '<iframe src="../einbetten/x.html" title="A &amp; &quot;B&quot;"></iframe>',
        "png_name": "x.png",
    }
    block = format.chart_block("indizes/a/karte", "Karte", "", "../", (360, 200), menu)
    figure = lxml.html.fragment_fromstring(block.split('\n<details class="sozmon-table"')[0])
    assert figure.get("id") == "karte"
    code = figure.xpath(".//textarea")[0]
    assert code.text == menu["code"]  # the code is text, not an element
    assert figure.xpath(".//iframe") == []
    label = figure.xpath(".//label")[0]
    assert label.get("for") == code.get("id") == "karte-code"
    assert [a.get("href") for a in figure.xpath(".//a")] == [
        "#karte",
        "../x.quelle.svg",
        "../x.csv",
        "../einbetten/x.html",
    ]


# --- the sample site -----------------------------------------------------------------------


def _site(server) -> Path:
    return server[0]


def test_every_chart_has_an_embed_page_a_picture_with_source_and_its_data(server):
    site = _site(server)
    charts = sorted(
        p.relative_to(site / "assets/charts").as_posix()[: -len(".vl.json")]
        for p in (site / "assets/charts").rglob("*.vl.json")
    )
    assert len(charts) > 300
    for chart_id in charts:
        assert (site / "einbetten" / f"{chart_id}.html").is_file(), chart_id
        assert (site / "assets/charts" / f"{chart_id}.quelle.svg").is_file(), chart_id
        assert (site / "assets/charts" / f"{chart_id}.csv").is_file(), chart_id
    for chart_id in KINDS.values():
        svg = lxml.etree.fromstring((site / "assets/charts" / f"{chart_id}.quelle.svg").read_bytes())
        desc = svg.findtext(f"{SVG_NS}desc").splitlines()
        assert desc[0] == SOURCE and f"Lizenz: {LICENCE} https://www.govdata.de/dl-de/by-2-0" in desc
        assert DATE in desc and SYNTHETIC in desc
        drawn = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG_NS}text"))
        assert "Quelle: sozmon-Beispiel" in drawn and "Datenlizenz Deutschland" in drawn and "30.06.2025" in drawn


def _rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_a_charts_csv_holds_the_published_rows_it_shows_with_source_and_licence(server):
    site = _site(server)
    published = _rows(site / "daten" / "index_werte.csv")
    # the map of "kinder" shows the index in the latest year (2024) for every area
    expected = [r for r in published if r["index_id"] == "kinder" and r["jahr"] == "2024"]
    rows = _rows(site / "assets/charts/indizes/kinder/karte.csv")
    assert len(rows) == len(expected) == 40
    for got, want in zip(rows, expected):
        assert {k: got[k] for k in want} == want
        assert got["quelle"] == SOURCE.removeprefix("Quelle: ")
        assert (got["lizenz"], got["datenstand"], got["synthetisch"]) == ("dl-de-by-2.0", "2025-06-30", "true")
    assert rows[0]["sozialraum_id"] == "01" and rows[0]["name"] == "Altstadt"
    # an area's bars: its index and its five dimensions (sozmon.yml: wirtschaft, integration,
    # gesundheit, bildung, wohnen) in 2024
    bars = _rows(site / "assets/charts/sozialraeume/01/kinder/dimensionen.csv")
    assert [r["dimension_id"] for r in bars] == ["", "wirtschaft", "integration", "gesundheit", "bildung", "wohnen"]
    assert {r["jahr"] for r in bars} == {"2024"} and {r["sozialraum_id"] for r in bars} == {"01"}
    # the time line: every year of the index for the area (the sample has 2018–2024)
    years = [r["jahr"] for r in _rows(site / "assets/charts/sozialraeume/01/kinder/verlauf.csv")]
    assert years == [str(y) for y in range(2018, 2025)]


def test_embed_pages_stand_alone_and_link_back(server):
    site = _site(server)
    page = lxml.html.fromstring((site / "einbetten/indizes/kinder/karte.html").read_bytes())
    assert page.xpath("//script") == [] and page.xpath("//*[contains(@class, 'md-header')]") == []
    assert page.xpath("//link[@rel='stylesheet']/@href") == ["../../../assets/css/sozmon.css"]
    img = page.xpath("//img")[0]
    assert img.get("src") == "../../../assets/charts/indizes/kinder/karte.svg"
    assert (site / "einbetten/indizes/kinder" / img.get("src")).resolve().is_file()
    back = page.xpath("//p[@class='sozmon-embed__titel']/a/@href")[0]
    assert back == "../../../indizes/kinder/"
    assert (site / "einbetten/indizes/kinder" / back / "index.html").resolve().is_file()
    text = page.text_content()
    assert SOURCE in text and LICENCE in text and DATE in text and SYNTHETIC in text


def _host(tmp_path: Path, html: str):
    """A second server on another port (another origin) with one page."""
    (tmp_path / "host.html").write_text(html, encoding="utf-8")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/host.html"


def test_each_kind_of_embed_page_shows_chart_source_and_licence_in_an_iframe_on_another_origin(
    server, browser, tmp_path
):
    _, base = server
    frames = "\n".join(
        f'<iframe name="{kind}" src="{base}einbetten/{chart_id}.html" width="600" height="700"></iframe>'
        for kind, chart_id in KINDS.items()
    )
    httpd, host = _host(tmp_path, f"<!doctype html><html lang='de'><title>Zeitung</title><body>{frames}</body>")
    page = browser.new_page()
    try:
        page.goto(host)
        assert page.evaluate("location.origin") != base.rstrip("/")
        for kind, chart_id in KINDS.items():
            frame = page.frame(name=kind)
            assert frame is not None, kind
            frame.wait_for_function(
                "() => { const i = document.querySelector('img'); return i && i.complete && i.naturalWidth > 0; }"
            )
            text = frame.evaluate("document.body.innerText")
            assert SOURCE in text and LICENCE in text and SYNTHETIC in text, kind
            if kind in ("distribution", "value map"):
                assert SGB2_SOURCE in text
            assert frame.evaluate("document.querySelector('img').getAttribute('src')").endswith(f"{chart_id}.svg")
    finally:
        page.close()
        httpd.shutdown()


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        at += 12 + length
    return chunks


def _itxt(body: bytes) -> tuple[str, str]:
    keyword, rest = body.split(b"\0", 1)
    rest = rest[2:]  # compression flag and method
    _language, rest = rest.split(b"\0", 1)
    _translated, text = rest.split(b"\0", 1)
    return keyword.decode("latin-1"), text.decode("utf-8")


def test_the_share_menu_downloads_svg_and_png_with_the_source_line(server, browser):
    site, base = server
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        page.goto(base + "sozialraeume/01/")
        figure = page.locator("figure#lage")
        figure.locator("summary").click()
        with page.expect_download() as svg_download:
            figure.get_by_role("link", name="Bild als SVG (mit Quelle)").click()
        svg = lxml.etree.fromstring(Path(svg_download.value.path()).read_bytes())
        drawn = ["".join(t.itertext()) for t in svg.iter(f"{SVG_NS}text")]
        assert SOURCE in drawn or any(SOURCE.startswith(t) for t in drawn)
        assert svg.findtext(f"{SVG_NS}desc").splitlines()[0] == SOURCE
        # The PNG is drawn in the browser from that SVG, at twice its size; its text chunks
        # carry the title and the credits. Checked: the chunks (iTXt "Description") and,
        # decoded by the browser, dark (text) pixels in the band of the credit lines.
        with page.expect_download() as png_download:
            figure.get_by_role("button", name="Bild als PNG (mit Quelle)").click()
        assert png_download.value.suggested_filename == "sozialraeume-01-lage.png"
        data = Path(png_download.value.path()).read_bytes()
        chunks = _png_chunks(data)
        width, height = struct.unpack(">II", chunks[0][1][:8])
        assert (width, height) == (2 * int(float(svg.get("width"))), 2 * int(float(svg.get("height"))))
        text = dict(_itxt(body) for kind, body in chunks if kind == b"iTXt")
        assert text["Title"] == "Lage von Altstadt in der Stadt"
        assert text["Description"].splitlines()[0] == SOURCE and LICENCE in text["Description"]
        # the credit lines start 8 px below the map (its height in the SVG) and end 6 px above the bottom
        inner = svg.find(f"{SVG_NS}svg")
        band = (2 * (float(inner.get("y")) + float(inner.get("height")) + 8), 2 * (float(svg.get("height")) - 6))
        dark = page.evaluate(
            """async ([url, top, bottom]) => {
                const img = new Image(); img.src = url; await img.decode();
                const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
                const g = c.getContext('2d'); g.drawImage(img, 0, 0);
                const count = (y0, y1) => {
                  const d = g.getImageData(0, y0, c.width, y1 - y0).data; let n = 0;
                  for (let i = 0; i < d.length; i += 4) if (d[i] < 120 && d[i+1] < 120 && d[i+2] < 120) n++;
                  return n;
                };
                return [count(top, bottom), count(bottom, c.height)];
            }""",
            ["data:image/png;base64," + __import__("base64").b64encode(data).decode(), int(band[0]), int(band[1])],
        )
        assert dark[0] > 500 and dark[1] == 0  # text in the credits band, a blank margin below
    finally:
        page.close()


def test_the_anchor_opens_the_chart_and_the_embed_code_names_the_full_address(server, browser):
    _, base = server
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(base + "indizes/kinder/#rangfolge")
        page.wait_for_load_state("load")
        box = page.evaluate(
            "() => { const r = document.getElementById('rangfolge').getBoundingClientRect();"
            " return [r.top, window.innerHeight, window.scrollY]; }"
        )
        assert box[2] > 0 and 0 <= box[0] < box[1] / 2  # scrolled to it, the figure at the top
        code = page.locator("#rangfolge-code").input_value()
        assert f'src="{base}einbetten/indizes/kinder/rangfolge.html"' in code
        assert page.locator("#rangfolge button.sozmon-share__copy").count() == 1
        # the anchors on a page are unique, and the start page names its map (the typology's) in full
        ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
        assert len(ids) == len(set(ids))
        page.goto(base)
        assert page.locator("figure#typologien-lage-entwicklung-karte").count() == 1
    finally:
        page.close()


# --- a hostile release, published at an address ---------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from sozmon import pipeline
    from tools import hostile_release as H

    tmp = tmp_path_factory.mktemp("share-hostile")
    data = H.write_hostile_release(tmp / "release")
    settings = yaml.safe_load((data / "sozmon.yml").read_text(encoding="utf-8"))
    settings["publication"]["site_url"] = "https://example.org/stadt/"
    (data / "sozmon.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return pipeline.build_site(data, tmp / "out", REPO / "docs", REPO / "mkdocs.yml", cache=CACHE)


def test_hostile_titles_and_sources_are_text_in_embed_pages_svg_and_csv(hostile_site):
    from tools import hostile_release as H

    site = hostile_site
    name = H.AREA_NAMES[0]
    title = f"Lage von {name} in der Stadt"  # texts.PAGES["locator_title"]
    page = lxml.html.fromstring((site / "einbetten/sozialraeume/A0001/lage.html").read_bytes())
    assert page.xpath("//script") == [] and page.xpath("//b") == [] and page.xpath("//img[@src='x']") == []
    assert not [a for e in page.iter() for a in e.attrib if a.startswith("on")]
    assert page.xpath("//p[@class='sozmon-embed__titel']/a")[0].text_content() == title
    assert page.findtext(".//title") == f"{title} – {H.SETTINGS['title']}"
    assert H.SETTINGS["publisher"] in page.text_content()
    # an indicator's chart names its hostile source, as text
    indicator = lxml.html.fromstring((site / "einbetten/indikatoren/wohnen_1/verteilung.html").read_bytes())
    assert page.xpath("//script") == [] and H.INDICATORS["wohnen_1"][4] in indicator.text_content()
    svg = lxml.etree.fromstring((site / "assets/charts/indikatoren/wohnen_1/verteilung.quelle.svg").read_bytes())
    assert [e for e in svg.iter() if str(e.tag).endswith(("script", "img", "foreignObject"))] == []
    assert H.INDICATORS["wohnen_1"][4] in svg.findtext(f"{SVG_NS}desc")
    svg = lxml.etree.fromstring((site / "assets/charts/sozialraeume/A0001/lage.quelle.svg").read_bytes())
    assert svg.findtext(f"{SVG_NS}title") == title
    rows = _rows(site / "assets/charts/sozialraeume/A0001/lage.csv")
    assert [r["name"] for r in rows] == [name]
    # the area page's link preview: its locator map, at the published address
    head = lxml.html.fromstring((site / "sozialraeume/A0001/index.html").read_bytes()).head
    meta = {m.get("property") or m.get("name"): m.get("content") for m in head.iter("meta")}
    assert meta["og:image"] == "https://example.org/stadt/assets/charts/sozialraeume/A0001/lage.vorschau.png"
    assert meta["og:image:alt"] == title
    png = (site / "assets/charts/sozialraeume/A0001/lage.vorschau.png").read_bytes()
    assert png[16:24] == (1200).to_bytes(4, "big") + (630).to_bytes(4, "big")
    # the embed code: the full address, the title escaped inside it, the whole escaped as text
    area = lxml.html.fromstring((site / "sozialraeume/A0001/index.html").read_bytes())
    code = area.xpath("//figure[@id='lage']//textarea")[0].text
    assert code.startswith('<iframe src="https://example.org/stadt/einbetten/sozialraeume/A0001/lage.html" title="')
    assert "<script>" not in code and "&lt;script&gt;" in code
    assert area.xpath("//iframe") == []
