"""The printable profile of each Sozialraum ("Steckbrief"): two A4 pages for a council paper.

It says what the area's page on the site says, from the same published tables and with
the same functions (`pages.areas`, `pages.common`): the key figures, the summary
sentences, the indicator cells ("gesperrt", "(unsicher)", günstiger/ungünstiger), so a
page and its PDF never disagree. Everything is formatted here; `templates/profile.typ`
only lays it out. The locator map is an SVG of the areas (vector), the bars and the
trend are drawn by typst from numbers given here.
"""

from __future__ import annotations

import math
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd
import shapely

from . import pdf, routes, texts
from .cache import OFF, Cache
from .definitions import DYNAMICS, IndexSpec
from .format import signed
from .model import Release
from .package import PROFILES
from .pages.areas import (
    _cell,
    _minus,
    _now,
    _place,
    _small,
    indicator_notes,
    shown,
    summary,
)
from .pages.common import Site, T, compact, number, position_note, unit_change
from .pages.typologies import rule_text

FOLDER = PROFILES  # in the package folder: steckbriefe/<sozialraum_id>.pdf
ZIP = "steckbriefe.zip"
TEMPLATE = "profile.typ"
P = texts.PROFILE

# The locator map in the site's colours (charts.OTHER_AREAS, charts.HIGHLIGHT; charts.py
# is not imported for three strings: it pulls in Altair).
OTHER_AREAS, HIGHLIGHT, BORDER = "#e8e8e8", "#1a1a1a", "#ffffff"
MAP_WIDTH, MAP_HEIGHT = 240.0, 200.0  # SVG user units (the PDF scales the picture)
# Up to this many areas a locator map shows the whole city; beyond, the nearest (chartset.LOCATOR_AREAS).
LOCATOR_AREAS = 60
NARROW = 12  # the longest run without a break in a narrow table column (pdf.breakable)
LABEL = 24  # … in a bar's label (long enough for German compounds; breaks codes and URLs)
# Bars and trend share one scale in every profile (±SCALE, widened by halves only for a value
# beyond it), so printed profiles compare by eye.
SCALE = 2.0
NO_CLASS = "#d9d9d9"  # charts.MISSING_COLOUR
SHORT = 24  # an index's short name up to this long is said at each bar, with the class


def write(
    release: Release, tables: dict[str, pd.DataFrame], folder: Path, stamp: datetime, cache: Cache = OFF
) -> list[Path]:
    """Every area's profile as `folder/steckbriefe/<id>.pdf`, and all of them as one ZIP."""
    content = Profiles(Site(release, tables, [], {}))
    out = folder / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    maps = locator_maps(release)
    ids = sorted(content.site.names)
    jobs = ((content.data(i), {"map": maps[i]} if i in maps else {}) for i in ids)
    written = []
    for area_id, document in zip(ids, pdf.render_all(TEMPLATE, jobs, stamp=stamp, cache=cache)):
        target = out / f"{area_id}.pdf"
        target.write_bytes(document)
        written.append(target)
    written.append(_zip(folder, written, folder / ZIP, stamp))
    return written


def _zip(folder: Path, files: list[Path], target: Path, stamp: datetime) -> Path:
    """Stored, not deflated: PDFs are compressed already. Bytes depend only on the files and the date."""
    date = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for file in sorted(files):
            info = zipfile.ZipInfo(file.relative_to(folder).as_posix(), date_time=date)
            info.external_attr = 0o644 << 16
            archive.writestr(info, file.read_bytes())
    return target


# --- the content -----------------------------------------------------------------------


def profile(site: Site, area_id: str) -> dict:
    """Everything the template prints about one area, as strings and numbers."""
    return Profiles(site).data(area_id)


