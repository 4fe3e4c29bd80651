"""The home page's data: the topics with the student's scores, what is open, what is due."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from quiz.domain.attempts import Kind
from quiz.domain.catalog import Catalog
from quiz.domain.courses import Availability, availability
from quiz.domain.scheduling import DueCounts
from quiz.domain.study import Limits
from quiz.store import assignments, attempts, reviews, student, study
from quiz.store.assignments import StudentAssignment
from quiz.web.pages.feedback import title_of


@dataclass(frozen=True)
class ReviewBox:
    due: DueCounts
    limits: Limits
    done_today: int
    left_today: int

    @property
    def offered(self) -> int:
        """How many due questions a review session offers now."""
        return min(self.due.now, self.left_today)


@dataclass(frozen=True)
class Home:
    stats: dict[str, Any] = field(default_factory=dict)
    open_attempts: list[tuple[Any, str, int]] = field(
        default_factory=list
    )  # (attempt, title, answered)
    review: ReviewBox | None = None
    open_banks: set[str] = field(default_factory=set)  # topics with a practice attempt to resume
    todo: list[tuple[StudentAssignment, Availability]] = field(default_factory=list)


def home_for(user_id: int | None, catalog: Catalog, now: datetime) -> Home:
    if user_id is None:
        return Home()
    opened = attempts.open_attempts(user_id, now)
    limits, done, left = study.allowance(user_id, now)
    return Home(
        student.bank_stats(user_id, now),
        [(a, title_of(a, catalog), len(a.responses)) for a in opened],
        ReviewBox(reviews.due_counts_for(user_id, now), limits, done, left),
        {a.bank_id for a in opened if a.kind is Kind.TOPIC and not a.is_exam and a.bank_id},
        to_do(user_id, now),
    )


def to_do(user_id: int, now: datetime) -> list[tuple[StudentAssignment, Availability]]:
    """The assignments of the student's classes not yet submitted and still takeable (or
    not open yet), soonest due first, each with whether it is open, late or not yet."""
    out: list[tuple[StudentAssignment, Availability]] = []
    for item in assignments.of_student(user_id, now):
        state = availability(item.window, now)
        submitted = any(t.ended_at is not None for t in item.attempts)
        if not submitted and state is not Availability.CLOSED:
            out.append((item, state))
    return out
