"""Markdown pages from the published tables: start page, one page per Sozialraum,
dimension and indicator, the data page and the method page.

Pure: tables in, {relative path: Markdown} out. Each page is a view (plain values,
built here) rendered through an autoescaping template (`templating.py`), so no text of
the release reaches a page unescaped. Pages only ever show published (suppressed)
numbers. Links between pages are relative `.md` links (`routes.py`), so
`mkdocs build --strict` checks every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from . import routes, texts
from .format import ChartSize, chart_block, german, signed
from .model import TOTAL, Release
from .routes import AREAS, DIMENSIONS, INDICATORS
from .templating import Link, html, render

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
        return int(self.tables["index"]["jahr"].max())

    @cached_property
    def names(self) -> dict[str, str]:
        areas = self.release.areas
        return dict(zip(areas["sozialraum_id"], areas["name"]))

    @cached_property
    def dimension_names(self) -> dict[str, str]:
        dims = self.release.dimensions
        return dict(zip(dims["dimension_id"], dims["name"]))

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
    def index_by_area(self) -> dict[str, pd.DataFrame]:
        return dict(list(self.tables["index"].groupby("sozialraum_id", sort=False)))

    @cached_property
    def values_by_area(self) -> dict[str, pd.DataFrame]:
        return dict(list(self.tables["indikator_werte"].groupby("sozialraum_id", sort=False)))


def pages(site: Site) -> dict[str, str]:
    out = {
        "index.md": start(site),
        f"{AREAS}/index.md": area_list(site),
        f"{DIMENSIONS}/index.md": dimension_list(site),
        f"{INDICATORS}/index.md": indicator_list(site),
        "daten.md": data_page(site),
        "methode.md": method_page(site),
    }
    for area_id in site.release.areas["sozialraum_id"]:
        out[routes.page(AREAS, area_id)] = area_page(site, area_id)
    for dim in site.release.dimensions["dimension_id"]:
        out[routes.page(DIMENSIONS, dim)] = dimension_page(site, dim)
    for ind in site.release.indicators["indikator_id"]:
        out[routes.page(INDICATORS, ind)] = indicator_page(site, ind)
    return out


# --- building blocks ---------------------------------------------------------------------


def _link(kind: str, subject: str, name: str, depth: str) -> Link:
    """A link to a page; `depth` is the way from the linking page to the docs root."""
    return Link(name, depth + routes.page(kind, subject))


def _area_link(site: Site, area_id: str, depth: str) -> Link:
    return _link(AREAS, area_id, site.names.get(area_id, area_id), depth)


def _text(value) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _rank(value) -> str:
    return "–" if value is None or pd.isna(value) else str(int(value))


def _class(value) -> str:
    return value if isinstance(value, str) and value else "–"


def _score_change(delta) -> str:
    """A change or difference of a score, saying whether it is better or worse."""
    if delta is None or pd.isna(delta):
        return "–"
    word = T["better"] if delta > 0.005 else T["worse"] if delta < -0.005 else T["same"]
    return f"{signed(delta, 2)} ({word})"


def _unit_change(delta, unit: str | None, direction: int | None, uncertain: bool = False) -> str:
    """A difference in the indicator's own unit (percentage points for a percentage).

    For an indicator of the index it says whether the difference points the way the
    index counts as favourable (its direction), not whether this area's index rises: the
    index compares areas with their mean, not with the city total. A context indicator
    describes the area and gets no judgement, nor does a difference of an uncertain value.
    """
    if delta is None or pd.isna(delta):
        return "–"
    unit_text = T["percentage_points"] if unit == "%" else (unit or "")
    text = f"{signed(delta, 1)} {unit_text}".strip()
    if uncertain:
        return text + T["small_mark"]
    if direction is None or round(float(delta), 1) == 0:
        return text
    favourable = (delta > 0) == (direction > 0)
    return f"{text} ({T['index_favourable'] if favourable else T['index_unfavourable']})"


def _number(value, unit: str | None) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{german(value, 1)} {unit}".strip() if unit else german(value, 1)


def _chart(site: Site, chart_id: str, title: str, root: str, table: dict | None = None) -> dict | None:
    """A chart with its table, or only the table where the chart was not made."""
    figure = None
    if chart_id in site.charts:
        figure = chart_block(chart_id, html(title), "", root, site.charts[chart_id])
    if figure is None and table is None:
        return None
    return {"figure": figure, "title": title, "table": table}


def _table(head: list[str], rows: list[list], align: str = "", kv: bool = False) -> dict:
    """A table for the template; `kv`: a two-column list of facts (on a phone: heading and text)."""
    return {"head": head, "rows": rows, "align": align, "kv": kv}


def _index_rows(site: Site, dimension: str = TOTAL, year: int | None = None) -> pd.DataFrame:
    index = site.tables["index"]
    rows = index[(index["dimension_id"] == dimension) & (index["jahr"] == (year or site.year))]
    return rows.assign(name=rows["sozialraum_id"].map(site.names))


def _class_table(site: Site, rows: pd.DataFrame, depth: str) -> dict:
    data = [
        [_area_link(site, r.sozialraum_id, depth), signed(r.wert, 2), _class(r.klasse), _rank(r.rang)]
        for r in rows.sort_values("sozialraum_id").itertuples()
    ]
    return _table([T["area"], T["score"], T["class"], T["rank"]], data, "lrlr")


def _front(title: str, description: str) -> dict:
    return {"title": title, "description": description}


def _direction_effect(indicator) -> str:
    in_index = isinstance(indicator.dimension_id, str)
    return _effect(in_index, int(indicator.richtung) if in_index else None)


def _effect(in_index: bool, direction: int | None) -> str:
    """What the indicator does in the index, in words that judge no group of people."""
    if not in_index:
        return T["effect_context"]
    return T["effect_raises"] if direction == 1 else T["effect_lowers"]


# --- start page ------------------------------------------------------------------------


def start(site: Site) -> str:
    s, year = site.release.settings, site.year
    every = _index_rows(site)
    rows = every.dropna(subset=["rang"]).sort_values(["rang", "sozialraum_id"])
    meta = site.release.metadata

    def ranked(part: pd.DataFrame) -> list[dict]:
        return [
            {
                "link": _area_link(site, r.sozialraum_id, ""),
                "value": signed(r.wert, 2),
                "klasse": _class(r.klasse),
                "rank": _rank(r.rang),
            }
            for r in part.itertuples()
        ]

    return render(
        "start.md.j2",
        T=T,
        synthetic=s.synthetic,
        synthetic_note=texts.SYNTHETIC_NOTE,
        front=_front(
            f"{s.index_name} – {site.city}", T["start_description"].format(index=s.index_name, city=site.city)
        ),
        heading=T["start_heading"].format(index=s.index_name, city=site.city),
        intro=T["start_intro"].format(index=s.index_name),
        map=_chart(
            site,
            routes.chart(routes.INDEX_SCOPE, None, "karte"),
            T["map_title"].format(year=year),
            "",
            _class_table(site, every, ""),
        ),
        lowest=ranked(rows.head(3)),
        highest=ranked(rows.tail(3).iloc[::-1]),
        release_line=T["release_line"].format(
            version=meta.get("version", ""), date=str(meta.get("created", ""))[:10], year=year
        ),
        changelog=_changelog(site),
    )


def _changelog(site: Site):
    """The data owner's changelog: Markdown rendered, no raw HTML and no scripted links."""
    if not site.release.changelog:
        return None
    from .sanitize import changelog_html

    return changelog_html(site.release.changelog)


