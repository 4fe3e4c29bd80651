"""Attempt layouts, the shown order of a stored layout, and scores (quiz.domain.attempts)."""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from quiz.domain.attempts import (
    Kind,
    Mode,
    Score,
    Step,
    attempt_title,
    deadline,
    duration,
    ended_at,
    mode_word,
    new_layout,
    next_position,
    next_step,
    percent,
    time_is_up,
    total_score,
    wrong_question_ids,
)
from quiz.domain.layout import LayoutEntry
from quiz.domain.questions import Option, Pair, Question
from quiz.domain.questions.choice import shown_options
from quiz.domain.questions.matching import shown_matching
from quiz.domain.questions.ordering import shown_items
from tests.support import load_questions


@pytest.fixture(scope="module")
def qs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Question]:
    return load_questions(tmp_path_factory.mktemp("fixture") / "questions")


@pytest.fixture(scope="module")
def questions(qs) -> list[Question]:
    return list(qs.values())


def entry(layout: list[LayoutEntry], question_id: str) -> LayoutEntry:
    return next(e for e in layout if e.question_id == question_id)


def shown_as(q: Question, order=None, choices=None) -> LayoutEntry:
    """A stored layout entry of *q* with the given order (and right-hand choices)."""
    return LayoutEntry(q.id, q.version, tuple(order or ()), tuple(choices or ()))


class NoShuffle(random.Random):
    """A random source whose shuffle never moves anything (the worst luck possible)."""

    def shuffle(self, x) -> None:  # type: ignore[override]
        return None


# --------------------------------------------------------------------- new_layout


def test_new_layout_has_every_question_exactly_once_with_its_version(questions):
    for seed in range(50):
        layout = new_layout(questions, random.Random(seed))
        assert Counter(e.question_id for e in layout) == Counter(q.id for q in questions)
        assert {e.question_id: e.version for e in layout} == {q.id: q.version for q in questions}


@pytest.mark.parametrize("seed", range(5))
def test_new_layout_keeps_every_option_pair_and_item(qs, questions, seed):
    layout = new_layout(questions, random.Random(seed))
    for qid in ("fx-single", "fx-multiple"):
        assert sorted(entry(layout, qid).order) == sorted(o.id for o in qs[qid].options)
    match = entry(layout, "fx-match")
    q = qs["fx-match"]
    assert sorted(match.order) == sorted(p.left for p in q.pairs)
    assert sorted(match.choices) == sorted(
        [p.right for p in q.pairs] + [d.text for d in q.distractors]
    )
    assert sorted(entry(layout, "fx-order").order) == sorted(qs["fx-order"].items)
    for qid in ("fx-tf", "fx-short", "fx-numeric"):
        assert entry(layout, qid).order == ()


def test_new_layout_is_reproducible_with_a_seeded_random(questions):
    assert new_layout(questions, random.Random(1234)) == new_layout(questions, random.Random(1234))


def test_new_layout_actually_shuffles_questions_and_options(questions):
    layouts = [new_layout(questions, random.Random(seed)) for seed in range(30)]
    assert len({tuple(e.question_id for e in layout) for layout in layouts}) > 1
    assert len({entry(layout, "fx-multiple").order for layout in layouts}) > 1
    assert len({entry(layout, "fx-match").choices for layout in layouts}) > 1


def test_new_layout_can_keep_the_question_order_and_still_shuffle_options(questions):
    layouts = [
        new_layout(questions, random.Random(seed), shuffle_questions=False) for seed in range(30)
    ]
    for layout in layouts:
        assert [e.question_id for e in layout] == [q.id for q in questions]
    assert len({entry(layout, "fx-single").order for layout in layouts}) > 1


def test_new_layout_of_no_questions_is_empty():
    assert new_layout([], random.Random(0)) == []


def test_ordering_items_never_start_in_the_key_order(qs):
    q = qs["fx-order"]
    for seed in range(1000):
        order = entry(new_layout([q], random.Random(seed)), "fx-order").order
        assert sorted(order) == sorted(q.items)
        assert tuple(order) != q.items


def _ordering(qs, items: tuple[str, ...]) -> Question:
    return dataclasses.replace(qs["fx-order"], items=items)


def test_ordering_of_two_items_never_starts_in_key_order_even_after_ten_unlucky_shuffles(qs):
    # Random(439) shuffles two items back into the key order ten times in a row.
    q = _ordering(qs, ("first", "second"))
    for seed in [439, *range(200)]:
        order = new_layout([q], random.Random(seed))[0].order
        assert order == ("second", "first")


