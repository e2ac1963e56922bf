"""The pages of the allocation keys: an overview, and per key its rules in plain German,
a chart and a table of the euros per area, a worked example computed from the
published numbers, and the downloads.

Every number comes from the published tables (`verteilung`, `verteilungen`,
`indikator_werte`), so the example shows exactly what a reader can recompute.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pandas as pd
from markupsafe import Markup

from .. import contract, routes, texts
from ..allocation import DIMENSION, RATES, SHARES, TYPOLOGY, WEIGHTED, AllocationSpec, decided_year
from ..format import german
from ..templating import Link, md, render
from .common import Site, area_link, chart, front, link, table

A = texts.ALLOCATION
REASONS = texts.ALLOCATION_REASONS
LIST_PAGE = f"{routes.ALLOCATIONS}/index.md"


def allocation_pages(site: Site) -> dict[str, str]:
    """The overview and one page per key; nothing for a release without keys."""
    keys = site.release.allocations
    if not keys:
        return {}
    out = {LIST_PAGE: allocation_list(site)}
    for spec in keys:
        out[routes.page(routes.ALLOCATIONS, spec.id)] = allocation_page(site, spec)
    return out


def allocation_list(site: Site) -> str:
    years = site.release.years
    items = []
    for spec in site.release.allocations:
        year = decided_year(spec, years)
        template = A["list_item"] if spec.budget is not None else A["list_item_demand"]
        text = template.format(budget=euro(spec.budget), year=year, description=spec.description).strip()
        items.append({"link": link(LIST_PAGE, routes.page(routes.ALLOCATIONS, spec.id), spec.name), "text": text})
    return render(
        "list.md.j2",
        T=texts.PAGES,
        front=front(A["list_title"], A["list_description"]),
        heading=A["list_title"],
        intro=A["list_intro"],
        items=items,
    )


# --- numbers in words ------------------------------------------------------------------


def euro(value, cents: bool = False) -> str:
    """1500000 → '1.500.000 €', 20000.5 → '20.000,50 €'; with `cents` always two decimals."""
    if value is None or pd.isna(value):
        return "–"
    whole = not cents and round(float(value), 2) == round(float(value))
    return f"{german(value, 0 if whole else 2)} €"


def number(value) -> str:
    """A count or points: whole numbers without decimals, others with up to two."""
    if value is None or pd.isna(value):
        return "–"
    v = float(value)
    if v == round(v):
        return german(v, 0)
    text = german(v, 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


def cents(value) -> str:
    """Euros in a table column whose head names the unit: '138.942,85'."""
    return "–" if value is None or pd.isna(value) else german(value, 2)


def share(value) -> str:
    """A percentage in a table column whose head names the unit: '9,26'."""
    return "–" if value is None or pd.isna(value) else german(value, 2)


def sentence(template: str, **values) -> Markup:
    """One of our texts (trusted Markdown, e.g. **bold**) with release values as literal text."""
    return Markup(template).format(**{k: md(v) for k, v in values.items()})


def _joined(items: list[str]) -> str:
    quoted = [f"„{i}“" for i in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + A["or"] + quoted[-1]


# --- the page of one key -----------------------------------------------------------------


def allocation_page(site: Site, spec: AllocationSpec) -> str:
    here = routes.page(routes.ALLOCATIONS, spec.id)
    year = decided_year(spec, site.release.years)
    rows = _rows(site, spec, year)
    previous = _previous(site, spec, year)
    budget = float(rows["betrag"].sum()) if spec.budget is None else spec.budget
    paid = int((rows["betrag"] > 0).sum())
    decimals = _decimals(spec, rows, budget)
    money_table, points_table = _area_table(site, spec, rows, previous, here, min(decimals, 2))
    summary = A["summary"] if spec.budget is not None else A["summary_demand"]
    description = A["page_description"] if spec.budget is not None else A["page_description_demand"]
    return render(
        "allocation.md.j2",
        T=texts.PAGES,
        A=A,
        front=front(spec.name, spec.description or description.format(name=spec.name, budget=euro(spec.budget))),
        name=spec.name,
        description=spec.description,
        synthetic=site.release.settings.synthetic,
        summary=sentence(summary, budget=euro(budget), year=year, paid=paid, n=len(rows)),
        rules=table([A["property"], A["content"]], _rules(site, spec, year, rows), kv=True),
        sources=_sources(site, spec, here),
        weights=_weights(spec, rows),
        weights_title=(A["rates_title"] if spec.formula == RATES else A["weights_title"]).format(year=year),
        weights_reading=_weights_reading(site, spec),
        amounts_title=A["amounts_title"].format(year=year),
        chart=chart(
            site, routes.allocation_chart(spec.id, "betraege"), A["chart_title"].format(name=spec.name, year=year), here
        ),
        table_note=_table_note(spec, previous),
        areas=money_table,
        points_table=points_table,
        points_title=A["points_title"].format(year=year),
        points_note=A["points_note"].format(points_meaning=_points_meaning(spec)),
        example=_example(site, spec, rows, budget, decimals),
        earlier=A["earlier_synthetic" if site.release.settings.synthetic else "earlier"].format(year=year),
        downloads=_downloads(site, here),
        data=link(here, "daten.md", A["all_data"]),
    )


def _rows(site: Site, spec: AllocationSpec, year: int) -> pd.DataFrame:
    frame = site.tables[contract.ALLOCATION_VALUES]
    rows = frame[(frame["verteilung_id"] == spec.id) & (frame["jahr"] == year)]
    return rows.assign(name=rows["sozialraum_id"].map(site.names))


def _previous(site: Site, spec: AllocationSpec, year: int) -> tuple[int, dict[str, float], dict] | None:
    """The key's amounts (and the areas' classes) in the release's year before, if it
    was computed then."""
    years = [y for y in site.release.years if y < year]
    if not years:
        return None
    frame = site.tables[contract.ALLOCATION_VALUES]
    rows = frame[(frame["verteilung_id"] == spec.id) & (frame["jahr"] == years[-1])]
    if not len(rows):
        return None
    return years[-1], dict(zip(rows["sozialraum_id"], rows["betrag"])), dict(zip(rows["sozialraum_id"], rows["bedarf"]))


def _need_text(site: Site, spec: AllocationSpec) -> str:
    need = spec.need
    if need is None:
        return A["need_none"]
    if need.kind == TYPOLOGY:
        return A["need_typology"].format(name=_typology(site, need.source).name)
    index = site.release.index(need.source)
    if need.kind == DIMENSION:
        dimension = next(d for d in index.dimensions if d.id == need.dimension)
        return A["need_dimension"].format(dimension=dimension.name, name=index.name, measure=index.short_name)
    return A["need_index"].format(name=index.name, measure=index.short_name)


def _typology(site: Site, typology_id: str):
    return next(t for t in site.release.typologies if t.id == typology_id)


def _count_text(site: Site, count) -> str:
    """A count in words: its definition from the catalogue and whose zaehler/nenner it is."""
    ind = site.release.indicators.set_index("indikator_id").loc[count.indicator_id]
    definition = ind[count.count]
    definition = definition if isinstance(definition, str) and definition.strip() else A[f"count_{count.count}"]
    return A["population_value"].format(definition=definition, count=A[f"count_{count.count}"], indicator=ind["name"])


def _share_part(site: Site, count, percent: float) -> str:
    """'75 % nach der Zahl „<definition>“ (Zähler des Indikators „<name>“)'."""
    ind = site.release.indicators.set_index("indikator_id").loc[count.indicator_id]
    definition = ind[count.count]
    definition = definition if isinstance(definition, str) and definition.strip() else ind["name"]
    return A["share_part"].format(
        percent=number(percent), definition=definition, count=A[f"count_{count.count}"], indicator=ind["name"]
    )


def _count_short(site: Site, count) -> str:
    """A count in a few words: 'Zähler von „<indicator>“'."""
    names = dict(zip(site.release.indicators["indikator_id"], site.release.indicators["name"]))
    return A["count_short"].format(count=A[f"count_{count.count}"], indicator=names[count.indicator_id])


def _definition(site: Site, count) -> str:
    """What a count counts (its definition in the catalogue), else the short form."""
    ind = site.release.indicators.set_index("indikator_id").loc[count.indicator_id]
    definition = ind[count.count]
    return definition if isinstance(definition, str) and definition.strip() else _count_short(site, count)


def _rules(site: Site, spec: AllocationSpec, year: int, rows: pd.DataFrame) -> list[list[str]]:
    areas, rows = rows, []
    budget = A["budget_value"].format(budget=euro(spec.budget)) if spec.budget is not None else A["budget_demand"]
    rows.append([A["budget"], budget])
    rows.append([A["year"], A["year_value"].format(year=year)])
    rows.append([A["need"], _need_text(site, spec)])
    if spec.formula != SHARES:
        rows.append([A["population"], _count_text(site, spec.population)])
    if spec.formula == WEIGHTED:
        formula = A["formula_weighted"]
    elif spec.formula == RATES:
        formula = A["formula_rates"] if spec.budget is not None else A["formula_rates_demand"]
    else:
        parts = [_share_part(site, c, p) for c, p in spec.shares]
        formula = A["formula_shares"].format(shares="; ".join(parts))
    rows.append([A["formula"], formula])
    rows.append([A["eligible"], _eligible_text(site, spec, year, areas)])
    if spec.budget is not None:
        rows.append([A["floor"], A["floor_value"].format(floor=euro(spec.floor)) if spec.floor else A["none"]])
        rows.append([A["cap"], A["cap_value"].format(cap=euro(spec.cap)) if spec.cap else A["none"]])
        rows.append(
            [A["damping"], A["damping_value"].format(damping=number(spec.damping)) if spec.damping else A["none_f"]]
        )
        if spec.floor or spec.cap or spec.damping:
            rows.append(["", A["bounds_value"]])
    rows.append([A["withheld"], A["withheld_value"]])
    rows.append([A["rounding"], A["rounding_value"]])
    return rows


def _eligible_text(site: Site, spec: AllocationSpec, year: int, rows: pd.DataFrame) -> str:
    if spec.eligible is None:
        text = A["eligible_all"] if spec.need is not None else A["eligible_all_shares"]
    elif spec.eligible_attention:
        text = A["eligible_attention"].format(types=_joined(list(spec.eligible)))
    else:
        measure = site.release.index(spec.need.source).short_name if spec.need.kind != TYPOLOGY else A["type"]
        text = A["eligible_classes"].format(measure=measure, classes=_joined(list(spec.eligible)))
    if spec.need is None:
        return text
    rule = A["no_class_typology" if spec.need.kind == TYPOLOGY else "no_class_index"]
    without = sorted(rows.loc[rows["bedarf"].isna(), "name"].astype(str))
    if without:
        return f"{text}. " + A["no_class_names"].format(rule=rule, year=year, names=", ".join(without))
    return f"{text}. " + A["no_class_nobody"].format(rule=rule, year=year)


def _sources(site: Site, spec: AllocationSpec, here: str) -> list[Link]:
    """Links to the pages the key is made from: its need and its counts' indicators."""
    out = []
    need = spec.need
    if need is not None and need.kind == TYPOLOGY:
        out.append(link(here, routes.page(routes.TYPOLOGIES, need.source), _typology(site, need.source).name))
    elif need is not None:
        index = site.release.index(need.source)
        if need.kind == DIMENSION:
            dimension = next(d for d in index.dimensions if d.id == need.dimension)
            out.append(link(here, routes.dimension_page(index.id, dimension.id), dimension.name))
        out.append(link(here, routes.index_page(index.id), index.name))
    names = dict(zip(site.release.indicators["indikator_id"], site.release.indicators["name"]))
    for count in dict.fromkeys(c.indicator_id for c in spec.counts()):
        out.append(link(here, routes.page(routes.INDICATORS, count), names[count]))
    return out


