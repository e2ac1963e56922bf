"""Share, embed and download every chart: what a journalist takes away from the site.

For each chart of the site (`Site.charts`, ids from `routes`) this writes, beside its
static picture:

- `einbetten/<chart id>.html` (routes.EMBED): a plain HTML page for an `<iframe>`, no site
  chrome: the static picture, its title, source, licence, release date, the synthetic
  note when the data are synthetic, and a link back to the chart's page;
- `<CHART_DIR>/<chart id>.quelle.svg`: the static picture (for a map the wide one) with
  its title, source, licence and date drawn into it: composed around the picture that
  vl-convert already rendered, so no chart is rendered twice. The PNG is drawn from this
  SVG in the reader's browser (sozmon-share.js), not at build time: see `write`;
- `<CHART_DIR>/<chart id>.csv`: the published rows the chart shows (the same text as in
  the open data package, with the area's name after its id) plus the columns `quelle`,
  `lizenz`, `datenstand` and `synthetisch` in every row (`csv_credits`), so that a row
  copied alone still says where it comes from.

Every text of a release (titles, names, sources, licence) is escaped for where it lands:
HTML through an autoescaping template (`embed.html.j2`), SVG through lxml, CSV through
the csv writer.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from . import charts_clusters, charts_sensitivity, charts_uncertainty, contract, routes, texts
from .format import picture_path
from .templating import render_html

if TYPE_CHECKING:
    from .pages.common import Site

S = texts.SHARE
CHART_DIR = routes.CHART_DIR
SVG_SUFFIX = ".quelle.svg"  # the picture with its source inside
OG_SUFFIX = ".vorschau.png"  # an area's locator map as a link preview (og:image)
OG_WIDTH, OG_HEIGHT = 1200, 630
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"  # the charts' own (charts.py)
SVG_NS = "http://www.w3.org/2000/svg"
# Characters XML cannot hold (a hostile release may carry them): dropped from SVG text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The charts drawn at a second, wide size (chartset.WIDE): their shared picture is the wide one.
WIDE = ("karte",)
EMBED_CAPTION = 280  # px: the embed page's caption below the picture, for the <iframe>'s height


# --- paths and anchors --------------------------------------------------------------------


def svg_path(chart_id: str) -> str:
    """The shared picture (SVG with title, source, licence, date), relative to the site root."""
    return f"{CHART_DIR}/{chart_id}{SVG_SUFFIX}"


def csv_path(chart_id: str) -> str:
    return f"{CHART_DIR}/{chart_id}.csv"


def embed_path(chart_id: str) -> str:
    return f"{routes.EMBED}/{chart_id}.html"


def home(chart_id: str) -> str:
    """The page a chart belongs to (docs-relative .md), where the embed page links back."""
    parts = chart_id.split("/")
    kind, subject = parts[0], parts[1]
    if kind == routes.INDICES:
        return routes.dimension_page(subject, parts[3]) if parts[2] == routes.DIMENSIONS else routes.index_page(subject)
    return routes.page(kind, subject)


def anchor(chart_id: str, here: str) -> str:
    """The figure's id on page `here`: on the chart's own page the part of its id after the
    subject ("karte", "<index>-verlauf"), elsewhere its whole id ("indizes-<index>-karte");
    ids are unique, and a page shows a chart once, so the anchor is unique on its page."""
    parts = chart_id.split("/")
    if home(chart_id) != here:
        return "-".join(parts)
    own = 4 if parts[0] == routes.INDICES and parts[2] == routes.DIMENSIONS else 2  # a dimension's own page
    return "-".join(parts[own:])


# --- what a chart says about itself -------------------------------------------------------


def _date(site: Site) -> str:
    created = str(site.release.metadata.get("created") or "")[:10]
    return ".".join(reversed(created.split("-"))) if created else ""


def _indicators(site: Site, chart_id: str) -> list[str]:
    """The indicators whose data a chart shows (their sources are the chart's)."""
    release = site.release
    parts = chart_id.split("/")
    kind, subject = parts[0], parts[1]
    indices = {spec.id: spec for spec in release.indices}

    def of_index(index_id: str, dimension_id: str | None = None) -> list[str]:
        spec = indices.get(index_id)
        if spec is None:
            return []
        return [m.indicator_id for d in spec.dimensions if dimension_id in (None, d.id) for m in d.members]

    if kind == routes.INDICATORS:
        return [subject]
    if kind == routes.INDICES:
        return of_index(subject, parts[3] if parts[2] == routes.DIMENSIONS else None)
    if kind == routes.AREAS:
        return of_index(parts[2]) if len(parts) > 3 else []
    if kind == routes.TYPOLOGIES:
        typology = next((t for t in release.typologies if t.id == subject), None)
        return of_index(typology.first) + of_index(typology.second) if typology else []
    if kind == routes.ALLOCATIONS:
        key = next((k for k in release.allocations if k.id == subject), None)
        need = key.need if key else None
        if need is None:
            return []
        typology = next((t for t in release.typologies if t.id == need.source), None)
        if typology is not None:
            return of_index(typology.first) + of_index(typology.second)
        return of_index(need.source, need.dimension)
    return []


def sources(site: Site, chart_id: str) -> list[str]:
    """The sources of a chart's indicators (`quelle`, split at ';'), each once, in order."""
    indicators = site.release.indicators
    catalogue = dict(zip(indicators["indikator_id"], indicators["quelle"]))
    out: list[str] = []
    for indicator_id in dict.fromkeys(_indicators(site, chart_id)):
        value = catalogue.get(indicator_id)
        for part in str(value).split(";") if isinstance(value, str) else ():
            if part.strip() and part.strip() not in out:
                out.append(part.strip())
    return out


def credits(site: Site, chart_id: str) -> dict[str, str]:
    """The lines a chart carries wherever it goes: source, basis, licence, date, note."""
    s, meta = site.release.settings, site.release.metadata
    pub = s.publication
    out = {"source": S["source"].format(publisher=pub.publisher or site.city, title=site.title)}
    found = sources(site, chart_id)
    if found:
        out["basis"] = S["basis"].format(sources="; ".join(found))
    licence = " ".join(p for p in (pub.licence_title, pub.licence_url) if p)
    if licence:
        out["licence"] = S["licence"].format(licence=licence)
    date, version = _date(site), str(meta.get("version") or "")
    if date or version:
        out["date"] = (S["date_version"] if version else S["date"]).format(date=date or "–", version=version)
    if s.synthetic:
        out["note"] = texts.SYNTHETIC_NOTE
    return out


def title(spec: dict, site: Site, chart_id: str) -> str:
    """A chart's title in one line: its spec's title, else (a locator map) the page's."""
    value = spec.get("title")
    value = value.get("text") if isinstance(value, dict) else value
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    if value:
        return re.sub(r"\s+", " ", str(value)).strip()
    parts = chart_id.split("/")
    if parts[0] == routes.AREAS:
        return texts.PAGES["locator_title"].format(name=site.names.get(parts[1], parts[1]))
    return str(spec.get("description") or chart_id)


# --- the share menu of a figure (format.chart_block draws it) ----------------------------


def menu(site: Site, chart_id: str, here: str, title_text: str) -> dict:
    """Links and embed code of one figure on page `here` (all relative to that page)."""
    root = routes.root(here)
    embed = embed_path(chart_id)
    size = site.charts.get(chart_id)
    height = (size[1] if size else 400) + EMBED_CAPTION
    url = site.release.settings.publication.site_url
    src = f"{url.rstrip('/')}/{embed}" if url else f"{root}{embed}"
    code = (
        f'<iframe src="{html.escape(src)}" title="{html.escape(title_text)}" width="100%" height="{height}" '
        f'style="border:0;max-width:760px" loading="lazy"></iframe>'
    )
    return {
        "anchor": anchor(chart_id, here),
        "svg": f"{root}{svg_path(chart_id)}",
        "csv": f"{root}{csv_path(chart_id)}",
        "embed": f"{root}{embed}",
        "absolute": bool(url),
        "code": code,
        "png_name": chart_id.replace("/", "-") + ".png",
    }


# --- files --------------------------------------------------------------------------------


def write(site: Site, data: Path, docs: Path) -> None:
    """Every chart's embed page, shared SVG and CSV; the areas' link previews.

    Cost, measured on the sample (399 charts, one process): this function ~1.7 s CPU
    (~4 ms a chart: compose the SVG, select the rows, write three files), and +83 ms per
    area for the link previews (1200 × 630 PNG). The site grows by ~8 MB of shared SVGs
    (maps carry their wide picture), ~3 MB of CSV and ~0.9 MB of embed pages.

    The PNG of a chart is drawn in the browser from its shared SVG (sozmon-share.js), not
    here: vl-convert's svg_to_png takes 0.026 s a chart at scale 1 (69 KB) and 0.040 s at
    scale 2 (172 KB), so PNGs at build time would add ~16 s and ~69 MB to a 34 MB site,
    and for a city with 1,000 areas (~10,000 charts) ~7 min and ~1.7 GB, mostly never
    downloaded. In the browser it costs nothing until a reader asks (it needs JavaScript;
    the SVG link works without). Only the areas' link previews must exist as files
    (crawlers run no script): written when `publication.site_url` is set, as og:image
    needs an absolute URL.
    """
    tables = Tables(data)
    for chart_id in sorted(site.charts):
        spec = json.loads((docs / CHART_DIR / f"{chart_id}.vl.json").read_text(encoding="utf-8"))
        name = title(spec, site, chart_id)
        lines = credits(site, chart_id)
        wide = chart_id.rsplit("/", 1)[-1] in WIDE and (docs / picture_path(chart_id, wide=True)).is_file()
        picture = (docs / picture_path(chart_id, wide=wide)).read_text(encoding="utf-8")
        has_title = bool(spec.get("title") if not isinstance(spec.get("title"), dict) else spec["title"].get("text"))
        _write(docs / svg_path(chart_id), shared_svg(picture, name, list(lines.values()), draw_title=not has_title))
        _write(docs / csv_path(chart_id), chart_csv(site, tables, chart_id))
        description = str(spec.get("description") or name)
        _write(docs / embed_path(chart_id), embed_page(site, chart_id, name, description, lines))
    if site.release.settings.publication.site_url:
        from .site import preview_png

        for area_id in site.names:
            chart_id = routes.area_chart(area_id, "lage")
            if chart_id in site.charts:
                svg = (docs / picture_path(chart_id)).read_text(encoding="utf-8")
                (docs / f"{CHART_DIR}/{chart_id}{OG_SUFFIX}").write_bytes(preview_png(svg))


def og_image(site: Site, area_id: str) -> dict | None:
    """The front matter of an area page's link preview (its locator map): an absolute URL,
    so only with `publication.site_url`."""
    url = site.release.settings.publication.site_url
    chart_id = routes.area_chart(area_id, "lage")
    if not url or chart_id not in site.charts:
        return None
    return {
        "url": f"{url.rstrip('/')}/{CHART_DIR}/{chart_id}{OG_SUFFIX}",
        "width": OG_WIDTH,
        "height": OG_HEIGHT,
        "alt": texts.PAGES["locator_title"].format(name=site.names.get(area_id, area_id)),
    }


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8", newline="\n")


def shared_svg(svg: str, name: str, lines: list[str], draw_title: bool = False) -> str:
    """The static picture on a white sheet with the credit lines below it (and the title
    above it, where the picture has none), wrapped to its width. <title> and <desc> carry
    the title and the credit lines whole, for screen readers and for the PNG's text."""
    from lxml import etree

    picture = etree.fromstring(svg.encode("utf-8"))
    width, height = float(picture.get("width")), float(picture.get("height"))
    if not picture.get("viewBox"):
        picture.set("viewBox", f"0 0 {width:g} {height:g}")
    chars = max(20, int((width - 10) / 5.8))  # about 5.8 px a character at 11 px
    head = textwrap.wrap(_xml(name), max(16, int((width - 10) / 8.6))) if draw_title else []
    foot = [part for line in lines for part in textwrap.wrap(_xml(line), chars, break_on_hyphens=False)]
    top = 8 + 19 * len(head) if head else 0
    total = top + height + 8 + 14 * len(foot) + 6
    canvas = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS})
    for key, value in (("width", f"{width:g}"), ("height", f"{total:g}"), ("viewBox", f"0 0 {width:g} {total:g}")):
        canvas.set(key, value)
    etree.SubElement(canvas, f"{{{SVG_NS}}}title").text = _xml(name)
    etree.SubElement(canvas, f"{{{SVG_NS}}}desc").text = "\n".join(_xml(line) for line in lines)
    etree.SubElement(canvas, f"{{{SVG_NS}}}rect", width="100%", height="100%", fill="white")
    if head:
        group = etree.SubElement(
            canvas, f"{{{SVG_NS}}}g", {"font-family": FONT, "font-size": "15", "font-weight": "bold", "fill": "#222"}
        )
        for i, line in enumerate(head):
            etree.SubElement(group, f"{{{SVG_NS}}}text", x="5", y=f"{8 + 15 + 19 * i:g}").text = line
    picture.set("x", "0")
    picture.set("y", f"{top:g}")
    canvas.append(picture)
    group = etree.SubElement(
        canvas, f"{{{SVG_NS}}}g", {"class": "sozmon-credits", "font-family": FONT, "font-size": "11", "fill": "#333"}
    )
    for i, line in enumerate(foot):
        etree.SubElement(group, f"{{{SVG_NS}}}text", x="5", y=f"{top + height + 8 + 11 + 14 * i:g}").text = line
    return etree.tostring(canvas, encoding="unicode") + "\n"