@pytest.mark.parametrize("items", [("a", "b"), ("a", "b", "c"), ("a", "b", "c", "d", "e")])
def test_ordering_items_differ_from_the_key_even_when_the_shuffle_never_moves_anything(qs, items):
    order = new_layout([_ordering(qs, items)], NoShuffle(0))[0].order
    assert sorted(order) == sorted(items)
    assert tuple(order) != items


@pytest.mark.parametrize("items", [("only",), ("same", "same")])
def test_ordering_with_a_single_possible_order_keeps_it(qs, items):
    order = new_layout([_ordering(qs, items)], random.Random(0))[0].order
    assert tuple(order) == items


# -------------------------------------------------------------- the shown order


def test_shown_options_follow_the_stored_order(qs):
    q = qs["fx-single"]
    shown = shown_options(q, shown_as(q, ["glutamate", "gaba-a", "dopamine"]))
    assert [o.id for o in shown] == ["glutamate", "gaba-a", "dopamine"]
    assert all(isinstance(o, Option) for o in shown)
    assert shown[1] is next(o for o in q.options if o.id == "gaba-a")


@pytest.mark.parametrize("order", [None, []])
def test_shown_options_without_a_stored_order_use_the_bank_order(qs, order):
    assert [o.id for o in shown_options(qs["fx-single"], shown_as(qs["fx-single"], order))] == [
        "gaba-a",
        "dopamine",
        "glutamate",
    ]


def test_shown_options_skip_an_option_removed_since_the_attempt_started(qs):
    q = qs["fx-multiple"]
    shown = shown_options(q, shown_as(q, ["solution", "retired-option", "patch", "tablet", "odt"]))
    assert [o.id for o in shown] == ["solution", "patch", "tablet", "odt"]


def test_shown_options_put_an_option_added_since_last(qs):
    q = qs["fx-single"]
    added = Option("benzo", "Benzodiazepine receptors", False, "Not the name the article uses.")
    newer = dataclasses.replace(q, options=(*q.options[:1], added, *q.options[1:]))
    shown = shown_options(newer, shown_as(q, ["glutamate", "dopamine", "gaba-a"]))
    assert [o.id for o in shown] == ["glutamate", "dopamine", "gaba-a", "benzo"]


def test_shown_options_follow_a_stored_layout_from_new_layout(qs):
    q = qs["fx-multiple"]
    stored = new_layout([q], random.Random(5))[0]
    assert tuple(o.id for o in shown_options(q, stored)) == stored.order


def test_shown_matching_follows_the_stored_order(qs):
    q = qs["fx-match"]
    stored = new_layout([q], random.Random(3))[0]
    lefts, rights = shown_matching(q, stored)
    assert tuple(lefts) == stored.order
    assert tuple(rights) == stored.choices


@pytest.mark.parametrize("order", [None, {}])
def test_shown_matching_without_a_stored_order_uses_the_bank_order(qs, order):
    q = qs["fx-match"]
    lefts, rights = shown_matching(q, shown_as(q, *(order or {}).values()))
    assert lefts == ["Recurrence", "Rebound", "Withdrawal"]
    assert rights == [p.right for p in q.pairs] + ["The drug stops working at the same dose"]


def test_shown_matching_tolerates_pairs_and_distractors_removed_or_added_since(qs):
    q = qs["fx-match"]
    stored = {
        "left": ["Withdrawal", "Tolerance", "Recurrence", "Rebound"],
        "right": [
            "The drug stops working at the same dose",
            "Gone",
            "New symptoms not felt before treatment",
            "The original symptoms come back",
            "The original symptoms come back stronger",
        ],
    }
    added_pair = Pair("Dependence", "The body adapts to the drug", "Dependence is adaptation.")
    added_distractor = Option("d1", "Nothing changes", False, "Something does change.")
    newer = dataclasses.replace(
        q,
        pairs=(*q.pairs[1:], added_pair),  # Recurrence removed, Dependence added
        distractors=(*q.distractors, added_distractor),
    )
    lefts, rights = shown_matching(newer, shown_as(q, stored["left"], stored["right"]))
    assert lefts == ["Withdrawal", "Rebound", "Dependence"]
    assert rights == [
        "The drug stops working at the same dose",
        "New symptoms not felt before treatment",
        "The original symptoms come back stronger",
        "The body adapts to the drug",
        "Nothing changes",
    ]


