"""How sure each number is, from the bootstrap of the counts: what area pages, rankings,
the Bestandsanalyse and typologies show (issue 13).

Everything here reads the published tables `sicherheit` (value and rank interval, the
probability of the published class) and `klassen_wahrscheinlichkeiten` (every class with
a probability above 0). A value without a row there (no draws, `certainty.draws: 0`, or
an API user's Result that was not assessed) is shown as before, without an interval.
A class is "unsicher" where its probability is below `settings.certainty.sure`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from .. import contract, texts
from ..format import german, signed
from ..templating import Link, render
from .common import Site, T, area_link, klass, rank, table

U = texts.UNCERTAINTY


@dataclass(frozen=True)
class Sureness:
    """How sure one published value is: its row of `sicherheit` with the other classes."""

    value_low: float | None
    value_high: float | None
    rank_low: int | None
    rank_high: int | None
    klasse: str | None
    probability: float | None
    # the other classes with a probability above 0, the most likely first: (klasse, probability)
    others: tuple[tuple[str, float], ...] = ()
    draws: int | None = None
    # per other class (same order): True if it is more favourable than the published one
    # (a higher step), False if less, None where the published class's step is unknown
    better: tuple[bool | None, ...] = ()


class Lookup:
    """`sicherheit` and `klassen_wahrscheinlichkeiten` by (index_id, dimension_id, area, year);
    dimension_id None (or contract.WHOLE) is the index itself."""

    def __init__(self, tables: dict[str, pd.DataFrame]):
        rows = tables.get(contract.UNCERTAINTY)
        probs = tables.get(contract.CLASS_PROBABILITIES)
        others: dict[tuple, list[tuple[str, float, int]]] = {}
        if probs is not None and len(probs):
            for r in probs.itertuples(index=False):
                key = (str(r.index_id), str(r.dimension_id), str(r.sozialraum_id), int(r.jahr))
                others.setdefault(key, []).append((str(r.klasse), float(r.wahrscheinlichkeit), int(r.stufe)))
        self._rows: dict[tuple, Sureness] = {}
        if rows is None or not len(rows):
            return
        for r in rows.itertuples(index=False):
            key = (str(r.index_id), str(r.dimension_id), str(r.sozialraum_id), int(r.jahr))
            published = _text(r.klasse)
            rest = sorted(
                ((k, p, s) for k, p, s in others.get(key, []) if k != published and p > 0),
                key=lambda x: (-x[1], x[2]),
            )
            step = next((s for k, _, s in others.get(key, []) if k == published), None)
            self._rows[key] = Sureness(
                _float(r.wert_unten),
                _float(r.wert_oben),
                _int(r.rang_unten),
                _int(r.rang_oben),
                published,
                _float(r.klasse_wahrscheinlichkeit),
                tuple((k, p) for k, p, _ in rest),
                _int(r.ziehungen),
                tuple(None if step is None else s > step for _, _, s in rest),
            )

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, index_id: str, dimension_id: str | None, area_id: str, year: int) -> Sureness | None:
        return self._rows.get((str(index_id), dimension_id or contract.WHOLE, str(area_id), int(year)))


_CACHE: dict[int, tuple[pd.DataFrame | None, Lookup]] = {}


def lookup(tables: dict[str, pd.DataFrame]) -> Lookup:
    """The Lookup of these published tables (built once per table, pages ask per area)."""
    frame = tables.get(contract.UNCERTAINTY)
    key = id(frame)
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not frame:
        if len(_CACHE) > 4:
            _CACHE.clear()
        hit = _CACHE[key] = (frame, Lookup(tables))
    return hit[1]


def site_lookup(site: Site) -> Lookup:
    return lookup(site.tables)


def sure(site: Site) -> float:
    return float(site.release.settings.certainty.sure)


# --- phrases ---------------------------------------------------------------------------------


def percent(p: float) -> str:
    """A probability as a whole German percentage, rounded down: 0.87 → "87", 0.799 → "79"
    (below a threshold of 80 % it never reads "80", the method page says so); "1" for a
    probability above 0 that would read "0" (0.004: it did happen in some draws)."""
    whole = math.floor(float(p) * 100 + 1e-9)
    if p > 0:
        whole = max(whole, 1)
    return german(whole, 0)


def unsure(s: Sureness | None, threshold: float) -> bool:
    """The published class is uncertain: its probability is below `threshold` (settings.certainty.sure)."""
    return s is not None and s.probability is not None and s.probability < threshold


def rank_phrase(rank_value, n: int, s: Sureness | None) -> str:
    """'Rang 3 von 39 (wahrscheinlich zwischen 2 und 6; Rang 1 = am ungünstigsten)'."""
    r = int(rank_value)
    if s is None or s.rank_low is None or s.rank_high is None:
        return U["rank_plain"].format(rank=r, n=n)
    if s.rank_low == s.rank_high:
        return U["rank_single"].format(rank=r, n=n)
    return U["rank"].format(rank=r, n=n, low=s.rank_low, high=s.rank_high)


def class_phrase(measure: str, klasse: str, s: Sureness | None, threshold: float) -> str:
    """'<measure>: sehr niedrig (zu 87 % sicher)'; below `threshold`:
    '<measure>: niedrig, aber unsicher: zu 55 %; zu 40 % sehr niedrig'."""
    if s is None or s.probability is None:
        return U["class_plain"].format(measure=measure, klasse=klasse)
    if s.probability >= 1 and s.draws:
        return U["class_always"].format(measure=measure, klasse=klasse, draws=german(s.draws, 0))
    if not unsure(s, threshold):
        return U["class_sure"].format(measure=measure, klasse=klasse, p=percent(s.probability))
    text = U["class_unsure"].format(measure=measure, klasse=klasse, p=percent(s.probability))
    if s.others:
        other, p = s.others[0]
        text += "; " + U["class_other"].format(p=percent(p), klasse=other) + _direction(s)
    return text


def _direction(s: Sureness) -> str:
    """' (▲ günstiger)' or ' (▼ ungünstiger)': where the next likely class lies for the index."""
    better = s.better[0] if s.better else None
    return "" if better is None else U["other_direction"].format(direction=T["better" if better else "worse"])


def rank_range(s: Sureness | None) -> str:
    """'2–6', or '3' where the interval is one rank; '–' without one."""
    if s is None or s.rank_low is None or s.rank_high is None:
        return "–"
    if s.rank_low == s.rank_high:
        return str(s.rank_low)
    return U["range"].format(low=s.rank_low, high=s.rank_high)


def value_range(s: Sureness | None) -> str:
    """'−0,52 bis −0,21' (signed scores, as the pages write them); '–' without one."""
    if s is None or s.value_low is None or s.value_high is None:
        return "–"
    return U["value_range"].format(low=signed(s.value_low, 2), high=signed(s.value_high, 2))


def class_cell(klasse_value, s: Sureness | None, threshold: float) -> str:
    """A table cell: 'niedrig (zu 87 % sicher)' or 'niedrig (unsicher: zu 55 %; zu 40 % sehr niedrig)'."""
    label = klass(klasse_value)
    if label == "–" or s is None or s.probability is None:
        return label
    p = percent(s.probability)
    if not unsure(s, threshold):
        return U["compact_sure"].format(klasse=label, p=p)
    others = (
        U["compact_other"].format(p=percent(s.others[0][1]), klasse=s.others[0][0]) + _direction(s) if s.others else ""
    )
    return U["compact_unsure"].format(klasse=label, p=p, others=others)


def flag(s: Sureness | None, threshold: float) -> str | None:
    """'Klasse unsicher (zu 62 % sicher)' where the class is uncertain, else None."""
    return U["flag"].format(p=percent(s.probability)) if unsure(s, threshold) else None


def type_flags(site: Site, typology, area_id: str, year: int) -> list[str]:
    """Why an area's type is uncertain: per index of the typology whose class is below `sure`,
    'Entwicklung nur zu 62 % sicher' (the index's short name; empty: the type is sure, or not
    assessed)."""
    found, threshold, out = site_lookup(site), sure(site), []
    for index_id in dict.fromkeys((typology.first, typology.second)):
        s = found.get(index_id, None, area_id, year)
        if unsure(s, threshold):
            out.append(U["flag_in"].format(name=site.release.index(index_id).short_name, p=percent(s.probability)))
    return out


def type_chances(site: Site, typology_id: str, year: int) -> dict[str, tuple[float, float]]:
    """Area → (probability of its published type, probability that its type needs
    attention), from `typologie_sicherheit` (the two indices' classes drawn together)."""
    frame = site.tables.get(contract.TYPOLOGY_UNCERTAINTY)
    if frame is None or not len(frame):
        return {}
    rows = frame[(frame["typologie_id"] == typology_id) & (frame["jahr"] == year)]
    return {
        str(r.sozialraum_id): (float(r.typ_wahrscheinlichkeit), float(r.aufmerksamkeit_wahrscheinlichkeit))
        for r in rows.itertuples(index=False)
    }


def type_cell(site: Site, typology, area_id: str, year: int) -> str:
    """'Aufmerksamkeitsbedarf in 91 % der Wiederholungen; Typ zu 72 % sicher (Entwicklung nur
    zu 62 % sicher)'; without the typology's table 'ja' or 'nein: …'; '–' where nothing was assessed."""
    found = site_lookup(site)
    if not any(found.get(i, None, area_id, year) for i in (typology.first, typology.second)):
        return "–"
    flags = type_flags(site, typology, area_id, year)
    chances = type_chances(site, typology.id, year).get(area_id)
    if chances is None:
        return U["type_unsure"].format(flags="; ".join(flags)) if flags else U["type_sure"]
    kind, attention = chances
    typ = U["type_p"].format(p=percent(kind)) + (f" ({'; '.join(flags)})" if flags else "")
    return U["type_attention_p"].format(p=percent(attention), typ=typ)


def type_near(site: Site, typology, year: int) -> list[tuple[str, float]]:
    """Areas whose type needs no attention but would in at least 1 − `sure` of the draws
    (20 % by default), most likely first: where the list's edge is not sure."""
    low = 1 - sure(site)
    chances = type_chances(site, typology.id, year)
    types = site.tables[contract.TYPOLOGY_VALUES]
    rows = types[(types["typologie_id"] == typology.id) & (types["jahr"] == year)]
    outside = {
        str(r.sozialraum_id)
        for r in rows.itertuples(index=False)
        if not pd.isna(r.aufmerksamkeit) and not bool(r.aufmerksamkeit)
    }
    near = [(a, p[1]) for a, p in chances.items() if a in outside and p[1] >= low]
    return sorted(near, key=lambda x: (-x[1], site.names.get(x[0], x[0])))


# --- the method page's section ------------------------------------------------------------------


def method_section(site: Site) -> str:
    """Markdown of this part's section on the general method page ('' = none)."""
    from .. import charts_uncertainty, routes
    from . import sensitivity
    from .common import chart

    c = site.release.settings.certainty
    found = site_lookup(site)
    level = float(c.level)
    values = {
        "draws": german(c.draws, 0),
        "level": german(level * 100, 0),
        "low": german((1 - level) / 2 * 100, 0),
        "high": german((1 + level) / 2 * 100, 0),
        "sure": german(float(c.sure) * 100, 0),
        "min_denominator": german(site.release.settings.method.min_denominator, 0),
    }
    if not len(found):
        return render("_uncertainty_method.md.j2", U=U, T=T, none=True, values=values)
    rate_only = sorted(site.rate_only)
    names = dict(zip(site.release.indicators["indikator_id"], site.release.indicators["name"]))
    rate_text = (
        U["method_rate_only_some"].format(names=", ".join(str(names.get(i, i)) for i in rate_only))
        if rate_only
        else U["method_rate_only_none"]
    )
    spec = _first_status(site)
    examples = _examples(site, spec, found) if spec is not None else {}
    figure, here = None, "methode.md"
    if spec is not None:
        figure = chart(
            site,
            routes.index_chart(spec.id, charts_uncertainty.CHART),
            U["method_chart_title"].format(name=spec.name, year=site.year),
            here,
            probability_table(site, spec, found),
        )
    other = sensitivity.method_section(site)
    choice_heading = next((line[3:].strip() for line in other.splitlines() if line.startswith("## ")), None)
    return render(
        "_uncertainty_method.md.j2",
        U=U,
        T=T,
        none=False,
        values=values,
        rate_text=rate_text,
        examples=examples,
        chart=figure,
        chart_intro=U["method_chart_intro"].format(name=spec.name, year=site.year) if spec is not None else None,
        choice=_heading_link(choice_heading, here) if choice_heading else None,
    )


def _heading_link(heading: str, here: str) -> Link:
    """A link to a heading of the same page: its attr_list id ('## Titel {#id}') or the id
    the toc extension makes from its text."""
    from markdown.extensions.toc import slugify

    from .. import routes

    given = re.match(r"^(.*?)\s*\{#([A-Za-z0-9_-]+)\}\s*$", heading)
    text = re.sub(r"\\(.)", r"\1", given[1] if given else heading)  # Markdown escapes: the template escapes again
    anchor = given[2] if given else slugify(text, "-")
    return Link(text, routes.relative(here, here, anchor))


def _first_status(site: Site):
    from ..definitions import DYNAMICS

    specs = [s for s in site.release.indices if s.kind != DYNAMICS] or list(site.release.indices)
    return specs[0] if specs else None


def _examples(site: Site, spec, found: Lookup) -> dict:
    """Real rows of this release for the reading help: a rank interval of middle width and,
    if there is one, an uncertain class (the one nearest to the threshold)."""
    rows = site.scores(spec.id).dropna(subset=["rang"])
    n = int(len(rows))
    threshold = sure(site)
    ranked, unsure_rows = [], []
    for r in rows.itertuples():
        s = found.get(spec.id, None, r.sozialraum_id, site.year)
        if s is None or s.rank_low is None:
            continue
        ranked.append((s.rank_high - s.rank_low, str(r.sozialraum_id), r, s))
        if unsure(s, threshold) and isinstance(r.klasse, str):
            unsure_rows.append((-(s.probability or 0), str(r.sozialraum_id), r, s))
    out: dict = {}
    wide = sorted(ranked, key=lambda x: (x[0], x[1]))
    wide = [w for w in wide if w[0] > 0] or wide
    if wide:
        _, area_id, r, s = wide[len(wide) // 2]
        out["rank"] = {
            "text": U["method_read_rank"].format(
                low=s.rank_low, high=s.rank_high, level=german(site.release.settings.certainty.level * 100, 0)
            ),
            "example": U["method_read_example"].format(
                name=site.names.get(area_id, area_id), index=spec.name, year=site.year, phrase=rank_phrase(r.rang, n, s)
            ),
        }
        if isinstance(r.klasse, str) and s.probability is not None:
            out["class_p"] = percent(s.probability)
    if unsure_rows:
        _, area_id, r, s = sorted(unsure_rows, key=lambda x: (x[0], x[1]))[0]
        out["unsure"] = U["method_read_unsure"].format(
            name=site.names.get(area_id, area_id),
            index=spec.name,
            year=site.year,
            phrase=class_phrase(spec.short_name, r.klasse, s, threshold),
        )
    return out


def probability_table(site: Site, spec, found: Lookup) -> dict:
    """The chart's table: per area (by rank) its published class, how sure, the other classes."""
    rows = site.scores(spec.id).dropna(subset=["rang"]).sort_values(["rang", "sozialraum_id"])
    data = []
    for r in rows.itertuples():
        s = found.get(spec.id, None, r.sozialraum_id, site.year)
        if s is None:
            continue
        others = "; ".join(f"{k}: {percent(p)} %" for k, p in s.others) or "–"
        data.append(
            [
                rank(r.rang),
                area_link(site, "methode.md", r.sozialraum_id),
                klass(r.klasse),
                f"{percent(s.probability)} %" if s.probability is not None else "–",
                others,
            ]
        )
    head = [T["rank"], U["table_area"], U["table_class"].format(measure=spec.short_name), U["table_sure"]]
    return table([*head, U["table_others"]], data, "rllrl")


# --- helpers ----------------------------------------------------------------------------------


def _text(value) -> str | None:
    return None if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _float(value) -> float | None:
    return None if value is None or value is pd.NA or pd.isna(value) else float(value)


def _int(value) -> int | None:
    return None if value is None or value is pd.NA or pd.isna(value) else int(value)
