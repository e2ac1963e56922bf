"""The Bestandsanalyse as a PDF (`bestandsanalyse.pdf` in the package): the same view as its
page (`analysis.analyse`), handed to `templates/analysis.typ` as plain data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd

from . import pdf, texts
from .analysis import Analysis, AreaRef, Fact, Table, analyse
from .cache import OFF, Cache
from .model import Release

FILE = "bestandsanalyse.pdf"
A = texts.ANALYSIS


def write(release: Release, tables: dict[str, pd.DataFrame], folder: Path, stamp: datetime, cache: Cache = OFF) -> Path:
    """Write `bestandsanalyse.pdf` into the package folder (called by `package.write`)."""
    path = folder / FILE
    path.write_bytes(report_pdf(release, tables, stamp, cache))
    return path


def report_pdf(release: Release, tables: dict[str, pd.DataFrame], stamp: datetime, cache: Cache = OFF) -> bytes:
    """The Bestandsanalyse as PDF bytes (identical for identical inputs)."""
    return pdf.render("analysis.typ", pdf_data(release, analyse(release, tables)), stamp=stamp, cache=cache)


def pdf_data(release: Release, view: Analysis) -> dict:
    """Everything the PDF prints, as plain JSON data (strings and numbers only)."""
    city = release.settings.city
    return {
        "document": pdf.document(release, view.title, A["page_description"]),
        "title": view.title,
        "intro": A["page_intro"],
        "key": [{"label": label, "value": value, "note": note} for label, value, note in view.key_figures],
        "sections": [_pdf_section(s) for s in view.sections],
        "rules_title": A["rules_title"],
        "rules": list(view.rules),
        "city": city or "",
    }


def _pdf_section(section) -> dict:
    return {
        "key": section.key,
        "title": section.title,
        "intro": A.get(f"{section.key}_intro") or "",
        "facts": [f.text for f in section.facts],
        "summary": [_pdf_table(t) for t in section.summary],
        "blocks": [{"title": b.title, "facts": [f.text for f in b.facts]} for b in section.blocks],
        "tables": [_pdf_table(t) for t in section.tables],
    }


def _pdf_table(t: Table) -> dict:
    return {
        "caption": t.caption,
        "head": list(t.head),
        "rows": [[_plain(c) for c in row] for row in t.rows],
        "align": t.align,
        "widths": _widths(t),
    }


def _widths(t: Table) -> list[float]:
    """Column widths as fractions: in a table of sentences the names narrower than the
    sentences; in a table of numbers the names wider than the numbers."""
    if any(isinstance(c, Fact) for row in t.rows for c in row):
        return [2.0] + [3.0] * (len(t.head) - 1)
    return [2.6, 1.0] + [2.4] * (len(t.head) - 2)


def _plain(cell) -> str:
    if isinstance(cell, AreaRef):
        return cell.name
    if isinstance(cell, Fact):
        return cell.text
    return "–" if cell is None or (not isinstance(cell, str) and pd.isna(cell)) else str(cell)
