"""The cache of pictures, PDFs and workbooks, and the rebuild that keeps an unchanged output.

A hit must be byte for byte what a fresh run writes, and any change to what goes into an
output must miss.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sozmon import cache, cli, package, pdf, pipeline, render, xlsx
from tests import factory

STAMP = datetime(2025, 3, 1, tzinfo=UTC)


def _spec(title: str = "Kinder") -> dict:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "title": title,
        "data": {"url": "daten/werte.csv", "format": {"type": "csv"}},
        "mark": "bar",
        "encoding": {"x": {"field": "wert", "type": "quantitative"}, "y": {"field": "name", "type": "nominal"}},
        "width": "container",
        "height": 80,
    }


def _folder(tmp_path: Path, name: str, rows: str) -> Path:
    root = tmp_path / name
    (root / "daten").mkdir(parents=True)
    (root / "daten" / "werte.csv").write_text("name,wert\n" + rows, encoding="utf-8")
    return root


def test_a_picture_from_the_cache_is_the_fresh_one_and_any_change_renders_anew(tmp_path):
    a = _folder(tmp_path, "a", "Nord,3\nSüd,5\n")
    b = _folder(tmp_path, "b", "Nord,3\nSüd,6\n")  # one number differs
    jobs = [(_spec(), a), (_spec(), a, 500), (_spec(), b), (_spec("Ältere"), a)]
    fresh = render.render_many(jobs, workers=1)
    store = cache.Cache(tmp_path / "cache")
    assert render.render_many(jobs[:1], workers=1, cache=store) == fresh[:1]
    assert (store.hits["bild"], store.misses["bild"]) == (0, 1)
    # the same spec and data: a hit; another width, other data, another title: each a miss
    assert render.render_many(jobs, workers=1, cache=store) == fresh
    assert (store.hits["bild"], store.misses["bild"]) == (1, 4)
    assert len({*fresh}) == 4  # the four pictures really differ
    assert render.render_many(jobs, workers=1, cache=store) == fresh
    assert store.hits["bild"] == 5
    # a change to the data file behind a cached picture is seen
    (a / "daten" / "werte.csv").write_text("name,wert\nNord,4\nSüd,5\n", encoding="utf-8")
    again = render.render_many(jobs[:1], workers=1, cache=store)
    assert store.misses["bild"] == 5 and again != fresh[:1]
    assert again == render.render_many(jobs[:1], workers=1)


def test_a_pdf_from_the_cache_is_the_fresh_one(tmp_path):
    document = {
        "title": "Test",
        "author": "Stadt",
        "subject": "",
        "footer": ["a", "b"],
        "synthetic": None,
        "page": "S.",
    }
    data = {"document": document}
    store = cache.Cache(tmp_path / "cache")
    first = pdf.render("analysis.typ", _analysis(data), stamp=STAMP, cache=store)
    assert first == pdf.render("analysis.typ", _analysis(data), stamp=STAMP)  # fresh
    assert pdf.render("analysis.typ", _analysis(data), stamp=STAMP, cache=store) == first
    assert (store.hits["pdf"], store.misses["pdf"]) == (1, 1)
    other = pdf.render("analysis.typ", _analysis(data, title="Anders"), stamp=STAMP, cache=store)
    assert other != first and store.misses["pdf"] == 2
    later = pdf.render("analysis.typ", _analysis(data), stamp=datetime(2026, 3, 1, tzinfo=UTC), cache=store)
    assert later != first and store.misses["pdf"] == 3  # the date is printed: another PDF


def _analysis(data: dict, title: str = "Bestandsanalyse") -> dict:
    return {
        **data,
        "title": title,
        "intro": "Text",
        "key": [],
        "sections": [],
        "rules_title": "Regeln",
        "rules": ["Eine Regel"],
        "city": "Stadt",
    }


def test_a_workbook_is_keyed_by_its_cells_and_their_types():
    """1 and "1" are different cells (a number and a text), so they must not share an entry."""
    areas = pd.DataFrame({"sozialraum_id": ["01", "02"], "name": ["Nord", "Süd"]})
    descriptor = {"name": "p", "resources": []}
    store = cache.Cache(None)

    def key(values):
        return store.key(xlsx.KIND, xlsx._inputs(descriptor, {"t": pd.DataFrame({"wert": values})}, areas, STAMP))

    assert len({key([1, 2]), key(["1", "2"]), key([1, 3]), key([1.0, 2.0])}) == 4
    assert key([1, 2]) == key([1, 2])


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    return factory.release(tmp_path_factory.mktemp("cache-release"))


def test_the_package_from_a_warm_cache_is_byte_identical(release, tmp_path):
    store = cache.Cache(tmp_path / "cache")
    pipeline.build(release, tmp_path / "kalt", cache=store)
    assert store.hits.total() == 0 and store.misses["pdf"] > 0 and store.misses["xlsx"] == 1
    pipeline.build(release, tmp_path / "warm", cache=store)
    assert store.hits["xlsx"] == 1 and store.hits["pdf"] == store.misses["pdf"]
    cold, warm = (tmp_path / name / package.FOLDER for name in ("kalt", "warm"))
    files = sorted(p.relative_to(cold) for p in cold.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(warm) for p in warm.rglob("*") if p.is_file())
    assert [f for f in files if (cold / f).read_bytes() != (warm / f).read_bytes()] == []
    workbook = next(cold.glob("*.xlsx"))
    assert len(openpyxl.load_workbook(io.BytesIO(workbook.read_bytes())).sheetnames) > 3
    assert zipfile.is_zipfile(workbook)


def test_an_unchanged_release_keeps_the_output_and_any_change_rebuilds(release, tmp_path):
    out, store = tmp_path / "out", cache.Cache(tmp_path / "cache")
    steps: list[str] = []
    pipeline.build(release, out, steps.append, cache=store, reuse=True)
    assert "compute" in steps
    written = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    steps.clear()
    pipeline.build(release, out, steps.append, cache=store, reuse=True)
    assert steps == ["unchanged"]
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == written  # not touched
    # without reuse (the API's default), or without a cache to remember, it is built again
    steps.clear()
    pipeline.build(release, out, steps.append, cache=store)
    assert "compute" in steps
    steps.clear()
    pipeline.build(release, out, steps.append, reuse=True)
    assert "compute" in steps
    # an output file changed by hand is not trusted: rebuilt
    table = next((out / package.FOLDER).glob("*.csv"))
    table.write_text("kaputt", encoding="utf-8")
    steps.clear()
    pipeline.build(release, out, steps.append, cache=store, reuse=True)
    assert "compute" in steps and table.read_text(encoding="utf-8") != "kaputt"
    # a changed release is built again
    settings = release / "sozmon.yml"
    original = settings.read_text(encoding="utf-8")
    try:
        settings.write_text(original + "\n# geändert\n", encoding="utf-8")
        steps.clear()
        pipeline.build(release, out, steps.append, cache=store, reuse=True)
        assert "compute" in steps
    finally:
        settings.write_text(original, encoding="utf-8")


def test_the_command_line_says_when_nothing_changed_and_force_rebuilds(release, tmp_path, capsys):
    out, folder = tmp_path / "out", tmp_path / "cache"
    args = ["build", "--data", str(release), "--out", str(out), "--cache", str(folder)]
    assert cli.main(args) == 0
    assert len(list((folder / pdf.KIND).rglob("*"))) > 0
    capsys.readouterr()
    assert cli.main(args) == 0
    said = capsys.readouterr().out
    assert "Nichts geändert seit dem letzten Lauf" in said and "--force" in said
    assert cli.main([*args, "--force"]) == 0
    said = capsys.readouterr().out
    assert "Nichts geändert" not in said and "Aus dem Zwischenspeicher" in said and "PDFs" in said
    assert cli.main(["build", "--data", str(release), "--out", str(tmp_path / "o2"), "--no-cache", "--force"]) == 0
    assert "Zwischenspeicher" not in capsys.readouterr().out


def test_an_unusable_cache_folder_costs_speed_not_the_build(release, tmp_path):
    blocked = tmp_path / "datei"
    blocked.write_text("kein Ordner", encoding="utf-8")  # the cache folder cannot be made
    store = cache.Cache(blocked / "cache")
    pipeline.build(release, tmp_path / "out", cache=store)
    assert store.hits.total() == 0 and (tmp_path / "out" / package.FOLDER / "datapackage.json").is_file()


def test_old_entries_are_dropped(tmp_path):
    store = cache.Cache(tmp_path / "cache")
    store.put("pdf", "a" * 64, b"alt")
    store.put("pdf", "b" * 64, b"neu")
    old = time.time() - (cache.MAX_AGE_DAYS + 1) * 86400
    os.utime(store._path("pdf", "a" * 64), (old, old))
    store.prune()
    assert store.get("pdf", "a" * 64) is None and store.get("pdf", "b" * 64) == b"neu"


def test_the_cache_folder_is_chosen_by_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    assert cache.default_folder() == tmp_path / "c"
    monkeypatch.setenv(cache.ENV, "off")
    assert cache.default_folder() is None
    monkeypatch.delenv(cache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.default_folder() == tmp_path / "xdg" / "sozmon"
