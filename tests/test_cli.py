"""The command line as a user meets it: messages, exit codes, and output that is only
ever replaced whole."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sozmon import cli, package
from tests import factory


def broken(spec):
    factory.row_of(spec, "02", 2021, "sgb2")["nenner"] = "0"
    spec["indicators"][1]["richtung"] = "+2"


def test_check_prints_a_table_with_file_row_field_and_advice(tmp_path, capsys):
    path = factory.release(tmp_path, broken)
    assert cli.main(["check", "--data", str(path)]) == 1
    out = capsys.readouterr().out
    line = str(factory.line_of(factory.base(), "02", 2021, "sgb2"))
    for expected in (
        "Datei",
        "Zeile",
        "Was tun",
        "werte.csv",
        line,
        "nenner",
        "Der Nenner ist 0",
        "indikatoren.csv",
        "richtung",
        "2 Fehler und 0 Hinweise",
    ):
        assert expected in out
    assert "None" not in out and "Traceback" not in out


def test_check_json_for_ci(tmp_path, capsys):
    path = factory.release(tmp_path, broken)
    assert cli.main(["check", "--data", str(path), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert [(p["datei"], p["feld"], p["code"]) for p in problems] == [
        ("indikatoren.csv", "richtung", "direction-invalid"),
        ("werte.csv", "nenner", "denominator-zero"),
    ]
    assert all(p["was_tun"] for p in problems)


def test_check_on_a_missing_folder(tmp_path, capsys):
    assert cli.main(["check", "--data", str(tmp_path / "nichts")]) == 1
    assert "Keine Datenlieferung gefunden" in capsys.readouterr().out


def test_build_writes_the_contract_tables(tmp_path):
    path = factory.release(tmp_path)
    assert cli.main(["build", "--data", str(path), "--out", str(tmp_path / "out")]) == 0
    folder = tmp_path / "out" / "daten"
    values = pd.read_csv(folder / "indikator_werte.csv", dtype={"sozialraum_id": str})
    index = pd.read_csv(folder / "index_werte.csv", dtype={"sozialraum_id": str})
    dims = pd.read_csv(folder / "dimension_werte.csv", dtype={"sozialraum_id": str})
    assert {"sozialraum_id", "jahr", "indikator_id", "zaehler", "nenner", "wert", "z_wert", "gesperrt"} <= set(
        values.columns
    )
    assert {"index_id", "sozialraum_id", "jahr", "wert", "klasse", "rang"} <= set(index.columns)
    assert {"index_id", "dimension_id", "sozialraum_id", "jahr", "wert", "klasse", "rang"} <= set(dims.columns)
    assert sorted(index["sozialraum_id"].unique()) == ["01", "02", "03", "04"]
    # no indices in sozmon.yml: one index, id "status", from indikatoren.dimension_id
    assert set(index["index_id"]) == set(dims["index_id"]) == {"status"}
    assert set(dims["dimension_id"]) == {"arbeit", "wohnen"}
    # 4 areas × 2 years; × 2 dimensions; × 3 indicators
    assert (len(index), len(dims), len(values)) == (8, 16, 24)


def test_build_publishes_no_small_count(tmp_path):
    # In the factory release area 03 has 1 child in 2020 and 2 in 2021: both must be hidden.
    path = factory.release(tmp_path)
    assert cli.main(["build", "--data", str(path), "--out", str(tmp_path / "out")]) == 0
    values = pd.read_csv(tmp_path / "out" / "daten" / "indikator_werte.csv", dtype={"sozialraum_id": str})
    hidden = values[(values["sozialraum_id"] == "03") & (values["indikator_id"] == "kinder")]
    assert hidden["gesperrt"].tolist() == [True, True]
    assert hidden[["zaehler", "wert", "z_wert"]].isna().all().all()
    assert hidden["nenner"].tolist() == [100, 100]


def test_failed_build_leaves_the_last_good_output_untouched(tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["build", "--data", str(factory.release(tmp_path)), "--out", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bad = factory.write(_broken_spec(), tmp_path / "bad")
    assert cli.main(["build", "--data", str(bad), "--out", str(out)]) == 1
    assert "bleibt unverändert" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def _broken_spec():
    spec = factory.base()
    broken(spec)
    return spec


def test_crash_while_writing_leaves_the_output_untouched(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    path = factory.release(tmp_path)
    assert cli.main(["build", "--data", str(path), "--out", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def half_written(release, result, folder, cache):
        folder.mkdir()
        (folder / "index_werte.csv").write_text("kaputt")
        raise RuntimeError("disk full")

    monkeypatch.setattr(package, "write", half_written)
    assert cli.main(["build", "--data", str(path), "--out", str(out), "--force"]) == 2
    assert "disk full" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_build_never_overwrites_a_folder_it_did_not_write(tmp_path, capsys):
    out = tmp_path / "meine-dokumente"
    out.mkdir()
    (out / "wichtig.txt").write_text("bitte nicht löschen")
    assert cli.main(["build", "--data", str(factory.release(tmp_path)), "--out", str(out)]) == 2
    assert (out / "wichtig.txt").read_text() == "bitte nicht löschen"
    assert "nicht von sozmon" in capsys.readouterr().out


@pytest.mark.parametrize("groups", [True, False])
def test_a_release_of_another_shape_builds(tmp_path, groups):
    from tools.synthetic_release import write_release

    data = write_release(
        tmp_path / "anders",
        n_areas=23,
        dimensions={"a": 2, "b": 1, "c": 3, "d": 1},
        years=range(2015, 2019),
        id_prefix="X",
        groups=groups,
    )
    assert cli.main(["check", "--data", str(data)]) == 0
    assert cli.main(["build", "--data", str(data), "--out", str(tmp_path / "out")]) == 0
    folder = tmp_path / "out" / "daten"
    index = pd.read_csv(folder / "index_werte.csv", dtype={"sozialraum_id": str})
    dims = pd.read_csv(folder / "dimension_werte.csv", dtype={"sozialraum_id": str})
    assert index["sozialraum_id"].nunique() == 23
    assert index["sozialraum_id"].str.startswith("X").all()
    assert set(dims["dimension_id"]) == {"a", "b", "c", "d"}
    assert sorted(index["jahr"].unique()) == [2015, 2016, 2017, 2018]
    ranks = index[index["jahr"] == 2018]["rang"].dropna()
    assert ranks.min() == 1 and ranks.max() <= 23


@pytest.mark.parametrize(
    "file, content, text",
    [
        ("werte.csv", "sozialraum_id,jahr,indikator_id,zaehler,nenner,wert\r\n", "keine Werte"),
        ("dimensionen.csv", "dimension_id,name,beschreibung,gewicht\r\n\r\n", "keine Dimensionen"),
        ("sozialraeume.geojson", '{"type": "FeatureCollection", "features": []}', "keine Sozialräume"),
        ("indikatoren.csv", "", "Die Datei ist leer"),
    ],
)
def test_check_and_build_on_an_empty_resource_say_what_to_do(tmp_path, capsys, file, content, text):
    path = factory.release(tmp_path)
    (path / file).write_text(content, encoding="utf-8")
    assert cli.main(["check", "--data", str(path)]) == 1
    out = capsys.readouterr().out
    assert file in out and text in out and "1 Fehler" in out
    assert "Fehler in sozmon" not in out and "Traceback" not in out and "None" not in out
    assert cli.main(["build", "--data", str(path), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert text in out and "Fehler in sozmon" not in out
    assert not (tmp_path / "out").exists()
