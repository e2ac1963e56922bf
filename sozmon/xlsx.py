"""The Excel workbook for people: an explanation sheet, an overview of the latest index,
then one sheet per table with German headers, names beside the ids, rounded display
formats (the cell keeps the full value), frozen headers and filters.

The CSV files stay the machine contract; this workbook is for reading. Three rules:

- Every text is a text cell (data type "s"): openpyxl would store a release text that
  starts with "=" as a formula (OWASP "CSV injection"); the text itself stays exact.
- Bytes depend only on the data and the release date (openpyxl stamps the clock into
  the file and the ZIP; both are replaced).
- Write-only mode and one reused cell per column and distinct text keep 200,000 rows fast.
"""

from __future__ import annotations

import io
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

from . import texts
from .model import TOTAL

FORMATS = {
    "integer": "0",
    "count": "#,##0",
    "rate": "#,##0.0",  # indicator values in their unit: one decimal, as on the website
    "z": "0.00",  # z-values, dimension and index values
    "change": "+0.00;-0.00;0.00",
    "share": "0%",
}
Z_COLUMNS = {"z_wert"}
CHANGE_COLUMNS = {"veraenderung_vorjahr", "veraenderung_basisjahr"}
MAX_WIDTH = 60
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
            longest = max(longest, 9)
        return min(longest + 2, MAX_WIDTH)


def write(package: dict, tables: dict[str, pd.DataFrame], areas: pd.DataFrame, path: Path, stamp: datetime) -> Path:
    book = Workbook(write_only=True)
    book.properties.creator = "sozmon"
    book.properties.created = book.properties.modified = stamp.replace(tzinfo=None)
    resources = {r["name"]: r for r in package["resources"]}
    areas = pd.DataFrame(areas.drop(columns="geometry", errors="ignore"))
    sheets = {**tables, "sozialraeume": areas}
    names = _names(tables, areas)
    _intro(book, package, resources)
    _overview(book, tables["index"], areas, tables["dimensionen"])
    for name, sheet_name in texts.XLSX_SHEETS.items():
        columns = _columns(name, sheets[name], resources[name]["schema"]["fields"], names)
        _table(book, sheet_name, columns)
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(_fixed_dates(buffer.getvalue(), stamp))
    return path


# --- sheets ----------------------------------------------------------------------------


def _intro(book: Workbook, package: dict, resources: dict) -> None:
    sheet = _sheet(book, texts.XLSX_INTRO_SHEET)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 110
    labels = texts.XLSX_LABELS
    licence = package["licenses"][0]
    rows = [
        (labels["title"], package["title"]),
        (labels["description"], package["description"]),
        (labels["version"], package["version"]),
        (labels["created"], package["created"][:10]),
        (labels["licence"], f"{licence['title']} ({licence['path']})"),
        (labels["citation"], package["citation"]),
        ("", ""),
        (labels["sheets"], ""),
        (texts.XLSX_OVERVIEW_SHEET, texts.XLSX_SHEET_DESCRIPTIONS["overview"]),
    ]
    for name, sheet_name in texts.XLSX_SHEETS.items():
        rows.append((sheet_name, texts.XLSX_SHEET_DESCRIPTIONS.get(name, resources[name]["description"])))
    rows.append(("", ""))
    rows += [(labels["notes"] if i == 0 else "", note) for i, note in enumerate(texts.XLSX_NOTES)]
    wrap = Alignment(wrap_text=True, vertical="top")
    for label, value in rows:
        sheet.append([_text(sheet, label, font=BOLD), _text(sheet, value, alignment=wrap)])


