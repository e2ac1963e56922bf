"""The Bestandsanalyse: a compact report for the city's board, made from the published tables.

Pure: the release's definitions (`release.indices`, `release.typologies`, the areas' names
and Stadtbezirke) and its published tables (`package.tables`) in, an `Analysis` out: sections
of facts, each fact one German sentence with the numbers it was made from. The page
(`pages/analysis.py`) and the PDF (`templates/analysis.typ`) only render it. Working from the
published tables means that nothing withheld can reach the report and every sentence can be
checked against the open data. No index, dimension or indicator is named in the code: all
come from the definitions; `IndexSpec.kind` tells status from dynamics.

The rules (the same, in German, on the page under "Wie dieser Bericht entsteht": RULES):

- Year: the latest year of `index_werte`; previous year: the release's year before it;
  base year: the method's `base_year`. A typology is read in its latest year with types.
- Usable value: a published value of an area that is not withheld (`gesperrt`) and whose
  denominator is not below `min_denominator` (those values enter no index either). An
  unusable value is never used for a number in the report; where it matters it is said.
- Attention: the areas whose `aufmerksamkeit` is true in each typology. Without a typology:
  the areas in the lowest class of the first status index (else of the first index).
- Driving dimensions (per index of the rule): the dimensions with a value below
  DRIVER_CUT, lowest first, at most MAX_DRIVERS; if none is below, the lowest one if it is
  below 0; else none ("keine Dimension liegt unter dem Mittel").
- Driving indicators (per driving dimension, at most MAX_INDICATORS): in a status index the
  indicators with the lowest oriented z (`indikator_werte.z_wert` is multiplied by the
  indicator's `richtung`: negative = less favourable than the mean of the areas; only
  usable values have one) below 0, with the area's value, the city value and their
  difference in the indicator's unit. In a dynamics index with a period the same on the
  change over the period (area's change standardised over the areas' changes, times
  `richtung`), with the city's change beside it.
- Changes (indicators of the status indices): city value (`gebiete_werte`, ebene `stadt`)
  and each area's value, since the previous year and since the base year, as differences
  of the unrounded published values, in the indicator's unit (Prozentpunkte for %).
  Reported: a city change of at least CITY_CHANGE_SHARE, an area's change of at least
  AREA_CHANGE_SHARE of the spread between the areas (population standard deviation of
  the usable values in the report year); per area and period at most MAX_AREA_CHANGES,
  the largest first. An area's change is not computable where a value of either year is
  not usable: that is said per area, and counted.
- Class changes (previous year → year): per typology the areas that joined or left the
  attention list with the classes that moved; per status index the areas whose class changed,
  a higher class being better for the index. The attention section also names the areas a
  rule cannot place (no index value) and, per status index the rule does not read, the areas
  in its two lowest classes; it starts with one summary table of the attention areas.
- Hot spots: per status index and dimension the areas in the index's lowest class.
- Stadtbezirke (only where the areas have one): areas, attention areas, per status index
  the range of the values and the dimension with the lowest unweighted mean of its areas'
  dimension values.
- Wording: günstiger/ungünstiger always in the sense of the index (the indicator's
  `richtung`); no judgement of groups of people.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import SimpleNamespace

import pandas as pd

from . import contract, texts
from .definitions import DYNAMICS, IndexSpec, TypologySpec
from .format import german, signed
from .model import Release

T = texts.ANALYSIS
U = texts.UNCERTAINTY

DRIVER_CUT = -0.5  # a dimension below this value drives the position (half an SD below the mean)
MAX_DRIVERS = 2  # driving dimensions per index and area
MAX_INDICATORS = 2  # driving indicators per driving dimension
CITY_CHANGE_SHARE = 0.1  # a city change is reported from a tenth of the spread between areas
AREA_CHANGE_SHARE = 1.0  # an area's change from the whole spread between areas
MAX_AREA_CHANGES = 2  # per area and period
DECIMALS = 1  # indicator values and their differences
SCORE_DECIMALS = 2  # index and dimension values

OK, SUPPRESSED, SMALL, MISSING = "ok", "gesperrt", "klein", "fehlt"


# --- the view -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One sentence of the report, made by the rule `rule` from `data` (ids and numbers)."""

    rule: str
    text: str
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class AreaRef:
    """An area named in a table cell (the page links it, the PDF prints its name)."""

    area_id: str
    name: str


@dataclass(frozen=True)
class Table:
    """Cells are strings, AreaRefs or Facts (a sentence in a cell)."""

    head: tuple[str, ...]
    rows: tuple[tuple, ...]
    align: str = ""
    caption: str = ""


@dataclass(frozen=True)
class Block:
    """Facts about one subject: an area, a district, an index's dimensions."""

    title: str
    facts: tuple[Fact, ...]
    area_id: str | None = None


@dataclass(frozen=True)
class Section:
    key: str  # overview, attention, changes, hotspots, districts
    title: str
    facts: tuple[Fact, ...] = ()
    blocks: tuple[Block, ...] = ()
    tables: tuple[Table, ...] = ()
    summary: tuple[Table, ...] = ()  # printed after the facts, before the blocks


@dataclass(frozen=True)
class Analysis:
    title: str
    city: str
    year: int
    previous_year: int | None
    base_year: int | None
    synthetic: bool
    sections: tuple[Section, ...]
    rules: tuple[str, ...]
    key_figures: tuple[tuple[str, str, str], ...]  # (label, value, note): the first thing a reader sees
    attention: dict[str, tuple[str, ...]]  # rule key (typology id or "fallback") → area ids

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def facts(self) -> list[Fact]:
        """Every fact of the report: in sections, blocks and table cells."""
        out: list[Fact] = []
        for s in self.sections:
            out += s.facts
            for b in s.blocks:
                out += b.facts
            for t in (*s.summary, *s.tables):
                out += [c for row in t.rows for c in row if isinstance(c, Fact)]
        return out


# --- reading the published tables -------------------------------------------------------------


