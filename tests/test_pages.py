"""The generated pages say what the numbers say, in German formats."""

from __future__ import annotations

import re
from pathlib import Path

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
    dims = site.tables["dimension_werte"].query("sozialraum_id == '03' and jahr == 2021").set_index("dimension_id")
    klasse = site.tables["index_werte"].query("sozialraum_id == '03' and jahr == 2021")["klasse"].iloc[0]
    text = _plain(summary(site, "03"))
    assert text.startswith("Gebiet 3 im Jahr 2021: ")
    # the default index of a release without definitions: its name is the setting index_name
    assert f"Testindex „{klasse}“ (Testindex)." in text
    below = dims.query("wert < 0")
    assert len(below) == 2  # by hand: 51 % SGB II and 30,0 m² are both worse than the mean
    for dimension in below.index:
        name = {"arbeit": "Arbeit", "wohnen": "Wohnen"}[dimension]
        # the value with its class, so a dimension named for a need does not read as "little need"
        assert f"{name} ({signed(below.at[dimension, 'wert'], 2)}, Testindex „{below.at[dimension, 'klasse']}“)" in text
    assert "liegen in „Testindex“ die Dimensionen" in text


def test_one_dimension_below_the_mean_is_named_in_the_singular(tmp_path):
    # Gebiet 4 gets 20 m² per person: below the mean of (35.01, 40.005, 30.01, 20.02), while its
    # SGB II rate of 12 % stays better than the mean of 24.9 %: exactly one dimension below.
    def change(spec):
        for year in (2020, 2021):
            factory.row_of(spec, "04", year, "flaeche")["zaehler"] = str(1000 + year - 2020)

    text = summary(_site(tmp_path, change), "04")
    assert "Unter dem Mittel der Sozialräume liegt in „Testindex“ nur die Dimension Wohnen (−" in _plain(text)
    assert "Testindex „" in _plain(text).split("nur die Dimension Wohnen")[1]
    assert "Dimensionen" not in text


def test_an_area_without_index_this_year_says_so_once_and_points_to_its_last_value(tmp_path):
    def change(spec):
        spec["values"] = [v for v in spec["values"] if not (v["sozialraum_id"] == "02" and v["jahr"] == "2021")]

    site = _site(tmp_path, change)
    last = site.tables["index_werte"].query("sozialraum_id == '02' and jahr == 2020").iloc[0]
    page = _plain(pages(site)["sozialraeume/02.md"])
    assert page.count("keinen Wert (zu wenige verwertbare Indikatoren)") == 1
    assert f"der letzte stammt aus 2020: Testindex „{last['klasse']}“." in page
    assert "<dd>kein Wert</dd>" in page


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
        "+9,0 Prozentpunkte (▼ im Sinne des Index ungünstiger)",
        "+1,0 Prozentpunkte (▼ im Sinne des Index ungünstiger)",
    ]
    # Wohnfläche: 3501/100 against 3500/100 the year before rounds to no change: no judgement.
    assert _plain(_cells(page, "../indikatoren/flaeche.md")[4]) == "0,0 m² je Einwohner"


def test_a_context_indicator_is_described_not_judged(site):
    page = pages(site)["sozialraeume/01.md"]
    # Kinderanteil (no dimension): 21/100 in 2021 against 20/100 in 2020.
    assert _plain(_cells(page, "../indikatoren/kinder.md")[4]) == "+1,0 Prozentpunkte (Kontext, ohne Wertung)"
    listing = pages(site)["indikatoren/index.md"]
    kinder = [_plain(c) for c in _cells(listing, "kinder.md")]
    assert kinder[1:] == ["Kontext", "%", "beschreibt das Gebiet, in keinem Index"]
    assert "besser" not in listing and "schlechter" not in listing
    sgb2 = [_plain(c) for c in _cells(listing, "sgb2.md")]
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


def test_every_area_index_dimension_and_indicator_has_a_page(site):
    generated = pages(site)
    for area in ["01", "02", "03", "04"]:
        assert f"sozialraeume/{area}.md" in generated
    assert {
        "indizes/index.md",
        "indizes/status/index.md",
        "indizes/status/methode.md",
        "indizes/status/dimensionen/arbeit.md",
        "indizes/status/dimensionen/wohnen.md",
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


# --- several indices, dynamics and the typology ----------------------------------------

MONITORING = {
    "indices": [
        {
            "id": "lage",
            "name": "Lage im Test",
            "short_name": "Lage",
            "description": "Wie die Lage ist.",
            "dimensions": [
                {"id": "arbeit", "indicators": ["sgb2"]},
                {"id": "wohnen", "indicators": ["flaeche"]},
            ],
        },
        {
            "id": "entwicklung",
            "name": "Entwicklung im Test",
            "short_name": "Entwicklung",
            "kind": "dynamics",
            "basis": "lage",
            "period": 1,
        },
    ],
    "typologies": [{"id": "typ", "name": "Lage und Entwicklung im Test", "indices": ["lage", "entwicklung"]}],
}


def _monitoring(tmp_path) -> Site:
    return _site(tmp_path, lambda spec: spec["settings"].update(MONITORING))


def test_the_typology_page_counts_each_pair_of_classes_and_links_to_its_areas(tmp_path):
    site = _monitoring(tmp_path)
    types = site.tables["typologie_werte"].query("jahr == 2021")
    page = _plain(pages(site)["typologien/typ.md"])
    lage = ["sehr niedrig", "niedrig", "mittel", "hoch", "sehr hoch"]
    entwicklung = ["negativ", "stabil", "positiv"]
    for i, a in enumerate(lage):
        row = next(line for line in page.splitlines() if f">Lage: {a}</td>" in line)
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)[1:]
        for j, b in enumerate(entwicklung):
            n = int(((types["klasse_1"] == a) & (types["klasse_2"] == b)).sum())
            flag = " ⚑" if i < 2 or (a == "mittel" and b == "negativ") else ""  # the default rule
            expected = f"[{n}{flag}](typ.md#typ-{i + 1}-{j + 1})" if n else f"0{flag}"
            assert cells[j] == expected
    # each linked pair has its heading with the areas of that type
    for r in types.itertuples():
        anchor_line = next(line for line in page.splitlines() if line.startswith(f"### {r.typ}"))
        assert "{#typ-" in anchor_line
    assert sum(types["aufmerksamkeit"].astype(bool)) == int(
        re.search(r"Besonderer Aufmerksamkeitsbedarf 2021: (\d+) Sozialräume", page)[1]
    )


