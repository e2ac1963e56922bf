"""The generated pages say what the numbers say, in German formats."""

from __future__ import annotations

import re

import pytest

from sozmon import package, pipeline
from sozmon.format import german, signed, table
from sozmon.pages import Site, pages, summary
from tests import factory


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        (12345.678, 1, "12.345,7"),
        (-0.04, 1, "0,0"),
        (-1.25, 2, "−1,25"),
        (0.5, 0, "0"),
        (None, 1, "–"),
        (float("nan"), 2, "–"),
        (1000000, 0, "1.000.000"),
    ],
)
def test_german_numbers(value, decimals, expected):
    assert german(value, decimals) == expected


def test_signed_marks_positive_values_only():
    assert [signed(1.234, 2), signed(-1.2, 2), signed(0.0, 1)] == ["+1,23", "−1,20", "0,0"]


def test_table_escapes_pipes():
    assert table(["a", "b"], [["x|y", "1"]], align="lr").splitlines() == ["| a | b |", "| :-- | --: |", "| x\\|y | 1 |"]


def _site(tmp_path, change=None) -> Site:
    release, problems = pipeline.open_release(factory.release(tmp_path, change))
    assert release is not None, problems
    result = pipeline.results(release)
    return Site(release, package.tables(release, result), [], {})


@pytest.fixture
def site(tmp_path):
    return _site(tmp_path)


def _cells(page: str, href: str) -> list[str]:
    """The cells of the generated table row that links to `href`, as Markdown source."""
    row = next(line for line in page.splitlines() if line.startswith("<tr") and f"]({href})" in line)
    return re.findall(r"<td[^>]*>(.*?)</td>", row)


