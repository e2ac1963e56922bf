"""Markdown pages from the published tables: start page, one page per Sozialraum,
dimension and indicator, the data page and the method page.

Pure: tables in, {relative path: Markdown} out. Pages only ever show published
(suppressed) numbers. Links between pages are relative `.md` links, so
`mkdocs build --strict` checks every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from . import texts
from .format import chart_block, german, signed, table
from .model import TOTAL, Release

T = texts.PAGES


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from: the release and its published tables."""

    release: Release
    tables: dict[str, pd.DataFrame]
    downloads: list[dict]
    charts: dict[str, tuple[int, int]]  # the charts that exist: name → size of the static SVG

    # Computed once: the pages ask for them thousands of times in a large city.
    @cached_property
    def year(self) -> int:
        return int(self.tables["index"]["jahr"].max())

    @cached_property
    def names(self) -> dict[str, str]:
        areas = self.release.areas
        return dict(zip(areas["sozialraum_id"], areas["name"]))

    def area_path(self, area_id: str) -> str:
        return f"sozialraeume/{area_id}.md"


def pages(site: Site) -> dict[str, str]:
    out = {"index.md": start(site), "sozialraeume/index.md": area_list(site),
           "dimensionen/index.md": dimension_list(site), "indikatoren/index.md": indicator_list(site),
           "daten.md": data_page(site), "methode.md": method_page(site)}
    for area_id in site.release.areas["sozialraum_id"]:
        out[site.area_path(area_id)] = area_page(site, area_id)
    for dim in site.release.dimensions.itertuples():
        out[f"dimensionen/{dim.dimension_id}.md"] = dimension_page(site, dim.dimension_id)
    for ind in site.release.indicators.itertuples():
        out[f"indikatoren/{ind.indikator_id}.md"] = indicator_page(site, ind.indikator_id)
    return out


def _front(title: str, description: str) -> str:
    safe = description.replace('"', "'")
    return f'---\ntitle: "{title}"\ndescription: "{safe}"\n---\n\n'


def _index_rows(site: Site, dimension: str = TOTAL, year: int | None = None) -> pd.DataFrame:
    index = site.tables["index"]
    rows = index[(index["dimension_id"] == dimension) & (index["jahr"] == (year or site.year))]
    return rows.assign(name=rows["sozialraum_id"].map(site.names))


def _chart(site: Site, name: str, title: str, table_markdown: str, root: str) -> str:
    """The chart with its table, or only the table where the chart was not made."""
    if name not in site.charts:
        return table_markdown
    return chart_block(name, title, table_markdown, root, site.charts[name])


def _area_link(site: Site, area_id: str, depth: str) -> str:
    return f"[{site.names.get(area_id, area_id)}]({depth}{site.area_path(area_id)})"


# --- start page ------------------------------------------------------------------------

def start(site: Site) -> str:
    s, year = site.release.settings, site.year
    rows = _index_rows(site).dropna(subset=["rang"]).sort_values(["rang", "sozialraum_id"])
    lowest, highest = rows.head(3), rows.tail(3).iloc[::-1]
    parts = [_front(f"{s.index_name} – {s.city}", T["start_description"].format(index=s.index_name, city=s.city))]
    parts.append(f"# {s.index_name} in {s.city}\n\n{T['start_intro'].format(index=s.index_name)}\n")
    if s.synthetic:
        parts.append(f'!!! warning "{T["synthetic_title"]}"\n    {texts.SYNTHETIC_NOTE} {T["synthetic_more"]}\n')
    parts.append(_chart(site, "karte_gesamt", T["map_title"].format(year=year), _class_table(site, rows, ""), ""))
    parts.append(f"## {T['lowest']}\n\n" + _ranked_list(site, lowest, ""))
    parts.append(f"## {T['highest']}\n\n" + _ranked_list(site, highest, ""))
    meta = site.release.metadata
    parts.append(f"## {T['release']}\n\n" + T["release_line"].format(
        version=meta.get("version", ""), date=meta.get("created", "")[:10], year=year))
    if site.release.changelog:
        parts.append("\n" + _demote(site.release.changelog))
    parts.append(f"\n[{T['all_areas']}](sozialraeume/index.md) · [{T['method']}](methode.md) · "
                 f"[{T['downloads']}](daten.md)\n")
    return "\n".join(parts)


def _demote(markdown: str) -> str:
    """A changelog's headings become subheadings of the page."""
    return "\n".join("##" + line if line.startswith("# ") else line for line in markdown.splitlines())