class Profiles:
    """The content of every area's profile from one Site; what the areas share (the
    catalogue, the city's values, the number of ranked areas, notes and sources) is
    worked out once, so a city of a thousand areas costs a thousand times one area."""

    def __init__(self, site: Site) -> None:
        self.site = site
        release = site.release
        self.areas = release.areas.set_index("sozialraum_id")
        self.ranked = site.tables["index_werte"].groupby(["index_id", "jahr"])["rang"].count().to_dict()
        self.catalogue = {r.indikator_id: r for r in release.indicators.itertuples(index=False)}
        city = site.city_values
        self.city = city[city["jahr"] == site.year].set_index("indikator_id")["wert"]
        self.groups = _groups(site)
        self.header = [
            pdf.breakable(h, NARROW)
            for h in (
                T["indicator"],
                T["unit"],
                T["value_in_year"].format(year=site.year),
                site.city_total,
                P["difference"],
                T["change_prev"],
            )
        ]
        self.shared = {
            "kicker": _kicker(site),
            "year": P["year"].format(year=site.year),
            "labels": {
                k: P[k] for k in ("at_a_glance", "in_short", "dimensions", "indicators", "notes", "sources", "guide")
            },
            "reading": " ".join(
                (T["score_reading_general"], P["scale_note"].format(low=signed(-SCALE, 0), high=signed(SCALE, 0)))
            ),
            "guide": _guide(site),
            "notes": [*indicator_notes(site), P["pp_note"], P["rounding_note"]],
            "sources": " · ".join(_sources(release)),  # each whole: a `quelle` may hold ';' itself
        }
        self.imprint = _imprint(release)

    def data(self, area_id: str) -> dict:
        site, release = self.site, self.site.release
        area = self.areas.loc[area_id]
        name = str(area["name"])
        has_map = area.geometry is not None and not area.geometry.is_empty
        pub = release.settings.publication
        web = f"{pub.site_url.rstrip('/')}/{routes.url(routes.page(routes.AREAS, area_id))}" if pub.site_url else ""
        title, subject = P["title"].format(name=name), P["subject"].format(name=name, city=site.city)
        return {
            "document": pdf.document(release, title, subject),
            **self.shared,
            "name": name,
            "place": _place(area) or "",
            "key": self._key(area_id),
            "summary": summary(site, area_id),
            "map": {"alt": _map_alt(site, name), "caption": T["locator_title"].format(name=name)} if has_map else None,
            "dimensions": [d for d in (_dimensions(site, spec, area_id) for spec in release.indices) if d],
            "trend": _trend(site, release.indices[0], area_id),
            "table": self._indicators(area_id),
            "imprint": [*self.imprint, P["web"].format(url=web)] if web else self.imprint,
        }

    def _key(self, area_id: str) -> list[dict]:
        """Per index its latest value, class and rank; per typology the type (as on the area page)."""
        site = self.site
        out = []
        for spec in site.release.indices:
            now = _now(site, spec, area_id)
            if now is not None:
                note = P["class_rank"].format(
                    measure=spec.short_name,
                    klasse=now["klasse"],
                    rank=int(now["rang"]),
                    n=self.ranked[(spec.id, site.year)],
                )
                out.append({"label": spec.name, "value": signed(now["wert"], 2), "note": note, "small": False})
                continue
            # No value this year: say so as the figure; an older value only in small print (as on the area page).
            last = _now(site, spec, area_id, latest=True)
            note = ""
            if last is not None:
                value = signed(last["wert"], 2)
                note = P["older"].format(
                    year=int(last["jahr"]), value=value, measure=spec.short_name, klasse=last["klasse"]
                )
            value = P["no_value_year"].format(year=site.year)
            out.append({"label": spec.name, "value": value, "note": note, "small": False})
        for t in site.release.typologies:
            row = site.area_type(t, area_id)
            if row is None:
                value = P["no_value_year"].format(year=site.year)
                out.append({"label": t.name, "value": value, "note": "", "small": False})
                continue
            flag = T["attention_yes"] if bool(row["aufmerksamkeit"]) else T["attention_no"]
            out.append({"label": t.name, "value": str(row["typ"]), "note": flag, "small": True})
        return out

    def _indicators(self, area_id: str) -> dict:
        """The indicator table of the area page, grouped by dimension, with short judgements:
        the same cells (`shown`, `unit_change`) in fewer words."""
        site, city = self.site, self.city
        year = site.year
        mine = site.values_by_area.get(area_id, site.tables["indikator_werte"].iloc[:0])
        now = mine[mine["jahr"] == year].set_index("indikator_id")
        before = mine[mine["jahr"] == year - 1].set_index("indikator_id")
        small = site.release.settings.method.min_denominator
        groups = []
        for title, ids in self.groups:
            rows = []
            for i in ids:
                ind = self.catalogue[i]
                unit = str(ind.einheit) if isinstance(ind.einheit, str) else None
                direction = site.direction(ind)
                value, uncertain = _cell(now, i), _small(now, i, small)
                earlier = _minus(value, _cell(before, i))
                rows.append(
                    [
                        str(ind.name),
                        pdf.breakable(unit or "", NARROW),
                        shown(now, i, None, small),
                        number(city.get(i), None),
                        compact(unit_change(_minus(value, city.get(i)), _pp(unit), direction, uncertain)),
                        compact(unit_change(earlier, _pp(unit), direction, uncertain or _small(before, i, small))),
                    ]
                )
            groups.append({"title": title, "rows": rows})
        return {"header": self.header, "groups": groups}


