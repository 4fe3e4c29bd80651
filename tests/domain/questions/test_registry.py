"""The registry of question types: complete, checked at start-up, and every type whole."""

from __future__ import annotations

import random
from typing import Any, Literal

import pytest

from quiz import ROOT
from quiz.domain.grading import grade
from quiz.domain.layout import LayoutEntry
from quiz.domain.questions import (
    TYPES,
    Question,
    QuestionType,
    RegistryError,
    check_registry,
    type_of,
)
from quiz.domain.questions.base import QuestionSpec
from quiz.domain.questions.true_false import TrueFalseType
from quiz.web import check_answer_partials
from tests.support import load_questions


@pytest.fixture(scope="module")
def qs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Question]:
    return load_questions(tmp_path_factory.mktemp("fixture") / "questions")


def test_the_seven_types_are_registered():
    assert sorted(TYPES) == sorted(
        ["single", "multiple", "true_false", "matching", "short_answer", "numeric", "ordering"]
    )


def test_the_shipped_registry_passes_its_own_check():
    check_registry()  # raises on a problem
    check_answer_partials(ROOT / "templates")


def test_a_type_missing_a_part_cannot_even_be_made():
    """An incomplete type fails when its module is imported, not at the first answer."""

    class NoGrader(QuestionType[Question]):
        name = "no_grader"

        def build(self, spec: Any, common: dict[str, Any], checks: Any) -> None:
            return None

    with pytest.raises(TypeError, match="abstract") as failure:
        NoGrader()
    for part in (
        "grade",
        "describe_key",
        "describe_answer",
        "shuffle",
        "form",
        "read",
        "example_answer",
    ):
        assert part in str(failure.value)


def test_a_type_whose_spec_tag_disagrees_with_its_name_fails_the_check():
    class EssaySpec(QuestionSpec):
        type: Literal["essay"]

    class Mislabelled(TrueFalseType):
        name = "long_text"
        spec = EssaySpec

    with pytest.raises(RegistryError, match="long_text"):
        check_registry({"long_text": Mislabelled()})


def test_a_type_without_a_template_partial_fails_at_start_up(tmp_path):
    (tmp_path / "practice").mkdir()
    for name in ("choice", "text"):  # "selects" is missing
        (tmp_path / "practice" / f"_answer_{name}.html").write_text("", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"_answer_selects\.html"):
        check_answer_partials(tmp_path)


def test_every_question_knows_its_type(qs):
    assert {type_of(q).name for q in qs.values()} == set(TYPES)


@pytest.mark.parametrize("right", [True, False])
@pytest.mark.parametrize("seed", range(4))
def test_form_values_read_back_as_the_answer_they_came_from(qs, right, seed):
    """form_data and read are inverses, in any shown order, for every type."""
    rng = random.Random(seed)
    for q in qs.values():
        qtype = type_of(q)
        entry = qtype.shuffle(q, rng)
        answer = qtype.example_answer(q, right, rng)
        values: dict[str, Any] = qtype.form_data(q, entry, answer)
        assert {f.name for f in qtype.form(q, entry).fields} == set(values), q.type
        assert qtype.read(q, entry, values) == answer, q.type


def test_example_answers_grade_as_asked(qs):
    rng = random.Random(1)
    for q in qs.values():
        qtype = type_of(q)
        assert grade(q, qtype.example_answer(q, True, rng)).correct, q.id
        assert grade(q, qtype.example_answer(q, False, rng)).score == 0.0, q.id


def test_a_form_lists_the_controls_in_the_attempts_order(qs):
    q = qs["fx-single"]
    entry = LayoutEntry(q.id, q.version, ("glutamate", "gaba-a", "dopamine"))
    (field,) = type_of(q).form(q, entry).fields
    texts = {o.id: o.text for o in q.options}
    assert field.choices == tuple(
        (str(n), texts[i]) for n, i in enumerate(["glutamate", "gaba-a", "dopamine"])
    )  # the values are places in this order, never the options' ids
    assert (field.name, field.kind) == ("answer", "radio")
