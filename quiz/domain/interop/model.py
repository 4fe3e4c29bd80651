"""What a reader gives back: the questions it found (bank mappings, as a bank file holds
them), where each stood in the file, what the format could not say, and every error."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """An error (or a warning) in an imported file, named by place and question."""

    where: str  # "line 12", "row 4", or "the file"
    question: str  # the question's id or its first words; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        about = f", question {self.question!r}" if self.question else ""
        return f"{self.where}{about}: {self.message}"


@dataclass(frozen=True)
class Category:
    """A Moodle category (or a sheet's topic column): the bank its questions go to."""

    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Imported:
    """One question read from a file: its bank mapping (``source`` only when the file
    carried one), where it stood, its category, and what the format lost or changed."""

    content: dict[str, Any]
    where: str
    category: Category | None = None
    notes: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return str(self.content.get("id", ""))

    def warnings(self) -> list[Problem]:
        return [Problem(self.where, self.id, note) for note in self.notes]


@dataclass(frozen=True)
class Parsed:
    """A whole file: its questions, or its errors (a file with any error imports nothing)."""

    format: str
    questions: tuple[Imported, ...] = ()
    errors: tuple[Problem, ...] = ()
    categories: tuple[Category, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.errors


class FileRefused(ValueError):
    """The file as a whole cannot be read (encoding, size, not XML...)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class BankContent:
    """A bank to export: its header and its questions' bank mappings, in order."""

    id: str
    title: str
    description: str
    questions: tuple[dict[str, Any], ...]
