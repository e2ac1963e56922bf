"""The page of a typology: its map, the cross table of the two indices' classes (each
cell links to its areas), the areas needing attention and every type with its areas."""

from __future__ import annotations

import pandas as pd

from .. import routes
from ..compute.typology import cross_table
from ..definitions import IndexSpec, TypologySpec
from ..format import german, signed
from ..templating import Link, render
from . import uncertainty
from .common import Site, T, area_link, chart, front, index_link, klass, link, rank, table


def anchor(i: int, j: int) -> str:
    return f"typ-{i + 1}-{j + 1}"


def rule_text(site: Site, spec: TypologySpec) -> str:
    """The attention rule in words: each rule's classes, joined by 'oder'."""
    names = {s.id: s.short_name for s in site.release.indices}
    rules = []
    for rule in spec.attention:
        parts = [
            T["rule_part"].format(measure=names[i], classes=T["or"].join(f"„{c}“" for c in classes))
            for i, classes in rule
        ]
        rules.append(T["and"].join(parts))
    return T["attention_rule"].format(rules="; ".join(rules)) if rules else T["attention_none"]


def _cross_table(spec: TypologySpec, rows, first: IndexSpec, second: IndexSpec, here: str) -> dict:
    """Areas per pair of classes; a count links to its pair's list, ⚑ marks attention."""
    counts = cross_table(rows, first.classes.labels, second.classes.labels)
    cells = []
    for i, a in enumerate(first.classes.labels):
        row: list = [f"{first.short_name}: {a}"]
        for j, b in enumerate(second.classes.labels):
            n = int(counts.at[a, b])
            mark = T["attention_mark"] if spec.needs_attention(a, b) else ""
            row.append(Link(f"{n}{mark}", routes.relative(here, here, anchor(i, j))) if n else f"0{mark}")
        cells.append(row)
    head = [f"{first.short_name} \\ {second.short_name}", *[f"{second.short_name}: {b}" for b in second.classes.labels]]
    return table(head, cells, "l" + "r" * len(second.classes.labels))


def _groups(site: Site, spec: TypologySpec, rows, first: IndexSpec, second: IndexSpec, here: str) -> list[dict]:
    """Every type that occurs, with its anchor (the cross table's links) and its areas."""
    groups = []
    for i, a in enumerate(first.classes.labels):
        for j, b in enumerate(second.classes.labels):
            members = rows[(rows["klasse_1"] == a) & (rows["klasse_2"] == b)].sort_values("name")
            if len(members):
                unsure = [
                    uncertainty.U["type_group_item"].format(name=site.names.get(r, r), flags="; ".join(flags))
                    for r, y in zip(members["sozialraum_id"], members["jahr"])
                    if (flags := uncertainty.type_flags(site, spec, r, int(y)))
                ]
                groups.append(
                    {
                        "anchor": anchor(i, j),
                        "title": spec.type_label(a, b),
                        "attention": spec.needs_attention(a, b),
                        "links": [area_link(site, here, r) for r in members["sozialraum_id"]],
                        "unsure": uncertainty.U["type_group_unsure"].format(items="; ".join(unsure))
                        if unsure
                        else None,
                    }
                )
    return groups


def type_table(site: Site, spec: TypologySpec, rows, here: str, sure: bool = False) -> dict:
    """Areas with their type, attention flag and the two indices' values and ranks: why
    an area has its type, in numbers a reader can check (Rang 1 = least favourable);
    `sure`: and whether the type is sure (both classes at least settings.certainty.sure)."""
    year = int(rows["jahr"].iloc[0]) if len(rows) else site.year
    scores = {i: site.scores(i, year).set_index("sozialraum_id") for i in (spec.first, spec.second)}
    first, second = site.release.index(spec.first), site.release.index(spec.second)

    def score(index_id: str, area_id: str) -> str:
        frame = scores[index_id]
        if area_id not in frame.index or pd.isna(frame.at[area_id, "wert"]):
            return "–"
        return T["score_rank"].format(value=signed(frame.at[area_id, "wert"], 2), rank=rank(frame.at[area_id, "rang"]))

    data = [
        [
            area_link(site, here, r.sozialraum_id),
            klass(r.typ),
            "–" if pd.isna(r.aufmerksamkeit) else T["yes"] if bool(r.aufmerksamkeit) else T["no"],
            score(spec.first, r.sozialraum_id),
            score(spec.second, r.sozialraum_id),
        ]
        + ([uncertainty.type_cell(site, spec, r.sozialraum_id, year)] if sure else [])
        for r in rows.sort_values("name").itertuples()
    ]
    head = [T["area"], T["type"], T["attention"], first.name, second.name]
    chances = bool(uncertainty.type_chances(site, spec.id, year))
    head += [uncertainty.U["type_col_chances" if chances else "type_col"]] if sure else []
    return table(head, data, "lllrrl")


def _near(site: Site, spec: TypologySpec, year: int) -> str | None:
    """The sentence naming the areas just outside the list (uncertainty.type_near)."""
    near = uncertainty.type_near(site, spec, year)
    if not near:
        return None
    items = "; ".join(
        uncertainty.U["type_near_item"].format(name=site.names.get(a, a), p=uncertainty.percent(p)) for a, p in near
    )
    low = german((1 - uncertainty.sure(site)) * 100, 0)
    return uncertainty.U["type_near"].format(low=low, items=items)


def typology_page(site: Site, spec: TypologySpec) -> str:
    here = routes.page(routes.TYPOLOGIES, spec.id)
    first, second = site.release.index(spec.first), site.release.index(spec.second)
    year = site.typology_year(spec)
    rows = site.types(spec.id, year)
    attention = rows[rows["aufmerksamkeit"].fillna(False).astype(bool)].sort_values("name")
    missing = rows[rows["typ"].isna()]
    return render(
        "typology.md.j2",
        T=T,
        front=front(spec.name, spec.description or T["typology_description"].format(name=spec.name)),
        name=spec.name,
        description=spec.description,
        crossing=T["typology_crossing"].format(first=first.name, second=second.name),
        indices=[index_link(here, first), index_link(here, second)],
        rule=rule_text(site, spec),
        map=chart(
            site,
            routes.typology_chart(spec.id, "karte"),
            T["typology_map_title"].format(name=spec.name, year=year),
            here,
        ),
        year=year,
        cross_title=T["cross_title"].format(year=year),
        cross=_cross_table(spec, rows, first, second, here),
        groups=_groups(site, spec, rows, first, second, here),
        attention=type_table(site, spec, attention, here, sure=True),
        attention_count=len(attention),
        missing=[area_link(site, here, a) for a in missing.sort_values("name")["sozialraum_id"]],
        method=link(here, "methode.md", T["method_general"]),
        data=link(here, "daten.md", T["downloads"]),
        unsure_note=uncertainty.U["type_note"].format(sure=german(uncertainty.sure(site) * 100, 0))
        if len(uncertainty.site_lookup(site))
        else None,
        near=_near(site, spec, year),
    )
