"""Index and typology definitions in `sozmon.yml` (issue 10): each mistake is one problem
in sozmon.yml at its place (`indices[1].dimensions[2].indicators[1].id`), with its code,
found by `sozmon check` on a release on disk (tests/factory.py).

factory.base(): indicators sgb2 (row 2, richtung −1), flaeche (row 3, +1), kinder
(row 4, +1, a context indicator in v1); dimensions arbeit, wohnen; years 2020, 2021.
"""

from __future__ import annotations

import copy
from string import Formatter

import pytest

from sozmon import pipeline
from sozmon.problems import errors
from sozmon.texts import PROBLEMS, problem_text
from tests import factory

STATUS = {
    "id": "lage",
    "name": "Lage",
    "short_name": "Lage",
    "dimensions": [
        {"id": "arbeit", "weight": 2, "indicators": ["sgb2"]},
        {"id": "wohnen", "indicators": [{"id": "flaeche", "weight": 1}]},
    ],
}
DYNAMICS = {
    "id": "entwicklung",
    "name": "Entwicklung",
    "short_name": "Entwicklung",
    "kind": "dynamics",
    "basis": "lage",
    "period": 1,
}
TYPOLOGY = {"id": "lage-entwicklung", "name": "Lage und Entwicklung", "indices": ["lage", "entwicklung"]}


def _path(tmp_path, indices, typologies=(), change=None):
    def define(spec):
        spec["settings"]["indices"] = copy.deepcopy(list(indices))
        if typologies:
            spec["settings"]["typologies"] = copy.deepcopy(list(typologies))
        if change:
            change(spec)

    return factory.release(tmp_path, define)


def found(tmp_path, indices, typologies=(), change=None):
    """(file, row, field, code) of every error, as the user looks for them."""
    _, problems = pipeline.open_release(_path(tmp_path, indices, typologies, change))
    for p in problems:  # every problem has its German text, every placeholder given
        assert p.code in PROBLEMS, p.code
        names = {n for part in PROBLEMS[p.code] for _, n, _, _ in Formatter().parse(part) if n}
        assert names <= {"value", "field", "file", "detail", "hint", *dict(p.params)}, (p.code, names)
        what, todo = problem_text(p)
        assert what and todo and "None" not in what + todo
    return [(p.file, p.row, p.field, p.code) for p in errors(problems)]


def _yml(field, code):
    return ("sozmon.yml", None, field, code)


def _index(**changes):
    return {**copy.deepcopy(STATUS), **changes}


def _dims(*dimensions):
    return _index(dimensions=list(dimensions))


# ---- valid definitions ------------------------------------------------------------------


def test_valid_definitions_have_no_problems(tmp_path):
    release, problems = pipeline.open_release(_path(tmp_path, [STATUS, DYNAMICS], [TYPOLOGY]))
    assert problems == []
    assert [s.id for s in release.indices] == ["lage", "entwicklung"]
    lage, dynamik = release.indices
    # names and descriptions of the dimensions from dimensionen.csv; weights as given
    assert [(d.id, d.name, d.description, d.weight) for d in lage.dimensions] == [
        ("arbeit", "Arbeit", "Erwerbslage", 2.0),
        ("wohnen", "Wohnen", "Wohnlage", 1.0),
    ]
    # the dynamics index takes its basis's dimensions, members and weights
    assert dynamik.dimensions == lage.dimensions and dynamik.period == 1 and dynamik.basis == "lage"
    assert dynamik.classes.labels == ("negativ", "stabil", "positiv")
    [typology] = release.typologies
    assert (typology.first, typology.second) == ("lage", "entwicklung")


def test_with_definitions_the_catalogues_dimension_and_weight_are_ignored(tmp_path):
    """indikatoren.dimension_id and gewicht may be empty, or name no dimension at all."""

    def blank(spec):
        for row in spec["indicators"]:
            row["dimension_id"] = ""
            row["gewicht"] = ""

    assert found(tmp_path, [STATUS], change=blank) == []


def test_a_dimension_id_may_repeat_in_another_index(tmp_path):
    other = {"id": "wohnlage", "name": "Wohnlage", "dimensions": [{"id": "wohnen", "indicators": ["flaeche"]}]}
    assert found(tmp_path, [STATUS, other]) == []


# ---- the catalogue: unknown indicators, empty dimensions, weights -------------------------


