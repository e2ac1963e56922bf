"""Every problem of a release, found at once: the declared contract (frictionless) and
the rules of the method (counts, references, geometry).

Each check only returns Problems; `check` collects them. A cell that frictionless has
already flagged is not reported a second time by the semantic checks.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import shapely

from . import allocation, contract, load, routes
from . import texts as texts_module
from .definitions import resolve
from .load import AREAS, DESCRIPTOR, DIMENSIONS, INDICATORS, STREETS, VALUES, numbers, texts
from .model import ROW, RawRelease
from .problems import Problem, problem

# The ids that name a page and a chart folder: each kind is checked on its own.
ID_FIELDS = {AREAS: "sozialraum_id", DIMENSIONS: "dimension_id", INDICATORS: "indikator_id"}
# Ids taken by the site itself, per kind (compared without case).
RESERVED = {kind: {i.lower(): "reserved_page" for i in routes.RESERVED_IDS} for kind in ID_FIELDS}
# A dimension's id names it in the certainty tables, where the index as a whole is `gesamt`.
RESERVED[DIMENSIONS][contract.WHOLE] = "reserved_whole"


def check(raw: RawRelease) -> list[Problem]:
    """All problems of a release that could be read."""
    contract = _contract(raw)
    if any(p.code == "field-missing" for p in contract):
        return _dedupe(contract + _frictionless(raw))
    # Our key check first: it names the first occurrence, frictionless does not.
    # The street directory's own checks first: they say more than frictionless' type errors.
    found = contract + _keys(raw) + _streets(raw) + _frictionless(raw)
    found += _dimensions(raw)
    found += _indicators(raw)
    found += _definitions(raw)
    found += _values(raw)
    found += _areas(raw)
    found += _ids(raw)
    found += _base_year(raw)
    found += _publication(raw)
    found += _allocation_keys(raw, found)
    return _dedupe(found)


def _allocation_keys(raw: RawRelease, found: list[Problem]) -> list[Problem]:
    """The allocation keys against the indices, typologies and catalogue; if they and
    the rest of the release are fine, the keys are computed: whether a floor or cap
    fits the budget depends on how many areas the data make eligible."""
    if not raw.settings.allocations or INDICATORS not in raw.tables or DIMENSIONS not in raw.tables:
        return []
    indicators, dimensions = _catalogue(raw)
    indices, typologies, defined = resolve(raw.settings, indicators, dimensions)
    years = sorted({int(y) for y in numbers(raw, VALUES, "jahr").dropna()}) if VALUES in raw.tables else None
    _, out = allocation.resolve(raw.settings, indices, typologies, indicators, years)
    if any(p.is_error for p in [*found, *defined, *out]) or VALUES not in raw.tables or raw.areas is None:
        return out
    from .compute import compute
    from .problems import ReleaseError

    try:
        return out + list(compute(load.typed(raw)).allocation_problems)
    except ReleaseError as exc:
        return out + exc.problems


def _publication(raw: RawRelease) -> list[Problem]:
    """Open data portals need a publisher; say so before the build quietly fills it in."""
    if raw.settings.publication.publisher:
        return []
    fallback = raw.settings.city
    return [
        problem(
            "settings-publisher-missing",
            "sozmon.yml",
            None,
            "publication.publisher",
            severity="warning",
            fallback=fallback or "–",
        )
    ]


def _base_year(raw: RawRelease) -> list[Problem]:
    """The base year must be a year the release has data for."""
    base = raw.settings.method.base_year
    if base is None or VALUES not in raw.tables:
        return []
    years = sorted({int(y) for y in numbers(raw, VALUES, "jahr").dropna()})
    if base in years:
        return []
    return [
        problem("settings-base-year", "sozmon.yml", None, "method.base_year", base, expected=", ".join(map(str, years)))
    ]


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """One problem per cell: frictionless' finding wins over the same finding of ours."""
    seen: set[tuple] = set()
    out = []
    for p in problems:
        key = (p.file, p.row, p.field, p.severity) if p.row is not None else (p.file, p.field, p.code, p.value)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


# --- frictionless -------------------------------------------------------------------

