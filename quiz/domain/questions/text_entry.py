"""Typed answers: short answer (words) and numeric (a number in a unit).

Short answers are compared after normalising (case, punctuation, a leading article).
Numeric answers are parsed from what was typed, so "30 hours" or "0,5" work, and are right
within the key's range.
"""

from __future__ import annotations

import math
import random
import re
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
    duplicates,
    need_wrong_feedback,
)
from quiz.domain.questions.forms import AnswerForm, FormData, FormField, FormValues, InvalidAnswer
from quiz.domain.text import normalise_answer

# ------------------------------------------------------------------- short answer


class ShortAnswerSpec(QuestionSpec):
    type: Literal["short_answer"]
    accepted: list[Text]
    wrong_feedback: Text = ""


@dataclass(frozen=True, kw_only=True)
class ShortAnswerQuestion(Question):
    accepted: tuple[str, ...]


class _Typed:
    """What both typed types share: one text box, given back as typed."""

    template = "text"

    def shuffle(self, question: Question, rng: random.Random) -> LayoutEntry:
        return LayoutEntry(question.id, question.version)

    def describe_answer(self, question: Question, answer: Any) -> str:
        return str(answer).strip() or "(no answer)"

    def form_data(self, question: Question, entry: LayoutEntry, answer: Any) -> FormData:
        return {"answer": str(answer)}

    def shown_texts(self, question: Question) -> tuple[str, ...]:
        return ()


class ShortAnswerType(_Typed, QuestionType[ShortAnswerQuestion]):
    name = "short_answer"
    spec = ShortAnswerSpec
    WRONG = ("not sure", "dopamine", "serotonin")

    def build(self, spec: Any, common: dict[str, Any], checks: Checks) -> ShortAnswerQuestion:
        feedback = need_wrong_feedback(spec, checks)
        normal = [normalise_answer(a) for a in spec.accepted]
        if not spec.accepted:
            checks.problem("accepted", "a short-answer question needs at least one accepted answer")
        if any(not n for n in normal):
            checks.problem("accepted", "an accepted answer is empty once punctuation is removed")
        for dup in duplicates(normal):
            checks.problem(
                "accepted", f"two accepted answers are the same once normalised ({dup!r})"
            )
        accepted = tuple(a.strip() for a in spec.accepted)
        return ShortAnswerQuestion(**common, wrong_feedback=feedback, accepted=accepted)

    def grade(self, question: ShortAnswerQuestion, answer: Any) -> Result:
        given = normalise_answer(str(answer))
        accepted = {normalise_answer(a) for a in question.accepted}
        return all_or_nothing(question, bool(given) and given in accepted)

    def describe_key(self, question: ShortAnswerQuestion) -> str:
        return question.accepted[0]

    def form(self, question: ShortAnswerQuestion, entry: LayoutEntry) -> AnswerForm:
        attrs = (("autocomplete", "off"), ("spellcheck", "false"))
        return AnswerForm(
            (FormField("answer", "Your answer", "text", "Type an answer.", attrs=attrs),)
        )

    def read(self, question: ShortAnswerQuestion, entry: LayoutEntry, values: FormValues) -> Any:
        return str(values["answer"] or "").strip()

    def example_answer(self, question: ShortAnswerQuestion, right: bool, rng: random.Random) -> Any:
        return question.accepted[0] if right else rng.choice(self.WRONG)

    def answer_texts(self, question: ShortAnswerQuestion) -> tuple[str, ...]:
        return question.accepted


# ------------------------------------------------------------------------ numeric


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


_NUMBER = re.compile(
    r"^\s*([-+]?(?:[1-9]\d{0,2}(?:[, ]\d{3})+(?!\d)(?:\.\d*)?|\d+(?:[.,]\d*)?|[.,]\d+)(?:e[-+]?\d+)?)\s*(.*)",
    re.IGNORECASE | re.DOTALL,
)
_THOUSANDS = re.compile(r"^[-+]?[1-9]\d{0,2}(?:[, ]\d{3})+(?:\.\d*)?$")


def parse_number(text: str, unit: str = "") -> float | None:
    """The number in *text* ("0.5", "0,5", "30 hours", "1,000,000"), or None; a unit
    other than the question's (or its plural) makes it None. A comma followed by exactly
    three digits groups thousands; otherwise it is a decimal comma."""
    match = _NUMBER.match(str(text))
    if not match:
        return None
    number, rest = match.groups()
    rest = rest.strip()  # stripped here, not by the regex: "\s*(.*?)\s*$" backtracked cubically
    if rest and not _same_unit(rest, unit):
        return None
    if _THOUSANDS.match(number):  # "1,000,000" or "1 000 000": digit groups, not decimals
        number = number.replace(",", "").replace(" ", "")
    try:
        value = float(number.replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _same_unit(given: str, unit: str) -> bool:
    a, b = given.casefold().rstrip("."), unit.casefold()
    if not b:
        return False
    return a == b or a.rstrip("s") == b.rstrip("s") or (a == "%" and b.startswith("percent"))


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


class NumericType(_Typed, QuestionType[NumericQuestion]):
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
        if k.low == k.high:
            return f"{k.low:g} {k.unit}"
        return f"between {k.low:g} and {k.high:g} {k.unit}"

    def form(self, question: NumericQuestion, entry: LayoutEntry) -> AnswerForm:
        unit = question.numeric.unit
        attrs = (("inputmode", "decimal"), ("autocomplete", "off"))
        field = FormField(
            "answer",
            f"Your answer (in {unit})",
            "text",
            "Type a number.",
            max_length=40,
            attrs=attrs,
        )
        return AnswerForm((field,))

    def read(self, question: NumericQuestion, entry: LayoutEntry, values: FormValues) -> Any:
        typed = str(values["answer"] or "").strip()
        unit = question.numeric.unit
        if parse_number(typed, unit) is None:
            raise InvalidAnswer(f"Type a number, for example 12 or 0.5 (in {unit}).", "answer")
        return typed

    def example_answer(self, question: NumericQuestion, right: bool, rng: random.Random) -> Any:
        key = question.numeric
        return f"{key.low:g}" if right else f"{key.high + rng.randint(5, 50):g}"

    def answer_texts(self, question: NumericQuestion) -> tuple[str, ...]:
        return (f"{question.numeric.low:g}",)


SHORT_ANSWER, NUMERIC = ShortAnswerType(), NumericType()