def _plain(markdown: str) -> str:
    """Markdown source of a cell as a reader sees it (backslash escapes undone)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_summary_names_the_weakest_dimensions(site):
    index = site.tables["index"].query("sozialraum_id == '03' and jahr == 2021").set_index("dimension_id")
    text = summary(site, "03")
    assert text.startswith("Im Jahr 2021 liegt der Index für Gebiet 3 bei ")
    assert signed(index.at["gesamt", "wert"], 2) in text
    below = index.drop("gesamt").query("wert < 0")
    assert len(below) == 2  # by hand: 51 % SGB II and 30,0 m² are both worse than the mean
    for dimension in below.index:
        name = {"arbeit": "Arbeit", "wohnen": "Wohnen"}[dimension]
        assert f"{name} ({signed(below.at[dimension, 'wert'], 2)})" in text
    assert "liegen die Dimensionen" in text


def test_one_dimension_below_the_mean_is_named_in_the_singular(tmp_path):
    # Gebiet 4 gets 20 m² per person: below the mean of (35.01, 40.005, 30.01, 20.02), while its
    # SGB II rate of 12 % stays better than the mean of 24.9 %: exactly one dimension below.
    def change(spec):
        for year in (2020, 2021):
            factory.row_of(spec, "04", year, "flaeche")["zaehler"] = str(1000 + year - 2020)

    text = summary(_site(tmp_path, change), "04")
    assert "Unter dem Mittel der Sozialräume liegt nur die Dimension Wohnen (−" in text
    assert "Dimensionen" not in text


def test_an_area_without_index_this_year_says_so_once_and_points_to_its_last_value(tmp_path):
    def change(spec):
        spec["values"] = [v for v in spec["values"] if not (v["sozialraum_id"] == "02" and v["jahr"] == "2021")]

    site = _site(tmp_path, change)
    last = site.tables["index"].query("sozialraum_id == '02' and jahr == 2020 and dimension_id == 'gesamt'").iloc[0]
    page = pages(site)["sozialraeume/02.md"]
    assert page.count("keinen Indexwert") == 1
    assert f"Der letzte Wert stammt aus 2020: {signed(last['wert'], 2)}" in _plain(page)
    assert "sozmon-kennzahlen" not in page


def test_the_area_page_says_which_is_stadtteil_and_which_stadtbezirk(site):
    assert "\nStadtteil Nord, Stadtbezirk Eins\n" in pages(site)["sozialraeume/01.md"]


def test_differences_of_percentages_are_percentage_points_and_say_what_they_do_to_the_index(site):
    page = pages(site)["sozialraeume/01.md"]
    # SGB II 2021: Gebiet 1 31/100 = 31.0 %, the city 99/450 = 22.0 %; 2020 it was 30/100 = 30.0 %.
    # richtung -1: a higher rate lowers the index.
    cells = [_plain(c) for c in _cells(page, "../indikatoren/sgb2.md")]
    assert cells[1:] == [
        "31,0 %",
        "22,0 %",
        "+9,0 Prozentpunkte (im Sinne des Index ungünstiger)",
        "+1,0 Prozentpunkte (im Sinne des Index ungünstiger)",
    ]
    # Wohnfläche: 3501/100 against 3500/100 the year before rounds to no change: no judgement.
    assert _plain(_cells(page, "../indikatoren/flaeche.md")[4]) == "0,0 m² je Einwohner"


def test_a_context_indicator_is_described_not_judged(site):
    page = pages(site)["sozialraeume/01.md"]
    # Kinderanteil (no dimension): 21/100 in 2021 against 20/100 in 2020.
    assert _plain(_cells(page, "../indikatoren/kinder.md")[4]) == "+1,0 Prozentpunkte"
    listing = pages(site)["indikatoren/index.md"]
    kinder = [_plain(c) for c in _cells(listing, "../indikatoren/kinder.md")]
    assert kinder[1:] == ["Kontext", "%", "beschreibt das Gebiet, nicht im Index"]
    assert "besser" not in listing and "schlechter" not in listing
    sgb2 = [_plain(c) for c in _cells(listing, "../indikatoren/sgb2.md")]
    assert sgb2[3] == "ein höherer Wert senkt den Index"


def test_a_value_from_a_small_denominator_is_marked(tmp_path):
    def change(spec):
        factory.row_of(spec, "04", 2021, "sgb2").update(zaehler="6", nenner="15")  # 40 %, 15 < 20

    page = pages(_site(tmp_path, change))["sozialraeume/04.md"]
    cells = [_plain(c) for c in _cells(page, "../indikatoren/sgb2.md")]
    # the city: (31 + 11 + 51 + 6) / (100 + 200 + 100 + 15) = 23.9 %; 2020: 5/50 = 10.0 %.
    # An uncertain value stays out of the index: its differences are marked, not judged.
    assert cells[1:] == [
        "40,0 % (unsicher)",
        "23,9 %",
        "+16,1 Prozentpunkte (unsicher)",
        "+30,0 Prozentpunkte (unsicher)",
    ]
    assert "weniger als 20 Personen im Nenner" in page


def test_every_area_dimension_and_indicator_has_a_page(site):
    generated = pages(site)
    for area in ["01", "02", "03", "04"]:
        assert f"sozialraeume/{area}.md" in generated
    assert {
        "dimensionen/arbeit.md",
        "dimensionen/wohnen.md",
        "indikatoren/sgb2.md",
        "indikatoren/flaeche.md",
        "indikatoren/kinder.md",
        "index.md",
        "daten.md",
        "methode.md",
    } <= set(generated)


def test_suppressed_value_reads_gesperrt_on_the_area_page(site):
    # Gebiet 3 has 2 children in 2021 (factory): suppressed, so the page says so.
    page = pages(site)["sozialraeume/03.md"]
    assert _cells(page, "../indikatoren/kinder.md")[1] == "gesperrt"


def test_synthetic_release_says_so_on_the_start_page(site):
    assert "Synthetische Beispieldaten" in pages(site)["index.md"]


def test_the_method_page_names_the_city_total_and_the_mean_of_the_areas_apart(site):
    page = _plain(pages(site)["methode.md"])
    assert "„Teststadt insgesamt“ ist der Wert der ganzen Stadt" in page
    assert "Das „Mittel der Sozialräume“ ist die 0" in page