_FRICTIONLESS_CODES = {
    "type-error": "type-error",
    "constraint-error": "constraint-error",
    "missing-cell": "missing-cell",
    "extra-cell": "extra-cell",
    "blank-row": "blank-row",
    "primary-key": "duplicate-key",
    "unique-error": "duplicate-key",
    "foreign-key": "unknown-reference",
    "encoding-error": "encoding-error",
    "format-error": "format-error",
    "incorrect-label": "header-error",
    "missing-label": "header-error",
    "extra-label": "header-error",
    "duplicate-label": "header-error",
    "blank-label": "header-error",
}
# Reported by our own checks with more helpful words, or irrelevant for a release.
_SKIP = {"scheme-error", "source-error", "package-error", "resource-error", "schema-error", "encoding-error"}


def _frictionless(raw: RawRelease) -> list[Problem]:
    from frictionless import validate  # slow to import; only `check` needs it

    report = validate(str(raw.directory / DESCRIPTOR), type="package")
    out = [problem("descriptor-error", DESCRIPTOR, detail=e.note) for e in report.errors if e.type not in _SKIP]
    for task in report.tasks:
        if task.name not in raw.tables:
            continue  # we could not read it ourselves and have said why
        file = raw.paths.get(task.name, task.place)
        schema = raw.schemas.get(task.name, {})
        for error in task.errors:
            if error.type in _SKIP or task.name == AREAS:
                continue
            found = _from_frictionless(error, file, schema)
            if found.code == "unknown-reference":
                target = dict(found.params).get("target")
                if target not in raw.tables:
                    continue  # the referenced table is unreadable: said once, not per row
                found = replace(found, params=(("target", raw.paths[target]),))
            out.append(found)
    return out


def _from_frictionless(error, file: str, schema: dict) -> Problem:
    code = _FRICTIONLESS_CODES.get(error.type, "table-error")
    field = getattr(error, "field_name", None)
    cells = getattr(error, "cells", None) or []
    if code == "duplicate-key":
        field = ", ".join(_as_list(schema.get("primaryKey")))
        return problem(code, file, error.row_number, field, _key_from(cells, schema), first="?")
    if code == "unknown-reference":
        field, target = _foreign_key_of(error.note, schema)
        value = _cell(cells, schema, field)
        return problem(code, file, error.row_number, field, value, target=target)
    value = getattr(error, "cell", None)
    expected = _type_of(schema, field)
    return problem(
        code, file, getattr(error, "row_number", None), field, value, detail=_german_note(error), expected=expected
    )


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _names(schema: dict) -> list[str]:
    return [f.get("name") for f in schema.get("fields", []) if isinstance(f, dict)]


def _cell(cells: list, schema: dict, field: str | None) -> str | None:
    names = _names(schema)
    if field in names and names.index(field) < len(cells):
        return cells[names.index(field)]
    return None


def _key_from(cells: list, schema: dict) -> str:
    return " / ".join(str(_cell(cells, schema, f)) for f in _as_list(schema.get("primaryKey")))


def _foreign_key_of(note: str, schema: dict) -> tuple[str, str]:
    for fk in schema.get("foreignKeys", []) or []:
        fields = _as_list(fk.get("fields"))
        if any(f in (note or "") for f in fields) or len(schema.get("foreignKeys")) == 1:
            return ", ".join(fields), str(fk.get("reference", {}).get("resource", ""))
    return "", ""


def _type_of(schema: dict, field: str | None) -> str:
    spec = load.field_spec(schema, field) if field else {}
    kind = spec.get("type", "")
    if kind == "number" and spec.get("decimalChar", ".") != ".":
        return f"Zahl mit Dezimalzeichen '{spec['decimalChar']}'"
    return {"integer": "ganze Zahl", "number": "Zahl", "year": "Jahr"}.get(kind, kind)


def _german_note(error) -> str:
    note = getattr(error, "note", "") or ""
    return re.sub(r"\s+", " ", note)[:100]


# --- contract of the release --------------------------------------------------------


