"""Content: documents, banks and questions, each edit kept as a version.

A question's id is its identity forever; its content is the same mapping a bank file holds
(the exchange format), and each saved change appends a ``QuestionVersion`` whose
``digest`` is the version hash responses record. Documents are versioned the same way, and
a question version remembers which document versions its quotes were checked against.
``CatalogRevision`` is one row, bumped by every change, so each process knows cheaply when
to reload what it serves.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from quiz.store.models.base import Model, When, enum_column, now_utc


class Status(StrEnum):
    """Whether a question is served: active (once it has a checked version), a draft
    (never served), or retired (kept for the record, not served)."""

    ACTIVE = "active"
    DRAFT = "draft"
    RETIRED = "retired"


class Document(Model):
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    position: Mapped[int] = mapped_column(default=100)  # order in the list of documents
    origin: Mapped[str | None] = mapped_column(String(200))  # the file it was imported from
    created_at: Mapped[datetime] = mapped_column(When, default=now_utc)
    retired_at: Mapped[datetime | None] = mapped_column(When)


class DocumentVersion(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("document.id"))
    number: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(String(300))
    short: Mapped[str] = mapped_column(String(100))
    filename: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))  # of title, short name and text
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # None: imported
    created_at: Mapped[datetime] = mapped_column(When, default=now_utc)

    __table_args__ = (UniqueConstraint("document_id", "number", name="uq_document_version_number"),)


class Bank(Model):
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=100)  # order in the list of topics
    origin: Mapped[str | None] = mapped_column(String(200))  # the file it was imported from
    created_at: Mapped[datetime] = mapped_column(When, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(When, default=now_utc)
    retired_at: Mapped[datetime | None] = mapped_column(When)


class QuestionRecord(Model):
    """A question's identity and state; its content is in its versions."""

    __tablename__ = "question"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    bank_id: Mapped[str] = mapped_column(ForeignKey("bank.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)  # order within its bank
    status: Mapped[Status] = mapped_column(
        enum_column(Status, "question_status"), default=Status.DRAFT
    )
    origin: Mapped[str | None] = mapped_column(String(200))  # the file it was imported from
    imported_digest: Mapped[str | None] = mapped_column(String(32))  # that file's version at import
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # work in progress, not yet checked
    draft_author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    draft_at: Mapped[datetime | None] = mapped_column(When)
    # why a draft waits, e.g. an imported question that "needs a source passage"; cleared on publish
    draft_reason: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(When, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(When, default=now_utc)


class QuestionVersion(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"))
    number: Mapped[int] = mapped_column()
    digest: Mapped[str] = mapped_column(String(32))  # the version hash responses record
    bank_id: Mapped[str] = mapped_column(String(80))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)  # the bank file's mapping
    documents: Mapped[dict[str, int]] = mapped_column(
        JSON
    )  # document id -> version number checked against
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # None: imported
    created_at: Mapped[datetime] = mapped_column(When, default=now_utc)

    __table_args__ = (
        UniqueConstraint("question_id", "number", name="uq_question_version_number"),
        Index("ix_question_version_question_digest", "question_id", "digest"),
    )


class CatalogRevision(Model):
    """One row: a number every content change increases."""

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(default=0)
    changed_at: Mapped[datetime] = mapped_column(When, default=now_utc)