# --- lists -----------------------------------------------------------------------------


def area_list(site: Site) -> str:
    rows = _index_rows(site)
    areas = site.release.areas.set_index("sozialraum_id")
    data = [
        [
            _area_link(site, r.sozialraum_id, "../"),
            signed(r.wert, 2),
            _class(r.klasse),
            _rank(r.rang),
            _text(areas.at[r.sozialraum_id, "stadtteil"]),
            _text(areas.at[r.sozialraum_id, "stadtbezirk"]),
        ]
        for r in rows.sort_values("sozialraum_id").itertuples()
    ]
    head = [T["area"], T["index_value"], T["class"], T["rank"], T["stadtteil"], T["stadtbezirk"]]
    return render(
        "list.md.j2",
        T=T,
        front=_front(T["areas_title"], T["areas_description"]),
        heading=T["areas_title"],
        intro=T["areas_intro"].format(year=site.year),
        reading=T["score_reading"],
        table=_table(head, data, "lrlrll"),
    )


def dimension_list(site: Site) -> str:
    items = [
        {"link": _link(DIMENSIONS, d.dimension_id, d.name, "../"), "text": _text(d.beschreibung)}
        for d in site.release.dimensions.itertuples()
    ]
    return render(
        "list.md.j2",
        T=T,
        front=_front(T["dimensions_title"], T["dimensions_description"]),
        heading=T["dimensions_title"],
        intro=T["dimensions_intro"],
        reading=None,
        items=items,
    )


