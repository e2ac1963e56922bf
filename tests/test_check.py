"""Each kind of bad input gives its own problem, at the right file, row and field."""

from __future__ import annotations

import json

import pytest

from sozmon import pipeline
from sozmon.problems import errors
from sozmon.texts import problem_text
from tests import factory


def found(path):
    """(file, row, field, code) of every error, the way the user will look for them."""
    _, problems = pipeline.open_release(path)
    return [(p.file, p.row, p.field, p.code) for p in errors(problems)]


def warnings(path):
    _, problems = pipeline.open_release(path)
    return [(p.file, p.row, p.field, p.code) for p in problems if not p.is_error]


def test_valid_release_has_no_problems(tmp_path):
    release, problems = pipeline.open_release(factory.release(tmp_path))
    assert problems == []
    assert sorted(release.areas["sozialraum_id"]) == ["01", "02", "03", "04"]
    assert len(release.values) == 24


def test_excel_csv_with_bom_semicolon_and_decimal_comma_loads(tmp_path):
    def excel(spec):
        spec["values_dialect"] = {"delimiter": ";", "decimal": ",", "bom": True}
        row = factory.row_of(spec, "01", 2020, "kinder")
        row.update(zaehler="", nenner="", wert="12.5")

    path = factory.release(tmp_path, excel)
    assert (path / "werte.csv").read_bytes().startswith(b"\xef\xbb\xbfsozialraum_id;")
    release, problems = pipeline.open_release(path)
    assert errors(problems) == []
    row = release.values.query("sozialraum_id == '01' and jahr == 2020 and indikator_id == 'kinder'")
    assert row["wert"].iloc[0] == 12.5
    assert row["zaehler"].isna().all()


def test_decimal_comma_without_declaration_is_a_type_error(tmp_path):
    def undeclared(spec):
        factory.row_of(spec, "02", 2021, "sgb2")["zaehler"] = "10,5"

    line = factory.line_of(factory.base(), "02", 2021, "sgb2")
    assert found(factory.release(tmp_path, undeclared)) == [("werte.csv", line, "zaehler", "type-error")]


def test_missing_descriptor(tmp_path):
    assert [code for *_, code in found(tmp_path)] == ["release-missing"]


def test_broken_json_names_the_line(tmp_path):
    path = factory.release(tmp_path)
    text = (path / "datapackage.json").read_text().replace('"version": "1.0.0",', '"version": "1.0.0"', 1)
    (path / "datapackage.json").write_text(text)
    [(file, row, _, code)] = found(path)
    assert (file, code) == ("datapackage.json", "descriptor-invalid")
    assert row == text.splitlines().index('  "created": "2024-01-01T00:00:00Z",') + 1


def test_missing_resource_and_missing_file(tmp_path):
    path = factory.release(tmp_path)
    descriptor = json.loads((path / "datapackage.json").read_text())
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "dimensionen"]
    (path / "datapackage.json").write_text(json.dumps(descriptor))
    (path / "sozialraeume.geojson").unlink()
    codes = {(file, code) for file, _, _, code in found(path)}
    assert ("datapackage.json", "resource-missing") in codes
    assert ("sozialraeume.geojson", "file-missing") in codes


def test_missing_required_field(tmp_path):
    def drop(spec):
        for row in spec["indicators"]:
            del row["richtung"]

    assert ("indikatoren.csv", 1, "richtung", "field-missing") in found(factory.release(tmp_path, drop))


def test_id_declared_as_integer_loses_leading_zeros(tmp_path):
    def integer_ids(spec):
        spec["types"] = {"werte.sozialraum_id": "integer"}

    assert ("datapackage.json", None, "werte.sozialraum_id", "field-type") in found(
        factory.release(tmp_path, integer_ids)
    )


def test_id_without_leading_zero_gets_a_hint(tmp_path):
    def strip(spec):
        factory.row_of(spec, "03", 2020, "flaeche")["sozialraum_id"] = "3"

    path = factory.release(tmp_path, strip)
    _, problems = pipeline.open_release(path)
    [p] = errors(problems)
    line = factory.line_of(factory.base(), "03", 2020, "flaeche")
    assert (p.file, p.row, p.field, p.code, p.value) == ("werte.csv", line, "sozialraum_id", "unknown-reference", "3")
    assert "'03'" in problem_text(p)[0]