def _ranked_list(site: Site, rows: pd.DataFrame, depth: str) -> str:
    return "\n".join(
        f"{i}. {_area_link(site, r.sozialraum_id, depth)} – {T['index_value']} {signed(r.wert, 2)}, "
        f"{T['class']} „{r.klasse}“, {T['rank']} {int(r.rang)}"
        for i, r in enumerate(rows.itertuples(), 1)) + "\n"


def _class_table(site: Site, rows: pd.DataFrame, depth: str) -> str:
    data = [[_area_link(site, r.sozialraum_id, depth), signed(r.wert, 2), r.klasse if isinstance(r.klasse, str) else "–",
             "–" if pd.isna(r.rang) else str(int(r.rang))] for r in rows.sort_values("sozialraum_id").itertuples()]
    return table([T["area"], T["value"], T["class"], T["rank"]], data, align="lrlr")


# --- lists -----------------------------------------------------------------------------

def area_list(site: Site) -> str:
    rows = _index_rows(site)
    areas = site.release.areas.set_index("sozialraum_id")
    data = [[_area_link(site, r.sozialraum_id, "../"), _text(areas.at[r.sozialraum_id, "stadtteil"]),
             _text(areas.at[r.sozialraum_id, "stadtbezirk"]), signed(r.wert, 2),
             r.klasse if isinstance(r.klasse, str) else "–", "–" if pd.isna(r.rang) else str(int(r.rang))]
            for r in rows.sort_values("sozialraum_id").itertuples()]
    head = [T["area"], T["stadtteil"], T["stadtbezirk"], T["value"], T["class"], T["rank"]]
    return (_front(T["areas_title"], T["areas_description"]) + f"# {T['areas_title']}\n\n"
            + T["areas_intro"].format(year=site.year) + "\n\n" + table(head, data, align="lllrlr"))


def _text(value) -> str:
    return "–" if value is None or pd.isna(value) else str(value)


def dimension_list(site: Site) -> str:
    lines = [f"- [{d.name}]({d.dimension_id}.md): {_text(d.beschreibung)}" for d in site.release.dimensions.itertuples()]
    return _front(T["dimensions_title"], T["dimensions_title"]) + f"# {T['dimensions_title']}\n\n" + "\n".join(lines) + "\n"


def indicator_list(site: Site) -> str:
    dims = dict(zip(site.release.dimensions["dimension_id"], site.release.dimensions["name"]))
    data = [[f"[{i.name}]({i.indikator_id}.md)", dims.get(i.dimension_id, T["context"]) if isinstance(i.dimension_id, str) else T["context"],
             _text(i.einheit), T["better_higher"] if i.richtung == 1 else T["better_lower"]]
            for i in site.release.indicators.itertuples()]
    return (_front(T["indicators_title"], T["indicators_title"]) + f"# {T['indicators_title']}\n\n"
            + table([T["indicator"], T["dimension"], T["unit"], T["direction"]], data))


# --- one Sozialraum ----------------------------------------------------------------------

def area_page(site: Site, area_id: str) -> str:
    area = site.release.areas.set_index("sozialraum_id").loc[area_id]
    name, year = area["name"], site.year
    index = site.tables["index"]
    mine = index[(index["sozialraum_id"] == area_id)]
    now = mine[mine["jahr"] == year].set_index("dimension_id")
    total = now.loc[TOTAL] if TOTAL in now.index else None
    n_ranked = int(_index_rows(site)["rang"].notna().sum())
    parts = [_front(name, T["area_description"].format(name=name, index=site.release.settings.index_name))]
    parts.append(f"# {name}\n")
    place = ", ".join(x for x in (_text(area.get("stadtteil")), _text(area.get("stadtbezirk"))) if x != "–")
    if place:
        parts.append(f"{T['located_in']} {place}.\n")
    parts.append(_key_figures(total, year, n_ranked))
    parts.append(summary(site, area_id) + "\n")
    parts.append(_chart(site, f"lage_{area_id}", T["locator_title"].format(name=name), "", "../../"))
    dims = site.release.dimensions
    dim_rows = [[f"[{d.name}](../dimensionen/{d.dimension_id}.md)",
                 signed(now["wert"].get(d.dimension_id), 2), _text(now["klasse"].get(d.dimension_id))]
                for d in dims.itertuples()]
    parts.append(f"## {T['dimensions_title']}\n\n{T['dimensions_vs_city']}\n")
    dim_table = table([T["dimension"], T["value"], T["class"]], dim_rows, align="lrl")
    parts.append(_chart(site, f"dimensionen_{area_id}", T["dimension_chart"].format(name=name, year=year), dim_table, "../../"))
    over_time = mine[mine["dimension_id"] == TOTAL].sort_values("jahr")
    time_table = table([T["year"], T["value"], T["class"], T["rank"]],
                       [[str(int(r.jahr)), signed(r.wert, 2), _text(r.klasse), "–" if pd.isna(r.rang) else str(int(r.rang))]
                        for r in over_time.itertuples()], align="rrlr")
    parts.append(f"## {T['over_time']}\n")
    parts.append(_chart(site, f"verlauf_{area_id}", T["over_time_chart"].format(name=name), time_table, "../../"))
    parts.append(f"## {T['indicators_title']}\n\n{T['indicator_table_intro'].format(year=year)}\n")
    parts.append(_indicator_table(site, area_id, year))
    parts.append(_neighbours(site, area_id, area))
    parts.append(f"\n{T['download_rows'].format(id=area_id)} [{T['downloads']}](../daten.md)\n")
    return "\n".join(parts)


