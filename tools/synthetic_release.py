"""Write a synthetic data release of any shape, for tests and benchmarks.

The release follows the input contract (sozmon/contract.py, README) (datapackage.json,
sozialraeume.geojson, dimensionen.csv, indikatoren.csv, werte.csv, sozmon.yml) for an
invented city ("Beispielstadt") on a square grid, so that tests can ask for exactly
the size and shape they need (many areas, no Stadtteile, other id prefixes, ...).

The file writers and the package descriptor are shared with `tools/make_sample.py`
(the Gelsenkirchen sample), so both generators produce the same contract; this one
writes plain comma CSVs, the sample writes Excel-style German CSV for `werte`.

    python tools/synthetic_release.py OUTDIR --areas 1000 --indicators 20 --years 10

Everything is drawn from one seeded numpy generator and vectorised, so a given
call is byte-identical on rerun and 1000 areas x 20 indicators x 10 years take
about a second.
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

# ---------------------------------------------------------------------------------
# Shared contract: CSV styles, writers, package descriptor
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvStyle:
    """How a CSV file is written; mirrored in the resource's dialect and schema."""

    delimiter: str
    decimal: str
    encoding: str  # Python codec name; "utf-8-sig" writes a byte order mark


PLAIN = CsvStyle(delimiter=",", decimal=".", encoding="utf-8")
# What German Excel writes and reads: BOM, semicolon, decimal comma.
EXCEL_DE = CsvStyle(delimiter=";", decimal=",", encoding="utf-8-sig")

AREA_PROPERTIES = ["sozialraum_id", "name", "stadtteil", "stadtbezirk", "einwohner"]
DIMENSION_COLUMNS = ["dimension_id", "name", "beschreibung", "gewicht"]
INDICATOR_COLUMNS = [
    "indikator_id",
    "name",
    "dimension_id",
    "richtung",
    "einheit",
    "faktor",
    "zaehler",
    "nenner",
    "quelle",
    "gewicht",
]
VALUE_COLUMNS = ["sozialraum_id", "jahr", "indikator_id", "zaehler", "nenner", "wert"]

LICENSE = {
    "name": "dl-de-by-2.0",
    "title": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "path": "https://www.govdata.de/dl-de/by-2-0",
}


def write_csv(df: pd.DataFrame, path: Path, style: CsvStyle) -> None:
    """Write a table in `style`; ints stay ints, missing values become empty cells."""
    text = df.to_csv(
        sep=style.delimiter,
        decimal=style.decimal,
        index=False,
        na_rep="",
        lineterminator="\n",
    )
    path.write_text(text, encoding=style.encoding, newline="")


def write_indicators(df: pd.DataFrame, path: Path, style: CsvStyle) -> None:
    """Like `write_csv`, but `richtung` as "+1"/"-1", as the contract spells it."""
    out = df.copy()
    out["richtung"] = out["richtung"].map(lambda r: "" if pd.isna(r) else f"{int(r):+d}")
    write_csv(out, path, style)


def write_geojson(areas: list[dict], geometries: list, path: Path) -> None:
    """Write a FeatureCollection, one feature per line, coordinates at 5 decimals.

    `geometries` must already be on the 1e-5 degree grid (see `snap`); rounding
    here only removes float noise such as 7.098000000000001 from the text.
    """
    lines = []
    for props, geom in zip(areas, geometries):
        geometry = _round_coords(mapping(geom))
        feature = {"type": "Feature", "properties": props, "geometry": geometry}
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8", newline="")


def _round_coords(geometry: dict) -> dict:
    def rnd(c):
        if isinstance(c[0], (int, float)):
            return [round(float(x), 5) for x in c]
        return [rnd(x) for x in c]

    return {"type": geometry["type"], "coordinates": rnd(geometry["coordinates"])}


def snap(geoms: list) -> list:
    """Put polygons on a 1e-5 degree grid (≈1 m), valid and CCW as RFC 7946 asks.

    Cells that share edges share vertices, so snapping keeps them a partition.
    """
    snapped = shapely.set_precision(np.asarray(geoms, dtype=object), grid_size=1e-5)
    return list(shapely.orient_polygons(snapped))


def write_json(obj: dict, path: Path) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="")


def _field(name: str, type_: str, title: str, description: str, **extra) -> dict:
    return {"name": name, "type": type_, "title": title, "description": description, **extra}


def _dialect(style: CsvStyle) -> dict:
    return {"csv": {"delimiter": style.delimiter}}


