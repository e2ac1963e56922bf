"""The published open data package: tables, descriptor, and the downloads made from them.

`tables` and `descriptor` are pure; `write` puts everything into a folder. Column
names and types come from the output contract (`contract.OUTPUT`): they are a public
interface that journalists' scripts depend on, so they change only with a new major
version.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd

from . import allocation, contract, dcat, definitions, texts
from .cache import OFF, Cache
from .contract import BOOLEAN, INTEGER, NUMBER, Field
from .model import Release, Result

FOLDER = "daten"

# Derived from the output contract (contract.OUTPUT), for code that still reads them.
SCHEMAS: dict[str, list[tuple[str, str]]] = {
    name: [(f.name, f.type) for f in contract.OUTPUT[name].fields] for name in contract.TABLES_OUT
}
# (resource, field) -> key in texts.FIELDS, where a field's meaning is its resource's own.
FIELD_MEANING = {(r.name, f.name): f.meaning for r in contract.OUTPUT.values() for f in r.fields if f.meaning}
DECIMALS = 6  # enough for any rate; keeps files small and diffs quiet
CERTAINTY_TABLES = (
    contract.UNCERTAINTY,
    contract.CLASS_PROBABILITIES,
    contract.TYPOLOGY_UNCERTAINTY,
    contract.METHOD_RANGES,
    contract.SENSITIVITY,
    contract.CLUSTERS,
    contract.AUTOCORRELATION,
)


def tables(release: Release, result: Result) -> dict[str, pd.DataFrame]:
    """The published tables, in the contract's columns and order."""
    frames = {
        "indikator_werte": result.indicator_values,
        contract.INDEX_VALUES: result.indices,
        contract.DIMENSION_VALUES: result.dimensions,
        contract.TYPOLOGY_VALUES: result.typologies,
        "gebiete_werte": result.aggregates,
        "indikatoren": release.indicators,
        **definitions.tables(release.indices, release.typologies),
        contract.ALLOCATION_VALUES: result.allocations,
        contract.ALLOCATIONS: allocation.table(release.allocations, release.years),
        # the street directory as checked; no rows where the release has none (not written)
        contract.STREETS: release.streets if release.streets is not None else pd.DataFrame(),
        # how sure the numbers are; a Result not assessed (an API user's) gives empty tables
        **{name: result.certainty.get(name, pd.DataFrame()) for name in CERTAINTY_TABLES},
    }
    return {name: _typed(frames[name], contract.OUTPUT[name].fields) for name in contract.TABLES_OUT}


def _typed(frame: pd.DataFrame, fields: tuple[Field, ...]) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    for field in fields:
        name = field.name
        column = frame[name] if name in frame else pd.Series(pd.NA, index=frame.index)
        if field.type == INTEGER:
            out[name] = pd.to_numeric(column).astype("Int64")
        elif field.type == NUMBER:
            out[name] = pd.to_numeric(column).astype("Float64").round(DECIMALS)
        elif field.type == BOOLEAN:
            out[name] = column.astype("boolean")
        else:
            out[name] = column.astype("string")
    return out.reset_index(drop=True)


def areas(release: Release) -> gpd.GeoDataFrame:
    """The area boundaries with the contract's attributes, WGS84."""
    return release.areas[[*contract.OUTPUT["sozialraeume"].columns, "geometry"]].copy()


# Separates ids in GIS column names: ids never hold a '.', so names cannot collide.
GIS_SEPARATOR = "."


def gis_columns(release: Release) -> list[tuple[str, str, str | None, str]]:
    """(column, index or typology id, dimension id or None, what) of every GIS column,
    in order: per index its value, class and rank, its dimensions' classes; per
    typology its type and attention flag."""
    out = []
    for spec in release.indices:
        out += [(GIS_SEPARATOR.join((spec.id, what)), spec.id, None, what) for what in ("wert", "klasse", "rang")]
        out += [(GIS_SEPARATOR.join((spec.id, d.id, "klasse")), spec.id, d.id, "klasse") for d in spec.dimensions]
    for t in release.typologies:
        out += [(GIS_SEPARATOR.join((t.id, what)), t.id, None, what) for what in ("typ", "aufmerksamkeit")]
    return out


