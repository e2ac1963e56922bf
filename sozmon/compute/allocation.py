"""Allocation keys: a budget split between the areas by need, to the cent. Pure.

For every year in which the need has classes, each area gets *points* and the budget is
split in proportion to them (docs/einstellungen.md, "Verteilungsschlüssel"):

    weighted_population   points = weight of the area's class × its population
    shares                points = Σ share × the area's count / the count of all
                          eligible areas (in percent of the budget), e.g. 75 % by
                          children in SGB II, 25 % by children of another family language
    rate_per_band         points = euros per head of the class × population; with a
                          budget they are scaled to it, without one they are the amounts

Only eligible areas get points (their class is eligible; every area with a class if no
eligibility is set). A floor lifts every eligible area to at least the floor, a cap
limits every area, and damping keeps an area that had an amount last year and is still
eligible within ± damping % of that amount. What a floor, cap or damping takes or frees
is redistributed in proportion to the points of the other areas until nothing changes:
exactly, the amount of area i is

    amount_i = min(hi_i, max(lo_i, λ × points_i)),   λ such that Σ amount_i = budget,

with lo_i the floor (or the damping's lower bound), hi_i the cap (or its upper bound).
λ is found on the sorted break points, in exact fractions. A floor or cap that the
budget cannot meet is a problem for the year the key is decided for; an earlier year
(computed for comparison and for damping) is then left out with a warning. Damping
that the budget cannot meet is not applied in that year.

Euros are rounded to cents by the largest remainder: every amount is rounded down,
and the cents still missing to the budget go one each to the areas with the largest
remainders (ties: the smaller sozialraum_id), so the sum is the budget to the cent.

Disclosure control: a count withheld from publication (`gesperrt`, or a withheld nenner)
does not enter: the area's population is unknown, it gets no points from it (it can
still get a floor or its damping bounds, which do not depend on that count), and `grund`
says why. So no amount is a function of a withheld count. Neither is any total: the
shares formula sums only published counts.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd

from .. import contract
from ..allocation import SHARES, AllocationSpec, Count, money
from ..problems import Problem, problem
from ..settings import FILENAME

COLUMNS = contract.OUTPUT[contract.ALLOCATION_VALUES].columns
# grund: why an area's points are 0 (or a count is left out); begrenzung: which bound holds
NO_CLASS, NOT_ELIGIBLE, WITHHELD, NOT_DELIVERED, ZERO_WEIGHT, NO_HEADS = (
    "keine_klasse",
    "nicht_berechtigt",
    "gesperrt",
    "keine_zahl",
    "gewicht_null",
    "keine_bevoelkerung",
)
# An earlier year that cannot be computed is left out with a warning (code by reason).
SKIPPED = {
    "allocation-floor-budget": "allocation-skipped-floor",
    "allocation-cap-budget": "allocation-skipped-cap",
    "allocation-nobody": "allocation-skipped-nobody",
}
FLOOR, CAP, DAMPED_LOW, DAMPED_HIGH = "mindestbetrag", "hoechstbetrag", "daempfung_unten", "daempfung_oben"


def allocate(
    spec: AllocationSpec, need: pd.DataFrame, counts: pd.DataFrame, areas: list[str], years: list[int]
) -> tuple[pd.DataFrame, list[Problem]]:
    """The key's rows (contract `verteilung`) for every year it can be computed, and
    the problems of the years it cannot.

    need    sozialraum_id, jahr, klasse: the class (or type) of each area and year in
            the need's source; ignored without a need (shares only)
    counts  sozialraum_id, jahr, indikator_id, zaehler, nenner, zaehler_gesperrt,
            nenner_gesperrt: the counts with their disclosure flags (compute.disclosure)
    areas   every area of the release
    years   the release's years
    """
    decided = spec.year or max(years)
    classes = _classes(need) if spec.need is not None else {}
    lookup = _counts(counts, spec.counts())
    rows: list[dict] = []
    problems: list[Problem] = []
    skipped: dict[tuple[str, str], list[int]] = {}  # earlier years without a key, by reason
    previous: dict[str, Fraction] | None = None
    for year in sorted(years):
        if spec.need is not None and not classes.get(year):
            if year == decided:
                problems.append(_problem(spec, "allocation-no-need-year", "need", year, source=spec.need.source))
            previous = None
            continue
        found, issue = _year(spec, year, classes.get(year, {}), lookup, sorted(areas), previous)
        if issue is not None:
            code, field, params = issue
            if year == decided:
                problems.append(_problem(spec, code, field, year, **params))
            else:
                skipped.setdefault((code, field), []).append(year)
            previous = None
            continue
        rows += found
        previous = {r["sozialraum_id"]: Fraction(round(r["betrag"] * 100), 100) for r in found}
    for (code, field), skipped_years in skipped.items():
        problems.append(_problem(spec, SKIPPED[code], field, _years(skipped_years), "warning"))
    return _typed(pd.DataFrame(rows, columns=COLUMNS)), problems


def empty_allocations() -> pd.DataFrame:
    """The allocation rows of a release without allocation keys."""
    return _typed(pd.DataFrame(columns=COLUMNS))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    numbers = ("gewicht", "bevoelkerung", "punkte", "betrag_roh", "betrag", "anteil")
    types = {"jahr": "Int64", "berechtigt": "boolean", "daempfung": "boolean", **dict.fromkeys(numbers, "Float64")}
    return frame.astype(types)


def _classes(need: pd.DataFrame) -> dict[int, dict[str, str]]:
    known = need.dropna(subset=["klasse"])
    out: dict[int, dict[str, str]] = {}
    for area, year, label in zip(known["sozialraum_id"], known["jahr"], known["klasse"]):
        out.setdefault(int(year), {})[str(area)] = str(label)
    return out


def _counts(counts: pd.DataFrame, used: list[Count]) -> dict[tuple, tuple[float | None, str | None]]:
    """(indicator, count, area, year) → (value, None), or (None, reason) where the
    count is withheld from publication or not delivered."""
    wanted = {c.indicator_id for c in used}
    rows = counts[counts["indikator_id"].isin(wanted)]
    out = {}
    for r in rows.itertuples(index=False):
        for kind, flag in (("zaehler", r.zaehler_gesperrt), ("nenner", r.nenner_gesperrt)):
            value = getattr(r, kind)
            if bool(flag) if not pd.isna(flag) else False:
                entry = (None, WITHHELD)
            elif pd.isna(value):
                entry = (None, NOT_DELIVERED)
            else:
                entry = (float(value), None)
            out[(r.indikator_id, kind, str(r.sozialraum_id), int(r.jahr))] = entry
    return out


def _count(lookup: dict, count: Count, area: str, year: int) -> tuple[float | None, str | None]:
    return lookup.get((count.indicator_id, count.count, area, year), (None, NOT_DELIVERED))


def _year(
    spec: AllocationSpec,
    year: int,
    classes: dict[str, str],
    lookup: dict,
    areas: list[str],
    previous: dict[str, Fraction] | None,
) -> tuple[list[dict], tuple | None]:
    """One year's key, or the reason it cannot be computed (code, field, params)."""
    rows = []
    for area in areas:
        label = classes.get(area) if spec.need is not None else None
        eligible = spec.need is None or (label is not None and (spec.eligible is None or label in spec.eligible))
        row = {"verteilung_id": spec.id, "jahr": year, "sozialraum_id": area, "bedarf": label, "berechtigt": eligible}
        row["gewicht"] = spec.weight_of(label) if spec.formula != SHARES else None
        reasons = []
        if spec.need is not None and label is None:
            reasons.append(NO_CLASS)
        elif not eligible:
            reasons.append(NOT_ELIGIBLE)
        if spec.formula != SHARES:
            heads, missing = _count(lookup, spec.population, area, year)
            row["bevoelkerung"] = heads
            if eligible:
                reasons += [missing] if missing else []
                if missing is None and row["gewicht"] == 0:
                    reasons.append(ZERO_WEIGHT)
                elif missing is None and heads == 0:
                    reasons.append(NO_HEADS)
        else:
            row["bevoelkerung"] = None
        row["_reasons"] = reasons
        rows.append(row)
    points = _points(spec, rows, lookup, year)
    total = sum(points.values(), Fraction(0))
    budget = money(spec.budget) if spec.budget is not None else total
    floor = money(spec.floor) if spec.floor else Fraction(0)
    cap = money(spec.cap) if spec.cap is not None else None
    lo = {r["sozialraum_id"]: floor if r["berechtigt"] else Fraction(0) for r in rows}
    hi = {r["sozialraum_id"]: (cap if r["berechtigt"] else Fraction(0)) for r in rows}
    issue = _feasible(spec, budget, points, lo, hi)
    if issue is not None:
        return [], issue
    sources = {a: (FLOOR if lo[a] > 0 else None, CAP if hi[a] is not None else None) for a in lo}
    damped: set[str] = set()
    if spec.damping is not None and previous is not None:
        d = money(spec.damping) / 100
        lo_d, hi_d = dict(lo), dict(hi)
        for r in rows:
            area = r["sozialraum_id"]
            before = previous.get(area, Fraction(0))
            if r["berechtigt"] and before > 0:
                damped.add(area)
                lo_d[area] = max(lo[area], before * (1 - d))
                hi_d[area] = before * (1 + d) if hi[area] is None else min(hi[area], before * (1 + d))
                lo_d[area] = min(lo_d[area], hi_d[area])
        if _feasible(spec, budget, points, lo_d, hi_d) is None:
            for area in damped:
                low = DAMPED_LOW if lo_d[area] != lo[area] else sources[area][0]
                high = DAMPED_HIGH if hi_d[area] != hi[area] else sources[area][1]
                sources[area] = (low, high)
            lo, hi = lo_d, hi_d
        else:
            damped = set()
    amounts, rate = solve(budget, points, lo, hi)
    cents = round_cents(amounts, _cents(budget))
    for r in rows:
        area = r["sozialraum_id"]
        p, exact = points[area], amounts[area]
        r["punkte"] = float(p)
        r["betrag_roh"] = float(budget * p / total) if total > 0 else 0.0
        bound = None
        if exact > rate * p and exact > 0:
            bound = sources[area][0]
        elif exact < rate * p:
            bound = sources[area][1]
        r["begrenzung"] = bound
        r["daempfung"] = area in damped
        r["betrag"] = cents[area] / 100
        r["anteil"] = float(Fraction(cents[area], 100) / budget * 100) if budget > 0 else 0.0
        r["grund"] = ";".join(dict.fromkeys(r.pop("_reasons"))) or None
    return rows, None


