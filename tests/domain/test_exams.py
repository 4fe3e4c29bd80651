"""What an open exam forbids (quiz.domain.exams), without an app."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.domain.attempts import Mode
from quiz.domain.exams import OpenExam, allowed_questions, feeds_review, held_message, holding_exam


@dataclass(frozen=True)
class Q:
    id: str
    bank: str


EXAM = OpenExam(attempt_id=7, bank_id="dosing", question_ids=frozenset({"d1", "d2"}))


def test_only_practice_answers_feed_spaced_review():
    assert feeds_review(Mode.PRACTICE)
    assert not feeds_review(Mode.EXAM)


def test_an_exam_holds_its_questions_and_its_bank_but_not_itself():
    assert holding_exam([EXAM], "d1", "dosing") == EXAM
    assert holding_exam([EXAM], "d9", "dosing") == EXAM  # added to the bank since: held too
    assert holding_exam([EXAM], "d1", None) == EXAM  # removed from its bank: held by id
    assert holding_exam([EXAM], "u1", "uses") is None
    assert holding_exam([EXAM], "d1", "dosing", attempt_id=7) is None  # the exam itself


def test_a_new_attempt_keeps_only_the_questions_no_exam_holds():
    allowed = allowed_questions([EXAM], [Q("d1", "dosing"), Q("u1", "uses"), Q("d3", "dosing")])
    assert [q.id for q in allowed.questions] == ["u1"]
    assert allowed.held_by == [EXAM]
    assert allowed_questions([], [Q("d1", "dosing")]).held_by == []


def test_the_message_names_the_topics_and_what_to_do():
    message = held_message(["Dosing", "Uses"])
    assert "“Dosing” and “Uses”" in message
    assert "finish" in message
