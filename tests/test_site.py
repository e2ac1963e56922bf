"""The whole site builds with MkDocs --strict, for the sample and for another shape."""

from __future__ import annotations

from pathlib import Path

from sozmon import cli, pipeline
from tools.synthetic_release import write_release

REPO = Path(__file__).resolve().parents[1]


def test_a_release_of_another_shape_builds_a_complete_site(tmp_path):
    data = write_release(tmp_path / "anders", n_areas=9, dimensions={"arbeit": 2, "umwelt": 3, "kultur": 1},
                         years=range(2019, 2022), id_prefix="Z", groups=False)
    site = pipeline.build_site(data, tmp_path / "out", REPO / "docs", REPO / "mkdocs.yml")
    areas = sorted(p.name for p in (site / "sozialraeume").iterdir() if p.is_dir())
    assert areas == [f"Z{i:04d}" for i in range(1, 10)]
    assert sorted(p.name for p in (site / "dimensionen").iterdir() if p.is_dir()) == ["arbeit", "kultur", "umwelt"]
    assert len([p for p in (site / "indikatoren").iterdir() if p.is_dir()]) == 2 + 3 + 1 + 1
    assert (site / "daten" / "datapackage.json").is_file()
    assert (site / "assets" / "js" / "vega.js").stat().st_size > 500_000
    page = (site / "sozialraeume" / "Z0001" / "index.html").read_text(encoding="utf-8")
    assert "Synthetische Beispieldaten" in page and "assets/charts/dimensionen_Z0001.vl.json" in page


def test_site_failure_leaves_the_last_site_untouched(tmp_path, capsys):
    data = write_release(tmp_path / "release", n_areas=6, dimensions={"a": 1, "b": 1}, years=range(2020, 2022))
    out = tmp_path / "out"
    assert cli.main(["site", "--data", str(data), "--out", str(out), "--docs", str(REPO / "docs"),
                     "--config", str(REPO / "mkdocs.yml")]) == 0
    before = {p: p.read_bytes() for p in (out / "site").rglob("*.html")}
    broken_docs = tmp_path / "docs"
    broken_docs.mkdir()
    (broken_docs / "impressum.md").write_text("[kaputt](gibt-es-nicht.md)\n", encoding="utf-8")
    assert cli.main(["site", "--data", str(data), "--out", str(out), "--docs", str(broken_docs),
                     "--config", str(REPO / "mkdocs.yml")]) == 1
    assert "MkDocs konnte die Website nicht bauen" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in (out / "site").rglob("*.html")} == before


def test_two_site_builds_are_byte_identical(tmp_path):
    data = write_release(tmp_path / "release", n_areas=7, dimensions={"a": 2, "b": 1}, years=range(2020, 2023))
    first = pipeline.build_site(data, tmp_path / "a", REPO / "docs", REPO / "mkdocs.yml")
    second = pipeline.build_site(data, tmp_path / "b", REPO / "docs", REPO / "mkdocs.yml")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