def _kicker(site: Site) -> str:
    """The line above the name; a synthetic release says so here too, unless its title does."""
    kicker = P["kicker"].format(title=site.title)
    said = texts.PDF["synthetic_title"].strip(" ()").casefold()
    if site.release.settings.synthetic and said not in kicker.casefold():
        return P["kicker_synthetic"].format(kicker=kicker)
    return kicker


def _map_alt(site: Site, name: str) -> str:
    key = "locator_description_nearby" if len(site.names) > LOCATOR_AREAS else "locator_description"
    return f"{texts.CHARTS[key].format(area=name, city=site.city)} {texts.CHARTS['locator_mark']}"


def _dimensions(site: Site, spec: IndexSpec, area_id: str) -> dict | None:
    """The area's dimension values as bars around 0 (the mean of the areas)."""
    dims = site.dimensions_by_area.get(area_id)
    if dims is None or not spec.dimensions:
        return None
    now = dims[(dims["index_id"] == spec.id) & (dims["jahr"] == site.year)].set_index("dimension_id")
    values = {d.id: now["wert"].get(d.id) for d in spec.dimensions}
    scale = _scale(v for v in values.values() if v is not None and not pd.isna(v))
    colours = class_colours(spec)
    bars, spoken = [], []
    for d in spec.dimensions:
        v = values[d.id]
        missing = v is None or pd.isna(v)
        klasse = now["klasse"].get(d.id) if not missing else None
        klasse = str(klasse) if isinstance(klasse, str) and klasse else ""
        text = signed(v, 2) if not missing else "–"
        # The class is said with the index's short name (e.g. "<short name> niedrig"), as on the site:
        # a dimension named after a need is still read in the index's sense. A long short name
        # would not fit beside the bar: then the legend above the bars says it once.
        said = klasse
        if klasse and len(spec.short_name) <= SHORT:
            said = P["bar_class"].format(measure=spec.short_name, klasse=klasse)
        bars.append(
            {
                "label": pdf.breakable(d.name, LABEL),
                "value": None if missing else round(float(v) / scale / 2, 4),  # −0.5 … +0.5 of the width
                "text": text,
                "class": said,
                "colour": colours.get(klasse, NO_CLASS),
            }
        )
        spoken.append(f"{d.name} {text}" + (f" ({said})" if said else ""))
    title = T["dimension_chart"].format(index=spec.name, name=site.names[area_id], year=site.year)
    return {
        "title": spec.name,
        "reading": T["class_reading"].format(measure=spec.short_name, lowest=spec.classes.labels[0]),
        "alt": P["bars_alt"].format(title=title, values="; ".join(spoken)),
        "bars": bars,
        "zero": P["zero"],
        "lowest": P["lower"],
        "highest": P["higher"],
    }


def _scale(values) -> float:
    """±SCALE, or the next half above the largest absolute value beyond it."""
    top = max([SCALE, *(abs(float(v)) for v in values)])
    return math.ceil(top * 2 - 1e-9) / 2


def class_colours(spec: IndexSpec) -> dict[str, str]:
    """The site's colour of each class of the index (charts.CLASS_COLOURS, least favourable first)."""
    from .charts import CLASS_COLOURS  # noqa: PLC0415 (Altair: only when profiles are made)

    labels = list(spec.classes.labels)
    return dict(zip(labels, CLASS_COLOURS.get(len(labels), [])))