def _weights(spec: AllocationSpec, rows: pd.DataFrame) -> dict | None:
    """Per class (per type that occurs): weight, areas, heads, points, euros, share."""
    if spec.formula == SHARES or spec.need is None:
        return None
    labels = [label for label, _ in spec.weights]
    if spec.need.kind == TYPOLOGY:
        labels = [label for label in labels if label in set(rows["bedarf"].dropna())]
    data = []
    for label in labels:
        mine = rows[rows["bedarf"] == label]
        eligible = mine[mine["berechtigt"].fillna(False).astype(bool)]
        weight = spec.weight_of(label)
        shown = cents(weight) if spec.formula == RATES else number(weight)
        data.append(
            [
                label,
                shown if spec.eligible is None or label in spec.eligible else "–",
                str(len(mine)) if len(eligible) == len(mine) else f"{len(mine)} ({REASONS['nicht_berechtigt']})",
                number(eligible["bevoelkerung"].sum()) if len(eligible) else "–",
                number(eligible["punkte"].sum()) if len(eligible) else "–",
                cents(mine["betrag"].sum()),
                share(mine["anteil"].sum()),
            ]
        )
    head = [
        A["type"] if spec.need.kind == TYPOLOGY else A["class"],
        A["rate"] if spec.formula == RATES else A["weight"],
        A["areas"],
        A["heads"],
        A["points"],
        A["sum"],
        A["share"],
    ]
    return table(head, data, "lrrrrrr")


