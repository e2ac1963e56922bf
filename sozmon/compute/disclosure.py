"""Disclosure control: which counts are never published, decided before the index.

A *count* is one number of the release: a definition of the catalogue (`indikatoren`,
columns `zaehler` and `nenner`) in one area and year. Indicators that name the same
definition share the count, e.g. "Einwohner unter 18 Jahren" as one indicator's zaehler
and another's nenner, or one zaehler in two indicators: it is published in each of
them, so it is protected as ONE cell. Definitions are compared after Unicode NFC,
stripped, with inner whitespace collapsed and case folded ("Personen  unter 15" =
"personen unter 15"); an empty definition is the indicator's own and shared with nobody.

Primary suppression: a count with 0 < count < `suppress_below` could identify a
family, whether it is an area's count or a group total (Stadtteil, Stadtbezirk, city).
This holds for a definition that is some indicator's zaehler (a count of a trait),
wherever it is published, so also where it is another indicator's nenner. A definition
that is only ever a nenner is the size of a population: it is never withheld.

Secondary suppression: the aggregates publish group totals of zaehler and nenner, so a
single blanked count could be recovered by subtraction (total − Σ published parts). The
rule, as the Federal Employment Agency and city statistics offices apply it: **no
published linear equation has exactly one unknown.** For each count × year the
equations are the union over every indicator that holds it (as zaehler or as nenner):

    T_g = Σ x_a             over the areas a of group g that the indicator counts, for
                            every level,
    T_U = Σ T_l + Σ x_a     for every lower group l nested in an upper group U, plus the
                            counted areas of U in no lower group (the city contains all),
    T_g − T'_g = Σ x_a − Σ x_b   where two indicators' totals of one group sum different
                            areas (one of them has no row for an area): the difference.

Totals of one group over the same areas are one total, whichever indicator publishes
them. Unknowns are withheld counts and totals. Until no equation has exactly one
unknown, the finest such equation withholds one more term: its published part with the
smallest count > 0 (ties: the smaller id), or else a published total (the smallest > 0).
Zeros are never chosen: a zero is published and reveals nobody. Rows with only a
delivered rate are in no equation (their groups have no published total anyway).
Where the sums nest, as within one indicator, that is enough: no combination of them
can then solve for a withheld count. The areas of several indicators need not nest (one
has no row for an area), so each result is also checked by linear algebra (is a
withheld count the same in every solution of the equations?), and one more term of
that count's equations is withheld until none is.

A withheld count is blanked wherever it is published. As an indicator's zaehler:
zaehler, value and z-score of that row (`gesperrt`). As an indicator's nenner: nenner,
value and z-score (`nenner_gesperrt`), because the value and the zaehler would give the
nenner back. That row's zaehler stays: it is a count of its own with its own
protection, and with value and nenner blank it says only that the nenner is at least as
large, which any zaehler says. Totals alike: the value goes with either total. The
result only marks cells; `suppress.suppress` blanks them, and `compute` keeps them out
of the index, so that the index cannot reveal them either.

Limits: the choice is greedy, not the fewest cells (tau-ARGUS-style optimisation
would withhold less). It prevents exact recovery, not narrow bounds (interval
protection): where a withheld 1 and a withheld 3 are all that a published total
leaves, both are known to lie in 0..4, and choosing the smallest part keeps such sums
small. A Stadtteil that straddles a Bezirk border gets no nesting equation for the
Bezirke it touches. Counts are linked only by their definition text: a count that is
the sum of others (Einwohner = unter 18 + ab 18) or the same count worded differently
is not linked; counts that differ under one definition are still one cell (withheld
together; the smaller decides the choice). Years are independent.
"""

from __future__ import annotations

import heapq
import unicodedata
from collections import defaultdict
from itertools import combinations

import numpy as np
import pandas as pd

from .rates import LEVELS, has_counts

