"""The two engines that turn docs/ and mkdocs.yml into the site: MkDocs with Material for
MkDocs (the default) and its successor Zensical, which reads the same mkdocs.yml.

Both get the same generated docs/ and the same configuration. What differs is handled
here, and only while the engine runs:

- Zensical treats every relative URL in raw HTML (`href`, `src`, `srcset`) like a Markdown
  link: relative to the page's *source file* (`sozialraeume/01.md` → `sozialraeume/`),
  and rewrites it for the output folder (`sozialraeume/01/`). MkDocs leaves raw HTML
  alone, so the generated pages write those URLs relative to the output folder. For
  Zensical they are turned into source-relative URLs before the build (and back after
  it), so that both engines write the same links. Without this, every chart, script and
  download of a page that is not an `index.md` pointed one folder too high: unnoticed at
  the root of a domain (a browser stops at `/`), broken under a sub-path.
- Zensical turns a raw-HTML link to a `.md` file into a link to that page. The data
  page offers the release's changelog `aenderungen.md` as a download (a file of the data
  package, not a page): its dot is percent-encoded (`aenderungen%2Emd`, which every web
  server decodes), and Zensical's check for links to missing pages is off in that case
  (it would report the download as a missing page). MkDocs checks the same Markdown
  links in its build.
- Zensical's `classic` look is Material's; its default (`modern`) has other fonts and
  colours than sozmon.css was made for.
- Zensical keeps a cache (`.cache/`) beside the configuration: removed after the build.
- Zensical 0.0.73 writes each page's title into its search index (`search.json`, the
  result's `path`) unescaped, and its search dialog renders that as HTML: a release text
  such as `<script>…</script>` in an area's name ran when someone searched. The titles in
  `path` are plain text: they are escaped after the build.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class SiteError(Exception):
    """MkDocs (or Zensical) failed; carries its output for the user."""


MKDOCS, ZENSICAL = "mkdocs", "zensical"
ENGINES = (MKDOCS, ZENSICAL)
DEFAULT = MKDOCS

# A URL attribute in raw HTML, as Zensical rewrites them (it leaves data-*, action,
# poster and <object data> alone).
_ATTRIBUTE = re.compile(r"""(?<=[\s"'])(href|src|srcset)=(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
# A start tag (escaped text such as `&lt;iframe src=…` is not one); the text of <noscript>,
# <script>, <style> and <textarea> is not HTML to Zensical's parser and stays as it is.
_TAG = re.compile(
    r"(<(noscript|script|style|textarea)\b[^<>]*>)(.*?)(</\2\s*>)|<[A-Za-z][^<>]*>", re.IGNORECASE | re.DOTALL
)
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#|\?)")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def command(engine: str, config: Path) -> list[str]:
    """The build command: strict, so that a warning (a broken link, …) fails the build."""
    if engine == MKDOCS:
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    if engine == ZENSICAL:
        return [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config)]
    raise ValueError(f"unknown site engine: {engine}")


def configure(engine: str, cfg: dict, md_downloads: bool) -> dict:
    """The configuration for one engine: the shared one, plus what only Zensical needs."""
    if engine != ZENSICAL:
        return cfg
    theme = {**(cfg.get("theme") or {}), "variant": "classic"}
    cfg = {**cfg, "theme": theme}
    if md_downloads:
        cfg["validation"] = {"not_found": "ignore", "anchors": "warn"}
    return cfg


def output(text: str) -> str:
    """An engine's messages without terminal colours (Zensical colours even a pipe)."""
    return _ANSI.sub("", text).strip()


def clean(engine: str, folder: Path) -> None:
    """Remove what the engine leaves beside the configuration (Zensical's cache)."""
    if engine == ZENSICAL:
        shutil.rmtree(folder / ".cache", ignore_errors=True)


def finish(engine: str, site: Path) -> None:
    """Repair what the engine wrote into `site`: Zensical's search index names each result's
    pages (`path`) as HTML that is not escaped; they are plain titles, escaped here."""
    index = site / "search.json"
    if engine != ZENSICAL or not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    for item in data.get("items", []):
        item["path"] = [html.escape(title, quote=False) for title in item.get("path", [])]
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


@contextmanager
def prepared(engine: str, docs: Path) -> Iterator[bool]:
    """docs/ as the engine needs it while it runs, restored afterwards; yields whether a
    raw-HTML link points to a `.md` file (a download)."""
    if engine != ZENSICAL:
        yield False
        return
    changed: dict[Path, str] = {}
    md_downloads = False
    try:
        for path in sorted(docs.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            page = path.relative_to(docs).as_posix()
            new, found = source_relative(text, page)
            md_downloads = md_downloads or found
            if new != text:
                changed[path] = text
                path.write_text(new, encoding="utf-8")
        yield md_downloads
    finally:
        for path, text in changed.items():
            path.write_text(text, encoding="utf-8")


def source_relative(markdown: str, page: str) -> tuple[str, bool]:
    """The page's raw-HTML URLs, written relative to its output folder (as MkDocs serves
    them), rewritten relative to its source file (as Zensical reads them); and whether one
    of them points to a `.md` file. Code blocks are left as they are."""
    name = posixpath.basename(page)
    stem = "" if name == "index.md" else name.removesuffix(".md")
    found = False

    def url(value: str) -> str:
        nonlocal found
        if not value or _ABSOLUTE.match(value):
            return value
        cut = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=len(value))
        path, rest = value[:cut], value[cut:]
        if stem:
            trailing = path.endswith("/") or path in ("", ".")
            path = posixpath.normpath(posixpath.join(stem, path or "."))
            path = "./" if path == "." else path + ("/" if trailing else "")
        if path.lower().endswith(".md"):
            found = True
            path = path[:-3] + "%2E" + path[-2:]
        return path + rest

    def attribute(match: re.Match) -> str:
        name, quote, value = match.groups()
        if name.lower() == "srcset":
            parts = [p.strip().split(None, 1) for p in value.split(",") if p.strip()]
            value = ", ".join(" ".join([url(p[0]), *p[1:]]) for p in parts)
        else:
            value = url(value)
        return f"{name}={quote}{value}{quote}"

    def tag(match: re.Match) -> str:
        if match[1] is None:
            return _ATTRIBUTE.sub(attribute, match[0])
        return _ATTRIBUTE.sub(attribute, match[1]) + match[3] + match[4]

    lines, fence, html = [], None, []
    for line in markdown.splitlines(keepends=True):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened[1]
        elif fence is not None and line.lstrip().startswith(fence):
            fence = None
        elif fence is None:
            html.append(line)
            continue
        lines.append(_TAG.sub(tag, "".join(html)))
        html = []
        lines.append(line)
    lines.append(_TAG.sub(tag, "".join(html)))
    return "".join(lines), found
