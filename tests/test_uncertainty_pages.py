"""How sure each number is, where people look (issue 13): the phrases from hand-made rows,
and on the built sample site the numbers of the published sicherheit.csv."""

from __future__ import annotations

import html
import math
import re

import pandas as pd
import pytest

from sozmon import contract, package, pipeline
from sozmon.analysis import analyse
from sozmon.pages import Site, pages
from sozmon.pages import uncertainty as u
from tests import factory

UNSURE = u.Sureness(-0.9, -0.4, 2, 6, "niedrig", 0.55, (("sehr niedrig", 0.40), ("mittel", 0.05)), 1000)
SURE = u.Sureness(-1.5, -1.1, 3, 3, "sehr niedrig", 0.87, (("niedrig", 0.13),), 1000)


# --- phrases from hand-made rows ------------------------------------------------------------


def test_the_rank_says_between_which_ranks_it_probably_lies():
    assert u.rank_phrase(3, 39, UNSURE) == "Rang 3 von 39 (wahrscheinlich zwischen 2 und 6; Rang 1 = am ungünstigsten)"
    assert u.rank_range(UNSURE) == "2–6"


def test_an_interval_of_one_rank_is_said_plainly():
    assert u.rank_phrase(3, 39, SURE) == "Rang 3 von 39 (wahrscheinlich genau dieser Rang; Rang 1 = am ungünstigsten)"
    assert u.rank_range(SURE) == "3"


def test_without_a_row_the_rank_stands_as_before():
    assert u.rank_phrase(3, 39, None) == "Rang 3 von 39 (Rang 1 = am ungünstigsten)"
    assert u.rank_range(None) == "–" and u.value_range(None) == "–"
    assert u.class_phrase("Lage", "mittel", None, 0.8) == "Lage: mittel"


def test_a_sure_class_says_how_sure():
    assert (
        u.class_phrase("Teilhabechancen", "sehr niedrig", SURE, 0.8) == "Teilhabechancen: sehr niedrig (zu 87 % sicher)"
    )
    assert u.class_cell("sehr niedrig", SURE, 0.8) == "sehr niedrig (zu 87 % sicher)"
    assert u.flag(SURE, 0.8) is None


def test_a_class_below_sure_is_uncertain_and_names_the_next_likely_class():
    text = u.class_phrase("Teilhabechancen", "niedrig", UNSURE, 0.8)
    assert text == "Teilhabechancen: niedrig, aber unsicher: zu 55 %; zu 40 % sehr niedrig"
    assert u.class_cell("niedrig", UNSURE, 0.8) == "niedrig (unsicher: zu 55 %; zu 40 % sehr niedrig)"
    assert u.flag(UNSURE, 0.8) == "Klasse unsicher (zu 55 % sicher)"
    # the threshold is the setting's: at 0.5 the same class is sure
    assert u.class_phrase("Teilhabechancen", "niedrig", UNSURE, 0.5) == "Teilhabechancen: niedrig (zu 55 % sicher)"


def test_percentages_round_down_so_that_an_uncertain_class_never_reads_as_the_threshold():
    assert [u.percent(p) for p in (0.87, 0.57, 0.799, 1.0, 0.004, 0.0)] == ["87", "57", "79", "100", "1", "0"]


def test_value_interval_is_written_as_the_scores_are():
    assert u.value_range(UNSURE) == "−0,90 bis −0,40"


def test_the_lookup_reads_the_published_tables_by_index_dimension_area_and_year():
    key = {"index_id": "lage", "sozialraum_id": "01", "jahr": 2021}
    rows = pd.DataFrame(
        [
            {**key, "dimension_id": contract.WHOLE, "wert_unten": -1.0, "wert_oben": -0.5, "rang_unten": 1}
            | {"rang_oben": 2, "klasse": "niedrig", "klasse_wahrscheinlichkeit": 0.6, "ziehungen": 1000},
            {**key, "dimension_id": "arbeit", "wert_unten": 0.1, "wert_oben": 0.3, "rang_unten": 3}
            | {"rang_oben": 4, "klasse": "hoch", "klasse_wahrscheinlichkeit": 0.9, "ziehungen": 1000},
        ]
    )
    probs = pd.DataFrame(
        [
            {**key, "dimension_id": contract.WHOLE, "stufe": s, "klasse": k, "wahrscheinlichkeit": p}
            for s, k, p in ((1, "sehr niedrig", 0.1), (2, "niedrig", 0.6), (3, "mittel", 0.3))
        ]
    )
    found = u.Lookup({contract.UNCERTAINTY: rows, contract.CLASS_PROBABILITIES: probs})
    whole = found.get("lage", None, "01", 2021)
    assert (whole.rank_low, whole.rank_high, whole.probability) == (1, 2, 0.6)
    assert whole.others == (("mittel", 0.3), ("sehr niedrig", 0.1))  # the published class is not an "other"
    assert found.get("lage", "arbeit", "01", 2021).klasse == "hoch"
    assert found.get("lage", "wohnen", "01", 2021) is None and found.get("lage", None, "01", 2020) is None
    assert len(u.Lookup({})) == 0  # a Result without certainty tables: nothing to show