def _xml(text: str) -> str:
    return _NOT_XML.sub("", str(text))


# --- the data of a chart ------------------------------------------------------------------


class Tables:
    """The package's CSV tables by name, as text exactly as published: their columns and
    rows, grouped by a column on demand (once per table and column, so that finding each
    chart's rows stays linear in the number of charts)."""

    def __init__(self, data: Path):
        self.columns: dict[str, list[str]] = {}
        self.rows: dict[str, list[list[str]]] = {}
        for path in sorted(data.glob("*.csv")):
            with path.open(encoding="utf-8", newline="") as f:
                reader = csv.reader(f)
                self.columns[path.stem] = next(reader, [])
                self.rows[path.stem] = list(reader)
        self._groups: dict[tuple[str, str], dict[str, list[list[str]]]] = {}

    def select(self, name: str, **equal: str) -> tuple[list[str], list[list[str]]]:
        """The rows of table `name` whose columns have the given values (an area's rows
        are looked up by its id first)."""
        columns = self.columns.get(name)
        if columns is None or not equal:
            return columns or [], list(self.rows.get(name, []))
        first = "sozialraum_id" if "sozialraum_id" in equal else next(iter(equal))
        if (name, first) not in self._groups:
            at, groups = columns.index(first), {}
            for row in self.rows[name]:
                groups.setdefault(row[at], []).append(row)
            self._groups[(name, first)] = groups
        checks = [(columns.index(c), v) for c, v in equal.items()]
        found = self._groups[(name, first)].get(equal[first], [])
        return columns, [row for row in found if all(row[i] == v for i, v in checks)]


