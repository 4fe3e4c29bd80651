"""One definition of a counted attempt, its percent and the latest one, shared by the
student's pages and the gradebook (quiz.store.scoring)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quiz.domain.attempts import Kind, Mode
from quiz.store import gradebook, student
from quiz.store.db import db
from quiz.store.models import Attempt

T0 = datetime(2026, 4, 6, 10, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=3)


@pytest.fixture
def add(app, create_user):
    """add(score, ...) stores an attempt of ann's at the fixture bank; returns its id."""
    user_id = create_user("ann")

    def make(
        score: float, *, kind=Kind.TOPIC, mode=Mode.PRACTICE, ended=T0, finished=True, deadline=None
    ):
        with app.app_context():
            attempt = Attempt(
                user_id=user_id,
                kind=kind,
                mode=mode,
                bank_id="fixture",
                layout=[],
                max_score=4,
                score=score,
                started_at=T0 - timedelta(hours=1),
                finished_at=ended if finished else None,
                deadline_at=deadline,
            )
            db.session.add(attempt)
            db.session.commit()
            return attempt.id

    make.user_id = user_id
    return make


def _cells(app, user_id):
    with app.app_context():
        mine = student.bank_stats(user_id, NOW)
        [row] = gradebook.gradebook(NOW)
        return mine, row.banks


def test_only_closed_whole_bank_attempts_count(app, add):
    add(4.0)  # finished practice
    add(2.0, mode=Mode.EXAM)  # finished exam
    add(3.0, finished=False)  # still open
    add(1.0, kind=Kind.RETRY)  # a retry covers a few questions only
    mine, _ = _cells(app, add.user_id)
    cell = mine["fixture"]
    assert (cell.attempts, cell.best, cell.mean) == (2, 100.0, 75.0)


def test_an_exam_whose_time_ran_out_counts_at_its_deadline(app, add):
    add(1.0, finished=False, deadline=T0 + timedelta(minutes=5))
    mine, _ = _cells(app, add.user_id)
    assert (mine["fixture"].attempts, mine["fixture"].latest) == (1, 25.0)


def test_latest_is_the_attempt_that_ended_last_and_the_later_one_on_a_tie(app, add):
    add(4.0, ended=T0 + timedelta(hours=2))
    add(1.0, ended=T0 + timedelta(hours=5))
    add(2.0, ended=T0 + timedelta(hours=5))  # same moment, later attempt
    mine, _ = _cells(app, add.user_id)
    assert mine["fixture"].latest == 50.0


def test_the_student_page_and_the_gradebook_agree(app, add):
    for n, score in enumerate([3.0, 1.0, 4.0, 2.0]):
        add(score, ended=T0 + timedelta(hours=n), mode=Mode.EXAM if n % 2 else Mode.PRACTICE)
    add(2.0, finished=False, deadline=T0 + timedelta(hours=9))
    mine, theirs = _cells(app, add.user_id)
    assert mine == theirs
    assert (mine["fixture"].attempts, mine["fixture"].latest) == (5, 50.0)
