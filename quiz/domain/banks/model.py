"""Checked banks, and the errors that reject a bank."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.domain.questions import Question


@dataclass(frozen=True)
class BankError:
    """One problem in a bank file, in words a bank author understands."""

    file: str
    question: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"question {self.question!r}, " if self.question else ""
        return f"{self.file}: {where}field {self.field!r}: {self.message}"


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    description: str
    file: str
    questions: tuple[Question, ...]
    order: int = 100

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class LoadResult:
    banks: tuple[Bank, ...]
    errors: tuple[BankError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors
