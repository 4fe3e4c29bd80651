"""The banks and documents the app serves: one immutable snapshot, plain Python.

A catalog is built from plain sources (the database's current versions, or a folder of bank
files) through the same checker as a bank file. Built from the database, a question that
fails its checks (say, its quote left a new version of its document) is left out and
reported, while the rest of its bank is served.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quiz.domain.banks import Bank, BankError, check_question, load_banks
from quiz.domain.documents import Document, Library, load_library
from quiz.domain.questions import Question


@dataclass(frozen=True)
class DocumentSource:
    """One document version as stored."""

    id: str
    title: str
    short: str
    filename: str
    text: str
    version: int = 1

    def document(self) -> Document:
        return Document.from_text(
            self.id, self.title, self.filename, self.text, self.short, self.version
        )


@dataclass(frozen=True)
class BankSource:
    """One bank as stored: its header and its served questions' content, in order."""

    id: str
    title: str
    description: str
    order: int
    questions: Sequence[Mapping[str, Any]]


def library_of(documents: Iterable[DocumentSource]) -> Library:
    return Library({d.id: d.document() for d in documents})


@dataclass(frozen=True)
class Catalog:
    library: Library
    banks: dict[str, Bank]
    errors: tuple[BankError, ...] = ()
    questions: dict[str, Question] = field(default_factory=dict)
    revision: int = 0

    @classmethod
    def load(cls, questions_dir: Path) -> Catalog:
        """The banks in *questions_dir* and the documents in its ``sources/`` (files)."""
        library = load_library(questions_dir / "sources")
        result = load_banks(questions_dir, library)
        return cls.of(library, result.banks, result.errors)

    @classmethod
    def of(
        cls,
        library: Library,
        banks: Iterable[Bank],
        errors: Iterable[BankError] = (),
        revision: int = 0,
    ) -> Catalog:
        ordered = {b.id: b for b in sorted(banks, key=lambda b: (b.order, b.title))}
        questions = {q.id: q for b in ordered.values() for q in b.questions}
        return cls(library, ordered, tuple(errors), questions, revision)

    @classmethod
    def build(
        cls, documents: Iterable[DocumentSource], banks: Iterable[BankSource], revision: int = 0
    ) -> Catalog:
        """Check every stored question against the current documents; serve those that pass."""
        library = library_of(documents)
        built: list[Bank] = []
        errors: list[BankError] = []
        for source in banks:
            questions = []
            for raw in source.questions:
                question, problems = check_question(dict(raw), source.id, library)
                qid = str(raw.get("id", "?"))
                errors += [BankError(source.id, qid, name, message) for name, message in problems]
                if question is not None:
                    questions.append(question)
            built.append(
                Bank(
                    source.id,
                    source.title,
                    source.description,
                    source.id,
                    tuple(questions),
                    source.order,
                )
            )
        return cls.of(library, built, errors, revision)

    def bank_title(self, bank_id: str | None) -> str | None:
        bank = self.banks.get(bank_id or "")
        return bank.title if bank else None

    def document_title(self, document_id: str | None) -> str | None:
        document = self.library.get(document_id or "")
        return document.title if document else None


EMPTY = Catalog(Library({}), {})
