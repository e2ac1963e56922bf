"""Every page path and chart id of the site, in one place.

Pages and charts live in one folder per kind of subject (areas, dimensions,
indicators), so an indicator that shares its id with a dimension or an area can never
replace the other's page or chart. `check` rejects ids that would still collide (the
folder's own `index`, case-only differences, characters that are not safe in a path).
"""

from __future__ import annotations

import re

AREAS, DIMENSIONS, INDICATORS = "sozialraeume", "dimensionen", "indikatoren"
CHART_DIR = "assets/charts"
# An id becomes a folder name and part of a URL: letters, digits, '-' and '_' only.
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
RESERVED_IDS = frozenset({"index"})  # each folder's overview page is index.md

# The chart of the index as a whole (not of one area, dimension or indicator).
INDEX_SCOPE = "index"


def page(kind: str, subject: str) -> str:
    """The Markdown file of a subject's page, relative to the docs folder."""
    return f"{kind}/{subject}.md"


def url(kind: str, subject: str) -> str:
    """The page's URL relative to the site root (MkDocs' directory URLs)."""
    return f"{kind}/{subject}/"


def chart(kind: str, subject: str | None, name: str) -> str:
    """A chart id, also its file name under CHART_DIR: `<kind>/<subject>/<name>`."""
    return f"{kind}/{subject}/{name}" if subject is not None else f"{kind}/{name}"


def chart_subject(chart_id: str) -> tuple[str, str] | None:
    """(kind, subject) of a chart id, None for a chart of the whole index."""
    parts = chart_id.split("/")
    return (parts[0], parts[1]) if len(parts) == 3 else None