def _key_figures(total, year: int, n: int) -> str:
    if total is None or pd.isna(total["wert"]):
        return f"{T['no_index'].format(year=year)}\n"
    rank = "–" if pd.isna(total["rang"]) else f"{int(total['rang'])} {T['of']} {n}"
    return (f'<dl class="sozmon-kennzahlen">\n<div><dt>{T["index_value"]} {year}</dt><dd>{signed(total["wert"], 2)}</dd></div>\n'
            f'<div><dt>{T["class"]}</dt><dd>{total["klasse"]}</dd></div>\n'
            f'<div><dt>{T["rank"]} (1 = {T["rank_one"]})</dt><dd>{rank}</dd></div>\n</dl>\n')


def summary(site: Site, area_id: str) -> str:
    """A short plain-German reading of the numbers."""
    index, year = site.tables["index"], site.year
    mine = index[(index["sozialraum_id"] == area_id) & (index["jahr"] == year)]
    dims = mine[mine["dimension_id"] != TOTAL].dropna(subset=["wert"])
    total = mine[mine["dimension_id"] == TOTAL]
    names = dict(zip(site.release.dimensions["dimension_id"], site.release.dimensions["name"]))
    name = site.names[area_id]
    sentences = []
    if total.empty or pd.isna(total["wert"].iloc[0]):
        return T["no_index"].format(year=year)
    t = total.iloc[0]
    sentences.append(T["summary_index"].format(name=name, year=year, value=signed(t["wert"], 2), klasse=t["klasse"]))
    below = dims[dims["wert"] < 0].sort_values("wert").head(2)
    if len(below):
        listed = " und ".join(f"{names[d]} ({signed(v, 2)})" for d, v in zip(below["dimension_id"], below["wert"]))
        sentences.append(T["summary_below"].format(dims=listed))
    else:
        sentences.append(T["summary_none_below"])
    change = t["veraenderung_vorjahr"]
    if not pd.isna(change):
        sentences.append(T["summary_change"].format(change=signed(change, 2)))
    return " ".join(sentences)


def _indicator_table(site: Site, area_id: str, year: int) -> str:
    values = site.tables["indikator_werte"]
    mine = values[(values["sozialraum_id"] == area_id)]
    now = mine[mine["jahr"] == year].set_index("indikator_id")
    before = mine[mine["jahr"] == year - 1].set_index("indikator_id")
    agg = site.tables["gebiete_werte"]
    city = agg[(agg["ebene"] == "stadt") & (agg["jahr"] == year)].set_index("indikator_id")["wert"]
    rows = []
    for ind in site.release.indicators.itertuples():
        i = ind.indikator_id
        unit = _text(ind.einheit)
        value = _cell(now, i)
        rows.append([f"[{ind.name}](../indikatoren/{i}.md)", _shown(now, i, unit), _number(city.get(i), unit),
                     _diff(value, city.get(i)), _diff(value, _cell(before, i))])
    return table([T["indicator"], T["value"], T["city"], T["difference"], T["change_prev"]], rows, align="lrrrr") + \
        f"\n{T['suppressed_note']}\n"


def _cell(frame: pd.DataFrame, key: str):
    return frame["wert"].get(key) if key in frame.index else None


def _shown(frame: pd.DataFrame, key: str, unit: str) -> str:
    if key not in frame.index:
        return "–"
    if bool(frame.at[key, "gesperrt"]):
        return T["suppressed"]
    return _number(frame.at[key, "wert"], unit)


