"""Leichte Sprache and German Sign Language (BITV 2.0 § 4).

The Leichte-Sprache page explains, from the release, what the site holds (the city, its
areas, the indices and their topics), what the classes mean, how to find one's area and
how to move around the site, where the data are, who publishes, and what the accessibility
statement says. Each area page gets a short summary in Leichte Sprache. Every sentence is
a text of `texts.EASY` (written to the rules of the Netzwerk Leichte Sprache) with names
from the release filled in; the templates escape those names.

The DGS video is optional (`publication.sign_language_url` and its text alternative
`publication.sign_language_text`): only then the site has its page and links to it.
"""

from __future__ import annotations

import re

from .. import routes, texts
from ..definitions import DYNAMICS, IndexSpec
from ..model import Release
from ..settings import sign_language_link
from ..templating import Link, render
from .common import Site, front, link

E = texts.EASY
_MAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_VIDEO_FILE = (".mp4", ".webm", ".m4v", ".ogv", ".mov")


def easy_pages(site: Site) -> dict[str, str]:
    out = {routes.EASY: _easy_page(site)}
    if _sign_language(site.release):
        out[routes.SIGN_LANGUAGE] = _sign_language_page(site)
    return out


def _sign_language(release: Release) -> str | None:
    """The DGS video's address if the settings name one (the settings check refused any other)."""
    url = release.settings.publication.sign_language_url.strip()
    return url if url and sign_language_link(url) else None


def shell_links(release: Release) -> dict:
    """The links in every page's footer (theme/partials/footer.html), relative to the site root."""
    if not _sign_language(release):
        return {"label": E["link"], "links": [{"href": routes.url(routes.EASY), "text": E["link"]}]}
    links = [
        {"href": routes.url(routes.EASY), "text": E["link"]},
        {"href": routes.url(routes.SIGN_LANGUAGE), "text": E["dgs_link"]},
    ]
    return {"label": E["shell_label"], "links": links}


def start_links(site: Site, here: str) -> dict:
    """The line near the top of the start page: Leichte Sprache (and DGS, when there is a video)."""
    links = [link(here, routes.EASY, E["start_easy"])]
    if _sign_language(site.release):
        links.append(link(here, routes.SIGN_LANGUAGE, E["start_dgs"]))
    return {"before": E["start_before"], "joiner": E["start_and"], "links": links}


# --- the Leichte-Sprache page ------------------------------------------------------------


def _lines(sentences: list[str], **values) -> dict:
    return {"kind": "lines", "lines": [s.format(**values) for s in sentences]}


def _link(text: str, target: Link) -> dict:
    return {"kind": "link", "text": text, "link": target}


def _mail(text: str, address: str) -> dict:
    return {"kind": "mail", "text": text, "mail": address, "mail_ok": bool(_MAIL.match(address))}


def _easy_page(site: Site) -> str:
    here = routes.EASY
    release, city = site.release, site.city
    pub = release.settings.publication
    n = len(site.names)
    sections = [
        {"title": E["about_title"], "blocks": _about(site, n)},
        {"title": E["classes_title"], "blocks": _classes(site)},
        {"title": E["find_title"], "blocks": _find(site, here)},
        {"title": E["nav_title"], "blocks": _navigation(site, here)},
        {"title": E["data_title"], "blocks": _data(site, here)},
    ]
    who = [_lines([E["who"]], publisher=pub.publisher or city)]
    if pub.contact_email.strip():
        who += [_lines(E["contact"]), _mail("", pub.contact_email.strip())]
    who += [_lines(E["imprint"]), _link(E["imprint_link"], link(here, "impressum.md", E["imprint_page"]))]
    sections.append({"title": E["who_title"], "blocks": who})
    access = [_lines(E["access"]), _lines(E["access_known"]), _lines(E["access_report"])]
    if pub.contact_email.strip():
        access.append(_mail(E["access_mail"], pub.contact_email.strip()))
    access += [
        _lines(E["access_more"]),
        _link(E["access_link"], link(here, "barrierefreiheit.md", E["access_page"])),
    ]
    sections.append({"title": E["access_title"], "blocks": access})
    more = [_lines(E["more"])]
    if _sign_language(release):
        more += [
            _lines(E["more_dgs"]),
            _link(E["more_dgs_link"], link(here, routes.SIGN_LANGUAGE, E["dgs_link"])),
        ]
    sections.append({"title": E["more_title"], "blocks": more})
    return render(
        "easy.md.j2",
        front=front(E["title"], E["description"]),
        heading=E["heading"],
        sections=sections,
    )


