"""Read a data release from disk: first as text (so every cell can be checked where it
stands), then, once checked, into typed frames.

Reading never raises for bad input: what cannot be read becomes a Problem.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path

import geopandas as gpd
import pandas as pd

from . import contract
from . import settings as settings_module
from . import texts as texts_module
from .contract import AREAS, DIMENSIONS, INDICATORS, INTEGER, NUMBER, STREETS, VALUES
from .model import AREA_COLUMNS, ROW, RawRelease, Release
from .problems import Problem, problem

DESCRIPTOR = "datapackage.json"
TABLES = contract.TABLES_IN
WGS84 = "EPSG:4326"
CHANGELOG = "aenderungen.md"  # optional: what changed since the last release


def read(directory: Path) -> tuple[RawRelease | None, list[Problem]]:
    """Everything that can be read, and a Problem for everything that cannot."""
    descriptor, problems = _read_descriptor(directory)
    if descriptor is None:
        return None, problems
    resources = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    tables, schemas, paths = {}, {}, {}
    areas = None
    optional = set(contract.OPTIONAL_IN)  # e.g. the street directory: read if declared
    for name in (AREAS, *TABLES, *contract.OPTIONAL_IN):
        resource = resources.get(name)
        if resource is None:
            if name not in optional:
                problems.append(problem("resource-missing", DESCRIPTOR, value=name))
            continue
        path = resource.get("path")
        paths[name] = path if isinstance(path, str) else DESCRIPTOR
        if not isinstance(path, str) or not (directory / path).is_file():
            problems.append(problem("file-missing", paths[name], detail="Datei nicht gefunden"))
            continue
        if name == AREAS:
            areas, found = _read_areas(directory / path, path)
        else:
            schemas[name] = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
            table, found = _read_table(directory / path, path, resource)
            if table is not None and table.empty:
                # an empty optional table is no table (no street search); a required one is a problem
                table, found = None, (found if name in optional else [_empty(name, path, 1, texts_module.EMPTY_TABLE)])
            if table is not None:
                tables[name] = table
        problems += found
    settings, found = settings_module.load(directory)
    problems += found
    raw = RawRelease(directory, descriptor, tables, schemas, paths, areas, settings)
    return raw, problems


def _read_descriptor(directory: Path) -> tuple[dict | None, list[Problem]]:
    path = directory / DESCRIPTOR
    if not path.is_file():
        return None, [problem("release-missing", str(path))]
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        return None, [problem("descriptor-invalid", DESCRIPTOR, line, detail=exc.args[0])]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [problem("descriptor-error", DESCRIPTOR, detail="'resources' fehlt")]
    return descriptor, []


def dialect(resource: dict) -> dict:
    """The CSV dialect, in Frictionless v2 (`dialect.csv`) or v1 (flat) form."""
    declared = resource.get("dialect") if isinstance(resource.get("dialect"), dict) else {}
    flat = {**declared, **(declared.get("csv") or {})}
    return {
        "delimiter": flat.get("delimiter", ","),
        "quotechar": flat.get("quoteChar", '"'),
        "encoding": _encoding(resource.get("encoding", "utf-8")),
    }


def _encoding(declared: str) -> str:
    # Excel writes a BOM into "CSV UTF-8"; it must never end up in the first header.
    return "utf-8-sig" if declared.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig") else declared


def _read_table(path: Path, name: str, resource: dict) -> tuple[pd.DataFrame | None, list[Problem]]:
    d = dialect(resource)
    data = path.read_bytes()
    try:
        text = data.decode(d["encoding"])
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [problem("encoding-error", name, line, detail=resource.get("encoding", "utf-8"))]
    except LookupError:
        return None, [problem("encoding-error", name, detail=resource.get("encoding"))]
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=d["delimiter"], quotechar=d["quotechar"])
        header = [h.strip() for h in next(reader, [])]
        rows, lines = [], []
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((cells + [""] * len(header))[: len(header)])
                lines.append(reader.line_num)
    except csv.Error as exc:
        return None, [problem("format-error", name, detail=str(exc)[:80])]
    if not any(header):
        return None, [problem("file-empty", name, 1)]
    other = _other_delimiter(header, d["delimiter"])
    if other:
        return None, [problem("delimiter-wrong", name, 1, value=other, declared=d["delimiter"])]
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    frame[ROW] = lines
    return frame, []


def _other_delimiter(header: list[str], declared: str) -> str | None:
    """A one-column header that holds another usual delimiter: the dialect is wrong."""
    if len(header) != 1:
        return None
    return next((c for c in (";", ",", "\t", "|") if c != declared and c in header[0]), None)


def _empty(resource: str, file: str, row: int | None, detail: str) -> Problem:
    """A resource without a single row: nothing can be computed, so it is said once."""
    return problem("resource-empty", file, row, what=texts_module.RESOURCES[resource][0], detail=detail)


def _read_areas(path: Path, name: str) -> tuple[gpd.GeoDataFrame | None, list[Problem]]:
    if path.stat().st_size < 64 and not path.read_bytes().strip():  # 0 bytes or blank lines
        return None, [problem("file-empty", name, 1)]
    try:
        areas = gpd.read_file(path)
    except Exception as exc:  # noqa: BLE001 — any reader failure is the user's file
        return None, [problem("geometry-unreadable", name, detail=str(exc).splitlines()[0][:100])]
    if areas.empty:
        return None, [_empty(AREAS, name, None, texts_module.EMPTY_GEOMETRY)]
    if areas.crs is None:
        minx, miny, maxx, maxy = areas.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            return None, [problem("geometry-crs", name)]
        areas = areas.set_crs(WGS84)
    elif not areas.crs.equals(WGS84):
        areas = areas.to_crs(WGS84)
    areas = areas.reset_index(drop=True)
    areas[ROW] = range(1, len(areas) + 1)
    return areas, []


def parse_number(text: str, decimal_char: str = ".", group_char: str = "") -> float | None:
    """A cell as a float, honouring the declared decimal and group characters."""
    cleaned = text.strip()
    if group_char:
        cleaned = cleaned.replace(group_char, "")
    if decimal_char != ".":
        cleaned = cleaned.replace(decimal_char, ".")
    if not cleaned:
        return None
    try:
        value = float(Decimal(cleaned))
    except InvalidOperation:
        return None
    return value if math.isfinite(value) else None


def numbers(raw: RawRelease, table: str, column: str, default: float | None = None) -> pd.Series:
    """A column as Float64, parsed as its schema declares; <NA> where empty or unparseable."""
    frame = raw.tables[table]
    if column not in frame:
        return pd.Series(default, index=frame.index, dtype="Float64")
    spec = field_spec(raw.schemas.get(table, {}), column)
    parsed = [parse_number(str(v), spec.get("decimalChar", "."), spec.get("groupChar", "")) for v in frame[column]]
    series = pd.Series(parsed, index=frame.index, dtype="Float64")
    return series if default is None else series.fillna(default)


def field_spec(schema: dict, name: str) -> dict:
    for spec in schema.get("fields", []) or []:
        if isinstance(spec, dict) and spec.get("name") == name:
            return spec
    return {}


def texts(raw: RawRelease, table: str, column: str) -> pd.Series:
    """A text column, stripped, <NA> where empty or absent."""
    frame = raw.tables[table]
    if column not in frame:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    series = frame[column].astype("string").str.strip()
    return series.mask(series == "")


def area_ids(areas: gpd.GeoDataFrame) -> pd.Series:
    """Area ids as text, whatever type the geometry file stored them in."""
    ids = areas["sozialraum_id"]
    return ids.map(lambda v: None if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)).astype("string")


def typed(raw: RawRelease) -> Release:
    """The checked release as typed frames (see model.Release). Call only after check."""
    values = _typed(raw, VALUES)
    # A delivered rate counts only where no counts are given (check warns otherwise).
    values["wert"] = values["wert"].mask(values["zaehler"].notna() & values["nenner"].notna())
    return Release(
        areas=_typed_areas(raw.areas),
        dimensions=_typed(raw, DIMENSIONS),
        indicators=_typed(raw, INDICATORS),
        values=values.sort_values(list(contract.INPUT[VALUES].primary_key)).reset_index(drop=True),
        settings=raw.settings,
        metadata={k: v for k, v in raw.descriptor.items() if k != "resources"},
        changelog=_changelog(raw.directory),
        streets=_typed_streets(raw) if STREETS in raw.tables else None,
    )


def _typed(raw: RawRelease, table: str) -> pd.DataFrame:
    """A table in the contract's columns: text stripped (<NA> if empty), numbers parsed as
    declared, integers as Int64, an empty cell as the field's default."""
    columns = {}
    for field in contract.INPUT[table].fields:
        if field.type == INTEGER:
            columns[field.name] = numbers(raw, table, field.name, field.default).astype("Int64")
        elif field.type == NUMBER:
            columns[field.name] = numbers(raw, table, field.name, field.default)
        else:
            columns[field.name] = texts(raw, table, field.name)
    return pd.DataFrame(columns)


