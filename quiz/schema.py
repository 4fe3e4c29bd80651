"""The bank file schema, as pydantic models: the shape a bank file must have.

This is the structural half of the checker (fields, types, unknown fields). The rules that
need the documents or span several fields live in :mod:`quiz.banks`.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, Field(max_length=4000)]

QUESTION_TYPES = (
    "single",
    "multiple",
    "true_false",
    "matching",
    "short_answer",
    "numeric",
    "ordering",
)


# Codes of the question-quality lint (quiz/lint.py); a question may silence a justified
# warning by listing its code in ``ignore_warnings`` (docs/banks.md, "The lint").
WarningCode = Literal[
    "answer-leak",
    "near-duplicate",
    "longest-correct",
    "absolute-in-distractors",
    "all-none-of-above",
]
WARNING_CODES: tuple[str, ...] = get_args(WarningCode)


class Spec(BaseModel):
    """Common configuration: unknown fields are errors, numbers may stand for text."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class SourceSpec(Spec):
    document: str
    quote: Text


class OptionSpec(Spec):
    id: Slug
    text: Text
    correct: bool = False
    feedback: Text = ""
    source: SourceSpec | None = None


class PairSpec(Spec):
    left: Text
    right: Text
    feedback: Text = ""


class DistractorSpec(Spec):
    text: Text
    feedback: Text = ""


class NumericAnswerSpec(Spec):
    value: float | None = None
    tolerance: float = 0.0
    min: float | None = None
    max: float | None = None


class QuestionSpec(Spec):
    id: Slug
    prompt: Text
    explanation: Text
    source: SourceSpec
    tags: list[Slug] = []
    ignore_warnings: list[WarningCode] = []


class SingleSpec(QuestionSpec):
    type: Literal["single"]
    options: list[OptionSpec]


class MultipleSpec(QuestionSpec):
    type: Literal["multiple"]
    options: list[OptionSpec]


class TrueFalseSpec(QuestionSpec):
    type: Literal["true_false"]
    answer: bool
    wrong_feedback: Text = ""


class MatchingSpec(QuestionSpec):
    type: Literal["matching"]
    pairs: list[PairSpec]
    distractors: list[DistractorSpec] = []


class ShortAnswerSpec(QuestionSpec):
    type: Literal["short_answer"]
    accepted: list[Text]
    wrong_feedback: Text = ""


class NumericSpec(QuestionSpec):
    type: Literal["numeric"]
    answer: NumericAnswerSpec
    unit: str
    wrong_feedback: Text = ""


class OrderingSpec(QuestionSpec):
    type: Literal["ordering"]
    items: list[Text]
    wrong_feedback: Text = ""


AnyQuestionSpec = Annotated[
    Union[
        SingleSpec,
        MultipleSpec,
        TrueFalseSpec,
        MatchingSpec,
        ShortAnswerSpec,
        NumericSpec,
        OrderingSpec,
    ],
    Field(discriminator="type"),
]


class BankSpec(Spec):
    """The bank header; questions are validated one by one so errors name their id."""

    id: Slug
    title: Text
    description: Text = ""
    order: int = 100  # where the bank stands in the list of topics (lower first)
    questions: list[dict]
