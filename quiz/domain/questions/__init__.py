"""Question types as plugins: one module per family, one registry keyed by type name.

To add a type, write its :class:`~quiz.domain.questions.base.QuestionType` subclass in a
module here, list its instance in ``_ALL``, add its template partial
``templates/practice/_answer_<template>.html`` and a test module (docs/architecture.md).
"""

from __future__ import annotations

from typing import Any, get_args

from quiz.domain.questions.base import Feedback, Option, Question, QuestionType, Result, Row
from quiz.domain.questions.choice import SINGLE, ChoiceQuestion
from quiz.domain.questions.forms import AnswerForm, FormField, InvalidAnswer
from quiz.domain.questions.matching import MATCHING, MatchingQuestion, Pair
from quiz.domain.questions.multiple import MULTIPLE
from quiz.domain.questions.numeric import NUMERIC, NumericKey, NumericQuestion, parse_number
from quiz.domain.questions.ordering import ORDERING, OrderingQuestion
from quiz.domain.questions.text_entry import SHORT_ANSWER, ShortAnswerQuestion
from quiz.domain.questions.true_false import TRUE_FALSE, TrueFalseQuestion

_ALL: tuple[QuestionType[Any], ...] = (
    SINGLE,
    MULTIPLE,
    TRUE_FALSE,
    MATCHING,
    SHORT_ANSWER,
    NUMERIC,
    ORDERING,
)

TYPES: dict[str, QuestionType[Any]] = {t.name: t for t in _ALL}
QUESTION_TYPES: tuple[str, ...] = tuple(TYPES)


class RegistryError(RuntimeError):
    """A question type is incomplete or registered wrongly."""


def check_registry(types: dict[str, QuestionType[Any]] | None = None) -> None:
    """Every registered type is whole: its name, spec tag and template agree.

    The abstract methods are checked when the type's class is instantiated; this adds what
    an ABC cannot see. Called at import (below) and again by the web layer, which also
    checks that each template partial exists.
    """
    for name, qtype in (types if types is not None else TYPES).items():
        tag = qtype.spec.model_fields.get("type")
        tags = get_args(tag.annotation) if tag is not None else ()
        if qtype.name != name or tags != (name,):
            raise RegistryError(f"question type {name!r}: its spec's type tag is {tags!r}")
        if not getattr(qtype, "template", ""):
            raise RegistryError(f"question type {name!r} names no template partial")


def type_of(question: Question) -> QuestionType[Any]:
    """The type module's object for *question*."""
    return TYPES[question.type]


check_registry()

__all__ = [
    "QUESTION_TYPES",
    "TYPES",
    "AnswerForm",
    "ChoiceQuestion",
    "Feedback",
    "FormField",
    "InvalidAnswer",
    "MatchingQuestion",
    "NumericKey",
    "NumericQuestion",
    "Option",
    "OrderingQuestion",
    "Pair",
    "Question",
    "QuestionType",
    "RegistryError",
    "Result",
    "Row",
    "ShortAnswerQuestion",
    "TrueFalseQuestion",
    "check_registry",
    "parse_number",
    "type_of",
]