class _Tables:
    """The published tables, keyed for the questions the report asks."""

    def __init__(self, release: Release, tables: dict[str, pd.DataFrame]):
        self.release = release
        self.method = release.settings.method
        index_values = tables[contract.INDEX_VALUES]
        self.years = sorted(int(y) for y in index_values["jahr"].dropna().unique())
        self.year = self.years[-1] if self.years else (release.years[-1] if release.years else 0)
        earlier = [y for y in self.years if y < self.year]
        self.previous = earlier[-1] if earlier else None
        base = self.method.base_year
        self.base = base if base is not None and base in self.years and base != self.year else None
        self.names = {str(a): str(n) for a, n in zip(release.areas["sozialraum_id"], release.areas["name"])}
        self.scores = index_values.set_index(["index_id", "jahr", "sozialraum_id"]).sort_index()
        self.dims = tables[contract.DIMENSION_VALUES].set_index(["index_id", "jahr", "dimension_id"]).sort_index()
        self.types = tables[contract.TYPOLOGY_VALUES]
        self.values = tables["indikator_werte"].set_index(["indikator_id", "jahr", "sozialraum_id"]).sort_index()
        agg = tables["gebiete_werte"]
        self.aggregates = agg
        city = agg[agg["ebene"] == "stadt"]
        self.city = city.set_index(["indikator_id", "jahr"])["wert"].where(~city["gesperrt"].fillna(False).to_numpy())
        catalogue = tables["indikatoren"].set_index("indikator_id")
        self.catalogue = catalogue
        self.min_denominator = self.method.min_denominator
        from .pages.uncertainty import lookup  # late: the pages import this module

        self.certainty = lookup(tables)  # how sure each class is (bootstrap, sicherheit.csv)
        self.sure = float(release.settings.certainty.sure)

    def unsure(self, index_id: str, year: int | None, area_id: str, dimension_id: str | None = None):
        """The area's Sureness if its class (of the index or a dimension) is below `sure`, else None."""
        if year is None:
            return None
        found = self.certainty.get(index_id, dimension_id, area_id, year)
        p = None if found is None else found.probability
        return found if p is not None and p < self.sure else None

    def flagged(self, name: str, index_id: str, year: int | None, area_id: str, dimension_id: str | None = None) -> str:
        """'Name (zu 62 % sicher)' where the class is uncertain, else the name (in a sentence on uncertain classes)."""
        found = self.unsure(index_id, year, area_id, dimension_id)
        if found is None:
            return name
        return U["analysis_unsure_name"].format(name=name, p=_percent(found.probability))

    def noise(self, index_id: str, before: int | None, after: int | None, area_id: str) -> bool:
        """A class move where either class is uncertain: it may be chance (a class that was
        not sure before may have been the chance one)."""
        return self.unsure(index_id, before, area_id) is not None or self.unsure(index_id, after, area_id) is not None

    # names and units
    def name(self, area_id: str) -> str:
        return self.names.get(area_id, area_id)

    def indicator_name(self, indicator_id: str) -> str:
        return str(self.catalogue.at[indicator_id, "name"]) if indicator_id in self.catalogue.index else indicator_id

    def unit(self, indicator_id: str) -> str:
        unit = self.catalogue["einheit"].get(indicator_id)
        return "" if unit is None or pd.isna(unit) else str(unit)

    def direction(self, indicator_id: str) -> int:
        value = self.catalogue["richtung"].get(indicator_id)
        return 1 if value is None or pd.isna(value) else int(value)

    # indicator values
    def year_values(self, indicator_id: str, year: int) -> pd.DataFrame:
        try:
            return self.values.loc[(indicator_id, year)]
        except KeyError:
            return self.values.iloc[:0].droplevel([0, 1])

    def state(self, indicator_id: str, year: int, area_id: str) -> str:
        """Whether an area's published value can be used for a number in the report."""
        rows = self.year_values(indicator_id, year)
        if area_id not in rows.index:
            return MISSING
        row = rows.loc[area_id]
        if not pd.isna(row["gesperrt"]) and bool(row["gesperrt"]):
            return SUPPRESSED
        if pd.isna(row["wert"]):
            return MISSING
        if not pd.isna(row["nenner"]) and row["nenner"] < self.min_denominator:
            return SMALL
        return OK

    def usable(self, indicator_id: str, year: int) -> pd.Series:
        """The usable values of an indicator in a year, per area."""
        rows = self.year_values(indicator_id, year)
        ok = ~rows["gesperrt"].fillna(False).astype(bool) & rows["wert"].notna()
        ok &= ~(rows["nenner"].notna() & (rows["nenner"] < self.min_denominator)).fillna(False).astype(bool)
        return rows.loc[ok.to_numpy(), "wert"].astype(float)

    def spread(self, indicator_id: str, year: int) -> float:
        values = self.usable(indicator_id, year)
        return float(values.std(ddof=0)) if len(values) else math.nan

    def city_value(self, indicator_id: str, year: int) -> float:
        value = self.city.get((indicator_id, year))
        return math.nan if value is None or pd.isna(value) else float(value)

    # scores
    def index_rows(self, index_id: str, year: int) -> pd.DataFrame:
        try:
            return self.scores.loc[(index_id, year)]
        except KeyError:
            return self.scores.iloc[:0].droplevel([0, 1])

    def dimension_rows(self, index_id: str, year: int) -> pd.DataFrame:
        """index: dimension_id; columns sozialraum_id, wert, klasse, …"""
        try:
            return self.dims.loc[(index_id, year)]
        except KeyError:
            return self.dims.iloc[:0].droplevel([0, 1])

    def typology_year(self, spec: TypologySpec) -> int:
        rows = self.types[(self.types["typologie_id"] == spec.id) & self.types["typ"].notna()]
        return int(rows["jahr"].max()) if len(rows) else self.year

    def attention(self, spec: TypologySpec, year: int) -> list[str] | None:
        """Area ids needing attention in a year, by name; None where the year has no type at all."""
        rows = self.types[(self.types["typologie_id"] == spec.id) & (self.types["jahr"] == year)]
        if rows["typ"].notna().sum() == 0:
            return None
        flagged = rows[rows["aufmerksamkeit"].fillna(False).astype(bool)]
        return self.by_name(flagged["sozialraum_id"])

    def unclassified(self, spec: TypologySpec, year: int) -> list[str]:
        """Area ids without a type in a year (an index value is missing), by name."""
        rows = self.types[(self.types["typologie_id"] == spec.id) & (self.types["jahr"] == year)]
        typed = set(rows.loc[rows["typ"].notna(), "sozialraum_id"].astype(str))
        return self.by_name(a for a in self.names if a not in typed)

    def without_value(self, index_id: str, year: int) -> list[str]:
        """Area ids without a value of an index in a year, by name."""
        rows = self.index_rows(index_id, year)
        valued = set(rows.index[rows["wert"].notna()].astype(str)) if len(rows) else set()
        return self.by_name(a for a in self.names if a not in valued)

    def by_name(self, ids) -> list[str]:
        return sorted((str(a) for a in ids), key=lambda a: (self.name(a).casefold(), a))


# --- numbers in words -----------------------------------------------------------------------


def _value(value: float, unit: str) -> str:
    return f"{german(value, DECIMALS)} {unit}".strip()


def _delta_unit(unit: str) -> str:
    return T["percentage_points"] if unit == "%" else unit


def _delta(value: float, unit: str) -> str:
    return f"{signed(value, DECIMALS)} {_delta_unit(unit)}".strip()


def _rounded_zero(value: float, decimals: int = DECIMALS) -> bool:
    return round(abs(value), decimals) == 0


def _judgement(delta: float, direction: int) -> str:
    """'günstiger'/'ungünstiger' in the sense of the index; 'gleich' where the printed change is 0."""
    if _rounded_zero(delta):
        return T["same"]
    return T["better"] if (delta > 0) == (direction > 0) else T["worse"]


def _sense(delta: float, direction: int) -> str:
    """'im Sinne des Index günstiger/ungünstiger': the judgement is the index's, never the group's."""
    return T["index_sense"].format(judgement=_judgement(delta, direction))


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + T["and"] + items[-1]


def _percent(p: float) -> str:
    from .pages.uncertainty import percent

    return percent(p)


def _score(value) -> str:
    return signed(value, SCORE_DECIMALS)


def _nonempty(value) -> bool:
    return value is not None and not (not isinstance(value, str) and pd.isna(value)) and str(value).strip() != ""


# --- the report ---------------------------------------------------------------------------------


