"""The pipeline as a Python API: load → check → compute → publish.

The command line is a thin layer over these functions; they take paths but print
nothing: progress goes to the `progress` callback. The steps are imported where they
run: an unchanged rebuild is answered before pandas and the rest are loaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import publish
from .cache import OFF, Cache, tool_version, tree_digest
from .problems import Problem, ReleaseError, errors, sort

if TYPE_CHECKING:
    from .model import Release, Result

Progress = Callable[[str], None]


def _quiet(step: str) -> None:
    """Default progress callback: report nothing."""


def open_release(data: Path) -> tuple[Release | None, list[Problem]]:
    """The typed release if it has no errors, and every problem found in it."""
    from . import check as check_module
    from . import load

    raw, problems = load.read(data)
    if raw is not None:
        problems += check_module.check(raw)
    problems = sort(problems)
    if raw is None or errors(problems):
        return None, problems
    return load.typed(raw), problems


def results(release: Release, progress: Progress = _quiet) -> Result:
    """What may be published: the computed tables after disclosure control, with how
    sure they are (assessed from the published cells only)."""
    from .compute import compute
    from .compute.certainty import assess
    from .compute.suppress import suppress

    published = suppress(compute(release), release.settings)
    progress("certainty")
    return assess(release, published)


def _computed(data: Path, progress: Progress) -> tuple[Release, Result]:
    """The release and its publishable results, or ReleaseError with every problem."""
    progress("load")
    release, problems = open_release(data)
    if release is None:
        raise ReleaseError(problems)
    progress("compute")
    return release, results(release, progress)


def build(data: Path, out: Path, progress: Progress = _quiet, cache: Cache = OFF, reuse: bool = False) -> None:
    """Check, compute and write; the previous output stays untouched on any failure.

    With `reuse` (and a cache, which remembers what each output was built from), an output
    built from the same inputs (release, sozmon, packages) and not touched since is kept
    as it is.
    """
    inputs = _inputs("build", data)
    if reuse and _unchanged(out, inputs, cache):
        progress("unchanged")
        return
    release, result = _computed(data, progress)
    from . import package

    def write(staging: Path) -> None:
        progress("write")
        package.write(release, result, staging / package.FOLDER, cache)

    publish.publish(out, write)
    _remember(out, inputs, cache)


def build_site(
    data: Path,
    out: Path,
    docs: Path | None = None,
    config: Path | None = None,
    progress: Progress = _quiet,
    engine: str = "mkdocs",
    cache: Cache = OFF,
    reuse: bool = False,
) -> Path:
    """Everything `build` does, plus the static site in OUT/site, built by `engine`
    ("mkdocs" or "zensical", see engines.py); all or nothing. `cache` and `reuse` as in
    `build`."""
    inputs = _inputs(f"site:{engine}", data, docs, config)
    if reuse and _unchanged(out, inputs, cache):
        progress("unchanged")
        return out / "site"
    release, result = _computed(data, progress)
    from . import package, site

    base = site.read_base_config(config)

    def write(staging: Path) -> None:
        progress("write")
        folder = staging / package.FOLDER
        package.write(release, result, folder, cache)
        progress("pages")
        site.write_docs(release, result, folder, staging / "docs", docs, cache)
        progress(engine)
        rendered = site.build(staging, site.config(release, base), package.epoch(release), engine)
        shutil.copytree(folder, rendered / package.FOLDER, dirs_exist_ok=True)

    publish.publish(out, write)
    _remember(out, inputs, cache)
    return out / "site"


STAND = "stand"  # the cache's folder for what each output was built from (by the output's path)


def _inputs(command: str, *paths: Path | None) -> str:
    """A digest of everything a build reads: the command, the release (and the docs and
    the configuration), sozmon and its packages, and SOURCE_DATE_EPOCH."""
    digest = hashlib.sha256(f"{command}\0{tool_version()}\0{os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
    for path in paths:
        digest.update(b"\0" + (tree_digest(path).encode() if path is not None and path.exists() else b"-"))
    return digest.hexdigest()


def _listing(out: Path) -> str:
    """Every file's path, size and modification time under `out` (quick: no file is read)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(out).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _remember(out: Path, inputs: str, cache: Cache) -> None:
    """Note in the cache (not in the output, which stays the same bytes) what `out` holds."""
    if cache.folder is not None:
        record = {"inputs": inputs, "output": _listing(out.resolve())}
        cache.put(STAND, _where(out), json.dumps(record).encode("utf-8"))


def _unchanged(out: Path, inputs: str, cache: Cache) -> bool:
    """True if `out` was built from `inputs` and nothing in it was changed since."""
    if cache.folder is None or not (out / publish.MARKER).is_file():
        return False
    record = cache.get(STAND, _where(out))
    try:
        return json.loads(record or b"") == {"inputs": inputs, "output": _listing(out.resolve())}
    except ValueError:
        return False


def _where(out: Path) -> str:
    return hashlib.sha256(str(out.resolve()).encode()).hexdigest()
