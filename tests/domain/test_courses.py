"""Assignment rules: windows, extensions, who may start, standings, grades, reveal."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from quiz.domain.courses import (
    JOIN_ALPHABET,
    Availability,
    Counting,
    Extension,
    Reveal,
    Window,
    attempt_deadline,
    availability,
    draw,
    for_student,
    join_code,
    normal_code,
    reveal_now,
    start_refusal,
)
from quiz.domain.standings import Standing, Taken, at_risk, grade, overall, standing

T = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
H = timedelta(hours=1)
WEEK = Window(opens_at=T, due_at=T + 24 * H, closes_at=T + 48 * H, late_allowed=True)
STRICT = Window(opens_at=T, due_at=T + 24 * H, closes_at=None, late_allowed=False)


def test_a_join_code_is_eight_unambiguous_characters():
    codes = {join_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 8 and set(c) <= set(JOIN_ALPHABET) for c in codes)
    assert not set("O0I1") & set(JOIN_ALPHABET)


def test_a_typed_code_is_read_in_capitals_without_spaces_or_dashes():
    assert normal_code(" ab3d-ef9h ") == "AB3DEF9H"


@pytest.mark.parametrize(
    ("window", "field"),
    [
        (Window(T, None, T - H), "closes_at"),
        (Window(T, T - H, None), "due_at"),
        (Window(None, T, T - H), "closes_at"),
    ],
)
def test_dates_that_contradict_each_other_are_named(window, field):
    assert [f for f, _ in window.problems()] == [field]


def test_sensible_dates_have_no_problems():
    assert WEEK.problems() == []


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (T - H, Availability.NOT_YET),
        (T, Availability.OPEN),
        (T + 23 * H, Availability.OPEN),
        (T + 24 * H, Availability.LATE),
        (T + 48 * H, Availability.CLOSED),
    ],
)
def test_availability_follows_the_window(now, expected):
    assert availability(WEEK, now) is expected


def test_without_late_work_the_due_date_closes():
    assert availability(STRICT, T + 24 * H) is Availability.CLOSED


def test_an_extension_only_moves_dates_later():
    later = for_student(WEEK, Extension(0, due_at=T + 30 * H, closes_at=T + 10 * H))
    assert (later.due_at, later.closes_at) == (T + 30 * H, T + 48 * H)
    assert for_student(STRICT, Extension(0, closes_at=T + 72 * H)).closes_at == T + 72 * H


def test_who_may_start_and_why_not():
    assert start_refusal(WEEK, used=0, allowed=2, now=T + H) is None
    assert "opens on 01 Sep 2026" in start_refusal(WEEK, 0, 2, T - H)
    assert "closed" in start_refusal(WEEK, 0, 2, T + 49 * H)
    assert "all 2 attempt(s)" in start_refusal(WEEK, 2, 2, T + H)
    assert start_refusal(WEEK, 9, None, T + H) is None  # unlimited


def test_an_attempt_ends_at_its_limit_plus_extra_time_but_never_after_the_close():
    assert attempt_deadline(T, 1800, 600, WEEK) == T + timedelta(minutes=40)
    assert attempt_deadline(T + 47 * H + timedelta(minutes=50), 3600, 0, WEEK) == T + 48 * H
    assert attempt_deadline(T + 23 * H, 3600 * 4, 0, STRICT) == T + 24 * H
    assert attempt_deadline(T, None, 0, Window(None, None, None)) is None


def taken(end_hours: float | None, percent: float | None = 50.0) -> Taken:
    return Taken(T, None if end_hours is None else T + end_hours * H, percent)


@pytest.mark.parametrize(
    ("attempts", "now", "expected"),
    [
        ([], T + H, Standing.NOT_STARTED),
        ([taken(None)], T + H, Standing.IN_PROGRESS),
        ([taken(2)], T + 3 * H, Standing.SUBMITTED),
        ([taken(30)], T + 31 * H, Standing.LATE),
        ([], T + 25 * H, Standing.MISSING),
        ([taken(30), taken(2)], T + 31 * H, Standing.SUBMITTED),  # the first submission decides
    ],
)
def test_a_students_standing(attempts, now, expected):
    assert standing(attempts, WEEK, now) is expected


def test_the_grade_that_counts():
    attempts = [taken(1, 40.0), taken(3, 90.0), taken(2, 60.0), taken(None, 100.0)]
    assert grade(attempts, Counting.BEST) == 90.0
    assert grade(attempts, Counting.LAST) == 90.0
    assert grade(attempts, Counting.MEAN) == pytest.approx(63.333, abs=0.001)
    assert grade([taken(None)], Counting.BEST) is None


def test_the_overall_grade_weighs_assignments_and_counts_missing_work_as_zero():
    assert overall({1: 80.0, 2: 60.0}, {1: 1.0, 2: 3.0}, set()) == 65.0
    assert overall({1: 80.0, 2: None}, {1: 1.0, 2: 1.0}, {2}) == 40.0
    assert overall({1: 80.0, 2: None}, {1: 1.0, 2: 1.0}, set()) == 80.0  # not due yet
    assert overall({}, {}, set()) is None


def test_students_at_risk():
    assert at_risk([Standing.MISSING], 90.0, 50.0)
    assert at_risk([Standing.SUBMITTED], 40.0, 50.0)
    assert not at_risk([Standing.SUBMITTED, Standing.NOT_STARTED], 70.0, 50.0)


@pytest.mark.parametrize(
    ("reveal", "ended", "now", "expected"),
    [
        (Reveal.AFTER_EACH, False, T + H, True),
        (Reveal.AFTER_SUBMIT, False, T + H, False),
        (Reveal.AFTER_SUBMIT, True, T + H, True),
        (Reveal.AFTER_CLOSE, True, T + H, False),
        (Reveal.AFTER_CLOSE, True, T + 49 * H, True),
    ],
)
def test_when_feedback_and_the_key_are_shown(reveal, ended, now, expected):
    assert reveal_now(reveal, ended, WEEK, now) is expected


def test_a_draw_gives_distinct_questions_and_all_when_there_are_too_few():
    pool = [f"q{n}" for n in range(30)]
    drawn = draw(pool, 10, random.Random(3))
    assert len(drawn) == len(set(drawn)) == 10 and set(drawn) <= set(pool)
    assert sorted(draw(pool[:4], 10, random.Random(3))) == sorted(pool[:4])
    assert draw(pool, 10, random.Random(1)) != draw(pool, 10, random.Random(2))
