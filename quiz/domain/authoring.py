"""Checking a question an author is writing: the checker's problems (which refuse it) and
the lint's warnings (which do not), seen against the rest of the catalog."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quiz.domain.banks import Bank, check_question
from quiz.domain.catalog import Catalog
from quiz.domain.documents import Document
from quiz.domain.lint import Warning, lint
from quiz.domain.questions import Question


@dataclass(frozen=True)
class Review:
    question: Question | None  # None: the checker refused it
    problems: list[tuple[str, str]]  # (field path, message), as for a bank file
    warnings: list[Warning]


def review(content: Mapping[str, Any], bank_id: str, catalog: Catalog) -> Review:
    """The checker's verdict on *content* in bank *bank_id*, and the lint's warnings about it
    (including those another question of the catalog now raises because of it)."""
    question, problems = check_question(dict(content), bank_id, catalog.library)
    if question is None:
        return Review(None, problems, [])
    banks = [_with(bank, question) for bank in catalog.banks.values()]
    if bank_id not in catalog.banks:
        banks.append(Bank(bank_id, bank_id, "", bank_id, (question,)))
    quoted = f"{question.id!r}"
    warnings = [w for w in lint(banks) if w.question == question.id or quoted in w.message]
    return Review(question, problems, warnings)


def _with(bank: Bank, question: Question) -> Bank:
    """*bank* with *question* in it (replacing its earlier version), or without it when it
    belongs elsewhere."""
    others = tuple(q for q in bank.questions if q.id != question.id)
    if bank.id == question.bank:
        return dataclasses.replace(bank, questions=(*others, question))
    return dataclasses.replace(bank, questions=others)


def quote_from(document: Document | None, start: str, end: str, typed: str) -> str:
    """The passage an author chose: the document's own text between the offsets a selection
    gave (so it is verbatim by construction), or else what they typed."""
    if document is not None and start.isdigit() and end.isdigit():
        a, b = int(start), int(end)
        if 0 <= a < b <= len(document.text):
            return document.text[a:b].strip()
    return typed.strip()