def test_counts_rules(tmp_path):
    def bad(spec):
        factory.row_of(spec, "01", 2020, "sgb2")["zaehler"] = "-1"
        factory.row_of(spec, "02", 2020, "sgb2")["zaehler"] = "2.5"
        factory.row_of(spec, "03", 2020, "sgb2")["nenner"] = "0"
        factory.row_of(spec, "04", 2020, "sgb2")["zaehler"] = "60"  # nenner 50, a share
        factory.row_of(spec, "04", 2020, "flaeche")["zaehler"] = "2000.5"  # m²: may be fractional

    spec = factory.base()
    bad(spec)
    line = lambda a: factory.line_of(spec, a, 2020, "sgb2")  # noqa: E731
    assert sorted(found(factory.release(tmp_path, bad))) == sorted(
        [
            ("werte.csv", line("01"), "zaehler", "count-negative"),
            ("werte.csv", line("02"), "zaehler", "count-not-integer"),
            ("werte.csv", line("03"), "nenner", "denominator-zero"),
            ("werte.csv", line("04"), "zaehler", "count-exceeds"),
        ]
    )


def test_incomplete_rows(tmp_path):
    def bad(spec):
        factory.row_of(spec, "01", 2021, "kinder").update(nenner="")
        factory.row_of(spec, "02", 2021, "kinder").update(zaehler="", nenner="")

    spec = factory.base()
    bad(spec)
    assert sorted(found(factory.release(tmp_path, bad))) == [
        ("werte.csv", factory.line_of(spec, "01", 2021, "kinder"), "nenner", "row-incomplete"),
        ("werte.csv", factory.line_of(spec, "02", 2021, "kinder"), "wert", "row-incomplete"),
    ]


def test_duplicate_row_names_the_first(tmp_path):
    def dup(spec):
        spec["values"].append(dict(spec["values"][5]))

    path = factory.release(tmp_path, dup)
    _, problems = pipeline.open_release(path)
    [p] = errors(problems)
    assert (p.file, p.row, p.code) == ("werte.csv", 26, "duplicate-key")
    assert dict(p.params)["first"] == "7"


def test_unknown_dimension_and_direction(tmp_path):
    def bad(spec):
        spec["indicators"][0]["dimension_id"] = "arbiet"
        spec["indicators"][1]["richtung"] = "2"

    assert sorted(found(factory.release(tmp_path, bad))) == [
        ("indikatoren.csv", 2, "dimension_id", "unknown-reference"),
        ("indikatoren.csv", 3, "richtung", "direction-invalid"),
    ]


def test_direction_may_be_empty_only_for_a_context_indicator(tmp_path):
    """sgb2 (row 2) is in a dimension: it needs a direction; kinder (row 4) is a context
    indicator and is not judged: no direction is fine."""

    def empty(spec):
        spec["indicators"][0]["richtung"] = ""
        spec["indicators"][2]["richtung"] = ""

    assert found(factory.release(tmp_path, empty)) == [("indikatoren.csv", 2, "richtung", "direction-missing")]


def test_context_indicator_without_direction_is_loaded_and_not_turned(tmp_path):
    """kinder 2020: 10, 20, 30, 40 % → mean 25, population SD √125 = 11.18, so
    z = −15/√125 = −1.342, −0.447, 0.447, 1.342: higher value, higher z (not turned)."""

    def context(spec):
        spec["indicators"][2]["richtung"] = ""
        for area, count in zip(("01", "02", "03", "04"), (10, 20, 30, 40)):
            factory.row_of(spec, area, 2020, "kinder").update(zaehler=str(count), nenner="100")

    release, problems = pipeline.open_release(factory.release(tmp_path, context))
    assert problems == []
    assert release.indicators.set_index("indikator_id")["richtung"].isna().tolist() == [False, False, True]
    values = pipeline.results(release).indicator_values
    kinder = values[(values["indikator_id"] == "kinder") & (values["jahr"] == 2020)].sort_values("sozialraum_id")
    root = 125**0.5
    assert kinder["z_wert"].astype(float).tolist() == pytest.approx([-15 / root, -5 / root, 5 / root, 15 / root])


def test_unknown_indicator_in_values(tmp_path):
    def bad(spec):
        factory.row_of(spec, "02", 2020, "kinder")["indikator_id"] = "kinder_alt"

    spec = factory.base()
    line = factory.line_of(spec, "02", 2020, "kinder")
    assert found(factory.release(tmp_path, bad)) == [("werte.csv", line, "indikator_id", "unknown-reference")]