def analyse(release: Release, tables: dict[str, pd.DataFrame]) -> Analysis:
    """The Bestandsanalyse of a release from its published tables (see the module's rules)."""
    data = _Tables(release, tables)
    city = release.settings.city or T["city_fallback"]
    attention = _attention_sets(data)
    sections = [
        _overview(data, attention),
        _attention(data, attention),
        _class_changes(data, attention),
        _changes(data),
        _hotspots(data),
    ]
    districts = _districts(data, attention)
    if districts is not None:
        sections.append(districts)
    title = (
        T["title"].format(city=city, year=data.year)
        if release.settings.city
        else T["title_no_city"].format(year=data.year)
    )
    return Analysis(
        title=title,
        city=city,
        year=data.year,
        previous_year=data.previous,
        base_year=data.base,
        synthetic=bool(release.settings.synthetic),
        sections=tuple(s for s in sections if s is not None),
        rules=rules(release),
        key_figures=_key_figures(data, attention),
        attention={key: tuple(a["areas"]) for key, a in attention.items()},
    )


def rules(release: Release) -> tuple[str, ...]:
    """The rules of the report in German, with the thresholds of this release."""
    m = release.settings.method
    values = {
        "driver_cut": signed(DRIVER_CUT, 1),
        "max_drivers": MAX_DRIVERS,
        "max_indicators": MAX_INDICATORS,
        "city_share": german(CITY_CHANGE_SHARE, 1),
        "area_share": german(AREA_CHANGE_SHARE, 1),
        "max_changes": MAX_AREA_CHANGES,
        "min_denominator": german(m.min_denominator, 0),
    }
    out = tuple(rule.format(**values) for rule in T["rules"])
    c = release.settings.certainty
    if c.draws > 0:  # how sure a class is: the bootstrap's rule
        out += (U["analysis_rule"].format(draws=german(c.draws, 0), sure=german(c.sure * 100, 0)),)
    return out


def _status(data: _Tables) -> list[IndexSpec]:
    return [s for s in data.release.indices if s.kind != DYNAMICS]


def _fallback_index(data: _Tables) -> IndexSpec:
    status = _status(data)
    return status[0] if status else data.release.indices[0]


def _attention_sets(data: _Tables) -> dict[str, dict]:
    """Per typology (or the fallback rule): its year, its areas, the indices it is read from."""
    out: dict[str, dict] = {}
    for spec in data.release.typologies:
        year = data.typology_year(spec)
        earlier = [y for y in data.years if y < year]
        previous = earlier[-1] if earlier else None
        out[spec.id] = {
            "typology": spec,
            "name": spec.name,
            "label": spec.name,
            "year": year,
            "areas": data.attention(spec, year) or [],
            "previous_year": previous,
            "previous": data.attention(spec, previous) if previous is not None else None,
            "indices": [data.release.index(spec.first), data.release.index(spec.second)],
        }
    if not out:
        spec = _fallback_index(data)
        lowest = spec.classes.labels[0]

        def lowest_areas(year):
            if year is None:
                return None
            rows = data.index_rows(spec.id, year)
            return data.by_name(rows.index[rows["klasse"] == lowest]) if len(rows) else None

        out["fallback"] = {
            "typology": None,
            "name": spec.name,
            "label": T["fallback_label"].format(name=spec.name),
            "year": data.year,
            "areas": lowest_areas(data.year) or [],
            "previous_year": data.previous,
            "previous": lowest_areas(data.previous),
            "indices": [spec],
            "lowest": lowest,
            "index": spec,
        }
    return out


def _unclassified(data: _Tables, a: dict) -> list[str]:
    """The areas the attention rule cannot place in its year: no type (or no index value)."""
    if a["typology"] is not None:
        return data.unclassified(a["typology"], a["year"])
    return data.without_value(a["index"].id, a["year"])


# --- 1. Überblick ----------------------------------------------------------------------------------


def _key_figures(data: _Tables, attention: dict[str, dict]) -> tuple[tuple[str, str, str], ...]:
    out = [(T["key_year"], str(data.year), ""), (T["key_areas"], str(len(data.names)), "")]
    for a in attention.values():
        note = ""
        if a["previous"] is not None:
            note = T["key_attention_note"].format(year=a["previous_year"], k=len(a["previous"]))
        out.append((T["key_attention"].format(name=a["label"]), str(len(a["areas"])), note))
    return tuple(out)


def _overview(data: _Tables, attention: dict[str, dict]) -> Section:
    n = len(data.names)
    facts = [
        Fact(
            "overview_areas",
            T["overview_areas"].format(year=data.year, n=n, city=data.release.settings.city or T["city_fallback"]),
            {"year": data.year, "areas": n},
        )
    ]
    for spec in data.release.indices:
        rows = data.index_rows(spec.id, data.year)
        counts = {label: int((rows["klasse"] == label).sum()) for label in spec.classes.labels}
        absent = data.without_value(spec.id, data.year)
        parts = [T["class_count"].format(klasse=label, n=c) for label, c in counts.items()]
        text = T["overview_distribution"].format(
            name=spec.name, measure=spec.short_name, year=data.year, classes="; ".join(parts)
        )
        if absent:
            text += " " + T["overview_no_value"].format(names=_join([data.name(a) for a in absent]))
        facts.append(
            Fact(
                "overview_distribution",
                text,
                {"index_id": spec.id, "counts": counts, "missing": len(absent), "missing_areas": absent},
            )
        )
        uncertain = _lowest_uncertain(data, spec, rows) if spec.kind != DYNAMICS else None
        if uncertain is not None:
            facts.append(uncertain)
    for key, a in attention.items():
        facts.append(_attention_count(data, key, a, n))
    facts.append(_windows(data))
    return Section("overview", T["overview_title"], tuple(facts))


def _lowest_uncertain(data: _Tables, spec: IndexSpec, rows: pd.DataFrame) -> Fact | None:
    """How many areas of a status index's two lowest classes are not sure to be in their class
    (bootstrap); None where the release has no such numbers."""
    lowest = list(spec.classes.labels[:2])
    mine = rows[rows["klasse"].isin(lowest)] if len(rows) else rows
    ids = data.by_name(mine.index)
    if not ids or not any(data.certainty.get(spec.id, None, a, data.year) for a in ids):
        return None
    unsure = [a for a in ids if data.unsure(spec.id, data.year, a) is not None]
    values = {
        "name": spec.name,
        "classes": T["or"].join(reversed(lowest)),
        "m": len(ids),
        "k": len(unsure),
        "sure": german(data.sure * 100, 0),
        "names": _join([data.flagged(data.name(a), spec.id, data.year, a) for a in unsure]),
    }
    key = "analysis_lowest_none" if not unsure else "analysis_lowest_one" if len(unsure) == 1 else "analysis_lowest"
    numbers = {"index_id": spec.id, "classes": lowest, "areas": ids, "uncertain": unsure}
    return Fact("uncertain_lowest", U[key].format(**values), numbers)


def _windows(data: _Tables) -> Fact:
    """The time windows of the report: the dynamics indices' periods, the previous and the base year."""
    parts, numbers = [], {"year": data.year, "previous": data.previous, "base": data.base, "periods": {}}
    for spec in data.release.indices:
        if spec.kind == DYNAMICS and spec.period:
            start = data.year - spec.period
            parts.append(T["window_dynamics"].format(name=spec.name, period=spec.period, start=start, year=data.year))
            numbers["periods"][spec.id] = start
    if data.previous is not None:
        parts.append(T["window_previous"].format(year=data.previous))
    if data.base is not None:
        parts.append(T["window_base"].format(year=data.base))
    return Fact("windows", T["windows"].format(year=data.year, parts="".join(parts)), numbers)


