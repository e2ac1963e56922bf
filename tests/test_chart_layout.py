"""Chart layout in a real Chromium: no chart text is cut off or runs into other text or a
legend swatch, at a phone's and a desktop's width, in the static pictures and in the
interactive charts; the interactive chart takes exactly the picture's place; and the
first tap on the map picture opens the area under the finger. On a wide screen a map is
its wide picture (and live chart), on a phone the phone picture.

Text boxes are measured where the reader sees them (the browser's own fonts), so a
layout that the renderer computed with narrower fonts fails here too.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest
from conftest import make_charts_interactive

WIDTHS = (360, 1280)
# start page, an area, a dimension of an index, a typology and an indicator page: every kind of chart
PAGES = (
    "",
    "sozialraeume/01/",
    "indizes/kinder/dimensionen/wohnen/",
    "typologien/lage-entwicklung/",
    "indikatoren/sgb2_u15/",
)
# The start page opens with a map (a typology's, or else the first index's): its picture, phone or wide.
START_MAP_PICTURE = re.compile(r"/(indizes|typologien)/[^/]+/karte(\.breit)?\.svg$")
TOLERANCE = 1  # px

# The problems of one chart <svg>: each text (and legend swatch) box must lie inside the
# picture, and no two of them may overlap. A halo (the same text drawn twice at the same
# place, once as a white outline) is one text.
MEASURE = """
function chartProblems(svg, name) {
  const tol = {tol};
  const frame = svg.getBoundingClientRect();
  const hidden = el => {
    for (let e = el; e && e !== svg; e = e.parentNode) {
      if (e.getAttribute && (e.getAttribute('opacity') === '0' || e.getAttribute('display') === 'none')) return true;
    }
    return false;
  };
  const items = [];
  svg.querySelectorAll('text').forEach(t => {
    if (!t.textContent.trim() || hidden(t)) return;
    items.push({kind: 'text', text: t.textContent, r: t.getBoundingClientRect()});
  });
  svg.querySelectorAll('.role-legend-symbol path').forEach(s => {
    if (!hidden(s)) items.push({kind: 'swatch', text: '■', r: s.getBoundingClientRect()});
  });
  const problems = [];
  for (const it of items) {
    const r = it.r;
    if (r.left < frame.left - tol || r.right > frame.right + tol || r.top < frame.top - tol || r.bottom > frame.bottom + tol) {
      problems.push(`${name}: „${it.text}“ cut off (${Math.round(r.left - frame.left)}..${Math.round(r.right - frame.left)} × ${Math.round(r.top - frame.top)}..${Math.round(r.bottom - frame.top)} in ${Math.round(frame.width)} × ${Math.round(frame.height)})`);
    }
  }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i], b = items[j];
      if (a.kind === 'swatch' && b.kind === 'swatch') continue;
      const dx = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const dy = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      const same = a.text === b.text && Math.abs(a.r.left - b.r.left) < 2 && Math.abs(a.r.top - b.r.top) < 2;
      if (dx > tol && dy > tol && !same) {
        problems.push(`${name}: „${a.text}“ overlaps „${b.text}“ by ${Math.round(dx)} × ${Math.round(dy)} px`);
      }
    }
  }
  return {problems, texts: items.filter(x => x.kind === 'text').length};
}
""".replace("{tol}", str(TOLERANCE))

# The SVG the browser chose for a picture (a map's wide one on a wide screen): loaded now
# if it is a lazy one out of view, so that `currentSrc` says which.
SHOWN = """async img => {
  img.loading = 'eager';
  await img.decode().catch(() => {});
  return img.currentSrc;
}"""

# Each static picture's SVG, put inline at the size the picture is shown at, measured.
STATIC = (
    """async () => {
"""
    + MEASURE
    + "const shownSrc = "
    + SHOWN
    + """;
  const out = [];
  for (const img of document.querySelectorAll('.sozmon-chart img.sozmon-chart__static')) {
    const src = await shownSrc(img);
    const shown = img.getBoundingClientRect();
    const holder = document.createElement('div');
    holder.style.cssText = `position:absolute;left:0;top:0;width:${shown.width}px`;
    holder.innerHTML = await (await fetch(src)).text();
    document.body.appendChild(holder);
    const svg = holder.querySelector('svg');
    svg.style.cssText = 'display:block;width:100%;height:auto';
    out.push({...chartProblems(svg, new URL(src).pathname), src: new URL(src).pathname});
    holder.remove();
  }
  return out;
}
"""
)

LIVE = (
    """() => {
"""
    + MEASURE
    + """
  return Array.from(document.querySelectorAll('.sozmon-chart[data-spec]')).map(
    f => chartProblems(f.querySelector('.vega-embed svg'), f.dataset.spec));
}"""
)

# The place of each chart: the picture before the swap, the live chart after it.
PLACES = """() => Array.from(document.querySelectorAll('.sozmon-chart[data-spec]')).map(f => {
  const chart = f.querySelector('.vega-embed svg') || f.querySelector('img.sozmon-chart__static');
  const r = chart.getBoundingClientRect(), fig = f.getBoundingClientRect();
  return {spec: f.dataset.spec, x: r.left, w: r.width, h: r.height, figure: fig.height};
})"""


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def page_at(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _open(page, base: str, path: str) -> None:
    page.goto(urljoin(base, path), wait_until="networkidle")
    page.evaluate("document.fonts.ready")


@pytest.mark.parametrize("path", PAGES)
def test_no_chart_text_is_cut_off_or_overlaps(mkdocs_server, page_at, path):
    """On the MkDocs site only: the text inside a chart is laid out by Vega from the same
    spec and script on both engines (test_engines: same files); the frame around it is
    checked on both by the other browser tests."""
    _, base = mkdocs_server
    _open(page_at, base, path)
    static = page_at.evaluate(STATIC)
    assert static and sum(chart["texts"] for chart in static) >= 10, static
    # a map is measured as the picture shown: the wide one on a wide screen
    maps = [chart["src"] for chart in static if "/karte" in chart["src"]]
    wide = page_at.viewport_size["width"] >= 720
    assert all(src.endswith(".breit.svg" if wide else "/karte.svg") for src in maps), maps
    if path in ("", "indizes/kinder/dimensionen/wohnen/", "typologien/lage-entwicklung/"):
        assert maps, path
    before = page_at.evaluate(PLACES)
    count = make_charts_interactive(page_at)
    page_at.wait_for_timeout(200)
    live = page_at.evaluate(LIVE)
    assert len(live) == count == len(static)
    assert sum(chart["texts"] for chart in live) >= 10, live
    problems = [p for chart in static for p in chart["problems"]]
    problems += [f"live {p}" for chart in live for p in chart["problems"]]
    assert problems == [], "\n".join(problems)
    # the interactive chart takes exactly the picture's place
    after = page_at.evaluate(PLACES)
    for old, new in zip(before, after):
        assert old["spec"] == new["spec"]
        assert abs(old["h"] - new["h"]) <= 2 and abs(old["figure"] - new["figure"]) <= 2, (old, new)
        assert abs(old["w"] - new["w"]) <= 2 and abs(old["x"] - new["x"]) <= 2, (old, new)


# A point well inside one area of the static map picture, in page coordinates: the SVG
# the picture shows, inline over it, and of the points of a grid inside that area's shape
# the one nearest to their mean.
AREA_POINT = """async (label) => {
  const img = document.querySelector('.sozmon-chart img.sozmon-chart__static');
  await img.decode();
  const shown = img.getBoundingClientRect();
  const holder = document.createElement('div');
  holder.style.cssText = `position:absolute;left:${shown.left + scrollX}px;top:${shown.top + scrollY}px;width:${shown.width}px;pointer-events:none`;
  holder.innerHTML = await (await fetch(img.currentSrc)).text();
  document.body.appendChild(holder);
  const svg = holder.querySelector('svg');
  svg.style.cssText = 'display:block;width:100%;height:auto';
  const path = Array.from(svg.querySelectorAll('path[aria-label]')).find(p => p.getAttribute('aria-label').startsWith(label + ':'));
  const box = path.getBBox(), inside = [];
  for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
    const p = new DOMPoint(box.x + box.width * i / 20, box.y + box.height * j / 20);
    if (path.isPointInFill(p) && !path.isPointInStroke(p)) inside.push(p);
  }
  const mx = inside.reduce((s, p) => s + p.x, 0) / inside.length, my = inside.reduce((s, p) => s + p.y, 0) / inside.length;
  const best = inside.reduce((a, p) => Math.hypot(p.x - mx, p.y - my) < Math.hypot(a.x - mx, a.y - my) ? p : a);
  const screen = best.matrixTransform(path.getScreenCTM());
  holder.remove();
  return [screen.x, screen.y];
}"""


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_first_tap_on_the_map_picture_opens_that_area(server, browser, width):
    site, base = server
    topo = json.loads((site / "assets/karten/sozialraeume.topojson").read_text(encoding="utf-8"))
    names = {
        g["properties"]["sozialraum_id"]: g["properties"]["name"] for g in topo["objects"]["sozialraeume"]["geometries"]
    }
    # a tall phone, or a tall touch screen: the map is in view without scrolling, so the
    # tap is the first thing the reader does (scrolling would start the interactive charts)
    # (2000 px: on a phone the street search comes before the map)
    context = browser.new_context(viewport={"width": width, "height": 2000}, has_touch=True, is_mobile=width < 720)
    page = context.new_page()
    for area_id in ("01", "27"):
        _open(page, base, "")
        x, y = page.evaluate(AREA_POINT, names[area_id])
        assert 0 < y < 2000
        assert page.locator(".sozmon-chart .vega-embed").count() == 0  # still the picture
        shown = page.eval_on_selector(".sozmon-chart img", "img => img.currentSrc")
        assert START_MAP_PICTURE.search(shown) and shown.endswith(".breit.svg") == (width >= 720), shown
        page.touchscreen.tap(x, y)
        page.wait_for_url(f"**/sozialraeume/{area_id}/", timeout=20000)
    context.close()


# The start page map as the reader first sees it: which SVG, at what size.
START_MAP = (
    """async () => {
  const img = document.querySelector('.sozmon-chart[data-spec$="/karte.vl.json"] img.sozmon-chart__static');
  const src = await ("""
    + SHOWN
    + """)(img);
  const box = img.getBoundingClientRect();
  return {src: new URL(src).pathname, natural: img.naturalWidth, shown: box.width, height: box.height};
}"""
)


def test_start_map_uses_the_width_it_has(server, page_at):
    """On a desktop the map fills the content column (about 690 px): the wide picture.
    On a phone it is the 360 px picture, as before."""
    _, base = server
    _open(page_at, base, "")
    start = page_at.evaluate(START_MAP)
    if page_at.viewport_size["width"] >= 720:
        assert START_MAP_PICTURE.search(start["src"]) and start["src"].endswith(".breit.svg"), start
        assert start["natural"] == 720 and start["shown"] >= 600, start
    else:
        assert START_MAP_PICTURE.search(start["src"]) and not start["src"].endswith(".breit.svg"), start
        assert start["natural"] == 360 and start["shown"] <= 360, start
    # the whole map fits the screen (900 px, less Material's 48 px header)
    assert start["height"] <= 900 - 48, start