def test_invalid_and_wrong_geometries(tmp_path):
    def bad(spec):
        spec["areas"][1]["geometry"] = {
            "type": "Polygon",
            "coordinates": [[[7, 51], [7.1, 51.1], [7.1, 51], [7, 51.1], [7, 51]]],
        }
        spec["areas"][2]["geometry"] = {"type": "Point", "coordinates": [7, 51]}

    assert sorted(found(factory.release(tmp_path, bad))) == [
        ("sozialraeume.geojson", 2, "geometry", "geometry-invalid"),
        ("sozialraeume.geojson", 3, "geometry", "geometry-type"),
    ]


def test_area_without_geometry_is_an_error_and_geometry_without_data_a_warning(tmp_path):
    def bad(spec):
        spec["areas"][3]["sozialraum_id"] = "05"

    path = factory.release(tmp_path, bad)
    errs = found(path)
    assert len(errs) == 6 and {e[2:] for e in errs} == {("sozialraum_id", "unknown-reference")}
    assert warnings(path) == [("sozialraeume.geojson", 4, "sozialraum_id", "area-without-data")]


def test_numeric_ids_in_geojson(tmp_path):
    def numeric(spec):
        for area in spec["areas"]:
            area["sozialraum_id"] = int(area["sozialraum_id"])

    problems = found(factory.release(tmp_path, numeric))
    assert ("sozialraeume.geojson", 1, "sozialraum_id", "id-not-text") in problems


def test_etrs89_utm_geometry_is_reprojected(tmp_path):
    def utm(spec):
        # ETRS89 / UTM 32N around Gelsenkirchen (east ≈ 365 km, north ≈ 5 710 km)
        spec["areas_crs"] = "urn:ogc:def:crs:EPSG::25832"
        for i, area in enumerate(spec["areas"]):
            area["geometry"] = factory.square(365000 + 1000 * i, 5710000, 1000)

    release, problems = pipeline.open_release(factory.release(tmp_path, utm))
    assert errors(problems) == []
    minx, miny, maxx, maxy = release.areas.total_bounds
    assert 7.0 < minx < maxx < 7.2 and 51.5 < miny < maxy < 51.6
    assert release.areas.crs.to_epsg() == 4326


def test_settings_problems_are_all_reported(tmp_path):
    def bad(spec):
        spec["settings"] = {
            "method": {
                "classes": {"cuts": [1, 0], "labels": ["a", "b"]},
                "standardise": "sometimes",
                "min_coverag": 0.5,
            }
        }

    assert sorted((f, code) for f, _, field, code in found(factory.release(tmp_path, bad))) == sorted(
        [
            ("sozmon.yml", "settings-cuts-order"),
            ("sozmon.yml", "settings-labels-count"),
            ("sozmon.yml", "settings-type"),
            ("sozmon.yml", "settings-unknown"),
        ]
    )


def test_settings_syntax_error_names_the_line(tmp_path):
    def bad(spec):
        spec["settings"] = "city: X\nmethod:\n  min_denominator: [1, 2\n"

    [(file, row, _, code)] = found(factory.release(tmp_path, bad))
    assert (file, code) == ("sozmon.yml", "settings-syntax") and row is not None


def test_all_problems_at_once(tmp_path):
    def bad(spec):
        factory.row_of(spec, "01", 2020, "sgb2")["nenner"] = "0"
        spec["indicators"][1]["richtung"] = "0"
        spec["areas"][0]["geometry"] = {"type": "Point", "coordinates": [7, 51]}
        spec["settings"]["method"] = {"min_coverage": 2}

    files = {file for file, *_ in found(factory.release(tmp_path, bad))}
    assert files == {"werte.csv", "indikatoren.csv", "sozialraeume.geojson", "sozmon.yml"}


@pytest.mark.parametrize("text", ["x", "1e400"])
def test_unparseable_number_is_reported_once(tmp_path, text):
    def bad(spec):
        factory.row_of(spec, "04", 2021, "flaeche")["nenner"] = text

    spec = factory.base()
    line = factory.line_of(spec, "04", 2021, "flaeche")
    problems = found(factory.release(tmp_path, bad))
    assert [p[:3] for p in problems] == [("werte.csv", line, "nenner")]


def test_base_year_must_be_in_the_data(tmp_path):
    def bad(spec):
        spec["settings"]["method"] = {"base_year": 2019}

    assert found(factory.release(tmp_path, bad)) == [("sozmon.yml", None, "method.base_year", "settings-base-year")]