def test_shown_items_follow_the_stored_order(qs):
    q = qs["fx-order"]
    stored = [q.items[2], q.items[0], q.items[3], q.items[1]]
    assert shown_items(q, shown_as(q, stored)) == stored


@pytest.mark.parametrize("order", [None, []])
def test_shown_items_without_a_stored_order_use_the_bank_order(qs, order):
    assert shown_items(qs["fx-order"], shown_as(qs["fx-order"], order)) == list(
        qs["fx-order"].items
    )


def test_shown_items_tolerate_items_removed_or_added_since(qs):
    q = qs["fx-order"]
    newer = dataclasses.replace(q, items=(q.items[0], q.items[1], "A new middle step", q.items[3]))
    stored = [q.items[3], q.items[2], q.items[1], q.items[0]]
    assert shown_items(newer, shown_as(q, stored)) == [
        q.items[3],
        q.items[1],
        q.items[0],
        "A new middle step",
    ]


# ------------------------------------------------------------------------ scores


def test_total_score_sums_response_scores_out_of_the_question_count():
    score = total_score([1.0, 0.5, 2 / 3, 0.0], 5)
    assert score == Score(2.1667, 5)
    assert score.percent == pytest.approx(100 * 2.1667 / 5)


def test_total_score_rounds_away_float_noise():
    score = total_score([1 / 3, 1 / 3, 1 / 3] + [0.1] * 10, 13)
    assert score.points == 2.0


def test_total_score_counts_unanswered_questions_against_the_total():
    score = total_score([1.0, 1.0], 4)
    assert score.points == 2.0
    assert score.out_of == 4
    assert score.percent == 50.0


def test_total_score_of_an_empty_attempt_has_no_percent():
    score = total_score([], 0)
    assert score.points == 0
    assert score.percent is None


@pytest.mark.parametrize(
    ("answered", "size", "expected"),
    [
        (set(), 5, 1),
        ({1, 2}, 5, 3),
        ({1, 3}, 5, 2),  # a skipped question comes before later ones
        ({2, 3, 4, 5}, 5, 1),
        ({1, 2, 3, 4, 5}, 5, None),
        ({1, 2, 3, 4, 5, 6}, 5, None),
        (set(), 0, None),
    ],
)
def test_next_position_is_the_first_unanswered_position(answered, size, expected):
    assert next_position(answered, size) == expected


# --------------------------------------------------------------------- lifecycle

ANY = None
# The truth table of a question page: (posting, finished, time_up, held, answered,
# question_exists) -> step; ANY matches both values. Rows are read top down, and the test
# below checks that every one of the 64 states is decided by exactly one row.
LIFECYCLE = [
    # a POST after the deadline is refused, whatever else is true
    ((True, ANY, True, ANY, ANY, ANY), Step.REFUSE_TIME_UP),
    # a second POST of an answered question: the first answer stands
    ((True, ANY, False, ANY, True, ANY), Step.REPEAT),
    # an answered question shows its feedback, unless it is held (an open exam; an
    # assignment showing its answers later)
    ((False, ANY, ANY, True, True, ANY), Step.SAVED),
    ((False, ANY, ANY, False, True, ANY), Step.FEEDBACK),
    # an unanswered question of a closed attempt: refused, or on to the summary
    ((True, True, False, ANY, False, ANY), Step.REFUSE_CLOSED),
    ((False, True, ANY, ANY, False, ANY), Step.SUMMARY),
    ((False, False, True, ANY, False, ANY), Step.SUMMARY),
    # an open attempt whose question left the bank
    ((ANY, False, False, ANY, False, False), Step.REMOVED),
    # otherwise: ask (GET) or take the answer (POST)
    ((ANY, False, False, ANY, False, True), Step.ASK),
]
FLAGS = ("posting", "finished", "time_up", "held", "answered", "question_exists")


def _matches(row: tuple[bool | None, ...], state: tuple[bool, ...]) -> bool:
    return all(want is ANY or want == have for want, have in zip(row, state, strict=True))


@pytest.mark.parametrize("state", list(itertools.product((False, True), repeat=6)))
def test_next_step_follows_the_truth_table(state):
    rows = [step for row, step in LIFECYCLE if _matches(row, state)]
    assert len(rows) == 1, (state, rows)  # the table itself decides every state once
    assert next_step(**dict(zip(FLAGS, state, strict=True))) is rows[0]


