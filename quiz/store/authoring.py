"""Authoring in the browser: banks, questions and documents, each save one transaction.

The caller (a view) has run the checker; here a question's checked content becomes a new
version (or a draft, which is kept but never served), and every change that alters what
students are served moves the content's revision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from quiz.domain.documents import Document as CheckedDocument
from quiz.store import catalog, versions
from quiz.store.db import db
from quiz.store.models import Bank, Document, QuestionRecord, Status
from quiz.store.unit import use_case


class AuthoringError(ValueError):
    """A save that would break an identity (an id already taken): nothing was stored."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _changed(now: datetime) -> None:
    versions.bump(now)
    catalog.forget()


def create_bank(bank_id: str, title: str, description: str, now: datetime) -> None:
    with use_case() as session:
        if session.get(Bank, bank_id) is not None:
            raise AuthoringError(
                "id", f"a bank with the id {bank_id!r} exists already; choose another"
            )
        last = session.scalar(select(func.max(Bank.position))) or 0
        session.add(
            Bank(
                id=bank_id, title=title, description=description, position=last + 1, created_at=now
            )
        )
        _changed(now)


def update_bank(bank_id: str, title: str, description: str, now: datetime) -> None:
    with use_case() as session:
        bank = session.get(Bank, bank_id)
        if bank is None:
            raise AuthoringError("id", "that bank does not exist")
        bank.title, bank.description, bank.updated_at = title, description, now
        _changed(now)


def set_bank_retired(bank_id: str, retired: bool, now: datetime) -> None:
    with use_case() as session:
        bank = session.get(Bank, bank_id)
        if bank is not None:
            bank.retired_at = now if retired else None
            _changed(now)


def move_bank(bank_id: str, step: int, now: datetime) -> None:
    """Move a bank one place up (step -1) or down (+1) in the list of topics."""
    with use_case() as session:
        banks = list(session.execute(select(Bank).order_by(Bank.position, Bank.id)).scalars())
        at = next((n for n, b in enumerate(banks) if b.id == bank_id), None)
        if at is None or not 0 <= at + step < len(banks):
            return
        banks[at], banks[at + step] = banks[at + step], banks[at]
        for position, bank in enumerate(banks, 1):
            bank.position = position
        _changed(now)


@dataclass(frozen=True)
class Save:
    """A question to store: its checked content (or a draft) and who saves it when."""

    question_id: str
    bank_id: str
    content: dict[str, Any]
    documents: Iterable[str]
    author_id: int
    now: datetime


def publish(save: Save, new: bool) -> int | None:
    """Store a checked question as its next version and serve it; the version's number, or
    None when nothing changed."""
    with use_case() as session:
        record = _record(save, new)
        number = versions.add_question_version(
            save.question_id, save.bank_id, save.content, save.documents, save.author_id, save.now
        )
        if record.status is not Status.RETIRED:
            record.status = Status.ACTIVE
        record.bank_id, record.updated_at = save.bank_id, save.now
        record.draft, record.draft_author_id, record.draft_at = None, None, None
        record.draft_reason = None
        session.flush()
        _changed(save.now)
    return number


def save_draft(save: Save, new: bool) -> None:
    """Keep work in progress (errors and all) without serving it."""
    with use_case():
        record = _record(save, new)
        record.draft, record.draft_author_id, record.draft_at = (
            save.content,
            save.author_id,
            save.now,
        )


def _record(save: Save, new: bool) -> QuestionRecord:
    record = db.session.get(QuestionRecord, save.question_id)
    if new and record is not None:
        raise AuthoringError(
            "id", f"the id {save.question_id!r} is taken by another question; choose another"
        )
    if record is None:
        last = db.session.scalar(
            select(func.max(QuestionRecord.position)).where(QuestionRecord.bank_id == save.bank_id)
        )
        record = QuestionRecord(
            id=save.question_id,
            bank_id=save.bank_id,
            position=(last or 0) + 1,
            status=Status.DRAFT,
            created_at=save.now,
            updated_at=save.now,
        )
        db.session.add(record)
        db.session.flush()
    return record


def set_question_retired(question_id: str, retired: bool, now: datetime) -> None:
    """Retire a question (kept, not served) or bring it back (served again if it has a
    checked version, otherwise a draft)."""
    with use_case():
        record = db.session.get(QuestionRecord, question_id)
        if record is None:
            return
        if retired:
            record.status = Status.RETIRED
        else:
            has_version = versions.latest_question_version(question_id) is not None
            record.status = Status.ACTIVE if has_version else Status.DRAFT
        record.updated_at = now
        _changed(now)


def save_document(
    document: CheckedDocument, author_id: int, now: datetime, new: bool
) -> int | None:
    """Store a document's next version (a new document when *new*); its number, or None
    when nothing changed."""
    with use_case() as session:
        found = session.get(Document, document.id)
        if new and found is not None:
            raise AuthoringError(
                "id", f"a document with the id {document.id!r} exists already; choose another"
            )
        if found is None:
            last = session.scalar(select(func.max(Document.position))) or 0
            session.add(Document(id=document.id, position=last + 1, created_at=now))
            session.flush()
        number = versions.add_document_version(document, author_id, now)
        if number is not None:
            _changed(now)
    return number
