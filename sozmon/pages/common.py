"""What every page is made from: the Site (release + published tables, computed once)
and the small building blocks of the views (links, numbers in words, tables, charts).

Pages only ever show published (suppressed) numbers. Links between pages are relative
`.md` links (`routes.relative`), so `mkdocs build --strict` checks every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from .. import contract, routes, share, texts
from ..definitions import DYNAMICS, IndexSpec, TypologySpec
from ..format import ChartSize, chart_block, german, signed
from ..model import Release
from ..templating import Link, html, render

T = texts.PAGES


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from: the release and its published tables."""

    release: Release
    tables: dict[str, pd.DataFrame]
    downloads: list[dict]
    charts: dict[str, ChartSize]  # the charts that exist: id → size of the static SVG(s)

    # Computed once: the pages ask for them thousands of times in a large city.
    @cached_property
    def year(self) -> int:
        return int(self.tables[contract.INDEX_VALUES]["jahr"].max())

    @cached_property
    def title(self) -> str:
        return site_title(self.release)

    @cached_property
    def names(self) -> dict[str, str]:
        areas = self.release.areas
        return dict(zip(areas["sozialraum_id"], areas["name"]))

    @cached_property
    def city(self) -> str:
        return self.release.settings.city or T["city_fallback"]

    @cached_property
    def city_total(self) -> str:
        """The city value (ratio of sums), named apart from the mean of the areas."""
        return T["city_total"].format(city=self.city)

    @cached_property
    def city_values(self) -> pd.DataFrame:
        agg = self.tables["gebiete_werte"]
        return agg[agg["ebene"] == "stadt"]

    @cached_property
    def rate_only(self) -> set[str]:
        """Indicators delivered as rates only: no city value can be computed for them."""
        values = self.tables["indikator_werte"]
        return set(values.loc[values["nur_wert"].fillna(False).astype(bool), "indikator_id"])

    @cached_property
    def areas_by_id(self) -> pd.DataFrame:
        """The release's areas indexed by id: looked up once per area page (not rebuilt each time)."""
        return self.release.areas.set_index("sozialraum_id")

    @cached_property
    def downloads_by_path(self) -> dict[str, dict]:
        return {d["path"]: d for d in self.downloads}

    @cached_property
    def index_rows(self) -> dict[str, pd.DataFrame]:
        return dict(list(self.tables[contract.INDEX_VALUES].groupby("index_id", sort=False)))

    @cached_property
    def dimension_rows(self) -> dict[str, pd.DataFrame]:
        return dict(list(self.tables[contract.DIMENSION_VALUES].groupby("index_id", sort=False)))

    @cached_property
    def typology_rows(self) -> dict[str, pd.DataFrame]:
        return dict(list(self.tables[contract.TYPOLOGY_VALUES].groupby("typologie_id", sort=False)))

    @cached_property
    def scores_by_area(self) -> dict[str, pd.DataFrame]:
        return dict(list(self.tables[contract.INDEX_VALUES].groupby("sozialraum_id", sort=False)))

    @cached_property
    def dimensions_by_area(self) -> dict[str, pd.DataFrame]:
        return dict(list(self.tables[contract.DIMENSION_VALUES].groupby("sozialraum_id", sort=False)))

    @cached_property
    def types_by_area(self) -> dict[str, pd.DataFrame]:
        return dict(list(self.tables[contract.TYPOLOGY_VALUES].groupby("sozialraum_id", sort=False)))

    @cached_property
    def values_by_area(self) -> dict[str, pd.DataFrame]:
        return dict(list(self.tables["indikator_werte"].groupby("sozialraum_id", sort=False)))

    @cached_property
    def memberships(self) -> dict[str, list[tuple[IndexSpec, str]]]:
        """Per indicator: the indices and dimensions it enters (empty: a context indicator)."""
        out: dict[str, list[tuple[IndexSpec, str]]] = {}
        for spec in self.release.indices:
            for d in spec.dimensions:
                for m in d.members:
                    out.setdefault(m.indicator_id, []).append((spec, d.id))
        return out

    def direction(self, indicator) -> int | None:
        """+1/−1 for an indicator of some index; None for a context indicator (not judged)."""
        if indicator.indikator_id not in self.memberships or pd.isna(indicator.richtung):
            return None
        return int(indicator.richtung)

    def scores(self, index_id: str, year: int | None = None) -> pd.DataFrame:
        rows = self.index_rows.get(index_id, self.tables[contract.INDEX_VALUES].iloc[:0])
        rows = rows[rows["jahr"] == (year or self.year)]
        return rows.assign(name=rows["sozialraum_id"].map(self.names))

    def dimension_scores(self, index_id: str, dimension_id: str, year: int | None = None) -> pd.DataFrame:
        rows = self.dimension_rows.get(index_id, self.tables[contract.DIMENSION_VALUES].iloc[:0])
        rows = rows[(rows["dimension_id"] == dimension_id) & (rows["jahr"] == (year or self.year))]
        return rows.assign(name=rows["sozialraum_id"].map(self.names))

    def types(self, typology_id: str, year: int | None = None) -> pd.DataFrame:
        rows = self.typology_rows.get(typology_id, self.tables[contract.TYPOLOGY_VALUES].iloc[:0])
        rows = rows[rows["jahr"] == (year or self.year)]
        return rows.assign(name=rows["sozialraum_id"].map(self.names))

    def area_type(self, typology: TypologySpec, area_id: str) -> pd.Series | None:
        """The area's row of the typology in its latest year, None where it has no type."""
        rows = self.types_by_area.get(area_id)
        if rows is None:
            return None
        mine = rows[(rows["typologie_id"] == typology.id) & (rows["jahr"] == self.typology_year(typology))]
        return mine.iloc[0] if len(mine) and isinstance(mine.iloc[0]["typ"], str) else None

    def typology_year(self, typology: TypologySpec) -> int:
        """The latest year with a type, else the site's year."""
        rows = self.typology_rows.get(typology.id)
        known = rows.dropna(subset=["typ"]) if rows is not None else None
        return int(known["jahr"].max()) if known is not None and len(known) else self.year