# Equation families from the finest to the coarsest: a cell blanked for a small group
# usually protects the larger groups too, so the fine equations are settled first.
_AREA_LEVELS = ("stadtteil", "stadtbezirk", "stadt")
_NESTED = (("stadtbezirk", "stadtteil"), ("stadt", "stadtteil"), ("stadt", "stadtbezirk"))
_AREA, _TOTAL = 0, 1  # node kinds; an area is chosen before a total of equal count and id
ROLES = ("zaehler", "nenner")
FLAGS = ("gesperrt", "nenner_gesperrt")  # the row's zaehler / its nenner is withheld


def definition(text) -> str:
    """A catalogue definition as compared: NFC, stripped, whitespace collapsed, casefolded."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def count_keys(indicators: pd.DataFrame) -> dict[tuple[str, str], tuple]:
    """(indikator_id, 'zaehler' | 'nenner') -> the key of the count it publishes.

    Equal definitions give equal keys; an empty one gives the indicator's own key.
    """
    keys = {}
    catalogue = indicators.drop_duplicates("indikator_id")
    for iid, *texts in catalogue[["indikator_id", *ROLES]].itertuples(index=False):
        for role, text in zip(ROLES, texts):
            text = definition(text)
            keys[str(iid), role] = ("def", text) if text else ("own", str(iid), role)
    return keys


def flags(
    rates: pd.DataFrame,
    aggregates: pd.DataFrame,
    areas: pd.DataFrame,
    indicators: pd.DataFrame,
    suppress_below: float,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """FLAGS for each row of `rates` and of `aggregates` (boolean frames, same index).

    `gesperrt`: the row's zaehler is withheld; `nenner_gesperrt`: its nenner is, as a
    count shared with a withheld zaehler. Either one withholds the value too.
    `rates` as from `rates.indicator_rates`, `aggregates` as from `rates.aggregate`
    (its 'stadt' level holds all rows), `areas` gives the Stadtteil/Stadtbezirk of
    each area, `indicators` the definitions. `suppress_below` 0 (or 1) switches
    disclosure control off.
    """
    keys = count_keys(indicators)
    cells = _entries(rates, keys, suppress_below, counted=has_counts(rates["zaehler"], rates["nenner"]))
    totals = _entries(aggregates, keys, suppress_below)
    cell_flags = np.zeros((len(rates), 2), dtype=bool)
    total_flags = np.zeros((len(aggregates), 2), dtype=bool)
    if cells["small"].any() or totals["small"].any():
        structure = _Structure(areas, set(aggregates["ebene"].astype("str")))
        _secondary(cells, totals, structure, cell_flags, total_flags)
    return _frame(cell_flags, rates.index), _frame(total_flags, aggregates.index)


def _frame(hit: np.ndarray, index: pd.Index) -> pd.DataFrame:
    return pd.DataFrame({name: pd.array(hit[:, i], dtype="boolean") for i, name in enumerate(FLAGS)}, index=index)


def _entries(frame: pd.DataFrame, keys: dict, limit: float, counted: pd.Series | None = None) -> pd.DataFrame:
    """One row per published count of a trait: the frame's zaehler, and its nenner where
    that definition is some indicator's zaehler. `small` marks the primary cells."""
    traits = {k for (_, role), k in keys.items() if role == "zaehler"}
    ids = frame["indikator_id"].astype("str").to_numpy()
    parts = []
    for r, role in enumerate(ROLES):
        key = [keys.get((i, role), ("own", i, role)) for i in ids]
        value = frame[role].astype("Float64")
        part = pd.DataFrame(
            {
                "pos": np.arange(len(frame)),
                "role": r,
                "ind": ids,
                "key": key,
                "jahr": frame["jahr"].astype("int64").to_numpy(),
                "value": value.astype(float).to_numpy(),
            }
        )
        if "ebene" in frame:
            part["ebene"] = frame["ebene"].astype("str").to_numpy()
            part["gebiet"] = frame["gebiet"].astype("str").to_numpy()
        else:
            part["area"] = frame["sozialraum_id"].astype("str").to_numpy()
            part["counted"] = counted.to_numpy()
        parts.append(part[value.notna().to_numpy() & np.array([k in traits for k in key], dtype=bool)])
    out = pd.concat(parts, ignore_index=True)
    out["small"] = (out["value"] > 0) & (out["value"] < limit)
    return out