def _attention_count(data: _Tables, key: str, a: dict, n: int) -> Fact:
    names = [data.name(i) for i in a["areas"]]
    if a["typology"] is not None:
        text = T["attention_count"].format(k=len(names), n=n, name=a["name"], year=a["year"])
    else:
        text = T["attention_count_fallback"].format(
            k=len(names), n=n, name=a["name"], lowest=a["lowest"], measure=a["index"].short_name, year=a["year"]
        )
    if names:
        text += " " + T["attention_names"].format(names=_join(names))
    unclassified = _unclassified(data, a)
    if unclassified:
        text += " " + T["attention_unclassified_short"].format(names=_join([data.name(i) for i in unclassified]))
    previous, prev_year = a["previous"], a["previous_year"]
    data_out = {
        "key": key,
        "year": a["year"],
        "areas": list(a["areas"]),
        "previous_year": prev_year,
        "unclassified": unclassified,
    }
    if prev_year is None:
        text += " " + T["attention_no_previous_year"]
    elif previous is None:
        text += " " + T["attention_previous_unknown"].format(year=prev_year)
    else:
        new = [i for i in a["areas"] if i not in previous]
        gone = [i for i in previous if i not in a["areas"]]
        text += " " + T["attention_previous"].format(year=prev_year, k=len(previous))
        if new:
            text += " " + T["attention_new"].format(names=_join([data.name(i) for i in new]))
        if gone:
            text += " " + T["attention_gone"].format(names=_join([data.name(i) for i in gone]))
        if not new and not gone:
            text += " " + T["attention_same"]
        data_out.update(previous=list(previous), new=new, gone=gone)
    return Fact("attention_count", text, data_out)


# --- 2. Areas needing attention --------------------------------------------------------------------


def _attention(data: _Tables, attention: dict[str, dict]) -> Section:
    blocks, facts, summary = [], [], []
    for key, a in attention.items():
        if len(attention) > 1:
            facts.append(Fact("attention_group", T["attention_group"].format(name=a["name"]), {"key": key}))
        facts.append(_attention_rule(data, key, a))
        unclassified = _unclassified_fact(data, key, a)
        if unclassified is not None:
            facts.append(unclassified)
        for area_id in a["areas"]:
            blocks.append(_area_block(data, key, a, area_id))
        if a["areas"]:
            summary.append(_summary(data, a))
        else:
            facts.append(
                Fact("attention_none", T["attention_none"].format(name=a["name"], year=a["year"]), {"key": key})
            )
    facts += _other_indices(data, attention)
    [only] = attention.values() if len(attention) == 1 else [None]
    title = (
        T["attention_title_one"].format(name=only["name"])
        if only is not None and only["typology"] is not None
        else T["attention_title"]
    )
    return Section("attention", title, tuple(facts), tuple(blocks), summary=tuple(summary))


def _attention_rule(data: _Tables, key: str, a: dict) -> Fact:
    """Which indices the rule reads and the rule in words (a typology's: the words of its page)."""
    spec = a["typology"]
    if spec is None:
        index = a["index"]
        text = T["attention_rule_fallback"].format(name=index.name, measure=index.short_name, lowest=a["lowest"])
        return Fact("attention_rule", text, {"key": key, "indices": [index.id]})
    from .pages.typologies import rule_text  # late: the pages import this module

    rule = rule_text(SimpleNamespace(release=data.release), spec)
    first, second = a["indices"]
    text = T["attention_rule_typology"].format(name=spec.name, first=first.name, second=second.name, rule=rule)
    return Fact("attention_rule", text, {"key": key, "indices": [first.id, second.id]})


def _unclassified_fact(data: _Tables, key: str, a: dict) -> Fact | None:
    """The areas the rule cannot place, with the indices they have no value of."""
    ids = _unclassified(data, a)
    if not ids:
        return None
    items, numbers = [], {}
    for area_id in ids:
        lacking = [s for s in a["indices"] if area_id in data.without_value(s.id, a["year"])]
        numbers[area_id] = [s.id for s in lacking]
        indices = _join([f"„{s.name}“" for s in lacking]) if lacking else T["classes_no_value"]
        items.append(T["unclassified_item"].format(name=data.name(area_id), indices=indices))
    text = T["attention_unclassified"].format(year=a["year"], items="; ".join(items))
    return Fact("attention_unclassified", text, {"key": key, "areas": ids, "indices": numbers})


def _other_indices(data: _Tables, attention: dict[str, dict]) -> list[Fact]:
    """Per status index outside the attention rules: its areas in its two lowest classes."""
    used = {s.id for a in attention.values() for s in a["indices"]}
    facts = []
    for spec in _status(data):
        if spec.id in used:
            continue
        lowest = list(spec.classes.labels[:2])
        rows = data.index_rows(spec.id, data.year)
        mine = rows[rows["klasse"].isin(lowest) & rows["wert"].notna()] if len(rows) else rows
        ids = [str(a) for a in sorted(mine.index, key=lambda a: (float(mine.at[a, "wert"]), str(a)))]
        values = {"index_id": spec.id, "classes": lowest, "areas": ids}
        classes = T["or"].join(reversed(lowest))
        if ids:
            names = ", ".join(data.name(a) for a in ids)
            text = T["attention_other"].format(
                name=spec.name, year=data.year, measure=spec.short_name, classes=classes, names=names
            )
        else:
            text = T["attention_other_none"].format(
                name=spec.name, year=data.year, measure=spec.short_name, classes=classes
            )
        facts.append(Fact("attention_other", text, values))
        unsure = _unsure_fact(data, "attention_other_uncertain", spec, ids)
        if unsure is not None:
            facts.append(unsure)
    return facts


def _unsure_fact(data: _Tables, rule: str, spec: IndexSpec, ids: list[str], dimension=None) -> Fact | None:
    """Of these areas, those whose class (of the index, or of `dimension`) is uncertain, in one sentence."""
    dim_id = None if dimension is None else dimension.id
    unsure = [a for a in ids if data.unsure(spec.id, data.year, a, dim_id) is not None]
    if not unsure:
        return None
    names = ", ".join(data.flagged(data.name(a), spec.id, data.year, a, dim_id) for a in unsure)
    key = "analysis_unsure_dimension" if dimension is not None else "analysis_unsure_index"
    text = U[key].format(names=names, dim=dimension.name if dimension is not None else "", measure=spec.short_name)
    return Fact(rule, text, {"index_id": spec.id, "dimension_id": dim_id, "areas": unsure})


def _class_of(data: _Tables, index_id: str, year: int | None, area_id: str) -> str | None:
    if year is None:
        return None
    rows = data.index_rows(index_id, year)
    if area_id not in rows.index or pd.isna(rows.at[area_id, "klasse"]):
        return None
    return str(rows.at[area_id, "klasse"])


def _moves(data: _Tables, indices: list[IndexSpec], area_id: str, before: int, after: int) -> list[tuple]:
    """(index, class before, class after) of the indices whose class of the area changed."""
    out = []
    for spec in indices:
        then, now = _class_of(data, spec.id, before, area_id), _class_of(data, spec.id, after, area_id)
        if then != now:
            out.append((spec, then, now))
    return out


def _moves_text(moves: list[tuple]) -> str:
    return T["and"].join(
        T["classes_move"].format(
            measure=spec.short_name, before=then or T["classes_no_value"], after=now or T["classes_no_value"]
        )
        + _class_judgement(spec, then, now)
        for spec, then, now in moves
    )