def _contract(raw: RawRelease) -> list[Problem]:
    """Required fields are declared, with types that keep ids as text."""
    out = []
    for table in (*contract.TABLES_IN, *contract.OPTIONAL_IN):
        if table not in raw.tables:
            continue
        columns = set(raw.tables[table].columns)
        schema = raw.schemas.get(table, {})
        for field in contract.INPUT[table].fields:
            declared = load.field_spec(schema, field.name).get("type", "any")
            if field.name not in columns:
                if field.required:
                    out.append(problem("field-missing", raw.paths[table], 1, field.name))
            elif declared not in field.accepted:
                out.append(
                    problem(
                        "field-type", DESCRIPTOR, None, f"{table}.{field.name}", declared, expected=_expected(field)
                    )
                )
    values = raw.tables.get(VALUES)
    if values is not None and "wert" not in values and not {"zaehler", "nenner"} <= set(values):
        out.append(problem("field-missing", raw.paths[VALUES], 1, "zaehler, nenner oder wert"))
    return out


def _expected(field: contract.Field) -> str:
    """The declared types to name in advice; 'any' and 'year' are tolerated, not advised."""
    return " oder ".join(t for t in field.accepted if t not in ("any", "year"))


def _ids(raw: RawRelease) -> list[Problem]:
    """Ids become folder names and URLs (routes.py): they must be safe in a path, not
    taken by the site, and not differ from another id of their kind only by case."""
    out: list[Problem] = []
    for kind, column in ID_FIELDS.items():
        if kind == AREAS:
            if raw.areas is None or column not in raw.areas:
                continue
            ids, rows = load.area_ids(raw.areas), raw.areas[ROW]
        elif kind in raw.tables:
            ids, rows = texts(raw, kind, column), raw.tables[kind][ROW]
        else:
            continue
        out += _id_problems(raw.paths[kind], kind, column, ids, rows)
    return out


def _id_problems(file: str, kind: str, column: str, ids: pd.Series, rows: pd.Series) -> list[Problem]:
    out: list[Problem] = []
    first_of: dict[str, tuple[str, int]] = {}  # lower-case id -> (id, row) of its first use
    for value, row in zip(ids, rows):
        if value is None or pd.isna(value):
            continue  # id-empty, said by _keys
        value, row = str(value), int(row)
        if not routes.SAFE_ID.fullmatch(value):
            out.append(problem("id-unsafe", file, row, column, value))
            continue
        reason = RESERVED[kind].get(value.lower())
        if reason:
            out.append(problem("id-reserved", file, row, column, value, reason=texts_module.ID_RESERVED[reason]))
            continue
        other = first_of.setdefault(value.lower(), (value, row))
        if other[0] != value:
            out.append(problem("id-case-collision", file, row, column, value, other=other[0], first=other[1]))
    return out


def _keys(raw: RawRelease) -> list[Problem]:
    out = []
    for table in contract.TABLES_IN:
        frame = raw.tables.get(table)
        key = list(contract.INPUT[table].primary_key)
        if frame is None or frame.empty:
            continue
        keys = frame[key].astype(str).agg(" / ".join, axis=1)
        first = frame[ROW].groupby(keys).transform("min")
        for i in frame.index[keys.duplicated()]:
            out.append(
                problem(
                    "duplicate-key",
                    raw.paths[table],
                    int(frame.at[i, ROW]),
                    ", ".join(key),
                    keys[i],
                    first=int(first[i]),
                )
            )
        for column in key:
            for i in frame.index[frame[column].astype(str).str.strip() == ""]:
                out.append(problem("id-empty", raw.paths[table], int(frame.at[i, ROW]), column))
    return out


def _rows(raw: RawRelease, table: str, mask: pd.Series) -> list[int]:
    return [int(r) for r in raw.tables[table].loc[mask.fillna(False).astype(bool), ROW]]


def _dimensions(raw: RawRelease) -> list[Problem]:
    if DIMENSIONS not in raw.tables:
        return []
    file = raw.paths[DIMENSIONS]
    weights = numbers(raw, DIMENSIONS, "gewicht", default=1.0)
    out = [
        problem("weight-invalid", file, r, "gewicht", w)
        for r, w in zip(_rows(raw, DIMENSIONS, weights < 0), weights[weights < 0])
    ]
    if INDICATORS in raw.tables and not raw.settings.indices:  # v1: members from the catalogue
        used = set(texts(raw, INDICATORS, "dimension_id").dropna())
        ids = texts(raw, DIMENSIONS, "dimension_id")
        for r, d in zip(_rows(raw, DIMENSIONS, ~ids.isin(used)), ids[~ids.isin(used)]):
            out.append(problem("dimension-without-indicator", file, r, "dimension_id", d, severity="warning"))
    return out