def test_unknown_indicator(tmp_path):
    index = _dims(
        {"id": "arbeit", "indicators": ["sgb2"]},
        {"id": "wohnen", "indicators": ["flaeche_neu", "flaeche"]},
    )
    assert found(tmp_path, [index]) == [
        _yml("indices[1].dimensions[2].indicators[1].id", "definition-unknown-indicator")
    ]


def test_indicator_ids_are_not_matched_without_case(tmp_path):
    index = _dims({"id": "arbeit", "indicators": ["SGB2"]}, {"id": "wohnen", "indicators": ["flaeche"]})
    assert _yml("indices[1].dimensions[1].indicators[1].id", "definition-unknown-indicator") in found(tmp_path, [index])


@pytest.mark.parametrize("members", [[], None, "sgb2"])
def test_dimension_without_indicators(tmp_path, members):
    second = {"id": "wohnen"} if members is None else {"id": "wohnen", "indicators": members}
    index = _dims({"id": "arbeit", "indicators": ["sgb2"]}, second)
    assert found(tmp_path, [index]) == [_yml("indices[1].dimensions[2].indicators", "definition-no-indicators")]


def test_index_without_dimensions(tmp_path):
    assert found(tmp_path, [_index(dimensions=[])]) == [_yml("indices[1].dimensions", "definition-no-dimensions")]


def test_one_indicator_twice_in_an_index(tmp_path):
    index = _dims({"id": "arbeit", "indicators": ["sgb2"]}, {"id": "wohnen", "indicators": ["flaeche", "sgb2"]})
    assert found(tmp_path, [index]) == [_yml("indices[1].dimensions[2].indicators[2].id", "definition-indicator-twice")]


@pytest.mark.parametrize("weight", [0, -1, "zwei", True])
def test_weights_must_be_positive_numbers(tmp_path, weight):
    index = _dims(
        {"id": "arbeit", "weight": weight, "indicators": ["sgb2"]},
        {"id": "wohnen", "indicators": [{"id": "flaeche", "weight": weight}]},
    )
    assert found(tmp_path, [index]) == [
        _yml("indices[1].dimensions[1].weight", "definition-weight"),
        _yml("indices[1].dimensions[2].indicators[1].weight", "definition-weight"),
    ]


def test_a_dimension_needs_a_name(tmp_path):
    index = _dims({"id": "arbeit", "indicators": ["sgb2"]}, {"id": "freizeit", "indicators": ["flaeche"]})
    assert found(tmp_path, [index]) == [_yml("indices[1].dimensions[2].name", "definition-dimension-name")]
    named = _dims({"id": "arbeit", "indicators": ["sgb2"]}, {"id": "freizeit", "name": "Freizeit", "indicators": []})
    named["dimensions"][1]["indicators"] = ["flaeche"]
    assert found(tmp_path, [named]) == []


# ---- ids ------------------------------------------------------------------------------------


def test_duplicate_index_ids_without_case(tmp_path):
    other = _index(id="LAGE", name="Noch einmal")
    assert found(tmp_path, [STATUS, other]) == [_yml("indices[2].id", "definition-duplicate")]


def test_duplicate_dimension_ids_without_case(tmp_path):
    index = _dims({"id": "arbeit", "indicators": ["sgb2"]}, {"id": "Arbeit", "name": "X", "indicators": ["flaeche"]})
    assert found(tmp_path, [index]) == [_yml("indices[1].dimensions[2].id", "definition-duplicate")]


def test_duplicate_typology_ids_without_case(tmp_path):
    again = {**TYPOLOGY, "id": "Lage-Entwicklung"}
    assert found(tmp_path, [STATUS, DYNAMICS], [TYPOLOGY, again]) == [_yml("typologies[2].id", "definition-duplicate")]


@pytest.mark.parametrize("bad", ["index", "Methode", "mit leerzeichen", "../lage", "", 7])
def test_ids_must_be_safe(tmp_path, bad):
    assert found(tmp_path, [_index(id=bad)]) == [_yml("indices[1].id", "definition-id")]


# ---- methods and classes per index -----------------------------------------------------------


@pytest.mark.parametrize(
    "classes, field, code",
    [
        ({"labels": ["a", "b", "c"]}, "labels", "settings-labels-count"),  # 4 default cuts need 5
        ({"cuts": [1, -1], "labels": ["a", "b", "c"]}, "cuts", "settings-cuts-order"),
        ({"cuts": [-1, -1], "labels": ["a", "b", "c"]}, "cuts", "settings-cuts-order"),
        ({"labels": ["a", "b", "b", "c", "d"]}, "labels", "settings-labels-unique"),
        ({"cuts": [0], "labels": ["a", "b"], "boundary": ["oben", "unten"]}, "boundary", "settings-boundary"),
    ],
)
def test_a_class_scheme_that_does_not_fit(tmp_path, classes, field, code):
    index = _index(method={"classes": classes})
    assert found(tmp_path, [index]) == [_yml(f"indices[1].method.classes.{field}", code)]