def _noise_fact(data: _Tables, moves: list[tuple], before: int | None, after: int | None) -> Fact | None:
    """The class moves (area, index, class before, class after) with an uncertain class:
    they may be chance (bootstrap), said in one sentence after the lists."""
    noisy = [(a, spec, b, c) for a, spec, b, c in moves if data.noise(spec.id, before, after, a)]
    if not noisy:
        return None
    items = "; ".join(
        T["classes_item"].format(
            name=data.name(a),
            moves=T["classes_move"].format(measure=spec.short_name, before=b, after=c) + _class_judgement(spec, b, c),
        )
        for a, spec, b, c in noisy
    )
    numbers = {"moves": [(a, spec.id, b, c) for a, spec, b, c in noisy], "before": before, "after": after}
    return Fact("classes_noise", U["analysis_noise_fact"].format(items=items), numbers)


def _class_judgement(spec: IndexSpec, then: str | None, now: str | None) -> str:
    """', ▲ günstiger' or ', ▼ ungünstiger': the classes are ordered from the least favourable."""
    order = {label: k for k, label in enumerate(spec.classes.labels)}
    if then not in order or now not in order or order[then] == order[now]:
        return ""
    return f", {T['better'] if order[now] > order[then] else T['worse']}"


def _summary(data: _Tables, a: dict) -> Table:
    """One row per area needing attention: type, index values and ranks, class changes, lowest dimensions."""
    year, previous = a["year"], a["previous_year"]
    status = [s for s in a["indices"] if s.kind != DYNAMICS] or a["indices"][:1]
    main = status[0]
    head = [T["area"]]
    if a["typology"] is not None:
        head.append(T["summary_type"])
    head += [T["summary_scores"]]
    if previous is not None:
        head.append(T["summary_changes"].format(year=previous))
    head.append(T["summary_dims"].format(name=main.name))
    rows = []
    for area_id in a["areas"]:
        row: list = [AreaRef(area_id, data.name(area_id))]
        if a["typology"] is not None:
            t = data.types
            typ = t[(t["typologie_id"] == a["typology"].id) & (t["jahr"] == year) & (t["sozialraum_id"] == area_id)]
            row.append(Fact("summary_type", str(typ["typ"].iloc[0]), {"area_id": area_id}))
        scores, numbers = [], {}
        for spec in a["indices"]:
            rs = data.index_rows(spec.id, year)
            if area_id not in rs.index or pd.isna(rs.at[area_id, "wert"]):
                scores.append(T["summary_no_score"].format(measure=spec.short_name))
                numbers[spec.id] = None
                continue
            n = int(rs["rang"].notna().sum())
            value, rank = float(rs.at[area_id, "wert"]), int(rs.at[area_id, "rang"])
            score = T["summary_score"].format(measure=spec.short_name, value=_score(value), rank=rank, n=n)
            numbers[spec.id] = {"wert": value, "rang": rank, "n": n}
            unsure = data.unsure(spec.id, year, area_id)
            if unsure is not None:
                score += ", " + U["flag"].format(p=_percent(unsure.probability))
                numbers[spec.id]["klasse_wahrscheinlichkeit"] = unsure.probability
            scores.append(score)
        row.append(Fact("summary_scores", "; ".join(scores), {"area_id": area_id, "scores": numbers}))
        if previous is not None:
            moves = _moves(data, a["indices"], area_id, previous, year)
            new = a["previous"] is not None and area_id not in a["previous"]
            parts = ([T["summary_new"]] if new else []) + ([_moves_text(moves)] if moves else [])
            text = "; ".join(parts) if parts else T["summary_same"]
            row.append(
                Fact(
                    "summary_changes",
                    text,
                    {"area_id": area_id, "new": new, "moves": [(s.id, b, c) for s, b, c in moves]},
                )
            )
        dims, _ = _lowest_dimensions(data, main, area_id, year)
        names = {d.id: d.name for d in main.dimensions}
        row.append(
            Fact(
                "summary_dims",
                "; ".join(T["summary_dim"].format(name=names.get(d, d), value=_score(v)) for d, v in dims),
                {"area_id": area_id, "index_id": main.id, "dimensions": dims},
            )
        )
        rows.append(tuple(row))
    return Table(tuple(head), tuple(rows), "l" * len(head), T["summary_caption"].format(year=year))


def _lowest_dimensions(data: _Tables, spec: IndexSpec, area_id: str, year: int, k: int = 2):
    rows = data.dimension_rows(spec.id, year)
    mine = rows[(rows["sozialraum_id"] == area_id) & rows["wert"].notna()] if len(rows) else rows
    ordered = sorted(((str(d), float(w)) for d, w in zip(mine.index, mine["wert"])), key=lambda x: (x[1], x[0]))
    return ordered[:k], len(ordered)


# --- Klassenwechsel ---------------------------------------------------------------------------------


def _class_changes(data: _Tables, attention: dict[str, dict]) -> Section | None:
    """Per typology: who joined or left the attention list and which class moved; per status index:
    the areas whose class changed since the previous year, in the sense of the index."""
    if data.previous is None:
        return None
    blocks = []
    for a in attention.values():
        if a["typology"] is None or a["previous"] is None:
            continue
        blocks.append(_list_changes(data, a))
    for spec in _status(data):
        blocks.append(_index_class_changes(data, spec))
    title = T["classes_title"].format(previous=data.previous, year=data.year)
    return Section("classes", title, (), tuple(blocks))


def _list_changes(data: _Tables, a: dict) -> Block:
    year, previous = a["year"], a["previous_year"]
    joined = [i for i in a["areas"] if i not in a["previous"]]
    left = [i for i in a["previous"] if i not in a["areas"]]
    everything: list[tuple] = []  # (area, index, class before, class after) of every move listed

    def items(ids):
        out = []
        for i in ids:
            moves = _moves(data, a["indices"], i, previous, year)
            everything.extend((i, spec, b, c) for spec, b, c in moves if b is not None and c is not None)
            out.append(T["classes_item"].format(name=data.name(i), moves=_moves_text(moves)) if moves else data.name(i))
        return "; ".join(out)

    facts = []
    if joined:
        facts.append(Fact("classes_joined", T["classes_joined"].format(items=items(joined)), {"areas": joined}))
    if left:
        facts.append(Fact("classes_left", T["classes_left"].format(items=items(left)), {"areas": left}))
    if not joined and not left:
        facts.append(Fact("classes_list_same", T["classes_list_same"].format(year=previous), {}))
    noise = _noise_fact(data, everything, previous, year)
    if noise is not None:
        facts.append(noise)
    return Block(T["classes_typology"].format(name=a["name"]), tuple(facts))


