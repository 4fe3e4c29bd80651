"""Sessions a student chooses, and spaced review like Anki's: plans, question choice,
daily limits, interval labels and the statistics panel (no app)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from quiz.domain.attempts import Kind, Mode
from quiz.domain.scheduling import Rating, review
from quiz.domain.sessions import Choice, Memory, Selection, Style, choose, plan_for
from quiz.domain.study import (
    Limits,
    Rated,
    interval_label,
    introduction_day,
    previews,
    reviews_left,
    schedule_first,
    stats,
)
from tests.support import load_questions

T0 = datetime(2026, 4, 6, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def questions(tmp_path_factory):
    return list(load_questions(tmp_path_factory.mktemp("s")).values())


def test_only_one_whole_topic_as_a_quiz_is_a_counted_topic_attempt():
    assert plan_for(Choice(("a",), None), whole_bank=True).kind is Kind.TOPIC
    assert plan_for(Choice(("a",), 10), whole_bank=False).kind is Kind.MIXED
    assert plan_for(Choice(("a", "b"), None), whole_bank=False).bank_id is None
    cards = plan_for(Choice(("a",), None, style=Style.FLASHCARDS), whole_bank=True)
    assert (cards.kind, cards.mode) == (Kind.MIXED, Mode.FLASHCARDS)
    assert plan_for(Choice(("a",), 10, Selection.WEAK), False).kind is Kind.WEAK
    assert plan_for(Choice(("a", "b"), 10, Selection.NEW), False).kind is Kind.NEW


def test_a_session_is_cut_to_its_length(questions):
    chosen = choose(questions, Choice(("fixture",), 5), {}, random.Random(1))
    assert len(chosen) == 5 and len({q.id for q in chosen}) == 5
    assert len(choose(questions, Choice(("fixture",), None), {}, random.Random(1))) == 7


def test_weak_questions_are_wrong_ones_first_then_low_recall(questions):
    ids = [q.id for q in questions]
    memory = {
        ids[0]: Memory(True, 0.99),  # strong: not weak
        ids[1]: Memory(True, 0.7),  # low recall
        ids[2]: Memory(False, 0.95),  # wrong last time
        ids[3]: Memory(False, 0.5),  # wrong and forgotten: weakest
    }
    chosen = choose(questions, Choice(("fixture",), 10, Selection.WEAK), memory, random.Random(0))
    assert [q.id for q in chosen] == [ids[3], ids[2], ids[1]]


def test_new_only_leaves_out_every_question_answered(questions):
    memory = {q.id: Memory(True, 0.9) for q in questions[:4]}
    chosen = choose(questions, Choice(("fixture",), None, Selection.NEW), memory, random.Random(0))
    assert {q.id for q in chosen} == {q.id for q in questions[4:]}


def test_the_introduction_day_is_the_first_with_room():
    today = date(2026, 4, 6)
    assert introduction_day(today, {}, 10) == today
    full = {today: 10, today + timedelta(days=1): 10}
    assert introduction_day(today, full, 10) == today + timedelta(days=2)


def test_a_first_review_waits_for_its_day_and_later_ones_do_not():
    tomorrow = date(2026, 4, 7)
    first = schedule_first(None, Rating.Good, T0, tomorrow)
    assert first.due == datetime(2026, 4, 7, tzinfo=UTC)
    easy = schedule_first(None, Rating.Easy, T0, tomorrow)
    assert easy.due - T0 > timedelta(days=2)  # later than the introduction day: unchanged
    again = schedule_first(first, Rating.Good, T0 + timedelta(days=1), tomorrow)
    assert again == review(first, Rating.Good, T0 + timedelta(days=1))


@pytest.mark.parametrize(
    ("span", "label"),
    [
        (timedelta(seconds=20), "1 min"),
        (timedelta(minutes=10), "10 min"),
        (timedelta(hours=5), "5 h"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=2), "2 days"),
        (timedelta(days=90), "3 mo"),
        (timedelta(days=450), "1.2 yr"),
    ],
)
def test_intervals_read_like_ankis_buttons(span, label):
    assert interval_label(span) == label


def test_previews_give_every_rating_its_interval():
    shown = previews(None, T0, T0.date())
    assert [interval_label(shown[k]) for k in ("again", "hard", "good", "easy")] == [
        "1 min", "6 min", "10 min", "8 days",
    ]  # fmt: skip


def test_reviews_left_never_go_below_zero():
    assert reviews_left(Limits(10, 50), 20) == 30
    assert reviews_left(Limits(10, 50), 80) == 0


def test_stats_count_reviews_per_day_true_retention_and_cards_by_state():
    rated = [
        Rated(T0, 3, None),  # a first answer: not a review of a card in review
        Rated(T0, 3, 2),
        Rated(T0, 1, 2),  # Again on a card in review: a lapse
        Rated(T0 - timedelta(days=1), 4, 2),
        Rated(T0 - timedelta(days=40), 1, 2),  # outside the 30 days
    ]
    panel = stats(rated, [1, 2, 2, 3], questions=10, now=T0, days=3)
    assert panel.per_day == [(date(2026, 4, 4), 0), (date(2026, 4, 5), 1), (date(2026, 4, 6), 3)]
    assert panel.retention == pytest.approx(2 / 3) and panel.retention_reviews == 3
    assert panel.by_state == [("New", 6), ("Learning", 1), ("Review", 2), ("Relearning", 1)]