class _Structure:
    """Which group of each level an area belongs to, and which groups nest in which."""

    def __init__(self, areas: pd.DataFrame, levels: set[str]):
        self.levels = [lv for lv in LEVELS if lv in levels]
        self.group: dict[str, dict[str, str]] = {}
        for level in self.levels:
            if level == "stadt":
                continue
            pairs = pd.DataFrame({"a": areas["sozialraum_id"].astype("str"), "g": areas[level]}).dropna()
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
                g: next(iter(p)) if len(p) == 1 and None not in p else None for g, p in parents.items()
            }

    def of(self, level: str, area: str) -> str | None:
        """The area's group at this level; every area lies in the city."""
        return "" if level == "stadt" else self.group[level].get(area)


def _secondary(
    cells: pd.DataFrame,
    totals: pd.DataFrame,
    structure: _Structure,
    cell_flags: np.ndarray,
    total_flags: np.ndarray,
) -> None:
    """Extend the primary flags (in place) per count × year to the fixpoint."""
    # Only count × year blocks with a primary cell can need secondary cells.
    hit = {
        (k, y)
        for frame in (cells, totals)
        for k, y in zip(frame.loc[frame["small"], "key"], frame.loc[frame["small"], "jahr"])
    }

    def in_hit(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[np.array([b in hit for b in zip(frame["key"], frame["jahr"])], dtype=bool)]

    cells, totals = in_hit(cells), in_hit(totals)
    cell_blocks = {b: g for b, g in cells.groupby(["key", "jahr"], sort=False)}
    total_blocks = {b: g for b, g in totals.groupby(["key", "jahr"], sort=False)}
    for block in hit:
        block_cells = cell_blocks.get(block, cells.iloc[:0])
        block_totals = total_blocks.get(block, totals.iloc[:0])
        area_hit, total_hit = _block(block_cells, block_totals, structure)
        cell_flags[block_cells["pos"].to_numpy(), block_cells["role"].to_numpy()] |= area_hit
        total_flags[block_totals["pos"].to_numpy(), block_totals["role"].to_numpy()] |= total_hit


def _block(cells: pd.DataFrame, totals: pd.DataFrame, structure: _Structure):
    """Fixpoint for one count × year: which of its entries end up withheld.

    Nodes are the areas holding the count (0..n−1) and the distinct totals (n..);
    returns a boolean array per entry of `cells` and of `totals`, in their row order.
    """
    # Node numbers follow ids, not row order, so the order of equations is fixed too.
    areas = sorted(set(cells["area"]))
    n = len(areas)
    node_of = {a: i for i, a in enumerate(areas)}
    by_area = cells.groupby("area")
    value = by_area["value"].min().reindex(areas).tolist()
    suppressed = by_area["small"].any().reindex(areas).tolist()
    sort_key: list[tuple] = [(_AREA, a) for a in areas]

    # The areas each holder (indicator × role) counts; a total sums its group's share.
    counted = cells[cells["counted"]]
    holders = {h: sorted(g["area"]) for h, g in counted.groupby(["ind", "role"], sort=True)}
    grouped: dict[tuple[str, str, str], dict] = {}  # (ind, role, level) -> {group: its areas, in order}

    def members(ind: str, role: str, level: str, group: str) -> tuple:
        if (ind, role, level) not in grouped:  # one pass per holder and level, not one per total
            by_group = defaultdict(list)
            for a in holders.get((ind, role), []):
                by_group[group if level == "stadt" else structure.of(level, a)].append(a)
            grouped[ind, role, level] = {g: tuple(m) for g, m in by_group.items()}
        return grouped[ind, role, level].get(group, ())

    entry_key = [
        (level, group, members(ind, role, level, group))
        for ind, role, level, group in zip(totals["ind"], totals["role"], totals["ebene"], totals["gebiet"])
    ]
    distinct = sorted(set(entry_key))
    total_of = {k: n + i for i, k in enumerate(distinct)}
    entry_node = [total_of[k] for k in entry_key]
    per_node = pd.DataFrame(
        {"node": entry_node, "value": totals["value"].to_numpy(), "small": totals["small"].to_numpy(dtype=bool)}
    ).groupby("node")
    value += per_node["value"].min().reindex(range(n, n + len(distinct))).tolist()
    suppressed += per_node["small"].any().reindex(range(n, n + len(distinct))).tolist()
    sort_key += [(_TOTAL, g, lv, m) for lv, g, m in distinct]

    own = defaultdict(dict)  # holder -> {(level, group): its total's node}
    for ind, role, (lv, g, _), node in zip(totals["ind"], totals["role"], entry_key, entry_node):
        own[ind, role][lv, g] = node
    equations, matrix = _system(holders, own, node_of, distinct, n, structure)
    containing: dict[int, list[int]] = defaultdict(list)
    for e, (ts, parts) in enumerate(equations):
        for node in (*ts, *parts):
            containing[node].append(e)
    _settle(equations, containing, suppressed, value, sort_key)
    _complete(equations, containing, matrix, suppressed, value, sort_key, n)
    flags = np.array(suppressed, dtype=bool)
    return (flags[[node_of[a] for a in cells["area"]]], flags[entry_node] if entry_node else np.zeros(0, dtype=bool))


def _system(holders: dict, own: dict, node_of: dict, distinct: list, n: int, structure: _Structure):
    """The union of every holder's equations, finest family first, as (total nodes, part
    nodes), and the same as rows of a matrix (Σ coefficient × node = 0)."""
    found: set[tuple[int, tuple[int, ...], tuple[int, ...], tuple[int, ...]]] = set()
    for holder, members in holders.items():
        for family, total, parts in _equations(members, [node_of[a] for a in members], own.get(holder, {}), structure):
            found.add((family, (total,), parts, ()))
    same_group = defaultdict(list)
    for i, (lv, g, m) in enumerate(distinct):
        same_group[lv, g].append((n + i, set(m)))
    for totals in same_group.values():
        for (t1, m1), (t2, m2) in combinations(totals, 2):
            # T1 − T2 = Σ (m1 \ m2) − Σ (m2 \ m1)
            found.add(
                (
                    2 * _AREA_LEVELS.index(lv) + 1,
                    (t1, t2),
                    tuple(sorted(node_of[a] for a in m1 - m2)),
                    tuple(sorted(node_of[a] for a in m2 - m1)),
                )
            )
    ordered = sorted(found)
    matrix = np.zeros((len(ordered), n + len(distinct)))
    for e, (_, t, p, q) in enumerate(ordered):
        matrix[e, list(t)] = [1.0, -1.0][: len(t)]
        matrix[e, list(p)] -= 1.0
        matrix[e, list(q)] += 1.0
    return [(t, (*p, *q)) for _, t, p, q in ordered], matrix


def _complete(
    equations, containing, matrix: np.ndarray, suppressed: list[bool], value: list[float], sort_key: list, n: int
) -> None:
    """Withhold more (in place) until no withheld node follows from any combination.

    Within one indicator the summed areas nest, and no equation with one unknown means
    that no withheld count can be solved for. Several indicators' areas need not nest
    (one lacks a row), so a combination of equations may still solve one. Then one more
    published term of its equations is withheld (a count > 0 or a total): the smallest
    that makes it unsolvable, else the smallest; and the greedy rule settles again.
    """
    while solved := _solvable(matrix, suppressed):
        target = min(solved, key=lambda u: sort_key[u])
        near = [q for e in containing[target] for q in (*equations[e][0], *equations[e][1])]
        if all(suppressed[q] for q in near):
            near = [q for ts, parts in equations if any(suppressed[x] for x in (*ts, *parts)) for q in (*ts, *parts)]
        candidates = sorted(
            {q for q in near if not suppressed[q] and (q >= n or value[q] > 0)}, key=lambda q: (value[q], sort_key[q])
        )
        if not candidates:
            return  # solved by withheld terms alone: only where one count's values disagree
        choice = next(
            (
                q
                for q in candidates[:_TRIES]
                if target not in _solvable(matrix, [x or i == q for i, x in enumerate(suppressed)])
            ),
            candidates[0],
        )
        suppressed[choice] = True
        _settle(equations, containing, suppressed, value, sort_key)


_TRIES = 20  # candidates tried one by one before simply taking the smallest


def _settle(equations, containing, suppressed: list[bool], value: list[float], sort_key: list) -> None:
    """The greedy rule (in place): until no equation has exactly one unknown, withhold
    one more term of the finest such equation."""
    unknown = [sum(suppressed[x] for x in (*ts, *parts)) for ts, parts in equations]
    pending = [e for e, u in enumerate(unknown) if u == 1]  # ascending = finest first
    queued = set(pending)
    while pending:
        e = heapq.heappop(pending)
        queued.discard(e)
        if unknown[e] != 1:
            continue
        ts, parts = equations[e]
        choice = (
            [p for p in parts if not suppressed[p] and value[p] > 0]
            or [t for t in ts if not suppressed[t] and value[t] > 0]
            or [t for t in ts if not suppressed[t]]
        )
        if not choice:
            continue  # only zeros besides the unknown: it is a zero, never withheld
        node = min(choice, key=lambda p: (value[p], sort_key[p]))
        suppressed[node] = True
        for f in containing[node]:
            unknown[f] += 1
            if unknown[f] == 1 and f not in queued:
                heapq.heappush(pending, f)
                queued.add(f)


def _solvable(matrix: np.ndarray, suppressed: list[bool]) -> list[int]:
    """The withheld nodes in some equation whose value follows from the published ones:
    those on which every solution of the homogeneous system agrees (zero there in every
    vector of the null space of the unknowns' columns)."""
    columns = [i for i, x in enumerate(suppressed) if x and matrix[:, i].any()]
    if not columns:
        return []
    sub = matrix[:, columns]
    sub = sub[sub.any(axis=1)]  # an equation without unknowns constrains none
    _, sv, vt = np.linalg.svd(sub, full_matrices=len(sub) < len(columns))
    rank = int((sv > 1e-9 * max(1.0, sv[0] if len(sv) else 0.0)).sum())
    null = vt[rank:]
    return [u for j, u in enumerate(columns) if not len(null) or np.abs(null[:, j]).max() < 1e-9]


def _equations(
    areas: list[str],
    nodes: list[int],
    total_node: dict[tuple[str, str], int],
    structure: _Structure,
) -> list[tuple[int, int, tuple[int, ...]]]:
    """One indicator's published equations (family, total node, part nodes); `nodes`
    are the node numbers of its counted `areas`. Families: 0, 2, 4 the area sums per
    level (odd numbers: the differences between indicators), 6.. the nestings."""
    city = next((g for lv, g in total_node if lv == "stadt"), None)
    group = {lv: [structure.of(lv, a) for a in areas] for lv in structure.levels}
    # The published total of each area's group per level (None: none published).
    total = {
        lv: [total_node.get((lv, city if lv == "stadt" else g)) if g is not None else None for g in groups]
        for lv, groups in group.items()
    }
    equations: list[tuple[int, int, tuple[int, ...]]] = []
    for f, level in enumerate(_AREA_LEVELS):
        if level not in structure.levels:
            continue
        members: dict[int, list[int]] = defaultdict(list)
        for i, t in enumerate(total[level]):
            if t is not None:
                members[t].append(nodes[i])
        equations += [(2 * f, t, tuple(sorted(p))) for t, p in members.items()]
    for f, (upper, lower) in enumerate(_NESTED):
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
                parts[t].add(nodes[i])
            elif parent[g] is None:
                broken.add(t)
            elif total[lower][i] is not None:
                # A lower group without a published total has no counted cell (a
                # rate-only area would leave the upper total unknown too): it adds 0.
                parts[t].add(total[lower][i])
        equations += [(6 + f, t, tuple(sorted(p))) for t, p in parts.items() if t not in broken]
    return [(f, t, p) for f, t, p in equations if p]
