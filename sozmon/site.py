"""The static site: generated pages, charts and assets in a docs folder, then MkDocs.

All generation happens here, before MkDocs runs: no MkDocs plugins of our own, so the
site builds with Material for MkDocs and with its successor Zensical alike.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from . import package, texts
from .format import first_chart_eager
from .model import Release, Result
from .pages import Site, pages

HERE = Path(__file__).resolve().parent
THEME = HERE / "theme"
ASSETS = HERE / "assets"
CHART_SCRIPT = "assets/js/sozmon-charts.js"  # it loads assets/js/vega.js when needed


class SiteError(Exception):
    """MkDocs failed; carries its output for the user."""


def write_docs(release: Release, result: Result, data: Path, docs: Path, handwritten: Path | None) -> Site:
    """Fill `docs` with the hand-written pages, the generated pages, charts and assets."""
    if handwritten and handwritten.is_dir():
        shutil.copytree(handwritten, docs, dirs_exist_ok=True)
    docs.mkdir(parents=True, exist_ok=True)
    tables = package.tables(release, result)
    files = sorted(p for p in data.iterdir() if p.is_file())
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    charts = _charts(release, result, data, docs)
    site = Site(release, tables, package.downloads(descriptor, files), charts)
    for path, markdown in pages(site).items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_with_charts(markdown, path) if "sozmon-chart" in markdown else markdown,
                          encoding="utf-8")
    _assets(docs, bool(charts))
    return site


def _charts(release: Release, result: Result, data: Path, docs: Path) -> dict[str, tuple[int, int]]:
    """Chart specs and their static SVGs (vl-convert and Altair are imported only here)."""
    from . import chartset

    return chartset.write_all(release, result, data, docs)


def _with_charts(markdown: str, path: str) -> str:
    """The chart script, and the first chart's picture loaded at once."""
    depth = path.count("/") + (0 if path.endswith("index.md") else 1)
    return f'{first_chart_eager(markdown)}\n<script defer src="{"../" * depth}{CHART_SCRIPT}"></script>\n'


def _assets(docs: Path, with_charts: bool) -> None:
    (docs / "assets" / "css").mkdir(parents=True, exist_ok=True)
    shutil.copy(ASSETS / "sozmon.css", docs / "assets" / "css" / "sozmon.css")
    if not with_charts:
        return
    import vl_convert

    js = docs / "assets" / "js"
    js.mkdir(parents=True, exist_ok=True)
    (js / "vega.js").write_text(vl_convert.javascript_bundle(), encoding="utf-8")
    locale = {"format": vl_convert.get_format_locale("de-DE"), "time": vl_convert.get_time_format_locale("de-DE")}
    loader = (ASSETS / "sozmon-charts.js").read_text(encoding="utf-8")
    (js / "sozmon-charts.js").write_text(loader.replace("/*LOCALE*/{}", json.dumps(locale, sort_keys=True)),
                                         encoding="utf-8")


def config(release: Release, base: dict) -> dict:
    """The MkDocs configuration: the project's mkdocs.yml plus what the release decides."""
    s = release.settings
    cfg = dict(base)
    cfg.update({
        "site_name": f"{s.index_name} – {s.city}" if s.city else s.index_name,
        "site_description": texts.PAGES["start_description"].format(index=s.index_name, city=s.city),
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "copyright": _copyright(release),
    })
    if s.publication.site_url:
        cfg["site_url"] = s.publication.site_url
    theme = dict(cfg.get("theme") or {})
    theme.update({"name": "material", "language": "de", "font": False, "custom_dir": str(THEME)})
    cfg["theme"] = theme
    cfg["extra_css"] = ["assets/css/sozmon.css"]
    extra = dict(cfg.get("extra") or {})
    extra.update({"generator": False, "sozmon_notice": texts.SYNTHETIC_NOTE if s.synthetic else "",
                  "sozmon_ui": texts.THEME})
    cfg["extra"] = extra
    cfg.setdefault("markdown_extensions", ["tables", "admonition", "attr_list", "md_in_html", "toc"])
    cfg.setdefault("nav", None)
    if cfg["nav"] is None:
        cfg.pop("nav")
    return cfg


def _copyright(release: Release) -> str:
    pub = release.settings.publication
    parts = [pub.publisher or release.settings.city, pub.licence_title]
    if release.settings.synthetic:
        parts.append(texts.SYNTHETIC_NOTE)
    return " · ".join(p for p in parts if p)


def build(folder: Path, cfg: dict, epoch: int | None = None) -> Path:
    """Run MkDocs in `folder` (which holds docs/); the site lands in folder/site.

    MkDocs stamps the build date into sitemap.xml; SOURCE_DATE_EPOCH (the caller's, or
    the release date) makes two builds of the same release byte-identical.
    """
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if epoch is not None:
        env.setdefault("SOURCE_DATE_EPOCH", str(epoch))
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(path)],
                          cwd=folder, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SiteError((done.stdout + done.stderr).strip())
    return folder / "site"


def read_base_config(path: Path | None) -> dict:
    if path is None or not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
