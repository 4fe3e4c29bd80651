"""The study use cases: Practise resumes, discarding, exam answers outside the schedule,
daily limits of new questions and reviews, interval previews, flashcards, appeals."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from quiz.domain.appeals import Status
from quiz.domain.attempts import Kind, Mode, Plan
from quiz.domain.questions import type_of
from quiz.domain.scheduling import Rating
from quiz.domain.study import Limits
from quiz.store import answers, appeals, attempts, reviews, sessions, settings, study
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import Attempt, ReviewCard, ReviewLog

T0 = datetime(2026, 4, 6, 10, 0, tzinfo=UTC)


@pytest.fixture
def ctx(app, create_user):
    user_id = create_user("ann")
    staff = create_user("ines", role="instructor")
    with app.app_context():
        yield user_id, current_catalog().banks["fixture"], staff
        db.session.remove()


def _answer(attempt: Attempt, position: int, right: bool = True, when=T0, **extra):
    entry = attempt.entries[position - 1]
    q = current_catalog().questions[entry.question_id]
    answer = type_of(q).example_answer(q, right, random.Random(0))
    return answers.submit_answer(attempt, position, q, answer, when, **extra)


def test_practise_resumes_the_open_attempt_of_that_topic(ctx):
    user_id, bank, _ = ctx
    first, resumed = sessions.practise(user_id, bank.id, bank.questions, T0)
    assert not resumed
    again, resumed = sessions.practise(user_id, bank.id, bank.questions, T0 + timedelta(hours=1))
    assert resumed and again.id == first.id
    attempts.finish(first, T0 + timedelta(hours=2))
    third, resumed = sessions.practise(user_id, bank.id, bank.questions, T0 + timedelta(hours=3))
    assert not resumed and third.id != first.id


def test_a_discarded_attempt_is_hidden_takes_no_answers_and_never_counts(ctx):
    user_id, bank, _ = ctx
    attempt, _ = sessions.practise(user_id, bank.id, bank.questions, T0)
    _answer(attempt, 1)
    assert sessions.discard(attempt, T0)
    assert attempts.get_own(user_id, attempt.id) is None
    assert attempts.open_attempts(user_id, T0) == []
    assert attempts.attempts_of(user_id) == []
    assert [a.id for a in attempts.attempts_of(user_id, with_discarded=True)] == [attempt.id]
    assert _answer(attempt, 2).refused
    assert not sessions.discard(attempt, T0)  # once
    fresh, resumed = sessions.practise(user_id, bank.id, bank.questions, T0)
    assert not resumed and fresh.id != attempt.id


def test_an_exam_cannot_be_discarded_and_its_answers_do_not_feed_the_schedule(ctx):
    user_id, bank, _ = ctx
    exam = attempts.start(user_id, bank.questions, Plan(Kind.TOPIC, Mode.EXAM, bank_id=bank.id), T0)
    assert _answer(exam, 1).stored
    assert db.session.scalar(select(func.count()).select_from(ReviewCard)) == 0
    assert db.session.scalar(select(func.count()).select_from(ReviewLog)) == 0
    assert not sessions.discard(exam, T0)


def test_new_questions_beyond_the_daily_limit_wait_for_the_next_day(ctx):
    user_id, bank, _ = ctx
    settings.save_limits(user_id, Limits(new_per_day=3, reviews_per_day=50), T0)
    attempt, _ = sessions.practise(user_id, bank.id, bank.questions, T0)
    for position in range(1, 8):
        _answer(attempt, position)
    cards = db.session.execute(select(ReviewCard).order_by(ReviewCard.id)).scalars().all()
    days = [c.introduced_on for c in cards]
    assert days == [date(2026, 4, 6)] * 3 + [date(2026, 4, 7)] * 3 + [date(2026, 4, 8)]
    due_today = [c for c in cards if c.due.replace(tzinfo=UTC) < datetime(2026, 4, 7, tzinfo=UTC)]
    assert len(due_today) == 3  # one topic does not make all its questions due today
    assert min(c.due.replace(tzinfo=UTC) for c in cards[3:6]) == datetime(2026, 4, 7, tzinfo=UTC)


def test_previews_say_what_each_rating_would_give_and_rating_applies_it(ctx):
    user_id, bank, _ = ctx
    attempt, _ = sessions.practise(user_id, bank.id, bank.questions, T0)
    response = _answer(attempt, 1).response
    shown = reviews.interval_previews(response)
    assert shown["again"] == timedelta(minutes=1)
    assert shown["good"] == timedelta(minutes=10)
    assert shown["easy"] >= timedelta(days=1)
    assert reviews.rate(response, Rating.Easy)
    card = db.session.execute(select(ReviewCard)).scalar_one()
    assert card.due.replace(tzinfo=UTC) - T0 == shown["easy"]
    assert reviews.interval_previews(response) == shown  # re-rating starts from the same card


def test_a_flashcard_rating_is_the_score_and_goes_to_the_schedule_as_chosen(ctx):
    user_id, bank, _ = ctx
    plan = Plan(Kind.MIXED, Mode.FLASHCARDS, bank_id=bank.id)
    cards = attempts.start(user_id, bank.questions, plan, T0)
    recalled = _answer(cards, 1, self_rated=Rating.Easy).response
    forgot = _answer(cards, 2, self_rated=Rating.Again).response
    assert (recalled.score, recalled.correct, forgot.score, forgot.correct) == (1, True, 0, False)
    assert recalled.answer_text == "Rated Easy (flashcard)"
    logs = db.session.execute(select(ReviewLog).order_by(ReviewLog.id)).scalars().all()
    assert [(log.rating, log.chosen) for log in logs] == [(4, True), (1, True)]


def test_only_review_session_answers_count_against_the_daily_review_limit(ctx):
    user_id, bank, _ = ctx
    practice, _ = sessions.practise(user_id, bank.id, bank.questions, T0)
    _answer(practice, 1)
    review = attempts.start(user_id, bank.questions[:2], Plan(Kind.REVIEW), T0)
    _answer(review, 1)
    assert study.reviewed_today(user_id, T0 + timedelta(hours=1)) == 1
    assert study.reviewed_today(user_id, T0 + timedelta(days=1)) == 0
    settings.save_limits(user_id, Limits(10, 1), T0)
    assert study.allowance(user_id, T0)[2] == 0


def test_weak_questions_come_from_wrong_answers_and_low_recall(ctx):
    user_id, bank, _ = ctx
    attempt, _ = sessions.practise(user_id, bank.id, bank.questions, T0)
    _answer(attempt, 1, right=False)
    _answer(attempt, 2, right=True)
    known = sessions.memory(user_id, T0 + timedelta(minutes=1))
    first, second = (attempt.entries[n].question_id for n in (0, 1))
    assert known[first].last_correct is False and known[second].last_correct is True
    assert 0 < known[second].recall <= 1


def test_accepting_an_appeal_gives_full_marks_and_records_who_when_why(ctx):
    user_id, bank, staff = ctx
    attempt, _ = sessions.practise(user_id, bank.id, bank.questions, T0)
    response = _answer(attempt, 1, right=False).response
    assert appeals.make(response, "My spelling was right", T0)
    assert not appeals.make(response, "again", T0)
    appeal = appeals.for_response(response.id)
    later = T0 + timedelta(hours=2)
    assert appeals.decide(appeal, True, staff, "Fair: the guide allows it", later)
    assert not appeals.decide(appeal, False, staff, "changed my mind", later)
    db.session.expire_all()
    stored = appeals.for_response(response.id)
    assert (stored.status, stored.score_before, stored.score_after) == (Status.ACCEPTED, 0.0, 1.0)
    assert (stored.decided_by, stored.reply) == (staff, "Fair: the guide allows it")
    assert stored.decided_at.replace(tzinfo=UTC) == later
    assert db.session.get(Attempt, attempt.id).score == 1.0
    assert appeals.queue()[0].decided_by == "ines"


def test_declining_an_appeal_changes_no_score(ctx):
    user_id, bank, staff = ctx
    attempt, _ = sessions.practise(user_id, bank.id, bank.questions, T0)
    response = _answer(attempt, 1, right=False).response
    appeals.make(response, "Please", T0)
    assert appeals.open_count() == 1
    assert appeals.decide(appeals.for_response(response.id), False, staff, "The key stands", T0)
    db.session.expire_all()
    assert db.session.get(Attempt, attempt.id).score == 0.0
    assert appeals.for_response(response.id).status is Status.DECLINED
    assert appeals.open_count() == 0