def _weights_reading(site: Site, spec: AllocationSpec) -> str | None:
    if spec.formula == SHARES or spec.need is None:
        return None
    text = A["weights_reading"]
    if spec.default_weights:
        rule = A["weights_default_types"] if spec.need.kind == TYPOLOGY else A["weights_default_classes"]
        text += " " + A["weights_default"].format(rule=rule)
    if spec.eligible is not None and len(spec.eligible) < len(spec.weights):
        text += " " + A["weights_not_eligible"]
    return text


def _points_meaning(spec: AllocationSpec) -> str:
    return {WEIGHTED: A["points_weighted"], RATES: A["points_rates"], SHARES: A["points_shares"]}[spec.formula]


def _table_note(spec: AllocationSpec, previous) -> str:
    if previous is None:
        return A["table_note_first"]
    return A["table_note"].format(previous=previous[0])


def _share_counts(site: Site, spec: AllocationSpec, year: int) -> dict:
    """(indicator, count) → {area: published count or None} of the year."""
    values = site.tables["indikator_werte"]
    values = values[values["jahr"] == year]
    out = {}
    for count, _ in spec.shares:
        mine = values[values["indikator_id"] == count.indicator_id]
        out[(count.indicator_id, count.count)] = dict(zip(mine["sozialraum_id"], mine[count.count]))
    return out