def areas_with_latest_index(release: Release, result: Result) -> gpd.GeoDataFrame:
    """For GIS users: each area with every index, dimension class and type of the
    latest year as columns (names `<index>.<what>`, see `gis_columns`)."""
    latest = int(result.indices["jahr"].max())
    keyed = {
        "index": result.indices[result.indices["jahr"] == latest].set_index(["index_id", "sozialraum_id"]),
        "dimension": result.dimensions[result.dimensions["jahr"] == latest].set_index(
            ["index_id", "dimension_id", "sozialraum_id"]
        ),
        "typology": result.typologies[result.typologies["jahr"] == latest].set_index(["typologie_id", "sozialraum_id"]),
    }
    out = areas(release)
    ids = out["sozialraum_id"].astype("str")
    typology_ids = {t.id for t in release.typologies}
    for column, owner, dimension, what in gis_columns(release):
        if owner in typology_ids and what in ("typ", "aufmerksamkeit"):
            frame, key = keyed["typology"], [owner]
        elif dimension is not None:
            frame, key = keyed["dimension"], [owner, dimension]
        else:
            frame, key = keyed["index"], [owner]
        series = frame[what]
        values = [series.get((*key, i), pd.NA) for i in ids]
        out[column] = pd.Series(values, index=out.index, dtype="object")
        if what == "wert":
            out[column] = out[column].astype("Float64").round(DECIMALS)
        elif what == "rang":
            out[column] = out[column].astype("Int64")
        elif what == "aufmerksamkeit":
            out[column] = out[column].astype("boolean")
        else:
            out[column] = out[column].astype("string")
    out.insert(4, "jahr", latest)
    return out


# The custom property of datapackage.json that holds contract.VERSION (Frictionless
# allows properties of one's own; a prefix keeps them apart from the standard's).
CONTRACT_PROPERTY = "sozmon:contract"


def descriptor(release: Release, resources: list[dict]) -> dict:
    """datapackage.json: metadata from the release (never from the clock), explicit schemas.

    The version of the output contract (contract.VERSION, CONTRACT-CHANGELOG.md) is the
    custom property `sozmon:contract`: `version` is the release's own version, and a
    script can check the contract's major version before it reads the tables.
    """
    meta, pub = release.metadata, release.settings.publication
    description = meta.get("description", "") or default_description(release)
    if release.settings.synthetic and texts.SYNTHETIC_PACKAGE_NOTE not in description:
        description = f"{texts.SYNTHETIC_PACKAGE_NOTE} {description}".strip()
    return {
        "profile": "data-package",
        "name": f"{meta.get('name', 'sozmon')}-ergebnisse",
        "title": package_title(release),
        "description": description,
        "version": meta.get("version", ""),
        CONTRACT_PROPERTY: contract.VERSION,
        "created": meta.get("created", ""),
        "keywords": meta.get("keywords", []),
        "licenses": [{"name": pub.licence_id, "title": pub.licence_title, "path": pub.licence_url}],
        "sources": meta.get("sources", []) or [{"title": pub.publisher or release.settings.city}],
        "contributors": _contributors(release),
        "homepage": pub.site_url or None,
        "citation": citation(release),
        "resources": resources,
    }


def package_title(release: Release) -> str:
    """The publication's title, else the release's, else its indices and city."""
    pub, meta = release.settings.publication, release.metadata
    if pub.title or meta.get("title"):
        return pub.title or meta["title"]
    t = texts.DOWNLOADS_METADATA
    indices = dcat.names_text([s.name for s in release.indices], quoted=False)
    city = release.settings.city.strip()
    return t["title"].format(indices=indices, city=city) if city else t["title_no_city"].format(indices=indices)


