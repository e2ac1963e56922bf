"""How sure the published numbers are: the third step after compute and suppress.

    published Result ─▶ bootstrap of the counts ─▶ value and rank intervals, class probabilities
                     ─▶ method variants        ─▶ rank range per area, Sobol indices
                     ─▶ local/global Moran's I ─▶ spatial clusters

It reads only the published cells (`im_index` after `suppress`), so no interval or
probability depends on a withheld count. Pure and seeded: the same release gives the
same tables, byte for byte (README, "Wie sicher die Zahlen sind").
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Release, Result
from . import bootstrap, clusters, sensitivity
from .engine import area_ids

__all__ = ["assess", "area_ids"]


def assess(release: Release, result: Result) -> Result:
    """`result` with its certainty tables (contract.UNCERTAINTY, …) filled in."""
    tables = {}
    tables.update(bootstrap.assess(release, result))
    tables.update(sensitivity.assess(release, result))
    tables.update(clusters.assess(release, result))
    return replace(result, certainty=tables)