def test_a_dynamics_index_checks_its_own_default_cuts(tmp_path):
    """Its default cuts are [−1, 1]: two labels do not fit them (three needed)."""
    dynamics = {**DYNAMICS, "method": {"classes": {"labels": ["schlechter", "besser"]}}}
    assert found(tmp_path, [STATUS, dynamics]) == [_yml("indices[2].method.classes.labels", "settings-labels-count")]


@pytest.mark.parametrize("key, value", [("min_denominator", 5), ("suppress_below", 5), ("base_year", 2020)])
def test_release_wide_settings_cannot_be_set_per_index(tmp_path, key, value):
    assert found(tmp_path, [_index(method={key: value})]) == [_yml(f"indices[1].method.{key}", "settings-release-wide")]


def test_method_keys_per_index_are_checked_like_the_release_wide_ones(tmp_path):
    index = _index(method={"standardise": "manchmal", "min_coverage": 2, "restandardise_indx": True})
    assert sorted(found(tmp_path, [index])) == sorted(
        [
            _yml("indices[1].method.standardise", "settings-type"),
            _yml("indices[1].method.min_coverage", "settings-range"),
            _yml("indices[1].method.restandardise_indx", "settings-unknown"),
        ]
    )


def test_unknown_key_in_a_definition(tmp_path):
    index = _index(dimension=[])  # typo for 'dimensions'
    assert found(tmp_path, [index]) == [_yml("indices[1].dimension", "settings-unknown")]


def test_indices_must_be_a_list(tmp_path):
    assert found(tmp_path, [], change=lambda spec: spec["settings"].update(indices={"id": "lage"})) == [
        _yml("indices", "settings-type")
    ]


# ---- kind, period, basis ------------------------------------------------------------------------


def test_basis_pointing_at_a_dynamics_index(tmp_path):
    further = {**DYNAMICS, "id": "weiter", "basis": "entwicklung"}
    assert found(tmp_path, [STATUS, DYNAMICS, further]) == [_yml("indices[3].basis", "definition-basis-unknown")]


@pytest.mark.parametrize("basis", ["gibtsnicht", "entwicklung"])  # unknown, or itself
def test_basis_must_be_an_earlier_status_index(tmp_path, basis):
    assert found(tmp_path, [STATUS, {**DYNAMICS, "basis": basis}]) == [
        _yml("indices[2].basis", "definition-basis-unknown")
    ]


def test_basis_defined_below_is_unknown(tmp_path):
    assert found(tmp_path, [DYNAMICS, STATUS]) == [_yml("indices[1].basis", "definition-basis-unknown")]


def test_basis_needs_dynamics_with_a_period(tmp_path):
    no_period = {k: v for k, v in DYNAMICS.items() if k != "period"}
    status = {**DYNAMICS, "kind": "status"}
    assert found(tmp_path, [STATUS, no_period]) == [_yml("indices[2].basis", "definition-basis")]
    assert _yml("indices[2].basis", "definition-basis") in found(tmp_path, [STATUS, status])


def test_period_only_for_a_dynamics_index(tmp_path):
    assert found(tmp_path, [_index(period=2)]) == [_yml("indices[1].period", "definition-period-status")]


@pytest.mark.parametrize("period", [0, -2, 1.5, "zwei", True])
def test_period_is_a_whole_number_of_years(tmp_path, period):
    assert found(tmp_path, [STATUS, {**DYNAMICS, "period": period}]) == [_yml("indices[2].period", "settings-range")]


def test_kind_is_status_or_dynamics(tmp_path):
    assert found(tmp_path, [_index(kind="trend")]) == [_yml("indices[1].kind", "settings-type")]


# ---- typologies ------------------------------------------------------------------------------------


def test_typology_naming_an_unknown_index(tmp_path):
    typo = {**TYPOLOGY, "indices": ["lage", "entwickelung"]}
    assert found(tmp_path, [STATUS, DYNAMICS], [typo]) == [_yml("typologies[1].indices", "typology-unknown-index")]


@pytest.mark.parametrize("pair", [["lage"], ["lage", "lage"], ["lage", "entwicklung", "lage"], "lage"])
def test_typology_crosses_exactly_two_indices(tmp_path, pair):
    typo = {**TYPOLOGY, "indices": pair}
    assert found(tmp_path, [STATUS, DYNAMICS], [typo]) == [_yml("typologies[1].indices", "typology-indices")]


