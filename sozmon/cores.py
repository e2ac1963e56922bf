"""Work spread over one fresh process per core (the chart pictures, the PDFs)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor


def spread(function: Callable, jobs: list, workers: int | None = None, at_least: int = 2) -> list:
    """`function(job)` for each job, in order, on all cores; fewer than `at_least` jobs run
    here (starting the processes would cost more).

    Fresh ("spawn") processes: vl-convert and typst run threads, and a forked copy of a
    process with threads can hang.
    """
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers <= 1 or len(jobs) < at_least:
        return [function(job) for job in jobs]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(function, jobs, chunksize=max(1, len(jobs) // (workers * 8))))