def _number(style: CsvStyle) -> dict:
    return {"decimalChar": style.decimal} if style.decimal != "." else {}


def dimension_schema(style: CsvStyle) -> dict:
    num = _number(style)
    return {
        "fields": [
            _field(
                "dimension_id",
                "string",
                "Dimensions-ID",
                "Kurzkennung der Dimension (Teilindex)",
                constraints={"required": True},
            ),
            _field("name", "string", "Name", "Name der Dimension, wie er auf der Website erscheint"),
            _field("beschreibung", "string", "Beschreibung", "Was die Dimension abbildet, in einem Satz"),
            _field(
                "gewicht",
                "number",
                "Gewicht",
                "Gewicht der Dimension im Gesamtindex (Vorgabe 1)",
                constraints={"minimum": 0},
                **num,
            ),
        ],
        "primaryKey": ["dimension_id"],
    }


def indicator_schema(style: CsvStyle) -> dict:
    num = _number(style)
    return {
        "fields": [
            _field(
                "indikator_id", "string", "Indikator-ID", "Kurzkennung des Indikators", constraints={"required": True}
            ),
            _field("name", "string", "Name", "Name des Indikators"),
            _field(
                "dimension_id",
                "string",
                "Dimension",
                "Dimension, zu der der Indikator gehört; leer bei einem Kontextindikator, "
                "der veröffentlicht, aber nicht in den Index eingerechnet wird",
            ),
            _field(
                "richtung",
                "integer",
                "Richtung",
                "+1: ein höherer Wert bedeutet bessere Teilhabechancen; -1: ein höherer Wert bedeutet schlechtere; "
                "leer bei einem Kontextindikator, der nicht gewertet wird",
                constraints={"enum": [-1, 1]},
            ),
            _field("einheit", "string", "Einheit", "Einheit des Werts, z. B. % oder m² je Einwohner"),
            _field(
                "faktor",
                "number",
                "Faktor",
                "Wert = Zähler / Nenner × Faktor (100 für Prozent)",
                constraints={"required": True},
                **num,
            ),
            _field("zaehler", "string", "Zähler", "Definition des Zählers"),
            _field("nenner", "string", "Nenner", "Definition des Nenners"),
            _field("quelle", "string", "Quelle", "Datenquelle bzw. liefernde Stelle"),
            _field(
                "gewicht",
                "number",
                "Gewicht",
                "Gewicht des Indikators in seiner Dimension (Vorgabe 1)",
                constraints={"minimum": 0},
                **num,
            ),
        ],
        "primaryKey": ["indikator_id"],
        "foreignKeys": [
            {"fields": ["dimension_id"], "reference": {"resource": "dimensionen", "fields": ["dimension_id"]}},
        ],
    }


def value_schema(style: CsvStyle) -> dict:
    num = _number(style)
    return {
        "fields": [
            _field(
                "sozialraum_id",
                "string",
                "Sozialraum-ID",
                "Kennung des Sozialraums (Text, führende Nullen bleiben erhalten)",
                constraints={"required": True},
            ),
            _field("jahr", "integer", "Jahr", "Berichtsjahr (Stichtag 31.12.)", constraints={"required": True}),
            _field("indikator_id", "string", "Indikator-ID", "Kennung des Indikators", constraints={"required": True}),
            _field(
                "zaehler",
                "number",
                "Zähler",
                "Anzahl (bzw. Fläche in m²) im Zähler; leer, wenn nur ein Wert geliefert wird",
                constraints={"minimum": 0},
                **num,
            ),
            _field(
                "nenner",
                "number",
                "Nenner",
                "Bezugsgröße im Nenner, größer als 0; leer, wenn nur ein Wert geliefert wird",
                constraints={"minimum": 0},
                **num,
            ),
            _field(
                "wert",
                "number",
                "Wert",
                "Nur gefüllt, wenn statt Zähler und Nenner bereits ein Wert (Zähler / Nenner × Faktor) geliefert wird",
                **num,
            ),
        ],
        "primaryKey": ["sozialraum_id", "jahr", "indikator_id"],
        "foreignKeys": [
            {"fields": ["indikator_id"], "reference": {"resource": "indikatoren", "fields": ["indikator_id"]}},
        ],
    }


def _table_resource(name: str, title: str, description: str, style: CsvStyle, schema: dict) -> dict:
    return {
        "name": name,
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": style.encoding,
        "title": title,
        "description": description,
        "dialect": _dialect(style),
        "schema": schema,
    }


