"""A student's study settings: daily limits of new questions and of reviews."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select

from quiz.domain.study import DEFAULT_LIMITS, Limits
from quiz.store.db import db
from quiz.store.models import StudySettings
from quiz.store.unit import use_case

# Built once: every first answer to a question reads it
_LIMITS = select(StudySettings.new_per_day, StudySettings.reviews_per_day).where(
    StudySettings.user_id == bindparam("user_id")
)


def limits_of(user_id: int) -> Limits:
    """The student's limits, or the defaults when they never changed them."""
    found = db.session.execute(_LIMITS, {"user_id": user_id}).first()
    return DEFAULT_LIMITS if found is None else Limits(*found)


def save_limits(user_id: int, limits: Limits, now: datetime) -> None:
    with use_case() as session:
        row = session.get(StudySettings, user_id)
        if row is None:
            row = StudySettings(user_id=user_id)
            session.add(row)
        row.new_per_day, row.reviews_per_day = limits.new_per_day, limits.reviews_per_day
        row.updated_at = now
