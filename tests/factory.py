"""Build small releases from plain Python data in a temp folder, so each test can
break exactly one thing and see where the problem is reported."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import yaml


def square(x: float, y: float, size: float = 0.01) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]}


def base() -> dict:
    """A valid release: 4 areas in 2 Stadtteile, 2 dimensions, 3 indicators (one context), 2 years."""
    areas = [
        {
            "sozialraum_id": f"0{i}",
            "name": f"Gebiet {i}",
            "stadtteil": "Nord" if i <= 2 else "Süd",
            "stadtbezirk": "Eins",
            "geometry": square(7.0 + 0.01 * i, 51.5),
        }
        for i in range(1, 5)
    ]
    dimensions = [
        {"dimension_id": "arbeit", "name": "Arbeit", "beschreibung": "Erwerbslage", "gewicht": "1"},
        {"dimension_id": "wohnen", "name": "Wohnen", "beschreibung": "Wohnlage", "gewicht": "1"},
    ]
    indicators = [
        {
            "indikator_id": "sgb2",
            "name": "SGB-II-Quote",
            "dimension_id": "arbeit",
            "richtung": "-1",
            "einheit": "%",
            "faktor": "100",
            "zaehler": "Personen in SGB II",
            "nenner": "Einwohner",
            "quelle": "Test",
            "gewicht": "1",
        },
        {
            "indikator_id": "flaeche",
            "name": "Wohnfläche",
            "dimension_id": "wohnen",
            "richtung": "1",
            "einheit": "m² je Einwohner",
            "faktor": "1",
            "zaehler": "Wohnfläche",
            "nenner": "Einwohner",
            "quelle": "Test",
            "gewicht": "1",
        },
        {
            "indikator_id": "kinder",
            "name": "Kinderanteil",
            "dimension_id": "",
            "richtung": "1",
            "einheit": "%",
            "faktor": "100",
            "zaehler": "Kinder",
            "nenner": "Einwohner",
            "quelle": "Test",
            "gewicht": "1",
        },
    ]
    counts = {
        "sgb2": [(30, 100), (10, 200), (50, 100), (5, 50)],
        "flaeche": [(3500, 100), (8000, 200), (3000, 100), (2000, 50)],
        "kinder": [(20, 100), (40, 200), (1, 100), (10, 50)],
    }
    values = [
        {
            "sozialraum_id": f"0{i + 1}",
            "jahr": str(year),
            "indikator_id": ind,
            "zaehler": str(z + (year - 2020)),
            "nenner": str(n),
            "wert": "",
        }
        for year in (2020, 2021)
        for ind, rows in counts.items()
        for i, (z, n) in enumerate(rows)
    ]
    return {
        "areas": areas,
        "dimensions": dimensions,
        "indicators": indicators,
        "values": values,
        "settings": {
            "city": "Teststadt",
            "index_name": "Testindex",
            "synthetic": True,
            "publication": {"publisher": "Teststadt, Statistikstelle"},
        },
        "values_dialect": {"delimiter": ",", "decimal": ".", "bom": False},
        "areas_crs": None,
    }


STRING, INTEGER, NUMBER = "string", "integer", "number"
TYPES = {
    "dimensionen": {"dimension_id": STRING, "name": STRING, "beschreibung": STRING, "gewicht": NUMBER},
    "indikatoren": {
        "indikator_id": STRING,
        "name": STRING,
        "dimension_id": STRING,
        "richtung": INTEGER,
        "einheit": STRING,
        "faktor": NUMBER,
        "zaehler": STRING,
        "nenner": STRING,
        "quelle": STRING,
        "gewicht": NUMBER,
    },
    "werte": {
        "sozialraum_id": STRING,
        "jahr": INTEGER,
        "indikator_id": STRING,
        "zaehler": NUMBER,
        "nenner": NUMBER,
        "wert": NUMBER,
    },
}


def descriptor(spec: dict) -> dict:
    d = spec["values_dialect"]

    def schema(name: str, rows: list[dict], key: list[str], fks: list | None = None) -> dict:
        columns = list(rows[0]) if rows else list(TYPES[name])
        fields = [
            {"name": c, "type": spec.get("types", {}).get(f"{name}.{c}", TYPES[name].get(c, STRING))} for c in columns
        ]
        for f in fields:
            if name == "werte" and f["name"] == "wert" and d["decimal"] != ".":
                f["decimalChar"] = d["decimal"]
        out = {"fields": fields, "primaryKey": key}
        if fks:
            out["foreignKeys"] = fks
        return out

    return {
        "name": "testrelease",
        "title": "Testlieferung (synthetisch)",
        "version": "1.0.0",
        "created": "2024-01-01T00:00:00Z",
        "resources": [
            {
                "name": "sozialraeume",
                "path": "sozialraeume.geojson",
                "format": "geojson",
                "mediatype": "application/geo+json",
            },
            {
                "name": "dimensionen",
                "path": "dimensionen.csv",
                "schema": schema("dimensionen", spec["dimensions"], ["dimension_id"]),
            },
            {
                "name": "indikatoren",
                "path": "indikatoren.csv",
                "schema": schema(
                    "indikatoren",
                    spec["indicators"],
                    ["indikator_id"],
                    [
                        {
                            "fields": ["dimension_id"],
                            "reference": {"resource": "dimensionen", "fields": ["dimension_id"]},
                        }
                    ],
                ),
            },
            {
                "name": "werte",
                "path": "werte.csv",
                "encoding": "utf-8-sig" if d["bom"] else "utf-8",
                "dialect": {"csv": {"delimiter": d["delimiter"]}},
                "schema": schema(
                    "werte",
                    spec["values"],
                    ["sozialraum_id", "jahr", "indikator_id"],
                    [
                        {
                            "fields": ["indikator_id"],
                            "reference": {"resource": "indikatoren", "fields": ["indikator_id"]},
                        }
                    ],
                ),
            },
        ],
    }


def write(spec: dict, folder: Path) -> Path:
    """Write the release; returns its folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.json").write_text(
        json.dumps(descriptor(spec), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {k: v for k, v in a.items() if k != "geometry"},
                "geometry": a["geometry"],
            }
            for a in spec["areas"]
        ],
    }
    if spec["areas_crs"]:
        collection["crs"] = {"type": "name", "properties": {"name": spec["areas_crs"]}}
    (folder / "sozialraeume.geojson").write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    _csv(folder / "dimensionen.csv", spec["dimensions"])
    _csv(folder / "indikatoren.csv", spec["indicators"])
    d = spec["values_dialect"]
    values = [{**v, "wert": v["wert"].replace(".", d["decimal"])} for v in spec["values"]]
    _csv(folder / "werte.csv", values, d["delimiter"], d["bom"])
    if spec["settings"] is not None:
        text = (
            spec["settings"]
            if isinstance(spec["settings"], str)
            else yaml.safe_dump(spec["settings"], allow_unicode=True)
        )
        (folder / "sozmon.yml").write_text(text, encoding="utf-8")
    return folder


