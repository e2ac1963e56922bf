"""DCAT-AP.de metadata: what portals harvest must be complete, identical in Turtle and
JSON-LD, and byte-for-byte reproducible.

Namespaces are used as `ns.DCAT` etc.: rdflib's closed namespaces warn when pytest
probes module globals during collection."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic

from sozmon import dcat
from sozmon.settings import Publication

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

ROOT = Path(__file__).resolve().parents[1]
SITE = "https://statistik.example.org/sozmon"
YEARS = [2018, 2019, 2020, 2021, 2022, 2023, 2024]
CITY = "Gelsenkirchen"
INDICES = ["Partizipation von Kindern", "Entwicklung der Partizipation von Kindern", "Lebenslage älterer Menschen"]
SHA = "0f" * 32

DISTRIBUTIONS = [
    dcat.Distribution("index_werte.csv", "Indexwerte", "Jeder Index je Sozialraum und Jahr", "text/csv", 12345, SHA),
    dcat.Distribution("typologien.csv", "Typologien", "Katalog der Typologien", "text/csv", 321, SHA),
    dcat.Distribution(
        "sozialraeume.geojson", "Sozialräume", "Grenzen der Sozialräume (WGS 84)", "application/geo+json", 98765
    ),
    dcat.Distribution("sozmon-daten.zip", "Datenpaket", "Alle Dateien als ZIP", "application/zip", 555),
    dcat.Distribution(
        "sozmon-daten.xlsx",
        "Excel-Tabelle",
        "Alle Tabellen in einer Arbeitsmappe",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        777,
    ),
    dcat.Distribution("sozialraeume.gpkg", "GeoPackage", "Grenzen für GIS", "application/geopackage+sqlite3", 888),
    dcat.Distribution("datapackage.json", "Metadaten", "Frictionless-Beschreibung", "application/json", 99),
]
FORMATS = {
    "index_werte.csv": "CSV",
    "typologien.csv": "CSV",
    "sozialraeume.geojson": "GEOJSON",
    "sozmon-daten.zip": "ZIP",
    "sozmon-daten.xlsx": "XLSX",
    "sozialraeume.gpkg": "GPKG",
    "datapackage.json": "JSON",
}


@pytest.fixture(scope="module")
def metadata() -> dict:
    descriptor = json.loads((ROOT / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.pop("resources")
    return descriptor


@pytest.fixture(scope="module")
def publication() -> Publication:
    return Publication(
        publisher="sozmon-Beispiel (nicht die Stadt Gelsenkirchen)",
        contact_email="beispiel@example.org",
        site_url=SITE + "/",
    )


@pytest.fixture(scope="module")
def graph(metadata, publication) -> Graph:
    return dcat.catalogue(metadata, publication, CITY, INDICES, YEARS, DISTRIBUTIONS)


@pytest.fixture(scope="module")
def written(graph, tmp_path_factory) -> list[Path]:
    return dcat.write(graph, tmp_path_factory.mktemp("daten"))


@pytest.fixture(scope="module", params=["turtle", "json-ld"])
def parsed(request, written) -> Graph:
    path = written[0] if request.param == "turtle" else written[1]
    return Graph().parse(path, format=request.param)


def one(g: Graph, subject, predicate):
    values = list(g.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


def the_dataset(g: Graph) -> URIRef:
    (dataset,) = g.subjects(ns.RDF.type, ns.DCAT.Dataset)
    return dataset


def test_files_written(written):
    assert [p.name for p in written] == ["dcat.ttl", "dcat.jsonld"]
    assert all(p.stat().st_size > 0 for p in written)


def test_one_catalog_one_dataset(parsed):
    catalogs = list(parsed.subjects(ns.RDF.type, ns.DCAT.Catalog))
    assert len(catalogs) == 1
    dataset = the_dataset(parsed)
    catalog = catalogs[0]
    assert one(parsed, catalog, ns.DCAT.dataset) == dataset
    assert str(one(parsed, catalog, ns.DCTERMS.title))
    assert str(one(parsed, catalog, ns.DCTERMS.description))
    assert one(parsed, catalog, ns.FOAF.homepage) == URIRef(SITE + "/")
    assert one(parsed, catalog, ns.DCTERMS.language) == dcat.LANGUAGE
    assert one(parsed, catalog, ns.DCTERMS.publisher) == one(parsed, dataset, ns.DCTERMS.publisher)
    assert one(parsed, catalog, ns.DCTERMS.modified).toPython() == datetime.fromisoformat("2025-06-30T00:00:00Z")


def test_dataset_texts(parsed, metadata):
    d = the_dataset(parsed)
    assert str(one(parsed, d, ns.DCTERMS.title)) == metadata["title"]
    description = one(parsed, d, ns.DCTERMS.description)
    assert str(description) == metadata["description"]  # passed through, not shortened
    assert "synthetisch" in str(description).lower()
    assert description.language == "de"
    assert str(one(parsed, d, ns.DCTERMS.identifier)) == metadata["name"]
    assert str(one(parsed, d, ns.OWL.versionInfo)) == metadata["version"]
    assert one(parsed, d, ns.DCAT.landingPage) == URIRef(SITE + "/daten/")


def test_publisher_and_contact(parsed, publication):
    d = the_dataset(parsed)
    agent = one(parsed, d, ns.DCTERMS.publisher)
    assert (agent, ns.RDF.type, ns.FOAF.Organization) in parsed
    assert (agent, ns.RDF.type, ns.FOAF.Agent) in parsed
    assert str(one(parsed, agent, ns.FOAF.name)) == publication.publisher
    contact = one(parsed, d, ns.DCAT.contactPoint)
    assert (contact, ns.RDF.type, dcat.VCARD.Organization) in parsed
    assert str(one(parsed, contact, dcat.VCARD.fn))
    assert one(parsed, contact, dcat.VCARD.hasEmail) == URIRef("mailto:beispiel@example.org")


def test_licence_and_attribution(parsed, metadata, publication):
    d = the_dataset(parsed)
    assert one(parsed, d, ns.DCTERMS.license) == URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")
    text = str(one(parsed, d, dcat.DCATDE.licenseAttributionByText))
    assert publication.publisher in text and metadata["title"] in text and metadata["version"] in text


def test_spatial_temporal_theme(parsed):
    d = the_dataset(parsed)
    place = one(parsed, d, ns.DCTERMS.spatial)
    assert (place, ns.RDF.type, ns.DCTERMS.Location) in parsed
    assert str(one(parsed, place, ns.SKOS.prefLabel)) == CITY
    assert str(one(parsed, place, dcat.LOCN.geographicName)) == CITY
    assert one(parsed, d, dcat.DCATDE.politicalGeocodingLevelURI) == URIRef(
        "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
    )
    period = one(parsed, d, ns.DCTERMS.temporal)
    assert (period, ns.RDF.type, ns.DCTERMS.PeriodOfTime) in parsed
    start, end = one(parsed, period, ns.DCAT.startDate), one(parsed, period, ns.DCAT.endDate)
    assert start.datatype == end.datatype == ns.XSD.date
    assert start.toPython() == date(min(YEARS), 1, 1)
    assert end.toPython() == date(max(YEARS), 12, 31)
    assert one(parsed, d, ns.DCAT.theme) == URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI")


def test_keywords(parsed, metadata):
    keywords = {str(k) for k in parsed.objects(the_dataset(parsed), ns.DCAT.keyword)}
    assert set(metadata["keywords"]) | {CITY, *INDICES} == keywords


def test_catalogue_names_every_index(metadata):
    # Without a publication title the catalogue is named after the indices and the city.
    untitled = {k: v for k, v in metadata.items() if k != "title"}
    g = dcat.catalogue(untitled, Publication(publisher="Amt"), CITY, INDICES, YEARS, [])
    (catalog,) = g.subjects(ns.RDF.type, ns.DCAT.Catalog)
    assert str(one(g, catalog, ns.DCTERMS.title)) == (
        "Offene Daten: Partizipation von Kindern, Entwicklung der Partizipation von Kindern und "
        "Lebenslage älterer Menschen in Gelsenkirchen"
    )
    assert str(one(g, catalog, ns.DCTERMS.description)) == (
        "Offene Daten des Sozialraummonitorings in Gelsenkirchen (Indizes „Partizipation von Kindern“, "
        "„Entwicklung der Partizipation von Kindern“ und „Lebenslage älterer Menschen“), veröffentlicht von Amt."
    )
    assert str(one(g, the_dataset(g), ns.DCTERMS.title)) == (
        "Partizipation von Kindern, Entwicklung der Partizipation von Kindern und Lebenslage älterer Menschen "
        "in Gelsenkirchen"
    )
    g = dcat.catalogue(untitled, Publication(publisher="Amt"), "", INDICES[:1], YEARS, [])
    (catalog,) = g.subjects(ns.RDF.type, ns.DCAT.Catalog)
    assert str(one(g, catalog, ns.DCTERMS.title)) == "Offene Daten: Partizipation von Kindern"
    assert str(one(g, catalog, ns.DCTERMS.description)) == (
        "Offene Daten des Sozialraummonitorings (Index „Partizipation von Kindern“), veröffentlicht von Amt."
    )
    g = dcat.catalogue(untitled, Publication(publisher="Amt"), CITY, [], YEARS, [])
    (catalog,) = g.subjects(ns.RDF.type, ns.DCAT.Catalog)
    assert str(one(g, catalog, ns.DCTERMS.description)) == (
        "Offene Daten des Sozialraummonitorings in Gelsenkirchen, veröffentlicht von Amt."
    )


def test_names_read_as_a_german_list():
    assert dcat.names_text(["A"]) == "„A“"
    assert dcat.names_text(["A", "B"]) == "„A“ und „B“"
    assert dcat.names_text(["A", "B", "C"], quoted=False) == "A, B und C"
    assert (dcat.indices_text([]), dcat.indices_text(["A"])) == ("", " (Index „A“)")
    assert dcat.indices_text(["A", "B"]) == " (Indizes „A“ und „B“)"


def test_dates_from_release_not_clock(parsed, metadata):
    d = the_dataset(parsed)
    created = datetime.fromisoformat(metadata["created"])
    for predicate in (ns.DCTERMS.issued, ns.DCTERMS.modified):
        value = one(parsed, d, predicate)
        assert value.datatype == ns.XSD.dateTime
        assert value.toPython() == created


def test_distributions(parsed, metadata):
    d = the_dataset(parsed)
    distributions = list(parsed.objects(d, ns.DCAT.distribution))
    assert len(distributions) == len(DISTRIBUTIONS)
    by_url = {str(one(parsed, x, ns.DCAT.downloadURL)): x for x in distributions}
    created = datetime.fromisoformat(metadata["created"])
    for spec in DISTRIBUTIONS:
        url = f"{SITE}/daten/{spec.path}"
        x = by_url[url]
        assert (x, ns.RDF.type, ns.DCAT.Distribution) in parsed
        assert str(one(parsed, x, ns.DCAT.accessURL)).startswith(SITE + "/")
        assert str(one(parsed, x, ns.DCTERMS.title)) == spec.title
        assert str(one(parsed, x, ns.DCTERMS.description)) == spec.description
        assert one(parsed, x, ns.DCAT.mediaType) == URIRef(
            f"https://www.iana.org/assignments/media-types/{spec.media_type}"
        )
        assert one(parsed, x, ns.DCTERMS.format) == URIRef(
            f"http://publications.europa.eu/resource/authority/file-type/{FORMATS[spec.path]}"
        )
        assert one(parsed, x, ns.DCTERMS.license) == one(parsed, d, ns.DCTERMS.license)
        assert str(one(parsed, x, dcat.DCATDE.licenseAttributionByText))
        size = one(parsed, x, ns.DCAT.byteSize)
        assert size.datatype == ns.XSD.nonNegativeInteger and int(size) == spec.byte_size
        assert one(parsed, x, ns.DCTERMS.issued).toPython() == created
        assert one(parsed, x, ns.DCTERMS.modified).toPython() == created
        checksums = list(parsed.objects(x, dcat.SPDX.checksum))
        if spec.sha256 is None:
            assert checksums == []
        else:
            (checksum,) = checksums
            assert one(parsed, checksum, dcat.SPDX.algorithm) == dcat.SPDX.checksumAlgorithm_sha256
            assert str(one(parsed, checksum, dcat.SPDX.checksumValue)) == spec.sha256


def test_turtle_and_jsonld_same_triples(graph, written):
    turtle = Graph().parse(written[0], format="turtle")
    jsonld = Graph().parse(written[1], format="json-ld")
    assert len(turtle) == len(graph)
    assert isomorphic(turtle, jsonld)
    assert isomorphic(turtle, graph)


def test_deterministic_bytes(metadata, publication, written, tmp_path):
    again = dcat.catalogue(
        dict(metadata), publication, CITY, INDICES, list(reversed(YEARS)), list(reversed(DISTRIBUTIONS))
    )
    second = dcat.write(again, tmp_path)
    for a, b in zip(written, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_no_blank_nodes(graph):
    """Blank nodes would get new labels on every run and break byte-identical output."""
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_placeholder_site_and_fallback_licence(metadata):
    publication = Publication(publisher="Amt", licence_id="eigene-lizenz", licence_url="https://lizenz.example.org/1")
    g = dcat.catalogue(metadata, publication, CITY, INDICES, YEARS, DISTRIBUTIONS[:1])
    d = the_dataset(g)
    assert str(one(g, d, ns.DCAT.landingPage)) == dcat.PLACEHOLDER_SITE + "daten/"
    (x,) = g.objects(d, ns.DCAT.distribution)
    assert str(one(g, x, ns.DCAT.downloadURL)) == dcat.PLACEHOLDER_SITE + "daten/index_werte.csv"
    assert one(g, d, ns.DCTERMS.license) == URIRef("https://lizenz.example.org/1")
    assert list(g.objects(d, ns.DCAT.contactPoint)) == []  # no email, no contact point


def test_cc_by_licence(metadata):
    publication = Publication(publisher="Amt", licence_id="CC-BY-4.0")
    g = dcat.catalogue(metadata, publication, CITY, INDICES, YEARS, [])
    assert one(g, the_dataset(g), ns.DCTERMS.license) == URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")


def test_missing_publisher_is_an_error(metadata):
    with pytest.raises(ValueError, match="publisher"):
        dcat.catalogue(metadata, Publication(), CITY, INDICES, YEARS, [])


def test_no_created_no_dates(metadata):
    without = {k: v for k, v in metadata.items() if k != "created"}
    g = dcat.catalogue(without, Publication(publisher="Amt"), CITY, INDICES, YEARS, DISTRIBUTIONS[:1])
    assert list(g.triples((None, ns.DCTERMS.issued, None))) == []
    assert list(g.triples((None, ns.DCTERMS.modified, None))) == []


HOSTILE = (
    "Titel mit \"Anführung\", 'einfach', \"\"\"drei\"\"\" und '''drei'''\n<script>alert(1)</script> \\ Zeile\r\n\tEnde"
)


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_hostile_release_texts_round_trip_as_literals(metadata, fmt, tmp_path):
    """Quotes, triple quotes, <script>, backslashes and newlines in any release text arrive
    in both files as the exact literal, and a hostile site address becomes a valid IRI."""
    hostile_meta = {
        **metadata,
        "title": HOSTILE,
        "description": "Beschreibung " + HOSTILE,
        "keywords": [HOSTILE],
        "sources": [{"title": HOSTILE}],
    }
    publication = Publication(
        publisher="Amt " + HOSTILE, contact_email="a b@example.org", site_url='https://example.org/a b"<x>{y}/'
    )
    dist = dcat.Distribution("index_werte.csv", "Datei " + HOSTILE, "Inhalt " + HOSTILE, "text/csv", 1)
    g = dcat.catalogue(hostile_meta, publication, "Stadt " + HOSTILE, ["Index " + HOSTILE], YEARS, [dist])
    path = dcat.write(g, tmp_path)[0 if fmt == "turtle" else 1]
    back = Graph().parse(path, format=fmt)
    d = the_dataset(back)
    assert str(one(back, d, ns.DCTERMS.title)) == HOSTILE
    assert str(one(back, d, ns.DCTERMS.description)) == "Beschreibung " + HOSTILE
    assert str(one(back, one(back, d, ns.DCTERMS.publisher), ns.FOAF.name)) == "Amt " + HOSTILE
    assert str(one(back, one(back, d, ns.DCTERMS.spatial), ns.SKOS.prefLabel)) == "Stadt " + HOSTILE
    assert str(one(back, one(back, d, ns.DCTERMS.provenance), ns.RDFS.label)) == HOSTILE
    assert {str(k) for k in back.objects(d, ns.DCAT.keyword)} == {HOSTILE, "Stadt " + HOSTILE, "Index " + HOSTILE}
    x = one(back, d, ns.DCAT.distribution)
    assert str(one(back, x, ns.DCTERMS.title)) == "Datei " + HOSTILE
    assert str(one(back, x, ns.DCTERMS.description)) == "Inhalt " + HOSTILE
    # space → %20, " → %22, < → %3C, > → %3E, { → %7B, } → %7D
    base = "https://example.org/a%20b%22%3Cx%3E%7By%7D/"
    assert one(back, d, ns.DCAT.landingPage) == URIRef(base + "daten/")
    assert str(one(back, x, ns.DCAT.downloadURL)) == base + "daten/index_werte.csv"
    contact = one(back, d, ns.DCAT.contactPoint)
    assert one(back, contact, dcat.VCARD.hasEmail) == URIRef("mailto:a%20b@example.org")
    assert isomorphic(back, g)


def test_every_distribution_needs_a_title_and_a_description(metadata):
    publication = Publication(publisher="Amt")
    for title, description in (("", "Inhalt"), ("Titel", "  ")):
        dist = dcat.Distribution("x.csv", title, description, "text/csv", 1)
        with pytest.raises(ValueError, match="x.csv"):
            dcat.catalogue(metadata, publication, CITY, INDICES, YEARS, [dist])
