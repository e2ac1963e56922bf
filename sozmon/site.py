"""The static site: generated pages, charts and assets in a docs folder, then MkDocs.

All generation happens here, before MkDocs runs: no MkDocs plugins of our own, so the
site builds with Material for MkDocs and with its successor Zensical alike.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import yaml

from . import engines, package, routes, share, texts
from .cache import OFF, Cache
from .engines import SiteError  # defined there: the command line imports it without the rest
from .format import first_chart_eager
from .model import Release, Result
from .pages import Site, pages, site_title
from .pages import files as page_files
from .pages.easy import shell_links as easy_links

HERE = Path(__file__).resolve().parent
THEME = HERE / "theme"
ASSETS = HERE / "assets"
CHART_SCRIPT = "assets/js/sozmon-charts.js"  # it loads assets/js/vega.js when needed


def write_docs(
    release: Release, result: Result, data: Path, docs: Path, handwritten: Path | None, cache: Cache = OFF
) -> Site:
    """Fill `docs` with the hand-written pages, the generated pages, charts and assets
    (the chart pictures from `cache` when unchanged)."""
    if handwritten and handwritten.is_dir():
        shutil.copytree(handwritten, docs, dirs_exist_ok=True)
    docs.mkdir(parents=True, exist_ok=True)
    tables = package.tables(release, result)
    files = sorted(p for p in data.iterdir() if p.is_file()) + sorted((data / package.PROFILES).glob("*.pdf"))
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    charts = _charts(release, result, data, docs, cache)
    site = Site(release, tables, package.downloads(descriptor, files), charts)
    for path, markdown in pages(site).items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_with_charts(markdown, path) if "sozmon-chart" in markdown else markdown, encoding="utf-8")
    for path, content in page_files(site).items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    share.write(site, data, docs)  # each chart's embed page, picture with source, data (CSV)
    _assets(docs, bool(charts))
    return site


def _charts(release: Release, result: Result, data: Path, docs: Path, cache: Cache) -> dict[str, tuple[int, int]]:
    """Chart specs and their static SVGs (vl-convert and Altair are imported only here)."""
    from . import chartset

    return chartset.write_all(release, result, data, docs, cache)


def _with_charts(markdown: str, path: str) -> str:
    """The chart script, and the first chart's picture loaded at once."""
    return f'{first_chart_eager(markdown)}\n<script defer src="{routes.root(path)}{CHART_SCRIPT}"></script>\n'


def _assets(docs: Path, with_charts: bool) -> None:
    (docs / "assets" / "css").mkdir(parents=True, exist_ok=True)
    shutil.copy(ASSETS / "sozmon.css", docs / "assets" / "css" / "sozmon.css")
    js = docs / "assets" / "js"
    js.mkdir(parents=True, exist_ok=True)
    for script in sorted(ASSETS.glob("*.js")):  # the pages' own scripts (search, compare, …)
        if script.name != "sozmon-charts.js":
            shutil.copy(script, js / script.name)
    if not with_charts:
        return
    import vl_convert

    (js / "vega.js").write_text(vl_convert.javascript_bundle(), encoding="utf-8")
    locale = {"format": vl_convert.get_format_locale("de-DE"), "time": vl_convert.get_time_format_locale("de-DE")}
    loader = (ASSETS / "sozmon-charts.js").read_text(encoding="utf-8")
    (js / "sozmon-charts.js").write_text(
        loader.replace("/*LOCALE*/{}", json.dumps(locale, sort_keys=True)), encoding="utf-8"
    )


def config(release: Release, base: dict) -> dict:
    """The MkDocs configuration: the project's mkdocs.yml plus what the release decides."""
    s = release.settings
    cfg = dict(base)
    cfg.update(
        {
            "site_name": site_title(release),
            "site_description": texts.PAGES["start_description"].format(city=s.city or texts.PAGES["city_fallback"]),
            "docs_dir": "docs",
            "site_dir": "site",
            "use_directory_urls": True,
            "copyright": _copyright(release),
        }
    )
    if s.publication.site_url:
        cfg["site_url"] = s.publication.site_url
    theme = dict(cfg.get("theme") or {})
    theme.update({"name": "material", "language": "de", "font": False, "custom_dir": str(THEME)})
    cfg["theme"] = theme
    cfg["extra_css"] = ["assets/css/sozmon.css"]
    extra = dict(cfg.get("extra") or {})
    extra.update(
        {
            "generator": False,
            "sozmon_notice": texts.SYNTHETIC_NOTE if s.synthetic else "",
            "sozmon_ui": texts.THEME,
            "sozmon_shell": texts.SHELL,
            "sozmon_print": _print_lines(release),
            "sozmon_easy": easy_links(release),  # footer: Leichte Sprache, DGS (pages/easy.py)
            "sozmon_preview": _preview(release),
        }
    )
    cfg["extra"] = extra
    cfg.setdefault("markdown_extensions", ["tables", "admonition", "attr_list", "md_in_html", "toc"])
    cfg.setdefault("nav", None)
    if cfg["nav"] is None:
        cfg.pop("nav")
    else:
        cfg["nav"] = _with_release_pages(cfg["nav"], release)
    return cfg


def _with_release_pages(nav: list, release: Release) -> list:
    """The release's typologies right after the indices' entry (the one that links
    indizes/index.md), then its allocation keys, if it has any; their names are release
    texts, escaped by the theme."""
    entries = [{t.name: routes.page(routes.TYPOLOGIES, t.id)} for t in release.typologies]
    if release.allocations:
        entries.append({texts.ALLOCATION["list_title"]: f"{routes.ALLOCATIONS}/index.md"})
    at = next(
        (
            i + 1
            for i, item in enumerate(nav)
            if isinstance(item, dict) and f"{routes.INDICES}/index.md" in item.values()
        ),
        None,
    )
    return nav if at is None or not entries else [*nav[:at], *entries, *nav[at:]]


