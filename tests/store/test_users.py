"""The logged-in user as pages read them: one statement, read-only, with the exam hold."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime, timedelta

import pytest

from quiz.domain.attempts import Kind, Mode, Plan
from quiz.store import attempts, users
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import User

T0 = datetime(2026, 4, 6, 10, 0, tzinfo=UTC)


@pytest.fixture
def ann(app, create_user):
    user_id = create_user("ann")
    with app.app_context():
        yield user_id
        db.session.remove()


def test_the_session_user_carries_what_pages_read_and_the_same_session_id(ann):
    stored = db.session.get(User, ann)
    stored.timezone = "Europe/Paris"
    db.session.commit()
    found = users.session_user(ann, T0)
    assert found is not None
    user, exam_open = found
    assert (user.id, user.username, user.role, user.timezone) == (
        ann,
        "ann",
        "student",
        "Europe/Paris",
    )
    assert user.get_id() == stored.get_id() and not user.is_instructor and not exam_open
    assert user.is_authenticated and user.is_active and not user.is_anonymous


def test_the_session_user_cannot_be_written_through(ann):
    user, _ = users.session_user(ann, T0) or pytest.fail("no user")
    with pytest.raises(dataclasses.FrozenInstanceError):
        user.role = "instructor"  # type: ignore[misc]


def test_a_new_session_version_shows_in_the_session_id(ann):
    before = users.session_user(ann, T0)
    users.end_sessions(ann)
    after = users.session_user(ann, T0)
    assert before is not None and after is not None
    assert (before[0].get_id(), after[0].get_id()) == (f"{ann}.0", f"{ann}.1")


def test_an_unknown_user_is_none(ann):
    assert users.session_user(ann + 1000, T0) is None


def test_an_open_timed_exam_is_reported_until_its_deadline(ann):
    bank = current_catalog().banks["fixture"]
    plan = Plan(Kind.TOPIC, bank_id=bank.id, mode=Mode.EXAM, time_limit_s=300)
    attempts.start(ann, bank.questions, plan, T0, random.Random(1))
    open_now = users.session_user(ann, T0 + timedelta(minutes=1))
    after_deadline = users.session_user(ann, T0 + timedelta(minutes=6))
    assert open_now is not None and open_now[1]
    assert after_deadline is not None and not after_deadline[1]
