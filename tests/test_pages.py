"""The generated pages say what the numbers say, in German formats."""

from __future__ import annotations

import pytest

from sozmon import package, pipeline
from sozmon.format import german, signed, table
from sozmon.pages import Site, pages, summary
from tests import factory


@pytest.mark.parametrize("value, decimals, expected", [
    (12345.678, 1, "12.345,7"), (-0.04, 1, "0,0"), (-1.25, 2, "−1,25"), (0.5, 0, "0"),
    (None, 1, "–"), (float("nan"), 2, "–"), (1000000, 0, "1.000.000"),
])
def test_german_numbers(value, decimals, expected):
    assert german(value, decimals) == expected


def test_signed_marks_positive_values_only():
    assert [signed(1.234, 2), signed(-1.2, 2), signed(0.0, 1)] == ["+1,23", "−1,20", "0,0"]


def test_table_escapes_pipes():
    assert table(["a", "b"], [["x|y", "1"]], align="lr").splitlines() == [
        "| a | b |", "| :-- | --: |", "| x\\|y | 1 |"]


@pytest.fixture
def site(tmp_path):
    release, _ = pipeline.open_release(factory.release(tmp_path))
    result = pipeline.results(release)
    return Site(release, package.tables(release, result), [], set())


def test_summary_names_the_weakest_dimensions(site):
    index = site.tables["index"].query("sozialraum_id == '03' and jahr == 2021").set_index("dimension_id")
    text = summary(site, "03")
    assert text.startswith("Im Jahr 2021 liegt der Index für Gebiet 3 bei ")
    assert signed(index.at["gesamt", "wert"], 2) in text
    below = index.drop("gesamt").query("wert < 0")
    for dimension in below.index:
        name = {"arbeit": "Arbeit", "wohnen": "Wohnen"}[dimension]
        assert f"{name} ({signed(below.at[dimension, 'wert'], 2)})" in text


def test_every_area_dimension_and_indicator_has_a_page(site):
    generated = pages(site)
    for area in ["01", "02", "03", "04"]:
        assert f"sozialraeume/{area}.md" in generated
    assert {"dimensionen/arbeit.md", "dimensionen/wohnen.md", "indikatoren/sgb2.md",
            "indikatoren/flaeche.md", "indikatoren/kinder.md", "index.md", "daten.md",
            "methode.md"} <= set(generated)


def test_suppressed_value_reads_gesperrt_on_the_area_page(site):
    # Gebiet 3 has 2 children in 2021 (factory): suppressed, so the page says so.
    page = pages(site)["sozialraeume/03.md"]
    row = next(line for line in page.splitlines() if "(../indikatoren/kinder.md)" in line)
    assert row.split("|")[2].strip() == "gesperrt"


def test_synthetic_release_says_so_on_the_start_page(site):
    assert "Synthetische Beispieldaten" in pages(site)["index.md"]
