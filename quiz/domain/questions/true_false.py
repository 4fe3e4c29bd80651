"""True/false: a statement the student judges. The answer is a bool; 1 or 0."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Literal

from quiz.domain.layout import LayoutEntry
from quiz.domain.questions.base import (
    Checks,
    Question,
    QuestionSpec,
    QuestionType,
    Result,
    Text,
    all_or_nothing,
    need_wrong_feedback,
)
from quiz.domain.questions.editing import WRONG_FEEDBACK, EditField, Editor
from quiz.domain.questions.forms import AnswerForm, FormData, FormField, FormValues


class TrueFalseSpec(QuestionSpec):
    type: Literal["true_false"]
    answer: bool
    wrong_feedback: Text = ""


@dataclass(frozen=True, kw_only=True)
class TrueFalseQuestion(Question):
    answer: bool


class TrueFalseType(QuestionType[TrueFalseQuestion]):
    name = "true_false"
    spec = TrueFalseSpec
    template = "choice"
    CHOICES = (("true", "True"), ("false", "False"))

    def build(self, spec: Any, common: dict[str, Any], checks: Checks) -> TrueFalseQuestion:
        return TrueFalseQuestion(
            **common, wrong_feedback=need_wrong_feedback(spec, checks), answer=spec.answer
        )

    def grade(self, question: TrueFalseQuestion, answer: Any) -> Result:
        if not isinstance(answer, bool):
            raise TypeError("a true/false answer is a bool")
        return all_or_nothing(question, answer is question.answer)

    def describe_key(self, question: TrueFalseQuestion) -> str:
        return "True" if question.answer else "False"

    def describe_answer(self, question: TrueFalseQuestion, answer: Any) -> str:
        if isinstance(answer, bool):
            return "True" if answer else "False"
        return "(no answer)"

    def shuffle(self, question: TrueFalseQuestion, rng: random.Random) -> LayoutEntry:
        return LayoutEntry(question.id, question.version)

    def form(self, question: TrueFalseQuestion, entry: LayoutEntry) -> AnswerForm:
        field = FormField(
            "answer", "True or false?", "radio", "Choose true or false.", self.CHOICES
        )
        return AnswerForm((field,))

    def read(self, question: TrueFalseQuestion, entry: LayoutEntry, values: FormValues) -> Any:
        return values["answer"] == "true"

    def form_data(self, question: TrueFalseQuestion, entry: LayoutEntry, answer: Any) -> FormData:
        return {"answer": "true" if answer else "false"}

    def example_answer(self, question: TrueFalseQuestion, right: bool, rng: random.Random) -> Any:
        return question.answer if right else not question.answer

    def editor(self) -> Editor:
        return Editor((EditField("answer", "The statement is", "truefalse"), WRONG_FEEDBACK))

    def shown_texts(self, question: TrueFalseQuestion) -> tuple[str, ...]:
        return ()

    def answer_texts(self, question: TrueFalseQuestion) -> tuple[str, ...]:
        return ()  # "True" or "False": nothing another question could print

    def analysis_choices(self, question: TrueFalseQuestion) -> list[tuple[str, str, bool]]:
        return [("true", "True", question.answer), ("false", "False", not question.answer)]


TRUE_FALSE = TrueFalseType()
