"""Persistence: users, attempts and responses. The schema changes only via migrations."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from quiz.extensions import db

STUDENT = "student"
INSTRUCTOR = "instructor"


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=STUDENT)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=now_utc)

    attempts: Mapped[list[Attempt]] = relationship(back_populates="user")

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_instructor(self) -> bool:
        return self.role == INSTRUCTOR


class Attempt(db.Model):
    """One run through a set of questions. ``layout`` fixes what was shown, in order."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    bank_id: Mapped[str] = mapped_column(String(80))
    mode: Mapped[str] = mapped_column(String(20), default="practice")
    # [{"question_id", "version", "order": [...]}, ...] — see quiz.attempts
    layout: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=now_utc)
    finished_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    score: Mapped[float | None] = mapped_column()  # sum of response scores, set when finished
    max_score: Mapped[int] = mapped_column(default=0)
    time_limit_s: Mapped[int | None] = mapped_column()  # exam mode: the server enforces it

    user: Mapped[User] = relationship(back_populates="attempts")
    responses: Mapped[list[Response]] = relationship(
        back_populates="attempt", order_by="Response.position"
    )

    __table_args__ = (
        Index("ix_attempt_bank_user", "bank_id", "user_id"),
        # Covering indexes (migration 0004): the gradebook's scores and item analysis's first
        # attempts are read without touching the rows, where ``layout`` is large.
        Index("ix_attempt_user_bank_scores", "user_id", "bank_id", "finished_at", "mode", "score", "max_score"),
        Index("ix_attempt_bank_user_started", "bank_id", "user_id", "started_at", "finished_at", "mode"),
    )

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def held_back(self) -> bool:
        """Exam mode: feedback and passages wait until the attempt is finished."""
        return self.mode == "exam" and not self.is_finished

    @property
    def percent(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return 100.0 * self.score / self.max_score


class Response(db.Model):
    """A student's answer to one question of one attempt, stored when submitted.

    It keeps the question version answered and, as text, what the student chose and
    what the key was, so the record reads correctly after the bank changes.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    bank_id: Mapped[str] = mapped_column(String(80))
    question_id: Mapped[str] = mapped_column(String(80))
    question_version: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column()
    answer: Mapped[Any] = mapped_column(JSON)  # machine form: ids, mapping, text, order
    answer_text: Mapped[str] = mapped_column(db.Text)  # what the student chose, readable
    key_text: Mapped[str] = mapped_column(db.Text)  # the key at that version, readable
    score: Mapped[float] = mapped_column()
    correct: Mapped[bool] = mapped_column()
    submitted_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=now_utc)

    attempt: Mapped[Attempt] = relationship(back_populates="responses")

    __table_args__ = (
        UniqueConstraint("attempt_id", "question_id", name="uq_response_attempt_question"),
        Index("ix_response_bank_question", "bank_id", "question_id"),
        Index("ix_response_user_submitted", "user_id", "submitted_at"),  # the gradebook's "last active"
        Index("ix_response_question_score", "question_id", "score"),  # facility per question, from the index alone
    )


class ReviewCard(db.Model):
    """A student's spaced-review state for one question (the fsrs card's fields)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    question_id: Mapped[str] = mapped_column(String(80))
    state: Mapped[int] = mapped_column()
    step: Mapped[int | None] = mapped_column()
    stability: Mapped[float | None] = mapped_column()
    difficulty: Mapped[float | None] = mapped_column()
    due: Mapped[datetime] = mapped_column(db.DateTime(timezone=True))
    last_review: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    reviews: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        UniqueConstraint("user_id", "question_id", name="uq_review_card_user_question"),
        Index("ix_review_card_user_due", "user_id", "due"),
    )


class ReviewLog(db.Model):
    """One rating of one response. ``card_before`` lets a student change the rating."""

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id"), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(80))
    rating: Mapped[int] = mapped_column()
    chosen: Mapped[bool] = mapped_column(default=False)  # False: the default from the grade
    card_before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reviewed_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True))
