"""What every question type shares: the checked question, its bank-file spec, grading
results, and the contract a type module fulfils.

A type module (``choice``, ``true_false``, ``matching``, ``ordering``, ``text_entry``,
``numeric``) subclasses :class:`QuestionType` once per type. The abstract methods make a
type that forgets a part fail when its module is imported (at start-up), never at the
first answer.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Generic, Literal, Protocol, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field

from quiz.domain.documents import Passage
from quiz.domain.layout import LayoutEntry
from quiz.domain.questions.editing import Editor
from quiz.domain.questions.forms import AnswerForm, FormData, FormValues

# ------------------------------------------------------------------ bank-file specs

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, Field(max_length=4000)]
WarningCode = Literal[
    "answer-leak",
    "near-duplicate",
    "longest-correct",
    "absolute-in-distractors",
    "all-none-of-above",
]
# Codes of the question-quality lint (quiz.domain.lint); a question may silence a justified
# warning by listing its code in ``ignore_warnings`` (docs/banks.md, "The lint").
WARNING_CODES: tuple[str, ...] = get_args(WarningCode)


class Spec(BaseModel):
    """Common configuration: unknown fields are errors, numbers may stand for text."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class SourceSpec(Spec):
    document: str
    quote: Text


class QuestionSpec(Spec):
    """The fields every question has; each type adds its own (and its ``type`` tag)."""

    id: Slug
    prompt: Text
    explanation: Text
    source: SourceSpec
    tags: list[Slug] = []
    ignore_warnings: list[WarningCode] = []


# ------------------------------------------------------------------ checked questions


@dataclass(frozen=True, kw_only=True)
class Question:
    """A checked question. Each type's subclass adds only its own fields."""

    id: str
    bank: str
    type: str
    prompt: str
    explanation: str
    passage: Passage
    version: str
    tags: tuple[str, ...] = ()
    wrong_feedback: str = ""
    ignore_warnings: tuple[str, ...] = ()

    @property
    def passages(self) -> tuple[Passage, ...]:
        """The question's passage and any passages its wrong options cite."""
        return (self.passage, *self.extra_passages())

    def extra_passages(self) -> tuple[Passage, ...]:
        return ()


@dataclass(frozen=True)
class Option:
    """A choice: an option of a choice question, or a matching distractor."""

    id: str
    text: str
    correct: bool
    feedback: str
    passage: Passage | None = None


# ------------------------------------------------------------------------ grading


@dataclass(frozen=True)
class Feedback:
    text: str
    passage: Passage | None = None


@dataclass(frozen=True)
class Result:
    score: float
    correct: bool
    feedback: tuple[Feedback, ...] = ()
    note: str = ""  # said beside the verdict, e.g. "Accepted; watch the spelling: homeostasis"


@dataclass(frozen=True)
class Row:
    """One item of an answer set against the key, for a per-row ✓/✗ table."""

    item: str  # an option, a left-hand item, a position
    given: str  # what the student gave for it
    key: str  # what the key says
    right: bool


def all_or_nothing(question: Question, right: bool) -> Result:
    """Full marks, or none with the question's wrong-answer feedback."""
    if right:
        return Result(1.0, True)
    return Result(0.0, False, (Feedback(question.wrong_feedback),))


# ----------------------------------------------------------------- the type contract


class Checks(Protocol):
    """What a type's checks may ask of the bank checker."""

    def problem(self, field: str, message: str) -> None: ...

    def passage(self, source: SourceSpec, field: str) -> Passage | None: ...


Q = TypeVar("Q", bound=Question)


class QuestionType(ABC, Generic[Q]):
    """Everything one question type means: schema, checks, grading, words, shuffling,
    answer form, an example answer and the template partial that renders its form."""

    name: ClassVar[str]  # the ``type`` tag in a bank file
    spec: ClassVar[type[QuestionSpec]]
    template: ClassVar[str]  # templates/practice/_answer_<template>.html

    @abstractmethod
    def build(self, spec: Any, common: dict[str, Any], checks: Checks) -> Q | None:
        """Check *spec* (report through *checks*) and make the question from it."""

    @abstractmethod
    def grade(self, question: Q, answer: Any) -> Result:
        """Score *answer*; may raise on an answer of the wrong shape (see grading.grade)."""

    @abstractmethod
    def describe_key(self, question: Q) -> str:
        """The key as text a student reads."""

    @abstractmethod
    def describe_answer(self, question: Q, answer: Any) -> str:
        """What the student answered, as text (stored with the response)."""

    @abstractmethod
    def shuffle(self, question: Q, rng: random.Random) -> LayoutEntry:
        """The order this attempt shows the question's parts in."""

    @abstractmethod
    def form(self, question: Q, entry: LayoutEntry) -> AnswerForm:
        """The controls that take an answer, in the attempt's order."""

    @abstractmethod
    def read(self, question: Q, entry: LayoutEntry, values: FormValues) -> Any:
        """The answer from the form's validated values; raises InvalidAnswer."""

    @abstractmethod
    def form_data(self, question: Q, entry: LayoutEntry, answer: Any) -> FormData:
        """The form values that give *answer* (the inverse of :meth:`read`)."""

    @abstractmethod
    def example_answer(self, question: Q, right: bool, rng: random.Random) -> Any:
        """A right answer, or a wrong one that scores 0 (demo data and tests)."""

    @abstractmethod
    def editor(self) -> Editor:
        """The fields an author fills in for this type (its part of the bank mapping)."""

    @abstractmethod
    def shown_texts(self, question: Q) -> tuple[str, ...]:
        """Every text the question shows besides its prompt (options, items...)."""

    @abstractmethod
    def answer_texts(self, question: Q) -> tuple[str, ...]:
        """The texts that make up its answer (the lint looks for them elsewhere)."""

    def wrong_texts(self, question: Q) -> tuple[str, ...]:
        """The shown texts offered as wrong (wrong options, distractors); none by default."""
        return ()

    def rows(self, question: Q, answer: Any) -> tuple[Row, ...]:
        """The answer item by item beside the key; empty for one-part answers."""
        return ()

    def analysis_choices(self, question: Q) -> list[tuple[str, str, bool]]:
        """``(stored answer key, label, correct)`` per choice, for distractor counts;
        empty for types whose answers are not a pick among choices."""
        return []


def need_wrong_feedback(spec: Any, checks: Checks) -> str:
    """The spec's wrong-answer feedback, reported when missing."""
    feedback = str(spec.wrong_feedback).strip()
    if not feedback:
        checks.problem(
            "wrong_feedback", "wrong_feedback is missing; say why a wrong answer is wrong"
        )
    return feedback
