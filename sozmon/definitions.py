"""Index and typology definitions: how indices are composed from the indicator catalogue.

The catalogue (`indikatoren`) describes indicators; a definition says which of them
enter an index, in which dimension and with which weight, with its own method and
classes. Definitions live in `sozmon.yml` under `indices` and `typologies` (README,
"Indizes"); one indicator may serve several indices. A release without `indices` gets
one status index built from `indikatoren.dimension_id`/`gewicht` and `dimensionen`:
v1's index, with v1's values.

`resolve` turns the raw settings and the catalogue into specs and lists every problem
with its place in `sozmon.yml`; it reads no file, so `check` and `Release` share it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from . import routes
from .contract import WHOLE
from .problems import Problem, problem
from .settings import FILENAME, Classes, Method, Settings, check_classes, method_overrides

STATUS, DYNAMICS = "status", "dynamics"
KINDS = (STATUS, DYNAMICS)
# The id of the one index of a release without definitions.
DEFAULT_ID = "status"
# A dynamics index classes development: low = worse for the index, high = better.
DYNAMICS_CLASSES = Classes(cuts=(-1.0, 1.0), labels=("negativ", "stabil", "positiv"), boundary=("oben", "unten"))
_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9][A-Za-z0-9_-]*)\}")


@dataclass(frozen=True)
class Member:
    indicator_id: str
    weight: float = 1.0


@dataclass(frozen=True)
class DimensionSpec:
    id: str
    name: str
    description: str
    weight: float
    members: tuple[Member, ...]


@dataclass(frozen=True)
class IndexSpec:
    """One index: its dimensions and members, method and classes.

    kind    'status' (the situation in a year) or 'dynamics' (its change over `period`
            years; without `period` the members' values are delivered change values).
    """

    id: str
    name: str
    short_name: str
    description: str
    kind: str
    dimensions: tuple[DimensionSpec, ...]
    method: Method
    period: int | None = None
    basis: str | None = None

    @property
    def indicator_ids(self) -> list[str]:
        return [m.indicator_id for d in self.dimensions for m in d.members]

    @property
    def classes(self) -> Classes:
        return self.method.classes

    def members(self) -> pd.DataFrame:
        """(dimension_id, indikator_id, gewicht) of every member, in definition order."""
        rows = [(d.id, m.indicator_id, float(m.weight)) for d in self.dimensions for m in d.members]
        return pd.DataFrame(rows, columns=["dimension_id", "indikator_id", "gewicht"]).astype(
            {"dimension_id": "str", "indikator_id": "str", "gewicht": float}
        )

    def dimension_weights(self) -> pd.DataFrame:
        rows = [(d.id, float(d.weight)) for d in self.dimensions]
        return pd.DataFrame(rows, columns=["dimension_id", "gewicht"]).astype({"dimension_id": "str"})


@dataclass(frozen=True)
class TypologySpec:
    """Two indices' classes crossed (rows: `first`, columns: `second`).

    label      template with `{index_id}` placeholders for the two classes
    attention  rules; a combination needs attention if it matches any rule. A rule
               maps index ids to the classes it covers; an index it omits: any class.
    """

    id: str
    name: str
    description: str
    first: str
    second: str
    label: str
    attention: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]

    def type_label(self, first_class: str, second_class: str) -> str:
        values = {self.first: first_class, self.second: second_class}
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), self.label)

    def needs_attention(self, first_class: str, second_class: str) -> bool:
        values = {self.first: first_class, self.second: second_class}
        return any(all(values[i] in allowed for i, allowed in rule) for rule in self.attention)


# --- resolving ------------------------------------------------------------------------


def resolve(
    settings: Settings, indicators: pd.DataFrame, dimensions: pd.DataFrame
) -> tuple[tuple[IndexSpec, ...], tuple[TypologySpec, ...], list[Problem]]:
    """The release's index and typology specs, and every problem in their definitions.

    `indicators`/`dimensions` are the catalogue tables with text ids (`load.typed` or
    raw text): only ids, names, descriptions, weights and dimension_id are read.
    """
    problems: list[Problem] = []
    catalogue = _catalogue(indicators)
    dimension_names = _dimension_names(dimensions)
    if settings.indices:
        indices = _indices(settings, catalogue, dimension_names, problems)
    else:
        indices = (_default_index(settings, indicators, dimensions),)
    typologies = _typologies(settings, {s.id: s for s in indices}, problems)
    return indices, typologies, problems


def _catalogue(indicators: pd.DataFrame) -> set[str]:
    return set(indicators["indikator_id"].dropna().astype("str").str.strip())


def _dimension_names(dimensions: pd.DataFrame) -> dict[str, tuple[str, str]]:
    out = {}
    for row in dimensions.itertuples(index=False):
        if isinstance(row.dimension_id, str) and row.dimension_id.strip():
            description = getattr(row, "beschreibung", "")
            out[row.dimension_id.strip()] = (_plain(row.name), _plain(description))
    return out


def _plain(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def _default_index(settings: Settings, indicators: pd.DataFrame, dimensions: pd.DataFrame) -> IndexSpec:
    """v1's index: dimensions from `dimensionen`, members from the catalogue's columns."""
    members: dict[str, list[Member]] = {}
    for row in indicators.itertuples(index=False):
        dim = _plain(getattr(row, "dimension_id", ""))
        if dim:
            weight = getattr(row, "gewicht", 1.0)
            members.setdefault(dim, []).append(Member(str(row.indikator_id), _weight(weight)))
    dims = []
    for row in dimensions.itertuples(index=False):
        dim = _plain(row.dimension_id)
        if dim:
            dims.append(
                DimensionSpec(
                    dim,
                    _plain(row.name),
                    _plain(getattr(row, "beschreibung", "")),
                    _weight(getattr(row, "gewicht", 1.0)),
                    tuple(members.get(dim, ())),
                )
            )
    name = settings.index_name
    return IndexSpec(DEFAULT_ID, name, name, "", STATUS, tuple(dims), settings.method)


def _weight(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 1.0
    return 1.0 if pd.isna(number) else number


def _indices(
    settings: Settings, catalogue: set[str], dimension_names: dict, problems: list[Problem]
) -> tuple[IndexSpec, ...]:
    specs: list[IndexSpec] = []
    raw_by_id: dict[str, dict] = {}
    for place, raw, index_id in entries(settings.indices, "indices", "id, name, dimensions", problems):
        raw_by_id[index_id] = raw
        spec = _index(raw, index_id, place, settings, catalogue, dimension_names, raw_by_id, problems)
        if spec is not None:
            specs.append(spec)
    return tuple(specs)


_INDEX_KEYS = {"id", "name", "short_name", "description", "kind", "dimensions", "method", "basis", "period"}


def _index(
    raw: dict,
    index_id: str,
    place: str,
    settings: Settings,
    catalogue: set[str],
    dimension_names: dict,
    earlier: dict[str, dict],
    problems: list[Problem],
) -> IndexSpec | None:
    for key in raw:
        if key not in _INDEX_KEYS:
            problems.append(_p("settings-unknown", f"{place}.{key}", raw[key]))
    name = _text(raw.get("name")) or index_id
    kind = raw.get("kind", STATUS)
    if kind not in KINDS:
        problems.append(_p("settings-type", f"{place}.kind", kind, expected="'status' oder 'dynamics'"))
        return None
    period = raw.get("period")
    if period is not None and (isinstance(period, bool) or not isinstance(period, int) or period < 1):
        problems.append(_p("settings-range", f"{place}.period", period, expected="ganze Zahl ab 1 (Jahre)"))
        return None
    if kind == STATUS and period is not None:
        problems.append(_p("definition-period-status", f"{place}.period", period))
    basis = raw.get("basis")
    dims_raw = raw.get("dimensions")
    if basis is not None:
        if kind != DYNAMICS or period is None:
            problems.append(_p("definition-basis", f"{place}.basis", basis))
            return None
        if not isinstance(basis, str) or basis not in earlier or earlier[basis].get("kind", STATUS) != STATUS:
            problems.append(_p("definition-basis-unknown", f"{place}.basis", basis))
            return None
        if dims_raw is None:
            dims_raw = earlier[basis].get("dimensions")
    dims = _dimensions(dims_raw, place, catalogue, dimension_names, problems)
    if dims is None:
        return None
    method = _method(raw.get("method"), place, settings.method, kind, problems)
    return IndexSpec(
        id=index_id,
        name=name,
        short_name=_text(raw.get("short_name")) or name,
        description=_text(raw.get("description")),
        kind=kind,
        dimensions=dims,
        method=method,
        period=period if kind == DYNAMICS else None,
        basis=basis,
    )


def _dimensions(
    raw: Any, place: str, catalogue: set[str], names: dict, problems: list[Problem]
) -> tuple[DimensionSpec, ...] | None:
    if not isinstance(raw, list) or not raw:
        problems.append(_p("definition-no-dimensions", f"{place}.dimensions", raw))
        return None
    out: list[DimensionSpec] = []
    seen_members: dict[str, str] = {}
    for where, item, dim_id in entries(raw, f"{place}.dimensions", "id, weight, indicators", problems):
        if dim_id.lower() == WHOLE:  # the certainty tables' name of the index as a whole
            problems.append(_p("definition-id", f"{where}.id", dim_id))
            continue
        name = _text(item.get("name")) or names.get(dim_id, ("", ""))[0]
        if not name:
            problems.append(_p("definition-dimension-name", f"{where}.name", dim_id))
        description = _text(item.get("description")) or names.get(dim_id, ("", ""))[1]
        weight = _positive(item.get("weight", 1), f"{where}.weight", problems)
        members = _members(item.get("indicators"), where, catalogue, seen_members, problems)
        if not members:
            problems.append(_p("definition-no-indicators", f"{where}.indicators", dim_id))
            continue
        out.append(DimensionSpec(dim_id, name or dim_id, description, weight, tuple(members)))
    return tuple(out) if out else None


def _members(raw: Any, where: str, catalogue: set[str], seen: dict[str, str], problems: list[Problem]) -> list[Member]:
    if not isinstance(raw, list):
        return []
    out = []
    for k, item in enumerate(raw):
        at = f"{where}.indicators[{k + 1}]"
        entry = {"id": item} if isinstance(item, str) else item
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            problems.append(_p("definition-type", at, item, expected="Indikator-ID oder {id: …, weight: …}"))
            continue
        indicator_id = entry["id"].strip()
        if indicator_id not in catalogue:
            problems.append(_p("definition-unknown-indicator", f"{at}.id", indicator_id))
            continue
        if indicator_id in seen:
            problems.append(_p("definition-indicator-twice", f"{at}.id", indicator_id, other=seen[indicator_id]))
            continue
        seen[indicator_id] = where
        out.append(Member(indicator_id, _positive(entry.get("weight", 1), f"{at}.weight", problems)))
    return out


def _method(raw: Any, place: str, base: Method, kind: str, problems: list[Problem]) -> Method:
    """The release's method with the index's own keys. A dynamics index starts from its
    own classes and from z-values per year: its first years have no change, so a base
    year of the release could never serve as its reference."""
    start = replace(base, classes=DYNAMICS_CLASSES, standardise="year") if kind == DYNAMICS else base
    if raw is None:
        return start
    if not isinstance(raw, dict):
        problems.append(_p("settings-type", f"{place}.method", raw, expected="Abschnitt"))
        return start
    method = method_overrides(start, raw, f"{place}.method.", problems)
    problems += check_classes(method.classes, f"{place}.method.classes")
    if kind == DYNAMICS and method.standardise == "base_year":
        problems.append(_p("definition-dynamics-base-year", f"{place}.method.standardise", method.standardise))
    return method


def _typologies(settings: Settings, indices: dict[str, IndexSpec], problems: list[Problem]) -> tuple[TypologySpec, ...]:
    out: list[TypologySpec] = []
    for place, raw, typology_id in entries(settings.typologies, "typologies", "id, name, indices", problems):
        for key in raw:
            if key not in {"id", "name", "description", "indices", "label", "attention"}:
                problems.append(_p("settings-unknown", f"{place}.{key}", raw[key]))
        pair = raw.get("indices")
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(p, str) for p in pair)
            or pair[0] == pair[1]
        ):
            problems.append(_p("typology-indices", f"{place}.indices", pair))
            continue
        unknown = [p for p in pair if p not in indices]
        if unknown:
            problems.append(_p("typology-unknown-index", f"{place}.indices", unknown[0]))
            continue
        first, second = indices[pair[0]], indices[pair[1]]
        label = _label(raw.get("label"), first, second, place, problems)
        attention = _attention(raw.get("attention"), first, second, place, problems)
        name = _text(raw.get("name")) or typology_id
        out.append(
            TypologySpec(typology_id, name, _text(raw.get("description")), first.id, second.id, label, attention)
        )
    return tuple(out)


def _label(raw: Any, first: IndexSpec, second: IndexSpec, place: str, problems: list[Problem]) -> str:
    if raw is None:
        return f"{first.short_name} {{{first.id}}}, {second.short_name} {{{second.id}}}"
    label = _text(raw)
    used = set(_PLACEHOLDER.findall(label))
    if not {first.id, second.id} <= used:
        problems.append(_p("typology-label", f"{place}.label", label, first=first.id, second=second.id))
    return label


def _attention(
    raw: Any, first: IndexSpec, second: IndexSpec, place: str, problems: list[Problem]
) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]:
    if raw is None:
        return default_attention(first.classes.labels, second.classes.labels, first.id, second.id)
    if not isinstance(raw, list):
        problems.append(_p("settings-type", f"{place}.attention", raw, expected="Liste von Regeln"))
        return ()
    labels = {first.id: first.classes.labels, second.id: second.classes.labels}
    rules = []
    for k, rule in enumerate(raw):
        at = f"{place}.attention[{k + 1}]"
        if not isinstance(rule, dict) or not rule:
            problems.append(_p("settings-type", at, rule, expected="z. B. {index_id: [Klasse, …]}"))
            continue
        parts = []
        for index_id, classes in rule.items():
            if index_id not in labels:
                problems.append(_p("typology-unknown-index", f"{at}.{index_id}", index_id))
                continue
            classes = [classes] if isinstance(classes, str) else classes
            if not isinstance(classes, list):
                problems.append(_p("settings-type", f"{at}.{index_id}", classes, expected="Liste von Klassen"))
                continue
            for c in classes:
                if c not in labels[index_id]:
                    problems.append(
                        _p("typology-unknown-class", f"{at}.{index_id}", c, known=", ".join(labels[index_id]))
                    )
            parts.append((index_id, tuple(str(c) for c in classes)))
        rules.append(tuple(parts))
    return tuple(rules)


def default_attention(
    first: tuple[str, ...], second: tuple[str, ...], first_id: str, second_id: str
) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]:
    """The two lowest classes of the first index (its lowest, if it has fewer than four),
    and its middle class (the upper of two) with the lowest class of the second. Berlin
    MSS: status niedrig/sehr niedrig, or mittel and Dynamik negativ."""
    lowest = (first_id, tuple(first[: 2 if len(first) >= 4 else 1]))
    middle = ((first_id, (first[len(first) // 2],)), (second_id, (second[0],)))
    return ((lowest,), middle)


def entries(
    raw: Any, place: str, keys: str, problems: list[Problem], kind: str = "definition"
) -> Iterator[tuple[str, dict, str]]:
    """(place, entry, id) of each entry of a list in `sozmon.yml` that is a section with a
    valid id not used before (ids compared without case); a problem for every other, with
    the codes `<kind>-type`, `<kind>-id` and `<kind>-duplicate`."""
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        where = f"{place}[{i + 1}]"
        if not isinstance(entry, dict):
            problems.append(_p(f"{kind}-type", where, entry, expected=f"Abschnitt mit {keys}"))
            continue
        entry_id = _id(entry.get("id"), where, problems, kind)
        if entry_id is None:
            continue
        if entry_id.lower() in seen:
            problems.append(_p(f"{kind}-duplicate", f"{where}.id", entry_id))
            continue
        seen.add(entry_id.lower())
        yield where, entry, entry_id


def _id(value: Any, place: str, problems: list[Problem], kind: str) -> str | None:
    text = value.strip() if isinstance(value, str) else None
    if not text or not routes.SAFE_ID.match(text) or text.lower() in routes.RESERVED_IDS:
        problems.append(_p(f"{kind}-id", f"{place}.id", value))
        return None
    return text


def _positive(value: Any, place: str, problems: list[Problem]) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        problems.append(_p("definition-weight", place, value))
        return 1.0
    return float(value)


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _p(code: str, place: str, value: Any = None, **params: Any) -> Problem:
    return problem(code, FILENAME, None, place, "" if value is None else value, **params)


# --- published ------------------------------------------------------------------------

KIND_NAMES = {STATUS: "status", DYNAMICS: "dynamik"}  # the published `art`


def tables(indices: tuple[IndexSpec, ...], typologies: tuple[TypologySpec, ...]) -> dict[str, pd.DataFrame]:
    """The definitions as the published tables (contract: indizes, index_dimensionen,
    index_indikatoren, index_klassen, typologien, typologie_typen)."""
    return {
        "indizes": pd.DataFrame(
            [
                {
                    "index_id": s.id,
                    "name": s.name,
                    "kurzname": s.short_name,
                    "beschreibung": s.description,
                    "art": KIND_NAMES[s.kind],
                    "zeitraum": s.period,
                    "basis": s.basis,
                }
                for s in indices
            ]
        ),
        "index_dimensionen": pd.DataFrame(
            [
                {
                    "index_id": s.id,
                    "dimension_id": d.id,
                    "name": d.name,
                    "beschreibung": d.description,
                    "gewicht": d.weight,
                }
                for s in indices
                for d in s.dimensions
            ]
        ),
        "index_indikatoren": pd.DataFrame(
            [
                {"index_id": s.id, "dimension_id": d.id, "indikator_id": m.indicator_id, "gewicht": m.weight}
                for s in indices
                for d in s.dimensions
                for m in d.members
            ]
        ),
        "index_klassen": pd.DataFrame([row for s in indices for row in class_rows(s)]),
        "typologien": pd.DataFrame(
            [
                {
                    "typologie_id": t.id,
                    "name": t.name,
                    "beschreibung": t.description,
                    "index_1": t.first,
                    "index_2": t.second,
                }
                for t in typologies
            ],
            columns=["typologie_id", "name", "beschreibung", "index_1", "index_2"],
        ),
        "typologie_typen": pd.DataFrame(
            [row for t in typologies for row in type_rows(t, {s.id: s for s in indices})],
            columns=["typologie_id", "klasse_1", "klasse_2", "typ", "aufmerksamkeit"],
        ),
    }


def class_rows(spec: IndexSpec) -> list[dict]:
    """Each class of an index with its bounds, lowest first; `bereich` says in words
    which side of a bound a value exactly on it belongs to."""
    c = spec.classes
    cuts, upper = list(c.cuts), list(c.upper_closed())
    rows = []
    for k, label in enumerate(c.labels):
        low = cuts[k - 1] if k > 0 else None
        high = cuts[k] if k < len(cuts) else None
        left = "" if low is None else f"{german(low)} {'≤' if upper[k - 1] else '<'} "
        right = "" if high is None else f" {'<' if upper[k] else '≤'} {german(high)}"
        rows.append(
            {
                "index_id": spec.id,
                "stufe": k + 1,
                "klasse": label,
                "untergrenze": low,
                "obergrenze": high,
                "bereich": f"{left}Wert{right}",
            }
        )
    return rows


def type_rows(spec: TypologySpec, indices: dict[str, IndexSpec]) -> list[dict]:
    """Every combination of the two class schemes with its type and attention flag."""
    return [
        {
            "typologie_id": spec.id,
            "klasse_1": a,
            "klasse_2": b,
            "typ": spec.type_label(a, b),
            "aufmerksamkeit": spec.needs_attention(a, b),
        }
        for a in indices[spec.first].classes.labels
        for b in indices[spec.second].classes.labels
    ]


def german(value: float) -> str:
    """A bound in German notation: −1,0, 0,5 (a true minus sign)."""
    text = f"{value:.2f}".rstrip("0")
    text = text + "0" if text.endswith(".") else text
    return text.replace("-", "−").replace(".", ",")
