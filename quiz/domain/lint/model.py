"""A lint warning and the codes a question can silence."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.domain.questions.base import WARNING_CODES

CODES: tuple[str, ...] = WARNING_CODES


@dataclass(frozen=True)
class Warning:
    """One lint warning: *code* (one of :data:`CODES`) on question *question* of *bank*."""

    code: str
    bank: str
    question: str
    message: str

    def __str__(self) -> str:
        return f"{self.bank}: question {self.question!r}: {self.code}: {self.message}"


LintWarning = Warning  # the same class, for code that does not want to shadow the builtin
