"""Exam delivery's rules (quiz.domain.delivery), without an app: where each button leads,
the navigator's marks, flags, what "Submit all" lists, the time left and the grace."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quiz.domain.delivery import (
    TIME_UP_GRACE,
    Go,
    Move,
    change,
    navigator,
    outstanding,
    read_move,
    seconds_left,
    time_up_close,
    with_flag,
)

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "position", "expected"),
    [
        ("next", 2, Move(Go.NEXT, 3)),
        ("next", 5, Move(Go.NEXT, None)),  # Next on the last question: the review
        ("previous", 2, Move(Go.PREVIOUS, 1)),
        ("previous", 1, Move(Go.PREVIOUS, 1)),  # never before the first
        ("flag", 3, Move(Go.FLAG, 3, flag=True)),
        ("unflag", 3, Move(Go.UNFLAG, 3, flag=False)),
        ("review", 3, Move(Go.REVIEW, None)),
        ("timeup", 3, Move(Go.TIME_UP, None)),
        ("stay", 3, Move(Go.STAY, 3)),
        ("4", 1, Move(Go.STAY, 4)),  # a navigator item
        ("99", 1, Move(Go.STAY, 5)),  # clamped into the exam
        ("0", 3, Move(Go.STAY, 1)),
    ],
)
def test_each_button_of_the_exam_form_leads_where_it_says(value, position, expected):
    assert read_move(value, position, 5) == expected


@pytest.mark.parametrize("value", [None, "", "jump", "-1", "9" * 40])
def test_a_form_sent_without_a_known_button_moves_on_like_next(value):
    assert read_move(value, 2, 5) == Move(Go.NEXT, 3)


def test_flagging_adds_the_position_once_and_unflagging_removes_it():
    assert with_flag([3, 1], 2, True) == [1, 2, 3]
    assert with_flag([1, 2], 2, True) == [1, 2]
    assert with_flag([1, 2], 2, False) == [1]
    assert with_flag([], 4, False) == []


def test_the_navigator_marks_every_question_in_words():
    items = navigator(3, answered={1, 3}, flagged={3}, current=2)
    assert [i.state for i in items] == ["answered", "not answered", "answered, flagged"]
    assert [i.current for i in items] == [False, True, False]
    assert items[1].label == "Question 2: not answered, current question"


def test_submit_all_lists_the_unanswered_and_the_flagged():
    left = outstanding(4, answered={1, 2}, flagged={2, 4})
    assert left.unanswered == [3, 4]
    assert left.flagged == [2, 4]
    assert not left.nothing
    assert outstanding(2, answered={1, 2}, flagged=set()).nothing


def test_seconds_left_round_down_and_stop_at_zero():
    assert seconds_left(None, T0) is None
    assert seconds_left(T0 + timedelta(seconds=90, milliseconds=900), T0) == 90
    assert seconds_left(T0 - timedelta(seconds=5), T0) == 0
    naive = (T0 + timedelta(minutes=1)).replace(tzinfo=None)  # as SQLite hands it back
    assert seconds_left(naive, T0) == 60


def test_a_time_up_close_to_the_deadline_ends_the_exam_at_the_deadline():
    deadline = T0 + timedelta(minutes=30)
    assert time_up_close(deadline, deadline - TIME_UP_GRACE) == deadline
    assert time_up_close(deadline, deadline - timedelta(seconds=1)) == deadline
    assert time_up_close(deadline, deadline - TIME_UP_GRACE - timedelta(seconds=1)) is None
    assert time_up_close(None, T0) is None


def test_changing_an_answer_moves_the_running_score_by_the_difference():
    assert (change(None, 1.0).score, change(None, 1.0).answered) == (1.0, 1)
    assert change(1.0, 0.0).score == -1.0 and change(1.0, 0.0).answered == 0
    assert change(0.5, None).score == -0.5 and change(0.5, None).answered == -1
    assert change(None, None).answered == 0
