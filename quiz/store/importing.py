"""Importing a folder of bank files and documents (the exchange format), idempotently.

Unchanged content creates nothing; a changed question or document gets a new version; a
question gone from its file, a bank whose file is gone, and a document gone from the index
are retired, never deleted. What the file said at the last import is remembered, so a
browser edit of an imported question is kept until the file itself changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from quiz.domain.banks import Bank as CheckedBank
from quiz.domain.banks import load_banks, parse_bank_file, question_version
from quiz.domain.documents import Library, load_library
from quiz.store import versions
from quiz.store.db import db
from quiz.store.models import Bank, Document, QuestionRecord, Status
from quiz.store.unit import use_case

INDEX = "sources/index.yaml"


class ImportRefused(ValueError):
    """The folder has errors: nothing was imported."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class ImportReport:
    documents_added: int = 0
    documents_changed: int = 0
    questions_added: int = 0
    questions_changed: int = 0
    restored: int = 0
    retired: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        counts = (
            self.documents_added,
            self.documents_changed,
            self.questions_added,
            self.questions_changed,
        )
        return bool(sum(counts) + self.restored or self.retired)

    def __str__(self) -> str:
        return (
            f"documents: {self.documents_added} added, {self.documents_changed} changed; "
            f"questions: {self.questions_added} added, {self.questions_changed} changed, "
            f"{self.restored} restored; {len(self.retired)} retired"
        )


def import_folder(folder: Path, now: datetime) -> ImportReport:
    """Import *folder* (bank files and ``sources/``) in one transaction, or refuse it whole."""
    library = load_library(folder / "sources")
    result = load_banks(folder, library)
    if result.errors:
        raise ImportRefused([str(e) for e in result.errors])
    report = ImportReport()
    with use_case():
        _documents(library, report, now)
        files = {Path(b.file).name for b in result.banks}
        _refuse_browser_ids(result.banks)
        for position, bank in enumerate(result.banks):
            raw = parse_bank_file(folder / Path(bank.file).name)
            _bank(bank, raw, position, report, now)
        _retire_missing_banks(files, report, now)
        if report.changed:
            versions.bump(now)
    return report


def _documents(library: Library, report: ImportReport, now: datetime) -> None:
    listed = set()
    for position, document in enumerate(library):
        listed.add(document.id)
        found = db.session.get(Document, document.id)
        if found is None:
            db.session.add(
                Document(id=document.id, position=position, origin=INDEX, created_at=now)
            )
            db.session.flush()
        else:
            found.position, found.retired_at = position, None
        added = versions.add_document_version(document, None, now)
        if added is not None:
            if added == 1:
                report.documents_added += 1
            else:
                report.documents_changed += 1
    gone = select(Document).where(Document.origin == INDEX, Document.retired_at.is_(None))
    for stored in db.session.execute(gone).scalars():
        if stored.id not in listed:
            stored.retired_at = now
            report.retired.append(f"document {stored.id}")


def _refuse_browser_ids(banks: tuple[CheckedBank, ...]) -> None:
    ids = [q.id for bank in banks for q in bank.questions]
    taken = db.session.execute(
        select(QuestionRecord.id).where(QuestionRecord.id.in_(ids), QuestionRecord.origin.is_(None))
    ).scalars()
    clashes = sorted(taken)
    if clashes:
        raise ImportRefused(
            [
                f"question {q!r}: this id belongs to a question written in the browser; rename it in the file"
                for q in clashes
            ]
        )


def _bank(
    bank: CheckedBank, raw: dict[str, Any], position: int, report: ImportReport, now: datetime
) -> None:
    origin = Path(bank.file).name
    found = db.session.get(Bank, bank.id)
    if found is None:
        found = Bank(id=bank.id, created_at=now)
        db.session.add(found)
    found.title, found.description, found.position = bank.title, bank.description, bank.order
    found.origin, found.retired_at, found.updated_at = origin, None, now
    db.session.flush()
    checked = {q.id: q for q in bank.questions}
    for place, content in enumerate(raw["questions"]):
        question = checked[str(content["id"])]
        documents = {p.document for p in question.passages}
        _question(content, _Place(bank.id, origin, place), documents, report, now)
    present = set(checked)
    stale = select(QuestionRecord).where(
        QuestionRecord.origin == origin, QuestionRecord.status != Status.RETIRED
    )
    for record in db.session.execute(stale).scalars():
        if record.id not in present:
            record.status, record.updated_at = Status.RETIRED, now
            report.retired.append(f"question {record.id}")


@dataclass(frozen=True)
class _Place:
    """Where a question stands in the files: its bank, the bank's file, its position."""

    bank_id: str
    origin: str
    position: int


def _question(
    content: dict[str, Any], where: _Place, documents: set[str], report: ImportReport, now: datetime
) -> None:
    bank_id, origin, place = where.bank_id, where.origin, where.position
    digest = question_version(content)
    record = db.session.get(QuestionRecord, str(content["id"]))
    if (
        record is not None
        and record.imported_digest == digest
        and record.status is not Status.RETIRED
    ):
        record.bank_id, record.position = bank_id, place  # moved in its file: no new version
        return
    if record is None:
        record = QuestionRecord(id=str(content["id"]), bank_id=bank_id, created_at=now)
        db.session.add(record)
        db.session.flush()
    record.bank_id, record.position, record.origin = bank_id, place, origin
    record.status, record.imported_digest, record.updated_at = Status.ACTIVE, digest, now
    number = versions.add_question_version(record.id, bank_id, content, documents, None, now)
    if number == 1:
        report.questions_added += 1
    elif number is not None:
        report.questions_changed += 1
    else:
        report.restored += 1  # back in its file, as it was


def _retire_missing_banks(files: set[str], report: ImportReport, now: datetime) -> None:
    imported = select(Bank).where(Bank.origin.is_not(None), Bank.retired_at.is_(None))
    for bank in db.session.execute(imported).scalars():
        if bank.origin not in files:
            bank.retired_at = now
            report.retired.append(f"bank {bank.id}")
