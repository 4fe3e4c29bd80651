"""The banks and documents the app serves, loaded and checked once at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app

from quiz.banks import Bank, BankError, Question, load_banks
from quiz.documents import Library, load_library


@dataclass(frozen=True)
class Catalog:
    library: Library
    banks: dict[str, Bank]
    errors: tuple[BankError, ...] = ()
    questions: dict[str, Question] = field(default_factory=dict)

    @classmethod
    def load(cls, questions_dir: Path) -> Catalog:
        library = load_library(questions_dir / "sources")
        result = load_banks(questions_dir, library)
        banks = {b.id: b for b in sorted(result.banks, key=lambda b: (b.order, b.title))}
        questions = {q.id: q for b in result.banks for q in b.questions}
        return cls(library, banks, result.errors, questions)


def init_app(app: Flask) -> None:
    catalog = Catalog.load(Path(app.config["QUESTIONS_DIR"]))
    for error in catalog.errors:
        app.logger.warning("bank rejected: %s", error)
    app.extensions["quiz_catalog"] = catalog


def current_catalog() -> Catalog:
    return current_app.extensions["quiz_catalog"]