def _index_class_changes(data: _Tables, spec: IndexSpec) -> Block:
    order = {label: k for k, label in enumerate(spec.classes.labels)}
    better, worse, kept, unknown = [], [], 0, []
    for area_id in data.by_name(data.names):
        then = _class_of(data, spec.id, data.previous, area_id)
        now = _class_of(data, spec.id, data.year, area_id)
        if then is None or now is None:
            if then is not None or now is not None:
                unknown.append(area_id)
            continue
        if then == now:
            kept += 1
            continue
        (better if order[now] > order[then] else worse).append((area_id, then, now))

    def items(entries):
        return "; ".join(
            T["classes_item"].format(
                name=data.name(i),
                moves=T["classes_move"].format(measure=spec.short_name, before=b, after=c),
            )
            for i, b, c in entries
        )

    facts = []
    if better:
        facts.append(
            Fact(
                "classes_better",
                T["classes_better"].format(items=items(better)),
                {"index_id": spec.id, "moves": better},
            )
        )
    if worse:
        facts.append(
            Fact("classes_worse", T["classes_worse"].format(items=items(worse)), {"index_id": spec.id, "moves": worse})
        )
    if not better and not worse:
        facts.append(Fact("classes_none", T["classes_none"], {"index_id": spec.id}))
    facts.append(
        Fact("classes_kept", T["classes_kept"].format(year=data.previous, n=kept), {"index_id": spec.id, "n": kept})
    )
    if unknown:
        names = _join([data.name(i) for i in unknown])
        facts.append(
            Fact("classes_unknown", T["classes_unknown"].format(names=names), {"index_id": spec.id, "areas": unknown})
        )
    noise = _noise_fact(data, [(i, spec, b, c) for i, b, c in better + worse], data.previous, data.year)
    if noise is not None:
        facts.append(noise)
    return Block(spec.name, tuple(facts))


def _area_block(data: _Tables, key: str, a: dict, area_id: str) -> Block:
    year = a["year"]
    facts = []
    spec = a["typology"]
    if spec is not None:
        row = data.types[
            (data.types["typologie_id"] == spec.id)
            & (data.types["jahr"] == year)
            & (data.types["sozialraum_id"] == area_id)
        ].iloc[0]
        facts.append(Fact("area_type", T["area_type"].format(typ=row["typ"], name=spec.name), {"typ": str(row["typ"])}))
    facts.append(_area_scores(data, area_id, year))
    for index in a["indices"]:
        facts += _drivers(data, index, area_id, year)
    gaps = _gaps(data, a["indices"], area_id, year)
    if gaps is not None:
        facts.append(gaps)
    return Block(data.name(area_id), tuple(facts), area_id)


def _area_scores(data: _Tables, area_id: str, year: int) -> Fact:
    parts, numbers = [], {}
    for spec in data.release.indices:
        rows = data.index_rows(spec.id, year)
        if area_id not in rows.index or pd.isna(rows.at[area_id, "wert"]):
            parts.append(T["score_missing"].format(name=spec.name))
            numbers[spec.id] = None
            continue
        r = rows.loc[area_id]
        n = int(rows["rang"].notna().sum())
        parts.append(
            T["score"].format(
                name=spec.name,
                value=_score(r["wert"]),
                measure=spec.short_name,
                klasse=r["klasse"],
                rank=int(r["rang"]),
                n=n,
            )
        )
        numbers[spec.id] = {"wert": float(r["wert"]), "klasse": str(r["klasse"]), "rang": int(r["rang"]), "n": n}
    return Fact("area_scores", T["scores"].format(year=year, scores="; ".join(parts)), {"scores": numbers})


def driving_dimensions(rows: pd.DataFrame, area_id: str) -> tuple[list[tuple[str, float, str]], bool]:
    """(dimension id, value, class) of the driving dimensions, and whether they lie below DRIVER_CUT."""
    mine = rows[(rows["sozialraum_id"] == area_id) & rows["wert"].notna()]
    ordered = sorted(
        ((str(d), float(r.wert), str(r.klasse)) for d, r in zip(mine.index, mine.itertuples())),
        key=lambda x: (x[1], x[0]),
    )
    below = [x for x in ordered if x[1] < DRIVER_CUT][:MAX_DRIVERS]
    if below:
        return below, True
    return ([ordered[0]] if ordered and ordered[0][1] < 0 else []), False


def _drivers(data: _Tables, spec: IndexSpec, area_id: str, year: int) -> list[Fact]:
    rows = data.dimension_rows(spec.id, year)
    names = {d.id: d for d in spec.dimensions}
    drivers, below = driving_dimensions(rows, area_id)
    listed = [
        T["dimension_value"].format(name=names[d].name, value=_score(v), measure=spec.short_name, klasse=k)
        for d, v, k in drivers
        if d in names
    ]
    numbers = {"index_id": spec.id, "dimensions": [{"id": d, "wert": v, "klasse": k} for d, v, k in drivers]}
    if not drivers:
        return [Fact("drivers_none", T["drivers_none"].format(name=spec.name), numbers)]
    key = "drivers_below" if below else "drivers_lowest"
    facts = [Fact(key, T[key].format(name=spec.name, dims=_join(listed), cut=signed(DRIVER_CUT, 1)), numbers)]
    dynamic = spec.kind == DYNAMICS and spec.period is not None
    for d, _, _ in drivers:
        if d not in names:
            continue
        fact = (
            _change_indicators(data, spec, names[d], area_id, year)
            if dynamic
            else _level_indicators(data, spec, names[d], area_id, year)
        )
        if fact is not None:
            facts.append(fact)
    return facts


def _level_indicators(data: _Tables, spec: IndexSpec, dim, area_id: str, year: int) -> Fact | None:
    """The dimension's indicators with the lowest oriented z below 0, against the city value."""
    found = []
    for m in dim.members:
        if data.state(m.indicator_id, year, area_id) != OK:
            continue
        row = data.year_values(m.indicator_id, year).loc[area_id]
        if pd.isna(row["z_wert"]) or float(row["z_wert"]) >= 0:
            continue
        found.append((float(row["z_wert"]), m.indicator_id, float(row["wert"])))
    found = sorted(found)[:MAX_INDICATORS]
    if not found:
        return None
    parts, numbers = [], []
    for z, i, value in found:
        unit, city = data.unit(i), data.city_value(i, year)
        item = {"indikator_id": i, "z_wert": z, "wert": value, "stadt": None if math.isnan(city) else city}
        if math.isnan(city):
            parts.append(T["indicator_no_city"].format(name=data.indicator_name(i), value=_value(value, unit)))
        else:
            diff = value - city
            item["differenz"] = diff
            parts.append(
                T["indicator_vs_city"].format(
                    name=data.indicator_name(i),
                    value=_value(value, unit),
                    city=_value(city, unit),
                    diff=f"{german(abs(diff), DECIMALS)} {_delta_unit(unit)}".strip(),
                    direction=T["higher"] if diff > 0 else T["lower"],
                    judgement=_judgement(diff, data.direction(i)),
                )
                if not _rounded_zero(diff)
                else T["indicator_as_city"].format(
                    name=data.indicator_name(i), value=_value(value, unit), city=_value(city, unit)
                )
            )
        numbers.append(item)
    text = T["indicators_in"].format(dim=dim.name, items="; ".join(parts))
    return Fact("drivers_indicators", text, {"index_id": spec.id, "dimension_id": dim.id, "indicators": numbers})