def _indicators(raw: RawRelease) -> list[Problem]:
    if INDICATORS not in raw.tables:
        return []
    out = []
    direction = numbers(raw, INDICATORS, "richtung")
    bad = direction.notna() & ~direction.isin([1, -1])
    out += _each(raw, INDICATORS, bad, "richtung", "direction-invalid")
    factor = numbers(raw, INDICATORS, "faktor")
    out += _each(raw, INDICATORS, factor.notna() & (factor <= 0), "faktor", "factor-invalid")
    weight = numbers(raw, INDICATORS, "gewicht", default=1.0)
    out += _each(raw, INDICATORS, weight < 0, "gewicht", "weight-invalid")
    if DIMENSIONS in raw.tables and not raw.settings.indices:  # v1: members from the catalogue
        out += _unknown(raw, INDICATORS, "dimension_id", DIMENSIONS)
    if VALUES in raw.tables:
        ids = texts(raw, INDICATORS, "indikator_id")
        used = set(texts(raw, VALUES, "indikator_id").dropna())
        out += _each(
            raw, INDICATORS, ids.notna() & ~ids.isin(used), "indikator_id", "indicator-without-data", severity="warning"
        )
    return out


def _definitions(raw: RawRelease) -> list[Problem]:
    """The index and typology definitions against the catalogue; every indicator of an
    index needs a direction (a context indicator, in no index, is not judged)."""
    if INDICATORS not in raw.tables or DIMENSIONS not in raw.tables:
        return []
    indicators, dimensions = _catalogue(raw)
    indices, _, out = resolve(raw.settings, indicators, dimensions)
    if "richtung" in raw.tables[INDICATORS]:  # else: field-missing
        judged = {i for spec in indices for i in spec.indicator_ids}
        missing = indicators["indikator_id"].isin(judged) & texts(raw, INDICATORS, "richtung").isna()
        out += _each(raw, INDICATORS, missing, "richtung", "direction-missing")
    return out


def _catalogue(raw: RawRelease) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The catalogue as `definitions.resolve` reads it: ids, names, weights, as text."""
    indicators = pd.DataFrame(
        {
            "indikator_id": texts(raw, INDICATORS, "indikator_id"),
            "dimension_id": texts(raw, INDICATORS, "dimension_id"),
            "gewicht": numbers(raw, INDICATORS, "gewicht", default=1.0),
        }
    )
    dimensions = pd.DataFrame(
        {
            "dimension_id": texts(raw, DIMENSIONS, "dimension_id"),
            "name": texts(raw, DIMENSIONS, "name"),
            "beschreibung": texts(raw, DIMENSIONS, "beschreibung"),
            "gewicht": numbers(raw, DIMENSIONS, "gewicht", default=1.0),
        }
    )
    return indicators, dimensions


def _each(
    raw: RawRelease, table: str, mask: pd.Series, field: str, code: str, severity: str = "error", **params
) -> list[Problem]:
    """One problem per row where mask holds, with the row's original text as value."""
    frame = raw.tables[table]
    mask = mask.fillna(False).astype(bool)
    return [
        problem(code, raw.paths[table], int(frame.at[i, ROW]), field, frame.at[i, field], severity=severity, **params)
        for i in frame.index[mask]
    ]


