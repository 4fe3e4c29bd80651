"""Attempts and the responses given in them."""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quiz.domain import attempts as rules
from quiz.domain.attempts import Kind, Mode, Plan
from quiz.domain.layout import LayoutEntry, from_json
from quiz.store.models.base import Model, When, enum_column, now_utc

if TYPE_CHECKING:
    from quiz.store.models.accounts import User


class Attempt(Model):
    """One run through a set of questions. ``layout`` fixes what was shown, in order.

    ``score`` and ``answered`` are kept with each answer (the sum of the responses' scores
    and their number), so an attempt that closes by its deadline has its score without
    another write, and the last answer finishes it in the same statement.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    kind: Mapped[Kind] = mapped_column(enum_column(Kind, "attempt_kind"), default=Kind.TOPIC)
    mode: Mapped[Mode] = mapped_column(enum_column(Mode, "attempt_mode"), default=Mode.PRACTICE)
    bank_id: Mapped[str | None] = mapped_column(String(80))  # topic and retry attempts
    document_id: Mapped[str | None] = mapped_column(String(80))  # passage attempts
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id"))
    layout: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # see quiz.domain.layout
    started_at: Mapped[datetime] = mapped_column(When, default=now_utc)
    finished_at: Mapped[datetime | None] = mapped_column(When)
    deadline_at: Mapped[datetime | None] = mapped_column(When)  # the server enforces it
    score: Mapped[float] = mapped_column(default=0.0)
    answered: Mapped[int] = mapped_column(default=0, server_default="0")  # responses so far
    max_score: Mapped[int] = mapped_column(default=0)
    time_limit_s: Mapped[int | None] = mapped_column()
    # Exam delivery: the positions (1-based) the student flagged to come back to.
    flagged: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")
    # The student threw the unfinished attempt away: hidden from them, never counted.
    discarded_at: Mapped[datetime | None] = mapped_column(When)

    user: Mapped[User] = relationship(back_populates="attempts")
    responses: Mapped[list[Response]] = relationship(
        back_populates="attempt", order_by="Response.position"
    )

    __table_args__ = (
        Index("ix_attempt_bank_user", "bank_id", "user_id"),
        Index(  # covering: a class's gradebook reads only this index
            "ix_attempt_assignment_user",
            "assignment_id",
            "user_id",
            "discarded_at",
            "started_at",
            "finished_at",
            "deadline_at",
            "score",
            "max_score",
        ),
        # Covering indexes: the gradebook's scores and item analysis's first attempts are
        # read without touching the rows, where ``layout`` is large (docs/performance.md).
        Index(
            "ix_attempt_user_bank_scores",
            "user_id",
            "bank_id",
            "kind",
            "finished_at",
            "deadline_at",
            "score",
            "max_score",
        ),
        Index(
            "ix_attempt_bank_user_started",
            "bank_id",
            "user_id",
            "kind",
            "started_at",
            "finished_at",
            "deadline_at",
        ),
        # Every page of a logged-in student asks whether they have an exam open: answered
        # from this index alone, however many attempts they have.
        Index("ix_attempt_user_open", "user_id", "mode", "finished_at", "deadline_at"),
    )

    @cached_property
    def entries(self) -> list[LayoutEntry]:
        return from_json(self.layout)

    def entry(self, position: int) -> LayoutEntry | None:
        """The question at *position* (1-based), or None outside the attempt (one entry
        read, not the whole layout: a question page needs only its own)."""
        if not 1 <= position <= len(self.layout):
            return None
        if "entries" in self.__dict__:
            return self.entries[position - 1]
        return LayoutEntry.from_json(self.layout[position - 1])

    @property
    def plan(self) -> Plan:
        """What the attempt was started as (its questions' order aside)."""
        return Plan(self.kind, self.mode, self.bank_id, self.document_id, self.time_limit_s)

    @property
    def size(self) -> int:
        return len(self.layout)

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    def ended(self, now: datetime) -> datetime | None:
        """When it closed (finished, or its deadline passed), or None while open."""
        return rules.ended_at(self.finished_at, self.deadline_at, now)

    def time_is_up(self, now: datetime) -> bool:
        return rules.time_is_up(self.deadline_at, self.finished_at, now)

    @property
    def is_exam(self) -> bool:
        return self.mode is Mode.EXAM

    @property
    def percent(self) -> float | None:
        return rules.percent(self.score, self.max_score)


class Response(Model):
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
    answer_text: Mapped[str] = mapped_column(Text)  # what the student chose, readable
    key_text: Mapped[str] = mapped_column(Text)  # the key at that version, readable
    score: Mapped[float] = mapped_column()
    correct: Mapped[bool] = mapped_column()
    original_score: Mapped[float | None] = mapped_column()  # before an instructor's override
    submitted_at: Mapped[datetime] = mapped_column(When, default=now_utc)

    attempt: Mapped[Attempt] = relationship(back_populates="responses")

    __table_args__ = (
        UniqueConstraint("attempt_id", "question_id", name="uq_response_attempt_question"),
        Index("ix_response_bank_question", "bank_id", "question_id"),
        Index("ix_response_user_submitted", "user_id", "submitted_at"),  # "last active"
        Index("ix_response_question_score", "question_id", "score"),  # facility from the index
    )