def default_description(release: Release) -> str:
    """What the package holds, for a release whose metadata has no description."""
    t = texts.DOWNLOADS_METADATA
    city = release.settings.city.strip()
    return t["description"].format(
        where=t["where"].format(city=city) if city else "",
        indices=dcat.indices_text([s.name for s in release.indices]),
    )


def _contributors(release: Release) -> list[dict]:
    pub = release.settings.publication
    person = {"title": pub.publisher or release.settings.city, "role": texts.CONTRIBUTOR_ROLE_PUBLISHER}
    if pub.contact_email:
        person["email"] = pub.contact_email
    return [person]


def citation(release: Release) -> str:
    meta, pub = release.metadata, release.settings.publication
    return texts.CITATION.format(
        publisher=pub.publisher or release.settings.city,
        title=package_title(release),
        version=meta.get("version", ""),
        date=german_date(meta.get("created", "")),
        licence=pub.licence_title,
    )


def german_date(created: str) -> str:
    try:
        return datetime.fromisoformat(created.replace("Z", "+00:00")).strftime("%d.%m.%Y")
    except ValueError:
        return created


def resource(name: str) -> dict:
    """A published resource's entry in datapackage.json, all from the output contract.

    A CSV table is a tabular data resource; the format and media type follow the file.
    """
    r = contract.OUTPUT[name]
    suffix = Path(r.path).suffix
    entry = {"name": name, "path": r.path}
    if suffix == ".csv":
        entry["profile"] = "tabular-data-resource"
    entry.update(
        title=r.title,
        description=r.description,
        format=suffix.lstrip("."),
        mediatype=MEDIA_TYPES[suffix],
        encoding="utf-8",
    )
    if r.fields:
        entry["schema"] = contract.table_schema(name)
    return entry


# --- writing -------------------------------------------------------------------------


def write(release: Release, result: Result, folder: Path, cache: Cache = OFF) -> list[Path]:
    """Write the package and its downloads into `folder`; returns the files written. The
    workbook and the PDFs come from `cache` when their inputs are unchanged."""
    from . import xlsx  # openpyxl is only needed here

    folder.mkdir(parents=True, exist_ok=True)
    published = tables(release, result)
    resources = [resource("sozialraeume")]
    written = [_write_geojson(areas(release), folder / "sozialraeume.geojson")]
    for name, frame in published.items():
        if name in contract.OPTIONAL_OUT and frame.empty:
            continue
        written.append(write_csv(frame, folder / f"{name}.csv"))
        resources.append(resource(name))
    if release.changelog:
        (folder / "aenderungen.md").write_text(release.changelog, encoding="utf-8")
        written.append(folder / "aenderungen.md")
        resources.append(resource("aenderungen"))
    package = descriptor(release, resources)
    written.append(_write_json(package, folder / "datapackage.json"))
    stamp = _timestamp(release)
    with_index = areas_with_latest_index(release, result)
    written.append(_write_geojson(with_index, folder / "sozialraeume_index.geojson"))
    written.append(_write_gpkg(with_index, folder / "sozialraeume_index.gpkg", stamp))
    # The PDFs are typeset in processes of their own; meanwhile this one writes the workbook.
    with ThreadPoolExecutor(1) as side:
        pdfs = side.submit(_pdfs, release, published, folder, stamp, cache)
        written.append(xlsx.write(package, published, areas(release), folder / f"{package['name']}.xlsx", stamp, cache))
        written.append(
            _write_zip(
                folder,
                [folder / r["path"] for r in resources] + [folder / "datapackage.json"],
                folder / f"{package['name']}.zip",
                stamp,
            )
        )
        written += pdfs.result()
    return written + _write_dcat(release, package, written, folder)


