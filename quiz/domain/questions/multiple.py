"""Multiple choice: several right options, partial credit for each right one chosen less
each wrong one (see :mod:`quiz.domain.questions.choice`, which it shares its shape with)."""

from __future__ import annotations

import random
from typing import Any

from quiz.domain.layout import LayoutEntry
from quiz.domain.questions.base import Checks, Feedback, Result
from quiz.domain.questions.choice import ChoiceQuestion, MultipleSpec, Options, check_options
from quiz.domain.questions.forms import AnswerForm, FormData, FormField, FormValues
from quiz.domain.questions.wording import join_texts


class MultipleType(Options):
    name = "multiple"
    spec = MultipleSpec

    def build(self, spec: Any, common: dict[str, Any], checks: Checks) -> ChoiceQuestion:
        options = check_options(spec, checks)
        correct = sum(o.correct for o in options)
        if len(options) < 3:
            checks.problem("options", "a multiple-choice question needs at least 3 options")
        if correct < 2:
            checks.problem(
                "options",
                "a multiple-choice question needs at least two correct options "
                f"(found {correct}); use type single for one",
            )
        if correct == len(options):
            checks.problem("options", "a multiple-choice question needs at least one wrong option")
        return ChoiceQuestion(**common, options=options)

    def grade(self, question: ChoiceQuestion, answer: Any) -> Result:
        chosen = {str(a) for a in ([answer] if isinstance(answer, str) else answer)}
        correct = [o for o in question.options if o.correct]
        hits = sum(o.id in chosen for o in correct)
        wrong = [o for o in question.options if not o.correct and o.id in chosen]
        score = max(0.0, (hits - len(wrong)) / len(correct))
        feedback = [Feedback(o.feedback, o.passage) for o in wrong]
        missed = [o.text for o in correct if o.id not in chosen]
        if missed:
            feedback.append(Feedback("Also correct, and not chosen: " + join_texts(missed) + "."))
        return Result(score, score >= 1.0, tuple(feedback))

    def describe_answer(self, question: ChoiceQuestion, answer: Any) -> str:
        chosen = {str(a) for a in answer}
        return join_texts(o.text for o in question.options if o.id in chosen) or "(none chosen)"

    def form(self, question: ChoiceQuestion, entry: LayoutEntry) -> AnswerForm:
        choices = self._choices(question, entry)
        field = FormField(
            "answer",
            "Choose every answer that applies",
            "checkboxes",
            "Choose at least one answer.",
            choices,
        )
        return AnswerForm((field,), hint="Choose every answer that applies.")

    def read(self, question: ChoiceQuestion, entry: LayoutEntry, values: FormValues) -> Any:
        return sorted(self._option_id(question, entry, v) for v in values["answer"] or [])

    def form_data(self, question: ChoiceQuestion, entry: LayoutEntry, answer: Any) -> FormData:
        return {"answer": [self._value(question, entry, a) for a in answer]}

    def example_answer(self, question: ChoiceQuestion, right: bool, rng: random.Random) -> Any:
        if right:
            return sorted(o.id for o in question.options if o.correct)
        wrong = [o.id for o in question.options if not o.correct]
        return sorted(rng.sample(wrong, rng.randint(1, len(wrong))))  # some wrong ones: scores 0


MULTIPLE = MultipleType()
