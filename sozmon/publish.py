"""Write the computed tables into a staging folder, then swap it in whole.

mkdocs empties its output first, so a failure leaves a broken site; we build beside
the old output and replace it only when everything has been written.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .model import Result

MARKER = ".sozmon-ausgabe"
DATA_DIR = "daten"
COUNT_COLUMNS = {"zaehler", "nenner"}


class OutputNotOurs(Exception):
    """The output folder exists and holds files sozmon did not write."""


def tables(result: Result) -> dict[str, pd.DataFrame]:
    """The published tables by file stem (the resource names of the output contract)."""
    return {
        "indikator_werte": result.indicator_values,
        "index": result.index,
        "gebiete_werte": result.aggregates,
    }


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8, comma, '.' decimals, booleans as true/false: readable by pandas, R and Excel."""
    out = frame.copy()
    for column in COUNT_COLUMNS & set(out.columns):
        whole = out[column].dropna()
        if (whole % 1 == 0).all():  # counts print as 12, not 12.0
            out[column] = out[column].astype("Int64")
    for column in out.columns:
        if pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map({True: "true", False: "false"}).astype("string")
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def publish(out: Path, write: Callable[[Path], None]) -> None:
    """Let `write` fill a fresh staging folder, then replace `out` with it atomically."""
    out = out.resolve()
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise OutputNotOurs(str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.neu-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the output is for publishing
    try:
        write(staging)
        (staging / MARKER).write_text("Von sozmon erzeugt; wird bei jedem Lauf ersetzt.\n", encoding="utf-8")
        _swap(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.alt")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def write_tables(result: Result, target: Path) -> list[Path]:
    folder = target / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, frame in tables(result).items():
        path = folder / f"{stem}.csv"
        write_csv(frame, path)
        written.append(path)
    return written
