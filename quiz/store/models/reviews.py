"""Spaced review: each student's card per question and the log of its ratings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from quiz.store.models.base import Model, When


class ReviewCard(Model):
    """A student's spaced-review state for one question (the fsrs card's fields)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    question_id: Mapped[str] = mapped_column(String(80))
    state: Mapped[int] = mapped_column()
    step: Mapped[int | None] = mapped_column()
    stability: Mapped[float | None] = mapped_column()
    difficulty: Mapped[float | None] = mapped_column()
    due: Mapped[datetime] = mapped_column(When)
    last_review: Mapped[datetime | None] = mapped_column(When)
    reviews: Mapped[int] = mapped_column(default=0)
    # The day the question entered the schedule (at most "new per day" share one), or
    # None for cards made before daily limits: their first due date already stands.
    introduced_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        UniqueConstraint("user_id", "question_id", name="uq_review_card_user_question"),
        Index("ix_review_card_user_due", "user_id", "due"),
    )


class ReviewLog(Model):
    """One rating of one response. ``card_before`` lets a student change the rating."""

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id"), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(80))
    rating: Mapped[int] = mapped_column()
    chosen: Mapped[bool] = mapped_column(default=False)  # False: the default from the grade
    card_before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reviewed_at: Mapped[datetime] = mapped_column(When)