def _csv(path: Path, rows: list[dict], delimiter: str = ",", bom: bool = False) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8", newline="")


def release(tmp_path: Path, change=None) -> Path:
    """A valid release, changed by `change(spec)` first if given."""
    spec = copy.deepcopy(base())
    if change:
        change(spec)
    return write(spec, tmp_path / "release")


def row_of(spec: dict, area: str, year: int, indicator: str) -> dict:
    """The werte row for (area, year, indicator); its CSV line is its index + 2."""
    for row in spec["values"]:
        if (row["sozialraum_id"], row["jahr"], row["indikator_id"]) == (area, str(year), indicator):
            return row
    raise KeyError((area, year, indicator))


def line_of(spec: dict, area: str, year: int, indicator: str) -> int:
    return spec["values"].index(row_of(spec, area, year, indicator)) + 2


def shared_counts() -> dict:
    """A valid release whose indicators share a count by its definition: the children
    under 15 are `kinder`'s zaehler, `sgb2_kinder`'s nenner (spelt with other case and
    blanks) and `kinder_hh`'s zaehler, which has no row for area 02. In 2021 area 03 has
    2 of them: protected one indicator at a time, sgb2_kinder published that 2 as its
    nenner, and kinder_hh's totals of Nord (01 + 03) and of all Nord (01 + 02 + 03)
    gave area 02 and then the rest away."""
    spec = base()
    teile = {"01": "Nord", "02": "Nord", "03": "Nord", "04": "Süd", "05": "Süd", "06": "Süd"}
    spec["areas"] = [
        {
            "sozialraum_id": a,
            "name": f"Gebiet {a}",
            "stadtteil": t,
            "stadtbezirk": "Eins",
            "geometry": square(7.0 + 0.01 * int(a), 51.5),
        }
        for a, t in teile.items()
    ]
    kinder = "Kinder unter 15 Jahren"
    spec["indicators"] = [
        {
            "indikator_id": "kinder",
            "name": "Kinderanteil",
            "dimension_id": "",
            "richtung": "1",
            "einheit": "%",
            "faktor": "100",
            "zaehler": kinder,
            "nenner": "Einwohner",
            "quelle": "Test",
            "gewicht": "1",
        },
        {
            "indikator_id": "sgb2_kinder",
            "name": "Kinder in SGB II",
            "dimension_id": "arbeit",
            "richtung": "-1",
            "einheit": "%",
            "faktor": "100",
            "zaehler": "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften",
            "nenner": "  kinder unter 15  JAHREN ",
            "quelle": "Test",
            "gewicht": "1",
        },
        {
            "indikator_id": "kinder_hh",
            "name": "Kinder je Haushalt",
            "dimension_id": "wohnen",
            "richtung": "1",
            "einheit": "Kinder je Haushalt",
            "faktor": "1",
            "zaehler": kinder,
            "nenner": "Haushalte",
            "quelle": "Test",
            "gewicht": "1",
        },
    ]
    einwohner = [500, 400, 300, 600, 450, 350]
    haushalte = [250, 200, 150, 300, 220, 170]
    children = {2020: [60, 45, 30, 80, 50, 40], 2021: [58, 44, 2, 82, 51, 41]}
    sgb2 = {2020: [20, 10, 8, 30, 12, 9], 2021: [19, 11, 0, 31, 13, 8]}
    values = []
    for year in (2020, 2021):
        for i, area in enumerate(teile):
            k = children[year][i]
            rows = [("kinder", k, einwohner[i]), ("sgb2_kinder", sgb2[year][i], k)]
            rows += [] if area == "02" else [("kinder_hh", k, haushalte[i])]
            values += [
                {
                    "sozialraum_id": area,
                    "jahr": str(year),
                    "indikator_id": ind,
                    "zaehler": str(z),
                    "nenner": str(n),
                    "wert": "",
                }
                for ind, z, n in rows
            ]
    spec["values"] = values
    return spec
