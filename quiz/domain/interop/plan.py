"""What an import will do, shown before it is done: each question's topic, its draft
content, the checker's problems and the lint's warnings about it, what the format lost,
and the topics it creates. The same plan, made again from the stored file, is what the
confirmation stores, so the preview is what happens.

An imported question has no verified source passage: it is checked against a stand-in
passage (so every other problem is named) and lands as a draft marked as needing one."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from quiz.domain.banks import Bank, check_question
from quiz.domain.banks.sources import SourceChecks
from quiz.domain.catalog import Catalog
from quiz.domain.documents import Document, Library
from quiz.domain.interop.model import Imported, Parsed, Problem
from quiz.domain.interop.shared import unique
from quiz.domain.lint import Warning, lint
from quiz.domain.questions import Question
from quiz.domain.questions.base import SourceSpec

MAX_QUESTIONS = 2000
STAND_IN = Document.from_text(
    "_no-passage-yet",
    "(no passage chosen yet)",
    "",
    "A passage from a course document, still to be chosen.",
)
NEEDS_SOURCE = "needs a source passage"
CONFIRM_SOURCE = "check the source passage the file names"


@dataclass(frozen=True)
class Planned:
    content: dict[str, Any]  # the draft, as a bank file's mapping
    bank_id: str
    where: str
    problems: tuple[tuple[str, str], ...]  # the checker's (field, message), besides the source
    warnings: tuple[Warning, ...]
    notes: tuple[str, ...]  # what the format could not say, or what changed on the way
    reason: str  # why it is a draft: NEEDS_SOURCE or CONFIRM_SOURCE
    updates: bool  # an existing question of this id gets it as its draft

    @property
    def id(self) -> str:
        return str(self.content["id"])

    @property
    def type(self) -> str:
        return str(self.content.get("type", ""))


@dataclass(frozen=True)
class NewBank:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Plan:
    filename: str
    format: str
    questions: tuple[Planned, ...] = ()
    errors: tuple[Problem, ...] = ()
    banks: tuple[NewBank, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.questions)

    def counts(self) -> dict[str, int]:
        return dict(Counter(q.type for q in self.questions))

    def warnings(self) -> list[Problem]:
        """What the format lost and the lint's warnings, each naming its question."""
        found = [Problem(q.where, q.id, note) for q in self.questions for note in q.notes]
        return found + [
            Problem(q.where, q.id, f"{w.code}: {w.message}")
            for q in self.questions
            for w in q.warnings
        ]


@dataclass(frozen=True)
class Existing:
    """What is stored already: questions' banks, and the banks' titles."""

    questions: Mapping[str, str]  # question id -> bank id
    banks: Mapping[str, str]  # bank id -> title


def make_plan(
    parsed: Parsed, filename: str, target: str, catalog: Catalog, existing: Existing
) -> Plan:
    """The plan for *parsed* into topic *target* (for questions the file puts in no category)."""
    if parsed.errors:
        return Plan(filename, parsed.format, errors=parsed.errors)
    if len(parsed.questions) > MAX_QUESTIONS:
        message = f"{len(parsed.questions)} questions; an import takes at most {MAX_QUESTIONS}: split the file"
        return Plan(filename, parsed.format, errors=(Problem("the file", "", message),))
    banks, new_banks = _banks(parsed, existing)
    taken = set(existing.questions)
    placed = [
        _placed(item, banks.get(item.category.id if item.category else "", target), existing, taken)
        for item in parsed.questions
    ]
    questions = tuple(_reviewed(placed, catalog))
    return Plan(filename, parsed.format, questions, (), tuple(new_banks))


def _reviewed(placed: list[Planned], catalog: Catalog) -> list[Planned]:
    """Each question with the checker's problems and the lint's warnings about it."""
    library = Library({**catalog.library.documents, STAND_IN.id: STAND_IN})
    checked = [(p, *_check(p, library, catalog.library)) for p in placed]
    warnings = _lint(catalog, [(p, q) for p, q, _problems in checked if q is not None])
    return [
        dataclasses.replace(p, problems=tuple(problems), warnings=tuple(warnings.get(p.id, ())))
        for p, _q, problems in checked
    ]


def review_drafts(
    drafts: Sequence[tuple[Mapping[str, Any], str]], catalog: Catalog
) -> dict[str, Planned]:
    """Stored drafts (content, bank) reviewed as an import is: by question id."""
    placed = [Planned(dict(content), bank, "", (), (), (), "", False) for content, bank in drafts]
    return {p.id: p for p in _reviewed(placed, catalog)}


def _banks(parsed: Parsed, existing: Existing) -> tuple[dict[str, str], list[NewBank]]:
    """Each category's bank: one with its id, else one with its title, else a new one."""
    by_title = {title.casefold(): bank for bank, title in existing.banks.items()}
    found: dict[str, str] = {}
    new: list[NewBank] = []
    for category in {q.category.id: q.category for q in parsed.questions if q.category}.values():
        bank = (
            category.id
            if category.id in existing.banks
            else by_title.get(category.title.casefold())
        )
        if bank is None:
            bank = category.id
            new.append(NewBank(category.id, category.title, category.description))
        found[category.id] = bank
    return found, new


def _placed(item: Imported, bank: str, existing: Existing, taken: set[str]) -> Planned:
    content, notes = dict(item.content), [*item.notes]
    updates = existing.questions.get(item.id) == bank
    if item.id in existing.questions and not updates:
        content["id"] = unique(item.id, taken)
        notes.append(
            f"the id {item.id!r} belongs to a question of topic {existing.questions[item.id]!r}: "
            f"imported as {content['id']!r}"
        )
    else:
        taken.add(item.id)
    if updates:
        notes.append(
            f"updates question {item.id!r}: its served version stays until you publish this draft"
        )
    reason = CONFIRM_SOURCE if isinstance(content.get("source"), Mapping) else NEEDS_SOURCE
    return Planned(content, bank, item.where, (), (), tuple(notes), reason, updates)


def _check(
    planned: Planned, stand_in: Library, library: Library
) -> tuple[Question | None, list[tuple[str, str]]]:
    """The checker's verdict against a stand-in passage, and the named source's own check."""
    content = dict(planned.content)
    source = content.get("source")
    content["source"] = {"document": STAND_IN.id, "quote": STAND_IN.text}
    question, problems = check_question(content, planned.bank_id, stand_in)
    if isinstance(source, Mapping):
        checks = SourceChecks(library)
        checks.passage(
            SourceSpec(
                document=str(source.get("document", "")), quote=str(source.get("quote", ""))
            ),
            "source",
        )
        problems = [*checks.problems, *problems]
    return question, problems


def _lint(catalog: Catalog, questions: list[tuple[Planned, Question]]) -> dict[str, list[Warning]]:
    """The lint's warnings about each imported question, among the others of its topic."""
    ids = {q.id for _p, q in questions}
    banks = {
        b.id: dataclasses.replace(b, questions=tuple(q for q in b.questions if q.id not in ids))
        for b in catalog.banks.values()
    }
    for planned, question in questions:
        bank = banks.get(planned.bank_id) or Bank(
            planned.bank_id, planned.bank_id, "", planned.bank_id, ()
        )
        banks[planned.bank_id] = dataclasses.replace(bank, questions=(*bank.questions, question))
    found: dict[str, list[Warning]] = {}
    for warning in lint(banks.values()):
        if warning.question in ids:
            found.setdefault(warning.question, []).append(warning)
    return found
