"""Static SVG pictures of the Vega-Lite specs, rendered with vl-convert.

Every page shows these pictures first (see sozmon-charts.js): they must look like the
interactive charts at a phone's width (a map also at a wide screen's). Rendering costs
about 0.1 s a chart, most of the site build, so the charts are spread over one process
per core.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path

import vl_convert as vlc

from .cache import OFF, Cache
from .cores import spread

# About a phone's content width (328 px at a 360 px screen): the picture is shown at
# this size or smaller, and sozmon-charts.js draws the interactive chart at the same
# width and scales it the same way, so it takes exactly the picture's place.
STATIC_WIDTH = 360
# Maps get a second picture for wide screens (the content column is about 690 px there):
# this wide, and the plot this many times as tall as on a phone. Not twice (in proportion
# to the width): a map of a tall city and its legend would not fit a laptop's screen
# (1280 × 800) any more. Text stays as large as on a phone. sozmon-charts.js draws the
# live map at the same size.
WIDE_WIDTH = 720
WIDE_HEIGHT_SCALE = 1.5
_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


def wide_height(spec: dict) -> int:
    """The plot height of a chart's wide picture."""
    return round(spec["height"] * WIDE_HEIGHT_SCALE)


def static_spec(spec: dict, base_dir: Path, width: int = STATIC_WIDTH, height: int | None = None) -> dict:
    """A copy of `spec` that renders without a browser: fixed width (and `height`, if
    given, for the plot), data inlined.

    vl-convert 1.9 has no base URL and cannot read local files (relative and absolute
    paths are resolved against https://vega.github.io/vega-datasets/, file:// URLs load
    nothing, silently), so each relative data URL is read from `base_dir` and put into
    the copy as inline text with the same `format`.
    """
    root = Path(base_dir).resolve()
    cache: dict[str, str] = {}

    def read(url: str) -> str:
        if url not in cache:
            path = (root / url).resolve()
            if root not in path.parents:
                raise ValueError(f"data URL outside {root}: {url}")
            cache[url] = path.read_text(encoding="utf-8")
        return cache[url]

    def walk(node):
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "width" and value == "container":
                    out[key] = width
                elif (
                    key == "data"
                    and isinstance(value, dict)
                    and isinstance(value.get("url"), str)
                    and "://" not in value["url"]
                ):
                    inline = {k: walk(v) for k, v in value.items() if k != "url"}
                    inline["values"] = read(value["url"])
                    out[key] = inline
                else:
                    out[key] = walk(value)
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    out = walk(copy.deepcopy(spec))
    if height is not None:
        out["height"] = height
    return out


def render_svg(spec: dict, base_dir: Path, width: int = STATIC_WIDTH, height: int | None = None) -> str:
    """Static SVG with German number formats."""
    return vlc.vegalite_to_svg(
        static_spec(spec, base_dir, width, height), format_locale="de-DE", time_format_locale="de-DE"
    )


def svg_size(svg: str) -> tuple[int, int]:
    """Width and height of an SVG picture, for the <img> that shows it."""
    match = _SIZE.search(svg)
    if not match:
        raise ValueError("SVG without width and height")
    return round(float(match.group(1))), round(float(match.group(2)))


def render_many(jobs: list[tuple], workers: int | None = None, cache: Cache = OFF) -> list[str]:
    """`render_svg` for each (spec, data folder[, width, height]), in order, on all cores;
    a picture whose spec, data and size are in `cache` is taken from there."""
    digests: dict[Path, bytes] = {}

    def make(todo: list[tuple]) -> list[bytes]:
        return [svg.encode("utf-8") for svg in spread(_render, todo, workers)]

    return [svg.decode("utf-8") for svg in cache.fetch_many(KIND, jobs, lambda job: _inputs(job, digests), make)]


KIND = "bild"  # the cache's folder for pictures


def _inputs(job: tuple, digests: dict[Path, bytes]) -> list[bytes | str]:
    """What a picture depends on: its spec, size, and the bytes of each data file it reads
    (hashed once per file)."""
    spec, base_dir, *size = job
    parts: list[bytes | str] = [json.dumps(spec, sort_keys=True, ensure_ascii=False), json.dumps(size)]
    root = Path(base_dir).resolve()
    for url in sorted(set(_data_urls(spec))):
        path = (root / url).resolve()
        if path not in digests:
            try:
                digests[path] = hashlib.sha256(path.read_bytes()).digest()
            except OSError:
                digests[path] = b""  # rendering will say what is wrong
        parts += [url, digests[path]]
    return parts


def _data_urls(node):
    if isinstance(node, dict):
        data = node.get("data")
        if isinstance(data, dict) and isinstance(data.get("url"), str) and "://" not in data["url"]:
            yield data["url"]
        for value in node.values():
            yield from _data_urls(value)
    elif isinstance(node, list):
        for value in node:
            yield from _data_urls(value)


def _render(job: tuple) -> str:
    return render_svg(*job)
