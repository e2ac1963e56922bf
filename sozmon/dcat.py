"""DCAT-AP.de metadata for the published open data package.

Open data portals (GovData, Open.NRW and the municipal portals feeding them) harvest
DCAT-AP.de, not Frictionless. `catalogue` turns the release metadata and the publication
settings into one `dcat:Catalog` with one `dcat:Dataset` (the release) and one
`dcat:Distribution` per published file; `write` stores it as Turtle and JSON-LD next to
the files in `daten/`.

Decisions (see also the function docstrings):

- Every node has an IRI under the landing page (`{site}/daten/#…`), never a random blank
  node, so the same input gives the same bytes and harvesters see the same resources on
  every run.
- `dct:identifier` is the release's `name`, which stays the same across releases: a
  portal then updates its entry for a new release instead of adding a second dataset;
  the release is told apart by `owl:versionInfo` and `dct:modified`.
- Dates come only from the release's `created`, never from the clock.
- No `dcatde:contributorID` and no `dcatde:politicalGeocodingURI`: both need identifiers
  (GovData contributor URI, Amtlicher Regionalschlüssel) that sozmon has no setting for;
  harvesting portals such as Open.NRW usually add the contributor themselves.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, SKOS

from . import texts
from .settings import Publication

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
LOCN = Namespace("http://www.w3.org/ns/locn#")

PREFIXES = {
    "dcat": DCAT,
    "dct": DCTERMS,
    "dcatde": DCATDE,
    "foaf": FOAF,
    "vcard": VCARD,
    "spdx": SPDX,
    "locn": LOCN,
    "skos": SKOS,
    "owl": OWL,
    "rdfs": RDFS,
    "xsd": XSD,
}

PLACEHOLDER_SITE = "https://example.org/sozmon/"
"""Base used when `publication.site_url` is empty: example.org is reserved (RFC 2606),
so unpublished metadata can never point at a real address by accident."""

DATA_DIR = "daten"
FILES = ("dcat.ttl", "dcat.jsonld")

LANGUAGE = URIRef("http://publications.europa.eu/resource/authority/language/DEU")
THEME = URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI")
GEOCODING_LEVEL = URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/municipality")
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"

# Frictionless/SPDX-style licence ids → DCAT-AP.de licence vocabulary (lower case keys).
LICENCES = {
    "dl-de-by-2.0": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    "dl-de-zero-2.0": "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
    "cc-by-4.0": "http://dcat-ap.de/def/licenses/cc-by/4.0",
    "cc-by-sa-4.0": "http://dcat-ap.de/def/licenses/cc-by-sa/4.0",
    "cc0-1.0": "http://dcat-ap.de/def/licenses/cc-zero",
    "odbl-1.0": "http://dcat-ap.de/def/licenses/odbl",
}

# IANA media type → EU file-type authority code; the file extension is the fallback.
FORMATS = {
    "text/csv": "CSV",
    "application/geo+json": "GEOJSON",
    "application/zip": "ZIP",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/geopackage+sqlite3": "GPKG",
    "application/json": "JSON",
    "application/ld+json": "JSON_LD",
    "text/turtle": "RDF_TURTLE",
    "application/pdf": "PDF",
    "text/html": "HTML",
    "image/svg+xml": "SVG",
    "image/png": "PNG",
}
EXTENSIONS = {
    "csv": "CSV",
    "geojson": "GEOJSON",
    "zip": "ZIP",
    "xlsx": "XLSX",
    "gpkg": "GPKG",
    "json": "JSON",
    "jsonld": "JSON_LD",
    "ttl": "RDF_TURTLE",
    "pdf": "PDF",
    "html": "HTML",
    "svg": "SVG",
    "png": "PNG",
}


@dataclass(frozen=True)
class Distribution:
    """One published file of the open data package, as a portal lists it."""

    path: str  # relative to the package folder, e.g. "index.csv"
    title: str  # German
    description: str  # German
    media_type: str  # IANA, e.g. "text/csv"
    byte_size: int
    sha256: str | None = None


def site_base(publication: Publication) -> str:
    """The site's address ending in '/', or the documented placeholder when it is not set."""
    url = publication.site_url.strip() or PLACEHOLDER_SITE
    return _iri_text(url.rstrip("/") + "/")


def _iri_text(text: str) -> str:
    """A configured address with every character that may not stand in an IRI (controls,
    space, quotes, angle brackets, braces, backslash …) percent-encoded: a setting can then
    neither break the Turtle file nor end the build with rdflib's "not a valid URI"."""
    return _NOT_IN_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), text.strip())


_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def licence_uri(publication: Publication) -> URIRef:
    """The DCAT-AP.de vocabulary URI for known licence ids, else the configured licence URL."""
    known = LICENCES.get(publication.licence_id.strip().lower())
    return URIRef(known or _iri_text(publication.licence_url))