def package_descriptor(meta: dict, area_description: str, table_style: CsvStyle, value_style: CsvStyle) -> dict:
    """The datapackage.json: `meta` gives the top-level keys in order, then resources."""
    resources = [
        {
            "name": "sozialraeume",
            "path": "sozialraeume.geojson",
            "format": "geojson",
            "mediatype": "application/geo+json",
            "encoding": "utf-8",
            "title": "Sozialräume",
            "description": area_description,
        },
        _table_resource(
            "dimensionen",
            "Dimensionen",
            "Die Dimensionen (Teilindizes) des Index und ihr Gewicht.",
            table_style,
            dimension_schema(table_style),
        ),
        _table_resource(
            "indikatoren",
            "Indikatoren",
            "Indikatorenkatalog: Definition, Richtung, Einheit und Quelle jedes "
            "Indikators; Kontextindikatoren ohne Dimension.",
            table_style,
            indicator_schema(table_style),
        ),
        _table_resource(
            "werte",
            "Werte",
            "Zähler und Nenner je Sozialraum, Jahr und Indikator "
            "(oder nur der Wert, wo keine Zählwerte geliefert werden).",
            value_style,
            value_schema(value_style),
        ),
    ]
    return {**meta, "resources": resources}


def settings_yaml(header: str, city: str, index_name: str, base_year: int, publisher: str, contact: str) -> str:
    """The release's sozmon.yml (keys as in sozmon/settings.py)."""
    return f"""# {header}
city: {city}
index_name: {index_name}
synthetic: true
method:
  min_denominator: 20
  suppress_below: 3
  standardise: year
  base_year: {base_year}
  min_coverage: 0.5
  classes:
    cuts: [-1.0, -0.5, 0.5, 1.0]
    labels: [sehr niedrig, niedrig, mittel, hoch, sehr hoch]
publication:
  publisher: "{publisher}"
  contact_email: "{contact}"
"""


def expit(x):
    return 1.0 / (1.0 + np.exp(-x))


# ---------------------------------------------------------------------------------
# The generic synthetic city
# ---------------------------------------------------------------------------------

ORIGIN = (10.0, 50.0)  # lon, lat of the grid's south-west corner (nowhere in particular)
CELL = 0.01  # degrees; a cell is roughly 0.7 km x 1.1 km
DEFAULT_DIMENSIONS = {"arbeit": 2, "bildung": 3, "umwelt": 1}
DIMENSION_NAMES = {
    "arbeit": "Arbeit und Einkommen",
    "bildung": "Bildung",
    "umwelt": "Umwelt",
}
KINDS = {  # einheit, faktor, plausible level of zaehler/nenner
    "anteil": ("%", 100, 0.25),
    "je1000": ("je 1.000 Einwohner", 1000, 0.02),
    "flaeche": ("m² je Einwohner", 1, 30.0),
}
TEXTS = {  # zaehler, nenner definitions per kind
    "anteil": ("Personen mit Merkmal", "Bezugsbevölkerung"),
    "je1000": ("Fälle", "Einwohner"),
    "flaeche": ("Fläche in m²", "Einwohner"),
}


def write_release(
    outdir: Path,
    *,
    n_areas: int = 12,
    dimensions: dict[str, int] | None = None,
    years: range = range(2020, 2023),
    seed: int = 1,
    id_prefix: str = "A",
    n_context: int = 1,
    groups: bool = True,
    rate_only_context: bool = False,
) -> Path:
    """Write a complete synthetic release to `outdir` and return it.

    `dimensions` maps dimension_id -> number of index indicators. The smallest area
    has 200 inhabitants, so some denominators fall below 20 and counts of 0-2 occur;
    one (area, year, indicator) row is left out. With `rate_only_context` the first
    context indicator is delivered as `wert` only (no counts).
    """
    if n_areas < 2:
        raise ValueError("n_areas must be at least 2")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    dimensions = DEFAULT_DIMENSIONS if dimensions is None else dimensions
    years = list(years)

    areas, geoms = _grid_areas(n_areas, id_prefix, groups, rng)
    dims = _dimensions(dimensions)
    inds = _indicators(dimensions, n_context, rng)
    values = _values(areas, inds, years, rng, rate_only_context)

    write_geojson(areas.to_dict("records"), geoms, outdir / "sozialraeume.geojson")
    write_csv(dims, outdir / "dimensionen.csv", PLAIN)
    write_indicators(inds[INDICATOR_COLUMNS], outdir / "indikatoren.csv", PLAIN)
    write_csv(values, outdir / "werte.csv", PLAIN)
    write_json(_descriptor(seed), outdir / "datapackage.json")
    (outdir / "sozmon.yml").write_text(
        settings_yaml(
            "Einstellungen einer synthetischen Testlieferung (tools/synthetic_release.py)",
            "Beispielstadt",
            "Beispielindex",
            years[0],
            "sozmon-Testdaten (erfunden)",
            "test@example.org",
        ),
        encoding="utf-8",
        newline="",
    )
    return outdir


