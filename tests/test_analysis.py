"""The Bestandsanalyse: every sentence checked against the published tables.

The expectations are read from the published tables here (plain pandas), never from the
report's own data: the areas named as needing attention are those the typology flags, the
driving dimensions are the lowest of the area, every value, city value, difference and
change printed is the one of the tables (to the printed precision) with the right word,
withheld cells and small denominators are said and no number of them appears. A small
release built by hand covers withheld cells, the fallback without typology and a release
without Stadtbezirk; the hostile release and typst markup in names land as literal text.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from sozmon import package, texts
from sozmon.analysis import AREA_CHANGE_SHARE, CITY_CHANGE_SHARE, DRIVER_CUT, MAX_DRIVERS, AreaRef, Fact, analyse
from sozmon.pipeline import open_release, results
from tests.conftest import REPO, build_release, indicator

A = texts.ANALYSIS
MIN_DENOMINATOR = 20  # the sample's and the default method's


def german_number(text: str) -> float:
    """'−1,94' → -1.94, '+0,44' → 0.44, '1.234,5' → 1234.5"""
    return float(text.replace("−", "-").replace("+", "").replace(".", "").replace(",", "."))


def published(tables, release):
    """Lookups on the published tables: values, states, city values, names."""
    values = tables["indikator_werte"].set_index(["sozialraum_id", "jahr", "indikator_id"])
    city = tables["gebiete_werte"]
    city = city[city["ebene"] == "stadt"].set_index(["jahr", "indikator_id"])
    catalogue = tables["indikatoren"].set_index("indikator_id")
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    return values, city, catalogue, names


def usable(values, area, year, indicator_id) -> bool:
    if (area, year, indicator_id) not in values.index:
        return False
    row = values.loc[(area, year, indicator_id)]
    small = not pd.isna(row["nenner"]) and row["nenner"] < MIN_DENOMINATOR
    return not bool(row["gesperrt"]) and not pd.isna(row["wert"]) and not small


# --- the sample -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample():
    release, problems = open_release(REPO / "datapackage")
    assert release is not None, problems
    tables = package.tables(release, results(release))
    return release, tables, analyse(release, tables)


def test_the_report_year_is_the_latest_year_of_the_index_values(sample):
    release, tables, view = sample
    years = sorted(tables["index_werte"]["jahr"].unique())
    assert view.year == years[-1] and view.previous_year == years[-2]
    assert view.base_year == release.settings.method.base_year == 2018
    assert view.title == A["title"].format(year=view.year, city="Gelsenkirchen")


def test_overview_counts_areas_per_class(sample):
    release, tables, view = sample
    iw = tables["index_werte"]
    facts = [f for f in view.section("overview").facts if f.rule == "overview_distribution"]
    assert [f.data["index_id"] for f in facts] == [s.id for s in release.indices]
    for spec, fact in zip(release.indices, facts):
        counts = iw[(iw["index_id"] == spec.id) & (iw["jahr"] == view.year)]["klasse"].value_counts()
        listed = fact.text.split(f"({spec.short_name}): ")[1].split(".")[0]
        for part, label in zip(listed.split("; "), spec.classes.labels):
            assert part == f"{label} {counts.get(label, 0)}"
        # the areas without a value are named: in the sample area 21, Scholven-Nord (counted by hand)
        valued = set(iw[(iw["index_id"] == spec.id) & (iw["jahr"] == view.year) & iw["wert"].notna()]["sozialraum_id"])
        absent = set(release.areas["sozialraum_id"]) - valued
        assert absent == ({"21"} if spec.kind != "status" or spec.id == "kinder" else set())
        assert ("Ohne Wert: Scholven-Nord." in fact.text) == bool(absent)


def test_overview_names_the_attention_areas_and_compares_with_the_year_before(sample):
    release, tables, view = sample
    _, _, _, names = published(tables, release)
    types = tables["typologie_werte"]
    [typology] = release.typologies
    rows = types[(types["typologie_id"] == typology.id) & types["typ"].notna()]
    year = int(rows["jahr"].max())

    def flagged(y):
        r = rows[(rows["jahr"] == y) & rows["aufmerksamkeit"].fillna(False).astype(bool)]
        return {names[a] for a in r["sozialraum_id"]}

    now, before = flagged(year), flagged(year - 1)
    assert len(now) == 13  # the sample, counted by hand in typologie_werte.csv
    [fact] = [f for f in view.section("overview").facts if f.rule == "attention_count"]
    assert f"„{typology.name}“, {year}: {len(now)} von {len(release.areas)} Sozialräumen." in fact.text
    listed = fact.text.split("Es sind: ")[1].split(". ")[0]
    assert set(re.split(", | und ", listed)) == now
    assert f"Im Jahr davor ({year - 1}): {len(before)}." in fact.text
    new = fact.text.split("Neu dabei: ")[1].split(".")[0] if now - before else ""
    gone = fact.text.split("Nicht mehr dabei: ")[1].split(".")[0] if before - now else ""
    assert set(filter(None, re.split(", | und ", new))) == now - before
    assert set(filter(None, re.split(", | und ", gone))) == before - now
    # the key figures say the same
    assert (
        A["key_attention"].format(name=typology.name),
        str(len(now)),
        f"Im Jahr davor ({year - 1}): {len(before)}",
    ) in (view.key_figures)


def test_each_attention_area_has_a_block_with_its_type_and_scores(sample):
    release, tables, view = sample
    _, _, _, names = published(tables, release)
    types = tables["typologie_werte"]
    flagged = types[(types["jahr"] == view.year) & types["aufmerksamkeit"].fillna(False).astype(bool)]
    blocks = view.section("attention").blocks
    assert sorted(b.area_id for b in blocks) == sorted(flagged["sozialraum_id"])
    assert [b.title for b in blocks] == sorted((names[b.area_id] for b in blocks), key=str.casefold)
    iw = tables["index_werte"].set_index(["index_id", "sozialraum_id", "jahr"])
    for block in blocks:
        typ = flagged.set_index("sozialraum_id").at[block.area_id, "typ"]
        assert block.facts[0].text == A["area_type"].format(typ=typ, name=release.typologies[0].name)
        scores = next(f for f in block.facts if f.rule == "area_scores")
        for spec in release.indices:
            row = iw.loc[(spec.id, block.area_id, view.year)]
            n = int(iw.xs((spec.id, view.year), level=(0, 2))["rang"].notna().sum())
            value = f"{row['wert']:+.2f}".replace("-", "−").replace(".", ",")
            expected = f"„{spec.name}“ {value} ({spec.short_name} {row['klasse']}, Rang {int(row['rang'])} von {n})"
            assert expected in scores.text


def test_driving_dimensions_are_the_lowest_of_the_area(sample):
    release, tables, view = sample
    dw = tables["dimension_werte"]
    checked = 0
    for block in view.section("attention").blocks:
        for fact in block.facts:
            if fact.rule not in ("drivers_below", "drivers_lowest", "drivers_none"):
                continue
            spec = release.index(fact.data["index_id"])
            rows = dw[(dw["index_id"] == spec.id) & (dw["sozialraum_id"] == block.area_id) & (dw["jahr"] == view.year)]
            rows = rows.dropna(subset=["wert"]).sort_values("wert")
            names = {d.id: d.name for d in spec.dimensions}
            below = rows[rows["wert"] < DRIVER_CUT].head(MAX_DRIVERS)
            expected = below if len(below) else rows.head(1)[rows.head(1)["wert"] < 0]
            named = re.findall(
                r"„([^“]+)“ \(([−+]?\d+,\d\d), ", fact.text.split(": ", 1)[1] if ": " in fact.text else ""
            )
            assert [n for n, _ in named] == [names[d] for d in expected["dimension_id"]], fact.text
            for (_, shown), value in zip(named, expected["wert"]):
                assert german_number(shown) == pytest.approx(round(float(value), 2), abs=1e-9)
            assert fact.rule == (
                "drivers_below" if len(below) else "drivers_lowest" if len(expected) else "drivers_none"
            )
            checked += 1
    assert checked == 2 * len(view.section("attention").blocks)  # both indices of the typology


ITEM = re.compile(
    r"^(?P<name>.+): (?P<value>[\d.,]+) (?P<unit>.+?) \(Stadt: (?P<city>[\d.,]+) (?P=unit)"
    r"(?:; (?P<diff>[\d.,]+) (?P<dunit>.+?) (?P<side>höher|niedriger), "
    r"(?P<symbol>[▲▼]) (?P<word>günstiger|ungünstiger) im Sinne des Index)?\)$"
)


def test_driving_indicators_are_the_least_favourable_with_their_city_values(sample):
    release, tables, view = sample
    values, city, catalogue, _ = published(tables, release)
    by_name = {n: i for i, n in catalogue["name"].items()}
    checked = 0
    for block in view.section("attention").blocks:
        for fact in (f for f in block.facts if f.rule == "drivers_indicators"):
            spec = release.index(fact.data["index_id"])
            dim = next(d for d in spec.dimensions if d.id == fact.data["dimension_id"])
            prefix = f"In „{dim.name}“ im Sinne des Index am ungünstigsten: "
            assert fact.text.startswith(prefix) and fact.text.endswith(".")
            items = [i if i.endswith(")") else i + ")" for i in fact.text[len(prefix) : -1].split("); ")]
            # the lowest oriented z below 0 among the dimension's usable values
            z = {
                m.indicator_id: float(values.loc[(block.area_id, view.year, m.indicator_id), "z_wert"])
                for m in dim.members
                if usable(values, block.area_id, view.year, m.indicator_id)
            }
            lowest = [i for i in sorted(z, key=z.get) if z[i] < 0][:2]
            assert len(items) == len(lowest)
            for item, expected_id in zip(items, lowest):
                m = ITEM.match(item)
                assert m, item
                i = by_name[m["name"]]
                assert i == expected_id
                unit = catalogue.at[i, "einheit"]
                assert m["unit"] == unit
                value = float(values.loc[(block.area_id, view.year, i), "wert"])
                town = float(city.loc[(view.year, i), "wert"])
                assert german_number(m["value"]) == pytest.approx(round(value, 1), abs=1e-9)
                assert german_number(m["city"]) == pytest.approx(round(town, 1), abs=1e-9)
                assert german_number(m["diff"]) == pytest.approx(round(abs(value - town), 1), abs=1e-9)
                assert m["dunit"] == ("Prozentpunkte" if unit == "%" else unit)
                assert m["side"] == ("höher" if value > town else "niedriger")  # the number's direction, neutral
                favourable = (value - town) * int(catalogue.at[i, "richtung"]) > 0
                assert m["word"] == ("günstiger" if favourable else "ungünstiger")
                assert m["symbol"] == ("▲" if favourable else "▼")  # word and symbol, not colour alone
                checked += 1
    assert checked > 20
    # the example of the brief, in this sample: Altstadt's SGB II quota of 15-64 year olds
    altstadt = next(b for b in view.section("attention").blocks if b.title == "Altstadt")
    assert (
        "SGB-II-Quote der 15- bis 64-Jährigen: 41,9 % (Stadt: 20,2 %; 21,7 Prozentpunkte höher, ▼ ungünstiger im "
        "Sinne des Index)"
    ) in " ".join(f.text for f in altstadt.facts)


CHANGE_ITEM = re.compile(
    r"^(?P<name>.+): (?P<move>gestiegen|gesunken|unverändert), (?P<relation>.+) "
    r"\((?P<change>[−+]?[\d.,]+) gegenüber (?P<city>[−+]?[\d.,]+) (?P<unit>.+)\)$"
)
MOVE = {1: "gestiegen", -1: "gesunken", 0: "unverändert"}


def _direction(value: float) -> int:
    return 0 if round(abs(value), 1) == 0 else 1 if value > 0 else -1


def test_dynamics_drivers_changed_less_favourably_than_the_city(sample):
    release, tables, view = sample
    values, city, catalogue, _ = published(tables, release)
    by_name = {n: i for i, n in catalogue["name"].items()}
    checked = 0
    for block in view.section("attention").blocks:
        for fact in (f for f in block.facts if f.rule == "drivers_changes"):
            spec = release.index(fact.data["index_id"])
            dim = next(d for d in spec.dimensions if d.id == fact.data["dimension_id"])
            start, end = view.year - spec.period, view.year
            prefix = (
                f"In „{dim.name}“ von {start} bis {end} im Sinne des Index ungünstiger entwickelt als in der Stadt "
                "insgesamt: "
            )
            assert fact.text.startswith(prefix)
            for item in fact.text[len(prefix) : -1].split("; "):
                m = CHANGE_ITEM.match(item)
                assert m, item
                i = by_name[m["name"]]
                assert m["unit"] == (
                    "Prozentpunkten" if catalogue.at[i, "einheit"] == "%" else catalogue.at[i, "einheit"]
                )
                assert end == view.year and end - start == spec.period and i in [x.indicator_id for x in dim.members]
                assert usable(values, block.area_id, end, i) and usable(values, block.area_id, start, i)
                change = values.loc[(block.area_id, end, i), "wert"] - values.loc[(block.area_id, start, i), "wert"]
                town = city.loc[(end, i), "wert"] - city.loc[(start, i), "wert"]
                assert german_number(m["change"]) == pytest.approx(round(float(change), 1), abs=1e-9)
                assert german_number(m["city"]) == pytest.approx(round(float(town), 1), abs=1e-9)
                assert (change - town) * int(catalogue.at[i, "richtung"]) < 0
                # the direction of the numbers in words, beside the city's
                mine, theirs = _direction(float(change)), _direction(float(town))
                assert m["move"] == MOVE[mine]
                if mine == theirs and mine != 0:
                    stronger = abs(float(change)) > abs(float(town))
                    assert m["relation"] == (
                        "stärker als in der Stadt" if stronger else "aber weniger als in der Stadt"
                    )
                else:
                    assert m["relation"] == f"in der Stadt {MOVE[theirs]}"
                checked += 1
    assert checked > 10


def _change_cell(text: str) -> tuple[float, str]:
    m = re.match(
        r"^([−+]?[\d.,]+) .+ \((▲ günstiger im Sinne des Index|▼ ungünstiger im Sinne des Index|kaum verändert)\)$",
        text,
    )
    assert m, text
    return german_number(m[1]), m[2].removesuffix(" im Sinne des Index").lstrip("▲▼ ")


def _spread(tables, i, year) -> float:
    now = tables["indikator_werte"]
    now = now[(now["indikator_id"] == i) & (now["jahr"] == year)]
    ok = now[~now["gesperrt"].astype(bool) & now["wert"].notna() & ~(now["nenner"] < MIN_DENOMINATOR).fillna(False)]
    return float(ok["wert"].astype(float).std(ddof=0))


def test_city_changes_are_differences_of_the_published_city_values(sample):
    release, tables, view = sample
    _, city, catalogue, _ = published(tables, release)
    by_name = {n: i for i, n in catalogue["name"].items()}
    section = view.section("changes")
    status = [s for s in release.indices if s.kind == "status"]
    city_tables = [t for t in section.tables if t.caption.startswith("Stadt insgesamt")]
    assert len(city_tables) == len(status)
    assert list(city_tables[0].head) == ["Indikator", f"Stadt {view.year}", "seit 2023", "seit 2018"]
    for spec, table in zip(status, city_tables):
        assert [by_name[r[0]] for r in table.rows] == spec.indicator_ids
        for row in table.rows:
            i = by_name[row[0]]
            now = float(city.loc[(view.year, i), "wert"])
            for cell, since in zip(row[2:], (2023, 2018)):
                delta = now - float(city.loc[(since, i), "wert"])
                shown, word = _change_cell(cell)
                assert shown == pytest.approx(round(delta, 1), abs=1e-9)
                # below the threshold of the sentences no judgement, as the sentences say
                if round(delta, 1) == 0 or abs(delta) < CITY_CHANGE_SHARE * _spread(tables, i, view.year):
                    assert word == "kaum verändert"
                else:
                    assert word == ("günstiger" if delta * int(catalogue.at[i, "richtung"]) > 0 else "ungünstiger")
    # the sentences name only changes of at least CITY_CHANGE_SHARE of the spread between areas
    values = tables["indikator_werte"]
    # the example of the review: a change with the index's judgement, not the group's
    assert (
        "Kinder und Jugendliche ohne deutsche Staatsangehörigkeit +4,7 Prozentpunkte (▼ ungünstiger im Sinne des Index)"
        in (" ".join(f.text for f in section.facts))
    )
    for fact in (f for f in section.facts if f.rule == "city_changes"):
        for group, sign in (("better", 1), ("worse", -1)):
            for i, delta in fact.data[group]:
                now = values[(values["indikator_id"] == i) & (values["jahr"] == view.year)]
                ok = now[
                    ~now["gesperrt"].astype(bool)
                    & now["wert"].notna()
                    & ~(now["nenner"] < MIN_DENOMINATOR).fillna(False)
                ]
                spread = float(ok["wert"].astype(float).std(ddof=0))
                expected = float(city.loc[(view.year, i), "wert"] - city.loc[(fact.data["since"], i), "wert"])
                assert delta == pytest.approx(expected)
                assert abs(delta) >= CITY_CHANGE_SHARE * spread
                assert delta * int(catalogue.at[i, "richtung"]) * sign > 0
                shown = f"{'+' if delta > 0 else '−'}{abs(delta):.1f}".replace(".", ",")
                word = "günstiger" if sign > 0 else "ungünstiger"
                unit = "Prozentpunkte" if catalogue.at[i, "einheit"] == "%" else catalogue.at[i, "einheit"]
                symbol = "▲" if word == "günstiger" else "▼"
                assert f"{catalogue.at[i, 'name']} {shown} {unit} ({symbol} {word} im Sinne des Index)" in fact.text


def test_area_changes_are_large_usable_and_said_where_not_computable(sample):
    release, tables, view = sample
    values, _, catalogue, names = published(tables, release)
    ids = list(dict.fromkeys(i for s in release.indices if s.kind == "status" for i in s.indicator_ids))
    now = tables["indikator_werte"]
    spread = {}
    for i in ids:
        rows = now[(now["indikator_id"] == i) & (now["jahr"] == view.year)]
        rows = rows[
            ~rows["gesperrt"].astype(bool) & rows["wert"].notna() & ~(rows["nenner"] < MIN_DENOMINATOR).fillna(False)
        ]
        spread[i] = float(rows["wert"].astype(float).std(ddof=0))
    [table] = [t for t in view.section("changes").tables if any(isinstance(c, AreaRef) for c in t.rows[0])]
    assert [r[0].area_id for r in table.rows] == sorted(names, key=lambda a: names[a].casefold())
    reported = 0
    not_computable = []
    for row in table.rows:
        area = row[0].area_id
        for cell, since in zip(row[1:3], (2023, 2018)):
            assert isinstance(cell, Fact) and len(cell.data["changes"]) <= 2
            for i, delta in cell.data["changes"]:
                assert usable(values, area, view.year, i) and usable(values, area, since, i)
                expected = values.loc[(area, view.year, i), "wert"] - values.loc[(area, since, i), "wert"]
                assert delta == pytest.approx(float(expected))
                assert abs(delta) >= AREA_CHANGE_SHARE * spread[i]
                word = "günstiger" if delta * int(catalogue.at[i, "richtung"]) > 0 else "ungünstiger"
                shown = f"{'+' if delta > 0 else '−'}{abs(delta):.1f}".replace(".", ",")
                unit = "Prozentpunkte" if catalogue.at[i, "einheit"] == "%" else catalogue.at[i, "einheit"]
                symbol = "▲" if word == "günstiger" else "▼"
                assert f"{catalogue.at[i, 'name']} {shown} {unit} ({symbol} {word} im Sinne des Index)" in cell.text
                reported += 1
            if not cell.data["changes"]:
                assert cell.text == A["area_change_none"]
        # not computable: a value of the report year or of a year compared with is not usable
        missing = sorted(i for i in ids if not all(usable(values, area, y, i) for y in (view.year, 2023, 2018)))
        assert row[3].data["indicators"] == missing
        for i in missing:
            assert catalogue.at[i, "name"] in row[3].text
        if missing:
            not_computable.append(area)
    assert reported > 40
    [fact] = [f for f in view.section("changes").facts if f.rule == "area_not_computable"]
    assert fact.text.startswith(
        f"Für {len(not_computable)} Sozialräume ist mindestens eine Veränderung nicht berechenbar"
    )
    assert "Nenner unter 20" in fact.text


def test_hot_spots_are_the_areas_in_the_lowest_class_of_each_dimension(sample):
    release, tables, view = sample
    _, _, _, names = published(tables, release)
    dw = tables["dimension_werte"]
    blocks = view.section("hotspots").blocks
    status = [s for s in release.indices if s.kind == "status"]
    assert [b.title for b in blocks] == [s.name for s in status]
    for spec, block in zip(status, blocks):
        for d, fact in zip(spec.dimensions, block.facts):
            rows = dw[(dw["index_id"] == spec.id) & (dw["dimension_id"] == d.id) & (dw["jahr"] == view.year)]
            lowest = {names[a] for a in rows.loc[rows["klasse"] == spec.classes.labels[0], "sozialraum_id"]}
            assert fact.text.startswith(f"„{d.name}“ ({spec.short_name} {spec.classes.labels[0]})")
            listed = fact.text.split(" – ")[1][:-1] if lowest else ""
            assert set(filter(None, re.split(", | und ", listed))) == lowest


def test_districts_summarise_their_areas(sample):
    release, tables, view = sample
    areas = release.areas.set_index("sozialraum_id")
    iw = tables["index_werte"]
    iw = iw[iw["jahr"] == view.year]
    dw = tables["dimension_werte"]
    dw = dw[dw["jahr"] == view.year]
    types = tables["typologie_werte"]
    flagged = set(
        types[(types["jahr"] == view.year) & types["aufmerksamkeit"].fillna(False).astype(bool)]["sozialraum_id"]
    )
    blocks = view.section("districts").blocks
    assert sorted(b.title for b in blocks) == sorted(areas["stadtbezirk"].unique())
    for block in blocks:
        members = set(areas.index[areas["stadtbezirk"] == block.title])
        assert block.facts[0].text.startswith(f"Sozialräume: {len(members)}, ")
        assert block.facts[0].text.endswith(f": {len(members & flagged)}.")
        for spec, fact in zip([s for s in release.indices if s.kind == "status"], block.facts[1:]):
            mine = iw[(iw["index_id"] == spec.id) & iw["sozialraum_id"].isin(members)].dropna(subset=["wert"])
            low, high = re.search(r" von ([−+]?\d+,\d\d) .* bis ([−+]?\d+,\d\d) ", fact.text).groups()
            assert german_number(low) == pytest.approx(round(float(mine["wert"].min()), 2), abs=1e-9)
            assert german_number(high) == pytest.approx(round(float(mine["wert"].max()), 2), abs=1e-9)
            means = (
                dw[(dw["index_id"] == spec.id) & dw["sozialraum_id"].isin(members)]
                .groupby("dimension_id")["wert"]
                .mean()
            )
            worst = means.astype(float).idxmin()
            name = next(d.name for d in spec.dimensions if d.id == worst)
            assert (
                f"„{name}“ ({'+' if means[worst] >= 0 else '−'}{abs(float(means[worst])):.2f})".replace(".", ",")
                in fact.text
            )
            assert ("am ungünstigsten" in fact.text) == (means[worst] < 0)


def test_no_sentence_judges_people(sample):
    _, _, view = sample
    words = ("problem", "brennpunkt", "schlecht", "ausländer", "asozial")
    for fact in view.facts():
        assert not any(w in fact.text.casefold() for w in words), fact.text


def test_the_rules_are_written_with_the_thresholds(sample):
    _, _, view = sample
    rules = " ".join(view.rules)
    assert "unter −0,5" in rules and "höchstens 2" in rules
    assert "ab 0,1" in rules and "ab 1,0 Standardabweichungen" in rules and "mindestens 20" in rules


# --- a small release by hand: withheld cells, small denominators, no typology, no district -------

AREA_IDS = ("01", "02", "03", "04", "05", "06")
AREAS = [
    {"sozialraum_id": a, "name": n}
    for a, n in zip(AREA_IDS, ("Nordfeld", "Südfeld", "Ostfeld", "Westfeld", "Mittelfeld", "Randfeld"))
]
DIMENSIONS = [
    {"dimension_id": "d1", "name": "Erste Dimension", "beschreibung": "", "gewicht": 1},
    {"dimension_id": "d2", "name": "Zweite Dimension", "beschreibung": "", "gewicht": 1},
]
INDICATORS = [
    indicator("a", None, -1, name="Quote Alpha"),
    indicator("b", None, -1, name="Quote Beta"),
    indicator("c", None, +1, name="Fläche Gamma", faktor=1, einheit="m² je Einwohner"),
]
# (zaehler, nenner) per area; area 01 is the least favourable in every indicator
COUNTS = {
    2020: {
        "a": [(30, 40), (20, 100), (15, 100), (10, 100), (25, 100), (12, 100)],
        "b": [(60, 100), (20, 100), (25, 100), (15, 100), (30, 100), (18, 100)],
        "c": [(2000, 100), (3500, 100), (3000, 100), (4000, 100), (2800, 100), (3600, 100)],
    },
    2021: {  # 01: a withheld (2 of 40), c on a small denominator (80 m² over 10 people)
        "a": [(2, 40), (21, 100), (14, 100), (11, 100), (24, 100), (12, 100)],
        "b": [(65, 100), (19, 100), (24, 100), (16, 100), (29, 100), (18, 100)],
        "c": [(80, 10), (3550, 100), (3050, 100), (4100, 100), (2750, 100), (3650, 100)],
    },
}
VALUES = [
    {"sozialraum_id": area, "jahr": year, "indikator_id": i, "zaehler": z, "nenner": n}
    for year, per in COUNTS.items()
    for i, rows in per.items()
    for area, (z, n) in zip(AREA_IDS, rows)
]
LAGE = {
    "id": "lage",
    "name": "Lage",
    "short_name": "Lage",
    "dimensions": [{"id": "d1", "indicators": ["a", "b"]}, {"id": "d2", "indicators": ["c"]}],
}
DYN = {
    "id": "dyn",
    "name": "Entwicklung",
    "short_name": "Entwicklung",
    "kind": "dynamics",
    "basis": "lage",
    "period": 1,
}
TYPOLOGY = {"id": "lt", "name": "Lage und Entwicklung", "indices": ["lage", "dyn"]}
SETTINGS = {"city": "Teststadt", "synthetic": True, "indices": [LAGE, DYN], "typologies": [TYPOLOGY]}


def small(settings=SETTINGS, districts: bool = False, names: dict | None = None):
    areas = [dict(a) for a in AREAS]
    for a in areas:
        if districts:
            a["stadtbezirk"] = "Bezirk Nord" if a["sozialraum_id"] in ("01", "02", "03") else "Bezirk Süd"
        if names and a["sozialraum_id"] in names:
            a["name"] = names[a["sozialraum_id"]]
    release = build_release(areas, DIMENSIONS, INDICATORS, VALUES, settings)
    tables = package.tables(release, results(release))
    return release, tables, analyse(release, tables)


def test_a_withheld_cell_of_an_attention_area_is_said_and_no_number_of_it_appears():
    release, tables, view = small()
    values = tables["indikator_werte"].set_index(["sozialraum_id", "jahr", "indikator_id"])
    assert bool(values.loc[("01", 2021, "a"), "gesperrt"]) and pd.isna(values.loc[("01", 2021, "a"), "wert"])
    assert view.attention["lt"] and "01" in view.attention["lt"]
    [block] = [b for b in view.section("attention").blocks if b.area_id == "01"]
    text = " ".join(f.text for f in block.facts)
    [gaps] = [f for f in block.facts if f.rule == "gaps"]
    assert "Quote Alpha (2021: gesperrt)" in gaps.text
    assert "Fläche Gamma (2021: Nenner unter 20)" in gaps.text
    # neither the withheld share (2 of 40 = 5,0 %) nor the small-denominator value (8,0 m²) is printed
    everything = " ".join(f.text for f in view.facts())
    assert not re.search(r"(?<![\d,.])(5,0 %|8,0 m²)", everything)
    # the withheld and the small value are no driving indicator either
    assert "Quote Alpha:" not in text and "Fläche Gamma:" not in text
    # the changes: not computable for area 01, said in its row and counted
    [table] = [t for t in view.section("changes").tables if isinstance(t.rows[0][0], AreaRef)]
    row = next(r for r in table.rows if r[0].area_id == "01")
    assert row[-1].data["indicators"] == ["a", "c"] and row[-1].text == "Quote Alpha und Fläche Gamma"
    [fact] = [f for f in view.section("changes").facts if f.rule == "area_not_computable"]
    assert "01" in fact.data["areas"] and "nicht berechenbar" in fact.text and "Nenner unter 20" in fact.text


def test_without_stadtbezirk_there_is_no_district_section():
    _, _, view = small()
    assert view.section("districts") is None
    _, _, view = small(districts=True)
    districts = view.section("districts")
    assert [b.title for b in districts.blocks] == ["Bezirk Nord", "Bezirk Süd"]
    assert districts.blocks[0].facts[0].text.startswith("Sozialräume: 3, ")


def test_without_typology_the_lowest_class_of_the_first_status_index_needs_attention():
    release, tables, view = small({**SETTINGS, "typologies": []})
    iw = tables["index_werte"]
    rows = iw[(iw["index_id"] == "lage") & (iw["jahr"] == 2021)]
    lowest = release.index("lage").classes.labels[0]
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    expected = sorted(rows.loc[rows["klasse"] == lowest, "sozialraum_id"], key=names.get)  # by name
    assert expected and view.attention == {"fallback": tuple(expected)}
    [fact] = [f for f in view.section("overview").facts if f.rule == "attention_count"]
    assert "keine Typologie" in fact.text and f"niedrigsten Klasse von „Lage“ (Lage {lowest})" in fact.text
    assert [b.area_id for b in view.section("attention").blocks] == expected
    # the fallback reads the status index only
    assert not any(f.rule.startswith("drivers") and f.data.get("index_id") == "dyn" for f in view.facts())


def test_typst_and_markdown_in_names_are_printed_literally_in_the_pdf():
    from pypdf import PdfReader

    from sozmon.report import report_pdf

    name = '#set text(red) *fett* $x^2$ <b>x</b> @ref [link](javascript:x) "Q"'
    release, tables, view = small(names={"01": name})
    assert "01" in view.attention["lt"]
    data = report_pdf(release, tables, package._timestamp(release))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert name in text


# --- the page and the PDF of the sample -------------------------------------------------------------


def _site(release, tables, with_pdf: bool):
    from sozmon.pages import Site

    downloads = [{"path": "bestandsanalyse.pdf", "group": "berichte"}] if with_pdf else []
    return Site(release, tables, downloads, {})


def test_the_page_links_the_pdf_and_writes_its_rules(sample):
    from sozmon.pages.analysis import analysis_page

    release, tables, view = sample
    page = analysis_page(_site(release, tables, with_pdf=True))
    assert 'href="../daten/bestandsanalyse.pdf"' in page
    assert "<summary>Wie dieser Bericht entsteht</summary>" in page
    plain = re.sub(r"\\(.)", r"\1", page)
    for rule in view.rules:
        assert rule in plain
    for block in view.section("attention").blocks:
        assert f"### [{block.title}](sozialraeume/{block.area_id}.md)" in plain  # .md links, checked by MkDocs
    assert "bestandsanalyse.pdf" not in analysis_page(_site(release, tables, with_pdf=False))


def test_the_page_is_registered():
    from sozmon.pages import analysis as page_module

    source = (REPO / "sozmon" / "pages" / "__init__.py").read_text(encoding="utf-8")
    assert page_module.ROUTE == "bestandsanalyse.md" and "routes.ANALYSIS: analysis_page(site)" in source


@pytest.fixture(scope="module")
def sample_pdf(sample):
    from sozmon.report import report_pdf

    release, tables, _ = sample
    return report_pdf(release, tables, package._timestamp(release))


def test_the_pdf_is_tagged_german_and_names_the_attention_areas(sample, sample_pdf):
    from pypdf import PdfReader

    release, _, view = sample
    reader = PdfReader(io.BytesIO(sample_pdf))
    root = reader.trailer["/Root"]
    assert str(root["/Lang"]).startswith("de")
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title.startswith(view.title)  # pdf.document may add the synthetic notice
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert view.title in text and texts.SYNTHETIC_NOTE in text
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    for area in view.attention["lage-entwicklung"]:
        assert names[area] in text
    assert A["rules_title"] in text


def test_the_pdf_is_byte_identical_twice(sample, sample_pdf):
    from sozmon.report import report_pdf

    release, tables, _ = sample
    assert report_pdf(release, tables, package._timestamp(release)) == sample_pdf


# --- hostile texts --------------------------------------------------------------------------------


def test_hostile_names_land_escaped_on_the_page_and_literal_in_the_pdf(tmp_path):
    import lxml.html
    import markdown
    from pypdf import PdfReader

    from sozmon.pages.analysis import analysis_page
    from sozmon.report import report_pdf
    from tools import hostile_release as H

    release, problems = open_release(H.write_hostile_release(tmp_path / "release"))
    assert release is not None, problems
    tables = package.tables(release, results(release))
    page = analysis_page(_site(release, tables, with_pdf=True))
    body = page.split("\n---\n", 1)[1]
    html = markdown.markdown(body, extensions=["tables", "attr_list", "md_in_html", "toc", "admonition"])
    tree = lxml.html.fromstring(f"<div>{html}</div>")
    assert not tree.xpath("//script | //iframe | //img | //b")
    assert not [e for e in tree.iter() if any(k.startswith("on") for k in e.attrib)]
    assert not [h for h in tree.xpath("//a/@href") if "javascript" in h.lower()]
    shown = " ".join(tree.text_content().split())
    view = analyse(release, tables)
    for area in view.attention["typ"]:
        assert " ".join(dict(zip(release.areas["sozialraum_id"], release.areas["name"]))[area].split()) in shown
    data = report_pdf(release, tables, package._timestamp(release))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert H.SCRIPT in text  # printed as the literal text it is


# --- review of issue 11: class changes, the rule in words, other indices, the summary -------------


def _classes(tables, index_id, year) -> dict:
    iw = tables["index_werte"]
    rows = iw[(iw["index_id"] == index_id) & (iw["jahr"] == year) & iw["klasse"].notna()]
    return dict(zip(rows["sozialraum_id"], rows["klasse"]))


def _items(text: str, prefix: str) -> dict[str, str]:
    """'Prefix: A (x → y); B (z).' → {A: 'x → y', B: 'z'}"""
    body = text.split(prefix, 1)[1].split(".")[0]
    return dict(re.match(r"^(.+?) \((.+)\)$", item).groups() for item in body.split("; "))


def test_class_changes_of_the_typology_list_are_those_of_the_published_classes(sample):
    release, tables, view = sample
    _, _, _, names = published(tables, release)
    [typology] = release.typologies
    types = tables["typologie_werte"]
    types = types[types["typologie_id"] == typology.id]

    def flagged(y):
        return set(types[(types["jahr"] == y) & types["aufmerksamkeit"].fillna(False).astype(bool)]["sozialraum_id"])

    joined, left = flagged(2024) - flagged(2023), flagged(2023) - flagged(2024)
    # by hand in typologie_werte.csv: Bulmke-Hüllen Süd and Horst-Süd joined, Hassel-Nord and Horst-Ost left
    assert {names[a] for a in joined} == {"Bulmke-Hüllen Süd", "Horst-Süd"}
    assert {names[a] for a in left} == {"Hassel-Nord", "Horst-Ost"}
    section = view.section("classes")
    assert section.title == "Klassenwechsel 2023→2024"
    block = section.blocks[0]
    assert block.title == f"Besondere Aufmerksamkeit nach „{typology.name}“"
    by_year = types.set_index(["sozialraum_id", "jahr"])
    first, second = release.index(typology.first), release.index(typology.second)
    for rule, prefix, areas in (
        ("classes_joined", "Neu in der Liste: ", joined),
        ("classes_left", "Nicht mehr in der Liste: ", left),
    ):
        [fact] = [f for f in block.facts if f.rule == rule]
        items = _items(fact.text, prefix)
        assert set(items) == {names[a] for a in areas}
        for a in areas:
            moves = []
            for column, spec in (("klasse_1", first), ("klasse_2", second)):
                then, now = by_year.at[(a, 2023), column], by_year.at[(a, 2024), column]
                if then != now:
                    order = list(spec.classes.labels)  # least favourable first
                    word = "▲ günstiger" if order.index(now) > order.index(then) else "▼ ungünstiger"
                    moves.append(f"{spec.short_name} {then} → {now}, {word}")
            assert items[names[a]] == " und ".join(moves)
    # the example: Horst-Süd joined because its status class fell from mittel to niedrig
    assert "Horst-Süd (Teilhabechancen mittel → niedrig, ▼ ungünstiger)" in " ".join(f.text for f in block.facts)


def test_class_changes_per_status_index_say_better_or_worse_for_the_index(sample):
    release, tables, view = sample
    _, _, _, names = published(tables, release)
    status = [s for s in release.indices if s.kind == "status"]
    blocks = view.section("classes").blocks[1:]
    assert [b.title for b in blocks] == [s.name for s in status]
    for spec, block in zip(status, blocks):
        order = {label: k for k, label in enumerate(spec.classes.labels)}  # lowest (least favourable) first
        then, now = _classes(tables, spec.id, 2023), _classes(tables, spec.id, 2024)
        both = set(then) & set(now)
        better = {names[a]: f"{spec.short_name} {then[a]} → {now[a]}" for a in both if order[now[a]] > order[then[a]]}
        worse = {names[a]: f"{spec.short_name} {then[a]} → {now[a]}" for a in both if order[now[a]] < order[then[a]]}
        text = " ".join(f.text for f in block.facts)
        if better:
            assert _items(text, "▲ In eine im Sinne des Index günstigere Klasse: ") == better
        if worse:
            assert _items(text, "▼ In eine im Sinne des Index ungünstigere Klasse: ") == worse
        kept = sum(then[a] == now[a] for a in both)
        assert f"Dieselbe Klasse wie 2023: {kept} Sozialräume." in text
        assert ("Ohne Wert in einem der beiden Jahre: Scholven-Nord." in text) == (set(then) != set(now))
    # counted by hand in index_werte.csv: Buer-Süd rose, Bulmke-Hüllen Süd and Horst-Süd fell in "kinder"
    assert "günstigere Klasse: Buer-Süd (Teilhabechancen mittel → hoch)." in blocks[0].facts[0].text


def test_the_attention_section_names_its_typology_rule_and_the_other_status_indices(sample):
    release, tables, view = sample
    _, _, _, names = published(tables, release)
    [typology] = release.typologies
    section = view.section("attention")
    assert section.title == f"Sozialräume mit besonderer Aufmerksamkeit nach „{typology.name}“"
    [rule] = [f for f in section.facts if f.rule == "attention_rule"]
    first, second = release.index(typology.first), release.index(typology.second)
    assert f"„{first.name}“ und „{second.name}“" in rule.text
    # the rule of sozmon.yml in words, as the typology page says it
    assert "Teilhabechancen „sehr niedrig“ oder „niedrig“" in rule.text
    assert "Teilhabechancen „mittel“ und Entwicklung „negativ“" in rule.text
    # the area the rule cannot place is named and may need attention
    [unclassified] = [f for f in section.facts if f.rule == "attention_unclassified"]
    assert "Scholven-Nord" in unclassified.text and "könnte" in unclassified.text
    assert unclassified.data["areas"] == ["21"]
    [overview] = [f for f in view.section("overview").facts if f.rule == "attention_count"]
    assert "Nicht einzuordnen (ohne Indexwert): Scholven-Nord." in overview.text
    # every other status index: its areas in its two lowest classes, the lowest value first
    others = [s for s in release.indices if s.kind == "status" and s.id not in (first.id, second.id)]
    facts = [f for f in section.facts if f.rule == "attention_other"]
    assert [f.data["index_id"] for f in facts] == [s.id for s in others] and others
    iw = tables["index_werte"]
    for spec, fact in zip(others, facts):
        rows = iw[(iw["index_id"] == spec.id) & (iw["jahr"] == view.year)]
        rows = rows[rows["klasse"].isin(spec.classes.labels[:2])].sort_values("wert")
        listed = fact.text.split("(der niedrigste Wert zuerst): ")[1][:-1]
        assert listed == ", ".join(names[a] for a in rows["sozialraum_id"])
        assert f"{spec.short_name} {spec.classes.labels[1]} oder {spec.classes.labels[0]}" in fact.text
    assert "Heßler" in facts[0].text and "Feldmark" in facts[0].text  # the reviewer's example


def test_the_summary_table_has_one_row_per_attention_area_from_the_tables(sample):
    release, tables, view = sample
    [typology] = release.typologies
    [summary] = view.section("attention").summary
    assert [r[0].area_id for r in summary.rows] == list(view.attention[typology.id])
    types = tables["typologie_werte"].set_index(["typologie_id", "jahr", "sozialraum_id"])
    iw = tables["index_werte"].set_index(["index_id", "jahr", "sozialraum_id"])
    dw = tables["dimension_werte"]
    indices = [release.index(typology.first), release.index(typology.second)]
    previous = set(tables["typologie_werte"].query("jahr == 2023 and aufmerksamkeit == True")["sozialraum_id"])
    for area, typ, scores, changes, dims in ((r[0].area_id, *r[1:]) for r in summary.rows):
        assert typ.text == types.at[(typology.id, view.year, area), "typ"]
        for spec in indices:
            row = iw.loc[(spec.id, view.year, area)]
            n = int(iw.xs((spec.id, view.year), level=(0, 1))["rang"].notna().sum())
            value = f"{row['wert']:+.2f}".replace("-", "−").replace(".", ",")
            assert f"{spec.short_name} {value} (Rang {int(row['rang'])} von {n})" in scores.text
        moves = []
        for s in indices:
            then, now = iw.at[(s.id, 2023, area), "klasse"], iw.at[(s.id, view.year, area), "klasse"]
            if then != now:
                up = list(s.classes.labels).index(now) > list(s.classes.labels).index(then)
                moves.append(f"{s.short_name} {then} → {now}, {'▲ günstiger' if up else '▼ ungünstiger'}")
        expected = (["neu in der Liste"] if area not in previous else []) + ([" und ".join(moves)] if moves else [])
        assert changes.text == ("; ".join(expected) or "keiner")
        mine = dw[(dw["index_id"] == indices[0].id) & (dw["jahr"] == view.year) & (dw["sozialraum_id"] == area)]
        lowest = mine.dropna(subset=["wert"]).sort_values("wert").head(2)
        dim_names = {d.id: d.name for d in indices[0].dimensions}
        assert dims.text == "; ".join(
            f"{dim_names[d]} {'+' if w >= 0 else '−'}{abs(float(w)):.2f}".replace(".", ",")
            for d, w in zip(lowest["dimension_id"], lowest["wert"])
        )


def test_the_time_windows_are_named_under_the_overview(sample):
    _, _, view = sample
    [fact] = [f for f in view.section("overview").facts if f.rule == "windows"]
    # sozmon.yml: kinder-dynamik has period 2, base year 2018; the report year is 2024
    assert "über 2 Jahre (2022 bis 2024)" in fact.text
    assert "Vorjahr für Klassenwechsel und Veränderungen ist 2023" in fact.text
    assert "Basisjahr für die langfristigen Veränderungen ist 2018" in fact.text


@pytest.mark.parametrize(
    ("area", "city", "expected"),
    [
        (-0.5, -1.2, "gesunken, aber weniger als in der Stadt"),
        (2.6, 0.2, "gestiegen, stärker als in der Stadt"),
        (2.6, -0.2, "gestiegen, in der Stadt gesunken"),
        (-0.8, 0.01, "gesunken, in der Stadt unverändert"),
        (0.02, 1.4, "unverändert, in der Stadt gestiegen"),
        (1.0, 3.0, "gestiegen, aber weniger als in der Stadt"),
    ],
)
def test_a_change_beside_the_city_is_said_by_its_direction(area, city, expected):
    from sozmon.analysis import movement

    assert movement(area, city) == expected


def test_the_key_figures_previous_year_is_small_print_on_the_page(sample):
    from sozmon.pages.analysis import analysis_page

    release, tables, _ = sample
    page = analysis_page(_site(release, tables, with_pdf=False))
    assert '<small class="sozmon-datei">Im Jahr davor (2023): 13</small>' in page
    assert "**Auf einen Blick: die Sozialräume mit besonderer Aufmerksamkeit, 2024**" in page
    # the summary stands before the first area's block
    assert page.index("Auf einen Blick") < page.index("### [Altstadt]")


def test_the_page_shows_each_typologys_map_of_the_areas_needing_attention(sample):
    from sozmon import routes
    from sozmon.format import ChartSize
    from sozmon.pages import Site
    from sozmon.pages.analysis import analysis_page

    release, tables, _ = sample
    [typology] = release.typologies
    chart_id = routes.typology_chart(typology.id, "karte")
    page = analysis_page(Site(release, tables, [], {chart_id: ChartSize(600, 500)}))
    assert f'data-spec="assets/charts/{chart_id}.vl.json"' in page
    assert f"Karte: {typology.name} 2024 – Sozialräume mit besonderem Aufmerksamkeitsbedarf" in page
    assert "sozmon-chart" not in analysis_page(_site(release, tables, with_pdf=False))  # no chart made: none shown


def test_a_class_move_is_marked_as_possible_chance_when_either_class_is_unsure(sample):
    """Every class move of a status index (each has its list of class changes) is in the
    'may be chance' sentence exactly when its class before or after is below `sure` in
    the published sicherheit.csv; a dynamics index's moves are named only for the areas
    entering or leaving the attention list, so only those of them."""
    release, tables, view = sample
    u = tables["sicherheit"]
    u = u[u["dimension_id"] == "gesamt"].set_index(["index_id", "sozialraum_id", "jahr"])["klasse_wahrscheinlichkeit"]
    sure = release.settings.certainty.sure
    iw = tables["index_werte"].set_index(["index_id", "sozialraum_id", "jahr"])["klasse"]
    before, after = view.previous_year, view.year
    checked = 0
    for spec in release.indices:
        areas = sorted({a for (i, a, _) in iw.index if i == spec.id})
        moved = [a for a in areas if _class(iw, spec.id, a, before) != _class(iw, spec.id, a, after)]
        moved = [a for a in moved if _class(iw, spec.id, a, before) and _class(iw, spec.id, a, after)]
        unsure = {a for a in moved if min(u.get((spec.id, a, before), 1.0), u.get((spec.id, a, after), 1.0)) < sure}
        facts = [f for f in view.facts() if f.rule == "classes_noise"]
        marked = {a for f in facts for (a, i, _, _) in f.data["moves"] if i == spec.id}
        if spec.kind == "status":
            assert marked == unsure, spec.id
        else:
            assert marked <= unsure, spec.id
        checked += len(marked)
    assert checked > 0


def _class(klasse, index_id, area, year):
    value = klasse.get((index_id, area, year))
    return None if pd.isna(value) else value
