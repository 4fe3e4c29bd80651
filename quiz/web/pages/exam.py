"""What the exam pages show: the navigator and the clock on each question, what "Submit
all" lists, and the result (its review only as :mod:`quiz.web.reveal` allows)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from quiz.domain.attempts import duration
from quiz.domain.catalog import Catalog
from quiz.domain.delivery import NavItem, Outstanding, navigator, outstanding, seconds_left
from quiz.domain.times import aware
from quiz.store import assignments, attempts, content, delivery
from quiz.store.models import Attempt, Response
from quiz.web.pages.feedback import ReviewRow, review_rows, title_of
from quiz.web.reveal import review_open


@dataclass(frozen=True)
class Clock:
    """The exam's deadline (None: no time limit) and the whole seconds left at *now*."""

    deadline: datetime | None
    seconds_left: int | None

    @property
    def minutes_left(self) -> str:
        """The time left as words, for the page without its script: "12 min 5 s"."""
        left = self.seconds_left or 0
        minutes, seconds = divmod(left, 60)
        return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


def exam_title(attempt: Attempt, catalog: Catalog) -> str:
    """The assignment's title for an assignment's exam; the topic's otherwise."""
    found = assignments.get(attempt.assignment_id) if attempt.assignment_id else None
    return found.title if found is not None else title_of(attempt, catalog)


def clock_of(attempt: Attempt, now: datetime) -> Clock:
    deadline = aware(attempt.deadline_at) if attempt.deadline_at else None
    return Clock(deadline, seconds_left(deadline, now))


@dataclass(frozen=True)
class ExamView:
    """One question page of an exam: where it is, the navigator and the clock."""

    title: str
    position: int
    size: int
    nav: list[NavItem]
    answered: bool  # the question on the page has an answer saved
    flagged: bool  # ... and is flagged
    clock: Clock

    @property
    def last(self) -> bool:
        return self.position == self.size


def exam_view(attempt: Attempt, position: int, catalog: Catalog, now: datetime) -> ExamView:
    answered = attempts.answered_positions(attempt.id)
    flagged = delivery.flagged_positions(attempt)
    return ExamView(
        title=exam_title(attempt, catalog),
        position=position,
        size=attempt.size,
        nav=navigator(attempt.size, answered, flagged, position),
        answered=position in answered,
        flagged=position in flagged,
        clock=clock_of(attempt, now),
    )


@dataclass(frozen=True)
class Listed:
    """A question named in the "Submit all" list: its number and its prompt."""

    position: int
    prompt: str


@dataclass(frozen=True)
class SubmitView:
    title: str
    size: int
    answered: int
    left: Outstanding
    unanswered: list[Listed]
    flagged: list[Listed]
    clock: Clock


def submit_view(attempt: Attempt, catalog: Catalog, now: datetime) -> SubmitView:
    answered = attempts.answered_positions(attempt.id)
    left = outstanding(attempt.size, answered, delivery.flagged_positions(attempt))
    return SubmitView(
        title=exam_title(attempt, catalog),
        size=attempt.size,
        answered=len(answered),
        left=left,
        unanswered=_listed(attempt, catalog, left.unanswered),
        flagged=_listed(attempt, catalog, left.flagged),
        clock=clock_of(attempt, now),
    )


def _listed(attempt: Attempt, catalog: Catalog, positions: Iterable[int]) -> list[Listed]:
    out = []
    for n in positions:
        entry = attempt.entry(n)
        q = catalog.questions.get(entry.question_id) if entry else None
        out.append(Listed(n, q.prompt if q else "A question since removed from its bank"))
    return out


@dataclass(frozen=True)
class ResultView:
    """The end of an exam. ``review_open`` alone decides whether ``rows`` may show keys,
    explanations and which answers were right."""

    title: str
    ended: datetime
    time_ran_out: bool
    deadline: datetime | None
    seconds: float | None  # how long it took
    review_open: bool
    rows: list[ReviewRow]
    unanswered: int


def result_view(attempt: Attempt, catalog: Catalog, now: datetime) -> ResultView:
    ended = attempt.ended(now)
    assert ended is not None, "the result of an exam still open"
    deadline = aware(attempt.deadline_at) if attempt.deadline_at else None
    answered: dict[str, Response] = {r.question_id: r for r in attempt.responses}
    ids = [entry.question_id for entry in attempt.entries]
    return ResultView(
        title=exam_title(attempt, catalog),
        ended=ended,
        time_ran_out=deadline is not None and ended >= deadline,
        deadline=deadline,
        seconds=duration(attempt.started_at, ended),
        review_open=review_open(attempt, now),
        rows=review_rows(ids, answered, catalog, content.as_answered),
        unanswered=len(ids) - len(answered),
    )
