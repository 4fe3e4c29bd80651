"""Numeric: a number in a unit, parsed from what was typed ("30 hours" and "0,5" work),
right within the key's range (a value with a tolerance, or min and max)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Literal

from quiz.domain.layout import LayoutEntry
from quiz.domain.questions.base import (
    Checks,
    Feedback,
    Question,
    QuestionSpec,
    QuestionType,
    Result,
    Spec,
    Text,
    all_or_nothing,
    need_wrong_feedback,
)
from quiz.domain.questions.editing import WRONG_FEEDBACK, EditField, EditGroup, Editor
from quiz.domain.questions.forms import AnswerForm, FormField, FormValues, InvalidAnswer
from quiz.domain.questions.text_entry import Typed
from quiz.domain.questions.units import parse_quantity
from quiz.domain.questions.wording import is_calendar_year, number, quantity_range


class NumericAnswerSpec(Spec):
    value: float | None = None
    tolerance: float = 0.0
    min: float | None = None
    max: float | None = None


class NumericSpec(QuestionSpec):
    type: Literal["numeric"]
    answer: NumericAnswerSpec
    unit: str
    wrong_feedback: Text = ""


@dataclass(frozen=True)
class NumericKey:
    """Right when ``low <= answer <= high``."""

    low: float
    high: float
    unit: str


@dataclass(frozen=True, kw_only=True)
class NumericQuestion(Question):
    numeric: NumericKey


def parse_number(text: str, unit: str = "") -> float | None:
    """The number in *text* ("0.5", "0,5", "30 hours", "30 hrs", "every 3 days", "in
    1975", "1,000,000"), in the question's *unit*; None when it is not one (``units``)."""
    return parse_quantity(text, unit)


def _numeric_key(spec: NumericSpec, checks: Checks) -> NumericKey | None:
    a, unit = spec.answer, spec.unit.strip()
    if not unit:
        checks.problem("unit", "give the unit of the answer (for example hours, mg, percent)")
    if a.value is not None and (a.min is not None or a.max is not None):
        checks.problem("answer", "give either value (with tolerance) or min and max, not both")
        return None
    if a.value is not None:
        if a.tolerance < 0:
            checks.problem("answer.tolerance", "the tolerance cannot be negative")
        return NumericKey(a.value - abs(a.tolerance), a.value + abs(a.tolerance), unit)
    if a.min is None or a.max is None:
        checks.problem("answer", "give value (with an optional tolerance), or both min and max")
        return None
    if a.min > a.max:
        checks.problem("answer", f"min ({a.min:g}) is greater than max ({a.max:g})")
    return NumericKey(a.min, a.max, unit)


class NumericType(Typed, QuestionType[NumericQuestion]):
    name = "numeric"
    spec = NumericSpec

    def build(self, spec: Any, common: dict[str, Any], checks: Checks) -> NumericQuestion | None:
        feedback = need_wrong_feedback(spec, checks)
        key = _numeric_key(spec, checks)
        return NumericQuestion(**common, wrong_feedback=feedback, numeric=key) if key else None

    def grade(self, question: NumericQuestion, answer: Any) -> Result:
        key = question.numeric
        value = parse_number(str(answer), key.unit)
        if value is None:
            why = (
                Feedback(f"That is not a number in {key.unit}."),
                Feedback(question.wrong_feedback),
            )
            return Result(0.0, False, why)
        return all_or_nothing(question, key.low - 1e-9 <= value <= key.high + 1e-9)

    def describe_key(self, question: NumericQuestion) -> str:
        k = question.numeric
        return quantity_range(k.low, k.high, k.unit)

    def form(self, question: NumericQuestion, entry: LayoutEntry) -> AnswerForm:
        attrs = (("inputmode", "decimal"), ("autocomplete", "off"), ("autofocus", ""))
        field = FormField(
            "answer",
            f"Your answer ({_in_words(question.numeric)})",
            "text",
            "Type a number.",
            max_length=40,
            attrs=attrs,
        )
        return AnswerForm((field,))

    def read(self, question: NumericQuestion, entry: LayoutEntry, values: FormValues) -> Any:
        typed = str(values["answer"] or "").strip()
        key = question.numeric
        if parse_number(typed, key.unit) is None:
            example = "1975" if is_calendar_year(key.low, key.unit) else "12 or 0.5"
            raise InvalidAnswer(
                f"Type a number, for example {example} ({_in_words(key)}).", "answer"
            )
        return typed

    def example_answer(self, question: NumericQuestion, right: bool, rng: random.Random) -> Any:
        key = question.numeric
        return f"{key.low:g}" if right else f"{key.high + rng.randint(5, 50):g}"

    def editor(self) -> Editor:
        key = EditGroup(
            "answer",
            "The key",
            (
                EditField("value", "Value", "number"),
                EditField("tolerance", "Give or take", "number"),
                EditField("min", "Or: lowest right answer", "number"),
                EditField("max", "Highest right answer", "number"),
            ),
            hint="Give a value (with an optional tolerance), or a lowest and a highest answer.",
        )
        return Editor(
            (key, EditField("unit", "Unit", hint="For example hours, mg, percent."), WRONG_FEEDBACK)
        )

    def answer_texts(self, question: NumericQuestion) -> tuple[str, ...]:
        key = question.numeric
        if key.low == key.high:
            return (f"{number(key.low)} {key.unit}",)
        return (f"{number(key.low)} to {number(key.high)} {key.unit}",)


def _in_words(key: NumericKey) -> str:
    """What the answer box asks for: "in hours", or "a year" for a calendar year."""
    return "a year" if is_calendar_year(key.low, key.unit) else f"in {key.unit}"


NUMERIC = NumericType()
