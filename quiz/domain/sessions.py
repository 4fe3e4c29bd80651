"""Study sessions a student chooses: which topics, how many questions, which of them (all,
weak, new) and how (a quiz, or flashcards). Plain Python: the caller passes what the
student has answered and how well they recall it."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from quiz.domain.attempts import Kind, Mode, Plan
from quiz.domain.questions import Question


class Selection(StrEnum):
    ALL = "all"
    WEAK = "weak"
    NEW = "new"


class Style(StrEnum):
    QUIZ = "quiz"
    FLASHCARDS = "flashcards"


SELECTION_LABELS = {
    Selection.ALL: "All questions",
    Selection.WEAK: "My weak questions (last answer wrong, or recall below 90%)",
    Selection.NEW: "New only (never answered)",
}
STYLE_LABELS = {
    Style.QUIZ: "Quiz: answer, then see why",
    Style.FLASHCARDS: "Flashcards: turn the card, rate your recall",
}
LENGTHS = {"10": 10, "20": 20, "all": None}
LENGTH_LABELS = {"10": "10 questions", "20": "20 questions", "all": "All of them"}
WEAK_RECALL = 0.9  # a question recalled with a lower probability than this is weak


@dataclass(frozen=True)
class Choice:
    """What the student picked on the session form."""

    bank_ids: tuple[str, ...]
    length: int | None  # None: all
    selection: Selection = Selection.ALL
    style: Style = Style.QUIZ


@dataclass(frozen=True)
class Memory:
    """What the student's record says about one question."""

    last_correct: bool
    recall: float | None  # the scheduler's probability of recall now; None: not scheduled


def plan_for(choice: Choice, whole_bank: bool) -> Plan:
    """The plan of a chosen session. Only one whole topic taken as a quiz is a topic
    attempt (its score counts); anything else is a session of its own kind."""
    mode = Mode.FLASHCARDS if choice.style is Style.FLASHCARDS else Mode.PRACTICE
    bank_id = choice.bank_ids[0] if len(choice.bank_ids) == 1 else None
    if choice.selection is Selection.WEAK:
        return Plan(Kind.WEAK, mode, bank_id=bank_id)
    if choice.selection is Selection.NEW:
        return Plan(Kind.NEW, mode, bank_id=bank_id)
    if whole_bank and bank_id and mode is Mode.PRACTICE:
        return Plan(Kind.TOPIC, bank_id=bank_id)
    return Plan(Kind.MIXED, mode, bank_id=bank_id)


def weakness(memory: Memory) -> float:
    """Lower is weaker: a wrong last answer first, then by recall (unscheduled: 0)."""
    recall = memory.recall if memory.recall is not None else 0.0
    return recall - (1.0 if not memory.last_correct else 0.0)


def is_weak(memory: Memory) -> bool:
    return not memory.last_correct or (memory.recall is not None and memory.recall < WEAK_RECALL)


def choose(
    questions: Sequence[Question],
    choice: Choice,
    memory: Mapping[str, Memory],
    rng: random.Random,
) -> list[Question]:
    """The session's questions, at most ``choice.length``: weak ones weakest first, new
    ones and all ones at random (so a mixed session mixes its topics)."""
    if choice.selection is Selection.WEAK:
        pool = [q for q in questions if q.id in memory and is_weak(memory[q.id])]
        pool.sort(key=lambda q: weakness(memory[q.id]))
    else:
        pool = [q for q in questions if choice.selection is Selection.ALL or q.id not in memory]
        rng.shuffle(pool)
    return pool[: choice.length] if choice.length else pool


def empty_message(choice: Choice) -> str:
    """Why a session has no questions, said beside the field that decides it."""
    if choice.selection is Selection.WEAK:
        return (
            "You have no weak questions in these topics: every question you answered was "
            "right last time and is well remembered. Choose All questions or New only."
        )
    if choice.selection is Selection.NEW:
        return "You have answered every question in these topics. Choose All or My weak questions."
    return "These topics have no questions."
