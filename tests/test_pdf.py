"""The printable profiles (Steckbriefe): one accessible, reproducible PDF per area.

The sample is built once (`package.write`, as `sozmon build` does); the expectations come
from the published tables (index_werte.csv, indikator_werte.csv) and from hand-checked
facts of the sample, not from the profile's own code.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest

from sozmon import package, pdf, pipeline, profile, texts
from sozmon.pages.areas import area_page
from sozmon.pages.common import Site

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "datapackage"
MINUS = "\u2212"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """(release, published tables, package folder, files written) of the sample."""
    release, problems = pipeline.open_release(SAMPLE)
    assert release is not None, problems
    result = pipeline.results(release)
    folder = tmp_path_factory.mktemp("daten")
    written = package.write(release, result, folder)
    return release, package.tables(release, result), folder, written


def _reader(path: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(path.read_bytes()))


def _text(reader: pypdf.PdfReader) -> str:
    """All pages' text, one space between words (lines may break anywhere)."""
    raw = " ".join(page.extract_text() for page in reader.pages).replace(pdf.ZWSP, "")
    return " ".join(raw.split())


def _german(value: float) -> str:
    """Two decimals, comma, a real minus or a plus: how the site prints an index value."""
    sign = MINUS if value < 0 else "+"
    return sign + f"{abs(value):.2f}".replace(".", ",")


def _structure(reader: pypdf.PdfReader) -> list[pypdf.generic.DictionaryObject]:
    """Every element of the structure tree."""
    out = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                out.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return out


def test_every_area_has_a_profile_and_the_zip_holds_them_all(built):
    release, _, folder, written = built
    ids = set(release.areas["sozialraum_id"])
    pdfs = {p.stem: p for p in (folder / "steckbriefe").glob("*.pdf")}
    assert set(pdfs) == ids and len(ids) == 40
    assert set(pdfs.values()) | {folder / "steckbriefe.zip"} <= set(written)
    with zipfile.ZipFile(folder / "steckbriefe.zip") as archive:
        assert sorted(archive.namelist()) == sorted(f"steckbriefe/{i}.pdf" for i in ids)
        for i in ids:
            assert archive.read(f"steckbriefe/{i}.pdf") == pdfs[i].read_bytes()


def test_a_profile_shows_name_values_classes_and_ranks(built):
    """Altstadt (01), checked by hand in index_werte.csv for 2024: Partizipation von Kindern
    −1.527 'sehr niedrig', rank 3 of 39 ranked areas; its type needs attention."""
    text = _text(_reader(built[2] / "steckbriefe" / "01.pdf"))
    assert "Altstadt" in text and "Stadtteil Altstadt, Stadtbezirk Mitte" in text
    assert f"{MINUS}1,53" in text
    assert "Teilhabechancen „sehr niedrig“ · Rang 3 von 39" in text
    assert "Teilhabechancen sehr niedrig, Entwicklung negativ" in text
    assert "besonderer Aufmerksamkeitsbedarf" in text
    assert "Gelsenkirchen insgesamt" in text


def test_every_profile_has_its_areas_values_and_classes(built):
    release, tables, folder, _ = built
    scores = tables["index_werte"]
    year = int(scores["jahr"].max())
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    short = {s.id: s.short_name for s in release.indices}
    for area_id, name in names.items():
        text = _text(_reader(folder / "steckbriefe" / f"{area_id}.pdf"))
        assert name in text, area_id
        mine = scores[(scores["sozialraum_id"] == area_id) & scores["wert"].notna() & (scores["jahr"] <= year)]
        for index_id, rows in mine.groupby("index_id"):
            latest = rows.sort_values("jahr").iloc[-1]
            assert _german(float(latest["wert"])) in text, (area_id, index_id)
            assert f"{short[index_id]} „{latest['klasse']}“" in text, (area_id, index_id)


