"""A student's open exams, as the domain's :class:`~quiz.domain.exams.OpenExam`: what
they forbid is decided in :mod:`quiz.domain.exams`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from quiz.domain.attempts import Mode
from quiz.domain.exams import OpenExam
from quiz.store.db import db
from quiz.store.models import Attempt
from quiz.store.scoring import still_open


def open_exams(user_id: int, now: datetime) -> list[OpenExam]:
    """The student's exams not finished and within their time."""
    query = select(Attempt.id, Attempt.bank_id, Attempt.layout).where(
        Attempt.user_id == user_id, Attempt.mode == Mode.EXAM, *still_open(now)
    )
    return [
        OpenExam(attempt_id, bank_id, frozenset(str(e["question_id"]) for e in layout))
        for attempt_id, bank_id, layout in db.session.execute(query)
    ]