def indicator_list(site: Site) -> str:
    data = [
        [
            _link(INDICATORS, i.indikator_id, i.name, "../"),
            site.dimension_names.get(i.dimension_id, T["context"]) if isinstance(i.dimension_id, str) else T["context"],
            _text(i.einheit),
            _direction_effect(i),
        ]
        for i in site.release.indicators.itertuples()
    ]
    head = [T["indicator"], T["dimension"], T["unit"], T["effect"]]
    return render(
        "list.md.j2",
        T=T,
        front=_front(T["indicators_title"], T["indicators_description"]),
        heading=T["indicators_title"],
        intro=T["indicators_intro"],
        reading=None,
        table=_table(head, data, "llll"),
    )


# --- one Sozialraum ----------------------------------------------------------------------


def area_page(site: Site, area_id: str) -> str:
    area = site.release.areas.set_index("sozialraum_id").loc[area_id]
    name, year = area["name"], site.year
    mine = site.index_by_area.get(area_id, site.tables["index"].iloc[:0])
    now = mine[mine["jahr"] == year].set_index("dimension_id")
    total = now.loc[TOTAL] if TOTAL in now.index else None
    over_time = mine[mine["dimension_id"] == TOTAL].sort_values("jahr")
    has_index = total is not None and not pd.isna(total["wert"])
    root = "../../"
    dim_rows = [
        [
            _link(DIMENSIONS, d.dimension_id, d.name, "../"),
            signed(now["wert"].get(d.dimension_id), 2),
            _class(now["klasse"].get(d.dimension_id)),
        ]
        for d in site.release.dimensions.itertuples()
    ]
    time_rows = [
        [str(int(r.jahr)), signed(r.wert, 2), _class(r.klasse), _rank(r.rang), _score_change(r.veraenderung_vorjahr)]
        for r in over_time.itertuples()
    ]
    return render(
        "area.md.j2",
        T=T,
        front=_front(name, T["area_description"].format(name=name, index=site.release.settings.index_name)),
        name=name,
        place=_place(area),
        key=_key_figures(site, total, year) if has_index else None,
        summary=summary(site, area_id),
        locator=_chart(site, routes.chart(AREAS, area_id, "lage"), T["locator_title"].format(name=name), root),
        dimensions=_chart(
            site,
            routes.chart(AREAS, area_id, "dimensionen"),
            T["dimension_chart"].format(name=name, year=year),
            root,
            _table([T["dimension"], T["score"], T["class"]], dim_rows, "lrl"),
        ),
        reading=T["score_reading"],
        over_time=_chart(
            site,
            routes.chart(AREAS, area_id, "verlauf"),
            T["over_time_chart"].format(name=name),
            root,
            _table([T["year"], T["index_value"], T["class"], T["rank"], T["change_prev_position"]], time_rows, "rrlrr"),
        ),
        position_note=_position_note(site),
        indicator_intro=T["indicator_table_intro"].format(year=year, city_total=site.city_total),
        indicators=_indicator_table(site, area_id, year),
        notes=_indicator_notes(site),
        neighbours=_neighbours(site, area_id, area),
        download=T["download_rows"].format(id=area_id),
    )