def _change_indicators(data: _Tables, spec: IndexSpec, dim, area_id: str, year: int) -> Fact | None:
    """In a dynamics index: the dimension's indicators whose change over the period was less
    favourable than the city's (difference × richtung below 0, not 0 when rounded), the
    largest first, measured in the spread of the areas' changes."""
    start = year - spec.period
    found = []
    for m in dim.members:
        i = m.indicator_id
        change = (data.usable(i, year) - data.usable(i, start)).dropna()
        city = data.city_value(i, year) - data.city_value(i, start)
        if area_id not in change.index or math.isnan(city):
            continue
        gap = (float(change[area_id]) - city) * data.direction(i)
        sd = float(change.std(ddof=0))
        if gap < 0 and not _rounded_zero(gap):
            found.append((gap / sd if sd > 0 else gap, i, float(change[area_id]), city))
    found = sorted(found)[:MAX_INDICATORS]
    if not found:
        return None
    parts, numbers = [], []
    for _, i, delta, city in found:
        unit = data.unit(i)
        numbers.append({"indikator_id": i, "veraenderung": delta, "stadt": city})
        parts.append(
            T["change_vs_city"]
            .format(
                name=data.indicator_name(i),
                movement=movement(delta, city),
                change=signed(delta, DECIMALS),
                city=signed(city, DECIMALS),
                unit=T["percentage_points_dative"] if unit == "%" else unit,
            )
            .replace("  ", " ")
            .replace(" )", ")")
        )
    text = T["changes_in"].format(dim=dim.name, start=start, year=year, items="; ".join(parts))
    return Fact("drivers_changes", text, {"index_id": spec.id, "dimension_id": dim.id, "indicators": numbers})


def _move(delta: float) -> str:
    return T["flat"] if _rounded_zero(delta) else T["rose"] if delta > 0 else T["fell"]


def movement(area: float, city: float) -> str:
    """How an area's value moved beside the city's, in words: 'gesunken, aber weniger als in der
    Stadt' (both fell, the area less), 'gestiegen, stärker als in der Stadt', 'gestiegen, in der
    Stadt gesunken' (opposite or one unchanged). Only the direction of the numbers, no judgement."""
    move, city_move = _move(area), _move(city)
    if move != city_move or move == T["flat"]:
        return T["move_other"].format(move=move, city_move=city_move)
    return T["move_more" if abs(area) > abs(city) else "move_less"].format(move=move)


def _gaps(data: _Tables, indices: list[IndexSpec], area_id: str, year: int) -> Fact | None:
    """The area's indicator cells of the rule's indices that are withheld, missing or rest on
    a small denominator: they entered no value of the area, and the report says so."""
    seen, items, numbers = set(), [], []
    for spec in indices:
        start = year - spec.period if spec.kind == DYNAMICS and spec.period else None
        years = [year] + ([start] if start in data.release.years else [])
        for i in spec.indicator_ids:
            for y in years:
                if (i, y) in seen:
                    continue
                seen.add((i, y))
                state = data.state(i, y, area_id)
                if state != OK:
                    reason = T[f"reason_{state}"].format(min_denominator=german(data.min_denominator, 0))
                    items.append(T["gap_item"].format(name=data.indicator_name(i), year=y, reason=reason))
                    numbers.append({"indikator_id": i, "jahr": y, "grund": state})
    if not items:
        return None
    text = T["gaps"].format(items="; ".join(items))
    return Fact("gaps", text, {"cells": numbers})


# --- 3. Changes ---------------------------------------------------------------------------------


def _change_indicator_ids(data: _Tables) -> list[str]:
    """The indicators of the status indices, in definition order, each once."""
    return list(dict.fromkeys(i for s in _status(data) for i in s.indicator_ids))


def _periods(data: _Tables) -> list[tuple[str, int]]:
    return [(k, y) for k, y in (("prev", data.previous), ("base", data.base)) if y is not None]


def _changes(data: _Tables) -> Section | None:
    periods = _periods(data)
    ids = _change_indicator_ids(data)
    if not periods or not ids:
        return Section("changes", T["changes_title"], (Fact("changes_none", T["changes_none"], {}),))
    spreads = {i: data.spread(i, data.year) for i in ids}
    facts, tables = [], []
    for spec in _status(data):
        facts += _city_change_facts(data, spec, periods, spreads)
        tables.append(_city_change_table(data, spec, periods, spreads))
    area_table, area_facts = _area_changes(data, ids, periods, spreads)
    facts += area_facts
    tables.append(area_table)
    return Section("changes", T["changes_title"], tuple(facts), tables=tuple(tables))


def _threshold(spread: float, share: float) -> float:
    return share * spread if spread == spread else math.inf  # no spread: nothing is large enough


def _city_change_facts(data: _Tables, spec: IndexSpec, periods, spreads) -> list[Fact]:
    facts = []
    for key, since in periods:
        better, worse, small, unknown = [], [], [], []
        for i in spec.indicator_ids:
            delta = data.city_value(i, data.year) - data.city_value(i, since)
            if math.isnan(delta):
                unknown.append(i)
                continue
            limit = _threshold(spreads[i], CITY_CHANGE_SHARE)
            if abs(delta) < limit or _rounded_zero(delta):
                small.append(i)
                continue
            entry = (abs(delta) / spreads[i] if spreads[i] else math.inf, i, delta)
            (better if delta * data.direction(i) > 0 else worse).append(entry)
        better.sort(key=lambda e: (-e[0], e[1]))
        worse.sort(key=lambda e: (-e[0], e[1]))

        items = [
            T["city_item"].format(
                name=data.indicator_name(i), change=_delta(d, data.unit(i)), judgement=_sense(d, data.direction(i))
            )
            for _, i, d in better + worse
        ]
        parts = [T["city_changed"].format(items="; ".join(items)) if items else T["city_changed_none"]]
        if small:
            key = "city_small_one" if len(small) == 1 else "city_small"
            parts.append(T[key].format(n=len(small), share=german(CITY_CHANGE_SHARE, 1)))
        if unknown:
            parts.append(T["city_unknown"].format(names=_join([data.indicator_name(i) for i in unknown])))
        text = T["city_changes"].format(name=spec.name, since=since, year=data.year, parts=" ".join(parts))
        facts.append(
            Fact(
                "city_changes",
                text,
                {
                    "index_id": spec.id,
                    "period": key,
                    "since": since,
                    "better": [(i, d) for _, i, d in better],
                    "worse": [(i, d) for _, i, d in worse],
                    "small": small,
                    "unknown": unknown,
                },
            )
        )
    return facts


def _city_change_table(data: _Tables, spec: IndexSpec, periods, spreads) -> Table:
    """The city's changes; below the threshold of the sentences 'kaum verändert', as they say."""
    head = [T["indicator"], T["city_in"].format(year=data.year)]
    head += [T["change_since"].format(year=since) for _, since in periods]
    rows = []
    for i in spec.indicator_ids:
        unit, now = data.unit(i), data.city_value(i, data.year)
        row = [data.indicator_name(i), "–" if math.isnan(now) else _value(now, unit)]
        for _, since in periods:
            delta = now - data.city_value(i, since)
            if math.isnan(delta):
                row.append("–")
                continue
            small = abs(delta) < _threshold(spreads[i], CITY_CHANGE_SHARE) or _rounded_zero(delta)
            word = T["small_change"] if small else _sense(delta, data.direction(i))
            row.append(f"{_delta(delta, unit)} ({word})")
        rows.append(tuple(row))
    caption = T["city_table"].format(name=spec.name, share=german(CITY_CHANGE_SHARE, 1))
    return Table(tuple(head), tuple(rows), "lr" + "r" * len(periods), caption)