def test_file_in_another_encoding_names_the_line(tmp_path):
    path = factory.release(tmp_path)
    text = (path / "indikatoren.csv").read_text(encoding="utf-8")
    (path / "indikatoren.csv").write_bytes(text.encode("cp1252"))  # "Wohnfläche" on line 3
    assert found(path) == [("indikatoren.csv", 3, None, "encoding-error")]


def test_wrong_delimiter_is_named_once(tmp_path):
    path = factory.release(tmp_path)
    text = (path / "werte.csv").read_text(encoding="utf-8")
    (path / "werte.csv").write_text(text.replace(",", ";"), encoding="utf-8")
    _, problems = pipeline.open_release(path)
    assert [(p.file, p.row, p.code, p.value) for p in problems] == [("werte.csv", 1, "delimiter-wrong", ";")]


def test_empty_file(tmp_path):
    path = factory.release(tmp_path)
    (path / "dimensionen.csv").write_text("")
    assert found(path) == [("dimensionen.csv", 1, None, "file-empty")]


def test_geopackage_in_utm_loads(tmp_path):
    import geopandas as gpd
    from shapely.geometry import shape

    spec = factory.base()
    path = factory.write(spec, tmp_path / "release")
    areas = gpd.GeoDataFrame(
        [{k: v for k, v in a.items() if k != "geometry"} for a in spec["areas"]],
        geometry=[shape(a["geometry"]) for a in spec["areas"]],
        crs=4326,
    ).to_crs(25832)
    areas.to_file(path / "sozialraeume.gpkg", driver="GPKG")
    descriptor = json.loads((path / "datapackage.json").read_text())
    descriptor["resources"][0].update(
        path="sozialraeume.gpkg", format="gpkg", mediatype="application/geopackage+sqlite3"
    )
    (path / "datapackage.json").write_text(json.dumps(descriptor))
    release, problems = pipeline.open_release(path)
    assert errors(problems) == []
    assert release.areas.crs.to_epsg() == 4326
    assert release.areas.geometry.iloc[0].bounds == pytest.approx((7.01, 51.5, 7.02, 51.51), abs=1e-6)
    assert release.areas["sozialraum_id"].tolist() == ["01", "02", "03", "04"]


def test_missing_publisher_is_a_warning_only(tmp_path):
    def anonymous(spec):
        del spec["settings"]["publication"]

    path = factory.release(tmp_path, anonymous)
    assert found(path) == []
    assert warnings(path) == [("sozmon.yml", None, "publication.publisher", "settings-publisher-missing")]


def test_stadtteil_in_two_bezirke_is_a_warning(tmp_path):
    def straddle(spec):
        spec["areas"][1]["stadtbezirk"] = "Zwei"

    path = factory.release(tmp_path, straddle)
    assert found(path) == []
    assert warnings(path) == [("sozialraeume.geojson", 1, "stadtbezirk", "nesting-broken")]


# --- empty resources: a clear problem, never a crash ---------------------------------


def _header_only(path):
    return path.read_text(encoding="utf-8").splitlines()[0] + "\r\n"


@pytest.mark.parametrize("file", ["dimensionen.csv", "indikatoren.csv", "werte.csv"])
@pytest.mark.parametrize(
    "content, code",
    [
        (_header_only, "resource-empty"),
        (lambda p: _header_only(p) + "\r\n   \r\n", "resource-empty"),  # blank lines after it
        (lambda p: _header_only(p) + "," * 5 + "\r\n", "resource-empty"),  # a row of empty cells
        (lambda p: "\r\n\r\n  \r\n", "file-empty"),  # not even a header
        (lambda p: "", "file-empty"),  # 0 bytes
    ],
)
def test_empty_table_is_one_problem_with_its_file(tmp_path, file, content, code):
    path = factory.release(tmp_path)
    (path / file).write_text(content(path / file), encoding="utf-8")
    assert found(path) == [(file, 1, None, code)]
    _, problems = pipeline.open_release(path)
    what, todo = problem_text(errors(problems)[0])
    assert what and todo and "None" not in what + todo


def test_header_only_names_what_is_missing(tmp_path):
    path = factory.release(tmp_path)
    (path / "werte.csv").write_text(_header_only(path / "werte.csv"), encoding="utf-8")
    _, [p] = pipeline.open_release(path)
    what, todo = problem_text(p)
    assert "keine Werte" in what and "Kopfzeile" in what
    assert todo.startswith("Die Werte eintragen")