def file_type(distribution: Distribution) -> URIRef | None:
    """EU file-type URI from the media type, else from the extension; None when unknown."""
    code = FORMATS.get(distribution.media_type.split(";")[0].strip().lower())
    if code is None:
        code = EXTENSIONS.get(Path(distribution.path).suffix.lstrip(".").lower())
    return None if code is None else URIRef(FILE_TYPES + code)


def catalogue(
    metadata: dict,
    publication: Publication,
    city: str,
    index_names: list[str],
    years: list[int],
    distributions: list[Distribution],
) -> Graph:
    """The DCAT-AP.de graph of one release: catalogue, dataset, distributions.

    `metadata` is the datapackage.json descriptor (name, title, description, version,
    created, keywords; resources are ignored); `index_names` are the names of the
    release's indices, in order: they name the catalogue and are keywords. Pure: no
    clock, no I/O. The description is passed through unchanged, so a note that the data
    are synthetic stays in it.
    Raises ValueError when a value every portal requires (publisher, name) is missing.
    """
    publisher = publication.publisher.strip()
    name = str(metadata.get("name") or "").strip()
    if not publisher:
        raise ValueError("DCAT-AP.de braucht einen Herausgeber: publication.publisher in sozmon.yml")
    if not name:
        raise ValueError("DCAT-AP.de braucht eine Kennung: 'name' in datapackage.json")

    base = site_base(publication)
    landing = base + DATA_DIR + "/"

    def node(fragment: str) -> URIRef:
        return URIRef(landing + "#" + quote(fragment, safe="-._~"))

    def de(text: str) -> Literal:
        return Literal(text, lang="de")

    g = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)

    t = texts.DOWNLOADS_METADATA
    names = [n.strip() for n in index_names if n and n.strip()]
    where = t["where"].format(city=city.strip()) if city.strip() else ""
    pub_title = (publication.title or "").strip() or (f"{names_text(names, quoted=False)}{where}" if names else "")
    title = str(metadata.get("title") or pub_title or name)
    description = str(metadata.get("description") or title)
    version = str(metadata.get("version") or "")
    created = _timestamp(metadata.get("created"))
    licence = licence_uri(publication)
    attribution = ", ".join(
        x for x in (publisher, title, t["attribution_version"].format(version=version) if version else "") if x
    )

    agent = node("herausgeber")
    g.add((agent, RDF.type, FOAF.Agent))
    g.add((agent, RDF.type, FOAF.Organization))
    g.add((agent, FOAF.name, de(publisher)))

    catalog = node("katalog")
    dataset = node("datensatz")
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, de(t["catalogue_title"].format(title=pub_title or title))))
    about = t["catalogue_description"].format(where=where, indices=indices_text(names), publisher=publisher)
    g.add((catalog, DCTERMS.description, de(about)))
    g.add((catalog, DCTERMS.publisher, agent))
    g.add((catalog, FOAF.homepage, URIRef(base)))
    g.add((catalog, DCTERMS.language, LANGUAGE))
    g.add((catalog, DCAT.dataset, dataset))
    if created is not None:
        g.add((catalog, DCTERMS.modified, created))

    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.identifier, Literal(name)))
    g.add((dataset, DCTERMS.title, de(title)))
    g.add((dataset, DCTERMS.description, de(description)))
    g.add((dataset, DCTERMS.publisher, agent))
    g.add((dataset, DCTERMS.license, licence))
    g.add((dataset, DCATDE.licenseAttributionByText, de(attribution)))
    g.add((dataset, DCAT.theme, THEME))
    g.add((dataset, DCTERMS.language, LANGUAGE))
    g.add((dataset, DCAT.landingPage, URIRef(landing)))
    if version:
        g.add((dataset, OWL.versionInfo, Literal(version)))
    if created is not None:
        g.add((dataset, DCTERMS.issued, created))
        g.add((dataset, DCTERMS.modified, created))
    for keyword in _keywords(metadata.get("keywords") or [], city, names):
        g.add((dataset, DCAT.keyword, de(keyword)))

    email = publication.contact_email.strip()
    if email:  # a contact point without a way to reach anyone would only mislead
        contact = node("kontakt")
        g.add((contact, RDF.type, VCARD.Organization))
        g.add((contact, VCARD.fn, de(publisher)))
        g.add((contact, VCARD.hasEmail, URIRef("mailto:" + _iri_text(email.removeprefix("mailto:")))))
        g.add((dataset, DCAT.contactPoint, contact))

    if city.strip():
        place = node("raumbezug")
        g.add((place, RDF.type, DCTERMS.Location))
        g.add((place, SKOS.prefLabel, de(city.strip())))
        g.add((place, LOCN.geographicName, de(city.strip())))
        g.add((dataset, DCTERMS.spatial, place))
        g.add((dataset, DCATDE.politicalGeocodingLevelURI, GEOCODING_LEVEL))

    if years:
        period = node("zeitraum")
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(date(min(years), 1, 1))))
        g.add((period, DCAT.endDate, Literal(date(max(years), 12, 31))))
        g.add((dataset, DCTERMS.temporal, period))

    sources = [str(s.get("title") or "").strip() for s in metadata.get("sources") or []]
    if any(sources):
        provenance = node("herkunft")
        g.add((provenance, RDF.type, DCTERMS.ProvenanceStatement))
        g.add((provenance, RDFS.label, de("; ".join(s for s in sources if s))))
        g.add((dataset, DCTERMS.provenance, provenance))

    for dist in distributions:
        if dist.byte_size < 0:
            raise ValueError(f"Negative Dateigröße für {dist.path}")
        if not dist.title.strip() or not dist.description.strip():
            raise ValueError(f"Titel und Beschreibung fehlen für {dist.path}")  # portals list both
        url = URIRef(landing + quote(dist.path, safe="/-._~"))
        d = node("distribution-" + dist.path)
        g.add((dataset, DCAT.distribution, d))
        g.add((d, RDF.type, DCAT.Distribution))
        g.add((d, DCTERMS.title, de(dist.title)))
        g.add((d, DCTERMS.description, de(dist.description)))
        g.add((d, DCAT.accessURL, url))  # a direct download: access and download URL agree
        g.add((d, DCAT.downloadURL, url))
        g.add((d, DCAT.mediaType, URIRef(MEDIA_TYPES + dist.media_type.split(";")[0].strip().lower())))
        fmt = file_type(dist)
        if fmt is not None:
            g.add((d, DCTERMS.format, fmt))
        g.add((d, DCTERMS.license, licence))
        g.add((d, DCATDE.licenseAttributionByText, de(attribution)))
        g.add((d, DCAT.byteSize, Literal(int(dist.byte_size), datatype=XSD.nonNegativeInteger)))
        if created is not None:
            g.add((d, DCTERMS.issued, created))
            g.add((d, DCTERMS.modified, created))
        if dist.sha256:
            checksum = node("pruefsumme-" + dist.path)
            g.add((checksum, RDF.type, SPDX.Checksum))
            g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
            g.add((checksum, SPDX.checksumValue, Literal(dist.sha256.lower(), datatype=XSD.hexBinary)))
            g.add((d, SPDX.checksum, checksum))
    return g