def _values(raw: RawRelease) -> list[Problem]:
    if VALUES not in raw.tables:
        return []
    out: list[Problem] = []
    num, den, rate = (numbers(raw, VALUES, c) for c in ("zaehler", "nenner", "wert"))
    for name, series in (("zaehler", num), ("nenner", den)):
        out += _each(raw, VALUES, series < 0, name, "count-negative")
    factor = _indicator_column(raw, "faktor")
    measure = factor == 1  # e.g. m² per inhabitant: the numerator is an area, not a count
    out += _each(raw, VALUES, (num % 1 != 0) & ~measure, "zaehler", "count-not-integer")
    out += _each(raw, VALUES, den % 1 != 0, "nenner", "count-not-integer")
    out += _each(raw, VALUES, den == 0, "nenner", "denominator-zero")
    exceeds = (factor == 100) & (den > 0) & (num > den)
    out += [
        problem("count-exceeds", raw.paths[VALUES], r, "zaehler", n, nenner=_plain(d))
        for r, n, d in zip(_rows(raw, VALUES, exceeds), num[exceeds.fillna(False)], den[exceeds.fillna(False)])
    ]
    out += _completeness(raw, num, den, rate)
    year = numbers(raw, VALUES, "jahr")
    out += _each(raw, VALUES, year.notna() & ((year < 1900) | (year > 2200) | (year % 1 != 0)), "jahr", "year-invalid")
    out += _references(raw)
    return out


def _plain(x: float) -> str:
    return f"{x:g}"


def _indicator_column(raw: RawRelease, column: str) -> pd.Series:
    """For each row of werte, a column of its indicator (<NA> if unknown)."""
    if INDICATORS not in raw.tables:
        return pd.Series(pd.NA, index=raw.tables[VALUES].index, dtype="Float64")
    lookup = pd.Series(numbers(raw, INDICATORS, column).array, index=texts(raw, INDICATORS, "indikator_id"))
    lookup = lookup[~lookup.index.duplicated()]
    ids = texts(raw, VALUES, "indikator_id")
    return pd.Series(lookup.reindex(ids).array, index=ids.index, dtype="Float64")


def _completeness(raw: RawRelease, num: pd.Series, den: pd.Series, rate: pd.Series) -> list[Problem]:
    file, out = raw.paths[VALUES], []
    has_num, has_den, has_rate = num.notna(), den.notna(), rate.notna()
    cases = [
        (has_num & ~has_den, "nenner", "einen Zähler, aber keinen Nenner"),
        (~has_num & has_den & ~has_rate, "zaehler", "einen Nenner, aber keinen Zähler"),
        (~has_num & ~has_den & ~has_rate, "wert", "weder Zähler und Nenner noch einen Wert"),
    ]
    for mask, field, detail in cases:
        out += [problem("row-incomplete", file, r, field, detail=detail) for r in _rows(raw, VALUES, mask)]
    both = has_num & has_den & has_rate
    out += [problem("value-ignored", file, r, "wert", severity="warning") for r in _rows(raw, VALUES, both)]
    return out


def _unknown(raw: RawRelease, table: str, column: str, target: str) -> list[Problem]:
    """Cells of `table.column` that name no id of `target` (its id column has the same name)."""
    known = set(texts(raw, target, column).dropna())
    ids = texts(raw, table, column)
    return _each(raw, table, ids.notna() & ~ids.isin(known), column, "unknown-reference", target=raw.paths[target])


def _references(raw: RawRelease) -> list[Problem]:
    out: list[Problem] = []
    if INDICATORS in raw.tables:
        out += _unknown(raw, VALUES, "indikator_id", INDICATORS)
    if raw.areas is not None and "sozialraum_id" in raw.areas:
        known_areas = set(load.area_ids(raw.areas).dropna())
        ids = texts(raw, VALUES, "sozialraum_id")
        unknown = ids.notna() & ~ids.isin(known_areas)
        stripped = {a.lstrip("0"): a for a in known_areas}
        frame = raw.tables[VALUES]
        for i in frame.index[unknown.fillna(False).astype(bool)]:
            match = stripped.get(str(ids[i]).lstrip("0"))
            hint = f" (gemeint ist wohl '{match}': führende Null verloren?)" if match else ""
            out.append(
                problem(
                    "unknown-reference",
                    raw.paths[VALUES],
                    int(frame.at[i, ROW]),
                    "sozialraum_id",
                    ids[i],
                    target=raw.paths[AREAS],
                    hint=hint,
                )
            )
    return out


# --- geometry -----------------------------------------------------------------------


