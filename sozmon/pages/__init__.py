"""Markdown pages from the published tables, one view per kind of page:

    index.md, methode.md, daten.md        overview.py
    sozialraeume/…                        areas.py
    indizes/<index>/…                     indices.py (overview, method, dimensions)
    typologien/<typology>.md              typologies.py
    indikatoren/…                         catalogue.py

Pure: tables in, {relative path: Markdown} out. Each page is a view (plain values,
built here) rendered through an autoescaping template (`templating.py`), so no text of
the release reaches a page unescaped. Paths come from `routes.py`.
"""

from __future__ import annotations

from .. import routes
from .allocation import allocation_pages
from .analysis import analysis_page
from .areas import area_list, area_page, summary
from .catalogue import indicator_list, indicator_page
from .common import Site, site_title
from .compare import compare_files, compare_pages
from .easy import easy_pages
from .indices import dimension_page, index_list, index_method, index_overview
from .overview import data_page, method_page, start
from .streets import street_files, street_pages
from .typologies import typology_page

__all__ = ["Site", "files", "pages", "site_title", "summary"]


def pages(site: Site) -> dict[str, str]:
    release = site.release
    out = {
        "index.md": start(site),
        f"{routes.AREAS}/index.md": area_list(site),
        f"{routes.INDICES}/index.md": index_list(site),
        f"{routes.INDICATORS}/index.md": indicator_list(site),
        "daten.md": data_page(site),
        "methode.md": method_page(site),
        routes.ANALYSIS: analysis_page(site),
    }
    for area_id in release.areas["sozialraum_id"]:
        out[routes.page(routes.AREAS, area_id)] = area_page(site, area_id)
    for spec in release.indices:
        out[routes.index_page(spec.id)] = index_overview(site, spec)
        out[routes.index_method_page(spec.id)] = index_method(site, spec)
        for d in spec.dimensions:
            out[routes.dimension_page(spec.id, d.id)] = dimension_page(site, spec, d.id)
    for typology in release.typologies:
        out[routes.page(routes.TYPOLOGIES, typology.id)] = typology_page(site, typology)
    for ind in release.indicators["indikator_id"]:
        out[routes.page(routes.INDICATORS, ind)] = indicator_page(site, ind)
    out.update(allocation_pages(site))
    out.update(street_pages(site))
    out.update(compare_pages(site))
    out.update(easy_pages(site))
    return out


def files(site: Site) -> dict[str, str | bytes]:
    """The files beside the pages that the pages' scripts read (search, compare)."""
    return {**street_files(site), **compare_files(site)}