def _place(area) -> str | None:
    """'Stadtteil X, Stadtbezirk Y': which is which, never two bare names."""
    parts = [
        T[key].format(name=_text(area.get(column)))
        for key, column in (("in_stadtteil", "stadtteil"), ("in_stadtbezirk", "stadtbezirk"))
        if _text(area.get(column))
    ]
    return ", ".join(parts) if parts else None


def _key_figures(site: Site, total, year: int) -> list[tuple[str, str]]:
    n = int(_index_rows(site)["rang"].notna().sum())
    rank = "–" if pd.isna(total["rang"]) else T["rank_of"].format(rank=int(total["rang"]), n=n)
    return [
        (T["index_in_year"].format(year=year), signed(total["wert"], 2)),
        (T["class"], _class(total["klasse"])),
        (T["rank_long"], rank),
    ]


def _position_note(site: Site) -> str:
    """Scores standardised per year compare areas, they do not measure living conditions."""
    m = site.release.settings.method
    if m.standardise == "base_year":
        return T["position_note_base_year"].format(base_year=m.base_year)
    return T["position_note"]


def summary(site: Site, area_id: str) -> str:
    """A short plain-German reading of the numbers."""
    year = site.year
    mine = site.index_by_area.get(area_id, site.tables["index"].iloc[:0])
    name = site.names[area_id]
    totals = mine[(mine["dimension_id"] == TOTAL) & mine["wert"].notna()].sort_values("jahr")
    now = totals[totals["jahr"] == year]
    if now.empty:
        if totals.empty:
            return T["no_index"].format(year=year)
        last = totals.iloc[-1]
        return T["no_index_last"].format(
            year=year, last_year=int(last["jahr"]), value=signed(last["wert"], 2), klasse=_class(last["klasse"])
        )
    t = now.iloc[0]
    sentences = [T["summary_index"].format(name=name, year=year, value=signed(t["wert"], 2), klasse=t["klasse"])]
    dims = mine[(mine["jahr"] == year) & (mine["dimension_id"] != TOTAL)].dropna(subset=["wert"])
    below = dims[dims["wert"] < 0].sort_values("wert").head(2)
    if len(below):
        listed = T["and"].join(
            f"{site.dimension_names[d]} ({signed(v, 2)})" for d, v in zip(below["dimension_id"], below["wert"])
        )
        sentences.append(T["summary_below_one" if len(below) == 1 else "summary_below"].format(dims=listed))
    else:
        sentences.append(T["summary_none_below"])
    change = t["veraenderung_vorjahr"]
    if not pd.isna(change):
        sentences.append(T["summary_change"].format(change=_score_change(change)))
    return " ".join(sentences)


def _indicator_table(site: Site, area_id: str, year: int) -> dict:
    mine = site.values_by_area.get(area_id, site.tables["indikator_werte"].iloc[:0])
    now = mine[mine["jahr"] == year].set_index("indikator_id")
    before = mine[mine["jahr"] == year - 1].set_index("indikator_id")
    city = site.city_values[site.city_values["jahr"] == year].set_index("indikator_id")["wert"]
    small = site.release.settings.method.min_denominator
    rows = []
    for ind in site.release.indicators.itertuples():
        i, unit = ind.indikator_id, _text(ind.einheit)
        direction = int(ind.richtung) if isinstance(ind.dimension_id, str) else None
        value, uncertain = _cell(now, i), _small(now, i, small)
        rows.append(
            [
                _link(INDICATORS, i, ind.name, "../"),
                _shown(now, i, unit, small),
                _number(city.get(i), unit),
                _unit_change(_minus(value, city.get(i)), unit, direction, uncertain),
                _unit_change(_minus(value, _cell(before, i)), unit, direction, uncertain or _small(before, i, small)),
            ]
        )
    head = [
        T["indicator"],
        T["value_in_year"].format(year=year),
        site.city_total,
        T["difference"].format(city_total=site.city_total),
        T["change_prev"],
    ]
    return _table(head, rows, "lrrrr")


