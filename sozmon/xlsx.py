"""The Excel workbook for people: an explanation sheet, an overview of every index of the
latest year, then one sheet per table with German headers, names beside the ids, rounded
display formats (the cell keeps the full value), frozen headers and filters.

The CSV files stay the machine contract; this workbook is for reading. Three rules:

- Every text is a text cell (data type "s"): openpyxl would store a release text that
  starts with "=" as a formula (OWASP "CSV injection"); the text itself stays exact.
- Bytes depend only on the data and the release date (openpyxl stamps the clock into
  the file and the ZIP; both are replaced).
- Write-only mode and one reused cell per column and distinct text keep 200,000 rows fast.

Sheet names come from texts.XLSX_SHEETS only, never from a release (Excel allows 31
characters and none of []:*?/ and backslash); index and typology names appear in cells and headers.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from . import contract, texts
from .cache import OFF, Cache

FORMATS = {
    "integer": "0",
    "count": "#,##0",
    "rate": "#,##0.0",  # indicator values in their unit: one decimal, as on the website
    "z": "0.00",  # z-values, dimension and index values, class bounds
    "change": "+0.00;-0.00;0.00",
    "share": "0%",
    "euro": '#,##0.00 "€"',
    "percent": "#,##0.00",  # a share already in percent (verteilung.anteil), points
}
EURO_COLUMNS = {"budget", "betrag", "betrag_roh", "mindestbetrag", "hoechstbetrag"}
Z_COLUMNS = {"z_wert", "untergrenze", "obergrenze"}
SCORE_TABLES = (contract.INDEX_VALUES, contract.DIMENSION_VALUES)  # their `wert` is standardised
CHANGE_COLUMNS = {"veraenderung_vorjahr", "veraenderung_basisjahr"}
MAX_WIDTH = 60
NUMBER_WIDTH = 20  # a long header over a number wraps instead of widening the column
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)


@dataclass
class Column:
    """One column of a sheet: header, values (None = empty) and display format."""

    title: str
    values: list
    number_format: str | None = None  # None: text, booleans and numbers in "General"
    text: bool = False

    @property
    def width(self) -> float:
        longest = len(self.title)
        if self.text:
            longest = max([longest, *(len(v) for v in set(self.values) if v is not None)])
        else:
            longest = max(min(longest, NUMBER_WIDTH), 9)
        return min(longest + 2, MAX_WIDTH)


def write(
    package: dict, tables: dict[str, pd.DataFrame], areas: pd.DataFrame, path: Path, stamp: datetime, cache: Cache = OFF
) -> Path:
    """The workbook, or the cached one if package, tables and date are the same."""
    areas = pd.DataFrame(areas.drop(columns="geometry", errors="ignore"))
    parts = _inputs(package, tables, areas, stamp)
    path.write_bytes(cache.fetch(KIND, parts, lambda: _workbook(package, tables, areas, stamp)))
    return path


def _inputs(package: dict, tables: dict[str, pd.DataFrame], areas: pd.DataFrame, stamp: datetime) -> list[str]:
    parts = [json.dumps(package, sort_keys=True, ensure_ascii=False, default=str), stamp.isoformat()]
    for name, frame in sorted({**tables, "sozialraeume": areas}.items()):
        parts += [name, *_fingerprint(frame)]
    return parts


KIND = "xlsx"  # the cache's folder for workbooks


def _fingerprint(frame: pd.DataFrame) -> list[str]:
    """A table's cells as text, and the types behind them (1 and "1" are different cells)."""
    kinds = [
        f"{column}:{dtype}:" + ",".join(sorted({type(v).__name__ for v in frame[column]}) if dtype.kind == "O" else [])
        for column, dtype in frame.dtypes.items()
    ]
    return ["\n".join(kinds), frame.to_csv(index=False)]


def _workbook(package: dict, tables: dict[str, pd.DataFrame], areas: pd.DataFrame, stamp: datetime) -> bytes:
    book = Workbook(write_only=True)
    book.properties.creator = "sozmon"
    book.properties.created = book.properties.modified = stamp.replace(tzinfo=None)
    resources = {r["name"]: r for r in package["resources"]}
    sheets = {**tables, "sozialraeume": areas}
    names = _names(tables, areas)
    shown = [name for name in texts.XLSX_SHEETS if len(sheets[name])]  # no typology: no typology sheets
    _intro(book, package, resources, shown)
    _overview(book, tables, areas)
    for name in shown:
        columns = _columns(name, sheets[name], resources[name]["schema"]["fields"], names)
        _table(book, texts.XLSX_SHEETS[name], columns)
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_dates(buffer.getvalue(), stamp)


# --- sheets ----------------------------------------------------------------------------