PREVIEW = "assets/images/vorschau.png"  # the start page's map as a PNG, for link previews
PREVIEW_WIDTH, PREVIEW_HEIGHT = 1200, 630


def _print_lines(release: Release) -> list[str]:
    """What a printed page says about its figures: release, publisher, licence, address."""
    s, meta, t = release.settings, release.metadata, texts.SHELL
    pub = s.publication
    lines = []
    if s.synthetic:
        lines.append(texts.SYNTHETIC_NOTE)
    created = str(meta.get("created") or "")[:10]
    if meta.get("version") or created:
        date = ".".join(reversed(created.split("-"))) if created else ""
        lines.append(t["print_release"].format(version=meta.get("version", ""), date=date).replace("  ", " "))
    if pub.publisher or s.city:
        lines.append(t["print_publisher"].format(publisher=pub.publisher or s.city))
    if pub.licence_title:
        lines.append(t["print_licence"].format(licence=" ".join(p for p in (pub.licence_title, pub.licence_url) if p)))
    if pub.site_url:
        lines.append(t["print_address"].format(url=pub.site_url))
    return lines


def _preview(release: Release) -> dict:
    """The site-wide picture of a shared link (og:image); it needs an absolute address."""
    s = release.settings
    if not s.publication.site_url:
        return {}
    return {
        "url": s.publication.site_url.rstrip("/") + "/" + PREVIEW,
        "width": PREVIEW_WIDTH,
        "height": PREVIEW_HEIGHT,
        "alt": texts.SHELL["preview_alt"].format(title=site_title(release)),
    }


def _copyright(release: Release) -> str:
    pub = release.settings.publication
    parts = [pub.publisher or release.settings.city, pub.licence_title]
    if release.settings.synthetic:
        parts.append(texts.SYNTHETIC_NOTE)
    return " · ".join(p for p in parts if p)


def build(folder: Path, cfg: dict, epoch: int | None = None, engine: str = engines.DEFAULT) -> Path:
    """Run the site engine (MkDocs or Zensical, see engines.py) in `folder` (which holds
    docs/); the site lands in folder/site.

    MkDocs stamps the build date into sitemap.xml; SOURCE_DATE_EPOCH (the caller's, or
    the release date) makes two builds of the same release byte-identical.
    """
    if (cfg.get("extra") or {}).get("sozmon_preview"):
        cfg = _with_preview(cfg, folder / "docs")
    path = folder / "mkdocs.yml"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if epoch is not None:
        env.setdefault("SOURCE_DATE_EPOCH", str(epoch))
    try:
        with engines.prepared(engine, folder / "docs") as md_downloads:
            run = engines.configure(engine, cfg, md_downloads)
            path.write_text(yaml.safe_dump(run, allow_unicode=True, sort_keys=False), encoding="utf-8")
            done = subprocess.run(engines.command(engine, path), cwd=folder, env=env, capture_output=True, text=True)
    finally:
        engines.clean(engine, folder)
    if done.returncode != 0:
        raise SiteError(engines.output(done.stdout + done.stderr))
    engines.finish(engine, folder / "site")
    return folder / "site"


def _with_preview(cfg: dict, docs: Path) -> dict:
    """Draw the start page's first chart (the index map) on a 1200 × 630 link preview.

    Without such a picture (a start page with no chart) the site has no og:image.
    """
    import re

    extra = dict(cfg["extra"])
    start = docs / "index.md"
    found = (
        re.search(r'src="(assets/charts/[^"]+\.svg)"', start.read_text(encoding="utf-8")) if start.is_file() else None
    )
    if found is None or not (docs / found[1]).is_file():
        extra["sozmon_preview"] = {}
        return {**cfg, "extra": extra}
    target = docs / PREVIEW
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(preview_png((docs / found[1]).read_text(encoding="utf-8")))
    extra["sozmon_preview"] = {**extra["sozmon_preview"], "width": PREVIEW_WIDTH, "height": PREVIEW_HEIGHT}
    return {**cfg, "extra": extra}


def preview_png(svg: str) -> bytes:
    """An SVG centred on a white 1200 × 630 canvas (the size link previews use), as PNG."""
    import vl_convert
    from lxml import etree

    root = etree.fromstring(svg.encode("utf-8"))
    width, height = float(root.get("width")), float(root.get("height"))
    if not root.get("viewBox"):
        root.set("viewBox", f"0 0 {width:g} {height:g}")
    margin = 20
    scale = min((PREVIEW_WIDTH - 2 * margin) / width, (PREVIEW_HEIGHT - 2 * margin) / height)
    w, h = width * scale, height * scale
    root.set("x", f"{(PREVIEW_WIDTH - w) / 2:.1f}")
    root.set("y", f"{(PREVIEW_HEIGHT - h) / 2:.1f}")
    root.set("width", f"{w:.1f}")
    root.set("height", f"{h:.1f}")
    canvas = etree.Element(
        "{http://www.w3.org/2000/svg}svg",
        nsmap={None: "http://www.w3.org/2000/svg"},
        width=str(PREVIEW_WIDTH),
        height=str(PREVIEW_HEIGHT),
    )
    etree.SubElement(canvas, "{http://www.w3.org/2000/svg}rect", width="100%", height="100%", fill="white")
    canvas.append(root)
    return vl_convert.svg_to_png(etree.tostring(canvas, encoding="unicode"), scale=1)


def read_base_config(path: Path | None) -> dict:
    if path is None or not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