def _about(site: Site, n: int) -> list[dict]:
    release, city = site.release, site.city
    blocks = [_lines(E["about"] if n != 1 else E["about_one"], city=city, n=n)]
    if release.settings.synthetic:
        blocks.append(_lines(E["synthetic"], city=city))
    topics = list(dict.fromkeys(d.name for spec in release.indices for d in spec.dimensions))
    if topics:
        blocks += [_lines([E["topics"]]), {"kind": "items", "items": topics}]
    many = len(release.indices) != 1
    blocks.append(_lines(E["index_many"] if many else E["index_one"], n=len(release.indices)))
    blocks.append({"kind": "items", "items": [spec.name for spec in release.indices]})
    blocks.append(_lines(E["purpose"]))
    blocks.append(_lines([E["year"]], year=site.year))
    return blocks


def _classes(site: Site) -> list[dict]:
    indices = site.release.indices
    blocks = [_lines(E["classes"])]
    schemes = {tuple(spec.classes.labels) for spec in indices}
    if len(schemes) == 1:
        labels = list(indices[0].classes.labels)
        blocks += [_lines([E["classes_same"]], k=len(labels)), {"kind": "items", "items": labels}]
        blocks.append(_lines(E["classes_order"], low=labels[0], high=labels[-1]))
    else:
        for spec in indices:
            labels = list(spec.classes.labels)
            blocks += [_lines([E["classes_of"]], name=spec.name, k=len(labels)), {"kind": "items", "items": labels}]
        blocks.append(_lines(E["classes_order"][1:]))
    blocks.append(_lines(E["middle"]))
    for spec in indices:
        if spec.kind == DYNAMICS:
            key = "dynamics_period" if spec.period else "dynamics"
            blocks.append(_lines([*E[key], E["dynamics_relative"]], name=spec.name, period=spec.period))
    blocks.append(_lines(E["people"]))
    if site.release.typologies:
        blocks.append(_lines(E["attention"]))
        typology = site.release.typologies[0]
        year = site.typology_year(typology)
        rows = site.types(typology.id, year)
        k = int(rows["aufmerksamkeit"].fillna(False).astype(bool).sum())
        blocks.append(_lines([E["attention_count_one" if k == 1 else "attention_count"]], year=year, k=k))
    return blocks


def _find(site: Site, here: str) -> list[dict]:
    blocks = []
    streets = getattr(site.release, "streets", None)
    if streets is not None and len(streets):
        blocks += [_lines(E["find_street"]), _link(E["find_start"], link(here, "index.md", E["start"]))]
    blocks += [
        _lines(E["find_list"]),
        _link(E["find_list_link"], link(here, f"{routes.AREAS}/index.md", E["areas"])),
    ]
    if _start_map(site) in site.charts:
        blocks.append(_lines(E["find_map"]))
    blocks.append(_lines(E["find_area"]))
    return blocks


def _start_map(site: Site) -> str:
    """The chart id of the start page's map (pages/overview.py: the first typology, else the first index)."""
    release = site.release
    if release.typologies:
        return routes.typology_chart(release.typologies[0].id, "karte")
    return routes.index_chart(release.indices[0].id, "karte")