def _intro(book: Workbook, package: dict, resources: dict, shown: list[str]) -> None:
    sheet = _sheet(book, texts.XLSX_INTRO_SHEET)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 110
    labels = texts.XLSX_LABELS
    licence = package["licenses"][0]
    rows = [
        (labels["title"], package["title"]),
        (labels["description"], package["description"]),
        (labels["version"], package["version"]),
        (labels["contract"], texts.XLSX_CONTRACT.format(version=contract.VERSION)),
        (labels["created"], package["created"][:10]),
        (labels["licence"], f"{licence['title']} ({licence['path']})"),
        (labels["citation"], package["citation"]),
        ("", ""),
        (labels["sheets"], ""),
        (texts.XLSX_OVERVIEW_SHEET, texts.XLSX_SHEET_DESCRIPTIONS["overview"]),
    ]
    for name in shown:
        description = texts.XLSX_SHEET_DESCRIPTIONS.get(name, resources[name]["description"])
        rows.append((texts.XLSX_SHEETS[name], description))
    rows.append(("", ""))
    rows += [(labels["notes"] if i == 0 else "", note) for i, note in enumerate(texts.XLSX_NOTES)]
    wrap = Alignment(wrap_text=True, vertical="top")
    for label, value in rows:
        sheet.append([_text(sheet, label, font=BOLD), _text(sheet, value, alignment=wrap)])


def _overview(book: Workbook, tables: dict[str, pd.DataFrame], areas: pd.DataFrame) -> None:
    """Every index and typology of the latest year per area, sorted by the rank in the
    first index: a sheet that reads on its own."""
    t = texts.XLSX_OVERVIEW
    scores, types = tables[contract.INDEX_VALUES], tables[contract.TYPOLOGY_VALUES]
    indices, typologies = tables[contract.INDEX_DEFINITIONS], tables[contract.TYPOLOGIES]
    years = sorted(int(y) for y in scores["jahr"].dropna().unique())
    latest = years[-1] if years else None
    ids = _values(areas["sozialraum_id"])
    index_ids = _values(indices["index_id"])
    index_names = _labels(index_ids, _values(indices["name"]))
    typology_ids = _values(typologies["typologie_id"])
    typology_names = _labels(typology_ids, _values(typologies["name"]))

    def latest_of(frame: pd.DataFrame, key: str, owner: str, column: str) -> list:
        mine = frame[(frame[key] == owner) & (frame["jahr"] == latest)]
        lookup = dict(zip(_values(mine["sozialraum_id"]), _values(mine[column])))
        return [lookup.get(i) for i in ids]

    def header(name: str, what: str) -> str:
        return t["column"].format(name=name, what=t[what])

    columns = [Column(t["id"], ids, text=True), Column(t["name"], _values(areas["name"]), text=True)]
    for key in ("stadtteil", "stadtbezirk"):
        if areas[key].notna().any():
            columns.append(Column(t[key], _values(areas[key]), text=True))
    ranks = []
    for index_id, name in zip(index_ids, index_names):
        rank = latest_of(scores, "index_id", index_id, "rang")
        ranks.append(rank)
        columns += [
            Column(header(name, "rank"), rank, FORMATS["integer"]),
            Column(header(name, "value"), latest_of(scores, "index_id", index_id, "wert"), FORMATS["z"]),
            Column(header(name, "class"), latest_of(scores, "index_id", index_id, "klasse"), text=True),
            Column(
                header(name, "change"),
                latest_of(scores, "index_id", index_id, "veraenderung_vorjahr"),
                FORMATS["change"],
            ),
        ]
    for typology_id, name in zip(typology_ids, typology_names):
        columns += [
            Column(header(name, "type"), latest_of(types, "typologie_id", typology_id, "typ"), text=True),
            Column(header(name, "attention"), latest_of(types, "typologie_id", typology_id, "aufmerksamkeit")),
        ]
    first = ranks[0] if ranks else [None] * len(ids)
    order = sorted(range(len(ids)), key=lambda k: (first[k] is None, first[k] or 0, str(ids[k])))
    for column in columns:
        column.values = [column.values[k] for k in order]
    title = t["title"].format(
        year=latest if latest is not None else "",
        index=t["quoted"].format(name=index_names[0]) if index_names else "",
    )
    head = [(title, TITLE), (t["rank_note"], None)]
    head += [(line, None) for line in _index_notes(tables, index_names)]
    head += [(line, None) for line in _typology_notes(typologies, typology_names, dict(zip(index_ids, index_names)))]
    head.append((t["change_note"].format(previous=years[-2]) if len(years) > 1 else t["no_previous"], None))
    _table(book, texts.XLSX_OVERVIEW_SHEET, columns, head=head)