def _number(value, unit: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{german(value, 1)} {unit}".strip() if unit != "–" else german(value, 1)


def _diff(a, b) -> str:
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return "–"
    return signed(a - b, 1)


def _neighbours(site: Site, area_id: str, area) -> str:
    stadtteil = area.get("stadtteil")
    if stadtteil is None or pd.isna(stadtteil):
        return ""
    areas = site.release.areas
    others = areas[(areas["stadtteil"] == stadtteil) & (areas["sozialraum_id"] != area_id)]
    if others.empty:
        return ""
    links = ", ".join(f"[{r.name}]({r.sozialraum_id}.md)" for r in others.itertuples())
    return f"\n{T['neighbours'].format(stadtteil=stadtteil)} {links}.\n"


# --- dimensions and indicators ------------------------------------------------------------

def dimension_page(site: Site, dimension_id: str) -> str:
    dim = site.release.dimensions.set_index("dimension_id").loc[dimension_id]
    inds = site.release.indicators[site.release.indicators["dimension_id"] == dimension_id]
    rows = _index_rows(site, dimension_id)
    parts = [_front(dim["name"], _text(dim["beschreibung"])), f"# {dim['name']}\n\n{_text(dim['beschreibung'])}\n"]
    parts.append(T["dimension_weight"].format(weight=german(dim["gewicht"], 1)) + "\n")
    parts.append(f"## {T['indicators_title']}\n\n" + "\n".join(
        f"- [{i.name}](../indikatoren/{i.indikator_id}.md) ({T['better_higher'] if i.richtung == 1 else T['better_lower']})"
        for i in inds.itertuples()) + "\n")
    ranked = rows.dropna(subset=["rang"]).sort_values(["rang", "sozialraum_id"])
    ranking = table([T["rank"], T["area"], T["value"], T["class"]],
                    [[str(int(r.rang)), _area_link(site, r.sozialraum_id, "../"), signed(r.wert, 2), r.klasse]
                     for r in ranked.itertuples()], align="rlrl")
    parts.append(f"## {T['map_and_ranking'].format(year=site.year)}\n")
    if f"karte_{dimension_id}" in site.charts:
        parts.append(_chart(site, f"karte_{dimension_id}", T["map_title_dim"].format(name=dim["name"], year=site.year),
                            _class_table(site, rows, "../"), "../../"))
    parts.append(_chart(site, f"rangfolge_{dimension_id}", T["ranking_chart"].format(name=dim["name"], year=site.year),
                        ranking, "../../"))
    return "\n".join(parts)


def indicator_page(site: Site, indicator_id: str) -> str:
    ind = site.release.indicators.set_index("indikator_id").loc[indicator_id]
    dims = dict(zip(site.release.dimensions["dimension_id"], site.release.dimensions["name"]))
    unit = _text(ind["einheit"])
    parts = [_front(ind["name"], T["indicator_description"].format(name=ind["name"])), f"# {ind['name']}\n"]
    dim = ind["dimension_id"]
    facts = [
        (T["dimension"], f"[{dims[dim]}](../dimensionen/{dim}.md)" if isinstance(dim, str) and dim in dims else T["context_long"]),
        (T["definition"], f"{_text(ind['zaehler'])} / {_text(ind['nenner'])} × {german(ind['faktor'], 0)}"),
        (T["unit"], unit), (T["direction"], T["better_higher"] if ind["richtung"] == 1 else T["better_lower"]),
        (T["source"], _text(ind["quelle"])),
    ]
    parts.append(table([T["indicator"], ind["name"]], [[f"**{k}**", v] for k, v in facts], align="ll"))
    values = site.tables["indikator_werte"]
    mine = values[values["indikator_id"] == indicator_id]
    if mine["nur_wert"].fillna(False).any():
        parts.append(f"\n{T['rate_only']}\n")
    now = mine[mine["jahr"] == site.year].assign(name=lambda f: f["sozialraum_id"].map(site.names))
    ranked = now.sort_values(["wert", "sozialraum_id"], ascending=[ind["richtung"] == 1, True], na_position="last")
    ranking = table([T["area"], T["value"]],
                    [[_area_link(site, r.sozialraum_id, "../"), T["suppressed"] if r.gesperrt else _number(r.wert, unit)]
                     for r in ranked.itertuples()], align="lr")
    parts.append(f"## {T['map_and_ranking'].format(year=site.year)}\n")
    name = f"karte_{indicator_id}"
    if name in site.charts:
        by_id = table([T["area"], T["value"]],
                      [[_area_link(site, r.sozialraum_id, "../"), T["suppressed"] if r.gesperrt else _number(r.wert, unit)]
                       for r in now.sort_values("sozialraum_id").itertuples()], align="lr")
        parts.append(_chart(site, name, T["map_title_dim"].format(name=ind["name"], year=site.year), by_id, "../../"))
    parts.append(_chart(site, f"rangfolge_{indicator_id}", T["ranking_chart"].format(name=ind["name"], year=site.year),
                        ranking, "../../"))
    agg = site.tables["gebiete_werte"]
    city = agg[(agg["ebene"] == "stadt") & (agg["indikator_id"] == indicator_id)].sort_values("jahr")
    city_table = table([T["year"], T["city"]], [[str(int(r.jahr)), _number(r.wert, unit)] for r in city.itertuples()], align="rr")
    parts.append(f"## {T['over_time']}\n")
    parts.append(_chart(site, f"verteilung_{indicator_id}", T["distribution_chart"].format(name=ind["name"]),
                        city_table, "../../"))
    return "\n".join(parts)


# --- data and method ---------------------------------------------------------------------

def data_page(site: Site) -> str:
    from .package import citation

    parts = [_front(T["data_title"], T["data_description"]), f"# {T['data_title']}\n\n{T['data_intro']}\n"]
    rows = [[f'<a href="{d["path"]}" download>{d["path"]}</a>', d["title"], _size(d["bytes"]), d["description"]]
            for d in site.downloads]
    parts.append(table([T["file"], T["content"], T["size"], T["description"]], rows, align="llrl"))
    pub = site.release.settings.publication
    parts.append(f"\n## {T['licence']}\n\n[{pub.licence_title}]({pub.licence_url})\n")
    parts.append(f"## {T['citation']}\n\n> {citation(site.release)}\n")
    parts.append(f"## {T['pandas_title']}\n\n{T['pandas_intro']}\n\n```python\n{T['pandas_code']}\n```\n")
    parts.append(f"## {T['dictionary']}\n")
    from .package import SCHEMAS, FIELD_MEANING

    for name, fields in SCHEMAS.items():
        title, description = texts.RESOURCES[name]
        rows = [[f"`{f}`", texts.FIELDS[FIELD_MEANING.get((name, f), f)][0], kind,
                 texts.FIELDS[FIELD_MEANING.get((name, f), f)][1]] for f, kind in fields]
        parts.append(f"### {title} (`{name}.csv`)\n\n{description}\n\n" +
                     table([T["column"], T["title"], T["type"], T["meaning"]], rows))
    return "\n".join(parts)


def _size(n: int) -> str:
    return f"{german(n / 1024, 0)} KB" if n < 1024 * 1024 else f"{german(n / 1024 / 1024, 1)} MB"


def method_page(site: Site) -> str:
    s = site.release.settings
    m = s.method
    c = m.classes
    bounds = []
    edges = [None, *c.cuts, None]
    for i, label in enumerate(c.labels):
        low, high = edges[i], edges[i + 1]
        bounds.append([label, "–" if low is None else german(low, 2), "–" if high is None else german(high, 2)])
    parts = [_front(T["method_title"], T["method_description"]), f"# {T['method_title']}\n"]
    parts.append(T["method_reconstruction"] + "\n")
    parts.append(T["method_steps"].format(
        min_denominator=german(m.min_denominator, 0), suppress_below=m.suppress_below,
        standardise=T["standardise_" + m.standardise].format(base_year=m.base_year or site.release.years[0]),
        coverage=german(m.min_coverage * 100, 0),
        restandardise=T["restandardise_yes"] if m.restandardise_dimensions or m.restandardise_index else "",
    ) + "\n")
    parts.append(f"## {T['classes']}\n\n" + table([T["class"], T["from"], T["to"]], bounds, align="lrr"))
    dims = site.release.dimensions
    inds = site.release.indicators
    parts.append(f"\n## {T['weights']}\n")
    for d in dims.itertuples():
        mine = inds[inds["dimension_id"] == d.dimension_id]
        parts.append(f"### [{d.name}](dimensionen/{d.dimension_id}.md) ({T['weight']} {german(d.gewicht, 1)})\n\n" + table(
            [T["indicator"], T["direction"], T["weight"]],
            [[f"[{i.name}](indikatoren/{i.indikator_id}.md)", "+1" if i.richtung == 1 else "−1", german(i.gewicht, 1)]
             for i in mine.itertuples()], align="lrr"))
    context = inds[inds["dimension_id"].isna()]
    if len(context):
        parts.append(f"\n### {T['context_title']}\n\n" + "\n".join(
            f"- [{i.name}](indikatoren/{i.indikator_id}.md)" for i in context.itertuples()) + "\n")
    parts.append(f"\n## {T['disclosure_title']}\n\n{T['disclosure_text'].format(suppress_below=m.suppress_below)}\n")
    return "\n".join(parts)
