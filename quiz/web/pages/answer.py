"""Around a stored answer: the rating buttons with the interval each would give, and the
appeal ("I think my answer should count") with its state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quiz.domain.appeals import STATUS_LABELS, Status, may_appeal
from quiz.domain.attempts import Mode
from quiz.domain.scheduling import RATING_LABELS, RATINGS, Rating
from quiz.domain.study import interval_label
from quiz.store import appeals, reviews


@dataclass(frozen=True)
class RatingButton:
    value: str  # again, hard, good, easy
    label: str
    key: int  # the keyboard shortcut, 1 to 4
    interval: str  # "10 min", "2 days"
    pressed: bool


@dataclass(frozen=True)
class RatingView:
    buttons: list[RatingButton]
    chosen: bool  # the student chose the rating (else it came from the grade)
    current: str  # the label of the rating in force
    changeable: bool


def rating_view(response: Any) -> RatingView | None:
    """The rating box of a response that fed the schedule (none for exam answers)."""
    log = reviews.review_log(response.id)
    if log is None:
        return None
    shown = reviews.interval_previews(response) or {}
    current = RATING_LABELS[Rating(log.rating)]
    buttons = [
        RatingButton(
            value,
            RATING_LABELS[rating],
            n,
            interval_label(shown[value]) if value in shown else "",
            int(rating) == log.rating,
        )
        for n, (value, rating) in enumerate(RATINGS.items(), 1)
    ]
    return RatingView(buttons, log.chosen, current, bool(shown))


@dataclass(frozen=True)
class AppealView:
    can_appeal: bool
    status: Status | None
    status_label: str
    reply: str


def appeal_view(attempt: Any, response: Any) -> AppealView | None:
    """Whether the student may appeal this answer, or how their appeal stands."""
    flashcard = attempt.mode is Mode.FLASHCARDS
    appeal = appeals.for_response(response.id)
    if appeal is not None:
        return AppealView(False, appeal.status, STATUS_LABELS[appeal.status], appeal.reply)
    if not may_appeal(response.score, flashcard):
        return None
    return AppealView(True, None, "", "")
