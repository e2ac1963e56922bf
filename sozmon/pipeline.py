"""The pipeline as a Python API: load → check → compute → publish.

The command line is a thin layer over these functions; they take paths but print
nothing: progress goes to the `progress` callback.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from . import check as check_module
from . import load, package, publish
from .compute import compute
from .compute.certainty import assess
from .compute.suppress import suppress
from .model import Release, Result
from .problems import Problem, ReleaseError, errors, sort

Progress = Callable[[str], None]


def _quiet(step: str) -> None:
    """Default progress callback: report nothing."""


def open_release(data: Path) -> tuple[Release | None, list[Problem]]:
    """The typed release if it has no errors, and every problem found in it."""
    raw, problems = load.read(data)
    if raw is not None:
        problems += check_module.check(raw)
    problems = sort(problems)
    if raw is None or errors(problems):
        return None, problems
    return load.typed(raw), problems


def results(release: Release) -> Result:
    """What may be published: the computed tables after disclosure control, with how
    sure they are (assessed from the published cells only)."""
    return assess(release, suppress(compute(release), release.settings))


def _computed(data: Path, progress: Progress) -> tuple[Release, Result]:
    """The release and its publishable results, or ReleaseError with every problem."""
    progress("load")
    release, problems = open_release(data)
    if release is None:
        raise ReleaseError(problems)
    progress("compute")
    return release, results(release)


def build(data: Path, out: Path, progress: Progress = _quiet) -> Result:
    """Check, compute and write; the previous output stays untouched on any failure."""
    release, result = _computed(data, progress)
    progress("write")
    publish.publish(out, lambda staging: package.write(release, result, staging / package.FOLDER))
    return result


def build_site(
    data: Path,
    out: Path,
    docs: Path | None = None,
    config: Path | None = None,
    progress: Progress = _quiet,
    engine: str = "mkdocs",
) -> Path:
    """Everything `build` does, plus the static site in OUT/site, built by `engine`
    ("mkdocs" or "zensical", see engines.py); all or nothing."""
    from . import site

    release, result = _computed(data, progress)
    base = site.read_base_config(config)

    def write(staging: Path) -> None:
        progress("write")
        folder = staging / package.FOLDER
        package.write(release, result, folder)
        progress("pages")
        site.write_docs(release, result, folder, staging / "docs", docs)
        progress(engine)
        rendered = site.build(staging, site.config(release, base), package.epoch(release), engine)
        shutil.copytree(folder, rendered / package.FOLDER, dirs_exist_ok=True)

    publish.publish(out, write)
    return out / "site"
