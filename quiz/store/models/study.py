"""Study settings (daily limits) and appeals against a response's score."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from quiz.domain.appeals import Status
from quiz.store.models.base import Model, When, enum_column, now_utc


class StudySettings(Model):
    """A student's own spaced-review limits; no row: the defaults (domain.study)."""

    __tablename__ = "study_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    new_per_day: Mapped[int] = mapped_column()
    reviews_per_day: Mapped[int] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(When, default=now_utc)


class Appeal(Model):
    """ "I think my answer should count": the student's comment, the instructor's decision.

    ``score_before`` is the response's score when the appeal was made; an accepted appeal
    records the score it gave in ``score_after``, with who decided and when."""

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id"), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    comment: Mapped[str] = mapped_column(Text)
    status: Mapped[Status] = mapped_column(
        enum_column(Status, "appeal_status"), default=Status.OPEN
    )
    created_at: Mapped[datetime] = mapped_column(When, default=now_utc)
    score_before: Mapped[float] = mapped_column()
    score_after: Mapped[float | None] = mapped_column()
    decided_at: Mapped[datetime | None] = mapped_column(When)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reply: Mapped[str] = mapped_column(String(500), default="")

    __table_args__ = (Index("ix_appeal_status_created", "status", "created_at"),)
