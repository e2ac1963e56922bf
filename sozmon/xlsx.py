"""The Excel workbook for people: an explanation sheet first, then one sheet per table
with German headers and number formats. Bytes depend only on the data and the release
date (openpyxl stamps the clock into the file and the ZIP; both are replaced)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from . import texts

FORMATS = {"integer": "0", "count": "#,##0", "number": "#,##0.0##", "z": "0.00"}
Z_COLUMNS = {"z_wert", "abdeckung", "veraenderung_vorjahr", "veraenderung_basisjahr"}
WIDTH = {"string": 18, "integer": 8, "number": 12, "boolean": 10}


def write(package: dict, tables: dict[str, pd.DataFrame], areas: pd.DataFrame, path: Path,
          stamp: datetime) -> Path:
    book = Workbook(write_only=True)
    book.properties.creator = "sozmon"
    book.properties.created = book.properties.modified = stamp.replace(tzinfo=None)
    resources = {r["name"]: r for r in package["resources"]}
    _intro(book, package, resources)
    sheets = {**tables, "sozialraeume": pd.DataFrame(areas.drop(columns="geometry"))}
    for name, sheet_name in texts.XLSX_SHEETS.items():
        _table(book, sheet_name, sheets[name], resources[name]["schema"]["fields"])
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(_fixed_dates(buffer.getvalue(), stamp))
    return path


def _intro(book: Workbook, package: dict, resources: dict) -> None:
    sheet = book.create_sheet(texts.XLSX_INTRO_SHEET)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 110
    bold = Font(bold=True)
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
    ]
    for name, sheet_name in texts.XLSX_SHEETS.items():
        rows.append((sheet_name, resources[name]["description"]))
    for label, value in rows:
        left = WriteOnlyCell(sheet, label)
        left.font = bold
        right = WriteOnlyCell(sheet, value)
        right.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.append([left, right])


def _table(book: Workbook, title: str, frame: pd.DataFrame, fields: list[dict]) -> None:
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    for i, field in enumerate(fields):
        letter = _letter(i)
        sheet.column_dimensions[letter].width = max(WIDTH.get(field["type"], 14), len(field["title"]) + 2)
    header = []
    for field in fields:
        cell = WriteOnlyCell(sheet, field["title"])
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    formats = [_format(f) for f in fields]
    columns = [frame[f["name"]].astype(object).where(frame[f["name"]].notna(), None).tolist()
               for f in fields]
    for values in zip(*columns):
        row = []
        for value, number_format in zip(values, formats):
            if number_format and value is not None:
                cell = WriteOnlyCell(sheet, value)
                cell.number_format = number_format
                row.append(cell)
            else:
                row.append(value)
        sheet.append(row)


def _format(field: dict) -> str | None:
    kind, name = field["type"], field["name"]
    if kind == "integer":
        return FORMATS["integer"]
    if kind != "number":
        return None
    if name in ("zaehler", "nenner"):
        return FORMATS["count"]
    return FORMATS["z"] if name in Z_COLUMNS else FORMATS["number"]


def _letter(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


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
