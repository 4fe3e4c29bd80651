"""Spaced review like Anki's: daily limits of new questions and of reviews, the interval
each rating would give (shown on its button), and the statistics panel. Plain Python.

- **New questions per day** (a student's setting): the first answer to a question puts
  it in the schedule. At most this many questions are *introduced* on one day; the first
  answers beyond that are scheduled from the start of the next day with room, so
  practising one long topic does not make all its questions due today.
- **Reviews per day**: the review session offers at most this many due questions a day
  (the answers given in review sessions that day count against it).

Days are UTC days, like every time the app shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from quiz.domain.scheduling import RATINGS, CardState, Rating, review
from quiz.domain.times import aware


@dataclass(frozen=True)
class Limits:
    new_per_day: int = 10
    reviews_per_day: int = 100


DEFAULT_LIMITS = Limits()
NEW_RANGE = (1, 200)
REVIEW_RANGE = (0, 2000)


def introduction_day(today: date, introduced: Mapping[date, int], limit: int) -> date:
    """The first day from *today* on that has room for one more new question."""
    day = today
    while introduced.get(day, 0) >= max(1, limit):
        day += timedelta(days=1)
    return day


def introduce(state: CardState, day: date | None) -> CardState:
    """*state* of a question first answered now, not due before its introduction *day*."""
    if day is None:
        return state
    start = datetime.combine(day, time.min, tzinfo=aware(state.due).tzinfo)
    return state if aware(state.due) >= start else replace(state, due=start)


def schedule_first(
    before: CardState | None, rating: Rating, moment: datetime, day: date | None
) -> CardState:
    """The card after *rating* at *moment*; a question's first review waits for its
    introduction *day*."""
    state = review(before, rating, moment)
    return introduce(state, day) if before is None else state


def previews(before: CardState | None, moment: datetime, day: date | None) -> dict[str, timedelta]:
    """Per rating name: how long until the question comes back if rated so now."""
    return {
        name: aware(schedule_first(before, rating, moment, day).due) - aware(moment)
        for name, rating in RATINGS.items()
    }


def interval_label(span: timedelta) -> str:
    """An interval as Anki shows it on a button: "1 min", "10 min", "5 h", "2 days",
    "3 mo", "1.2 yr"."""
    minutes = max(1, round(span.total_seconds() / 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 24 * 60:
        return f"{round(minutes / 60)} h"
    days = round(minutes / (24 * 60))
    if days < 31:
        return "1 day" if days == 1 else f"{days} days"
    if days < 365:
        return f"{round(days / 30.4)} mo"
    return f"{days / 365:.1f} yr"


def reviews_left(limits: Limits, reviewed_today: int) -> int:
    return max(0, limits.reviews_per_day - reviewed_today)


# ------------------------------------------------------------------- statistics

STATE_NAMES = {1: "Learning", 2: "Review", 3: "Relearning"}


@dataclass(frozen=True)
class Rated:
    """One logged rating: when, which, and the card's state before it (None: new)."""

    at: datetime
    rating: int
    state_before: int | None


@dataclass(frozen=True)
class Stats:
    per_day: list[tuple[date, int]]  # reviews on each of the last days, oldest first
    retention: float | None  # share of reviews of cards in review that were not Again
    retention_reviews: int  # how many reviews that share is of
    by_state: list[tuple[str, int]]  # New, Learning, Review, Relearning


def stats(
    rated: Iterable[Rated],
    card_states: Iterable[int],
    questions: int,
    now: datetime,
    days: int = 14,
) -> Stats:
    """The statistics panel: reviews per day over *days* days, true retention over the
    last 30 days (as Anki counts it: reviews of cards in the review state, passed unless
    rated Again), and cards by state (New: questions not yet in the schedule)."""
    today = aware(now).date()
    ratings = list(rated)
    per_day = Counter(aware(r.at).date() for r in ratings)
    window = [r for r in ratings if r.state_before == 2 and (today - aware(r.at).date()).days < 30]
    passed = sum(r.rating != int(Rating.Again) for r in window)
    states = Counter(card_states)
    by_state = [("New", max(0, questions - sum(states.values())))]
    by_state += [(name, states.get(code, 0)) for code, name in STATE_NAMES.items()]
    return Stats(
        [
            (today - timedelta(days=n), per_day.get(today - timedelta(days=n), 0))
            for n in range(days - 1, -1, -1)
        ],
        passed / len(window) if window else None,
        len(window),
        by_state,
    )