def _areas(raw: RawRelease) -> list[Problem]:
    areas = raw.areas
    if areas is None:
        return []
    file = raw.paths[AREAS]
    if "sozialraum_id" not in areas:
        return [problem("field-missing", file, None, "sozialraum_id")]
    out = [problem("field-missing", file, None, name) for name in contract.INPUT[AREAS].required if name not in areas]
    if not (pd.api.types.is_string_dtype(areas["sozialraum_id"]) or areas["sozialraum_id"].dtype == object):
        out += [
            problem("id-not-text", file, int(r), "sozialraum_id", v) for r, v in zip(areas[ROW], areas["sozialraum_id"])
        ]
    ids = load.area_ids(areas)
    for r, v in zip(areas.loc[ids.duplicated(keep="first").to_numpy(), ROW], ids[ids.duplicated()]):
        first = int(areas.loc[(ids == v).to_numpy(), ROW].min())
        out.append(problem("duplicate-key", file, int(r), "sozialraum_id", v, first=first))
    out += _geometries(areas, file)
    out += _coverage(raw, ids)
    out += _nesting(areas, file)
    return out


def _nesting(areas, file: str) -> list[Problem]:
    """A Stadtteil in two Stadtbezirke breaks the sums that disclosure control relies on."""
    if not {"stadtteil", "stadtbezirk"} <= set(areas.columns):
        return []
    pairs = areas[["stadtteil", "stadtbezirk", ROW]].dropna()
    spread = pairs.groupby("stadtteil")["stadtbezirk"].nunique()
    out = []
    for stadtteil in spread[spread > 1].index:
        rows = pairs[pairs["stadtteil"] == stadtteil]
        out.append(
            problem(
                "nesting-broken",
                file,
                int(rows[ROW].min()),
                "stadtbezirk",
                stadtteil,
                severity="warning",
                bezirke=", ".join(sorted(map(str, rows["stadtbezirk"].unique()))),
            )
        )
    return out


def _geometries(areas, file: str) -> list[Problem]:
    out = []
    for row, geom in zip(areas[ROW], areas.geometry):
        row = int(row)
        if geom is None or geom.is_empty:
            out.append(problem("geometry-missing", file, row, "geometry"))
        elif geom.geom_type not in ("Polygon", "MultiPolygon"):
            out.append(problem("geometry-type", file, row, "geometry", geom.geom_type))
        elif not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            out.append(problem("geometry-invalid", file, row, "geometry", detail=_german_validity(reason)))
    return out


def _german_validity(reason: str) -> str:
    words = {
        "Self-intersection": "Selbstüberschneidung",
        "Ring Self-intersection": "Ring schneidet sich",
        "Too few points": "zu wenige Punkte",
        "Hole lies outside shell": "Loch außerhalb der Fläche",
        "Nested shells": "verschachtelte Flächen",
        "Interior is disconnected": "Inneres zerfällt",
    }
    name = reason.split("[")[0].strip()
    return words.get(name, name) + (" bei " + reason[reason.index("[") :] if "[" in reason else "")


def _coverage(raw: RawRelease, ids: pd.Series) -> list[Problem]:
    """Areas without any data are worth a warning; a year without data for an area too."""
    if VALUES not in raw.tables:
        return []
    values = pd.DataFrame({"id": texts(raw, VALUES, "sozialraum_id"), "jahr": texts(raw, VALUES, "jahr")})
    years = sorted(values["jahr"].dropna().unique())
    present = values.dropna().drop_duplicates()
    out = []
    file = raw.paths[AREAS]
    per_area = present.groupby("id")["jahr"].apply(set).to_dict()
    for row, area in zip(raw.areas[ROW], ids):
        have = per_area.get(area, set())
        if not have:
            out.append(problem("area-without-data", file, int(row), "sozialraum_id", area, severity="warning"))
        elif len(have) < len(years):
            missing = ", ".join(y for y in years if y not in have)
            out.append(
                problem(
                    "area-without-data",
                    file,
                    int(row),
                    "sozialraum_id",
                    area,
                    severity="warning",
                    detail=f" im Jahr {missing}",
                )
            )
    return out


# --- the street directory (optional) --------------------------------------------------


