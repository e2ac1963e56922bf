"""Disclosure control: which counts are never published, decided before the index.

Primary suppression: a count with 0 < zaehler < `suppress_below` could identify a
family, whether it is an area's count or a group total (Stadtteil, Stadtbezirk, city).

Secondary suppression: the aggregates publish group totals, so a single blanked count
could be recovered by subtraction (total − Σ published parts). The rule, as the
Federal Employment Agency and city statistics offices apply it: **no published linear
equation has exactly one unknown.** For each indicator × year the equations are

    T_g = Σ x_a             over the counted areas a of group g, for every level, and
    T_U = Σ T_l + Σ x_a     for every lower group l nested in an upper group U, plus the
                            counted areas of U in no lower group (the city contains all).

Unknowns are blanked area counts and blanked totals. Until no equation has exactly one
unknown, the finest such equation blanks one more term: its published part with the
smallest zaehler > 0 (ties: the smaller id), or the total itself where no part can be
chosen. Zeros are never chosen: a zero is published and reveals nobody. Rows with only
a delivered rate are in no equation (their groups have no published total anyway).

The result only marks cells (`gesperrt`); `suppress.suppress` blanks them, and
`compute` keeps them out of the index, so that the index cannot reveal them either.

Limits: the choice is greedy, not the fewest cells (tau-ARGUS-style optimisation
would withhold less). It prevents exact recovery, not narrow bounds (interval
protection): where a withheld 1 and a withheld 3 are all that a published total
leaves, both are known to lie in 0..4, and choosing the smallest part keeps such sums
small. A Stadtteil that straddles a Bezirk border gets no nesting equation for the
Bezirke it touches. Indicators and years are independent here: a count that equals
another indicator's count, or a nenner that is another indicator's zaehler, is not
linked.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

import numpy as np
import pandas as pd

from .rates import LEVELS, has_counts

# Equation families from the finest to the coarsest: a cell blanked for a small group
# usually protects the larger groups too, so the fine equations are settled first.
_AREA_LEVELS = ("stadtteil", "stadtbezirk", "stadt")
_NESTED = (("stadtbezirk", "stadtteil"), ("stadt", "stadtteil"), ("stadt", "stadtbezirk"))
_AREA, _TOTAL = 0, 1   # node kinds; an area is chosen before a total of equal zaehler and id


def flags(
    rates: pd.DataFrame, aggregates: pd.DataFrame, areas: pd.DataFrame, suppress_below: float
) -> tuple[pd.Series, pd.Series]:
    """`gesperrt` for each row of `rates` and of `aggregates` (boolean, same index).

    `rates` as from `rates.indicator_rates`, `aggregates` as from `rates.aggregate`
    (its 'stadt' level holds all rows), `areas` gives the Stadtteil/Stadtbezirk of
    each area. `suppress_below` 0 (or 1) switches disclosure control off.
    """
    area_flags = _small(rates["zaehler"], suppress_below)
    total_flags = _small(aggregates["zaehler"], suppress_below)
    if area_flags.any() or total_flags.any():
        structure = _Structure(areas, set(aggregates["ebene"].astype("str")))
        _secondary(rates, aggregates, structure, area_flags, total_flags)
    return (pd.Series(pd.array(area_flags, dtype="boolean"), index=rates.index),
            pd.Series(pd.array(total_flags, dtype="boolean"), index=aggregates.index))


def _small(zaehler: pd.Series, limit: float) -> np.ndarray:
    """Primary: a delivered count in (0, limit), as a plain writable bool array."""
    z = zaehler.astype("Float64")
    return ((z > 0) & (z < limit)).fillna(False).to_numpy(dtype=bool).copy()


class _Structure:
    """Which group of each level an area belongs to, and which groups nest in which."""

    def __init__(self, areas: pd.DataFrame, levels: set[str]):
        self.levels = [lv for lv in LEVELS if lv in levels]
        self.group: dict[str, dict[str, str]] = {}
        for level in self.levels:
            if level == "stadt":
                continue
            pairs = pd.DataFrame({"a": areas["sozialraum_id"].astype("str"),
                                  "g": areas[level]}).dropna()
            self.group[level] = dict(zip(pairs["a"], pairs["g"].astype("str")))
        # (upper, lower) -> {lower group: the upper group containing all its areas, or
        # None where it straddles a border; then no upper group it touches gets the
        # equation T_U = Σ T_l, which would not hold}.
        self.parent: dict[tuple[str, str], dict[str, str | None]] = {}
        for upper, lower in _NESTED:
            if upper not in self.levels or lower not in self.levels:
                continue
            parents: dict[str, set] = defaultdict(set)
            for area, group in self.group[lower].items():
                parents[group].add(self.of(upper, area))
            self.parent[upper, lower] = {
                g: next(iter(p)) if len(p) == 1 and None not in p else None
                for g, p in parents.items()}

    def of(self, level: str, area: str) -> str | None:
        """The area's group at this level; every area lies in the city."""
        return "" if level == "stadt" else self.group[level].get(area)


