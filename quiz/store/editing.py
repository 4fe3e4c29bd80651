"""What the authoring pages read: banks, questions with their states, versions, documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from quiz.domain.catalog import DocumentSource
from quiz.store.content import latest_versions
from quiz.store.db import db
from quiz.store.models import (
    Bank,
    Document,
    DocumentVersion,
    QuestionRecord,
    QuestionVersion,
    Status,
    User,
)


def banks() -> list[Bank]:
    """Every bank, retired ones too, in the order of the topics."""
    return list(db.session.execute(select(Bank).order_by(Bank.position, Bank.id)).scalars())


def bank(bank_id: str) -> Bank | None:
    return db.session.get(Bank, bank_id)


@dataclass(frozen=True)
class QuestionState:
    """A question as its author sees it: state, current content and any draft."""

    id: str
    bank_id: str
    status: Status
    content: dict[str, Any] | None  # the latest checked version
    version: int  # its number (0: never checked)
    draft: dict[str, Any] | None
    draft_at: datetime | None
    updated_at: datetime
    draft_reason: str | None = None  # e.g. an imported question that needs a source passage


def _state(record: QuestionRecord, version: QuestionVersion | None) -> QuestionState:
    return QuestionState(
        record.id,
        record.bank_id,
        record.status,
        dict(version.content) if version else None,
        version.number if version else 0,
        record.draft,
        record.draft_at,
        record.updated_at,
        record.draft_reason,
    )


def bank_questions(bank_id: str) -> list[QuestionState]:
    """Every question of a bank (drafts and retired ones too), in order."""
    latest = latest_versions(QuestionVersion, QuestionVersion.question_id)
    query = (
        select(QuestionRecord, QuestionVersion)
        .outerjoin(latest, latest.c.key == QuestionRecord.id)
        .outerjoin(
            QuestionVersion,
            (QuestionVersion.question_id == QuestionRecord.id)
            & (QuestionVersion.number == latest.c.number),
        )
        .where(QuestionRecord.bank_id == bank_id)
        .order_by(QuestionRecord.position, QuestionRecord.id)
    )
    return [_state(record, version) for record, version in db.session.execute(query)]


def question(question_id: str) -> QuestionState | None:
    record = db.session.get(QuestionRecord, question_id)
    if record is None:
        return None
    version = db.session.execute(
        select(QuestionVersion)
        .where(QuestionVersion.question_id == question_id)
        .order_by(QuestionVersion.number.desc())
        .limit(1)
    ).scalar_one_or_none()
    return _state(record, version)


@dataclass(frozen=True)
class VersionRow:
    number: int
    digest: str
    bank_id: str
    content: dict[str, Any]
    documents: dict[str, int]
    author: str  # "imported" for a version read from a bank file
    created_at: datetime


def history(question_id: str) -> list[VersionRow]:
    """Every version of a question, oldest first."""
    query = (
        select(QuestionVersion, User.username)
        .outerjoin(User, User.id == QuestionVersion.author_id)
        .where(QuestionVersion.question_id == question_id)
        .order_by(QuestionVersion.number)
    )
    return [
        VersionRow(
            v.number,
            v.digest,
            v.bank_id,
            dict(v.content),
            dict(v.documents or {}),
            name or "imported from a bank file",
            v.created_at,
        )
        for v, name in db.session.execute(query)
    ]


@dataclass(frozen=True)
class DocumentRow:
    id: str
    title: str
    short: str
    versions: int
    retired: bool
    updated_at: datetime


def documents() -> list[DocumentRow]:
    """Every document with its current title and how many versions it has."""
    latest = latest_versions(DocumentVersion, DocumentVersion.document_id)
    query = (
        select(Document, DocumentVersion)
        .join(latest, latest.c.key == Document.id)
        .join(
            DocumentVersion,
            (DocumentVersion.document_id == Document.id)
            & (DocumentVersion.number == latest.c.number),
        )
        .order_by(Document.position, Document.id)
    )
    return [
        DocumentRow(d.id, v.title, v.short, v.number, d.retired_at is not None, v.created_at)
        for d, v in db.session.execute(query)
    ]


def document(document_id: str) -> DocumentSource | None:
    """A document's current version."""
    version = db.session.execute(
        select(DocumentVersion)
        .where(DocumentVersion.document_id == document_id)
        .order_by(DocumentVersion.number.desc())
        .limit(1)
    ).scalar_one_or_none()
    if version is None:
        return None
    return DocumentSource(
        version.document_id,
        version.title,
        version.short,
        version.filename,
        version.text,
        version.number,
    )


def question_count(bank_id: str, status: Status) -> int:
    query = select(func.count()).where(
        QuestionRecord.bank_id == bank_id, QuestionRecord.status == status
    )
    return int(db.session.scalar(query) or 0)