def _points(spec: AllocationSpec, rows: list[dict], lookup: dict, year: int) -> dict[str, Fraction]:
    """Each area's points (0 where it is not eligible or its count is unknown)."""
    if spec.formula != SHARES:
        out = {}
        for r in rows:
            ok = r["berechtigt"] and r["bevoelkerung"] is not None and r["gewicht"]
            out[r["sozialraum_id"]] = money(r["gewicht"]) * Fraction(r["bevoelkerung"]) if ok else Fraction(0)
        return out
    out = {r["sozialraum_id"]: Fraction(0) for r in rows}
    for count, percent in spec.shares:
        known = {}
        for r in rows:
            value, missing = _count(lookup, count, r["sozialraum_id"], year)
            if not r["berechtigt"]:
                continue
            if missing:
                r["_reasons"].append(missing)
            else:
                known[r["sozialraum_id"]] = Fraction(value)
        total = sum(known.values(), Fraction(0))
        if total > 0:
            for area, value in known.items():
                out[area] += money(percent) * value / total
    for r in rows:
        if r["berechtigt"] and out[r["sozialraum_id"]] == 0 and not r["_reasons"]:
            r["_reasons"].append(NO_HEADS)
    return out


def _feasible(spec: AllocationSpec, budget: Fraction, points: dict, lo: dict, hi: dict) -> tuple | None:
    """None if amounts within the bounds can sum to the budget, else why not."""
    least = sum(lo.values(), Fraction(0))
    if least > budget:
        n = sum(1 for v in lo.values() if v > 0)
        return (
            "allocation-floor-budget",
            "floor",
            {"n": n, "floor": _euro(spec.floor), "total": _euro(least), "budget": _euro(budget)},
        )
    if spec.budget is None:
        return None
    with_points = [a for a, p in points.items() if p > 0]
    if not with_points and least < budget:
        return "allocation-nobody", "eligible", {}
    if with_points and all(hi[a] is not None for a in with_points):
        most = sum((hi[a] if p > 0 else lo[a]) for a, p in points.items())
        if most < budget:
            return (
                "allocation-cap-budget",
                "cap",
                {"n": len(with_points), "cap": _euro(spec.cap), "total": _euro(most), "budget": _euro(budget)},
            )
    return None