def _change(spec: AllocationSpec, row, previous, year: int) -> str | None:
    """'fällt aus der Förderung (…)' or 'neu in der Förderung (…)' where an area's amount
    goes from above 0 to 0 or the other way against the year before."""
    if previous is None:
        return None
    previous_year, amounts, classes = previous
    before, now = amounts.get(row.sozialraum_id), row.betrag
    had, has = bool(before) and before > 0, bool(now) and now > 0
    if had == has:
        return None
    key = "left" if had else "entered"
    if spec.need is None:
        return A[f"{key}_plain"]

    def label(value) -> str:
        return value if isinstance(value, str) else A["no_label"]

    return A[key].format(
        previous=previous_year, before=label(classes.get(row.sozialraum_id)), year=year, now=label(row.bedarf)
    )


def _note(row, change: str | None = None) -> str:
    parts = [change] if change else []
    if isinstance(row.begrenzung, str):
        parts.append(REASONS.get(row.begrenzung, row.begrenzung))
    if isinstance(row.grund, str):
        reasons = row.grund.split(";")
        if change:  # the change names both classes, which says why
            reasons = [g for g in reasons if g not in ("nicht_berechtigt", "keine_klasse")]
        parts += [REASONS.get(g, g) for g in reasons]
    return ", ".join(parts) or "–"


def _heads(row) -> str:
    if isinstance(row.grund, str) and "gesperrt" in row.grund.split(";"):
        return texts.PAGES["suppressed"]
    return number(row.bevoelkerung)


def points(value, decimals: int) -> str:
    """Points with a fixed number of decimals (one format for a whole column)."""
    return "–" if value is None or pd.isna(value) else german(_rounded(value, decimals), decimals)


def _rounded(value, decimals: int) -> Fraction:
    """A number as shown with `decimals` decimals, exactly (half up, like the text shows it)."""
    return Fraction(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP))


def _eligible(rows: pd.DataFrame) -> pd.Series:
    return rows["berechtigt"].fillna(False).astype(bool)


