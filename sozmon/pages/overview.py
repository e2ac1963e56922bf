"""The start page (led by the typology), the data page and the general method page."""

from __future__ import annotations

from .. import routes, texts
from ..contract import dictionary
from ..format import german, signed
from ..package import PROFILE_GROUP, citation, german_date, gis_columns
from ..templating import render
from . import certainty
from .common import Site, T, area_link, chart, front, index_link, kind_text, klass, link, rank, table
from .easy import start_links
from .streets import search_box
from .typologies import rule_text, type_table


def start(site: Site) -> str:
    here = "index.md"
    s, year = site.release.settings, site.year
    meta = site.release.metadata
    typology = site.release.typologies[0] if site.release.typologies else None
    lead = _lead_typology(site, typology, here) if typology else _lead_index(site, site.release.indices[0], here)
    indices = [
        {"link": index_link(here, spec), "text": " ".join(filter(None, [spec.description, kind_text(spec)]))}
        for spec in site.release.indices
    ]
    return render(
        "start.md.j2",
        T=T,
        synthetic=s.synthetic,
        synthetic_note=texts.SYNTHETIC_NOTE,
        front=front(site.title, T["start_description"].format(city=site.city)),
        heading=site.title,
        intro=T["start_intro"].format(city=site.city, n=len(site.release.indices)),
        lead=lead,
        indices=indices,
        release_line=T["release_line"].format(
            version=meta.get("version", ""), date=german_date(str(meta.get("created", ""))), year=year
        ),
        changelog=_changelog(site),
        search=search_box(site, here),
        easy=start_links(site, here),
    )


def _lead_typology(site: Site, typology, here: str) -> dict:
    year = site.typology_year(typology)
    rows = site.types(typology.id, year)
    attention = rows[rows["aufmerksamkeit"].fillna(False).astype(bool)].sort_values("name")
    return {
        "title": typology.name,
        "text": " ".join(filter(None, [typology.description, rule_text(site, typology)])),
        "map": chart(
            site,
            routes.typology_chart(typology.id, "karte"),
            T["typology_map_title"].format(name=typology.name, year=year),
            here,
            type_table(site, typology, rows, here),
        ),
        "list_title": T["attention_title"].format(n=len(attention), year=year),
        "links": [area_link(site, here, a) for a in attention["sozialraum_id"]],
        "more": link(here, routes.page(routes.TYPOLOGIES, typology.id), T["typology_more"].format(name=typology.name)),
    }


def _lead_index(site: Site, spec, here: str) -> dict:
    rows = site.scores(spec.id)
    ranked = rows.dropna(subset=["rang"]).sort_values(["rang", "sozialraum_id"])
    return {
        "title": spec.name,
        "text": spec.description or None,
        "map": chart(
            site,
            routes.index_chart(spec.id, "karte"),
            T["map_title"].format(measure=spec.short_name, year=site.year),
            here,
            table(
                [T["area"], T["score"], spec.short_name, T["rank"]],
                [
                    [area_link(site, here, r.sozialraum_id), signed(r.wert, 2), klass(r.klasse), rank(r.rang)]
                    for r in rows.sort_values("sozialraum_id").itertuples()
                ],
                "lrlr",
            ),
        ),
        "list_title": T["lowest"].format(measure=spec.short_name),
        "links": [area_link(site, here, a) for a in ranked["sozialraum_id"].head(3)],
        "more": index_link(here, spec),
    }


def _changelog(site: Site):
    """The data owner's changelog: Markdown rendered, no raw HTML and no scripted links."""
    if not site.release.changelog:
        return None
    from ..sanitize import changelog_html

    return changelog_html(site.release.changelog)


def data_page(site: Site) -> str:
    groups: dict[str, list] = {}
    for d in site.downloads:
        if d.get("group") != PROFILE_GROUP:  # each area's profile is linked from its page
            groups.setdefault(d.get("group", ""), []).append(d)
    downloads = [{"title": texts.DOWNLOAD_GROUPS.get(key), "files": files} for key, files in groups.items()]
    tables = [
        {
            "title": t.title,
            "file": t.path,
            "description": t.description,
            "table": table(
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
        front=front(T["data_title"], T["data_description"]),
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
    names = {s.id: s for s in site.release.indices}
    typologies = {t.id: t for t in site.release.typologies}
    kinds = {"wert": "number", "klasse": "string", "rang": "integer", "typ": "string", "aufmerksamkeit": "boolean"}
    for column, owner, dimension, what in gis_columns(site.release):
        if owner in typologies and what in ("typ", "aufmerksamkeit"):
            meaning = T[f"gis_{what}"].format(name=typologies[owner].name, year=year)
        else:
            spec = names[owner]
            name = spec.name if dimension is None else next(d.name for d in spec.dimensions if d.id == dimension)
            meaning = T[f"gis_{what}"].format(name=name, year=year, measure=spec.short_name)
        rows.append([column, kinds[what], meaning])
    return {
        "title": T["gis_title"],
        "file": "sozialraeume_index.geojson, sozialraeume_index.gpkg",
        "description": T["gis_description"],
        "table": table([T["column"], T["type"], T["meaning"]], rows),
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
    here = "methode.md"
    m = site.release.settings.method
    judged = set(site.memberships)
    context = [
        link(here, routes.page(routes.INDICATORS, i.indikator_id), i.name)
        for i in site.release.indicators.itertuples()
        if i.indikator_id not in judged
    ]
    return render(
        "method.md.j2",
        T=T,
        front=front(T["method_title"], T["method_description"]),
        steps=T["method_steps"].format(min_denominator=german(m.min_denominator, 0), suppress_below=m.suppress_below),
        indices=[
            {
                "link": link(here, routes.index_method_page(spec.id), spec.name),
                "text": " ".join(filter(None, [spec.description, kind_text(spec)])),
            }
            for spec in site.release.indices
        ],
        typologies=[
            {"link": link(here, routes.page(routes.TYPOLOGIES, t.id), t.name), "text": rule_text(site, t)}
            for t in site.release.typologies
        ],
        context=context,
        city_vs_mean=T["city_vs_mean_text"].format(city_total=site.city_total),
        disclosure=T["disclosure_text"].format(suppress_below=m.suppress_below),
        certainty=certainty.method_sections(site),
    )