def solve(budget: Fraction, points: dict[str, Fraction], lo: dict, hi: dict) -> tuple[dict[str, Fraction], Fraction]:
    """amount_i = min(hi_i, max(lo_i, λ p_i)) with Σ amount_i = budget, exactly; returns
    the amounts and λ (euros per point of the areas within their bounds).

    `hi` values may be None (no cap). Every amount is a non-decreasing function of λ, and
    so is their sum; walking the break points in order (λ = lo_i/p_i, where an area
    leaves its lower bound, and λ = hi_i/p_i, where it reaches its upper) finds the piece
    on which the sum reaches the budget, and λ on it. The caller has made sure that a
    solution exists (`_feasible`): Σ lo ≤ budget, and budget ≤ Σ hi where all are capped.
    """
    events = []  # (λ, order, area): order 0 = leaves its lower bound, 1 = reaches its upper
    for area, p in points.items():
        if p > 0:
            events.append((lo[area] / p, 0, area))
            if hi[area] is not None:
                events.append((hi[area] / p, 1, area))
    events.sort()
    at_low = sum(lo.values(), Fraction(0))  # Σ lo of the areas still held at their lower bound
    at_high = Fraction(0)  # Σ hi of the areas held at their upper bound
    slope = Fraction(0)  # Σ p of the areas in between: the sum grows by this per unit of λ
    lam = Fraction(0)
    k = 0
    while k < len(events):
        lam = events[k][0]
        if at_low + at_high + lam * slope >= budget:
            break
        while k < len(events) and events[k][0] == lam:
            _, order, area = events[k]
            if order == 0:
                at_low -= lo[area]
                slope += points[area]
            else:
                slope -= points[area]
                at_high += hi[area]
            k += 1
    rate = (budget - at_low - at_high) / slope if slope else lam
    out = {}
    for area, p in points.items():
        value = max(lo[area], rate * p)
        out[area] = value if hi[area] is None else min(hi[area], value)
    return out, rate


def round_cents(amounts: dict[str, Fraction], total_cents: int) -> dict[str, int]:
    """Whole cents that sum to `total_cents`: each amount rounded down, the missing cents
    one each to the largest remainders (ties: the smaller key)."""
    cents = {k: math.floor(v * 100) for k, v in amounts.items()}
    missing = total_cents - sum(cents.values())
    order = sorted(amounts, key=lambda k: (-(amounts[k] * 100 - cents[k]), k))
    if missing < 0 or missing > len(order):
        raise ValueError(f"cannot round {amounts} to {total_cents} cents")
    for k in order[:missing]:
        cents[k] += 1
    return cents


def _cents(budget: Fraction) -> int:
    return math.floor(budget * 100 + Fraction(1, 2))


def _years(years: list[int]) -> str:
    """2018, 2019, 2020, 2022 → '2018–2020, 2022'."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def _euro(value) -> str:
    if value is None:
        return "–"
    text = f"{float(value):,.2f}".replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text.removesuffix(",00")


def _problem(spec: AllocationSpec, code: str, key: str, year: int, severity: str = "error", **params) -> Problem:
    return problem(code, FILENAME, None, f"{spec.place}.{key}", year, severity=severity, year=year, **params)
