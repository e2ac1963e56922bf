"""The input and output contracts, declared once.

Input: what a data release must hold (README, "Die Datenlieferung"). Output: the
published open data package, whose column names and types are a public interface that
journalists' scripts depend on: they change only with a new major version.

Everything else derives from these declarations: `check` (required fields, accepted
declared types, keys), `load.typed` (the typed frames), `model` and `compute` (column
lists), `package` (Table Schemas), the data dictionary of the data page and the CSV
formats the charts read. Titles and descriptions are German and live in `texts.FIELDS`
and `texts.RESOURCES`; a field whose meaning differs in one resource names its own
entry there (`meaning`).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import texts

STRING, INTEGER, NUMBER, BOOLEAN = "string", "integer", "number", "boolean"

# Declared types a release may use for a field of each type: an id declared "any" is
# still read as text; a year may be declared "year"; a weight may be declared "integer".
_ACCEPTS = {STRING: (STRING, "any"), INTEGER: (INTEGER, "year"), NUMBER: (NUMBER, INTEGER)}


@dataclass(frozen=True)
class Field:
    """One column: its Table Schema type (in memory and as published) and its meaning."""

    name: str
    type: str
    required: bool = False  # input: the column must be present (its cells may be empty)
    default: float | None = None  # input: the value of an empty cell
    accepts: tuple[str, ...] = ()  # input: declared types read as `type`; () = the usual ones
    meaning: str = ""  # key in texts.FIELDS where it is not the field's name

    @property
    def accepted(self) -> tuple[str, ...]:
        return self.accepts or _ACCEPTS.get(self.type, (self.type,))

    @property
    def text_key(self) -> str:
        return self.meaning or self.name

    @property
    def title(self) -> str:
        return texts.FIELDS[self.text_key][0]

    @property
    def description(self) -> str:
        return texts.FIELDS[self.text_key][1]


@dataclass(frozen=True)
class Resource:
    """A table (or file) of a contract: its fields in order, its keys, its file."""

    name: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str], ...] = ()  # (field, resource it references)
    path: str = ""  # output: the published file

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def required(self) -> list[str]:
        return [f.name for f in self.fields if f.required]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def title(self) -> str:
        return texts.RESOURCES[self.name][0]

    @property
    def description(self) -> str:
        return texts.RESOURCES[self.name][1]


def _text(name: str, required: bool = False, meaning: str = "") -> Field:
    return Field(name, STRING, required=required, meaning=meaning)


def _weight(name: str = "gewicht") -> Field:
    return Field(name, NUMBER, default=1.0)


# --- input: the data release ---------------------------------------------------------

AREAS, DIMENSIONS, INDICATORS, VALUES = "sozialraeume", "dimensionen", "indikatoren", "werte"

_AREA_FIELDS = (_text("sozialraum_id", True), _text("name", True), _text("stadtteil"), _text("stadtbezirk"))
_DIMENSION_FIELDS = (_text("dimension_id", True), _text("name", True), _text("beschreibung"), _weight())
_INDICATOR_FIELDS = (
    _text("indikator_id", True),
    _text("name", True),
    _text("dimension_id", True),  # the column must be there; empty = context indicator
    # "+1" is fine; empty for a context indicator (check: required for index indicators)
    Field("richtung", INTEGER, required=True, accepts=_ACCEPTS[NUMBER]),
    _text("einheit"),
    Field("faktor", NUMBER, required=True),
    _text("zaehler", meaning="zaehler_definition"),
    _text("nenner", meaning="nenner_definition"),
    _text("quelle"),
    _weight(),
)

INPUT: dict[str, Resource] = {
    AREAS: Resource(AREAS, _AREA_FIELDS, ("sozialraum_id",)),
    DIMENSIONS: Resource(DIMENSIONS, _DIMENSION_FIELDS, ("dimension_id",)),
    INDICATORS: Resource(INDICATORS, _INDICATOR_FIELDS, ("indikator_id",), (("dimension_id", DIMENSIONS),)),
    # A row gives zaehler and nenner, or only wert where just a rate is delivered: no
    # single count column is required (check.py states that rule).
    VALUES: Resource(
        VALUES,
        (
            _text("sozialraum_id", True),
            Field("jahr", INTEGER, required=True),
            _text("indikator_id", True),
            Field("zaehler", NUMBER),
            Field("nenner", NUMBER),
            Field("wert", NUMBER),
        ),
        ("sozialraum_id", "jahr", "indikator_id"),
        (("sozialraum_id", AREAS), ("indikator_id", INDICATORS)),
    ),
}
TABLES_IN = (DIMENSIONS, INDICATORS, VALUES)  # the CSV resources of a release

# --- output: the published open data package -----------------------------------------

_INDICATOR_VALUE_FIELDS = (
    _text("sozialraum_id"),
    Field("jahr", INTEGER),
    _text("indikator_id"),
    Field("zaehler", NUMBER),
    Field("nenner", NUMBER),
    Field("wert", NUMBER),
    Field("z_wert", NUMBER),
    Field("im_index", BOOLEAN),
    Field("gesperrt", BOOLEAN),
    Field("nur_wert", BOOLEAN),
)
_INDEX_FIELDS = (
    _text("sozialraum_id"),
    Field("jahr", INTEGER),
    _text("dimension_id"),
    Field("wert", NUMBER, meaning="index_wert"),
    _text("klasse"),
    Field("rang", INTEGER),
    Field("abdeckung", NUMBER),
    Field("veraenderung_vorjahr", NUMBER),
    Field("veraenderung_basisjahr", NUMBER),
)
_AGGREGATE_FIELDS = (
    _text("ebene"),
    _text("gebiet"),
    Field("jahr", INTEGER),
    _text("indikator_id"),
    Field("zaehler", NUMBER),
    Field("nenner", NUMBER),
    Field("wert", NUMBER),
    Field("gesperrt", BOOLEAN),
)


def _published(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """Input fields as published: same name, type and meaning; nothing is required."""
    return tuple(Field(f.name, f.type, meaning=f.meaning) for f in fields)


OUTPUT: dict[str, Resource] = {
    # GeoJSON: the boundaries with these properties (no primary key in its schema).
    AREAS: Resource(AREAS, _published(_AREA_FIELDS), path="sozialraeume.geojson"),
    "indikator_werte": Resource(
        "indikator_werte",
        _INDICATOR_VALUE_FIELDS,
        ("sozialraum_id", "jahr", "indikator_id"),
        (("indikator_id", INDICATORS),),
        "indikator_werte.csv",
    ),
    "index": Resource(
        "index", _INDEX_FIELDS, ("sozialraum_id", "jahr", "dimension_id"), (("dimension_id", DIMENSIONS),), "index.csv"
    ),
    "gebiete_werte": Resource(
        "gebiete_werte",
        _AGGREGATE_FIELDS,
        ("ebene", "gebiet", "jahr", "indikator_id"),
        (("indikator_id", INDICATORS),),
        "gebiete_werte.csv",
    ),
    INDICATORS: Resource(
        INDICATORS, _published(_INDICATOR_FIELDS), ("indikator_id",), (("dimension_id", DIMENSIONS),), "indikatoren.csv"
    ),
    DIMENSIONS: Resource(DIMENSIONS, _published(_DIMENSION_FIELDS), ("dimension_id",), path="dimensionen.csv"),
    "aenderungen": Resource("aenderungen", (), path="aenderungen.md"),  # optional, Markdown
}
# The published CSV tables, in the order of the package.
TABLES_OUT = ("indikator_werte", "index", "gebiete_werte", INDICATORS, DIMENSIONS)


# --- what derives from it ------------------------------------------------------------


def table_schema(name: str) -> dict:
    """The Frictionless Table Schema of a published table (or of the areas' properties)."""
    resource = OUTPUT[name]
    fields = []
    for f in resource.fields:
        spec = {"name": f.name, "type": f.type, "title": f.title, "description": f.description}
        if f.type == BOOLEAN:
            spec.update(trueValues=["true"], falseValues=["false"])
        fields.append(spec)
    if name not in TABLES_OUT:
        return {"fields": fields}
    schema = {"fields": fields, "primaryKey": list(resource.primary_key), "missingValues": [""]}
    if resource.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [f], "reference": {"resource": r, "fields": [f]}} for f, r in resource.foreign_keys
        ]
    return schema


_VEGA_TYPES = {STRING: "string", INTEGER: "number", NUMBER: "number", BOOLEAN: "boolean"}


def vega_format(name: str) -> dict:
    """How Vega must read a published CSV: ids stay text ("01"), numbers become numbers
    (a field not listed would stay a string in Vega's CSV reader)."""
    return {"type": "csv", "parse": {f.name: _VEGA_TYPES[f.type] for f in OUTPUT[name].fields}}


@dataclass(frozen=True)
class Column:
    """One row of the data dictionary."""

    name: str
    title: str
    type: str  # the Table Schema type, as in datapackage.json
    meaning: str


@dataclass(frozen=True)
class Table:
    """One published resource in the data dictionary."""

    name: str
    path: str
    title: str
    description: str
    columns: tuple[Column, ...]


def dictionary() -> list[Table]:
    """The data dictionary of the data page: every published resource with columns
    (the areas' GeoJSON first, then the CSV tables), in the package's order."""
    return [
        Table(
            r.name,
            r.path,
            r.title,
            r.description,
            tuple(Column(f.name, f.title, f.type, f.description) for f in r.fields),
        )
        for r in OUTPUT.values()
        if r.fields
    ]