def write(graph: Graph, folder: Path) -> list[Path]:
    """Write dcat.ttl and dcat.jsonld into `folder`; the same graph gives the same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    turtle, jsonld = (folder / name for name in FILES)
    turtle.write_bytes(to_turtle(graph))
    jsonld.write_bytes(to_jsonld(graph))
    return [turtle, jsonld]


def to_turtle(graph: Graph) -> bytes:
    """Turtle; rdflib's serialiser sorts subjects, predicates and objects."""
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        raise ValueError("Leere Knoten (blank nodes) machen die Ausgabe nicht reproduzierbar")
    text = graph.serialize(format="turtle")
    return text.encode("utf-8")


def to_jsonld(graph: Graph) -> bytes:
    """JSON-LD compacted with the bound prefixes; nodes, keys and values sorted by us,
    because rdflib emits them in store order."""
    context = {prefix: str(ns) for prefix, ns in sorted(graph.namespaces()) if prefix in PREFIXES}
    doc = json.loads(graph.serialize(format="json-ld", context=context))
    nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    nodes = [{k: _sorted(v) for k, v in n.items() if k != "@context"} for n in nodes]
    nodes.sort(key=lambda n: n.get("@id", ""))
    out = {"@context": context, "@graph": nodes}
    return (json.dumps(out, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _sorted(value: object) -> object:
    if isinstance(value, list):
        return sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _keywords(keywords: list, city: str, index_names: list[str]) -> list[str]:
    """Release keywords plus city and every index name, once each (ignoring case)."""
    out: list[str] = []
    seen: set[str] = set()
    for word in [*keywords, city, *index_names]:
        word = str(word).strip()
        if word and word.casefold() not in seen:
            seen.add(word.casefold())
            out.append(word)
    return out


def _timestamp(created: object) -> Literal | None:
    """`created` as xsd:dateTime (or xsd:date for a bare date); None when absent."""
    if not created:
        return None
    text = str(created).strip()
    try:
        if "T" not in text:
            return Literal(date.fromisoformat(text))
        datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"'created' in datapackage.json ist kein ISO-Zeitpunkt: {text!r}") from exc
    return Literal(text, datatype=XSD.dateTime)


def names_text(names: list[str], quoted: bool = True) -> str:
    """Names as a German list: „A“, „B“ und „C“ (or A, B und C) (texts.DOWNLOADS_METADATA)."""
    t = texts.DOWNLOADS_METADATA
    items = [t["quoted"].format(name=n) if quoted else n for n in names]
    return t["and"].join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def indices_text(names: list[str]) -> str:
    """' (Index „A“)' or ' (Indizes „A“ und „B“)', to follow a noun; '' without names."""
    if not names:
        return ""
    t = texts.DOWNLOADS_METADATA
    return t["one_index" if len(names) == 1 else "indices"].format(names=names_text(names))
