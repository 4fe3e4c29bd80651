"""Appending versions of documents and questions, and the catalog's revision. Used inside
the callers' transactions (import, authoring): nothing here commits."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from quiz.domain.banks import question_version
from quiz.domain.documents import Document
from quiz.store.db import db
from quiz.store.models import CatalogRevision, DocumentVersion, QuestionVersion


def bump(now: datetime) -> None:
    """Tell every process the content changed (they compare this number before serving)."""
    statement = update(CatalogRevision).where(CatalogRevision.id == 1)
    db.session.execute(statement.values(revision=CatalogRevision.revision + 1, changed_at=now))


def _latest(model: Any, key: Any, value: str) -> Any:
    query = select(model).where(key == value).order_by(model.number.desc()).limit(1)
    return db.session.execute(query).scalar_one_or_none()


def add_document_version(document: Document, author_id: int | None, now: datetime) -> int | None:
    """A new version of *document* when its title, short name or text changed; its number,
    or None when nothing changed."""
    latest = _latest(DocumentVersion, DocumentVersion.document_id, document.id)
    if latest is not None and latest.digest == document.digest:
        return None
    number = 1 if latest is None else latest.number + 1
    db.session.add(
        DocumentVersion(
            document_id=document.id,
            number=number,
            title=document.title,
            short=document.short,
            filename=document.filename,
            text=document.text,
            digest=document.digest,
            author_id=author_id,
            created_at=now,
        )
    )
    db.session.flush()
    return number


def document_numbers(ids: Iterable[str]) -> dict[str, int]:
    """The current version number of each document in *ids*."""
    wanted = sorted(set(ids))
    query = (
        select(DocumentVersion.document_id, func.max(DocumentVersion.number))
        .where(DocumentVersion.document_id.in_(wanted))
        .group_by(DocumentVersion.document_id)
    )
    return {doc: int(n) for doc, n in db.session.execute(query)}


def add_question_version(
    question_id: str,
    bank_id: str,
    content: dict[str, Any],
    documents: Iterable[str],
    author_id: int | None,
    now: datetime,
) -> int | None:
    """A new version of a question when its content changed; its number, or None."""
    digest = question_version(content)
    latest = _latest(QuestionVersion, QuestionVersion.question_id, question_id)
    if latest is not None and latest.digest == digest and latest.bank_id == bank_id:
        return None
    number = 1 if latest is None else latest.number + 1
    db.session.add(
        QuestionVersion(
            question_id=question_id,
            number=number,
            digest=digest,
            bank_id=bank_id,
            content=content,
            documents=document_numbers(documents),
            author_id=author_id,
            created_at=now,
        )
    )
    db.session.flush()
    return number


def latest_question_version(question_id: str) -> QuestionVersion | None:
    found: QuestionVersion | None = _latest(
        QuestionVersion, QuestionVersion.question_id, question_id
    )
    return found
