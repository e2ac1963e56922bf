"""Every setting is documented, and defaults apply where the file is silent."""

from pathlib import Path

from conftest import indicator

from sozmon import settings

DOCS = Path(__file__).resolve().parents[1] / "docs" / "einstellungen.md"


def test_every_setting_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    missing = [key for key, _, _ in settings.documented() if f"`{key}`" not in text]
    assert missing == []


def test_defaults_where_the_file_is_silent():
    s, problems = settings.from_dict({"city": "X", "method": {"min_denominator": 5}})
    assert problems == []
    assert (s.city, s.method.min_denominator, s.method.suppress_below) == ("X", 5, 3)
    assert s.method.classes.cuts == (-1.0, -0.5, 0.5, 1.0)
    assert s.method.classes.upper_closed() == (True, True, True, True)


def test_boundary_closure_is_read_per_cut():
    s, problems = settings.from_dict(
        {
            "method": {
                "classes": {
                    "cuts": [-1.5, -1.0, 1.0],
                    "labels": ["a", "b", "c", "d"],
                    "boundary": ["oben", "oben", "unten"],
                }
            }
        }
    )
    assert problems == []
    assert s.method.classes.upper_closed() == (True, True, False)


def test_wrong_types_are_named_by_key():
    _, problems = settings.from_dict({"synthetic": "ja", "method": {"min_coverage": "halb", "classes": 3}})
    assert sorted(p.field for p in problems) == ["method.classes", "method.min_coverage", "synthetic"]
    assert {p.code for p in problems} == {"settings-type"}


def _release(make_release, years, settings=None):
    return make_release(
        [{"sozialraum_id": "1", "name": "A"}],
        [{"dimension_id": "d", "name": "D", "beschreibung": "", "gewicht": 1}],
        [indicator("i")],
        [{"sozialraum_id": "1", "jahr": y, "indikator_id": "i", "zaehler": 1, "nenner": 30} for y in years],
        settings,
    )


def test_base_year_is_filled_in_by_the_release_itself(make_release):
    # the default is the release's first year, whatever the order of the rows
    assert _release(make_release, [2022, 2019, 2021]).settings.method.base_year == 2019
    # a configured base year is kept
    chosen = _release(make_release, [2019, 2021], {"method": {"base_year": 2021}})
    assert chosen.settings.method.base_year == 2021


def test_the_publication_title_takes_a_text():
    parsed, problems = settings.from_dict({"publication": {"title": "Sozialmonitoring 2024"}})
    assert problems == [] and parsed.publication.title == "Sozialmonitoring 2024"
