"""Write a small release whose every text field is an attack, for the hostile-site test.

A release's texts come from outside the code. Here each one holds HTML that would run
a script (`window.__pwned = 1`), quotes, Markdown links to `javascript:`, spreadsheet
formula starts (= + - @), YAML breakers (`: `, `#`, `---`, a line break), a `|` and an
80-character name without spaces. Ids stay plain: `check` rejects unsafe ids.

    python tools/hostile_release.py OUTDIR
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd
import yaml

from tools.synthetic_release import PLAIN, write_csv, write_indicators, write_release

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
LINK = "[klick](javascript:window.__pwned=1)"
JS_URL = "javascript:window.__pwned=1"
QUOTES = "\"doppelt\" 'einfach'"
YAML_BREAK = "a: b # c ---"
LONG = "Sehr" + "lang" * 19  # 80 characters, no space to break at

AREA_NAMES = [
    '=HYPERLINK("https://example.org/","klick") Gebiet 1 ' + SCRIPT,
    "+Gebiet 2 " + IMG + " " + QUOTES,
    "-Gebiet 3 " + LINK + " | " + YAML_BREAK,
    "@Gebiet 4 " + JS_URL + " </title><script>window.__pwned=1</script>",
    "# Gebiet 5 & <b>fett</b> " + QUOTES + " ---",
    LONG,
]
QUARTER_NAMES = [f'# Teil {q} {IMG} "{q}"' for q in range(1, 5)]
DISTRICT_NAMES = [f"--- Bezirk {d}: {SCRIPT} {LINK}" for d in range(1, 3)]
DIMENSIONS = {
    "wohnen": ("Wohnen " + SCRIPT + " \"A\" & 'B'", "Beschreibung: " + IMG + "\n--- # zweite Zeile " + LINK),
    "bildung": ("=Bildung | " + LINK, "+Beschreibung " + SCRIPT + " " + JS_URL),
}
INDICATORS = {  # name, einheit, zaehler, nenner, quelle
    "wohnen_1": (
        "Indikator " + IMG + " 1",
        "% " + SCRIPT,
        "=SUM(A1:A2) Personen " + IMG,
        "-Einwohner " + LINK,
        "@Amt " + QUOTES + " " + SCRIPT + " " + JS_URL,
    ),
    "bildung_1": (
        "@Indikator 2 " + LINK + " " + QUOTES,
        "je 1.000 <i>x</i>",
        "Fälle: # ---",
        "Einwohner | " + YAML_BREAK,
        '=HYPERLINK("https://example.org/") ' + IMG,
    ),
    "kontext_1": (
        'Kontext: "3" # --- ' + SCRIPT,
        "%",
        "+Personen " + SCRIPT,
        "Bezugsbevölkerung " + LONG,
        "Quelle " + LINK,
    ),
}
SETTINGS = {
    "city": "Stadt " + SCRIPT + " \"Q\" 'q'",
    "index_name": "Index " + IMG + " #1: ---",
    "publisher": "=Amt für " + LINK + " " + SCRIPT,
    "title": "Titel ' \" </title><script>window.__pwned=1</script>",
}
# Two indices and a typology whose every text is hostile too, class labels included.
INDICES = [
    {
        "id": "lage",
        "name": "Lage " + SCRIPT + " =1+1 | " + QUOTES,
        "short_name": "@Kurz " + IMG,
        "description": "Misst " + LINK + " ---\n# " + YAML_BREAK,
        "dimensions": [
            {"id": "wohnen", "indicators": ["wohnen_1"]},
            {"id": "bildung", "name": "=Bildung inline " + IMG, "indicators": ["bildung_1"]},
        ],
        "method": {
            "classes": {
                "cuts": [-0.5, 0.5],
                "labels": ["=niedrig " + SCRIPT, "mittel | " + QUOTES, "hoch " + LINK],
            }
        },
    },
    {
        "id": "wandel",
        "name": "+Wandel " + IMG + " " + JS_URL,
        "short_name": "Wandel " + SCRIPT,
        "description": "Veränderung " + QUOTES,
        "kind": "dynamics",
        "basis": "lage",
        "period": 1,
        "method": {"classes": {"labels": ["-schlechter " + IMG, "gleich # ---", "besser " + SCRIPT]}},
    },
]
TYPOLOGIES = [
    {
        "id": "typ",
        "name": "Typologie " + SCRIPT + " " + QUOTES,
        "description": "=Kreuz " + LINK + " " + IMG,
        "indices": ["lage", "wandel"],
        "label": "{lage} " + SCRIPT + " | {wandel} " + LINK,
    }
]
# Allocation keys: their names and descriptions, and the class and type labels their
# weights, eligibility and charts name.
ALLOCATIONS = [
    {
        "id": "geld",
        "name": "Budget " + SCRIPT + " =1+1 | " + QUOTES,
        "description": "@Beschreibung " + LINK + " " + IMG + "\n# ---",
        "budget": 100000,
        "need": {"index": "lage"},
        "weights": {INDICES[0]["method"]["classes"]["labels"][0]: 2, INDICES[0]["method"]["classes"]["labels"][1]: 1},
        "population": {"indicator": "bildung_1", "count": "nenner"},
        "eligible": INDICES[0]["method"]["classes"]["labels"][:2],
        "floor": 1000,
    },
    {
        "id": "typ-geld",
        "name": "-Typgeld " + IMG + " " + JS_URL,
        "budget": 50000.5,
        "need": {"typology": "typ"},
        "population": {"indicator": "wohnen_1", "count": "nenner"},
    },
]
PACKAGE = {
    "title": 'Paket </title><script>window.__pwned=1</script> "x"',
    "description": "Beschreibung " + IMG + " " + LINK + " =1+1",
}
# The street directory: street names that attack the A–Z page, the search data and the
# search box's hint (the first street, with its first number, is the example).
STREETS = [  # strasse, plz, von, bis, seite, area
    ('=HYPERLINK("https://example.org/") Straße ' + SCRIPT, "12345", 1, 9, "ungerade", "A0001"),
    ('=HYPERLINK("https://example.org/") Straße ' + SCRIPT, "12345", 11, "", "ungerade", "A0002"),
    ('=HYPERLINK("https://example.org/") Straße ' + SCRIPT, "12345", 2, "", "gerade", "A0001"),
    ("<b>Weg</b> " + IMG, "12345", "", "", "", "A0003"),
    (LINK + " Gasse | " + YAML_BREAK, "12346", 1, 20, "alle", "A0004"),
    ("Allee " + QUOTES + " {#x} </script>", "12346", 1, 5, "a", "A0005"),
    ("# Platz ---", "12346", "", "", "", "A0006"),
    (LONG, "12346", 3, 3, "u", "A0006"),
]
CHANGELOG = f"""# Änderungen {SCRIPT}