def _area_changes(data: _Tables, ids: list[str], periods, spreads) -> tuple[Table, list[Fact]]:
    """Per area the largest changes above the threshold, and what could not be computed."""
    values = {y: {i: data.usable(i, y) for i in ids} for y in {data.year, *(y for _, y in periods)}}
    rows, not_computable, quiet = [], [], 0
    for area_id in data.by_name(data.names):
        cells: list = [AreaRef(area_id, data.name(area_id))]
        reported = False
        missing: dict[str, list[int]] = {}
        for key, since in periods:
            entries = []
            for i in ids:
                now, then = values[data.year][i], values[since][i]
                if area_id not in now.index or area_id not in then.index:
                    missing.setdefault(i, []).append(since)
                    continue
                delta = float(now[area_id]) - float(then[area_id])
                if abs(delta) < _threshold(spreads[i], AREA_CHANGE_SHARE) or _rounded_zero(delta):
                    continue
                entries.append((abs(delta) / spreads[i] if spreads[i] else math.inf, i, delta))
            entries = sorted(entries, key=lambda e: (-e[0], e[1]))[:MAX_AREA_CHANGES]
            reported |= bool(entries)
            items = [
                T["area_change"].format(
                    name=data.indicator_name(i),
                    change=_delta(d, data.unit(i)),
                    judgement=_sense(d, data.direction(i)),
                )
                for _, i, d in entries
            ]
            cells.append(
                Fact(
                    f"area_changes_{key}",
                    "; ".join(items) if items else T["area_change_none"],
                    {"area_id": area_id, "since": since, "changes": [(i, d) for _, i, d in entries]},
                )
            )
        if missing:
            not_computable.append(area_id)
            names = [data.indicator_name(i) for i in missing]
            cells.append(
                Fact(
                    "area_changes_missing",
                    T["area_missing"].format(names=_join(names)),
                    {"area_id": area_id, "indicators": sorted(missing)},
                )
            )
        else:
            cells.append(Fact("area_changes_missing", "–", {"area_id": area_id, "indicators": []}))
        quiet += not reported
        rows.append(tuple(cells))
    head = [
        T["area"],
        *[T["area_changes_since"].format(year=since) for _, since in periods],
        T["not_computable"].format(min_denominator=german(data.min_denominator, 0)),
    ]
    table = Table(tuple(head), tuple(rows), "l" * len(head), T["area_table"].format(year=data.year))
    facts = [
        Fact(
            "area_threshold",
            T["area_threshold"].format(
                share=german(AREA_CHANGE_SHARE, 1), max=MAX_AREA_CHANGES, n=len(rows) - quiet, quiet=quiet
            ),
            {"reported": len(rows) - quiet, "quiet": quiet},
        )
    ]
    if not_computable:
        facts.append(
            Fact(
                "area_not_computable",
                T["area_not_computable_one" if len(not_computable) == 1 else "area_not_computable"].format(
                    n=len(not_computable), min_denominator=german(data.min_denominator, 0)
                ),
                {"areas": not_computable},
            )
        )
    return table, facts


# --- 4. Hot spots ---------------------------------------------------------------------------------


def _hotspots(data: _Tables) -> Section | None:
    blocks = []
    for spec in _status(data):
        lowest = spec.classes.labels[0]
        rows = data.dimension_rows(spec.id, data.year)
        facts, unsure = [], []
        for d in spec.dimensions:
            mine = rows[rows.index == d.id] if len(rows) else rows
            ids = data.by_name(mine.loc[mine["klasse"] == lowest, "sozialraum_id"]) if len(mine) else []
            names = [data.name(a) for a in ids]
            text = (
                T["hotspot"].format(dim=d.name, measure=spec.short_name, lowest=lowest, n=len(ids), names=_join(names))
                if ids
                else T["hotspot_none"].format(dim=d.name, measure=spec.short_name, lowest=lowest)
            )
            facts.append(Fact("hotspot", text, {"index_id": spec.id, "dimension_id": d.id, "areas": ids}))
            unsure.append(_unsure_fact(data, "hotspot_uncertain", spec, ids, d))
        facts += [f for f in unsure if f is not None]  # after the dimensions: how sure their lowest classes are
        blocks.append(Block(spec.name, tuple(facts)))
    if not blocks:
        return None
    intro = Fact("hotspot_intro", T["hotspot_intro"].format(year=data.year), {"year": data.year})
    return Section("hotspots", T["hotspots_title"], (intro,), tuple(blocks))


# --- 5. Stadtbezirke -------------------------------------------------------------------------------


def _districts(data: _Tables, attention: dict[str, dict]) -> Section | None:
    areas = data.release.areas
    if "stadtbezirk" not in areas or not areas["stadtbezirk"].map(_nonempty).any():
        return None
    district_of = {str(a): str(d) for a, d in zip(areas["sozialraum_id"], areas["stadtbezirk"]) if _nonempty(d)}
    first = next(iter(attention.values()))
    flagged = set(first["areas"])
    blocks = []
    for district in sorted(set(district_of.values()), key=lambda d: (d.casefold(), d)):
        members = [a for a, d in district_of.items() if d == district]
        facts = [
            Fact(
                "district_areas",
                T["district_areas"].format(
                    n=len(members), k=sum(a in flagged for a in members), name=first["label"], year=first["year"]
                ),
                {"areas": sorted(members), "attention": sorted(a for a in members if a in flagged)},
            )
        ]
        for spec in _status(data):
            facts.append(_district_index(data, spec, members))
        blocks.append(Block(district, tuple(facts)))
    outside = sorted(set(data.names) - set(district_of))
    facts = (
        (Fact("district_outside", T["district_outside"].format(n=len(outside)), {"areas": outside}),) if outside else ()
    )
    return Section("districts", T["districts_title"], facts, tuple(blocks))


def _district_index(data: _Tables, spec: IndexSpec, members: list[str]) -> Fact:
    rows = data.index_rows(spec.id, data.year)
    mine = rows[rows.index.isin(members) & rows["wert"].notna()]
    missing = len(members) - len(mine)
    numbers: dict = {"index_id": spec.id, "missing": missing}
    if mine.empty:
        return Fact("district_index", T["district_no_value"].format(name=spec.name), numbers)
    low, high = mine["wert"].astype(float).idxmin(), mine["wert"].astype(float).idxmax()
    dims = data.dimension_rows(spec.id, data.year)
    dims = dims[dims["sozialraum_id"].isin(members) & dims["wert"].notna()]
    means = dims.groupby(level=0)["wert"].mean().astype(float)
    order = {d.id: k for k, d in enumerate(spec.dimensions)}
    means = means[[d in order for d in means.index]]
    numbers.update(min=float(mine.at[low, "wert"]), max=float(mine.at[high, "wert"]))
    text = T["district_range"].format(
        name=spec.name,
        low=_score(mine.at[low, "wert"]),
        high=_score(mine.at[high, "wert"]),
        low_class=mine.at[low, "klasse"],
        high_class=mine.at[high, "klasse"],
        measure=spec.short_name,
    )
    if len(means):
        worst = min(means.index, key=lambda d: (means[d], order[d]))
        dim = next(d for d in spec.dimensions if d.id == worst)
        numbers.update(dimension_id=worst, mean=float(means[worst]))
        key = "district_worst" if means[worst] < 0 else "district_lowest"
        text += " " + T[key].format(dim=dim.name, value=_score(means[worst]))
    if missing:
        absent = data.by_name(a for a in members if a not in set(mine.index))
        numbers["missing_areas"] = absent
        text += " " + T["district_missing"].format(names=_join([data.name(a) for a in absent]))
    return Fact("district_index", text, numbers)
