"""Allocation keys (Verteilungsschlüssel): how a budget is split between the areas by need.

A key is defined in `sozmon.yml` under `allocations` (docs/einstellungen.md,
"Verteilungsschlüssel"): a budget, the need (the classes of an index or of one of its
dimensions, or the types of a typology), a target population counted in the release, a
formula and optional eligibility, floor, cap and damping. `resolve` turns the raw
settings into specs and lists every problem with its place in `sozmon.yml`
(`allocations[1].need.index`); like `definitions.resolve` it reads no file, so `check`
and `Release` share it. The computation is `compute/allocation.py`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pandas as pd

from .contract import ALLOCATIONS, OUTPUT
from .definitions import IndexSpec, TypologySpec, entries, type_rows
from .problems import Problem, problem
from .settings import FILENAME

WEIGHTED, SHARES, RATES = "weighted_population", "shares", "rate_per_band"
FORMULAS = (WEIGHTED, SHARES, RATES)
# The formula as published (`verteilungen.formel`): German, like the rest of the tables.
PUBLISHED_FORMULA = {WEIGHTED: "gewichtete_bevoelkerung", SHARES: "anteile", RATES: "satz_je_kopf"}
COUNTS = ("zaehler", "nenner")
ATTENTION = "attention"  # eligible: the types of a typology that need attention
INDEX, DIMENSION, TYPOLOGY = "index", "dimension", "typology"
# Default weights of a typology's types: a type needing attention counts double.
ATTENTION_WEIGHT, OTHER_WEIGHT = 2.0, 1.0
_KEYS = {
    "id",
    "name",
    "description",
    "budget",
    "year",
    "formula",
    "need",
    "weights",
    "rates",
    "population",
    "shares",
    "eligible",
    "floor",
    "cap",
    "damping",
}


@dataclass(frozen=True)
class Count:
    """A count of the release: the zaehler or the nenner of an indicator, per area and year."""

    indicator_id: str
    count: str  # 'zaehler' or 'nenner'


@dataclass(frozen=True)
class Need:
    """Where the need of an area comes from: its class in an index or in one of its
    dimensions (`labels`: the classes, least favourable first), or its type in a
    typology (`labels`: every type; `attention`: those needing attention)."""

    kind: str  # INDEX, DIMENSION or TYPOLOGY
    source: str  # the index or typology id
    labels: tuple[str, ...]
    dimension: str | None = None
    attention: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AllocationSpec:
    """One allocation key, resolved and checked.

    weights     per class or type (least favourable first): the weight of a head of
                the population, or for `rate_per_band` the euros per head
    shares      for `shares`: (count, percent of the budget), percents summing to 100
    eligible    the classes or types that may receive money; None: every class or type
    budget      euros; None only for `rate_per_band` (then the sum of rate × heads)
    year        the year the key is decided for (None: the release's latest)
    damping     percent: at most this change against the previous year's amount
    place       where the key stands in sozmon.yml, e.g. "allocations[1]"
    """

    id: str
    name: str
    description: str
    place: str
    formula: str
    budget: float | None
    year: int | None
    need: Need | None
    weights: tuple[tuple[str, float], ...]
    population: Count | None
    shares: tuple[tuple[Count, float], ...]
    eligible: tuple[str, ...] | None
    eligible_attention: bool = False
    floor: float | None = None
    cap: float | None = None
    damping: float | None = None
    default_weights: bool = False  # the weights are sozmon's documented defaults

    def weight_of(self, label: str | None) -> float | None:
        """The weight (or rate) of a class or type; None where the area has none."""
        return dict(self.weights).get(label) if label is not None else None

    def counts(self) -> list[Count]:
        """Every count the key reads."""
        return [c for c, _ in self.shares] if self.formula == SHARES else [self.population]


def default_weights(need: Need) -> tuple[tuple[str, float], ...]:
    """The documented defaults. Classes: the number of classes above it, so the most
    favourable class weighs 0 and each less favourable class one more (five classes:
    4, 3, 2, 1, 0). Types: 2 for a type that needs attention, else 1."""
    if need.kind == TYPOLOGY:
        return tuple((t, ATTENTION_WEIGHT if t in need.attention else OTHER_WEIGHT) for t in need.labels)
    k = len(need.labels)
    return tuple((label, float(k - 1 - i)) for i, label in enumerate(need.labels))


# --- resolving ------------------------------------------------------------------------


def resolve(
    settings,
    indices: tuple[IndexSpec, ...],
    typologies: tuple[TypologySpec, ...],
    indicators: pd.DataFrame,
    years: list[int] | None = None,
) -> tuple[tuple[AllocationSpec, ...], list[Problem]]:
    """The release's allocation keys and every problem in their definitions.

    `indicators`: the catalogue (only `indikator_id` is read); `years`: the release's
    years, to check a configured `year` (None: not checked).
    """
    problems: list[Problem] = []
    catalogue = set(indicators["indikator_id"].dropna().astype("str").str.strip())
    by_index = {s.id: s for s in indices}
    by_typology = {t.id: t for t in typologies}
    specs = []
    keys = "id, name, budget, need, …"
    for place, raw, key_id in entries(settings.allocations, "allocations", keys, problems, "allocation"):
        found: list[Problem] = []
        spec = _spec(raw, key_id, place, by_index, by_typology, catalogue, years, found)
        problems += found
        if spec is not None and not any(p.is_error for p in found):
            specs.append(spec)
    return tuple(specs), problems


def _spec(
    raw: dict,
    key_id: str,
    place: str,
    indices: dict[str, IndexSpec],
    typologies: dict[str, TypologySpec],
    catalogue: set[str],
    years: list[int] | None,
    problems: list[Problem],
) -> AllocationSpec | None:
    for key in raw:
        if key not in _KEYS:
            problems.append(_p("settings-unknown", f"{place}.{key}", raw[key]))
    formula = raw.get("formula", WEIGHTED)
    if formula not in FORMULAS:
        problems.append(_p("allocation-formula", f"{place}.formula", formula))
        return None
    budget = raw.get("budget")
    if budget is None and formula == RATES:
        for key in ("floor", "cap", "damping"):
            if raw.get(key) is not None:
                problems.append(_p("allocation-needs-budget", f"{place}.{key}", raw[key]))
    else:
        budget = _amount(budget, f"{place}.budget", problems, positive=True)
    year = raw.get("year")
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, int):
            problems.append(_p("allocation-year", f"{place}.year", year, known=_years(years)))
        elif years is not None and year not in years:
            problems.append(_p("allocation-year", f"{place}.year", year, known=_years(years)))
    need = _need(raw.get("need"), f"{place}.need", indices, typologies, problems, required=formula != SHARES)
    weights: tuple[tuple[str, float], ...] = ()
    if formula == RATES:
        if raw.get("weights") is not None:
            problems.append(_p("allocation-not-for-formula", f"{place}.weights", formula=formula))
        if need is not None:
            weights = _per_label(raw.get("rates"), f"{place}.rates", need, problems, required=True)
    elif formula == WEIGHTED:
        if raw.get("rates") is not None:
            problems.append(_p("allocation-not-for-formula", f"{place}.rates", formula=formula))
        if need is not None:
            given = _per_label(raw.get("weights"), f"{place}.weights", need, problems, required=False)
            weights = given or default_weights(need)
            if given and not any(w > 0 for _, w in weights):
                problems.append(_p("allocation-weights-zero", f"{place}.weights"))
    else:
        for key in ("weights", "rates", "population"):
            if raw.get(key) is not None:
                problems.append(_p("allocation-not-for-formula", f"{place}.{key}", formula=formula))
    population = None
    shares: tuple[tuple[Count, float], ...] = ()
    if formula == SHARES:
        shares = _shares(raw.get("shares"), f"{place}.shares", catalogue, problems)
    else:
        if raw.get("shares") is not None:
            problems.append(_p("allocation-not-for-formula", f"{place}.shares", formula=formula))
        population = _count(raw.get("population"), f"{place}.population", catalogue, problems)
    eligible, attention = None, False
    if need is not None or raw.get("need") is None:  # else the need is wrong, and said so once
        eligible, attention = _eligible(raw.get("eligible"), f"{place}.eligible", need, problems)
    floor = _amount(raw.get("floor"), f"{place}.floor", problems) if budget is not None else None
    cap = _amount(raw.get("cap"), f"{place}.cap", problems, positive=True) if budget is not None else None
    if floor is not None and cap is not None and floor > cap:
        problems.append(_p("allocation-floor-cap", f"{place}.floor", _euro(floor), cap=_euro(cap)))
    if floor is not None and budget is not None and floor > budget:
        problems.append(_p("allocation-floor-over-budget", f"{place}.floor", _euro(floor), budget=_euro(budget)))
    damping = raw.get("damping") if budget is not None else None
    if damping is not None and (
        isinstance(damping, bool) or not isinstance(damping, (int, float)) or not 0 < damping <= 100
    ):
        problems.append(_p("allocation-damping", f"{place}.damping", damping))
        damping = None
    if need is None and formula != SHARES:
        return None
    return AllocationSpec(
        id=key_id,
        name=_text(raw.get("name")) or key_id,
        description=_text(raw.get("description")),
        place=place,
        formula=formula,
        budget=budget,
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        need=need,
        weights=weights,
        population=population,
        shares=shares,
        eligible=eligible,
        eligible_attention=attention,
        floor=floor or None,
        cap=cap,
        damping=float(damping) if damping is not None else None,
        default_weights=formula == WEIGHTED and raw.get("weights") is None,
    )


def _need(
    raw: Any,
    place: str,
    indices: dict[str, IndexSpec],
    typologies: dict[str, TypologySpec],
    problems: list[Problem],
    required: bool,
) -> Need | None:
    if raw is None:
        if required:
            problems.append(_p("allocation-need-missing", place))
        return None
    if not isinstance(raw, dict) or not raw or set(raw) - {"index", "dimension", "typology"}:
        problems.append(_p("allocation-need", place, raw))
        return None
    if ("index" in raw) == ("typology" in raw) or ("dimension" in raw and "index" not in raw):
        problems.append(_p("allocation-need", place, raw))
        return None
    if "typology" in raw:
        typology = typologies.get(str(raw["typology"]))
        if typology is None:
            problems.append(
                _p("allocation-unknown-typology", f"{place}.typology", raw["typology"], known=_list(typologies))
            )
            return None
        rows = type_rows(typology, indices)
        return Need(
            TYPOLOGY,
            typology.id,
            tuple(r["typ"] for r in rows),
            attention=frozenset(r["typ"] for r in rows if r["aufmerksamkeit"]),
        )
    index = indices.get(str(raw["index"]))
    if index is None:
        problems.append(_p("allocation-unknown-index", f"{place}.index", raw["index"], known=_list(indices)))
        return None
    if "dimension" not in raw:
        return Need(INDEX, index.id, tuple(index.classes.labels))
    dimensions = [d.id for d in index.dimensions]
    if raw["dimension"] not in dimensions:
        problems.append(
            _p(
                "allocation-unknown-dimension",
                f"{place}.dimension",
                raw["dimension"],
                index=index.id,
                known=", ".join(dimensions),
            )
        )
        return None
    return Need(DIMENSION, index.id, tuple(index.classes.labels), dimension=str(raw["dimension"]))


def _per_label(raw: Any, place: str, need: Need, problems: list[Problem], required: bool) -> tuple:
    """Weights or rates per class or type: every label given must exist; labels not
    given weigh 0 (a rate of 0 €). In the need's order, least favourable first."""
    if raw is None:
        if required:
            problems.append(_p("allocation-rates", place))
        return ()
    if not isinstance(raw, dict) or not raw:
        problems.append(_p("allocation-type", place, raw, expected="{Klasse: Zahl, …}"))
        return ()
    given = {}
    for label, value in raw.items():
        if str(label) not in need.labels:
            problems.append(_unknown_class(f"{place}.{label}", label, need))
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            problems.append(_p("allocation-weight", f"{place}.{label}", value))
        else:
            given[str(label)] = float(value)
    return tuple((label, given.get(label, 0.0)) for label in need.labels)


def _eligible(raw: Any, place: str, need: Need | None, problems: list[Problem]) -> tuple[tuple[str, ...] | None, bool]:
    if raw is None:
        return None, False
    if raw == ATTENTION:
        if need is None or need.kind != TYPOLOGY:
            problems.append(_p("allocation-attention", place, raw))
            return None, False
        return tuple(t for t in need.labels if t in need.attention), True
    if need is None:
        problems.append(_p("allocation-eligible-without-need", place, raw))
        return None, False
    labels = [raw] if isinstance(raw, str) else raw
    if not isinstance(labels, list) or not labels:
        problems.append(_p("allocation-type", place, raw, expected="Liste von Klassen (oder attention)"))
        return None, False
    out = []
    for label in labels:
        if str(label) not in need.labels:
            problems.append(_unknown_class(place, label, need))
        else:
            out.append(str(label))
    return tuple(label for label in need.labels if label in out), False


def _count(raw: Any, place: str, catalogue: set[str], problems: list[Problem], extra: tuple = ()) -> Count | None:
    if raw is None:
        problems.append(_p("allocation-population-missing", place))
        return None
    if not isinstance(raw, dict) or set(raw) - {"indicator", "count", *extra} or "indicator" not in raw:
        problems.append(_p("allocation-type", place, raw, expected="{indicator: <Indikator-ID>, count: nenner}"))
        return None
    indicator = str(raw["indicator"]).strip()
    if indicator not in catalogue:
        problems.append(_p("allocation-unknown-indicator", f"{place}.indicator", indicator))
        return None
    count = raw.get("count", "nenner")
    if count not in COUNTS:
        problems.append(_p("allocation-count", f"{place}.count", count))
        return None
    return Count(indicator, count)


def _shares(raw: Any, place: str, catalogue: set[str], problems: list[Problem]) -> tuple[tuple[Count, float], ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(_p("allocation-shares", place, raw))
        return ()
    out = []
    for k, item in enumerate(raw):
        at = f"{place}[{k + 1}]"
        count = _count(item, at, catalogue, problems, extra=("weight",))
        weight = item.get("weight") if isinstance(item, dict) else None
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not weight > 0:
            problems.append(_p("allocation-share-weight", f"{at}.weight", weight))
            continue
        if count is not None:
            out.append((count, float(weight)))
    if len({c for c, _ in out}) != len(out):
        problems.append(_p("allocation-share-twice", place))
    total = sum(w for _, w in out)
    if out and abs(total - 100) > 1e-9:
        problems.append(_p("allocation-shares-sum", place, _number(total), severity="warning"))
    return tuple((c, w * 100 / total) for c, w in out) if out else ()


def _amount(value: Any, place: str, problems: list[Problem], positive: bool = False) -> float | None:
    """A sum of euros: a number ≥ 0 (> 0 if `positive`) in whole cents; None if absent."""
    if value is None:
        if positive and place.endswith(".budget"):
            problems.append(_p("allocation-budget", place, ""))
        return None
    ok = not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value)
    ok = (
        ok and (value > 0 if positive else value >= 0) and money(value).denominator in (1, 2, 4, 5, 10, 20, 25, 50, 100)
    )
    if not ok:
        problems.append(_p("allocation-budget" if place.endswith(".budget") else "allocation-amount", place, value))
        return None
    return float(value)


def money(value: float) -> Fraction:
    """A sum of euros as written in sozmon.yml, exactly: 0.1 is a tenth, not its binary float."""
    return Fraction(Decimal(repr(float(value))))


def _unknown_class(place: str, label: Any, need: Need) -> Problem:
    return _p("allocation-unknown-class", place, label, source=need.source, known=", ".join(need.labels))


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _list(items: dict) -> str:
    return ", ".join(items) or "–"


def _years(years: list[int] | None) -> str:
    return ", ".join(map(str, years or [])) or "–"


def _number(value: float) -> str:
    """2.0 → '2', 0.5 → '0,5', 33.333… → '33,333333' (German, no trailing zeros)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _euro(value: float) -> str:
    """1500000 → '1.500.000', 20000.5 → '20.000,50' (a problem's value, in German)."""
    text = f"{value:,.2f}".replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text.removesuffix(",00")


def _p(code: str, place: str, value: Any = None, severity: str = "error", **params: Any) -> Problem:
    return problem(code, FILENAME, None, place, "" if value is None else value, severity=severity, **params)


# --- published ------------------------------------------------------------------------


def decided_year(spec: AllocationSpec, years: list[int]) -> int:
    """The year a key is decided for: its `year`, else the release's latest."""
    return spec.year or max(years)


def table(specs: tuple[AllocationSpec, ...], years: list[int]) -> pd.DataFrame:
    """The keys as the published catalogue (contract: verteilungen)."""
    rows = []
    for s in specs:
        need = s.need
        rows.append(
            {
                "verteilung_id": s.id,
                "name": s.name,
                "beschreibung": s.description,
                "budget": s.budget,
                "jahr": decided_year(s, years) if years else s.year,
                "formel": PUBLISHED_FORMULA[s.formula],
                "bedarf_index": need.source if need is not None and need.kind != TYPOLOGY else None,
                "bedarf_dimension": need.dimension if need is not None else None,
                "bedarf_typologie": need.source if need is not None and need.kind == TYPOLOGY else None,
                "gewichte": "; ".join(f"{label}: {_number(w)}" for label, w in s.weights) or None,
                "bevoelkerung_indikator": s.population.indicator_id if s.population else None,
                "bevoelkerung_zahl": s.population.count if s.population else None,
                "anteile": "; ".join(f"{c.indicator_id} {c.count}: {_number(p)}" for c, p in s.shares) or None,
                "berechtigte": "; ".join(s.eligible) if s.eligible is not None else None,
                "mindestbetrag": s.floor,
                "hoechstbetrag": s.cap,
                "daempfung_prozent": s.damping,
            }
        )
    return pd.DataFrame(rows, columns=OUTPUT[ALLOCATIONS].columns)
