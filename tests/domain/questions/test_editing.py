"""Authoring forms: every question's bank mapping survives the form unchanged, blank rows
are left out, and each checker message finds the form field it is about."""

from __future__ import annotations

import pytest

from quiz import ROOT
from quiz.domain.banks import parse_bank_file
from quiz.domain.questions import TYPES
from quiz.domain.questions.editing import (
    common_values,
    form_name,
    question_content,
    to_content,
    to_values,
)
from tests.support import FIXTURES

SHIPPED = [
    q
    for path in [*sorted((ROOT / "questions").glob("*.yaml")), FIXTURES / "all_types.yaml"]
    for q in parse_bank_file(path)["questions"]
]


@pytest.mark.parametrize("content", SHIPPED, ids=[q["id"] for q in SHIPPED])
def test_a_question_round_trips_through_its_authoring_form(content):
    editor = TYPES[content["type"]].editor()
    rebuilt, _ = question_content(
        content["type"], editor, common_values(content), to_values(editor, content)
    )
    assert rebuilt == content


def test_blank_rows_are_left_out_and_kept_rows_remember_their_place():
    editor = TYPES["single"].editor()
    rows = [{}, {"text": "First", "correct": True}, {}, {"text": "Second", "feedback": "No."}]
    content, kept = to_content(editor, {"options": rows})
    assert [o["text"] for o in content["options"]] == ["First", "Second"]
    assert kept == {"options": [1, 3]}
    assert [o["id"] for o in content["options"]] == ["option-2", "option-4"]  # new rows get ids


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("prompt", "prompt"),
        ("source.quote", "source-quote"),
        ("answer.tolerance", "answer-tolerance"),
        ("options", "options"),
        ("options[1].feedback", "options-3-feedback"),  # the second kept row is form row 3
        ("options[0].source.quote", "options-1-source_quote"),
        ("accepted", "accepted"),
    ],
)
def test_each_checker_message_names_its_form_field(path, name):
    assert form_name(path, {"options": [1, 3]}) == name


def test_a_number_field_keeps_what_was_typed_when_it_is_not_a_number():
    editor = TYPES["numeric"].editor()
    content, _ = to_content(editor, {"answer": {"value": "about three"}, "unit": "hours"})
    assert content["answer"] == {"value": "about three"}  # the checker then says "must be a number"