def test_an_index_without_a_value_this_year_says_so_and_gives_the_older_one_in_small_print(built):
    """Scholven-Nord (21), checked by hand in index_werte.csv: Partizipation von Kindern has
    no value in 2024 (blank wert, coverage 0.4); its last is 2023, 0.876989 'hoch' (rank 32).
    The figure is "kein Wert 2024", the 2023 value only in brackets; the trend says "kein
    Wert" for 2020, 2022 and 2024, which have no value either."""
    release, tables, folder, _ = built
    site = Site(release, tables, [], {})
    data = profile.profile(site, "21")
    key = {k["label"]: k for k in data["key"]}
    kinder = key["Partizipation von Kindern"]
    assert kinder["value"] == "kein Wert 2024"
    assert kinder["note"] == "(2023: +0,88, Teilhabechancen „hoch“)"
    assert "Rang 32" not in kinder["note"]  # a rank of another year is not shown as this year's
    text = _text(_reader(folder / "steckbriefe" / "21.pdf"))
    assert "kein Wert 2024 (2023: +0,88, Teilhabechancen „hoch“)" in text
    assert "Wert von 2023" not in text
    gaps = [p["year"] for p in data["trend"]["points"] if p["y"] is None]
    assert gaps == ["2020", "2022", "2024"]
    for year in gaps:
        assert f"{year}: kein Wert" in data["trend"]["alt"]
    assert text.count("kein Wert") >= 3 + 3  # the three figures without a 2024 value, the three gaps


def test_every_area_without_an_index_value_this_year_shows_no_figure_for_it(built):
    """From index_werte: where an area's latest value of an index is older than the year,
    its card says "kein Wert <year>" and the older value stands in brackets with its year."""
    release, tables, _, _ = built
    site = Site(release, tables, [], {})
    scores = tables["index_werte"]
    year = int(scores["jahr"].max())
    names = {s.id: s.name for s in release.indices}
    seen = 0
    for (index_id, area_id), rows in scores[scores["wert"].notna()].groupby(["index_id", "sozialraum_id"]):
        last = rows.sort_values("jahr").iloc[-1]
        if int(last["jahr"]) == year:
            continue
        seen += 1
        card = {k["label"]: k for k in profile.profile(site, area_id)["key"]}[names[index_id]]
        assert card["value"] == f"kein Wert {year}", (index_id, area_id)
        assert card["note"].startswith(f"({int(last['jahr'])}: {_german(float(last['wert']))}, "), (index_id, area_id)
        assert f"„{last['klasse']}“)" in card["note"], (index_id, area_id)
    assert seen >= 2  # Scholven-Nord's two children's indices at least


def test_sources_are_each_indicators_quelle_whole_and_the_licence_is_named_once(built):
    """indikatoren.quelle of the sample holds 15 different texts, several naming two
    institutions joined by ';' and ending in "(Beispielangabe)": each is listed whole, so the
    tag stays with every institution; the licence is named by the citation (and the footer), not again."""
    release, _, folder, _ = built
    quellen = list(dict.fromkeys(release.indicators["quelle"].dropna()))
    assert len(quellen) == 15 and any(";" in q for q in quellen)
    text = _text(_reader(folder / "steckbriefe" / "12.pdf"))
    sources = text[text.index("Quellen ") : text.index("Zitiervorschlag")]
    for q in quellen:
        assert q in sources, q
    # 15 sources, all of the sample tagged: one tag each, none lost by splitting
    assert sources.count("(Beispielangabe)") == 15
    assert "Statistik der Bundesagentur für Arbeit;" in sources
    licence = release.settings.publication.licence_title
    assert text.count(licence) == 2 + 1  # the footer of both pages, the citation
    assert "Differenzen aus ungerundeten Werten; die letzte Stelle kann abweichen." in text