def _labels(ids: list, names: list) -> list[str]:
    """Each name, with its id where two share a name (headers must tell them apart)."""
    count = pd.Series(names, dtype="object").value_counts()
    return [n if count[n] == 1 else f"{n} ({i})" for i, n in zip(ids, names)]


def _index_notes(tables: dict[str, pd.DataFrame], names: list[str]) -> list[str]:
    """Per index: how its classes read, lowest to highest."""
    t = texts.XLSX_OVERVIEW
    indices, classes = tables[contract.INDEX_DEFINITIONS], tables[contract.INDEX_CLASSES]
    lines = []
    for index_id, short_name, name in zip(_values(indices["index_id"]), _values(indices["kurzname"]), names):
        labels = _values(classes[classes["index_id"] == index_id].sort_values("stufe")["klasse"])
        if labels:
            lines.append(
                t["index_note"].format(
                    index=t["quoted"].format(name=name),
                    short_name=short_name or name,
                    lowest=labels[0],
                    highest=labels[-1],
                )
            )
    return lines


def _typology_notes(typologies: pd.DataFrame, names: list[str], index_names: dict) -> list[str]:
    t = texts.XLSX_OVERVIEW
    quoted = t["quoted"].format
    return [
        t["typology_note"].format(
            typology=quoted(name=name),
            first=quoted(name=index_names.get(first, first)),
            second=quoted(name=index_names.get(second, second)),
            attention=t["attention"],
            types=texts.XLSX_SHEETS[contract.TYPES],
        )
        for name, first, second in zip(names, _values(typologies["index_1"]), _values(typologies["index_2"]))
    ]


def _columns(name: str, frame: pd.DataFrame, fields: list[dict], names: dict[str, dict]) -> list[Column]:
    """The resource's columns in contract order, each id followed by its name (and an
    indicator's unit, where its values are); the indicator catalogue says in which
    indices each indicator stands."""
    columns = []
    for field in fields:
        key = field["name"]
        values = _values(frame[key])
        if name == contract.ALLOCATION_VALUES and key in ALLOCATION_CODES:
            values = [_in_words(v) for v in values]
        columns.append(Column(field["title"], values, _format(name, field), text=field["type"] == "string"))
        if key in texts.XLSX_NAME_COLUMNS and name not in _OWN_NAMES.get(key, ()):
            lookup = names[key]
            if key == "dimension_id":  # a dimension id is unique within its index only
                shown = [lookup.get(pair) for pair in zip(_values(frame["index_id"]), values)]
            else:
                shown = [lookup.get(v) for v in values]
            columns.append(Column(texts.XLSX_NAME_COLUMNS[key], shown, text=True))
            if key == "indikator_id" and name in ("indikator_werte", "gebiete_werte"):
                units = names["units"]
                columns.append(Column(texts.FIELDS["einheit"][0], [units.get(v) for v in values], text=True))
        if name == contract.INDICATORS and key == "name":
            member = names["member_of"]
            listed = [
                ", ".join(member[i]) if i in member else texts.XLSX_CONTEXT_INDICATOR
                for i in _values(frame["indikator_id"])
            ]
            columns.append(Column(texts.XLSX_INDICATOR_INDICES, listed, text=True))
    return columns


# Columns of codes that the workbook shows in words (the CSV keeps the codes, explained in
# the field's description): verteilung.begrenzung and verteilung.grund.
ALLOCATION_CODES = ("begrenzung", "grund")


def _in_words(value: str | None) -> str | None:
    """'nicht_berechtigt;gesperrt' → 'nicht berechtigt; Zahl gesperrt, geht nicht ein'."""
    if value is None:
        return None
    return "; ".join(texts.ALLOCATION_REASONS.get(code, code) for code in str(value).split(";"))


# Sheets that already hold the name of their own id in the next column.
_OWN_NAMES = {
    "sozialraum_id": ("sozialraeume",),
    "indikator_id": (contract.INDICATORS,),
    "index_id": (contract.INDEX_DEFINITIONS,),
    "dimension_id": (contract.INDEX_DIMENSIONS,),
    "typologie_id": (contract.TYPOLOGIES,),
    "verteilung_id": (contract.ALLOCATIONS,),
}