def chart_rows(site: Site, tables: Tables, chart_id: str) -> tuple[list[str], list[list[str]]]:
    """The published rows a chart shows (columns, rows), as text exactly as in the open
    data package."""
    parts = chart_id.split("/")
    kind, subject, last = parts[0], parts[1], parts[-1]
    year = str(site.year)
    rows = tables.select
    if kind == routes.AREAS and last == "lage":
        areas = site.release.areas
        columns = [c for c in ("sozialraum_id", "name", "stadtteil", "stadtbezirk") if c in areas]
        frame = areas.loc[areas["sozialraum_id"] == subject, columns].astype(object)
        return columns, frame.where(frame.notna(), "").astype(str).values.tolist()
    if kind == routes.AREAS and last == "dimensionen":  # the index, then its dimensions
        head, index = rows(contract.INDEX_VALUES, sozialraum_id=subject, index_id=parts[2], jahr=year)
        columns, dims = rows(contract.DIMENSION_VALUES, sozialraum_id=subject, index_id=parts[2], jahr=year)
        as_dims = [[dict(zip(head, r)).get(c, "") for c in columns] for r in index]
        return columns, as_dims + dims
    if kind == routes.AREAS:  # verlauf: the index over the years
        return rows(contract.INDEX_VALUES, sozialraum_id=subject, index_id=parts[2])
    for part in (charts_uncertainty, charts_sensitivity, charts_clusters):  # how sure the numbers are
        shown = part.shown(chart_id, year)
        if shown is not None:
            return rows(shown[0], **shown[1])
    if kind == routes.INDICES and parts[2] == routes.DIMENSIONS:
        return rows(contract.DIMENSION_VALUES, index_id=subject, dimension_id=parts[3], jahr=year)
    if kind == routes.INDICES:
        return rows(contract.INDEX_VALUES, index_id=subject, jahr=year)
    if kind == routes.TYPOLOGIES:
        return rows(contract.TYPOLOGY_VALUES, typologie_id=subject, jahr=year)
    if kind == routes.INDICATORS and last == "verteilung":  # every year, and the city's line
        head, areas = rows("indikator_werte", indikator_id=subject)
        city_head, city = rows("gebiete_werte", indikator_id=subject, ebene="stadt")
        columns = head + [c for c in city_head if c not in head]
        out = [[dict(zip(head, r)).get(c, "sozialraum" if c == "ebene" else "") for c in columns] for r in areas]
        return columns, out + [[dict(zip(city_head, r)).get(c, "") for c in columns] for r in city]
    if kind == routes.INDICATORS:
        return rows("indikator_werte", indikator_id=subject, jahr=year)
    if kind == routes.ALLOCATIONS:
        from . import allocation

        key = next(k for k in site.release.allocations if k.id == subject)
        year = str(allocation.decided_year(key, site.release.years))
        columns, paid = rows(contract.ALLOCATION_VALUES, verteilung_id=subject, jahr=year)
        at = columns.index("betrag")
        return columns, [r for r in paid if _number(r[at]) > 0]
    return [], []


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def chart_csv(site: Site, tables: Tables, chart_id: str) -> str:
    """The chart's rows with the area's name after its id and the credit columns (see
    the module), written by the csv module (quoting as needed)."""
    columns, rows = chart_rows(site, tables, chart_id)
    credit = csv_credits(site)
    named = "sozialraum_id" in columns and "name" not in columns
    at = columns.index("sozialraum_id") + 1 if named else 0
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*columns[:at], *(["name"] if named else []), *columns[at:], *credit])
    for row in rows:
        name = [site.names.get(row[at - 1], "")] if named else []
        writer.writerow([*row[:at], *name, *row[at:], *credit.values()])
    return out.getvalue()


