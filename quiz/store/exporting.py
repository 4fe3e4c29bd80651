"""Writing the database's content back to the exchange format: bank files and sources/.

Importing what was exported changes nothing: each question is written as its current
version's mapping, each document as its current version, under the names it came with.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from quiz.store.content import document_sources, latest_versions
from quiz.store.db import db
from quiz.store.models import Bank, QuestionRecord, QuestionVersion, Status


@dataclass(frozen=True)
class ExportReport:
    banks: int
    questions: int
    documents: int


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def export_folder(folder: Path) -> ExportReport:
    """Write every bank in service and every document to *folder*."""
    sources = folder / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    documents = document_sources()
    index = []
    for doc in documents:
        name = doc.filename or f"{doc.id}.txt"
        (sources / name).write_text(doc.text, encoding="utf-8")
        index.append({"id": doc.id, "title": doc.title, "short": doc.short, "file": name})
    (sources / "index.yaml").write_text(_dump(index), encoding="utf-8")
    latest = latest_versions(QuestionVersion, QuestionVersion.question_id)
    banks = db.session.execute(
        select(Bank).where(Bank.retired_at.is_(None)).order_by(Bank.position)
    ).scalars()
    written = 0
    count = 0
    for bank in banks:
        query = (
            select(QuestionVersion.content)
            .join(latest, QuestionVersion.question_id == latest.c.key)
            .join(QuestionRecord, QuestionRecord.id == QuestionVersion.question_id)
            .where(QuestionVersion.number == latest.c.number)
            .where(QuestionRecord.bank_id == bank.id, QuestionRecord.status == Status.ACTIVE)
            .order_by(QuestionRecord.position, QuestionRecord.id)
        )
        questions = list(db.session.execute(query).scalars())
        data = {
            "id": bank.id,
            "title": bank.title,
            "description": bank.description,
            "order": bank.position,
        }
        (folder / (bank.origin or f"{bank.id}.yaml")).write_text(
            _dump({**data, "questions": questions}), encoding="utf-8"
        )
        written += 1
        count += len(questions)
    return ExportReport(written, count, len(documents))
