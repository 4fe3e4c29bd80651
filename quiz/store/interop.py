"""Imports and exports of other formats: keeping an uploaded file until its preview is
confirmed, storing a confirmed plan as drafts in one transaction, and reading a bank's
content or a student's questions for an export."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from quiz.domain.interop.model import BankContent
from quiz.domain.interop.plan import Existing, Plan
from quiz.store import catalog, versions
from quiz.store.content import latest_versions
from quiz.store.db import db
from quiz.store.models import (
    Bank,
    ContentImport,
    QuestionRecord,
    QuestionVersion,
    ReviewCard,
    Status,
)
from quiz.store.unit import use_case


class AlreadyImported(ValueError):
    """The import was confirmed before: nothing was stored again."""


def save_upload(
    filename: str, fmt: str, bank_id: str, data: bytes, author_id: int, now: datetime
) -> int:
    """Keep an uploaded file for its preview; its id."""
    with use_case() as session:
        upload = ContentImport(
            filename=filename[:200],
            format=fmt,
            bank_id=bank_id,
            data=data,
            author_id=author_id,
            uploaded_at=now,
        )
        session.add(upload)
        session.flush()
        return upload.id


def upload(import_id: int) -> ContentImport | None:
    return db.session.get(ContentImport, import_id)


def existing() -> Existing:
    """Every stored question's bank (drafts and retired ones too) and every bank's title."""
    questions = {
        qid: bank
        for qid, bank in db.session.execute(select(QuestionRecord.id, QuestionRecord.bank_id))
    }
    banks = {bank: title for bank, title in db.session.execute(select(Bank.id, Bank.title))}
    return Existing(questions, banks)


def store_plan(import_id: int, plan: Plan, author_id: int, now: datetime) -> dict[str, Any]:
    """Store every planned question as a draft (and create the topics it names) in one
    transaction; a summary of what was created."""
    with use_case() as session:
        found = session.get(ContentImport, import_id)
        if found is None or found.imported_at is not None:
            raise AlreadyImported("this import was confirmed already")
        for position, bank in enumerate(
            plan.banks, (session.scalar(select(func.max(Bank.position))) or 0) + 1
        ):
            session.add(
                Bank(
                    id=bank.id,
                    title=bank.title[:300],
                    description=bank.description,
                    position=position,
                    created_at=now,
                    updated_at=now,
                )
            )
        session.flush()
        for planned in plan.questions:
            record = session.get(QuestionRecord, planned.id) or _new_record(
                planned.id, planned.bank_id, now
            )
            record.draft, record.draft_author_id, record.draft_at = planned.content, author_id, now
            record.draft_reason = f"{planned.reason}; imported from {found.filename}"[:300]
            record.updated_at = now
        summary = {
            "questions": len(plan.questions),
            "types": plan.counts(),
            "banks": [b.id for b in plan.banks],
        }
        found.imported_at, found.summary = now, summary
        if plan.banks:
            versions.bump(now)
            catalog.forget()
    return summary


def _new_record(question_id: str, bank_id: str, now: datetime) -> QuestionRecord:
    last = db.session.scalar(
        select(func.max(QuestionRecord.position)).where(QuestionRecord.bank_id == bank_id)
    )
    record = QuestionRecord(
        id=question_id,
        bank_id=bank_id,
        position=(last or 0) + 1,
        status=Status.DRAFT,
        created_at=now,
        updated_at=now,
    )
    db.session.add(record)
    db.session.flush()
    return record


def bank_content(bank_id: str) -> BankContent | None:
    """A bank's header and its served questions' current content, in order."""
    bank = db.session.get(Bank, bank_id)
    if bank is None:
        return None
    latest = latest_versions(QuestionVersion, QuestionVersion.question_id)
    query = (
        select(QuestionVersion.content)
        .join(latest, QuestionVersion.question_id == latest.c.key)
        .join(QuestionRecord, QuestionRecord.id == QuestionVersion.question_id)
        .where(QuestionVersion.number == latest.c.number)
        .where(QuestionRecord.bank_id == bank.id, QuestionRecord.status == Status.ACTIVE)
        .order_by(QuestionRecord.position, QuestionRecord.id)
    )
    questions = tuple(dict(c) for c in db.session.execute(query).scalars())
    return BankContent(bank.id, bank.title, bank.description, questions)


def reviewed_question_ids(user_id: int) -> list[str]:
    """The questions a student has a review card for (every question they answered)."""
    query = (
        select(ReviewCard.question_id).where(ReviewCard.user_id == user_id).order_by(ReviewCard.id)
    )
    return list(db.session.execute(query).scalars())
