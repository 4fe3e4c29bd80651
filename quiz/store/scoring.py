"""The one definition of a score that counts, in SQL.

An attempt counts towards a student's results when it is a whole-bank attempt (kind
topic, practice or exam) that has closed: finished, or past its deadline. Its percent is
:func:`quiz.domain.attempts.percent` computed by the database; its end is when it was
finished or, when time ran out, its deadline; "latest" is the one that ended last (ties:
the later attempt).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, or_, select

from quiz.domain.attempts import Kind
from quiz.store.db import db
from quiz.store.models import Attempt


def percent() -> Any:
    return 100.0 * Attempt.score / func.nullif(Attempt.max_score, 0)


def ended() -> Any:
    return func.coalesce(Attempt.finished_at, Attempt.deadline_at)


def closed(now: datetime) -> Any:
    return or_(Attempt.finished_at.is_not(None), Attempt.deadline_at < now)


def still_open(now: datetime | Any) -> list[Any]:
    """The conditions for an attempt still open: not finished, its deadline not passed
    (*now*: a time, or a bound parameter for a statement built once)."""
    return [
        Attempt.finished_at.is_(None),
        or_(Attempt.deadline_at.is_(None), Attempt.deadline_at >= now),
    ]


def counted(now: datetime) -> list[Any]:
    """The conditions for an attempt whose score counts."""
    return [Attempt.kind == Kind.TOPIC, closed(now)]


def between(column: Any, low: datetime | None, high: datetime | None) -> list[Any]:
    """``low <= column < high``, either bound optional."""
    return [
        c
        for c in (column >= low if low else None, column < high if high else None)
        if c is not None
    ]


@dataclass(frozen=True)
class BankCell:
    """A student's counted attempts at one bank."""

    attempts: int
    best: float | None
    latest: float | None
    mean: float | None


def among(column: Any, students: Any) -> list[Any]:
    """``column IN students`` when an instructor's read is limited to their students (a
    subquery of user ids, see quiz.store.courses.visible_students); nothing otherwise."""
    return [] if students is None else [column.in_(students)]


def bank_cells(
    now: datetime,
    user_id: int | None = None,
    low: datetime | None = None,
    high: datetime | None = None,
    students: Any = None,
) -> dict[int, dict[str, BankCell]]:
    """Per student (or just *user_id*, or those in *students*) and bank: counted attempts,
    best, latest and mean percent; with *low*/*high*, only attempts that ended in that range."""
    latest_first = func.row_number().over(
        partition_by=(Attempt.user_id, Attempt.bank_id),
        order_by=(ended().desc(), Attempt.id.desc()),
    )
    conditions = [*counted(now), *between(ended(), low, high), *among(Attempt.user_id, students)]
    if user_id is not None:
        conditions.append(Attempt.user_id == user_id)
    ranked = (
        select(
            Attempt.user_id, Attempt.bank_id, percent().label("pct"), latest_first.label("recent")
        )
        .where(*conditions)
        .subquery()
    )
    latest = func.max(case((ranked.c.recent == 1, ranked.c.pct)))
    query = select(
        ranked.c.user_id,
        ranked.c.bank_id,
        func.count(),
        func.max(ranked.c.pct),
        func.avg(ranked.c.pct),
        latest,
    ).group_by(ranked.c.user_id, ranked.c.bank_id)
    cells: dict[int, dict[str, BankCell]] = {}
    for user, bank_id, count, best, average, last in db.session.execute(query):
        cells.setdefault(user, {})[bank_id] = BankCell(count, best, last, as_float(average))
    return cells


def as_float(value: Any) -> float | None:
    return None if value is None else float(value)  # PostgreSQL's avg() of an int is a Decimal
