"""PDF documents (profiles, reports) typeset by typst from data, never from markup.

A template in `templates/*.typ` gets everything it prints as one JSON document
(`sys.inputs.data`) and each picture as an SVG text (`sys.inputs.img-<key>`). Release
texts therefore reach typst as *strings*, never as markup: a name like `#eval("1")` or
`*fett*` is printed as it is, and there is nothing to escape. Templates must keep it
that way (no `eval`, no markup mode on data).

The output is tagged PDF/UA-1 with the document language `de`, the fonts shipped in
`assets/fonts` (system fonts are ignored, so the output does not depend on the machine)
and the release's date as the only timestamp: two builds give identical bytes.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import texts
from .cache import OFF, Cache
from .cores import spread

if TYPE_CHECKING:
    from .model import Release

TEMPLATES = Path(__file__).resolve().parent / "templates"
FONTS = Path(__file__).resolve().parent / "assets" / "fonts"
STANDARDS = ["ua-1"]
ZWSP = "\u200b"  # a line may break here; invisible
LONG_WORD = 30  # longer runs without a space get break points, so they cannot run off the page
_TOKEN = re.compile(r"[^\s\u200b]+")

_compiler = None
_lock = threading.Lock()


class PdfError(Exception):
    """A PDF could not be typeset; the message says which one and why (no traceback)."""


def render(
    template: str, data: dict, images: dict[str, str] | None = None, *, stamp: datetime, cache: Cache = OFF
) -> bytes:
    """Typeset `templates/<template>` with `data` (JSON-able) and SVG `images` → PDF bytes,
    or take them from `cache` if the same inputs were typeset before.

    The template reads `#let data = json(bytes(sys.inputs.data))` and a picture with
    `image(bytes(sys.inputs.at("img-" + key)), format: "svg", alt: ...)`; `stamp` (the
    release date, `package._timestamp`) is the document's date.
    """
    return render_all(template, [(data, images)], stamp=stamp, cache=cache)[0]


KIND = "pdf"  # the cache's folder for PDFs
_POOL_FROM = 8  # fewer documents are typeset here: starting the processes would cost more


def render_all(
    template: str,
    jobs: Iterable[tuple[dict, dict[str, str] | None]],
    *,
    stamp: datetime,
    cache: Cache = OFF,
    workers: int | None = None,
) -> list[bytes]:
    """`render` for many documents (data, images), in their order. Those not in `cache`
    are typeset on all cores, a process each: typst-py holds the GIL while it compiles, so
    threads gain nothing (measured: 2 threads on 2 cores, 10 % at best)."""

    def parts(inputs: dict[str, str]) -> list[str]:
        return [template, json.dumps(inputs, sort_keys=True), stamp.isoformat()]

    def make(todo: list[dict[str, str]]) -> list[bytes]:
        return spread(_typeset_job, [(template, i, stamp) for i in todo], workers, _POOL_FROM)

    return cache.fetch_many(KIND, [_inputs(data, images) for data, images in jobs], parts, make)


def _inputs(data: dict, images: dict[str, str] | None) -> dict[str, str]:
    inputs = {"data": json.dumps(_breakable_all(data), ensure_ascii=False, allow_nan=False, default=_plain)}
    inputs.update({f"img-{key}": svg for key, svg in (images or {}).items()})
    return inputs


def _typeset_job(job: tuple[str, dict[str, str], datetime]) -> bytes:
    return _typeset(*job)


def _typeset(template: str, inputs: dict[str, str], stamp: datetime) -> bytes:
    import typst

    global _compiler
    with _lock:  # one compiler (fonts loaded once) for single documents
        if _compiler is None:
            _compiler = _new_compiler()
        try:
            return _compiler.compile(
                input=str(TEMPLATES / template), sys_inputs=inputs, pdf_standards=STANDARDS, timestamp=stamp
            )
        except typst.TypstError as exc:
            detail = getattr(exc, "message", "") or str(exc)
            hints = "; ".join(getattr(exc, "hints", None) or [])
            raise PdfError(texts.PDF["error"].format(template=template, detail=f"{detail} {hints}".strip())) from None


def _new_compiler():
    import typst

    return typst.Compiler(root=str(TEMPLATES), font_paths=[str(FONTS)], ignore_system_fonts=True)


def breakable(text: str, limit: int = LONG_WORD) -> str:
    """`text` with an invisible break point every limit/2 characters of any run longer than
    `limit`: typst cannot break a word without a hyphenation pattern, so a long id, URL or
    code would run across the next column or off the page."""
    step = max(limit // 2, 1)

    def cut(match: re.Match) -> str:
        word = match.group(0)
        if len(word) <= limit:
            return word
        return ZWSP.join(word[i : i + step] for i in range(0, len(word), step))

    return _TOKEN.sub(cut, text)


def _breakable_all(value, key: str = ""):
    """Every string of the data made breakable, except the PDF's metadata (`document`:
    title, author, subject are not printed; its footer is)."""
    if isinstance(value, str):
        return breakable(value)
    if isinstance(value, dict):
        if key == "document":
            return {k: (_breakable_all(v) if k == "footer" else v) for k, v in value.items()}
        return {k: _breakable_all(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_breakable_all(v) for v in value]
    return value


def _plain(value):
    """numpy/pandas scalars as plain JSON values (pd.NA → null)."""
    if hasattr(value, "item"):
        return value.item()
    if value is None or str(value) in ("<NA>", "nan", "NaT"):
        return None
    raise TypeError(f"not JSON: {type(value).__name__}")


def document(release: Release, title: str, subject: str = "") -> dict:
    """What `sozmon.typ` needs on every page of a document about `release`: the PDF's
    title and author, the footer (two lines: publication, date, version; licence) and the synthetic
    notice. Put it under `data["document"]`."""
    from .package import german_date, package_title

    s, meta = release.settings, release.metadata
    pub = s.publication
    publisher = pub.publisher or s.city
    version = str(meta.get("version", "") or "")
    t = texts.PDF
    parts = [package_title(release), t["date"].format(date=german_date(str(meta.get("created", "") or "")))]
    if version:
        parts.append(t["version"].format(version=version))
    return {
        "title": title + (t["synthetic_title"] if s.synthetic else ""),  # the file's title says it too
        "subject": subject,
        "author": publisher or package_title(release),
        "footer": [" · ".join(p for p in parts if p), t["licence"].format(licence=pub.licence_title)],
        "page": t["page"],
        "synthetic": texts.SYNTHETIC_NOTE if s.synthetic else None,
    }
