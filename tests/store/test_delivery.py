"""Saving an exam's answers (quiz.store.delivery): stored, replaced or cleared with the
running score kept right, flags, the end at the deadline, refused once ended."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from quiz.domain.attempts import Kind, Mode, Plan
from quiz.domain.questions import type_of
from quiz.store import attempts, delivery
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import Attempt, Response, ReviewLog

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def exam(app, create_user):
    user_id = create_user("ann")
    with app.app_context():
        bank = current_catalog().banks["fixture"]
        plan = Plan(Kind.TOPIC, Mode.EXAM, bank_id=bank.id, time_limit_s=600)
        yield attempts.start(user_id, bank.questions, plan, T0, random.Random(1))
        db.session.remove()


def edit(attempt: Attempt, position: int, right: bool | None = True, **extra) -> delivery.Edit:
    entry = attempt.entries[position - 1]
    q = current_catalog().questions[entry.question_id]
    answer = None if right is None else type_of(q).example_answer(q, right, random.Random(0))
    return delivery.Edit(entry.question_id, position, q, answer, **extra)


def stored(attempt_id: int) -> list[Response]:
    db.session.expire_all()
    query = select(Response).where(Response.attempt_id == attempt_id)
    return list(db.session.execute(query).scalars())


def reloaded(attempt_id: int) -> Attempt:
    db.session.expire_all()
    found = db.session.get(Attempt, attempt_id)
    assert found is not None
    return found


def test_an_answer_is_stored_and_scored_without_feeding_review(exam):
    saved = delivery.save(exam, edit(exam, 1), T0)
    assert not saved.refused and saved.changed
    (response,) = stored(exam.id)
    assert response.score == 1.0
    assert (reloaded(exam.id).score, reloaded(exam.id).answered) == (1.0, 1)
    assert db.session.execute(select(ReviewLog)).first() is None


def test_the_same_answer_again_changes_nothing(exam):
    delivery.save(exam, edit(exam, 1), T0)
    again = delivery.save(reloaded(exam.id), edit(exam, 1), T0 + timedelta(seconds=5))
    assert not again.refused and not again.changed
    assert reloaded(exam.id).answered == 1


def test_a_changed_answer_replaces_the_stored_one_and_its_score(exam):
    delivery.save(exam, edit(exam, 1, right=True), T0)
    delivery.save(reloaded(exam.id), edit(exam, 1, right=False), T0)
    (response,) = stored(exam.id)
    attempt = reloaded(exam.id)
    assert attempt.score == pytest.approx(response.score) and response.score < 1
    assert attempt.answered == 1


def test_a_cleared_answer_is_taken_back(exam):
    delivery.save(exam, edit(exam, 1), T0)
    delivery.save(reloaded(exam.id), edit(exam, 1, right=None), T0)
    assert stored(exam.id) == []
    assert (reloaded(exam.id).score, reloaded(exam.id).answered) == (0.0, 0)


def test_the_last_answer_does_not_end_an_exam(exam):
    for position in range(1, exam.size + 1):
        delivery.save(reloaded(exam.id), edit(exam, position), T0)
    attempt = reloaded(exam.id)
    assert attempt.answered == attempt.size and attempt.finished_at is None


def test_flags_are_set_and_cleared(exam):
    delivery.save(exam, edit(exam, 3, right=None, flag=True), T0)
    delivery.save(reloaded(exam.id), edit(exam, 1, right=None, flag=True), T0)
    assert reloaded(exam.id).flagged == [1, 3]
    delivery.save(reloaded(exam.id), edit(exam, 3, right=None, flag=False), T0)
    assert delivery.flagged_positions(reloaded(exam.id)) == {1}


def test_a_save_with_the_time_up_ends_the_exam_then(exam):
    deadline = T0 + timedelta(minutes=10)
    delivery.save(exam, edit(exam, 1, close_at=deadline), deadline - timedelta(seconds=2))
    attempt = reloaded(exam.id)
    assert attempt.finished_at.replace(tzinfo=UTC) == deadline
    assert len(stored(exam.id)) == 1


@pytest.mark.parametrize("late", [timedelta(minutes=10, seconds=1), timedelta(hours=1)])
def test_a_save_after_the_deadline_is_refused(exam, late):
    assert delivery.save(exam, edit(exam, 1), T0 + late).refused
    assert stored(exam.id) == []


def test_a_save_after_submit_all_is_refused(exam):
    attempts.finish(exam, T0 + timedelta(minutes=1))
    assert delivery.save(reloaded(exam.id), edit(exam, 1), T0 + timedelta(minutes=2)).refused
    assert stored(exam.id) == []
    assert reloaded(exam.id).score == 0


def test_a_question_removed_from_its_bank_keeps_its_stored_answer(exam):
    delivery.save(exam, edit(exam, 1), T0)
    entry = exam.entries[0]
    gone = delivery.Edit(entry.question_id, 1, None, None)
    assert not delivery.save(reloaded(exam.id), gone, T0).changed
    assert len(stored(exam.id)) == 1


def test_holds_answer_compares_as_stored(exam):
    one = edit(exam, 1)
    delivery.save(exam, one, T0)
    assert delivery.holds_answer(exam.id, one.question_id, one.answer)
    assert not delivery.holds_answer(exam.id, one.question_id, "something else")