def _indicator_notes(site: Site) -> list[str]:
    notes = [
        T["suppressed_note"],
        T["small_note"].format(min_denominator=german(site.release.settings.method.min_denominator, 0)),
    ]
    if site.rate_only:
        notes.append(T["rate_only_note"].format(city_total=site.city_total))
    return notes


def _cell(frame: pd.DataFrame, key: str):
    return frame["wert"].get(key) if key in frame.index else None


def _minus(a, b):
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return None
    return a - b


def _shown(frame: pd.DataFrame, key: str, unit: str | None, min_denominator: float) -> str:
    """The value as published: 'gesperrt', or marked where its denominator is small."""
    if key not in frame.index:
        return "–"
    if bool(frame.at[key, "gesperrt"]):
        return T["suppressed"]
    text = _number(frame.at[key, "wert"], unit)
    return text + T["small_mark"] if text != "–" and _small(frame, key, min_denominator) else text


def _small(frame: pd.DataFrame, key: str, min_denominator: float) -> bool:
    """The value rests on a denominator below the threshold: it stays out of the index."""
    if key not in frame.index:
        return False
    nenner = frame.at[key, "nenner"]
    return not pd.isna(nenner) and nenner < min_denominator


def _neighbours(site: Site, area_id: str, area) -> dict | None:
    stadtteil = _text(area.get("stadtteil"))
    if stadtteil is None:
        return None
    areas = site.release.areas
    others = areas[(areas["stadtteil"] == stadtteil) & (areas["sozialraum_id"] != area_id)]
    if others.empty:
        return None
    return {
        "text": T["neighbours"].format(stadtteil=stadtteil),
        "links": [_link(AREAS, r.sozialraum_id, r.name, "../") for r in others.itertuples()],
    }


# --- dimensions and indicators ------------------------------------------------------------


def dimension_page(site: Site, dimension_id: str) -> str:
    dim = site.release.dimensions.set_index("dimension_id").loc[dimension_id]
    inds = site.release.indicators[site.release.indicators["dimension_id"] == dimension_id]
    rows = _index_rows(site, dimension_id)
    name, year, root = dim["name"], site.year, "../../"
    ranked = rows.dropna(subset=["rang"]).sort_values(["rang", "sozialraum_id"])
    ranking = _table(
        [T["rank"], T["area"], T["score"], T["class"]],
        [
            [_rank(r.rang), _area_link(site, r.sozialraum_id, "../"), signed(r.wert, 2), _class(r.klasse)]
            for r in ranked.itertuples()
        ],
        "rlrl",
    )
    return render(
        "dimension.md.j2",
        T=T,
        front=_front(name, _text(dim["beschreibung"]) or name),
        name=name,
        description=_text(dim["beschreibung"]),
        weight=T["dimension_weight"].format(weight=german(dim["gewicht"], 1)),
        reading=T["score_reading"],
        indicators=[
            {"link": _link(INDICATORS, i.indikator_id, i.name, "../"), "effect": _direction_effect(i)}
            for i in inds.itertuples()
        ],
        heading=T["map_and_ranking"].format(year=year),
        map=_chart(
            site,
            routes.chart(DIMENSIONS, dimension_id, "karte"),
            T["map_title_classes"].format(name=name, year=year),
            root,
            _class_table(site, rows, "../"),
        ),
        ranking=_chart(
            site,
            routes.chart(DIMENSIONS, dimension_id, "rangfolge"),
            T["ranking_chart_classes"].format(name=name, year=year),
            root,
            ranking,
        ),
    )