def site_title(release: Release) -> str:
    """The site's name: the publication's title, else the release's, else a generic one."""
    s = release.settings
    city = s.city or T["city_fallback"]
    return s.publication.title or str(release.metadata.get("title") or "") or T["site_title"].format(city=city)


# --- building blocks ---------------------------------------------------------------------


def link(here: str, target: str, text: str, anchor: str = "") -> Link:
    """A link from page `here` to page `target` (both relative to docs/)."""
    return Link(text, routes.relative(here, target, anchor))


def area_link(site: Site, here: str, area_id: str) -> Link:
    return link(here, routes.page(routes.AREAS, area_id), site.names.get(area_id, area_id))


def index_link(here: str, spec: IndexSpec) -> Link:
    return link(here, routes.index_page(spec.id), spec.name)


def text(value) -> str | None:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def rank(value) -> str:
    return "–" if value is None or pd.isna(value) else str(int(value))


def klass(value) -> str:
    return value if isinstance(value, str) and value else "–"


def score_change(delta) -> str:
    """A change or difference of a score, saying whether it is better or worse."""
    if delta is None or pd.isna(delta):
        return "–"
    word = T["better"] if delta > 0.005 else T["worse"] if delta < -0.005 else T["same"]
    return f"{signed(delta, 2)} ({word})"


def unit_change(delta, unit: str | None, direction: int | None, uncertain: bool = False) -> str:
    """A difference in the indicator's own unit (percentage points for a percentage).

    For an indicator of an index it says whether the difference points the way the
    index counts as favourable (its direction), not whether this area's index rises: the
    index compares areas with their mean, not with the city total. A context indicator
    describes the area and gets no judgement, nor does a difference of an uncertain value.
    """
    if delta is None or pd.isna(delta):
        return "–"
    unit_text = T["percentage_points"] if unit == "%" else (unit or "")
    shown = f"{signed(delta, 1)} {unit_text}".strip()
    if uncertain:
        return shown + T["small_mark"]
    if direction is None:
        return f"{shown} ({T['not_judged']})"
    if round(float(delta), 1) == 0:
        return shown
    favourable = (delta > 0) == (direction > 0)
    return f"{shown} ({T['index_favourable'] if favourable else T['index_unfavourable']})"


