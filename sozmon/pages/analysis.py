"""The Bestandsanalyse as a page (`bestandsanalyse.md`): one rendering of the view
`analysis.analyse` of the published tables, through the autoescaping template
`analysis.md.j2`; `report.py` renders the same view as `daten/bestandsanalyse.pdf`.
"""

from __future__ import annotations

from .. import package, report, routes, texts
from ..analysis import AreaRef, Block, Fact, Table, analyse
from ..templating import Link, render
from .common import Site, area_link, chart, front, link, table

ROUTE = routes.ANALYSIS
A = texts.ANALYSIS
T = texts.PAGES


# --- the page -----------------------------------------------------------------------------


def analysis_page(site: Site) -> str:
    here = ROUTE
    view = analyse(site.release, site.tables)
    has_pdf = any(d["path"] == report.FILE for d in site.downloads)
    return render(
        "analysis.md.j2",
        A=A,
        T=T,
        front=front(view.title, A["page_description"]),
        view=view,
        key=view.key_figures,
        intro=A["page_intro"],
        pdf=routes.root(here) + f"{package.FOLDER}/{report.FILE}" if has_pdf else None,
        maps=[m for m in (_attention_map(site, t, here) for t in site.release.typologies) if m],
        sections=[_section(site, s, here) for s in view.sections],
        data=link(here, "daten.md", T["downloads"]),
        method=link(here, "methode.md", T["method_general"]),
    )


def _attention_map(site: Site, spec, here: str) -> dict | None:
    """The typology's map (the site's own chart): where the areas needing attention are."""
    title = T["typology_map_title"].format(name=spec.name, year=site.typology_year(spec))
    return chart(site, routes.typology_chart(spec.id, "karte"), title, here)


def _section(site: Site, section, here: str) -> dict:
    return {
        "key": section.key,
        "title": section.title,
        "intro": A.get(f"{section.key}_intro"),
        "facts": [f.text for f in section.facts],
        "summary": [_table(site, t, here) for t in section.summary],
        "blocks": [_block(site, b, here) for b in section.blocks],
        "tables": [_table(site, t, here) for t in section.tables],
    }


def _block(site: Site, block: Block, here: str) -> dict:
    heading: Link | str = block.title
    if block.area_id is not None and block.area_id in site.names:
        heading = area_link(site, here, block.area_id)
    return {"heading": heading, "facts": [f.text for f in block.facts]}


def _table(site: Site, t: Table, here: str) -> dict:
    def cell(c):
        if isinstance(c, AreaRef):
            return area_link(site, here, c.area_id) if c.area_id in site.names else c.name
        return c.text if isinstance(c, Fact) else c

    out = table(list(t.head), [[cell(c) for c in row] for row in t.rows], t.align)
    return {**out, "caption": t.caption, "long": len(t.rows) > 12}
