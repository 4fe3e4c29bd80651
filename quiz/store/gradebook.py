"""What instructors review, read from the database as plain rows.

Aggregates are computed in SQL (GROUP BY, window functions), so Python sees one row per
student and bank, never a loop over every response. Only portable SQL: the same queries
run on SQLite and PostgreSQL. Scores count as :mod:`quiz.store.scoring` defines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import case, func, select

from quiz.domain.attempts import Kind
from quiz.domain.stats import sorted_empty_last
from quiz.domain.times import aware
from quiz.store.db import db
from quiz.store.models import STUDENT, Attempt, Response, User
from quiz.store.scoring import (
    BankCell,
    among,
    as_float,
    bank_cells,
    between,
    closed,
    counted,
    ended,
    percent,
)

METRICS = ("attempts", "best", "latest", "mean")


def day_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """[start 00:00, the day after end 00:00) in UTC: both dates are included."""
    low = datetime.combine(start, time(), UTC) if start else None
    high = datetime.combine(end + timedelta(days=1), time(), UTC) if end else None
    return low, high


@dataclass(frozen=True)
class StudentRow:
    user_id: int
    username: str
    last_active: datetime | None
    banks: dict[str, BankCell] = field(default_factory=dict)

    def value(self, key: str) -> Any:
        """The value of a sort key: ``student``, ``last_active`` or ``BANK:METRIC``."""
        if key == "student":
            return self.username
        if key == "last_active":
            return self.last_active
        bank, _, metric = key.rpartition(":")
        cell = self.banks.get(bank)
        if cell is None:
            return 0 if metric == "attempts" else None
        return getattr(cell, metric)


def sort_keys(bank_ids: Sequence[str]) -> list[str]:
    return ["student", "last_active", *(f"{b}:{m}" for b in bank_ids for m in METRICS)]


def gradebook(
    now: datetime,
    search: str = "",
    start: date | None = None,
    end: date | None = None,
    students: Any = None,
) -> list[StudentRow]:
    """One row per student (of *students*, when given): per bank attempts, best, latest and
    mean percent, and when the student last answered. With a date range only attempts that
    ended (and answers given) in it count, and students with nothing in it are left out.
    Sorted by user name."""
    low, high = day_bounds(start, end)
    shown = (
        select(User.id, User.username)
        .where(User.role == STUDENT, *among(User.id, students))
        .order_by(User.username)
    )
    if search.strip():
        wanted = search.strip().lower()
        shown = shown.where(func.lower(User.username).contains(wanted, autoescape=True))
    cells = bank_cells(now, low=low, high=high, students=students)
    active = _last_active(low, high, students)
    rows = []
    for user_id, username in db.session.execute(shown):
        banks = cells.get(user_id, {})
        if (low or high) and not banks and user_id not in active:
            continue
        rows.append(StudentRow(user_id, username, aware(active.get(user_id)), banks))
    return rows


def _last_active(low: datetime | None, high: datetime | None, students: Any) -> dict[int, datetime]:
    """Each student's latest answer: one look-up per student in (user_id, submitted_at),
    rather than a GROUP BY that reads the whole index (docs/performance.md)."""
    latest = (
        select(func.max(Response.submitted_at))
        .where(Response.user_id == User.id, *between(Response.submitted_at, low, high))
        .correlate(User)
        .scalar_subquery()
    )
    query = select(User.id, latest).where(User.role == STUDENT, *among(User.id, students))
    return {user_id: moment for user_id, moment in db.session.execute(query) if moment is not None}


def sort_rows(rows: Sequence[StudentRow], key: str, descending: bool = False) -> list[StudentRow]:
    """*rows* sorted by *key* (ties by user name); empty values always go last."""
    by_name = sorted(rows, key=lambda r: r.username)
    return sorted_empty_last(by_name, lambda r: r.value(key), descending)


@dataclass(frozen=True)
class BankOverview:
    bank_id: str
    finished: int
    students: int
    mean: float | None


def bank_overview(now: datetime, students: Any = None) -> dict[str, BankOverview]:
    """Per bank: counted attempts, students who finished one, mean percent."""
    query = (
        select(
            Attempt.bank_id,
            func.count(),
            func.count(func.distinct(Attempt.user_id)),
            func.avg(percent()),
        )
        .where(*counted(now), *among(Attempt.user_id, students))
        .group_by(Attempt.bank_id)
    )
    return {b: BankOverview(b, n, s, as_float(m)) for b, n, s, m in db.session.execute(query)}


@dataclass(frozen=True)
class BankScores:
    started: int
    finished: int
    students_started: int
    students_finished: int
    scores: list[
        tuple[datetime, float]
    ]  # (ended at, percent) of each counted attempt, oldest first


def bank_scores(bank_id: str, now: datetime, students: Any = None) -> BankScores:
    """Completion counts and every counted attempt's percent for one bank."""
    done = closed(now)
    counts = db.session.execute(
        select(
            func.count(),
            func.count(case((done, 1))),
            func.count(func.distinct(Attempt.user_id)),
            func.count(func.distinct(case((done, Attempt.user_id)))),
        ).where(
            Attempt.bank_id == bank_id,
            Attempt.kind == Kind.TOPIC,
            *among(Attempt.user_id, students),
        )
    ).one()
    scores = db.session.execute(
        select(ended(), percent())
        .where(Attempt.bank_id == bank_id, *counted(now), *among(Attempt.user_id, students))
        .order_by(ended())
    ).all()
    return BankScores(*counts, [(aware(t), float(p or 0.0)) for t, p in scores])