def _pdfs(
    release: Release, published: dict[str, pd.DataFrame], folder: Path, stamp: datetime, cache: Cache
) -> list[Path]:
    """steckbriefe/<id>.pdf, steckbriefe.zip and bestandsanalyse.pdf."""
    from . import profile, report  # they build on the pages' views, which import this module

    return [
        *profile.write(release, published, folder, stamp, cache),
        report.write(release, published, folder, stamp, cache),
    ]


MEDIA_TYPES = {
    ".csv": "text/csv",
    ".geojson": "application/geo+json",
    ".json": "application/json",
    ".md": "text/markdown",
    ".zip": "application/zip",
    ".gpkg": "application/geopackage+sqlite3",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".pdf": "application/pdf",
}
DOWNLOAD_GROUPS = ("excel", "berichte", "tabellen", "geodaten", "metadaten", "steckbrief")
"""Groups of the data page, in the order most readers want them (titles: texts.DOWNLOAD_GROUPS).
The last, PROFILE_GROUP, is not on the data page: each area's page links its profile."""
PROFILE_GROUP = "steckbrief"
PROFILES = "steckbriefe"  # the folder of the profiles (profile.FOLDER)


def downloads(package: dict, files: list[Path], names: dict[str, str] | None = None) -> list[dict]:
    """Every published file with its group, title, description, media type and size:
    the Excel workbook first, then the reports (PDF), the tables (ZIP, CSV), the geodata,
    the metadata, and each area's profile (`names`: area id → name, for their titles).
    A PDF also says its number of `pages`."""
    resources = {r["path"]: (i, r) for i, r in enumerate(package["resources"])}
    out = []
    for path in files:
        name = f"{PROFILES}/{path.name}" if path.parent.name == PROFILES else path.name
        group, rank, title, description = _describe(name, resources, names or {})
        data = path.read_bytes()
        entry = {
            "path": name,
            "group": group,
            "title": title,
            "description": description,
            "media_type": MEDIA_TYPES.get(path.suffix, "application/octet-stream"),
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "_rank": rank,
        }
        if path.suffix == ".pdf":
            entry["pages"] = pdf_pages(data)
        out.append(entry)
    out.sort(key=lambda d: (DOWNLOAD_GROUPS.index(d["group"]), d["_rank"], d["path"]))
    return [{k: v for k, v in d.items() if k != "_rank"} for d in out]