def _names(tables: dict[str, pd.DataFrame], areas: pd.DataFrame) -> dict[str, dict]:
    """id -> name for areas, indicators, indices, (index, dimension) and typologies;
    indicator -> the names of the indices it stands in."""
    indicators, indices = tables[contract.INDICATORS], tables[contract.INDEX_DEFINITIONS]
    dims, members, typologies = (
        tables[contract.INDEX_DIMENSIONS],
        tables[contract.INDEX_MEMBERS],
        tables[contract.TYPOLOGIES],
    )
    index_names = _lookup(indices["index_id"], indices["name"])
    member_of: dict[str, list[str]] = {}
    for index_id, indicator_id in zip(_values(members["index_id"]), _values(members["indikator_id"])):
        member_of.setdefault(indicator_id, []).append(index_names.get(index_id, index_id))
    return {
        "sozialraum_id": _lookup(areas["sozialraum_id"], areas["name"]),
        "indikator_id": _lookup(indicators["indikator_id"], indicators["name"]),
        "index_id": index_names,
        "index_1": index_names,
        "index_2": index_names,
        "basis": index_names,
        "dimension_id": dict(zip(zip(_values(dims["index_id"]), _values(dims["dimension_id"])), _values(dims["name"]))),
        "typologie_id": _lookup(typologies["typologie_id"], typologies["name"]),
        "verteilung_id": _lookup(tables[contract.ALLOCATIONS]["verteilung_id"], tables[contract.ALLOCATIONS]["name"]),
        "units": _lookup(indicators["indikator_id"], indicators["einheit"]),
        "member_of": member_of,
    }


def _lookup(keys: pd.Series, values: pd.Series) -> dict:
    return {k: v for k, v in zip(_values(keys), _values(values)) if k is not None}


def _format(resource: str, field: dict) -> str | None:
    kind, name = field["type"], field["name"]
    if kind == "integer":
        return FORMATS["integer"]
    if kind != "number":
        return None
    if name in ("zaehler", "nenner", "bevoelkerung"):
        return FORMATS["count"]
    if name in EURO_COLUMNS:
        return FORMATS["euro"]
    if name in ("anteil", "punkte"):
        return FORMATS["percent"]
    if name == "abdeckung":
        return FORMATS["share"]
    if name in CHANGE_COLUMNS:
        return FORMATS["change"]
    if name in Z_COLUMNS or (name == "wert" and resource in SCORE_TABLES):
        return FORMATS["z"]
    if name == "wert":
        return FORMATS["rate"]
    return None  # weights and factors: as delivered


def _values(series: pd.Series) -> list:
    return series.astype(object).where(series.notna(), None).tolist()


# --- writing ---------------------------------------------------------------------------


def _table(book: Workbook, title: str, columns: list[Column], head: list[tuple[str, Font | None]] = ()) -> None:
    """A table with optional lines above it; header frozen, autofilter over the table."""
    sheet = _sheet(book, title)
    for i, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    header_row = len(head) + 1
    sheet.freeze_panes = f"A{header_row + 1}"
    for line, font in head:
        sheet.append([_text(sheet, line, font=font)])
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append([_text(sheet, c.title, font=BOLD, alignment=wrap) for c in columns])
    # One cell per number column, reused row after row, and one per distinct text or
    # boolean: each row is written completely before the next is built.
    numbers = [WriteOnlyCell(sheet) for _ in columns]
    for cell, column in zip(numbers, columns):
        if column.number_format:
            cell.number_format = column.number_format
    flags = {True: WriteOnlyCell(sheet, True), False: WriteOnlyCell(sheet, False)}
    strings: dict[str, WriteOnlyCell] = {}
    n = 0
    for n, values in enumerate(zip(*(c.values for c in columns)), 1):  # noqa: B007 (n: the filter range below)
        row = []
        for value, column, cell in zip(values, columns, numbers):
            if value is None:
                row.append(None)
            elif column.text:
                text = strings.get(value)
                if text is None:
                    text = strings[value] = _text(sheet, value)
                row.append(text)
            elif isinstance(value, bool):
                row.append(flags[value])
            else:
                cell.value = value
                row.append(cell)
        sheet.append(row)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{header_row + n}"


def _sheet(book: Workbook, title: str) -> WriteOnlyWorksheet:
    """A write-only sheet whose rows are lists of our own cells (or None).

    openpyxl's own row conversion binds plain values into a cell it reuses, would bind a
    reused cell of ours the same way, and raises and formats an exception for every cell
    object it is given; placing our cells directly is safe and three times faster.
    """
    sheet = book.create_sheet(title)

    def cells_in_row(cells: list, row_idx: int):
        for col_idx, cell in enumerate(cells, 1):
            if cell is not None:
                cell.row, cell.column = row_idx, col_idx
                yield cell

    sheet._values_to_row = cells_in_row
    return sheet


def _text(
    sheet: WriteOnlyWorksheet, value: object, font: Font | None = None, alignment: Alignment | None = None
) -> WriteOnlyCell:
    """A cell that Excel reads as text, never as a formula, whatever the text starts with.

    Excel cannot store control characters; they are removed (a release text never needs one).
    """
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _fixed_dates(data: bytes, stamp: datetime) -> bytes:
    date = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":  # openpyxl writes "modified = now"
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + iso, content)
            target.writestr(info, content)
    return out.getvalue()
