"""Write the computed tables into a staging folder, then swap it in whole.

mkdocs empties its output first, so a failure leaves a broken site; we build beside
the old output and replace it only when everything has been written.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

MARKER = ".sozmon-ausgabe"


class OutputNotOurs(Exception):
    """The output folder exists and holds files sozmon did not write."""


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