def test_held_answers_never_show_feedback_or_a_key():
    for state in itertools.product((False, True), repeat=6):
        flags = dict(zip(FLAGS, state, strict=True))
        if flags["held"]:
            assert next_step(**flags) is not Step.FEEDBACK


# --------------------------------------------------------------------------- time

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def test_deadline_is_the_start_plus_the_limit_or_none():
    assert deadline(START, 600) == START + timedelta(minutes=10)
    assert deadline(START, None) is None
    assert deadline(START, 0) is None


def test_time_is_up_only_after_the_deadline_of_an_open_attempt():
    end = START + timedelta(minutes=10)
    assert not time_is_up(end, None, end)  # at the deadline itself: still open
    assert time_is_up(end, None, end + timedelta(seconds=1))
    assert not time_is_up(end, START, end + timedelta(hours=1))  # finished before
    assert not time_is_up(None, None, end + timedelta(days=9))


def test_an_attempt_ends_when_finished_or_at_its_deadline():
    end = START + timedelta(minutes=10)
    assert ended_at(None, None, end) is None
    assert ended_at(START + timedelta(minutes=3), end, end) == START + timedelta(minutes=3)
    assert ended_at(None, end, end) is None
    assert ended_at(None, end, end + timedelta(seconds=1)) == end


def test_a_naive_database_time_is_read_as_utc():
    naive = datetime(2026, 5, 4, 9, 10)
    assert ended_at(naive, None, START) == START + timedelta(minutes=10)


def test_duration_runs_from_start_to_end_or_is_none_while_open():
    assert duration(START, START + timedelta(seconds=95)) == 95.0
    assert duration(START, None) is None


# ------------------------------------------------------------------ words and names


def test_percent_is_none_without_questions_and_otherwise_a_share():
    assert percent(3, 4) == 75.0
    assert percent(0, 0) is None
    assert percent(None, 4) is None


@pytest.mark.parametrize(
    ("kind", "mode", "expected"),
    [
        (Kind.TOPIC, Mode.PRACTICE, "Mechanism"),
        (Kind.TOPIC, Mode.EXAM, "Mechanism (exam)"),
        (Kind.RETRY, Mode.PRACTICE, "Mechanism: retrying mistakes"),
        (Kind.REVIEW, Mode.PRACTICE, "Spaced review"),
        (Kind.PASSAGE, Mode.PRACTICE, "Passage practice: The guide"),
    ],
)
def test_an_attempt_is_named_in_words(kind, mode, expected):
    assert attempt_title(kind, mode, "Mechanism", "The guide") == expected


def test_an_attempt_of_a_removed_bank_or_document_never_shows_an_internal_id():
    assert attempt_title(Kind.TOPIC, Mode.PRACTICE, None, None) == "A removed topic"
    assert (
        attempt_title(Kind.PASSAGE, Mode.PRACTICE, None, None)
        == "Passage practice: a removed document"
    )


def test_the_mode_word_names_how_an_attempt_was_taken():
    assert [mode_word(k, Mode.PRACTICE) for k in Kind] == [
        "practice", "review", "retry", "passage", "assignment", "mixed", "weak", "new",
    ]  # fmt: skip
    assert mode_word(Kind.TOPIC, Mode.EXAM) == "exam"
    assert mode_word(Kind.ASSIGNMENT, Mode.EXAM) == "exam"
    assert mode_word(Kind.MIXED, Mode.FLASHCARDS) == "flashcards"


def test_chosen_sessions_are_named_in_words_never_ids():
    assert attempt_title(Kind.MIXED, Mode.PRACTICE, None, None, ["Dosing", "Risks"]) == (
        "Mixed: Dosing + Risks"
    )
    assert attempt_title(Kind.MIXED, Mode.PRACTICE, "Dosing", None, ["Dosing"]) == "Session: Dosing"
    assert attempt_title(Kind.WEAK, Mode.PRACTICE, None, None, ["A", "B", "C", "D"]) == (
        "Weak questions: A + B + C and 1 more"
    )
    assert attempt_title(Kind.NEW, Mode.FLASHCARDS, "Dosing", None) == (
        "Flashcards: New questions: Dosing"
    )
    assert attempt_title(Kind.REVIEW, Mode.FLASHCARDS, None, None) == "Flashcards: Spaced review"


def test_wrong_question_ids_are_those_not_answered_right_in_layout_order():
    entries = [LayoutEntry(q, "v") for q in ("a", "b", "c", "d")]
    assert wrong_question_ids(entries, {"b", "d"}) == ["a", "c"]