def compact(cell: str) -> str:
    """A `unit_change` cell in fewer words for a narrow column (a PDF's, a phone's): same rule.
    Only where the table groups context indicators apart, which says that they are not judged."""
    for long, short in (
        (f"({T['index_favourable']})", T["better"]),
        (f"({T['index_unfavourable']})", T["worse"]),
        (f" ({T['not_judged']})", ""),
        (T["percentage_points"], T["pp_short"]),
    ):
        cell = cell.replace(long, short)
    return cell


def number(value, unit: str | None) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{german(value, 1)} {unit}".strip() if unit else german(value, 1)


def chart(site: Site, chart_id: str, title: str, here: str, table: dict | None = None) -> dict | None:
    """A chart with its table, or only the table where the chart was not made."""
    figure = None
    if chart_id in site.charts:
        root = routes.root(here)
        menu = share.menu(site, chart_id, here, title)
        figure = chart_block(chart_id, html(title), "", root, site.charts[chart_id], menu)
    if figure is None and table is None:
        return None
    return {"figure": figure, "title": title, "table": table}


def table(head: list[str], rows: list[list], align: str = "", kv: bool = False) -> dict:
    """A table for the template; `kv`: a two-column list of facts (on a phone: heading and text)."""
    return {"head": head, "rows": rows, "align": align, "kv": kv}


def front(title: str, description: str) -> dict:
    return {"title": title, "description": description}


def list_page(key: str, intro: str, **content) -> str:
    """An overview page (areas, indices, indicators): texts `<key>_title` and
    `<key>_description`, an intro, then a `table` or `items` (links with a text)."""
    title = T[f"{key}_title"]
    return render("list.md.j2", T=T, front=front(title, T[f"{key}_description"]), heading=title, intro=intro, **content)


def class_table(site: Site, rows: pd.DataFrame, here: str, spec: IndexSpec) -> dict:
    data = [
        [area_link(site, here, r.sozialraum_id), signed(r.wert, 2), klass(r.klasse), rank(r.rang)]
        for r in rows.sort_values("sozialraum_id").itertuples()
    ]
    return table([T["area"], T["score"], measure(spec), T["rank"]], data, "lrlr")


def measure(spec: IndexSpec) -> str:
    """The column head of a class: what the index measures (its short name)."""
    return spec.short_name


def effect(direction: int | None, spec: IndexSpec | None = None) -> str:
    """What the indicator does in an index, in words that judge no group of people; in a
    dynamics index it is the indicator's rise, not its level, that counts."""
    if direction is None:
        return T["effect_context"]
    if spec is not None and spec.kind == DYNAMICS:
        return T["effect_rise_raises"] if direction == 1 else T["effect_rise_lowers"]
    return T["effect_raises"] if direction == 1 else T["effect_lowers"]


def kind_text(spec: IndexSpec) -> str:
    """One sentence on what kind of index it is (status in a year, or change over years)."""
    if spec.kind != DYNAMICS:
        return T["kind_status"]
    if spec.period is None:
        return T["kind_dynamics_delivered"]
    return T["kind_dynamics"].format(period=spec.period, basis=spec.basis or "")


def position_note(spec: IndexSpec) -> str:
    """Scores standardised per year compare areas, they do not measure living conditions."""
    m = spec.method
    if spec.kind == DYNAMICS:
        return T["position_note_dynamics"].format(period=spec.period or "")
    if m.standardise == "base_year":
        return T["position_note_base_year"].format(base_year=m.base_year)
    return T["position_note"]