def _changelog(directory: Path) -> str | None:
    path = Path(directory) / CHANGELOG
    return path.read_text(encoding="utf-8-sig") if path.is_file() else None


def _typed_areas(areas: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = areas.drop(columns=[ROW]).copy()
    out["sozialraum_id"] = area_ids(areas)
    for column in AREA_COLUMNS[1:]:
        if column not in out:
            out[column] = pd.NA
        out[column] = out[column].astype("string")
    rest = [c for c in out.columns if c not in AREA_COLUMNS and c != "geometry"]
    out = out[[*AREA_COLUMNS, *rest, "geometry"]]
    return out.sort_values("sozialraum_id").reset_index(drop=True)


# --- the street directory (optional resource `strassen`) ------------------------------

# Accepted spellings of a street side (seite), compared without case; empty: all numbers.
SIDES = {"": "alle", "alle": "alle", "a": "alle", "beide": "alle", "gerade": "gerade", "g": "gerade"}
SIDES.update({"ungerade": "ungerade", "u": "ungerade"})
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# "straße", "strasse", "str." and "str" (after ß → ss) all become "str"; not "strand".
_STRASSE = re.compile(r"str(?:asse|\.|\b)")


def street_key(name: str) -> str:
    """A street name as the search compares it: lower case, ä → ae, ß → ss, "Straße"/
    "Str." → "str", other accents dropped, without spaces, hyphens or dots.
    sozmon-streets.js (normalize) does the same to what a reader types."""
    text = str(name).casefold().translate(_UMLAUTS)
    text = _STRASSE.sub("str", text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and c.isalnum())


def street_sort_key(name: str) -> tuple[str, str]:
    """German phone-book order (DIN 5007-1): ä as a, ß as ss, case ignored."""
    text = str(name).casefold().replace("ß", "ss")
    base = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return base, str(name)


def street_side(text: object) -> str | None:
    """alle, gerade or ungerade; None if the cell says something else."""
    return SIDES.get(str(text).strip().casefold())


def house_number(text: object) -> int | None:
    """A house number as an integer ≥ 1 ("12", "12.0" as Excel writes it); None if it
    is not one (also "12a": the directory gives ranges of whole numbers)."""
    value = parse_number(str(text))
    if value is None or value % 1 or value < 1:
        return None
    return int(value)


def _typed_streets(raw: RawRelease) -> pd.DataFrame:
    """The checked directory: names and ids stripped, numbers as Int64 (<NA>: open end),
    seite as alle/gerade/ungerade, sorted A–Z by street, then postcode and number."""
    frame = raw.tables[STREETS]
    out = pd.DataFrame(
        {
            "strasse": texts(raw, STREETS, "strasse"),
            "plz": texts(raw, STREETS, "plz"),
            "hausnummer_von": pd.array(
                [None if not str(v).strip() else house_number(v) for v in frame["hausnummer_von"]], dtype="Int64"
            ),
            "hausnummer_bis": pd.array(
                [None if not str(v).strip() else house_number(v) for v in frame["hausnummer_bis"]], dtype="Int64"
            ),
            "seite": pd.array(
                [street_side(v) for v in frame.get("seite", pd.Series("", index=frame.index))], dtype="string"
            ),
            "sozialraum_id": texts(raw, STREETS, "sozialraum_id"),
        }
    )
    order = sorted(
        out.index,
        key=lambda i: (
            street_sort_key(out.at[i, "strasse"]),
            str(out.at[i, "plz"] if pd.notna(out.at[i, "plz"]) else ""),
            int(out.at[i, "hausnummer_von"]) if pd.notna(out.at[i, "hausnummer_von"]) else 0,
            str(out.at[i, "seite"]),
        ),
    )
    return out.loc[order].reset_index(drop=True)
