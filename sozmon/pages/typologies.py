"""The page of a typology: its map, the cross table of the two indices' classes (each
cell links to its areas), the areas needing attention and every type with its areas."""

from __future__ import annotations

from .. import routes
from ..compute.typology import cross_table
from ..definitions import TypologySpec
from ..templating import Link
from .common import Site, T, area_link, chart, front, index_link, klass, link, table


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


def typology_page(site: Site, spec: TypologySpec) -> str:
    here = routes.page(routes.TYPOLOGIES, spec.id)
    first, second = site.release.index(spec.first), site.release.index(spec.second)
    year = site.typology_year(spec)
    rows = site.types(spec.id, year)
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
    groups = []
    for i, a in enumerate(first.classes.labels):
        for j, b in enumerate(second.classes.labels):
            members = rows[(rows["klasse_1"] == a) & (rows["klasse_2"] == b)].sort_values("name")
            if len(members):
                groups.append(
                    {
                        "anchor": anchor(i, j),
                        "title": spec.type_label(a, b),
                        "attention": spec.needs_attention(a, b),
                        "links": [area_link(site, here, r) for r in members["sozialraum_id"]],
                    }
                )
    attention = rows[rows["aufmerksamkeit"].fillna(False).astype(bool)].sort_values("name")
    missing = rows[rows["typ"].isna()]
    return render_page(
        site,
        spec,
        here,
        year,
        first,
        second,
        cross=table(head, cells, "l" + "r" * len(second.classes.labels)),
        groups=groups,
        attention=table(
            [T["area"], T["type"]],
            [[area_link(site, here, r.sozialraum_id), klass(r.typ)] for r in attention.itertuples()],
            "ll",
        ),
        attention_count=len(attention),
        missing=[area_link(site, here, a) for a in missing.sort_values("name")["sozialraum_id"]],
    )


def render_page(site, spec, here, year, first, second, **parts) -> str:
    from ..templating import render

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
            None,
        ),
        year=year,
        cross_title=T["cross_title"].format(year=year),
        method=link(here, "methode.md", T["method_general"]),
        **parts,
    )
