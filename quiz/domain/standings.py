"""Where a student stands on an assignment and the grade that counts: their attempts
summed up (a :class:`Record`), the standing (not started, in progress, submitted, late,
missing), the counted grade (best, last, mean), the weighted overall grade and who is at
risk. Plain Python: the store reads the facts, these functions decide."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from quiz.domain.courses import Availability, Counting, Window, availability
from quiz.domain.times import aware


class Standing(StrEnum):
    """Where a student stands on an assignment (a gradebook cell's status)."""

    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    SUBMITTED = "submitted"
    LATE = "late"
    MISSING = "missing"


@dataclass(frozen=True)
class Taken:
    """One of a student's attempts at an assignment, as the store read it."""

    started_at: datetime
    ended_at: datetime | None  # None while open
    percent: float | None


@dataclass(frozen=True)
class Record:
    """A student's attempts at one assignment, summed up: all the gradebook needs (the
    store can read it grouped, one row per student and assignment)."""

    attempts: int
    first_end: datetime | None  # the first submission
    best: float | None  # percent, over the submitted attempts
    mean: float | None
    last: float | None  # of the latest submitted attempt


NO_RECORD = Record(0, None, None, None, None)


def summarise(attempts: Sequence[Taken]) -> Record:
    ended = [a for a in attempts if a.ended_at is not None]
    scored = [(aware(a.ended_at), a.percent) for a in ended if a.percent is not None and a.ended_at]
    percents = [p for _, p in scored if p is not None]
    return Record(
        len(attempts),
        min((aware(a.ended_at) for a in ended if a.ended_at), default=None),
        max(percents, default=None),
        sum(percents) / len(percents) if percents else None,
        max(scored, key=lambda s: s[0])[1] if scored else None,
    )


def standing(attempts: Sequence[Taken], window: Window, now: datetime) -> Standing:
    return standing_of(summarise(attempts), window, now)


def standing_of(
    record: Record, window: Window, now: datetime, state: Availability | None = None
) -> Standing:
    """Where the student stands (*state*: the window's availability now, when known)."""
    if record.first_end is not None:
        late = window.due_at is not None and aware(record.first_end) > aware(window.due_at)
        return Standing.LATE if late else Standing.SUBMITTED
    if record.attempts:
        return Standing.IN_PROGRESS
    past = (state or availability(window, now)) in (Availability.CLOSED, Availability.LATE)
    return Standing.MISSING if past else Standing.NOT_STARTED


def grade(attempts: Sequence[Taken], counting: Counting) -> float | None:
    """The percent that counts, from the submitted attempts, or None before any."""
    return grade_of(summarise(attempts), counting)


def grade_of(record: Record, counting: Counting) -> float | None:
    if counting is Counting.BEST:
        return record.best
    if counting is Counting.LAST:
        return record.last
    return record.mean


def overall(
    grades: Mapping[int, float | None], weights: Mapping[int, float], missing: set[int]
) -> float | None:
    """The weighted mean of the assignments' grades; a missing one counts 0, one not yet
    due is left out."""
    parts: list[tuple[float, float]] = []
    for assignment, value in grades.items():
        if assignment in missing:
            parts.append((0.0, weights.get(assignment, 1.0)))
        elif value is not None:
            parts.append((value, weights.get(assignment, 1.0)))
    total = sum(w for _, w in parts)
    return None if not total else sum(g * w for g, w in parts) / total


def at_risk(standings: Sequence[Standing], total: float | None, threshold: float) -> bool:
    """A student to look at: something missing, or an overall grade under the threshold."""
    return Standing.MISSING in standings or (total is not None and total < threshold)