def test_dimension_classes_are_said_with_the_index_short_name_and_coloured_by_class(built):
    """Schalke-West (12) in dimension_werte 2024: Integrationsbedarf −0.94, class 'niedrig'
    of Partizipation von Kindern. The bar says "Teilhabechancen niedrig" (not a low need) in
    the site's colour of 'niedrig' (2nd of 5 classes, #fdae61); bars use the shared ±2 scale."""
    release, tables, _, _ = built
    data = profile.profile(Site(release, tables, [], {}), "12")
    kinder = next(d for d in data["dimensions"] if d["title"] == "Partizipation von Kindern")
    bar = next(b for b in kinder["bars"] if b["label"] == "Integrationsbedarf")
    assert bar["text"] == f"{MINUS}0,94" and bar["class"] == "Teilhabechancen niedrig"
    assert bar["colour"] == "#fdae61"
    assert bar["value"] == pytest.approx(-0.94 / 2 / 2, abs=0.003)  # −0.94 of ±2 → −0.235 of the width
    assert kinder["reading"] == "Die Klassen beschreiben „Teilhabechancen“; „sehr niedrig“ ist die ungünstigste."
    guide = " ".join(data["guide"])
    assert "anderswo aber noch mehr" in guide  # what 'negativ' of a dynamics index means
    assert "auch ein Sozialraum mit „Entwicklung positiv“ hat dann besonderen Aufmerksamkeitsbedarf" in guide


def test_withheld_cells_say_gesperrt_and_small_denominators_say_unsicher(built):
    """Scholven-Nord (21) has three withheld values in 2024 and values on small denominators."""
    release, tables, folder, _ = built
    values = tables["indikator_werte"]
    year = int(values["jahr"].max())
    mine = values[(values["sozialraum_id"] == "21") & (values["jahr"] == year)]
    withheld = set(mine.loc[mine["gesperrt"].fillna(False).astype(bool), "indikator_id"])
    small = set(mine.loc[mine["nenner"].notna() & (mine["nenner"] < 20), "indikator_id"]) - withheld
    assert len(withheld) == 3 and small
    site = Site(release, tables, [], {})
    names = dict(zip(release.indicators["indikator_id"], release.indicators["name"]))
    rows = {r[0]: r for g in profile.profile(site, "21")["table"]["groups"] for r in g["rows"]}
    for i in withheld:
        assert rows[names[i]][2] == "gesperrt" and rows[names[i]][4:] == ["–", "–"], i
    for i in small:
        assert rows[names[i]][2].endswith("(unsicher)"), i
        assert "günstiger" not in rows[names[i]][4], i  # an uncertain difference is not judged
    text = _text(_reader(folder / "steckbriefe" / "21.pdf"))
    assert text.count("gesperrt") >= 3 + 1  # the cells and the footnote
    assert texts.PAGES["suppressed_note"] in text