def csv_credits(site: Site) -> dict[str, str]:
    """The columns every chart's CSV ends with, the same value in each row, short and
    machine-readable: who publishes (and the title), the licence id, the release date
    (ISO) and whether the data are synthetic. The indicators' own sources are in the
    package's indikatoren.csv (column quelle)."""
    s = site.release.settings
    created = str(site.release.metadata.get("created") or "")[:10]
    return {
        "quelle": f"{s.publication.publisher or site.city}, {site.title}",
        "lizenz": s.publication.licence_id or s.publication.licence_title,
        "datenstand": created,
        "synthetisch": "true" if s.synthetic else "false",
    }


# --- the embed page -----------------------------------------------------------------------


def embed_page(site: Site, chart_id: str, name: str, description: str, lines: dict[str, str]) -> str:
    """A page for an <iframe>: the picture, its credits and a link back; no site chrome,
    no script, nothing from another host; through an autoescaping HTML template."""
    here = embed_path(chart_id)
    root = "../" * here.count("/")
    page = home(chart_id)
    url = site.release.settings.publication.site_url
    size = site.charts[chart_id]
    wide = getattr(size, "wide", None)
    pub = site.release.settings.publication
    return render_html(
        "embed.html.j2",
        name=name,
        site_title=site.title,
        description=description,
        canonical=f"{url.rstrip('/')}/{routes.url(page)}" if url else "",
        root=root,
        picture={"src": f"{root}{picture_path(chart_id)}", "width": size[0], "height": size[1]},
        wide={"src": root + picture_path(chart_id, wide=True), "width": wide[0], "height": wide[1]} if wide else None,
        back=root + routes.url(page),
        back_text=S["back"].format(site=site.title),
        lines=lines,
        licence={
            "label": S["licence_label"],
            "text": pub.licence_title or pub.licence_url,
            "url": pub.licence_url if pub.licence_url.startswith(("https://", "http://")) else "",
        },
        csv=root + csv_path(chart_id),
        csv_text=S["csv"],
    )