def _navigation(site: Site, here: str) -> list[dict]:
    back = E["nav_back"] + ([E["nav_back_dgs"]] if _sign_language(site.release) else [])
    return [
        _lines(E["nav_menu"]),
        _lines(E["nav_search"]),
        _lines(E["nav_compare"]),
        _link(E["nav_compare_link"], link(here, routes.COMPARE, E["compare"])),
        _lines(E["nav_keyboard"]),
        _lines(back),
    ]


def _data(site: Site, here: str) -> list[dict]:
    pub = site.release.settings.publication
    blocks = [_lines(E["data"]), _link(E["data_link"], link(here, "daten.md", E["data_page"]))]
    if pub.licence_title.strip():
        blocks.append(_lines(E["licence"], licence=pub.licence_title.strip()))
    if site.release.settings.method.suppress_below > 1:
        blocks.append(_lines(E["secret"]))
    return blocks


# --- an area's summary -------------------------------------------------------------------


def area_summary(site: Site, area_id: str, here: str) -> dict | None:
    """An area's summary in Leichte Sprache: where it is, each index's class in plain
    words, better or worse than the middle of all areas, the attention flag."""
    areas = site.areas_by_id
    if area_id not in areas.index:
        return None
    area, name = areas.loc[area_id], site.names[area_id]
    lines = [E["summary_where"].format(name=name, city=site.city)]
    for key, column in (("summary_stadtteil", "stadtteil"), ("summary_stadtbezirk", "stadtbezirk")):
        value = area.get(column)
        if isinstance(value, str) and value.strip():
            lines.append(E[key].format(name=value))
    if site.release.settings.synthetic:
        lines.append(E["summary_synthetic"])
    lines.append(E["year"].format(year=site.year))
    rows = site.scores_by_area.get(area_id)
    for spec in site.release.indices:
        now = None
        if rows is not None:
            mine = rows[(rows["index_id"] == spec.id) & (rows["jahr"] == site.year) & rows["wert"].notna()]
            now = mine.iloc[0] if len(mine) else None
        if now is None or not isinstance(now["klasse"], str):
            lines.append(E["summary_missing"].format(index=spec.name, year=site.year))
            continue
        lines.append(E["summary_class"].format(index=spec.name, klasse=now["klasse"]))
        lines.append(E[_position_key(spec, now["klasse"])])
    for typology in site.release.typologies:
        row = site.area_type(typology, area_id)
        if row is not None and bool(row["aufmerksamkeit"]):
            lines += E["summary_attention"]
            break
    lines += E["summary_people"]
    return {"title": E["summary_title"], "lines": lines, "more": link(here, routes.EASY, E["summary_more"])}


def middle_class(spec: IndexSpec) -> int:
    """The position of the class that holds the mean of the areas (0 on the index scale)."""
    closed = spec.classes.upper_closed()
    return sum(1 for cut, upper in zip(spec.classes.cuts, closed) if 0 > cut or (0 == cut and upper))


def _position_key(spec: IndexSpec, klasse: str) -> str:
    """Above, at or below the middle of all areas: by the class, so the words agree with it."""
    labels = list(spec.classes.labels)
    position, middle = labels.index(klasse), middle_class(spec)
    where = "above" if position > middle else "below" if position < middle else "middle"
    return f"summary_dyn_{where}" if spec.kind == DYNAMICS else f"summary_{where}"


# --- the DGS page ------------------------------------------------------------------------


def _sign_language_page(site: Site) -> str:
    here = routes.SIGN_LANGUAGE
    pub = site.release.settings.publication
    url = _sign_language(site.release) or ""
    kind = sign_language_link(url)
    video = None
    if kind == "file":
        video = {"src": routes.root(here) + url, "file": url.lower().endswith(_VIDEO_FILE)}
    paragraphs = [p for p in re.split(r"\n\s*\n", pub.sign_language_text.strip()) if p.strip()]
    return render(
        "dgs.md.j2",
        E=E,
        front=front(E["dgs_title"], E["dgs_description"]),
        heading=E["dgs_title"],
        video=video,
        web=url if kind == "web" else None,
        paragraphs=paragraphs,
        easy=link(here, routes.EASY, E["title"]),
    )
