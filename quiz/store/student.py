"""What one student's own pages read: results per bank, last answers, activity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select

from quiz.domain.attempts import Mode
from quiz.domain.times import aware
from quiz.store.db import db
from quiz.store.models import Attempt, Response
from quiz.store.scoring import BankCell, bank_cells, closed, counted, ended, percent


def bank_stats(user_id: int, now: datetime) -> dict[str, BankCell]:
    """Per bank: the student's counted attempts, best, latest and mean percent."""
    return bank_cells(now, user_id=user_id).get(user_id, {})


def last_results(user_id: int, now: datetime) -> dict[str, bool]:
    """Per question, whether the user's most recent answer to it was right; answers in an
    exam still open are left out (the exam holds back whether they were right)."""
    latest = (
        select(Response.question_id, func.max(Response.id).label("rid"))
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(Response.user_id == user_id, or_(Attempt.mode != Mode.EXAM, closed(now)))
        .group_by(Response.question_id)
        .subquery()
    )
    query = select(Response.question_id, Response.correct).join(latest, Response.id == latest.c.rid)
    return {q: bool(c) for q, c in db.session.execute(query)}


@dataclass(frozen=True)
class Result:
    """One counted attempt: when it ended, at which bank, its percent."""

    ended: datetime
    bank_id: str
    percent: float


def results_over_time(user_id: int, now: datetime) -> list[Result]:
    """The student's counted attempts, oldest first."""
    query = (
        select(ended(), Attempt.bank_id, percent())
        .where(Attempt.user_id == user_id, *counted(now))
        .order_by(ended(), Attempt.id)
    )
    return [Result(aware(e), b or "", float(p or 0.0)) for e, b, p in db.session.execute(query)]


def answer_times(user_id: int) -> list[datetime]:
    """When the student submitted each of their answers."""
    query = select(Response.submitted_at).where(Response.user_id == user_id)
    return [aware(moment) for moment in db.session.execute(query).scalars()]
