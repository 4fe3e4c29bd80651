"""Spaced review with the ``fsrs`` package: card state + rating + time -> next due.

Plain Python, no Flask, no database: callers pass the current time (read from
:func:`quiz.clock.now` in the app, set freely in tests) and store the returned state.

The default rating is taken from the grade: a correct answer is *Good*, a partly correct
one (score at least 0.5) is *Hard*, anything else is *Again*. The student may choose
another rating after the feedback; that replaces the default.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from fsrs import Card, Rating, Scheduler, State

from quiz.domain.times import aware

__all__ = [
    "RATINGS",
    "RATING_LABELS",
    "CardState",
    "DueCounts",
    "Rating",
    "default_rating",
    "due_counts",
    "end_of_day",
    "forecast",
    "mastery",
    "recall",
    "review",
]

RATINGS: dict[str, Rating] = {
    "again": Rating.Again,
    "hard": Rating.Hard,
    "good": Rating.Good,
    "easy": Rating.Easy,
}
RATING_LABELS = {
    Rating.Again: "Again",
    Rating.Hard: "Hard",
    Rating.Good: "Good",
    Rating.Easy: "Easy",
}

# Fuzzing spreads due dates randomly; off, so a schedule is reproducible and testable.
_SCHEDULER = Scheduler(enable_fuzzing=False)


@dataclass(frozen=True)
class CardState:
    """The stored part of an fsrs card for one student and question."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reviews: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reviews": self.reviews,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CardState:
        last = data.get("last_review")
        return cls(
            int(data["state"]),
            data.get("step"),
            data.get("stability"),
            data.get("difficulty"),
            aware(datetime.fromisoformat(data["due"])),
            aware(datetime.fromisoformat(last)) if last else None,
            int(data.get("reviews", 0)),
        )


def default_rating(score: float, correct: bool) -> Rating:
    """The rating a grade implies: right = Good, partly right = Hard, wrong = Again."""
    if correct:
        return Rating.Good
    return Rating.Hard if score >= 0.5 else Rating.Again


def review(card: CardState | None, rating: Rating, now: datetime) -> CardState:
    """Apply one rating at *now* to *card* (None for a question never reviewed)."""
    now = aware(now)
    fsrs_card = Card(card_id=1, due=now) if card is None else _fsrs_card(card)
    reviews = 0 if card is None else card.reviews
    updated, _log = _SCHEDULER.review_card(fsrs_card, rating, review_datetime=now)
    return CardState(
        int(updated.state),
        updated.step,
        updated.stability,
        updated.difficulty,
        aware(updated.due),
        aware(updated.last_review) if updated.last_review else now,
        reviews + 1,
    )


def _fsrs_card(card: CardState) -> Card:
    return Card(
        card_id=1,
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=aware(card.due),
        last_review=aware(card.last_review) if card.last_review else None,
    )


def recall(card: CardState, now: datetime) -> float:
    """The probability the student recalls the answer at *now* (fsrs' retrievability)."""
    return float(_SCHEDULER.get_card_retrievability(_fsrs_card(card), aware(now)))


def is_due(card: CardState, now: datetime) -> bool:
    return aware(card.due) <= aware(now)


def end_of_day(now: datetime) -> datetime:
    now = aware(now)
    return datetime.combine(now.date(), time.max, tzinfo=now.tzinfo)


@dataclass(frozen=True)
class DueCounts:
    now: int
    today: int  # due by the end of today, including those due now


def due_counts(dues: Iterable[datetime], now: datetime) -> DueCounts:
    dues = [aware(d) for d in dues]
    horizon = end_of_day(now)
    return DueCounts(sum(d <= aware(now) for d in dues), sum(d <= horizon for d in dues))


def forecast(dues: Iterable[datetime], now: datetime, days: int = 7) -> list[tuple[date, int]]:
    """Reviews falling due on each of the next *days* days; today includes the overdue."""
    today = aware(now).date()
    counts = {today + timedelta(days=n): 0 for n in range(days)}
    for due in dues:
        day = max(aware(due).date(), today)
        if day in counts:
            counts[day] += 1
    return sorted(counts.items())


def mastery(
    question_ids: Sequence[str],
    last_correct: dict[str, bool],
    dues: dict[str, datetime],
    now: datetime,
) -> float:
    """Share of *question_ids* whose last answer was right and which are not overdue."""
    if not question_ids:
        return 0.0
    mastered = sum(
        1 for q in question_ids if last_correct.get(q) and q in dues and aware(dues[q]) > aware(now)
    )
    return mastered / len(question_ids)
