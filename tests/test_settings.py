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


def test_index_and_typology_definitions_are_read_as_given():
    """`indices`/`typologies` are lists that `definitions.resolve` checks against the
    catalogue; the settings only keep them, in order."""
    raw = {"indices": [{"id": "b"}, {"id": "a"}], "typologies": [{"id": "t"}]}
    parsed, problems = settings.from_dict(raw)
    assert problems == []
    assert parsed.indices == ({"id": "b"}, {"id": "a"}) and parsed.typologies == ({"id": "t"},)
    assert settings.from_dict({})[0].indices == ()
    _, problems = settings.from_dict({"indices": {"id": "a"}, "typologies": "t"})
    assert sorted((p.field, p.code) for p in problems) == [
        ("indices", "settings-type"),
        ("typologies", "settings-type"),
    ]


def test_method_overrides_of_an_index():
    base = settings.Method(
        min_denominator=20,
        classes=settings.Classes(cuts=(-1.0, 1.0), labels=("negativ", "stabil", "positiv"), boundary=("oben", "unten")),
    )
    problems = []
    # new labels keep the cuts and their boundaries; new cuts drop the old boundaries
    labels = settings.method_overrides(
        base, {"classes": {"labels": ["schlechter", "gleich", "besser"]}}, "x.", problems
    )
    assert labels.classes.cuts == (-1.0, 1.0) and labels.classes.upper_closed() == (True, False)
    cuts = settings.method_overrides(base, {"classes": {"cuts": [0], "labels": ["neg", "pos"]}}, "x.", problems)
    assert cuts.classes.boundary == () and cuts.classes.upper_closed() == (True,)
    other = settings.method_overrides(base, {"restandardise_index": True}, "x.", problems)
    assert other.restandardise_index and other.min_denominator == 20 and other.classes == base.classes
    assert problems == []
    # release-wide keys are refused per index, and the base keeps its value
    kept = settings.method_overrides(base, {"min_denominator": 5, "suppress_below": 1}, "indices[1].method.", problems)
    assert kept.min_denominator == 20 and kept.suppress_below == base.suppress_below
    assert sorted((p.field, p.code) for p in problems) == [
        ("indices[1].method.min_denominator", "settings-release-wide"),
        ("indices[1].method.suppress_below", "settings-release-wide"),
    ]