def _secondary(
    rates: pd.DataFrame, aggregates: pd.DataFrame, structure: _Structure,
    area_flags: np.ndarray, total_flags: np.ndarray,
) -> None:
    """Extend the primary flags (in place) per indicator × year to the fixpoint."""
    counted = has_counts(rates["zaehler"], rates["nenner"]).to_numpy()
    cells = pd.DataFrame({
        "pos": np.arange(len(rates)), "area": rates["sozialraum_id"].astype("str").to_numpy(),
        "jahr": rates["jahr"].astype("int64").to_numpy(), "ind": rates["indikator_id"].astype("str").to_numpy(),
        "z": rates["zaehler"].astype(float).to_numpy(), "small": area_flags,
    })[counted]
    known = aggregates["zaehler"].notna().to_numpy()
    totals = pd.DataFrame({
        "pos": np.arange(len(aggregates)), "ebene": aggregates["ebene"].astype("str").to_numpy(),
        "gebiet": aggregates["gebiet"].astype("str").to_numpy(),
        "jahr": aggregates["jahr"].astype("int64").to_numpy(),
        "ind": aggregates["indikator_id"].astype("str").to_numpy(),
        "z": aggregates["zaehler"].astype(float).to_numpy(), "small": total_flags,
    })[known]
    # Only indicator × year blocks with a primary cell can need secondary cells.
    hit = pd.concat([cells.loc[cells["small"], ["ind", "jahr"]],
                     totals.loc[totals["small"], ["ind", "jahr"]]]).drop_duplicates()
    if hit.empty:
        return
    keys = pd.MultiIndex.from_frame(hit)
    cell_blocks = dict(list(cells[pd.MultiIndex.from_frame(cells[["ind", "jahr"]]).isin(keys)]
                            .groupby(["ind", "jahr"], sort=False)))
    total_blocks = dict(list(totals[pd.MultiIndex.from_frame(totals[["ind", "jahr"]]).isin(keys)]
                             .groupby(["ind", "jahr"], sort=False)))
    empty = totals.iloc[:0]
    for key in keys:
        block_cells = cell_blocks.get(key, cells.iloc[:0])
        block_totals = total_blocks.get(key, empty)
        block_cells, area_hit, block_totals, total_hit = _block(
            block_cells, block_totals, structure)
        area_flags[block_cells["pos"].to_numpy()[area_hit]] = True
        total_flags[block_totals["pos"].to_numpy()[total_hit]] = True


def _block(cells: pd.DataFrame, totals: pd.DataFrame, structure: _Structure):
    """Fixpoint for one indicator × year: which cells and totals end up suppressed.

    Nodes are the counted area cells (0..n−1) and the published totals (n..); returns
    `cells` and `totals` in node order, each with a boolean array of its flags.
    """
    # Node numbers follow ids, not row order, so the order of equations is fixed too.
    cells = cells.sort_values("area", kind="stable")
    totals = totals.sort_values(["ebene", "gebiet"], kind="stable")
    n = len(cells)
    areas = cells["area"].tolist()
    value = cells["z"].tolist() + totals["z"].tolist()
    sort_key = ([(_AREA, a) for a in areas]
                + [(_TOTAL, g) for g in totals["gebiet"].tolist()])
    suppressed = cells["small"].tolist() + totals["small"].tolist()
    total_node = {(lv, g): n + i for i, (lv, g)
                  in enumerate(zip(totals["ebene"].tolist(), totals["gebiet"].tolist()))}

    equations = _equations(areas, total_node, structure)
    containing: dict[int, list[int]] = defaultdict(list)
    for e, (total, parts) in enumerate(equations):
        for node in (total, *parts):
            containing[node].append(e)
    unknown = [suppressed[t] + sum(suppressed[p] for p in parts) for t, parts in equations]

    pending = [e for e, u in enumerate(unknown) if u == 1]   # ascending = finest first
    queued = set(pending)
    while pending:
        e = heapq.heappop(pending)
        queued.discard(e)
        if unknown[e] != 1:
            continue
        total, parts = equations[e]
        choice = [p for p in parts if not suppressed[p] and value[p] > 0]
        node = min(choice, key=lambda p: (value[p], sort_key[p])) if choice else total
        # With every part published the total is their sum, so some part is > 0 and the
        # total itself is only chosen while it is still published.
        assert not suppressed[node]
        suppressed[node] = True
        for f in containing[node]:
            unknown[f] += 1
            if unknown[f] == 1 and f not in queued:
                heapq.heappush(pending, f)
                queued.add(f)
    flags = np.array(suppressed, dtype=bool)
    return cells, flags[:n], totals, flags[n:]


def _equations(
    areas: list[str], total_node: dict[tuple[str, str], int], structure: _Structure
) -> list[tuple[int, list[int]]]:
    """Every published equation (total node, part nodes), finest family first."""
    city = next((g for lv, g in total_node if lv == "stadt"), None)
    group = {lv: [structure.of(lv, a) for a in areas] for lv in structure.levels}
    # The published total of each area's group per level (None: none published).
    total = {lv: [total_node.get((lv, city if lv == "stadt" else g)) if g is not None else None
                  for g in groups] for lv, groups in group.items()}
    equations: list[tuple[int, list[int]]] = []
    for level in _AREA_LEVELS:
        if level not in structure.levels:
            continue
        members: dict[int, list[int]] = defaultdict(list)
        for i, t in enumerate(total[level]):
            if t is not None:
                members[t].append(i)
        equations += sorted(members.items())
    for upper, lower in _NESTED:
        parent = structure.parent.get((upper, lower))
        if parent is None:
            continue
        parts: dict[int, set[int]] = defaultdict(set)
        broken: set[int] = set()
        for i, t in enumerate(total[upper]):
            if t is None:
                continue
            g = group[lower][i]
            if g is None:
                parts[t].add(i)
            elif parent[g] is None:
                broken.add(t)
            elif total[lower][i] is not None:
                # A lower group without a published total has no counted cell (a
                # rate-only area would leave the upper total unknown too): it adds 0.
                parts[t].add(total[lower][i])
        equations += [(t, sorted(p)) for t, p in sorted(parts.items()) if t not in broken]
    return [(t, p) for t, p in equations if p]
