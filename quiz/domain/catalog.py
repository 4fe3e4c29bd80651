"""The banks and documents the app serves: one immutable snapshot, plain Python."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quiz.domain.banks import Bank, BankError, load_banks
from quiz.domain.documents import Library, load_library
from quiz.domain.questions import Question


@dataclass(frozen=True)
class Catalog:
    library: Library
    banks: dict[str, Bank]
    errors: tuple[BankError, ...] = ()
    questions: dict[str, Question] = field(default_factory=dict)

    @classmethod
    def load(cls, questions_dir: Path) -> Catalog:
        """The banks in *questions_dir* and the documents in its ``sources/``."""
        library = load_library(questions_dir / "sources")
        result = load_banks(questions_dir, library)
        banks = {b.id: b for b in sorted(result.banks, key=lambda b: (b.order, b.title))}
        questions = {q.id: q for b in result.banks for q in b.questions}
        return cls(library, banks, result.errors, questions)

    def bank_title(self, bank_id: str | None) -> str | None:
        bank = self.banks.get(bank_id or "")
        return bank.title if bank else None

    def document_title(self, document_id: str | None) -> str | None:
        document = self.library.get(document_id or "")
        return document.title if document else None
