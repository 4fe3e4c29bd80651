"""The attempt use cases of the store: start, submit an answer, finish (one transaction each)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from quiz.domain.attempts import Kind, Mode, Plan
from quiz.domain.questions import type_of
from quiz.store import answers, attempts
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import Attempt, Response, ReviewLog

T0 = datetime(2026, 4, 6, 10, 0, tzinfo=UTC)


@pytest.fixture
def ctx(app, create_user):
    user_id = create_user("ann")
    with app.app_context():
        yield user_id, current_catalog().banks["fixture"]
        db.session.remove()


def _start(user_id, bank, when=T0, **plan) -> Attempt:
    return attempts.start(
        user_id, bank.questions, Plan(Kind.TOPIC, bank_id=bank.id, **plan), when, random.Random(1)
    )


def _right(attempt: Attempt, position: int):
    entry = attempt.entries[position - 1]
    q = current_catalog().questions[entry.question_id]
    return q, type_of(q).example_answer(q, True, random.Random(0))


def test_a_new_attempt_stores_its_layout_deadline_and_a_zero_score(ctx):
    user_id, bank = ctx
    attempt = _start(user_id, bank, mode=Mode.EXAM, time_limit_s=300)
    stored = db.session.get(Attempt, attempt.id)
    assert [e.question_id for e in stored.entries] != [] and stored.size == len(bank.questions)
    assert stored.deadline_at.replace(tzinfo=UTC) == T0 + timedelta(minutes=5)
    assert (stored.score, stored.max_score, stored.finished_at) == (0.0, 7, None)


def test_an_answer_adds_its_score_to_the_attempt_and_logs_its_review(ctx):
    user_id, bank = ctx
    attempt = _start(user_id, bank)
    q, answer = _right(attempt, 1)
    submission = answers.submit_answer(attempt, 1, q, answer, T0)
    assert submission.stored and not submission.refused
    assert db.session.get(Attempt, attempt.id).score == 1.0
    assert db.session.scalar(select(func.count()).select_from(ReviewLog)) == 1


def test_a_repeated_answer_returns_the_first_and_changes_nothing(ctx):
    user_id, bank = ctx
    attempt = _start(user_id, bank)
    q, answer = _right(attempt, 1)
    first = answers.submit_answer(attempt, 1, q, answer, T0)
    again = answers.submit_answer(attempt, 1, q, "something else", T0 + timedelta(seconds=3))
    assert (again.stored, again.refused, again.response.id) == (False, False, first.response.id)
    assert db.session.get(Attempt, attempt.id).score == 1.0


def test_the_last_answer_finishes_the_attempt(ctx):
    user_id, bank = ctx
    attempt = _start(user_id, bank)
    for position in range(1, attempt.size + 1):
        q, answer = _right(attempt, position)
        answers.submit_answer(attempt, position, q, answer, T0 + timedelta(minutes=position))
    stored = db.session.get(Attempt, attempt.id)
    assert stored.finished_at.replace(tzinfo=UTC) == T0 + timedelta(minutes=7)
    assert stored.score == 7.0


def test_an_answer_to_a_finished_attempt_is_refused_and_stores_nothing(ctx):
    user_id, bank = ctx
    attempt = _start(user_id, bank)
    attempts.finish(attempt, T0)
    q, answer = _right(attempt, 1)
    assert answers.submit_answer(attempt, 1, q, answer, T0).refused
    assert db.session.scalar(select(func.count()).select_from(Response)) == 0
    assert db.session.get(Attempt, attempt.id).score == 0.0


def test_an_answer_after_the_deadline_is_refused_and_stores_nothing(ctx):
    user_id, bank = ctx
    attempt = _start(user_id, bank, mode=Mode.EXAM, time_limit_s=60)
    q, answer = _right(attempt, 1)
    assert answers.submit_answer(attempt, 1, q, answer, T0 + timedelta(seconds=61)).refused
    assert db.session.scalar(select(func.count()).select_from(Response)) == 0


def test_finishing_after_the_deadline_records_the_deadline(ctx):
    user_id, bank = ctx
    attempt = _start(user_id, bank, mode=Mode.EXAM, time_limit_s=60)
    attempts.finish(attempt, T0 + timedelta(hours=2))
    finished = db.session.get(Attempt, attempt.id).finished_at
    assert finished.replace(tzinfo=UTC) == T0 + timedelta(seconds=60)


def test_finishing_twice_keeps_the_first_end(ctx):
    user_id, bank = ctx
    attempt = _start(user_id, bank)
    attempts.finish(attempt, T0 + timedelta(minutes=1))
    attempts.finish(attempt, T0 + timedelta(minutes=9))
    assert db.session.get(Attempt, attempt.id).finished_at.replace(tzinfo=UTC) == T0 + timedelta(
        minutes=1
    )


def test_open_attempts_leave_out_finished_and_timed_out_ones(ctx):
    user_id, bank = ctx
    open_one = _start(user_id, bank)
    done = _start(user_id, bank, when=T0 + timedelta(seconds=30))  # not a double click
    attempts.finish(done, T0 + timedelta(minutes=1))
    timed = _start(user_id, bank, mode=Mode.EXAM, time_limit_s=60)
    later = T0 + timedelta(minutes=5)
    assert [a.id for a in attempts.open_attempts(user_id, later)] == [open_one.id]
    assert timed.id in [a.id for a in attempts.open_attempts(user_id, T0)]


def test_someone_elses_attempt_is_not_found_as_ones_own(ctx):
    user_id, bank = ctx
    attempt = _start(user_id, bank)
    assert attempts.get_own(user_id, attempt.id).id == attempt.id
    assert attempts.get_own(user_id + 1, attempt.id) is None