def test_attention_naming_an_unknown_class_or_index(tmp_path):
    typo = {
        **TYPOLOGY,
        "attention": [
            {"lage": ["sehr niedrig", "sehr schlecht"]},
            {"lage": ["mittel"], "entwicklung": ["negativ"], "status": ["niedrig"]},
        ],
    }
    assert found(tmp_path, [STATUS, DYNAMICS], [typo]) == [
        _yml("typologies[1].attention[1].lage", "typology-unknown-class"),
        _yml("typologies[1].attention[2].status", "typology-unknown-index"),
    ]


def test_attention_classes_of_the_dynamics_index_are_its_own(tmp_path):
    """'niedrig' is a class of lage, not of entwicklung (negativ, stabil, positiv)."""
    typo = {**TYPOLOGY, "attention": [{"entwicklung": ["niedrig"]}]}
    assert found(tmp_path, [STATUS, DYNAMICS], [typo]) == [
        _yml("typologies[1].attention[1].entwicklung", "typology-unknown-class")
    ]


@pytest.mark.parametrize("label", ["Lage {lage}", "{entwicklung}", "Typ", "{lage} {Entwicklung}"])
def test_label_template_needs_both_placeholders(tmp_path, label):
    typo = {**TYPOLOGY, "label": label}
    assert found(tmp_path, [STATUS, DYNAMICS], [typo]) == [_yml("typologies[1].label", "typology-label")]


def test_label_template_with_both_placeholders(tmp_path):
    typo = {**TYPOLOGY, "label": "{entwicklung} bei Lage {lage}"}
    release, problems = pipeline.open_release(_path(tmp_path, [STATUS, DYNAMICS], [typo]))
    assert problems == []
    assert release.typologies[0].type_label("niedrig", "positiv") == "positiv bei Lage niedrig"


# ---- directions: only what an index judges needs one ----------------------------------------------


def test_a_context_indicator_needs_no_direction_a_member_does(tmp_path):
    """flaeche (row 3) is in no index here, though the catalogue gives it a dimension: it
    is a context indicator and needs no richtung. kinder (row 4) has no dimension in the
    catalogue but is a member of the second index: it needs one."""
    lage = _dims({"id": "arbeit", "indicators": ["sgb2"]})
    kinder = {"id": "kinder", "name": "Kinder", "dimensions": [{"id": "wohnen", "indicators": ["kinder"]}]}

    def no_direction(spec):
        spec["indicators"][1]["richtung"] = ""
        spec["indicators"][2]["richtung"] = ""

    assert found(tmp_path, [lage, kinder], change=no_direction) == [
        ("indikatoren.csv", 4, "richtung", "direction-missing")
    ]
    assert found(tmp_path / "ohne", [lage], change=no_direction) == []


def test_a_member_of_a_dynamics_index_only_needs_a_direction(tmp_path):
    dynamics = {
        "id": "entwicklung",
        "name": "Entwicklung",
        "kind": "dynamics",
        "period": 1,
        "dimensions": [{"id": "wohnen", "indicators": ["kinder"]}],
    }

    def no_direction(spec):
        spec["indicators"][2]["richtung"] = ""

    assert found(tmp_path, [STATUS, dynamics], change=no_direction) == [
        ("indikatoren.csv", 4, "richtung", "direction-missing")
    ]


# ---- found while writing these tests (see the report) ---------------------------------------------


def test_basis_given_as_a_list_is_a_problem_not_a_crash(tmp_path):
    """`basis: [lage]` (a list, a plausible slip) makes definitions._index test
    `basis not in earlier` on a dict: TypeError (unhashable type: 'list'), so `sozmon
    check` crashes instead of naming the place."""
    problems = found(tmp_path, [STATUS, {**DYNAMICS, "basis": ["lage"]}])
    assert [p[:3] for p in problems] == [("sozmon.yml", None, "indices[2].basis")]


def test_typology_indices_nested_is_a_problem_not_a_crash(tmp_path):
    """`indices: [[lage], entwicklung]` makes definitions._typologies test `p not in
    indices` on a dict: TypeError (unhashable type: 'list')."""
    typo = {**TYPOLOGY, "indices": [["lage"], "entwicklung"]}
    problems = found(tmp_path, [STATUS, DYNAMICS], [typo])
    assert [p[:3] for p in problems] == [("sozmon.yml", None, "typologies[1].indices")]