def _grid_areas(n: int, prefix: str, groups: bool, rng) -> tuple[pd.DataFrame, list]:
    """Square cells in rows; a few Stadtteile/Stadtbezirke as contiguous id blocks."""
    width = max(4, len(str(n)))
    idx = np.arange(n)
    cols = math.ceil(math.sqrt(n))
    x0 = ORIGIN[0] + (idx % cols) * CELL
    y0 = ORIGIN[1] + (idx // cols) * CELL
    geoms = snap(list(shapely.box(x0, y0, x0 + CELL, y0 + CELL)))
    inhabitants = np.round(rng.lognormal(math.log(4000), 0.5, n)).astype(int)
    inhabitants[n // 2] = 200  # one tiny area: denominators below 20, counts 0-2
    areas = pd.DataFrame(
        {
            "sozialraum_id": [f"{prefix}{i + 1:0{width}d}" for i in idx],
            "name": [f"Gebiet {i + 1}" for i in idx],
        }
    )
    if groups:
        n_districts = max(2, math.ceil(n / 50))
        n_quarters = max(2 * n_districts, math.ceil(n / 6))
        quarter = idx * n_quarters // n
        areas["stadtteil"] = [f"Stadtteil {q + 1}" for q in quarter]
        areas["stadtbezirk"] = [f"Bezirk {d + 1}" for d in quarter * n_districts // n_quarters]
    areas["einwohner"] = inhabitants
    return areas, geoms


def _dimensions(dimensions: dict[str, int]) -> pd.DataFrame:
    ids = list(dimensions)
    return pd.DataFrame(
        {
            "dimension_id": ids,
            "name": [DIMENSION_NAMES.get(d, d.replace("_", " ").capitalize()) for d in ids],
            "beschreibung": [f"Synthetische Dimension „{d}“ für Tests." for d in ids],
            "gewicht": 1,
        }
    )


def _indicators(dimensions: dict[str, int], n_context: int, rng) -> pd.DataFrame:
    """Index indicators cycle through shares and per-1000 rates; the last is m²."""
    rows = []
    for dim, count in dimensions.items():
        for j in range(count):
            rows.append((f"{dim}_{j + 1}", dim, "anteil" if (len(rows) % 2 == 0) else "je1000"))
    if rows:
        rows[-1] = (rows[-1][0], rows[-1][1], "flaeche")
    rows += [(f"kontext_{j + 1}", None, "anteil") for j in range(n_context)]
    kind = [k for _, _, k in rows]
    inds = pd.DataFrame(
        {
            "indikator_id": [r[0] for r in rows],
            "name": [f"Indikator {r[0]}" for r in rows],
            "dimension_id": [r[1] for r in rows],
            "richtung": rng.choice([-1, 1], size=len(rows)),
            "einheit": [KINDS[k][0] for k in kind],
            "faktor": [KINDS[k][1] for k in kind],
            "zaehler": [TEXTS[k][0] for k in kind],
            "nenner": [TEXTS[k][1] for k in kind],
            "quelle": "Synthetisch erzeugt (tools/synthetic_release.py)",
            "gewicht": 1,
            "kind": kind,
        }
    )
    return inds


def _values(areas: pd.DataFrame, inds: pd.DataFrame, years: list[int], rng, rate_only_context: bool) -> pd.DataFrame:
    """Counts for every area x year x indicator, driven by one latent score per area."""
    n_a, n_y, n_i = len(areas), len(years), len(inds)
    latent = rng.normal(0, 1, n_a)[:, None, None]
    pop = areas["einwohner"].to_numpy(float)[:, None, None]
    kind = inds["kind"].to_numpy()
    share_of_pop = rng.uniform(0.02, 0.7, n_i)  # each indicator's reference group
    share_of_pop[0] = 0.03  # like a school-entry cohort: small denominators in small areas
    share_of_pop[kind == "flaeche"] = 1.0  # m² per inhabitant
    level = np.array([KINDS[k][2] for k in kind]) * rng.uniform(0.5, 1.5, n_i)
    slope = -inds["richtung"].to_numpy() * rng.uniform(0.3, 0.9, n_i)  # higher latent = worse
    trend = rng.normal(0, 0.03, n_i) * np.arange(n_y)[None, :, None]
    noise = rng.normal(0, 0.2, (n_a, 1, n_i)) + rng.normal(0, 0.05, (n_a, n_y, n_i))
    shift = slope[None, None, :] * latent + trend + noise

    nenner = np.maximum(1, rng.poisson(pop * share_of_pop[None, None, :], (n_a, n_y, n_i)))
    is_area = kind == "flaeche"
    share = np.where(is_area, 0.5, level)  # m² indicators use `level` as m² per person
    counts = rng.binomial(nenner, expit(np.log(share / (1 - share)) + shift))
    area_m2 = np.round(nenner * level * np.exp(0.3 * shift))
    zaehler = np.where(is_area, area_m2, counts).astype(np.int64)

    values = pd.DataFrame(
        {
            "sozialraum_id": np.repeat(areas["sozialraum_id"].to_numpy(), n_y * n_i),
            "jahr": np.tile(np.repeat(years, n_i), n_a),
            "indikator_id": np.tile(inds["indikator_id"].to_numpy(), n_a * n_y),
            "zaehler": pd.array(zaehler.ravel(), dtype="Int64"),
            "nenner": pd.array(nenner.ravel(), dtype="Int64"),
            "wert": pd.array(np.full(n_a * n_y * n_i, np.nan), dtype="Float64"),
        }
    )
    if rate_only_context and (kind == "anteil").any() and inds["dimension_id"].isna().any():
        first_context = inds.loc[inds["dimension_id"].isna(), "indikator_id"].iloc[0]
        rows = values["indikator_id"] == first_context
        rate = values.loc[rows, "zaehler"].astype(float) / values.loc[rows, "nenner"] * 100
        values.loc[rows, "wert"] = rate.round(1)
        values.loc[rows, ["zaehler", "nenner"]] = pd.NA
    # One delivery gap: the second area's first indicator in the first year.
    return values.drop(index=n_y * n_i).reset_index(drop=True)


def _descriptor(seed: int) -> dict:
    meta = {
        "name": "sozmon-synthetisch",
        "title": "Synthetische Testdaten – Beispielstadt",
        "description": (
            "Synthetische Testdaten, erzeugt von tools/synthetic_release.py "
            f"(Startwert {seed}). Stadt, Gebiete, Indikatoren und Zahlen sind erfunden; "
            "die Gebiete sind ein schematisches Gitter."
        ),
        "version": "1.0.0",
        "created": "2025-01-01T00:00:00Z",
        "licenses": [LICENSE],
        "sources": [{"title": "Synthetisch erzeugt mit tools/synthetic_release.py"}],
        "keywords": ["sozmon", "synthetisch", "Testdaten"],
    }
    return package_descriptor(
        meta,
        "Schematische Gebiete (Quadrate eines Gitters) mit Kennung, Name und Einwohnerzahl.",
        PLAIN,
        PLAIN,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Synthetische Datenlieferung für Tests erzeugen.")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--areas", type=int, default=12, help="Anzahl Gebiete")
    parser.add_argument(
        "--indicators", type=int, default=None, help="Anzahl Indexindikatoren (auf 3 Dimensionen verteilt)"
    )
    parser.add_argument("--years", type=int, default=3, help="Anzahl Jahre ab 2020")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--prefix", default="A", help="Präfix der Gebietskennungen")
    parser.add_argument("--context", type=int, default=1, help="Anzahl Kontextindikatoren")
    parser.add_argument("--no-groups", action="store_true", help="ohne Stadtteil/Stadtbezirk")
    args = parser.parse_args(argv)
    dimensions = None
    if args.indicators is not None:
        names = list(DEFAULT_DIMENSIONS)
        dimensions = {d: args.indicators // 3 + (i < args.indicators % 3) for i, d in enumerate(names)}
        dimensions = {d: k for d, k in dimensions.items() if k > 0}
    out = write_release(
        args.outdir,
        n_areas=args.areas,
        dimensions=dimensions,
        years=range(2020, 2020 + args.years),
        seed=args.seed,
        id_prefix=args.prefix,
        n_context=args.context,
        groups=not args.no_groups,
    )
    print(out)


if __name__ == "__main__":
    main()