def test_the_area_page_shows_every_index_its_development_and_its_type(tmp_path):
    site = _monitoring(tmp_path)
    page = _plain(pages(site)["sozialraeume/01.md"])
    row = site.tables["typologie_werte"].query("sozialraum_id == '01' and jahr == 2021").iloc[0]
    lage = site.tables["index_werte"].query("index_id == 'lage' and sozialraum_id == '01' and jahr == 2021").iloc[0]
    assert f"Lage „{lage['klasse']}“ (Lage im Test)." in page
    assert f"Entwicklung der letzten 1 Jahre „{row['klasse_2']}“ (Entwicklung im Test)." in page
    assert f"Typ „Lage {row['klasse_1']}, Entwicklung {row['klasse_2']}“" in page
    assert "## Lage im Test" in page and "## Entwicklung im Test" in page


def test_the_start_page_leads_with_the_typology(tmp_path):
    page = _plain(pages(_monitoring(tmp_path))["index.md"])
    assert page.index("## Lage und Entwicklung im Test") < page.index("## Indizes")
    assert "Besonderer Aufmerksamkeitsbedarf besteht bei: Lage „sehr niedrig“ oder „niedrig“" in page


def test_no_index_dimension_or_group_of_people_is_written_in_the_code():
    """Every name of the sample's indices, dimensions and typology comes from its release."""
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[1]
    settings = yaml.safe_load((root / "datapackage" / "sozmon.yml").read_text(encoding="utf-8"))
    names = [i["name"] for i in settings["indices"]] + [t["name"] for t in settings["typologies"]]
    names += [i["short_name"] for i in settings["indices"] if " " in i["short_name"]]  # not a word like "Entwicklung"
    dimensions = (root / "datapackage" / "dimensionen.csv").read_text(encoding="utf-8").splitlines()[1:]
    names += [line.split(",")[1].strip('"') for line in dimensions]
    names += ["Kinder", "Älter", "Senior", "Teilhabe"]
    code = "\n".join(p.read_text(encoding="utf-8") for p in (root / "sozmon").rglob("*") if p.suffix in {".py", ".j2"})
    for name in names:
        assert name.lower() not in code.lower(), name


def test_a_dynamics_index_speaks_of_rises_and_has_no_change_of_a_change(tmp_path):
    site = _monitoring(tmp_path)
    generated = pages(site)
    method = _plain(generated["indizes/entwicklung/methode.md"])
    # sgb2 (richtung −1) and flaeche (+1): in a dynamics index it is their rise that counts
    assert "ein Anstieg senkt den Index" in method and "ein Anstieg hebt den Index" in method
    assert "ein höherer Wert" not in method
    area = _plain(generated["sozialraeume/01.md"])
    dynamics = area.split("### Verlauf: Entwicklung im Test")[1]
    head = re.search(r"<thead.*?</thead>", dynamics, re.S)[0]
    assert "Veränderung" not in head and "Rang (1 = am ungünstigsten)" in head
    status = area.split("### Verlauf: Lage im Test")[1].split("## Entwicklung im Test")[0]
    assert "Veränderung der Lage zum Vorjahr" in re.search(r"<thead.*?</thead>", status, re.S)[0]


def test_the_typologies_follow_the_indices_in_the_navigation(tmp_path):
    import yaml

    from sozmon.site import config

    site = _monitoring(tmp_path)
    base = yaml.safe_load((Path(__file__).resolve().parents[1] / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = config(site.release, base)["nav"]
    at = next(i for i, item in enumerate(nav) if isinstance(item, dict) and "indizes/index.md" in item.values())
    assert nav[at + 1] == {"Lage und Entwicklung im Test": "typologien/typ.md"}


def test_the_type_table_says_why_with_both_indices_values_and_ranks(tmp_path):
    site = _monitoring(tmp_path)
    page = pages(site)["index.md"]  # the start page's map table lists every area
    scores = site.tables["index_werte"].query("sozialraum_id == '01' and jahr == 2021").set_index("index_id")
    row = site.tables["typologie_werte"].query("sozialraum_id == '01' and jahr == 2021").iloc[0]
    cells = [_plain(c) for c in _cells(page, "sozialraeume/01.md")]
    assert cells[1:] == [
        row["typ"],
        "ja" if row["aufmerksamkeit"] else "nein",
        f"{signed(scores.at['lage', 'wert'], 2)} (Rang {int(scores.at['lage', 'rang'])})",
        f"{signed(scores.at['entwicklung', 'wert'], 2)} (Rang {int(scores.at['entwicklung', 'rang'])})",
    ]
