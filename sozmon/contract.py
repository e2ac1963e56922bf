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
class ForeignKey:
    """Fields of this table that reference the primary key of another (same names
    unless `reference` names the other table's fields)."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...] = ()

    @property
    def target_fields(self) -> tuple[str, ...]:
        return self.reference or self.fields


def _fk(fields: str | tuple[str, ...], resource: str, reference: str | tuple[str, ...] = ()) -> ForeignKey:
    return ForeignKey(_as_tuple(fields), resource, _as_tuple(reference))


def _as_tuple(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class Resource:
    """A table (or file) of a contract: its fields in order, its keys, its file."""

    name: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
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
STREETS = "strassen"  # optional: the street directory (Straßenraster), find your area by street

_AREA_FIELDS = (_text("sozialraum_id", True), _text("name", True), _text("stadtteil"), _text("stadtbezirk"))
_DIMENSION_FIELDS = (_text("dimension_id", True), _text("name", True), _text("beschreibung"), _weight())
_INDICATOR_FIELDS = (
    _text("indikator_id", True),
    _text("name", True, meaning="indikator_name"),
    # v1's index definition: used only where sozmon.yml defines no `indices`
    _text("dimension_id", meaning="katalog_dimension_id"),
    # "+1" is fine; empty for a context indicator (check: required for index indicators)
    Field("richtung", INTEGER, required=True, accepts=_ACCEPTS[NUMBER]),
    _text("einheit"),
    Field("faktor", NUMBER, required=True),
    _text("zaehler", meaning="zaehler_definition"),
    _text("nenner", meaning="nenner_definition"),
    _text("quelle"),
    _weight(),  # v1's index definition, like dimension_id
)

INPUT: dict[str, Resource] = {
    AREAS: Resource(AREAS, _AREA_FIELDS, ("sozialraum_id",)),
    DIMENSIONS: Resource(DIMENSIONS, _DIMENSION_FIELDS, ("dimension_id",)),
    INDICATORS: Resource(INDICATORS, _INDICATOR_FIELDS, ("indikator_id",)),
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
        (_fk("sozialraum_id", AREAS), _fk("indikator_id", INDICATORS)),
    ),
}
TABLES_IN = (DIMENSIONS, INDICATORS, VALUES)  # the CSV resources of a release

# The street directory in the shape of the Federal Employment Agency's "Straßenraster"
# and of city address registers: one row per street, postcode, side and house-number
# range. Empty von/bis: the whole street (or from/to its end); seite: alle, gerade,
# ungerade (also a, g, u). A street may lie in several areas, never one number in two.
_STREET_FIELDS = (
    _text("strasse", True),
    _text("plz", True),
    Field("hausnummer_von", INTEGER, required=True, accepts=(INTEGER, NUMBER, STRING, "any")),
    Field("hausnummer_bis", INTEGER, required=True, accepts=(INTEGER, NUMBER, STRING, "any")),
    _text("seite"),
    _text("sozialraum_id", True),
)
INPUT[STREETS] = Resource(STREETS, _STREET_FIELDS, (), (_fk("sozialraum_id", AREAS),))
OPTIONAL_IN = (STREETS,)  # CSV resources a release may have

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
    # empty unless the release stabilises small numbers (settings `method.stabilise`)
    Field("wert_stabilisiert", NUMBER),
)


def _score_fields(of: str) -> tuple[Field, ...]:
    """The scores of an index or of a dimension (`of`: 'index' or 'dimension')."""
    return (
        _text("sozialraum_id"),
        Field("jahr", INTEGER),
        Field("wert", NUMBER, meaning=f"{of}_wert"),
        _text("klasse"),
        Field("rang", INTEGER),
        Field("abdeckung", NUMBER, meaning=f"{of}_abdeckung"),
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
# The published catalogue describes indicators only; indices are defined in INDEX_*.
_CATALOGUE_FIELDS = tuple(
    Field(f.name, f.type, meaning=f.meaning) for f in _INDICATOR_FIELDS if f.name not in ("dimension_id", "gewicht")
)
INDEX_DEFINITIONS, INDEX_DIMENSIONS, INDEX_MEMBERS, INDEX_CLASSES = (
    "indizes",
    "index_dimensionen",
    "index_indikatoren",
    "index_klassen",
)
TYPOLOGIES, TYPES = "typologien", "typologie_typen"
INDEX_VALUES, DIMENSION_VALUES, TYPOLOGY_VALUES = "index_werte", "dimension_werte", "typologie_werte"
ALLOCATION_VALUES, ALLOCATIONS = "verteilung", "verteilungen"
# How sure the numbers are (compute.certainty): bootstrap intervals and class probabilities,
# the method's rank range and Sobol indices, spatial clusters (local and global Moran's I).
UNCERTAINTY, CLASS_PROBABILITIES = "sicherheit", "klassen_wahrscheinlichkeiten"
METHOD_RANGES, SENSITIVITY = "methoden_spannweite", "sensitivitaet"
CLUSTERS, AUTOCORRELATION = "cluster", "autokorrelation"
TYPOLOGY_UNCERTAINTY = "typologie_sicherheit"
# `dimension_id` of a row about the index as a whole in those tables (never a dimension's id).
WHOLE = "gesamt"


def _published(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """Input fields as published: same name, type and meaning; nothing is required."""
    return tuple(Field(f.name, f.type, meaning=f.meaning) for f in fields)


def _table(
    name: str, fields: tuple[Field, ...], key: tuple[str, ...], foreign_keys: tuple[ForeignKey, ...] = ()
) -> Resource:
    return Resource(name, fields, key, foreign_keys, f"{name}.csv")


OUTPUT: dict[str, Resource] = {
    # GeoJSON: the boundaries with these properties (no primary key in its schema).
    AREAS: Resource(AREAS, _published(_AREA_FIELDS), path="sozialraeume.geojson"),
    "indikator_werte": _table(
        "indikator_werte",
        _INDICATOR_VALUE_FIELDS,
        ("sozialraum_id", "jahr", "indikator_id"),
        (_fk("indikator_id", INDICATORS),),
    ),
    INDEX_VALUES: _table(
        INDEX_VALUES,
        (_text("index_id"), *_score_fields("index")),
        ("index_id", "sozialraum_id", "jahr"),
        (_fk("index_id", INDEX_DEFINITIONS),),
    ),
    DIMENSION_VALUES: _table(
        DIMENSION_VALUES,
        (_text("index_id"), _text("dimension_id"), *_score_fields("dimension")),
        ("index_id", "dimension_id", "sozialraum_id", "jahr"),
        (_fk(("index_id", "dimension_id"), INDEX_DIMENSIONS),),
    ),
    TYPOLOGY_VALUES: _table(
        TYPOLOGY_VALUES,
        (
            _text("typologie_id"),
            _text("sozialraum_id"),
            Field("jahr", INTEGER),
            _text("klasse_1"),
            _text("klasse_2"),
            _text("typ"),
            Field("aufmerksamkeit", BOOLEAN),
        ),
        ("typologie_id", "sozialraum_id", "jahr"),
        (_fk("typologie_id", TYPOLOGIES),),
    ),
    "gebiete_werte": _table(
        "gebiete_werte",
        _AGGREGATE_FIELDS,
        ("ebene", "gebiet", "jahr", "indikator_id"),
        (_fk("indikator_id", INDICATORS),),
    ),
    INDICATORS: _table(INDICATORS, _CATALOGUE_FIELDS, ("indikator_id",)),
    INDEX_DEFINITIONS: _table(
        INDEX_DEFINITIONS,
        (
            _text("index_id"),
            _text("name", meaning="index_name"),
            _text("kurzname"),
            _text("beschreibung", meaning="index_beschreibung"),
            _text("art"),
            Field("zeitraum", INTEGER),
            _text("basis"),
        ),
        ("index_id",),
    ),
    INDEX_DIMENSIONS: _table(
        INDEX_DIMENSIONS,
        (
            _text("index_id"),
            _text("dimension_id"),
            _text("name", meaning="dimension_name"),
            _text("beschreibung", meaning="dimension_beschreibung"),
            Field("gewicht", NUMBER, meaning="dimension_gewicht"),
        ),
        ("index_id", "dimension_id"),
        (_fk("index_id", INDEX_DEFINITIONS),),
    ),
    INDEX_MEMBERS: _table(
        INDEX_MEMBERS,
        (
            _text("index_id"),
            _text("dimension_id"),
            _text("indikator_id"),
            Field("gewicht", NUMBER, meaning="mitglied_gewicht"),
        ),
        ("index_id", "indikator_id"),
        (_fk(("index_id", "dimension_id"), INDEX_DIMENSIONS), _fk("indikator_id", INDICATORS)),
    ),
    INDEX_CLASSES: _table(
        INDEX_CLASSES,
        (
            _text("index_id"),
            Field("stufe", INTEGER),
            _text("klasse", meaning="klasse_name"),
            Field("untergrenze", NUMBER),
            Field("obergrenze", NUMBER),
            _text("bereich"),
        ),
        ("index_id", "stufe"),
        (_fk("index_id", INDEX_DEFINITIONS),),
    ),
    TYPOLOGIES: _table(
        TYPOLOGIES,
        (
            _text("typologie_id"),
            _text("name", meaning="typologie_name"),
            _text("beschreibung", meaning="typologie_beschreibung"),
            _text("index_1"),
            _text("index_2"),
        ),
        ("typologie_id",),
        (_fk("index_1", INDEX_DEFINITIONS, "index_id"), _fk("index_2", INDEX_DEFINITIONS, "index_id")),
    ),
    TYPES: _table(
        TYPES,
        (
            _text("typologie_id"),
            _text("klasse_1"),
            _text("klasse_2"),
            _text("typ"),
            Field("aufmerksamkeit", BOOLEAN),
        ),
        ("typologie_id", "klasse_1", "klasse_2"),
        (_fk("typologie_id", TYPOLOGIES),),
    ),
    # Allocation keys (sozmon.yml `allocations`): one row per key, one per key, year and area.
    ALLOCATION_VALUES: _table(
        ALLOCATION_VALUES,
        (
            _text("verteilung_id"),
            Field("jahr", INTEGER),
            _text("sozialraum_id"),
            _text("bedarf"),
            Field("gewicht", NUMBER, meaning="verteilung_gewicht"),
            Field("bevoelkerung", NUMBER),
            Field("berechtigt", BOOLEAN),
            Field("punkte", NUMBER),
            Field("betrag_roh", NUMBER),
            _text("begrenzung"),
            Field("daempfung", BOOLEAN),
            Field("betrag", NUMBER),
            Field("anteil", NUMBER),
            _text("grund"),
        ),
        ("verteilung_id", "jahr", "sozialraum_id"),
        (_fk("verteilung_id", ALLOCATIONS),),
    ),
    ALLOCATIONS: _table(
        ALLOCATIONS,
        (
            _text("verteilung_id"),
            _text("name", meaning="verteilung_name"),
            _text("beschreibung", meaning="verteilung_beschreibung"),
            Field("budget", NUMBER),
            Field("jahr", INTEGER, meaning="verteilung_jahr"),
            _text("formel"),
            _text("bedarf_index"),
            _text("bedarf_dimension"),
            _text("bedarf_typologie"),
            _text("gewichte"),
            _text("bevoelkerung_indikator"),
            _text("bevoelkerung_zahl"),
            _text("anteile"),
            _text("berechtigte"),
            Field("mindestbetrag", NUMBER),
            Field("hoechstbetrag", NUMBER),
            Field("daempfung_prozent", NUMBER),
        ),
        ("verteilung_id",),
        (
            _fk("bedarf_index", INDEX_DEFINITIONS, "index_id"),
            _fk("bedarf_typologie", TYPOLOGIES, "typologie_id"),
            _fk("bevoelkerung_indikator", INDICATORS, "indikator_id"),
        ),
    ),
    # The release's street directory, as checked (published only if the release has one).
    STREETS: _table(
        STREETS,
        (
            _text("strasse"),
            _text("plz"),
            Field("hausnummer_von", INTEGER),
            Field("hausnummer_bis", INTEGER),
            _text("seite"),
            _text("sozialraum_id", meaning="strassen_sozialraum_id"),
        ),
        (),
    ),
    UNCERTAINTY: _table(
        UNCERTAINTY,
        (
            _text("index_id"),
            _text("dimension_id", meaning="sicherheit_dimension_id"),
            _text("sozialraum_id"),
            Field("jahr", INTEGER),
            Field("wert_unten", NUMBER),
            Field("wert_oben", NUMBER),
            Field("rang_unten", INTEGER),
            Field("rang_oben", INTEGER),
            _text("klasse"),
            Field("klasse_wahrscheinlichkeit", NUMBER),
            Field("ziehungen", INTEGER),
        ),
        ("index_id", "dimension_id", "sozialraum_id", "jahr"),
        (_fk("index_id", INDEX_DEFINITIONS),),
    ),
    CLASS_PROBABILITIES: _table(
        CLASS_PROBABILITIES,
        (
            _text("index_id"),
            _text("dimension_id", meaning="sicherheit_dimension_id"),
            _text("sozialraum_id"),
            Field("jahr", INTEGER),
            Field("stufe", INTEGER),
            _text("klasse", meaning="klasse_name"),
            Field("wahrscheinlichkeit", NUMBER),
        ),
        ("index_id", "dimension_id", "sozialraum_id", "jahr", "stufe"),
        (_fk(("index_id", "stufe"), INDEX_CLASSES),),
    ),
    TYPOLOGY_UNCERTAINTY: _table(
        TYPOLOGY_UNCERTAINTY,
        (
            _text("typologie_id"),
            _text("sozialraum_id"),
            Field("jahr", INTEGER),
            _text("typ"),
            Field("typ_wahrscheinlichkeit", NUMBER),
            Field("aufmerksamkeit_wahrscheinlichkeit", NUMBER),
            Field("ziehungen", INTEGER),
        ),
        ("typologie_id", "sozialraum_id", "jahr"),
        (_fk("typologie_id", TYPOLOGIES),),
    ),
    METHOD_RANGES: _table(
        METHOD_RANGES,
        (
            _text("index_id"),
            _text("sozialraum_id"),
            Field("jahr", INTEGER),
            Field("rang", INTEGER),
            Field("rang_min", INTEGER),
            Field("rang_max", INTEGER),
            Field("wert_min", NUMBER),
            Field("wert_max", NUMBER),
            Field("varianten", INTEGER),
        ),
        ("index_id", "sozialraum_id", "jahr"),
        (_fk("index_id", INDEX_DEFINITIONS),),
    ),
    SENSITIVITY: _table(
        SENSITIVITY,
        (
            _text("index_id"),
            Field("jahr", INTEGER),
            _text("methodenwahl"),
            Field("s1", NUMBER),
            Field("s1_konfidenz", NUMBER),
            Field("st", NUMBER),
            Field("st_konfidenz", NUMBER),
        ),
        ("index_id", "jahr", "methodenwahl"),
        (_fk("index_id", INDEX_DEFINITIONS),),
    ),
    CLUSTERS: _table(
        CLUSTERS,
        (
            _text("index_id"),
            _text("dimension_id", meaning="sicherheit_dimension_id"),
            _text("sozialraum_id"),
            Field("jahr", INTEGER),
            Field("moran_i_lokal", NUMBER),
            Field("p_wert", NUMBER),
            _text("cluster"),
        ),
        ("index_id", "dimension_id", "sozialraum_id", "jahr"),
        (_fk("index_id", INDEX_DEFINITIONS),),
    ),
    AUTOCORRELATION: _table(
        AUTOCORRELATION,
        (
            _text("index_id"),
            _text("dimension_id", meaning="sicherheit_dimension_id"),
            Field("jahr", INTEGER),
            Field("moran_i", NUMBER),
            Field("erwartung", NUMBER),
            Field("p_wert", NUMBER, meaning="moran_p_wert"),
            Field("permutationen", INTEGER),
            Field("gebiete", INTEGER),
        ),
        ("index_id", "dimension_id", "jahr"),
        (_fk("index_id", INDEX_DEFINITIONS),),
    ),
    "aenderungen": Resource("aenderungen", (), path="aenderungen.md"),  # optional, Markdown
}
# The published CSV tables, in the order of the package.
TABLES_OUT = tuple(r.name for r in OUTPUT.values() if r.path.endswith(".csv"))
OPTIONAL_OUT = (STREETS,)  # published only where the release has rows for them
# Contract version of the published package (CONTRACT-CHANGELOG.md); major = breaking.
VERSION = "2.3.0"


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
    schema = {"fields": fields, "missingValues": [""]}
    if resource.primary_key:  # the street directory has none: its rows are ranges
        schema = {"fields": fields, "primaryKey": list(resource.primary_key), "missingValues": [""]}
    if resource.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.fields), "reference": {"resource": fk.resource, "fields": list(fk.target_fields)}}
            for fk in resource.foreign_keys
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