def indicator_page(site: Site, indicator_id: str) -> str:
    ind = site.release.indicators.set_index("indikator_id").loc[indicator_id]
    unit, year, root, name = _text(ind["einheit"]), site.year, "../../", ind["name"]
    dim = ind["dimension_id"]
    in_index = isinstance(dim, str) and dim in site.dimension_names
    facts = [
        (T["dimension"], _link(DIMENSIONS, dim, site.dimension_names[dim], "../") if in_index else T["context_long"]),
        (
            T["definition"],
            T["definition_text"].format(
                zaehler=_text(ind["zaehler"]) or "–",
                nenner=_text(ind["nenner"]) or "–",
                faktor=german(ind["faktor"], 0),
            ),
        ),
        (T["unit"], unit or "–"),
        (T["effect"], _effect(in_index, int(ind["richtung"]) if in_index else None)),
        (T["source"], _text(ind["quelle"]) or "–"),
    ]
    values = site.tables["indikator_werte"]
    mine = values[values["indikator_id"] == indicator_id]
    small = site.release.settings.method.min_denominator
    now = mine[mine["jahr"] == year].set_index("sozialraum_id")
    order = now.reset_index().sort_values(
        ["wert", "sozialraum_id"], ascending=[in_index and int(ind["richtung"]) == 1, True], na_position="last"
    )["sozialraum_id"]

    def value_rows(ids) -> list[list]:
        return [[_area_link(site, a, "../"), _shown(now, a, unit, small)] for a in ids]

    city = site.city_values[site.city_values["indikator_id"] == indicator_id].sort_values("jahr")
    return render(
        "indicator.md.j2",
        T=T,
        front=_front(name, T["indicator_description"].format(name=name)),
        name=name,
        facts=_table([T["property"], T["content"]], [[k, v] for k, v in facts], "ll", kv=True),
        rate_only=bool(mine["nur_wert"].fillna(False).any()),
        heading=T["map_and_ranking"].format(year=year),
        map=_chart(
            site,
            routes.chart(INDICATORS, indicator_id, "karte"),
            T["map_title_dim"].format(name=name, year=year),
            root,
            _table([T["area"], T["value"]], value_rows(sorted(now.index)), "lr"),
        )
        if routes.chart(INDICATORS, indicator_id, "karte") in site.charts
        else None,
        ranking=_chart(
            site,
            routes.chart(INDICATORS, indicator_id, "rangfolge"),
            T["ranking_chart" if in_index else "ranking_chart_context"].format(name=name, year=year),
            root,
            _table([T["area"], T["value"]], value_rows(order), "lr"),
        ),
        notes=_indicator_notes(site),
        distribution=_chart(
            site,
            routes.chart(INDICATORS, indicator_id, "verteilung"),
            T["distribution_chart" if city["wert"].notna().any() else "distribution_chart_areas"].format(
                name=name, city_total=site.city_total
            ),
            root,
            _table(
                [T["year"], site.city_total],
                [[str(int(r.jahr)), _number(r.wert, unit)] for r in city.itertuples()],
                "rr",
            ),
        ),
    )


# --- data and method ---------------------------------------------------------------------