# --- pages of a small release with hand-made rows, and hostile names ------------------------

HOSTILE = "Lage <img src=x onerror=alert(1)> *fett* [x](javascript:alert(1))"
MONITORING = {
    "indices": [
        {
            "id": "lage",
            "name": HOSTILE,
            "short_name": HOSTILE,
            "dimensions": [
                {"id": "arbeit", "indicators": ["sgb2"]},
                {"id": "wohnen", "indicators": ["flaeche"]},
            ],
        },
        {"id": "entwicklung", "name": "Entwicklung", "short_name": "Entwicklung", "kind": "dynamics", "basis": "lage"}
        | {"period": 1},
    ],
    "typologies": [{"id": "typ", "name": "Typologie", "indices": ["lage", "entwicklung"]}],
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Site:
    """A small release whose index and an area carry hostile names; every class of the index
    is made 55 % sure (hand-made rows replace the bootstrap's)."""

    def change(spec):
        spec["settings"].update(MONITORING)
        spec["areas"][0]["name"] = "<script>alert(2)</script> _Gebiet_"

    release, problems = pipeline.open_release(factory.release(tmp_path_factory.mktemp("u"), change))
    assert release is not None, problems
    tables = package.tables(release, pipeline.results(release))
    scores = tables[contract.INDEX_VALUES].dropna(subset=["klasse"])
    scores = scores[scores["index_id"] == "lage"]
    labels = list(release.index("lage").classes.labels)
    rows, probs = [], []
    for r in scores.itertuples():
        key = {"index_id": "lage", "dimension_id": contract.WHOLE, "sozialraum_id": r.sozialraum_id, "jahr": r.jahr}
        other = labels[(labels.index(r.klasse) + 1) % len(labels)]
        rows.append(
            key
            | {"wert_unten": r.wert - 0.2, "wert_oben": r.wert + 0.2, "rang_unten": 1, "rang_oben": 4}
            | {"klasse": r.klasse, "klasse_wahrscheinlichkeit": 0.55, "ziehungen": 1000}
        )
        probs += [
            key | {"stufe": labels.index(r.klasse) + 1, "klasse": r.klasse, "wahrscheinlichkeit": 0.55},
            key | {"stufe": labels.index(other) + 1, "klasse": other, "wahrscheinlichkeit": 0.45},
        ]
    tables[contract.UNCERTAINTY] = pd.DataFrame(rows)
    tables[contract.CLASS_PROBABILITIES] = pd.DataFrame(probs)
    return Site(release, tables, [], {})


def _unsafe(page: str) -> list[str]:
    """Markup from a name that would run or link. Raw tags anywhere after the front matter
    (YAML); a Markdown link only where Markdown is read: text lines and table cells, not raw
    HTML lines (their text is HTML-escaped and not read as Markdown)."""
    body = page.split("\n---\n", 1)[-1]
    found = {bad for bad in ("<img", "<script") if bad in body}
    for line in body.splitlines():
        parts = re.findall(r"<td [^>]*>(.*?)</td>", line) if line.startswith("<tr") else [line]
        if not line.startswith("<") or line.startswith("<tr"):
            found |= {"](javascript:" for part in parts if "](javascript:" in part}
    return sorted(found)


def test_hostile_names_in_the_new_places_come_out_escaped(hostile_site):
    out = pages(hostile_site)
    typology = out["typologien/typ.md"]
    assert "Typ unsicher:" in typology and "Lage &lt;img src=x onerror=alert\\(1\\)&gt; \\*fett\\*" in typology
    area = out["sozialraeume/01.md"]
    # raw HTML (a <dd>): the name HTML-escaped, not read as Markdown
    assert (
        "<dd>Lage &lt;img src=x onerror=alert(1)&gt; *fett* [x](javascript:alert(1)): "
        "mittel, aber unsicher: zu 55 %; zu 45 %" in area
    )
    analysis = out["bestandsanalyse.md"]
    assert "Klasse unsicher" in analysis and "&lt;script&gt;alert\\(2\\)&lt;/script&gt; \\_Gebiet\\_" in analysis
    method = u.method_section(hostile_site)
    assert "&lt;img src=x" in method and "Rang 1 = am ungünstigsten" in method
    for name, page in (("typology", typology), ("area", area), ("analysis", analysis), ("method", method)):
        assert not _unsafe(page), (name, _unsafe(page))


def test_the_bestandsanalyse_flags_uncertain_classes_and_counts_them(hostile_site):
    view = analyse(hostile_site.release, hostile_site.tables)
    lowest = [f for f in view.facts() if f.rule == "uncertain_lowest"]
    assert len(lowest) == 1  # one status index
    fact = lowest[0]
    assert fact.data["uncertain"] == fact.data["areas"]  # every class is 55 % sure
    k = len(fact.data["areas"])
    assert fact.text.startswith(f"{k} der {k} Sozialräume" if k > 1 else f"1 der {k} Sozialräume")
    assert any("zu weniger als 80 % sicher" in r or "weniger als 80 %" in r for r in view.rules)


# --- the built sample site --------------------------------------------------------------------


def _expected_percent(p: float) -> str:
    whole = math.floor(p * 100 + 1e-9)
    return str(max(whole, 1) if p > 0 else whole)


def test_each_area_page_shows_the_published_interval_and_probability(sample_build):
    sure = pd.read_csv(sample_build / "daten" / "sicherheit.csv", dtype={"sozialraum_id": str})
    indices = pd.read_csv(sample_build / "daten" / "indizes.csv")
    names = dict(zip(indices["index_id"], indices["name"]))
    year = int(sure["jahr"].max())
    rows = sure[(sure["dimension_id"] == contract.WHOLE) & (sure["jahr"] == year)]
    assert len(rows) > 50
    seen_unsure = seen_range = seen_always = 0
    for r in rows.itertuples():
        page = (sample_build / "docs" / "sozialraeume" / f"{r.sozialraum_id}.md").read_text(encoding="utf-8")
        dd = re.search(rf"<dt>{re.escape(html.escape(names[r.index_id]))}</dt>\s*<dd>(.*?)</dd>", page)[1]
        dd = html.unescape(dd)
        if r.rang_unten == r.rang_oben:
            assert "wahrscheinlich genau dieser Rang" in dd, dd
        else:
            assert f"wahrscheinlich zwischen {r.rang_unten} und {r.rang_oben}" in dd, dd
            seen_range += 1
        p = _expected_percent(r.klasse_wahrscheinlichkeit)
        if r.klasse_wahrscheinlichkeit < 0.8:  # the sample's settings.certainty.sure
            assert f": {r.klasse}, aber unsicher: zu {p} %" in dd, dd
            seen_unsure += 1
        elif r.klasse_wahrscheinlichkeit == 1:  # every one of the 1,000 draws (the sample's draws)
            assert f": {r.klasse} (sicher: in allen 1.000 Wiederholungen diese Klasse)" in dd, dd
            seen_always += 1
        else:
            assert f": {r.klasse} (zu {p} % sicher)" in dd, dd
    assert seen_unsure and seen_range and seen_always  # each kind of row occurs in the sample


def test_the_ranking_picture_draws_an_interval_per_area(sample_build):
    sure = pd.read_csv(sample_build / "daten" / "sicherheit.csv", dtype={"sozialraum_id": str})
    year = int(sure["jahr"].max())
    for chart, dimension in (
        ("indizes/kinder/rangfolge", contract.WHOLE),
        ("indizes/kinder/dimensionen/wohnen/rangfolge", "wohnen"),
    ):
        svg = (sample_build / "site" / "assets" / "charts" / f"{chart}.svg").read_text(encoding="utf-8")
        marks = re.findall(r'aria-label="([^"]*: wahrscheinlich zwischen [^"]*)"', svg)
        rows = sure[(sure["index_id"] == "kinder") & (sure["dimension_id"] == dimension) & (sure["jahr"] == year)]
        assert len(marks) == len(rows) > 0, chart


def test_the_ranking_table_has_the_rank_interval(sample_build):
    sure = pd.read_csv(sample_build / "daten" / "sicherheit.csv", dtype={"sozialraum_id": str})
    year = int(sure["jahr"].max())
    page = (sample_build / "docs" / "indizes" / "kinder" / "index.md").read_text(encoding="utf-8")
    assert "Rang wahrscheinlich zwischen" in page
    row = sure[(sure["index_id"] == "kinder") & (sure["dimension_id"] == contract.WHOLE) & (sure["jahr"] == year)]
    r = row[row["rang_unten"] < row["rang_oben"]].iloc[0]
    line = next(
        x
        for x in page.splitlines()
        if f"](../../sozialraeume/{r.sozialraum_id}.md)" in x and 'data-label="Rang wahrscheinlich zwischen"' in x
    )
    assert f">{r.rang_unten}–{r.rang_oben}</td>" in line


def test_the_bestandsanalyse_pdf_flags_uncertain_classes(sample_build):
    pypdf = pytest.importorskip("pypdf")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(sample_build / "daten" / "bestandsanalyse.pdf").pages)
    text = " ".join(text.split())
    assert "Klasse unsicher" in text and "nicht sicher in" in text