def _area_table(
    site: Site, spec: AllocationSpec, rows: pd.DataFrame, previous, here: str, decimals: int
) -> tuple[dict, dict]:
    """Two tables of every area, sorted by amount: the amounts (with the year before, the
    change and a hint), and the points with what they are computed from. Two narrow
    tables fit a laptop's text column where one with every column would not."""
    ordered = rows.sort_values(["betrag", "name"], ascending=[False, True])
    year = int(rows["jahr"].iloc[0]) if len(rows) else 0
    need_head = []
    if spec.need is not None:
        need_head = [A["type"] if spec.need.kind == TYPOLOGY else site.release.index(spec.need.source).short_name]
    shares = _share_counts(site, spec, year) if spec.formula == SHARES and len(rows) else {}
    names = dict(zip(site.release.indicators["indikator_id"], site.release.indicators["name"]))
    amounts, inputs = [], []
    for r in ordered.itertuples():
        eligible = bool(r.berechtigt) if not pd.isna(r.berechtigt) else False
        area = area_link(site, here, r.sozialraum_id)
        cells: list = [area]
        if spec.need is not None:
            cells.append(r.bedarf if isinstance(r.bedarf, str) else "–")
        if spec.formula == SHARES:
            for key in shares:
                value = shares[key].get(r.sozialraum_id)
                cells.append(texts.PAGES["suppressed"] if value is None or pd.isna(value) else number(value))
        else:
            weight = (cents(r.gewicht) if spec.formula == RATES else number(r.gewicht)) if eligible else "–"
            cells += [_heads(r), weight]
        cells.append(points(r.punkte, decimals) if eligible else "–")
        inputs.append(cells)
        money = [area, cents(r.betrag)]
        change = None
        if previous is not None:
            before = previous[1].get(r.sozialraum_id)
            money.append(cents(before))
            money.append(signed_cents(r.betrag - before) if before is not None and not pd.isna(before) else "–")
            change = _change(spec, r, previous, year)
        money.append(_note(r, change))
        amounts.append(money)
    head = [A["area"], A["amount"]]
    head += [A["previous"], A["change"]] if previous is not None else []
    head.append(A["note"])
    money_table = table(head, amounts, "l" + "r" * (len(head) - 2) + "l")
    head = [A["area"], *need_head]
    if spec.formula == SHARES:
        head += [f"{names[i]} ({A[f'count_{c}']})" for i, c in shares]
    else:
        head += [A["heads"], A["rate"] if spec.formula == RATES else A["weight"]]
    head.append(A["points"])
    points_table = table(head, inputs, "l" + "l" * len(need_head) + "r" * (len(head) - 1 - len(need_head)))
    return money_table, points_table


def signed_cents(value) -> str:
    """A change in euros with its sign: '+1.234,50', '−987,00', '0,00'."""
    if value is None or pd.isna(value):
        return "–"
    value = round(float(value), 2)
    return ("+" if value > 0 else "") + german(value, 2)


# --- the worked example ---------------------------------------------------------------------


def _case(rows: pd.DataFrame, budget: float):
    """The example's area (the largest amount no bound holds), the bounded areas and the
    pool the free ones share; None if every amount is bounded."""
    bounded = rows[rows["begrenzung"].notna()]
    free = rows[rows["begrenzung"].isna() & (rows["punkte"] > 0)].sort_values(
        ["betrag", "sozialraum_id"], ascending=[False, True]
    )
    if free.empty:
        return None
    pool = _money(budget) - sum((_money(v) for v in bounded["betrag"]), Fraction(0))
    return free, bounded, pool


