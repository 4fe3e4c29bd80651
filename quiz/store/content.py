"""Reading content: what the catalog is built from, and questions as they were answered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from quiz.domain.banks import check_question
from quiz.domain.catalog import BankSource, DocumentSource, library_of
from quiz.domain.documents import Library
from quiz.domain.questions import Question
from quiz.store.db import db
from quiz.store.models import (
    Bank,
    CatalogRevision,
    Document,
    DocumentVersion,
    QuestionRecord,
    QuestionVersion,
    Status,
)


def revision() -> int:
    """The content's revision: one cheap read, compared by every process before it serves."""
    found = db.session.execute(
        select(CatalogRevision.revision).where(CatalogRevision.id == 1)
    ).scalar()
    return int(found or 0)


def latest_versions(model: Any, key: Any) -> Any:
    """A subquery of each item's highest version number, as ``(key, number)``."""
    return select(key.label("key"), func.max(model.number).label("number")).group_by(key).subquery()


def document_sources() -> list[DocumentSource]:
    """Every document's current version, in library order (retired documents left out)."""
    latest = latest_versions(DocumentVersion, DocumentVersion.document_id)
    query = (
        select(DocumentVersion)
        .join(
            latest,
            (DocumentVersion.document_id == latest.c.key)
            & (DocumentVersion.number == latest.c.number),
        )
        .join(Document, Document.id == DocumentVersion.document_id)
        .where(Document.retired_at.is_(None))
        .order_by(Document.position, Document.id)
    )
    return [_document(v) for v in db.session.execute(query).scalars()]


def _document(version: DocumentVersion) -> DocumentSource:
    return DocumentSource(
        version.document_id,
        version.title,
        version.short,
        version.filename,
        version.text,
        version.number,
    )


def bank_sources() -> list[BankSource]:
    """Every bank in service with its active questions' current content, in order."""
    latest = latest_versions(QuestionVersion, QuestionVersion.question_id)
    query = (
        select(QuestionRecord.bank_id, QuestionVersion.content)
        .join(latest, QuestionVersion.question_id == latest.c.key)
        .join(QuestionRecord, QuestionRecord.id == QuestionVersion.question_id)
        .where(QuestionVersion.number == latest.c.number, QuestionRecord.status == Status.ACTIVE)
        .order_by(QuestionRecord.position, QuestionRecord.id)
    )
    contents: dict[str, list[dict[str, Any]]] = {}
    for bank_id, content in db.session.execute(query):
        contents.setdefault(bank_id, []).append(content)
    banks = db.session.execute(select(Bank).where(Bank.retired_at.is_(None))).scalars()
    return [
        BankSource(b.id, b.title, b.description, b.position, contents.get(b.id, [])) for b in banks
    ]


@dataclass(frozen=True)
class AnsweredVersion:
    """A question version as it was when answered, with the documents it was checked against."""

    bank_id: str
    content: dict[str, Any]
    documents: list[DocumentSource]


def answered_version(question_id: str, digest: str) -> AnsweredVersion | None:
    """The version of *question_id* whose hash is *digest*, or None if none was stored."""
    version = db.session.execute(
        select(QuestionVersion)
        .where(QuestionVersion.question_id == question_id, QuestionVersion.digest == digest)
        .order_by(QuestionVersion.number.desc())
        .limit(1)
    ).scalar_one_or_none()
    if version is None:
        return None
    wanted = [(doc, number) for doc, number in (version.documents or {}).items()]
    documents = [
        _document(v)
        for doc, number in wanted
        if (
            v := db.session.execute(
                select(DocumentVersion).where(
                    DocumentVersion.document_id == doc, DocumentVersion.number == number
                )
            ).scalar_one_or_none()
        )
    ]
    return AnsweredVersion(version.bank_id, dict(version.content), documents)


Answered = tuple[Question, Library]
_ANSWERED_LIMIT = 5000  # versions never change: each process keeps the ones it built


def as_answered(question_id: str, digest: str) -> Answered | None:
    """The question as it was at version *digest*, built against the documents it was
    checked against then; None when that version was never stored (or no longer checks)."""
    key = (question_id, digest)
    cache: dict[tuple[str, str], Answered | None] = current_app.extensions.setdefault(
        "quiz_answered", {}
    )
    if key not in cache:
        stored = answered_version(question_id, digest)
        found: Answered | None = None
        if stored is not None:
            library = library_of(stored.documents)
            question, _problems = check_question(stored.content, stored.bank_id, library)
            found = (question, library) if question is not None else None
        if len(cache) >= _ANSWERED_LIMIT:
            cache.clear()
        cache[key] = found
    return cache[key]