def _trend(site: Site, spec: IndexSpec, area_id: str) -> dict | None:
    """The first index of the area over the years, as points in 0…1 with labels."""
    rows = site.scores_by_area.get(area_id)
    if rows is None:
        return None
    mine = rows[(rows["index_id"] == spec.id)].sort_values("jahr")
    years = [int(y) for y in mine["jahr"]]
    if len(years) < 2:
        return None
    top = _scale(mine["wert"].dropna())
    span = max(years[-1] - years[0], 1)
    points = [
        {
            "x": round((int(r.jahr) - years[0]) / span, 4),
            "y": None if pd.isna(r.wert) else round(0.5 - float(r.wert) / top / 2, 4),  # 0 = top
            "label": T["no_value"] if pd.isna(r.wert) else signed(r.wert, 2),
            "year": str(int(r.jahr)),
            "class": r.klasse if isinstance(r.klasse, str) and not pd.isna(r.wert) else "",
        }
        for r in mine.itertuples()
    ]
    bounds = [-math.inf, *spec.classes.cuts, math.inf]
    bands = []
    for i, label in enumerate(spec.classes.labels):
        low, high = max(bounds[i], -top), min(bounds[i + 1], top)
        if high > low:
            bands.append({"y0": round(0.5 - high / top / 2, 4), "y1": round(0.5 - low / top / 2, 4), "label": label})
    spoken = "; ".join(f"{p['year']}: {p['label']}" + (f" ({p['class']})" if p["class"] else "") for p in points)
    title = T["over_time_chart"].format(index=spec.name, name=site.names[area_id])
    return {
        "title": P["trend_title"].format(index=spec.name),
        "alt": P["trend_alt"].format(title=title, values=spoken),
        "points": points,
        "bands": bands,
        "ticks": [
            {"y": round(0.5 - k / 4, 4), "label": signed(k * top / 2, 1) if k else "0"} for k in (2, 1, 0, -1, -2)
        ],
        "zero": P["zero"],
        "note": _trend_note(spec),
    }


def _trend_note(spec: IndexSpec) -> str:
    return P["trend_note_dynamics"] if spec.kind == DYNAMICS else P["trend_note"]


def _groups(site: Site) -> list[tuple[str, list[str]]]:
    """Indicators by the dimensions they enter (each once, at its first), then the context."""
    seen: set[str] = set()
    groups = []
    names = [d.name for s in site.release.indices if s.kind != DYNAMICS for d in s.dimensions]
    for spec in site.release.indices:
        for d in spec.dimensions:
            ids = [m.indicator_id for m in d.members if m.indicator_id not in seen]
            if not ids:
                continue
            seen.update(ids)
            title = d.name if names.count(d.name) < 2 else P["group_of"].format(name=d.name, index=spec.short_name)
            groups.append((title, ids))
    context = [i for i in site.release.indicators["indikator_id"] if i not in seen]
    if context:
        groups.append((P["context"], context))
    return groups


def _pp(unit: str | None) -> str | None:
    """Differences of a percentage are in percentage points; other units stand in their column."""
    return "%" if unit == "%" else None


def _sources(release: Release) -> list[str]:
    """Each indicator's `quelle` once, whole and in catalogue order: not split at ';', so a
    remark such as "(Beispielangabe)" stays with every institution it belongs to."""
    seen: list[str] = []
    for q in release.indicators["quelle"]:
        q = " ".join(q.split()) if isinstance(q, str) else ""
        if q and q not in seen:
            seen.append(q)
    return seen


def _guide(site: Site) -> list[str]:
    """How to read what page 1 shows beyond the bars' own legend: the classes of an index
    without bars, what a dynamics index's classes mean, and each typology's attention rule
    (with the case a reader may not expect: a rule on one index ignores the other's class)."""
    release = site.release
    lines = []
    for spec in release.indices:
        parts = []
        if not spec.dimensions:
            parts.append(T["class_reading"].format(measure=spec.short_name, lowest=spec.classes.labels[0]))
        if spec.kind == DYNAMICS:
            parts.append(position_note(spec))
        if parts:
            lines.append(P["guide_item"].format(name=spec.name, text=" ".join(parts)))
    for t in release.typologies:
        parts = [rule_text(site, t)]
        for rule in t.attention:
            if len({i for i, _ in rule}) != 1:
                continue
            (index_id, classes) = rule[0]
            one = release.index(index_id)
            other = release.index(t.second if index_id == t.first else t.first)
            condition = T["rule_part"].format(measure=one.short_name, classes=T["or"].join(f"„{c}“" for c in classes))
            parts.append(
                P["guide_any"].format(
                    condition=condition,
                    other=other.short_name,
                    best=P["bar_class"].format(measure=other.short_name, klasse=other.classes.labels[-1]),
                )
            )
        lines.append(P["guide_item"].format(name=t.name, text=" ".join(parts)))
    return lines


