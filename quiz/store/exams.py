"""A student's open exams, as the domain's :class:`~quiz.domain.exams.OpenExam`: what
they forbid is decided in :mod:`quiz.domain.exams`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select

from quiz.domain.attempts import Mode
from quiz.domain.exams import OpenExam
from quiz.store.db import db
from quiz.store.models import Attempt
from quiz.store.scoring import still_open

# Built once (pages that hold questions back run it on every request)
_OPEN_EXAMS = select(Attempt.id, Attempt.bank_id, Attempt.layout).where(
    Attempt.user_id == bindparam("user_id"),
    Attempt.mode == Mode.EXAM,
    *still_open(bindparam("now", type_=Attempt.deadline_at.type)),
)


def open_exams(user_id: int, now: datetime) -> list[OpenExam]:
    """The student's exams not finished and within their time."""
    return [
        OpenExam(attempt_id, bank_id, frozenset(str(e["question_id"]) for e in layout))
        for attempt_id, bank_id, layout in db.session.execute(
            _OPEN_EXAMS, {"user_id": user_id, "now": now}
        )
    ]


def has_open_exam(user_id: Any, now: Any) -> Any:
    """SQL: whether the student (an id or a column) has an exam open at *now*."""
    return (
        select(Attempt.id)
        .where(Attempt.user_id == user_id, Attempt.mode == Mode.EXAM, *still_open(now))
        .exists()
    )
