"""Find your area by street: the A–Z street list and the search box (issue 12).

The release's street directory (`strassen`, as published in `site.tables`) becomes

- the A–Z page (routes.STREETS): every street with its postcode and, per area, the house
  numbers that lie in it, grouped by first letter; it is also where the search form
  goes without JavaScript (a GET to a static page: the list works as the answer);
- a small JSON file (DATA) that sozmon-streets.js fetches on the first focus of a search
  box: the UI texts, the areas (name and URL) and per street its normalised key and
  ranges. Every text in it is written into the page with textContent, never as HTML;
- the search box on the start page, every area page and the A–Z page.

The street key (load.street_key) and the script's `normalize` make "Zechenstr. Süd",
"zechenstrasse sued" and "Zechenstraße Süd" the same street.
"""

from __future__ import annotations

import json
from itertools import groupby

import pandas as pd

from .. import contract, routes, texts
from ..load import street_key, street_sort_key
from ..templating import render
from .common import Site, T, area_link, front, link

S = texts.STREETS
DATA = "assets/data/strassen.json"  # the search data, under docs/
SCRIPT = "assets/js/sozmon-streets.js"
_SIDE_CODE = {"alle": "a", "gerade": "g", "ungerade": "u"}
# The texts sozmon-streets.js writes (with textContent), sent in the search data.
_SCRIPT_TEXTS = (
    "too_short",
    "none",
    "one",
    "streets",
    "split",
    "number_none",
    "postcode",
    "postcode_none",
    "more",
    "range",
    "range_from",
    "range_to",
    "range_all",
    "number",
    "side",
)


def _rows(site: Site) -> pd.DataFrame | None:
    rows = site.tables.get(contract.STREETS)
    return rows if rows is not None and len(rows) else None


def street_pages(site: Site) -> dict[str, str]:
    """{path: Markdown}: the A–Z street list, if the release has a street directory."""
    rows = _rows(site)
    if rows is None:
        return {}
    here = routes.STREETS
    letters = _letters(site, rows, here)
    return {
        here: render(
            "streets.md.j2",
            T=T,
            S=S,
            front=front(S["page_title"], S["page_description"].format(city=site.city)),
            heading=S["page_title"],
            intro=S["intro"].format(city=site.city),
            synthetic=site.release.settings.synthetic,
            synthetic_note=S["synthetic"],
            search=search_box(site, here),
            nav=[link(here, here, g["letter"], g["anchor"]) for g in letters],
            letters=letters,
            data=link(here, "daten.md", T["downloads"]),
        )
    }


def _letters(site: Site, rows: pd.DataFrame, here: str) -> list[dict]:
    """The streets grouped by first letter (ä under A, DIN 5007-1), each street and
    postcode with its areas and their house numbers."""
    streets = _streets(rows)
    out = []
    for letter, group in groupby(streets, key=lambda s: _letter(s["name"])):
        items = []
        for s in group:
            areas = [{"link": area_link(site, here, a), "ranges": r} for a, r in s["areas"].items()]
            items.append({"name": s["name"], "plz": s["plz"], "areas": areas})
        anchor = S["letter_anchor"].format(letter=_anchor(letter))  # ascii letters and '-' only
        out.append({"letter": letter, "anchor": anchor, "attr": "{#" + anchor + "}", "streets": items})
    return out


def _letter(name: str) -> str:
    first = street_sort_key(name)[0][:1].upper()
    return first if first.isalpha() and first.isascii() else "#"


def _anchor(letter: str) -> str:
    return letter.lower() if letter.isalnum() else "andere"


def _streets(rows: pd.DataFrame) -> list[dict]:
    """One entry per street and postcode, A–Z: {name, plz, key, areas: {area: [range texts]}, rows}."""
    out: dict[tuple[str, str], dict] = {}
    for r in rows.itertuples(index=False):
        name, plz = str(r.strasse), "" if pd.isna(r.plz) else str(r.plz)
        new = {"name": name, "plz": plz, "key": street_key(name), "areas": {}, "rows": []}
        entry = out.setdefault((name, plz), new)
        low = None if pd.isna(r.hausnummer_von) else int(r.hausnummer_von)
        high = None if pd.isna(r.hausnummer_bis) else int(r.hausnummer_bis)
        side = str(r.seite) if not pd.isna(r.seite) else "alle"
        entry["areas"].setdefault(str(r.sozialraum_id), []).append(range_text(low, high, side))
        entry["rows"].append([plz, low, high, _SIDE_CODE.get(side, "a"), str(r.sozialraum_id)])
    return sorted(out.values(), key=lambda s: (street_sort_key(s["name"]), s["plz"]))


def range_text(low: int | None, high: int | None, side: str) -> str:
    """ "Nr. 1–23 ungerade", "ab Nr. 40", "alle Hausnummern" (the script writes the same)."""
    if low is None and high is None:
        text = S["range_all"]
    elif high is None:
        text = S["range_from"].format(von=low)
    elif low is None:
        text = S["range_to"].format(bis=high)
    elif low == high:
        text = S["number"].format(von=low)
    else:
        text = S["range"].format(von=low, bis=high)
    word = S["side"].get(side, "")
    return f"{text} {word}" if word else text


def street_files(site: Site) -> dict[str, str | bytes]:
    """{path under docs/: content}: what the search box reads (no Markdown)."""
    rows = _rows(site)
    if rows is None:
        return {}
    streets = _streets(rows)
    used = sorted({row[4] for s in streets for row in s["rows"]})
    data = {
        "texts": {k: S[k] for k in _SCRIPT_TEXTS},
        "areas": {a: [site.names.get(a, a), routes.url(routes.page(routes.AREAS, a))] for a in used},
        "streets": [[s["name"], s["key"], s["rows"]] for s in streets],
    }
    return {DATA: json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"}


def search_box(site: Site, here: str) -> dict | None:
    """What the search box on page `here` needs, or None (no street directory)."""
    rows = _rows(site)
    if rows is None:
        return None
    root = routes.root(here)
    return {
        "id": "sozmon-strassen",
        "title": S["box_title"],
        "label": S["label"],
        "submit": S["submit"],
        "hint": S["hint"].format(example=_example(rows)),
        "failed": S["failed"],
        "az": None if here == routes.STREETS else S["az_link"],
        "action": root + routes.url(routes.STREETS),
        "data": root + DATA,
        "script": root + SCRIPT,
    }


def _example(rows: pd.DataFrame) -> str:
    """A real address of the directory for the hint: the first street with a number."""
    first = rows.iloc[0]
    number = first["hausnummer_von"]
    return str(first["strasse"]) if pd.isna(number) else f"{first['strasse']} {int(number)}"