def test_the_pdfs_are_tagged_german_titled_with_embedded_fonts(built):
    release, _, folder, _ = built
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    for path in sorted((folder / "steckbriefe").glob("*.pdf")):
        reader = _reader(path)
        catalog = reader.trailer["/Root"]
        assert "/StructTreeRoot" in catalog
        assert str(catalog["/Lang"]).startswith("de")
        assert bool(catalog["/MarkInfo"]["/Marked"])
        assert reader.metadata.title == f"Steckbrief {names[path.stem]} (synthetische Beispieldaten)"
        assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()  # PDF/UA-1
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendants = font.get("/DescendantFonts")
                described = descendants[0].get_object() if descendants else font
                descriptor = described["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, (path.name, font["/BaseFont"])
        figures = [e for e in _structure(reader) if e["/S"] == "/Figure"]
        # the map, the bars of each of the three indices and the trend
        assert len(figures) == 5, path.name
        for figure in figures:
            assert str(figure.get("/Alt", "")).strip(), path.name


def test_the_sample_profiles_have_two_pages_with_the_synthetic_notice_on_each(built):
    for path in sorted((built[2] / "steckbriefe").glob("*.pdf")):
        reader = _reader(path)
        assert len(reader.pages) == 2, path.name
        for page in reader.pages:
            assert texts.SYNTHETIC_NOTE in " ".join(page.extract_text().split()), path.name


def test_two_builds_give_identical_bytes(built, tmp_path):
    release, tables, folder, _ = built
    again = profile.write(release, tables, tmp_path, package._timestamp(release))
    for path in again:
        assert path.read_bytes() == (folder / path.relative_to(tmp_path)).read_bytes(), path.name


def test_downloads_dcat_and_the_area_page_list_the_profiles(built):
    release, tables, folder, written = built
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    rows = {d["path"]: d for d in package.downloads(descriptor, written, names)}
    assert rows["steckbriefe.zip"]["group"] == "berichte"
    assert rows["steckbriefe.zip"]["media_type"] == "application/zip"
    one = rows["steckbriefe/01.pdf"]
    assert (one["group"], one["media_type"], one["pages"]) == ("steckbrief", "application/pdf", 2)
    assert one["title"] == "Steckbrief Altstadt (PDF)"
    ttl = (folder / "dcat.ttl").read_text(encoding="utf-8")
    assert "steckbriefe/01.pdf" in ttl and "steckbriefe.zip" in ttl
    assert "media-types/application/pdf" in ttl and "file-type/PDF" in ttl
    site = Site(release, tables, list(rows.values()), {})
    page = area_page(site, "01")
    size = one["bytes"] / 1024
    assert 'href="../../daten/steckbriefe/01.pdf" download>Steckbrief als PDF</a> (2 Seiten, ' in page
    assert f"{size:.0f} KB)" in page or f"{size:.1f} KB)".replace(".", ",") in page


def test_a_hostile_release_prints_its_names_literally(tmp_path):
    """Names full of typst and HTML markup are printed as they are: data, never code."""
    from tools.hostile_release import write_hostile_release

    data = write_hostile_release(tmp_path / "release")
    geo = json.loads((data / "sozialraeume.geojson").read_text(encoding="utf-8"))
    markup = ['#eval("1+1") *fett* _kursiv_ $x^2$ ] [ \\ @ref <lab> `raw` // Rest', '#{ panic("x") } = Titel #"']
    for feature, extra in zip(geo["features"], markup):
        feature["properties"]["name"] = f"{extra} {feature['properties']['name']}"
    (data / "sozialraeume.geojson").write_text(json.dumps(geo, ensure_ascii=False), encoding="utf-8")
    release, problems = pipeline.open_release(data)
    assert release is not None, problems
    tables = package.tables(release, pipeline.results(release))
    stamp = datetime(2025, 1, 1, tzinfo=UTC)
    written = profile.write(release, tables, tmp_path / "out", stamp)
    names = dict(zip(release.areas["sozialraum_id"], release.areas["name"]))
    assert len(written) == len(names) + 1
    for area_id, name in names.items():
        reader = _reader(tmp_path / "out" / "steckbriefe" / f"{area_id}.pdf")
        assert len(reader.pages) <= 2
        assert " ".join(name.split()) in _text(reader), area_id
        suffix = " (synthetische Beispieldaten)" if release.settings.synthetic else ""
        assert reader.metadata.title == f"Steckbrief {name}{suffix}"
    first = _text(_reader(tmp_path / "out" / "steckbriefe" / f"{sorted(names)[0]}.pdf"))
    assert '#eval("1+1") *fett* _kursiv_ $x^2$' in first  # not "2", not bold, not maths


def test_pdf_breakable_adds_break_points_only_to_long_runs():
    assert pdf.breakable("Gesundheitsbedingungen und Wohnen") == "Gesundheitsbedingungen und Wohnen"
    assert pdf.breakable("a" * 31 + " b", 30) == pdf.ZWSP.join(["a" * 15, "a" * 15, "a"]) + " b"
    assert pdf.breakable("m²-je-Einwohnerin", 12).replace(pdf.ZWSP, "") == "m²-je-Einwohnerin"


def test_a_typst_error_becomes_a_clear_message():
    with pytest.raises(pdf.PdfError, match="konnte nicht erzeugt werden"):
        pdf.render("profile.typ", {"document": {}}, stamp=datetime(2025, 1, 1, tzinfo=UTC))


def test_pages_count_of_a_typst_pdf(built):
    data = (built[2] / "steckbriefe" / "01.pdf").read_bytes()
    assert package.pdf_pages(data) == len(pypdf.PdfReader(io.BytesIO(data)).pages) == 2
