"""Every page path and chart id of the site, in one place.

Pages and charts live in one folder per kind of subject (areas, indices, typologies,
indicators); an index's dimensions live inside its folder, so two indices may both
have a dimension `wohnen`, and an indicator that shares its id with a dimension or an
area can never replace the other's page or chart. `check` rejects ids that would
still collide (the folder's own `index`, case-only differences, characters that are
not safe in a path).

    sozialraeume/<area>.md                   charts sozialraeume/<area>/lage,
                                                    sozialraeume/<area>/<index>/dimensionen|verlauf
    indizes/<index>/index.md                 charts indizes/<index>/karte|rangfolge
    indizes/<index>/methode.md
    indizes/<index>/dimensionen/<dim>.md     charts indizes/<index>/dimensionen/<dim>/karte|rangfolge
    typologien/<typology>.md                 charts typologien/<typology>/karte
    indikatoren/<indicator>.md               charts indikatoren/<indicator>/karte|rangfolge|verteilung
    verteilung/index.md, verteilung/<key>.md chart  verteilung/<key>/betraege
"""

from __future__ import annotations

import posixpath
import re

AREAS, INDICES, TYPOLOGIES, INDICATORS = "sozialraeume", "indizes", "typologien", "indikatoren"
ALLOCATIONS = "verteilung"  # allocation keys (Verteilungsschlüssel)
ANALYSIS = "bestandsanalyse.md"  # the Bestandsanalyse for the board
STREETS = "strassen.md"  # the A–Z street directory (find your area by street)
COMPARE = "vergleich.md"  # areas side by side
EASY = "leichte-sprache.md"  # the site explained in Leichte Sprache (BITV 2.0 § 4)
SIGN_LANGUAGE = "gebaerdensprache.md"  # the DGS video and its text (only when the settings name one)
EMBED = "einbetten"  # one HTML page per chart for <iframe>s, outside MkDocs' pages
DIMENSIONS = "dimensionen"  # inside an index's folder
METHOD = "methode"
CHART_DIR = "assets/charts"
# An id becomes a folder name and part of a URL: letters, digits, '-' and '_' only.
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
# Each folder's overview page is index.md; an index's folder holds its method page and
# its dimensions' folder too.
RESERVED_IDS = frozenset({"index", METHOD, DIMENSIONS})


def page(kind: str, subject: str) -> str:
    """The Markdown file of an area's, typology's or indicator's page, relative to docs/."""
    return f"{kind}/{subject}.md"


def index_page(index_id: str) -> str:
    return f"{INDICES}/{index_id}/index.md"


def index_method_page(index_id: str) -> str:
    return f"{INDICES}/{index_id}/{METHOD}.md"


def dimension_page(index_id: str, dimension_id: str) -> str:
    return f"{INDICES}/{index_id}/{DIMENSIONS}/{dimension_id}.md"


def url(path: str) -> str:
    """A page's URL relative to the site root (MkDocs' directory URLs)."""
    stem = path.removesuffix(".md")
    stem = stem.removesuffix("/index") if stem.endswith("/index") else ("" if stem == "index" else stem)
    return f"{stem}/" if stem else ""


def root(page_path: str) -> str:
    """The way from a page's URL back to the site root: `x/y.md` is served as `x/y/`."""
    return "../" * (page_path.count("/") + (0 if page_path.endswith("index.md") else 1))


def chart(*parts: str) -> str:
    """A chart id, also its file name under CHART_DIR: its parts joined by '/'."""
    return "/".join(parts)


def area_chart(area_id: str, name: str, index_id: str | None = None) -> str:
    return chart(AREAS, area_id, name) if index_id is None else chart(AREAS, area_id, index_id, name)


def index_chart(index_id: str, name: str) -> str:
    return chart(INDICES, index_id, name)


def dimension_chart(index_id: str, dimension_id: str, name: str) -> str:
    return chart(INDICES, index_id, DIMENSIONS, dimension_id, name)


def typology_chart(typology_id: str, name: str) -> str:
    return chart(TYPOLOGIES, typology_id, name)


def indicator_chart(indicator_id: str, name: str) -> str:
    return chart(INDICATORS, indicator_id, name)


def allocation_chart(allocation_id: str, name: str) -> str:
    return chart(ALLOCATIONS, allocation_id, name)


def chart_subject(chart_id: str) -> tuple[str, str]:
    """(kind, subject) of a chart id: the folder and the id its data are filtered to."""
    parts = chart_id.split("/")
    return parts[0], parts[1]


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """The link from one page to another (both relative to docs/), as MkDocs checks it."""
    here = posixpath.dirname(from_page) or "."
    return posixpath.relpath(to_page, here) + (f"#{anchor}" if anchor else "")