def _streets(raw: RawRelease) -> list[Problem]:
    """Every row names a street, a postcode, whole house numbers (from ≤ to), a side and a
    known area; no house number of a street and postcode is in two rows."""
    if STREETS not in raw.tables or any(f not in raw.tables[STREETS] for f in contract.INPUT[STREETS].required):
        return []  # field-missing, said by _contract
    frame, file = raw.tables[STREETS], raw.paths[STREETS]
    known = set(load.area_ids(raw.areas).dropna()) if raw.areas is not None and "sozialraum_id" in raw.areas else None
    out: list[Problem] = []
    ranges: dict[tuple[str, str], list[tuple[int, int, int, str, str]]] = {}
    for i in frame.index:
        row = int(frame.at[i, ROW])
        street, plz = str(frame.at[i, "strasse"]).strip(), str(frame.at[i, "plz"]).strip()
        area = str(frame.at[i, "sozialraum_id"]).strip()
        ok = True
        if not street:
            out.append(problem("street-empty", file, row, "strasse"))
            ok = False
        if not POSTCODE.fullmatch(plz):
            out.append(problem("street-postcode-invalid", file, row, "plz", plz))
        numbers_ = []
        for column in ("hausnummer_von", "hausnummer_bis"):
            cell = str(frame.at[i, column]).strip()
            number = load.house_number(cell) if cell else None
            if cell and number is None:
                out.append(problem("street-number-invalid", file, row, column, cell))
                ok = False
            numbers_.append(number)
        low, high = numbers_
        if low is not None and high is not None and low > high:
            out.append(problem("street-range-reversed", file, row, "hausnummer_von", low, bis=high))
            ok = False
        side_cell = str(frame.at[i, "seite"]) if "seite" in frame else ""
        side = load.street_side(side_cell)
        if side is None:
            out.append(problem("street-side-invalid", file, row, "seite", side_cell.strip()))
            ok = False
        if not area:
            out.append(problem("id-empty", file, row, "sozialraum_id"))
            ok = False
        elif known is not None and area not in known:
            out.append(problem("unknown-reference", file, row, "sozialraum_id", area, target=raw.paths[AREAS]))
        if ok:
            key = (load.street_key(street), plz)
            span = (low or 1, high if high is not None else HOUSE_NUMBER_MAX)
            out += _overlaps(file, row, street, plz, span, side, area, ranges.setdefault(key, []))
    return out


POSTCODE = re.compile(r"\d{5}")
HOUSE_NUMBER_MAX = 10**9  # an open end ("bis" empty)


def _overlaps(file: str, row: int, street: str, plz: str, span, side: str, area: str, before: list) -> list[Problem]:
    """The row against the earlier rows of the same street and postcode (then remembered)."""
    out = []
    for first, (low, high), other_side, other_area in before:
        if _share_a_number(span, side, (low, high), other_side):
            numbers = _numbers_text(max(span[0], low), min(span[1], high))
            hint = (
                texts_module.STREET_OVERLAP_SAME
                if area == other_area
                else texts_module.STREET_OVERLAP_OTHER.format(areas=f"{other_area}, {area}")
            )
            out.append(
                problem(
                    "street-overlap",
                    file,
                    row,
                    "hausnummer_von",
                    span[0],
                    first=first,
                    street=street,
                    plz=plz,
                    numbers=numbers,
                    hint=hint,
                )
            )
            break  # one overlap per row is enough to find the mistake
    before.append((row, span, side, area))
    return out


def _share_a_number(a: tuple[int, int], side_a: str, b: tuple[int, int], side_b: str) -> bool:
    """Whether a house number lies in both ranges on both sides (alle/gerade/ungerade)."""
    low, high = max(a[0], b[0]), min(a[1], b[1])
    if low > high:
        return False
    sides = {side_a, side_b} - {"alle"}
    if len(sides) == 2:
        return False  # the even and the odd side never share a number
    if not sides or high > low:
        return True
    return (low % 2 == 0) == (sides.pop() == "gerade")


def _numbers_text(low: int, high: int) -> str:
    t = texts_module.STREETS
    if high >= HOUSE_NUMBER_MAX:
        return t["range_from"].format(von=low)
    return t["number"].format(von=low) if low == high else t["range"].format(von=low, bis=high)