def _overview(book: Workbook, index: pd.DataFrame, areas: pd.DataFrame, dimensions: pd.DataFrame) -> None:
    """The latest year's index per area, sorted by rank: a sheet that reads on its own."""
    t = texts.XLSX_OVERVIEW
    total = index[index["dimension_id"] == TOTAL]
    years = sorted(int(y) for y in total["jahr"].dropna().unique())
    latest = years[-1] if years else None
    rows = areas.merge(total[total["jahr"] == latest], on="sozialraum_id", how="left")
    rows = rows.assign(_missing=rows["rang"].isna()).sort_values(["_missing", "rang", "sozialraum_id"], kind="stable")
    index_name = dimensions.loc[dimensions["dimension_id"] == TOTAL, "name"]
    title = t["title"].format(
        index=index_name.iloc[0] if len(index_name) else t["value"], year=latest if latest is not None else ""
    )
    change = t["change_note"].format(previous=years[-2]) if len(years) > 1 else t["no_previous"]
    columns = [
        Column(t["rank"], _values(rows["rang"]), FORMATS["integer"]),
        Column(t["id"], _values(rows["sozialraum_id"]), text=True),
        Column(t["name"], _values(rows["name"]), text=True),
    ]
    for key in ("stadtteil", "stadtbezirk"):
        if rows[key].notna().any():
            columns.append(Column(t[key], _values(rows[key]), text=True))
    columns += [
        Column(t["value"], _values(rows["wert"]), FORMATS["z"]),
        Column(t["class"], _values(rows["klasse"]), text=True),
        Column(t["change"], _values(rows["veraenderung_vorjahr"]), FORMATS["change"]),
    ]
    _table(book, texts.XLSX_OVERVIEW_SHEET, columns, head=[(title, TITLE), (t["rank_note"], None), (change, None)])


def _columns(name: str, frame: pd.DataFrame, fields: list[dict], names: dict[str, dict]) -> list[Column]:
    """The resource's columns in contract order, each id followed by its name (and an
    indicator's unit, where its values are)."""
    columns = []
    for field in fields:
        key = field["name"]
        values = _values(frame[key])
        columns.append(Column(field["title"], values, _format(name, field), text=field["type"] == "string"))
        if key in texts.XLSX_NAME_COLUMNS and name not in _OWN_NAMES[key]:
            lookup = names[key]
            columns.append(Column(texts.XLSX_NAME_COLUMNS[key], [lookup.get(v) for v in values], text=True))
            if key == "indikator_id" and name in ("indikator_werte", "gebiete_werte"):
                units = names["units"]
                columns.append(Column(texts.FIELDS["einheit"][0], [units.get(v) for v in values], text=True))
    return columns


# Sheets that already hold the name of their own id in the next column.
_OWN_NAMES = {"sozialraum_id": ("sozialraeume",), "indikator_id": ("indikatoren",), "dimension_id": ("dimensionen",)}


def _names(tables: dict[str, pd.DataFrame], areas: pd.DataFrame) -> dict[str, dict]:
    """id -> name for areas, indicators and dimensions (no dimension: a context indicator)."""
    indicators, dimensions = tables["indikatoren"], tables["dimensionen"]
    dims = _lookup(dimensions["dimension_id"], dimensions["name"])
    return {
        "sozialraum_id": _lookup(areas["sozialraum_id"], areas["name"]),
        "indikator_id": _lookup(indicators["indikator_id"], indicators["name"]),
        "dimension_id": {None: texts.XLSX_CONTEXT_DIMENSION, **dims},
        "units": _lookup(indicators["indikator_id"], indicators["einheit"]),
    }


def _lookup(keys: pd.Series, values: pd.Series) -> dict:
    return {k: v for k, v in zip(_values(keys), _values(values)) if k is not None}


def _format(resource: str, field: dict) -> str | None:
    kind, name = field["type"], field["name"]
    if kind == "integer":
        return FORMATS["integer"]
    if kind != "number":
        return None
    if name in ("zaehler", "nenner"):
        return FORMATS["count"]
    if name == "abdeckung":
        return FORMATS["share"]
    if name in CHANGE_COLUMNS:
        return FORMATS["change"]
    if name in Z_COLUMNS or (name == "wert" and resource == "index"):
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
