"""Statistics of scores and responses, on cases worked out by hand."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest

from quiz.domain.stats import (
    ItemStats,
    ResponseRow,
    covariance,
    covmax,
    discrimination_index,
    discriminative_efficiency,
    facility_index,
    first_attempts,
    histogram,
    histogram_labels,
    item_analysis,
    mean,
    median,
    option_counts,
    over_time,
    passage_facility,
    standard_deviation,
    variance,
)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --------------------------------------------------------------- descriptive


def test_mean_and_median_of_nothing_are_empty():
    assert mean([]) is None
    assert median([]) is None


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert median([40.0, 10.0, 30.0, 20.0]) == 25.0
    assert median([3.0, 1.0, 2.0]) == 2.0


def test_variance_and_covariance_divide_by_n_minus_one():
    # x = 1, 1, 0, 0: mean 0.5, squared deviations 4 * 0.25 = 1, over 3
    assert variance([1, 1, 0, 0]) == pytest.approx(1 / 3)
    assert standard_deviation([1, 1, 0, 0]) == pytest.approx(math.sqrt(1 / 3))
    # y = 2, 1, 1, 0: deviations 1, 0, 0, -1; products with x's 0.5, 0, 0, 0.5 -> 1 / 3
    assert covariance([1, 1, 0, 0], [2, 1, 1, 0]) == pytest.approx(1 / 3)


def test_a_single_value_has_no_spread():
    assert variance([1.0]) is None
    assert standard_deviation([1.0]) is None
    assert covariance([1.0], [2.0]) is None


def test_covariance_needs_pairs():
    with pytest.raises(ValueError):
        covariance([1, 0], [1, 0, 1])


# ------------------------------------------------------------- item analysis


def test_covmax_pairs_x_and_y_by_rank_after_sorting_each():
    # x = 1, 0, 1, 0 and y = 0, 3, 1, 2 as given: deviations (.5, -.5, .5, -.5) and
    # (-1.5, 1.5, -.5, .5) give products summing to -2, so cov = -2/3.
    assert covariance([1, 0, 1, 0], [0, 3, 1, 2]) == pytest.approx(-2 / 3)
    # Sorted: x = 0, 0, 1, 1 with y = 0, 1, 2, 3 gives .75 + .25 + .25 + .75 = 2 -> 2/3.
    assert covmax([1, 0, 1, 0], [0, 3, 1, 2]) == pytest.approx(2 / 3)


def test_discrimination_index_is_the_correlation_with_the_rest_of_the_attempt():
    # cov 1/3, var(x) 1/3, var(y) 2/3: 100 * (1/3) / sqrt(2/9) = 100 / sqrt(2)
    assert discrimination_index([1, 1, 0, 0], [2, 1, 1, 0]) == pytest.approx(100 / math.sqrt(2))
    # var(y) = (2.25 + 2.25 + .25 + .25) / 3 = 5/3: 100 * (-2/3) / sqrt(5/9) = -200 / sqrt(5)
    assert discrimination_index([1, 0, 1, 0], [0, 3, 1, 2]) == pytest.approx(-200 / math.sqrt(5))


def test_discriminative_efficiency_is_the_covariance_over_its_maximum():
    assert discriminative_efficiency([1, 1, 0, 0], [2, 1, 1, 0]) == pytest.approx(100.0)
    assert discriminative_efficiency([1, 0, 1, 0], [0, 3, 1, 2]) == pytest.approx(-100.0)


def test_partial_marks_give_partial_efficiency():
    # x = .5, 1, 0, .5 and y = 3, 1, 0, 2: cov = (0 - .25 + .75 + 0) / 3 = 1/6,
    # var(x) = 1/6, var(y) = 5/3 -> index 100 * (1/6) / sqrt(5/18) = 100 / sqrt(10);
    # sorted: x = 0, .5, .5, 1 with y = 0, 1, 2, 3 -> covmax = 1.5 / 3 = 1/2 -> 100/3.
    xs, ys = [0.5, 1.0, 0.0, 0.5], [3.0, 1.0, 0.0, 2.0]
    assert discrimination_index(xs, ys) == pytest.approx(100 / math.sqrt(10))
    assert discriminative_efficiency(xs, ys) == pytest.approx(100 / 3)
    assert facility_index(xs) == pytest.approx(50.0)


def test_zero_variance_leaves_discrimination_and_efficiency_empty():
    everyone_right = [1.0, 1.0, 1.0]
    assert discrimination_index(everyone_right, [2.0, 1.0, 0.0]) is None
    assert discriminative_efficiency(everyone_right, [2.0, 1.0, 0.0]) is None
    same_rest = [1.0, 1.0, 1.0]
    assert discrimination_index([1.0, 0.0, 1.0], same_rest) is None
    assert discriminative_efficiency([1.0, 0.0, 1.0], same_rest) is None


def test_a_repeating_fraction_with_no_spread_still_counts_as_no_spread():
    thirds = [1 / 3] * 7
    assert discrimination_index(thirds, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]) is None
    assert discriminative_efficiency(thirds, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]) is None


# Four attempts; q4 everyone got right, q5 only attempt 1 answered:
#            q1  q2  q3  q4  q5   total
# attempt 1   1   1   1   1   0    4
# attempt 2   1   0   1   1        3
# attempt 3   0   1   0   1        2
# attempt 4   0   0   0   1        1
SCORES = {
    1: {"q1": 1, "q2": 1, "q3": 1, "q4": 1, "q5": 0},
    2: {"q1": 1, "q2": 0, "q3": 1, "q4": 1},
    3: {"q1": 0, "q2": 1, "q3": 0, "q4": 1},
    4: {"q1": 0, "q2": 0, "q3": 0, "q4": 1},
}
ROWS = [
    (attempt, q, float(score)) for attempt, marks in SCORES.items() for q, score in marks.items()
]


def test_item_analysis_of_a_hand_worked_class():
    items = {i.question_id: i for i in item_analysis(ROWS)}
    # q1: x = 1, 1, 0, 0 and y = 3, 2, 2, 1: y's deviations 1, 0, 0, -1 as in the tests above
    q1 = items["q1"]
    assert (q1.n, q1.facility, q1.sd) == (4, 50.0, pytest.approx(math.sqrt(1 / 3)))
    assert q1.discrimination_index == pytest.approx(100 / math.sqrt(2))
    assert q1.discriminative_efficiency == pytest.approx(100.0)
    assert not q1.flagged
    # q2: x = 1, 0, 1, 0 and y = 3, 3, 1, 1: products .5, -.5, -.5, .5 cancel, so cov = 0;
    # sorted, y = 1, 1, 3, 3 gives covmax = 4 * .5 / 3 = 2/3, so the efficiency is 0
    q2 = items["q2"]
    assert q2.discrimination_index == pytest.approx(0.0)
    assert q2.discriminative_efficiency == pytest.approx(0.0)
    assert q2.flagged
    # q4: everyone right, so no spread
    q4 = items["q4"]
    assert (q4.facility, q4.sd, q4.discrimination_index, q4.discriminative_efficiency) == (
        100.0,
        0.0,
        None,
        None,
    )
    assert not q4.flagged
    # q5: one attempt only
    q5 = items["q5"]
    assert (q5.n, q5.facility, q5.sd, q5.discrimination_index) == (1, 0.0, None, None)


def test_item_analysis_is_sorted_by_question_and_ignores_row_order():
    forwards = item_analysis(ROWS)
    assert [i.question_id for i in forwards] == ["q1", "q2", "q3", "q4", "q5"]
    assert item_analysis(list(reversed(ROWS))) == forwards


def test_negative_discrimination_is_flagged_even_with_high_efficiency_missing():
    assert ItemStats("q", 10, 50.0, 0.5, -3.0, None).flagged
    assert ItemStats("q", 10, 50.0, 0.5, 20.0, 14.9).flagged
    assert not ItemStats("q", 10, 50.0, 0.5, 20.0, 15.0).flagged
    assert not ItemStats("q", 0, None, None, None, None).flagged


def test_first_attempts_keeps_each_students_earliest_attempt_per_bank():
    def row(student, attempt, started, bank="b", question="q1"):
        return ResponseRow(student, attempt, started, bank, question, 1.0)

    rows = [
        row("ann", 11, utc(2026, 3, 2)),
        row("ann", 11, utc(2026, 3, 2), question="q2"),
        row("ann", 10, utc(2026, 3, 1)),  # earlier start, though a higher id came first
        row("ann", 12, utc(2026, 3, 1, 0, 0), bank="c"),
        row("bob", 21, utc(2026, 3, 5)),
        row("bob", 20, utc(2026, 3, 5)),
    ]  # same start: lower id
    assert sorted((r.student, r.bank, r.attempt_id) for r in first_attempts(rows)) == [
        ("ann", "b", 10),
        ("ann", "c", 12),
        ("bob", "b", 20),
    ]


def test_option_counts_count_each_chosen_option():
    counts = option_counts([("a", 3), ("b", 1), (["a", "c"], 2), (True, 4), (False, 1)])
    assert counts == {"a": 5, "b": 1, "c": 2, "true": 4, "false": 1}


# ---------------------------------------------------------------- distributions


def test_histogram_puts_the_top_of_the_range_in_the_last_bin():
    assert histogram([0, 9.99, 10, 55, 100, 100]) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
    assert histogram([]) == [0] * 10


def test_histogram_labels_name_each_band():
    labels = histogram_labels()
    assert labels[0] == "0–9" and labels[5] == "50–59" and labels[-1] == "90–100"
    assert len(labels) == 10


def test_over_time_means_per_day_for_a_short_span():
    periods = over_time(
        [(utc(2026, 3, 2, 9), 50.0), (utc(2026, 3, 2, 18), 70.0), (utc(2026, 3, 4, 8), 90.0)]
    )
    assert [(p.start, p.days, p.count, p.mean) for p in periods] == [
        (date(2026, 3, 2), 1, 2, 60.0),
        (date(2026, 3, 4), 1, 1, 90.0),
    ]


def test_over_time_means_per_week_from_monday_for_a_long_span():
    # 2026-03-04 is a Wednesday, 2026-03-08 a Sunday (same week), 2026-04-20 a Monday
    periods = over_time(
        [(utc(2026, 3, 4), 40.0), (utc(2026, 3, 8), 60.0), (utc(2026, 4, 20), 80.0)]
    )
    assert [(p.start, p.days, p.count, p.mean) for p in periods] == [
        (date(2026, 3, 2), 7, 2, 50.0),
        (date(2026, 4, 20), 7, 1, 80.0),
    ]
    assert over_time([]) == []


# --------------------------------------------------------------------- passages


def test_passages_are_sorted_most_missed_first_and_unanswered_last():
    citations = [("P1", "q1"), ("P1", "q2"), ("P2", "q3"), ("P3", "q4")]
    per_question = {"q1": (4, 1.0), "q2": (6, 3.0), "q3": (2, 2.0)}
    result = passage_facility(citations, per_question)
    assert [(p.passage, p.questions, p.responses, p.facility) for p in result] == [
        ("P1", ("q1", "q2"), 10, 40.0),
        ("P2", ("q3",), 2, 100.0),
        ("P3", ("q4",), 0, None),
    ]
