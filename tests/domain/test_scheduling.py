"""Spaced review scheduling with a fixed clock (quiz.scheduling, no Flask)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from quiz.domain.scheduling import (
    CardState,
    Rating,
    default_rating,
    due_counts,
    forecast,
    is_due,
    mastery,
    review,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_wrong_answer_is_due_again_within_the_learning_step():
    card = review(None, Rating.Again, T0)
    assert T0 < card.due <= T0 + timedelta(minutes=10)
    assert not is_due(card, T0)
    assert is_due(card, T0 + timedelta(minutes=10))


def test_a_run_of_good_ratings_gives_growing_intervals():
    card, now, intervals = None, T0, []
    for _ in range(6):
        card = review(card, Rating.Good, now)
        intervals.append(card.due - now)
        now = card.due  # review exactly when due
    long_ones = intervals[1:]  # the first Good may still be a learning step
    assert all(later > earlier for earlier, later in itertools.pairwise(long_ones)), intervals
    assert intervals[-1] >= timedelta(days=7)


def test_easy_schedules_later_than_good_and_good_later_than_hard():
    first = review(None, Rating.Good, T0)
    now = first.due
    due = {r: review(first, r, now).due for r in (Rating.Hard, Rating.Good, Rating.Easy)}
    assert due[Rating.Hard] < due[Rating.Good] < due[Rating.Easy]


def test_scheduling_is_reproducible_for_the_same_inputs():
    assert review(None, Rating.Good, T0) == review(None, Rating.Good, T0)


def test_review_counts_and_round_trips_through_a_dict():
    card = review(review(None, Rating.Good, T0), Rating.Good, T0 + timedelta(days=1))
    assert card.reviews == 2
    assert CardState.from_dict(card.to_dict()) == card


def test_naive_datetimes_from_sqlite_are_read_as_utc():
    naive = T0.replace(tzinfo=None)
    assert review(None, Rating.Again, naive) == review(None, Rating.Again, T0)


def test_default_rating_comes_from_the_grade():
    assert default_rating(1.0, True) == Rating.Good
    assert default_rating(0.0, False) == Rating.Again
    assert default_rating(0.67, False) == Rating.Hard
    assert default_rating(0.3, False) == Rating.Again


def test_due_counts_split_now_and_rest_of_today():
    dues = [T0 - timedelta(days=1), T0, T0 + timedelta(hours=3), T0 + timedelta(days=1)]
    counts = due_counts(dues, T0)
    assert (counts.now, counts.today) == (2, 3)


def test_forecast_counts_each_of_the_next_seven_days_with_overdue_today():
    dues = [
        T0 - timedelta(days=3),
        T0 + timedelta(hours=1),
        T0 + timedelta(days=2),
        T0 + timedelta(days=9),
    ]
    week = forecast(dues, T0)
    assert len(week) == 7
    assert week[0] == (T0.date(), 2)
    assert week[2] == (T0.date() + timedelta(days=2), 1)
    assert sum(n for _, n in week) == 3


def test_mastery_counts_right_and_not_overdue_questions():
    last = {"a": True, "b": True, "c": False}
    dues = {"a": T0 + timedelta(days=2), "b": T0 - timedelta(hours=1), "c": T0 + timedelta(days=2)}
    assert mastery(["a", "b", "c", "d"], last, dues, T0) == 0.25
    assert mastery([], last, dues, T0) == 0.0