def data_page(site: Site) -> str:
    from .contract import dictionary
    from .package import citation

    groups: dict[str, list] = {}
    for d in site.downloads:
        groups.setdefault(d.get("group", ""), []).append(d)
    downloads = [{"title": texts.DOWNLOAD_GROUPS.get(key), "files": files} for key, files in groups.items()]
    tables = [
        {
            "title": t.title,
            "file": t.path,
            "description": t.description,
            "table": _table(
                [T["column"], T["title"], T["type"], T["meaning"]],
                [[c.name, c.title, c.type, c.meaning] for c in t.columns],
            ),
        }
        for t in dictionary()
    ]
    tables.append(_gis_dictionary(site))
    pub = site.release.settings.publication
    return render(
        "data.md.j2",
        T=T,
        front=_front(T["data_title"], T["data_description"]),
        downloads=[{**g, "files": [{**f, "size": _size(f["bytes"])} for f in g["files"]]} for g in downloads],
        licence=pub.licence_title,
        licence_url=pub.licence_url if _is_web(pub.licence_url) else None,
        citation=citation(site.release),
        dictionary=tables,
    )


def _gis_dictionary(site: Site) -> dict:
    """The columns of the GIS files: the areas with the latest classes side by side."""
    year = site.year
    rows = [
        [T["gis_area_columns"], T["gis_area_columns_type"], T["gis_area_columns_meaning"]],
        ["jahr", "integer", T["gis_year"].format(year=year)],
    ]
    names = {**site.dimension_names, TOTAL: site.release.settings.index_name}
    for dim in [*site.release.dimensions["dimension_id"], TOTAL]:
        for what, kind in (("wert", "number"), ("klasse", "string"), ("rang", "integer")):
            rows.append([f"{dim}_{what}", kind, T[f"gis_{what}"].format(name=names[dim], year=year)])
    return {
        "title": T["gis_title"],
        "file": "sozialraeume_index.geojson, sozialraeume_index.gpkg",
        "description": T["gis_description"],
        "table": _table([T["column"], T["type"], T["meaning"]], rows),
    }


def _is_web(url: str) -> bool:
    return isinstance(url, str) and url.startswith(("https://", "http://"))


def _size(n: int) -> str:
    if n < 1024:
        return T["bytes"].format(n=n)
    if n < 1024 * 1024:
        return f"{german(max(n, 1) / 1024, 1 if n < 10 * 1024 else 0)} KB"
    return f"{german(n / 1024 / 1024, 1)} MB"


def method_page(site: Site) -> str:
    s = site.release.settings
    m = s.method
    c = m.classes
    edges = [None, *c.cuts, None]
    bounds = [
        [
            label,
            "–" if edges[i] is None else german(edges[i], 2),
            "–" if edges[i + 1] is None else german(edges[i + 1], 2),
        ]
        for i, label in enumerate(c.labels)
    ]
    inds = site.release.indicators
    weights = []
    for d in site.release.dimensions.itertuples():
        mine = inds[inds["dimension_id"] == d.dimension_id]
        weights.append(
            {
                "link": _link(DIMENSIONS, d.dimension_id, d.name, ""),
                "weight": german(d.gewicht, 1),
                "table": _table(
                    [T["indicator"], T["effect"], T["weight"]],
                    [
                        [_link(INDICATORS, i.indikator_id, i.name, ""), _direction_effect(i), german(i.gewicht, 1)]
                        for i in mine.itertuples()
                    ],
                    "llr",
                ),
            }
        )
    context = [_link(INDICATORS, i.indikator_id, i.name, "") for i in inds[inds["dimension_id"].isna()].itertuples()]
    steps = T["method_steps"].format(
        min_denominator=german(m.min_denominator, 0),
        suppress_below=m.suppress_below,
        standardise=T["standardise_" + m.standardise].format(base_year=m.base_year),
        coverage=german(m.min_coverage * 100, 0),
        base_year=m.base_year,
        restandardise=T["restandardise_yes"] if m.restandardise_dimensions or m.restandardise_index else "",
    )
    return render(
        "method.md.j2",
        T=T,
        front=_front(T["method_title"], T["method_description"]),
        steps=steps,
        classes=_table([T["class"], T["from"], T["to"]], bounds, "lrr"),
        weights=weights,
        context=context,
        city_vs_mean=T["city_vs_mean_text"].format(city_total=site.city_total),
        disclosure=T["disclosure_text"].format(suppress_below=m.suppress_below),
    )