def _money(value) -> Fraction:
    return Fraction(Decimal(repr(float(value))).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _shown_amount(free: pd.DataFrame, pool: Fraction, decimals: int) -> tuple[Fraction, Fraction, Fraction]:
    """The example's points, the free areas' total and the amount, each as the page shows it."""
    p = _rounded(free.iloc[0]["punkte"], decimals)
    total = sum((_rounded(v, decimals) for v in free["punkte"]), Fraction(0))
    return p, total, pool * p / total


def _decimals(spec: AllocationSpec, rows: pd.DataFrame, budget: float) -> int:
    """Decimals of the points on the page: none where all are whole numbers, else the
    fewest from 2 to 6 (the CSV's) with which the worked example, recomputed from the
    numbers it shows, gives the amount to the cent."""
    values = rows["punkte"].astype(float)
    if (values == values.round()).all():
        return 0
    case = _case(rows, budget) if spec.budget is not None else None
    if case is None:
        return 2
    free, _, pool = case
    for decimals in range(2, 7):
        if _cent(_shown_amount(free, pool, decimals)[2]) == _money(free.iloc[0]["betrag"]):
            return decimals
    return 6


def _cent(value: Fraction) -> Fraction:
    """A sum of euros rounded to the cent, half up."""
    return Fraction(math.floor(value * 100 + Fraction(1, 2)), 100)


def _example(site: Site, spec: AllocationSpec, rows: pd.DataFrame, budget: float, decimals: int) -> list[Markup]:
    """Sentences that recompute one area's amount from the numbers they show: the area
    with the largest amount among those no bound holds, then one area a floor or cap
    holds. The points have as many decimals as it takes to reproduce the cent."""
    case = _case(rows, budget)
    if case is None:
        return [Markup(md(A["example_none"]))]
    free, bounded, pool = case
    r = free.iloc[0]
    out = [_points_sentence(site, spec, r, decimals)]
    if spec.budget is None:
        out.append(sentence(A["example_demand"], points=euro(r["punkte"], cents=True)))
        return out + [sentence(A["example_result"], amount=euro(r["betrag"], cents=True))]
    p, total, exact = _shown_amount(free, pool, decimals)
    exact_cents = _cent(exact)
    matches = exact_cents == _money(r["betrag"])
    shown = euro(float(exact_cents), cents=True) if matches else f"{german(float(exact), 4)} €"
    values = dict(
        n=len(free),
        budget=euro(budget),
        pool=euro(float(pool), cents=True),
        total=german(float(total), decimals),
        points=german(float(p), decimals),
        exact=shown,
    )
    if bounded.empty:
        out.append(sentence(A["example_shares_all" if spec.formula == SHARES else "example_all"], **values))
    else:
        kinds = ", ".join(dict.fromkeys(REASONS[b] for b in bounded["begrenzung"]))
        bounded_sum = sum((_money(v) for v in bounded["betrag"]), Fraction(0))
        key = "example_shares_pool" if spec.formula == SHARES else "example_pool"
        out.append(
            sentence(
                A[key], bounded=len(bounded), what=kinds, bounded_sum=euro(float(bounded_sum), cents=True), **values
            )
        )
    out.append(sentence(A["example_result" if matches else "example_rounded"], amount=euro(r["betrag"], cents=True)))
    if decimals > 2:
        out.append(sentence(A["example_decimals"], decimals=decimals))
    for kind in ("mindestbetrag", "hoechstbetrag"):
        held = bounded[bounded["begrenzung"] == kind].sort_values("name")
        if len(held):
            h = held.iloc[0]
            out.append(
                sentence(
                    A["example_floor" if kind == "mindestbetrag" else "example_cap"],
                    area=h["name"],
                    unbounded=euro(h["betrag_roh"], cents=True),
                    amount=euro(h["betrag"], cents=True),
                )
            )
    return out


def _points_sentence(site: Site, spec: AllocationSpec, r, decimals: int) -> Markup:
    if spec.formula == SHARES:
        counts = _share_counts(site, spec, int(r["jahr"]))
        eligible = site.tables[contract.ALLOCATION_VALUES]
        eligible = eligible[
            (eligible["verteilung_id"] == spec.id) & (eligible["jahr"] == r["jahr"]) & _eligible(eligible)
        ]["sozialraum_id"]
        parts = []
        for count, share in spec.shares:
            values = counts[(count.indicator_id, count.count)]
            mine = values.get(r["sozialraum_id"])
            total = sum(float(values[a]) for a in eligible if a in values and not pd.isna(values[a]))
            result = share * float(mine) / total if total and not pd.isna(mine) else 0.0
            parts.append(
                A["example_share"].format(
                    percent=number(share),
                    value=number(mine),
                    total=number(total),
                    what=_count_short(site, count),
                    result=german(float(_rounded(result, decimals)), decimals),
                )
            )
        head = sentence(A["example_shares_intro"], area=r["name"])
        body = Markup("; ").join(md(p) for p in parts)
        summed = sentence(A["example_shares_sum"], points=points(r["punkte"], decimals))
        return head + Markup(" ") + body + Markup("; ") + summed
    measure = A["type"] if spec.need.kind == TYPOLOGY else site.release.index(spec.need.source).short_name
    population = _definition(site, spec.population)
    if spec.formula == RATES:
        return sentence(
            A["example_points_rate"],
            area=r["name"],
            need=measure,
            klasse=r["bedarf"],
            rate=euro(r["gewicht"], cents=True),
            heads=number(r["bevoelkerung"]),
            population=population,
            points=points(r["punkte"], decimals),
        )
    return sentence(
        A["example_points"],
        area=r["name"],
        need=measure,
        klasse=r["bedarf"],
        weight=number(r["gewicht"]),
        heads=number(r["bevoelkerung"]),
        population=population,
        points=points(r["punkte"], decimals),
    )


def _downloads(site: Site, here: str) -> list[dict]:
    root = routes.root(here)
    out = [
        {"href": f"{root}daten/{contract.ALLOCATION_VALUES}.csv", "title": A["download_values"]},
        {"href": f"{root}daten/{contract.ALLOCATIONS}.csv", "title": A["download_keys"]},
    ]
    for d in site.downloads:
        if d["path"].endswith(".xlsx"):
            out.append({"href": f"{root}daten/{d['path']}", "title": A["download_xlsx"]})
    return out