def pdf_pages(data: bytes) -> int:
    """The number of pages of a PDF written by typst (one `/Type/Page` object per page)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))


def _describe(name: str, resources: dict[str, tuple[int, dict]], names: dict[str, str]) -> tuple[str, int, str, str]:
    """(group, rank in the group, title, description) of one published file."""
    suffix = Path(name).suffix
    if name.startswith(f"{PROFILES}/"):
        area_id = Path(name).stem
        title, description = texts.PDF_DOWNLOADS["steckbrief"]
        return PROFILE_GROUP, 0, title.format(name=names.get(area_id, area_id)), description
    if name in texts.PDF_DOWNLOADS:  # steckbriefe.zip, bestandsanalyse.pdf
        return ("berichte", list(texts.PDF_DOWNLOADS).index(name), *texts.PDF_DOWNLOADS[name])
    fixed = {
        "datapackage.json": ("metadaten", 1, "datapackage"),
        "dcat.ttl": ("metadaten", 2, "dcat_ttl"),
        "dcat.jsonld": ("metadaten", 3, "dcat_jsonld"),
    }
    if name in fixed:
        group, rank, key = fixed[name]
        return (group, rank, *texts.DOWNLOADS[key])
    if name in resources:
        i, resource = resources[name]
        group = {".csv": "tabellen", ".geojson": "geodaten", ".gpkg": "geodaten"}.get(suffix, "metadaten")
        rank = 0 if group == "metadaten" else 10 + i  # the changelog before the machine metadata
        return group, rank, resource["title"], resource["description"]
    if suffix == ".xlsx":
        return ("excel", 0, *texts.DOWNLOADS["xlsx"])
    if suffix == ".zip":
        return ("tabellen", 0, *texts.DOWNLOADS["zip"])
    if suffix in (".geojson", ".gpkg"):  # the areas with every index (areas_with_latest_index)
        key = "areas_geojson" if suffix == ".geojson" else "areas_gpkg"
        title, description = texts.DOWNLOADS[key]
        return ("geodaten", 0 if suffix == ".geojson" else 1, title, description.format(sep=GIS_SEPARATOR))
    return ("metadaten", 100, *texts.DOWNLOADS["other"])


def _write_dcat(release: Release, package: dict, files: list[Path], folder: Path) -> list[Path]:
    """DCAT-AP.de needs a publisher: the configured one, else the city; none → no DCAT."""
    from dataclasses import replace

    pub = release.settings.publication
    publisher = pub.publisher or release.settings.city
    if not publisher:
        return []
    distributions = [
        dcat.Distribution(
            path=d["path"],
            title=d["title"],
            description=d["description"],
            media_type=d["media_type"],
            byte_size=d["bytes"],
            sha256=d["sha256"],
        )
        for d in downloads(package, files, dict(zip(release.areas["sozialraum_id"], release.areas["name"])))
    ]
    graph = dcat.catalogue(
        release.metadata,
        replace(pub, publisher=publisher),
        release.settings.city,
        [s.name for s in release.indices],
        release.years,
        distributions,
    )
    return dcat.write(graph, folder)


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """UTF-8, comma, '.' decimals, booleans as true/false: pandas, R and Excel read it."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map({True: "true", False: "false"}).astype("string")
        elif column in ("zaehler", "nenner") and pd.api.types.is_float_dtype(out[column]):
            if (out[column].dropna() % 1 == 0).all():  # counts print as 12, not 12.0
                out[column] = out[column].astype("Int64")
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def _write_json(data: dict, path: Path) -> Path:
    clean = {k: v for k, v in data.items() if v is not None}
    path.write_text(json.dumps(clean, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _write_geojson(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """RFC 7946 GeoJSON, 6 decimals (about 10 cm), stable property order."""
    data = json.loads(frame.to_json(na="null", drop_id=True, to_wgs84=True))
    for feature in data["features"]:
        feature["geometry"] = _rounded(feature["geometry"])
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def _rounded(geometry: dict | None) -> dict | None:
    def walk(c):
        return round(c, 6) if isinstance(c, float) else [walk(x) for x in c]

    if geometry is None:
        return None
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def _timestamp(release: Release) -> datetime:
    """The release's own date: every file written carries it, never the clock."""
    created = release.metadata.get("created") or "1980-01-01T00:00:00Z"
    try:
        return datetime.fromisoformat(str(created).replace("Z", "+00:00"))
    except ValueError:
        return datetime(1980, 1, 1)


def epoch(release: Release) -> int:
    """The release date as seconds since 1970, for tools that read SOURCE_DATE_EPOCH."""
    return int(_timestamp(release).timestamp())


def _write_gpkg(frame: gpd.GeoDataFrame, path: Path, stamp: datetime) -> Path:
    import pyogrio

    # Nullable columns stay nullable: pyogrio writes REAL, INTEGER and BOOLEAN fields
    # with NULL where a value is missing (as objects they would all become TEXT).
    out = frame.copy()
    # GDAL writes the current time into gpkg_contents unless told otherwise.
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp.strftime("%Y-%m-%dT%H:%M:%S.000Z")})
    try:
        out.to_file(path, driver="GPKG", layer="sozialraeume_index", engine="pyogrio")
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
    return path


def _write_zip(folder: Path, files: list[Path], path: Path, stamp: datetime) -> Path:
    """A ZIP whose bytes depend only on the files' contents and the release date."""
    date = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(set(files)):
            info = zipfile.ZipInfo(file.relative_to(folder).as_posix(), date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, file.read_bytes())
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