def _imprint(release: Release) -> list[str]:
    from .package import citation

    pub = release.settings.publication
    lines = [P["citation"].format(citation=citation(release))]
    if pub.licence_url:  # the citation names the licence; here only where its text is
        lines.append(P["licence_url"].format(url=pub.licence_url))
    if pub.contact_email:
        lines.append(P["contact"].format(email=pub.contact_email))
    return lines


# --- the locator map --------------------------------------------------------------------


def locator_maps(release: Release) -> dict[str, str]:
    """Per area an SVG: the city's areas (or, in a large city, the nearest) in light grey,
    this one in near black. Web Mercator, simplified to well under a printed millimetre."""
    areas = release.areas
    if areas.geometry.isna().all() or len(areas) == 0:
        return {}
    frame = areas[areas.geometry.notna() & ~areas.geometry.is_empty]
    frame = frame.to_crs(3857) if frame.crs is not None else frame
    ids = frame["sozialraum_id"].astype(str).tolist()
    shapes = dict(zip(ids, shapely.make_valid(frame.geometry.values)))
    if len(ids) > LOCATOR_AREAS:
        from .maps import nearby

        groups = nearby(frame, LOCATOR_AREAS)
    else:
        groups = dict.fromkeys(ids, ids)
    cache: dict[tuple[str, ...], tuple] = {}
    out = {}
    for area_id in ids:
        members = tuple(groups[area_id])
        if members not in cache:
            cache[members] = _frame(members, shapes)
        paths, transform = cache[members]
        mine = _path(shapes[area_id], *transform)
        out[area_id] = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH:g} {MAP_HEIGHT:g}" '
            f'width="{MAP_WIDTH:g}" height="{MAP_HEIGHT:g}">'
            f'<path d="{paths}" fill="{OTHER_AREAS}" stroke="{BORDER}" stroke-width="0.6" fill-rule="evenodd"/>'
            f'<path d="{mine}" fill="{HIGHLIGHT}" stroke="{BORDER}" stroke-width="0.6" fill-rule="evenodd"/></svg>'
        )
    return out


def _frame(members: tuple[str, ...], shapes: dict) -> tuple[str, tuple]:
    """All members as one path, and the transform that fits them into the map."""
    minx, miny, maxx, maxy = shapely.total_bounds([shapes[m] for m in members])
    pad = 4.0
    scale = min((MAP_WIDTH - 2 * pad) / max(maxx - minx, 1e-9), (MAP_HEIGHT - 2 * pad) / max(maxy - miny, 1e-9))
    dx = pad + ((MAP_WIDTH - 2 * pad) - (maxx - minx) * scale) / 2
    dy = pad + ((MAP_HEIGHT - 2 * pad) - (maxy - miny) * scale) / 2
    transform = (minx, maxy, scale, dx, dy)
    return " ".join(_path(shapes[m], *transform) for m in members), transform


def _path(shape, minx: float, maxy: float, scale: float, dx: float, dy: float) -> str:
    """SVG path data of a (multi)polygon, y pointing down, 1 decimal, simplified to 0.3 units."""
    simple = shapely.simplify(shape, 0.3 / scale, preserve_topology=True)
    parts = []
    for polygon in getattr(simple, "geoms", [simple]):
        if polygon.geom_type != "Polygon":
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            xy = shapely.get_coordinates(ring)[:-1]
            if len(xy) < 3:
                continue
            x = (xy[:, 0] - minx) * scale + dx
            y = (maxy - xy[:, 1]) * scale + dy
            points = " ".join(f"{a:.1f} {b:.1f}" for a, b in zip(x, y))
            parts.append(f"M{points}Z")
    return "".join(parts)