@pytest.mark.parametrize(
    "content, row, code",
    [
        ('{"type": "FeatureCollection", "features": []}', None, "resource-empty"),
        ("", 1, "file-empty"),
        ("\n  \n", 1, "file-empty"),
    ],
)
def test_empty_geometry_file_is_one_problem(tmp_path, content, row, code):
    path = factory.release(tmp_path)
    (path / "sozialraeume.geojson").write_text(content, encoding="utf-8")
    # the values' area ids cannot be checked against nothing: no problem per row
    assert found(path) == [("sozialraeume.geojson", row, None, code)]


# --- ids become folder names and URLs -------------------------------------------------


def _rename(spec, kind, old, new):
    """Rename an id in its own table and wherever it is referenced."""
    if kind == "sozialraum_id":
        rows = spec["areas"] + spec["values"]
    elif kind == "dimension_id":
        rows = spec["dimensions"] + spec["indicators"]
    else:
        rows = spec["indicators"] + spec["values"]
    for row in rows:
        if row[kind] == old:
            row[kind] = new


@pytest.mark.parametrize(
    "kind, old, new, file, row, code",
    [
        ("indikator_id", "kinder", "kinder anteil", "indikatoren.csv", 4, "id-unsafe"),
        ("indikator_id", "kinder", "../kinder", "indikatoren.csv", 4, "id-unsafe"),
        ("indikator_id", "kinder", "kinderanteil_" + "x" * 52, "indikatoren.csv", 4, "id-unsafe"),  # 65
        ("dimension_id", "wohnen", "wohnen-ä", "dimensionen.csv", 3, "id-unsafe"),
        ("sozialraum_id", "03", "_03", "sozialraeume.geojson", 3, "id-unsafe"),
        ("dimension_id", "wohnen", "index", "dimensionen.csv", 3, "id-reserved"),
        ("dimension_id", "wohnen", "Methode", "dimensionen.csv", 3, "id-reserved"),
        # the index as a whole in the certainty tables (contract 2.3.0); an indicator may be called so
        ("dimension_id", "wohnen", "Gesamt", "dimensionen.csv", 3, "id-reserved"),
        ("indikator_id", "kinder", "dimensionen", "indikatoren.csv", 4, "id-reserved"),
        ("sozialraum_id", "02", "INDEX", "sozialraeume.geojson", 2, "id-reserved"),
        ("indikator_id", "kinder", "SGB2", "indikatoren.csv", 4, "id-case-collision"),
        ("dimension_id", "wohnen", "Arbeit", "dimensionen.csv", 3, "id-case-collision"),
    ],
)
def test_ids_that_would_collide_in_paths_are_rejected(tmp_path, kind, old, new, file, row, code):
    path = factory.release(tmp_path, lambda spec: _rename(spec, kind, old, new))
    assert found(path) == [(file, row, kind, code)]


def test_ids_that_are_safe_and_distinct_pass(tmp_path):
    def fine(spec):
        _rename(spec, "indikator_id", "kinder", "gesamt")
        _rename(spec, "dimension_id", "arbeit", "Gesamtlage")  # only 'gesamt' itself names the whole index
        _rename(spec, "indikator_id", "sgb2", "SGB-II_quote")
        _rename(spec, "dimension_id", "wohnen", "w" * 64)
        _rename(spec, "sozialraum_id", "03", "index2")

    assert found(factory.release(tmp_path, fine)) == []


def test_case_collision_names_the_other_id_and_its_row(tmp_path):
    path = factory.release(tmp_path, lambda spec: _rename(spec, "indikator_id", "kinder", "SGB2"))
    _, [p] = pipeline.open_release(path)
    what, _ = problem_text(p)
    assert (dict(p.params)["other"], dict(p.params)["first"]) == ("sgb2", "2")
    assert "'SGB2'" in what and "'sgb2'" in what


def test_every_problem_code_has_its_german_text():
    import re
    from pathlib import Path

    from sozmon import texts

    source = "".join(p.read_text(encoding="utf-8") for p in Path(texts.__file__).parent.rglob("*.py"))
    codes = set(re.findall(r'problem\(\s*"([a-z0-9-]+)"', source))
    codes |= set(re.findall(r'_each\((?:[^"]|"[a-z_]+")*?"([a-z]+-[a-z-]+)"', source))
    codes |= set(re.findall(r':\s*"([a-z-]+)"', source.split("_FRICTIONLESS_CODES = {")[1].split("}")[0]))
    assert len(codes) > 40
    assert sorted(codes - set(texts.PROBLEMS)) == []