def test_the_next_likely_class_says_whether_it_is_better_or_worse_for_the_index():
    from dataclasses import replace

    # 'sehr niedrig' is one step below 'niedrig' (the class table's stufe): less favourable
    worse = replace(UNSURE, better=(False, True))
    assert (
        u.class_phrase("T", "niedrig", worse, 0.8)
        == "T: niedrig, aber unsicher: zu 55 %; zu 40 % sehr niedrig (▼ ungünstiger)"
    )
    better = replace(UNSURE, others=(("mittel", 0.40),), better=(True,))
    assert u.class_cell("niedrig", better, 0.8) == "niedrig (unsicher: zu 55 %; zu 40 % mittel (▲ günstiger))"


def test_a_class_in_every_draw_says_so_rather_than_100_percent():
    always = u.Sureness(-1.5, -1.1, 3, 3, "sehr niedrig", 1.0, (), 1000)
    assert u.class_phrase("T", "sehr niedrig", always, 0.8) == (
        "T: sehr niedrig (sicher: in allen 1.000 Wiederholungen diese Klasse)"
    )


def test_the_lookup_knows_which_other_class_is_better():
    tables = {
        contract.UNCERTAINTY: pd.DataFrame(
            [["i", contract.WHOLE, "01", 2024, -0.9, -0.4, 2, 6, "niedrig", 0.55, 1000]],
            columns=contract.OUTPUT[contract.UNCERTAINTY].columns,
        ),
        contract.CLASS_PROBABILITIES: pd.DataFrame(
            [
                ["i", contract.WHOLE, "01", 2024, 1, "sehr niedrig", 0.15],
                ["i", contract.WHOLE, "01", 2024, 2, "niedrig", 0.55],
                ["i", contract.WHOLE, "01", 2024, 3, "mittel", 0.30],
            ],
            columns=contract.OUTPUT[contract.CLASS_PROBABILITIES].columns,
        ),
    }
    s = u.Lookup(tables).get("i", None, "01", 2024)
    assert s.others == (("mittel", 0.30), ("sehr niedrig", 0.15)) and s.better == (True, False)


def test_the_typology_names_the_areas_just_outside_the_list(sample_build):
    """Not in the attention list, yet needing attention in at least 20 % (1 − sure) of the
    draws: named with their share, from the published typologie_sicherheit.csv."""
    chances = pd.read_csv(sample_build / "daten" / "typologie_sicherheit.csv", dtype={"sozialraum_id": str})
    types = pd.read_csv(sample_build / "daten" / "typologie_werte.csv", dtype={"sozialraum_id": str})
    year = int(types["jahr"].max())
    joined = chances[chances["jahr"] == year].merge(types, on=["typologie_id", "sozialraum_id", "jahr"])
    near = joined[(joined["aufmerksamkeit"] == False) & (joined["aufmerksamkeit_wahrscheinlichkeit"] >= 0.2)]  # noqa: E712
    assert len(near) >= 1
    page = (sample_build / "docs" / "typologien" / "lage-entwicklung.md").read_text(encoding="utf-8")
    sentence = next(line for line in page.splitlines() if line.startswith("Nicht in der Liste"))
    for r in near.itertuples():
        assert f"\\({u.percent(r.aufmerksamkeit_wahrscheinlichkeit)} %\\)" in sentence
    assert sentence.count("%\\)") == len(near)