- Punkt mit {IMG} und einem [Link](javascript:window.__pwned=1) und <a href="JavaScript:window.__pwned=1">a</a>.
- Ein [guter Link](https://example.org/).

<iframe src="https://example.org/"></iframe>
<script>window.__pwned = 1</script>
<div onmouseover="window.__pwned=1">[versteckt](javascript:window.__pwned=1)</div>

## Abschnitt "{QUOTES}"
"""


def write_hostile_release(outdir: Path) -> Path:
    """6 areas, 2 dimensions, 3 indicators (one context), 2 years, two indices, a
    typology and two allocation keys; every text hostile."""
    outdir = write_release(
        outdir, n_areas=6, dimensions={"wohnen": 1, "bildung": 1}, years=range(2022, 2024), n_context=1
    )
    geo = json.loads((outdir / "sozialraeume.geojson").read_text(encoding="utf-8"))
    quarters = sorted({f["properties"]["stadtteil"] for f in geo["features"]})
    districts = sorted({f["properties"]["stadtbezirk"] for f in geo["features"]})
    for feature, name in zip(geo["features"], AREA_NAMES):
        p = feature["properties"]
        p["name"] = name
        p["stadtteil"] = QUARTER_NAMES[quarters.index(p["stadtteil"])]
        p["stadtbezirk"] = DISTRICT_NAMES[districts.index(p["stadtbezirk"])]
    (outdir / "sozialraeume.geojson").write_text(json.dumps(geo, ensure_ascii=False), encoding="utf-8")

    dims = pd.read_csv(outdir / "dimensionen.csv", dtype=str)
    dims["name"] = dims["dimension_id"].map(lambda d: DIMENSIONS[d][0])
    dims["beschreibung"] = dims["dimension_id"].map(lambda d: DIMENSIONS[d][1])
    write_csv(dims, outdir / "dimensionen.csv", PLAIN)

    inds = pd.read_csv(outdir / "indikatoren.csv", dtype=str)
    for i, column in enumerate(["name", "einheit", "zaehler", "nenner", "quelle"]):
        inds[column] = inds["indikator_id"].map(lambda d, i=i: INDICATORS[d][i])
    inds["richtung"] = inds["richtung"].astype(int)
    write_indicators(inds, outdir / "indikatoren.csv", PLAIN)

    settings = yaml.safe_load((outdir / "sozmon.yml").read_text(encoding="utf-8"))
    settings.update(
        city=SETTINGS["city"],
        index_name=SETTINGS["index_name"],
        indices=INDICES,
        typologies=TYPOLOGIES,
        allocations=ALLOCATIONS,
    )
    settings["publication"].update(publisher=SETTINGS["publisher"], title=SETTINGS["title"])
    (outdir / "sozmon.yml").write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")

    descriptor = json.loads((outdir / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.update(PACKAGE)
    (outdir / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    (outdir / "aenderungen.md").write_text(CHANGELOG, encoding="utf-8")
    _write_streets(outdir)
    return outdir


def _write_streets(outdir: Path) -> None:
    """strassen.csv (STREETS) and its resource, house numbers declared as integers."""
    columns = ["strasse", "plz", "hausnummer_von", "hausnummer_bis", "seite", "sozialraum_id"]
    write_csv(pd.DataFrame(STREETS, columns=columns), outdir / "strassen.csv", PLAIN)
    types = {"hausnummer_von": "integer", "hausnummer_bis": "integer"}
    descriptor = json.loads((outdir / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"].append(
        {
            "name": "strassen",
            "path": "strassen.csv",
            "format": "csv",
            "encoding": "utf-8",
            "title": "Straßen " + SCRIPT,
            "description": "Verzeichnis " + LINK,
            "dialect": {"csv": {"delimiter": ","}},
            "schema": {"fields": [{"name": c, "type": types.get(c, "string")} for c in columns]},
        }
    )
    (outdir / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Feindselige Testlieferung erzeugen.")
    parser.add_argument("outdir", type=Path)
    print(write_hostile_release(parser.parse_args(argv).outdir))


if __name__ == "__main__":
    main()
