"""Typed answers: what short answer and numeric share, and short answer itself.

Short answers are compared after normalising (case, punctuation, a leading article).
"""

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
    duplicates,
    need_wrong_feedback,
)
from quiz.domain.questions.editing import WRONG_FEEDBACK, EditField, Editor
from quiz.domain.questions.forms import AnswerForm, FormData, FormField, FormValues
from quiz.domain.text import normalise_answer

# ------------------------------------------------------------------- short answer


class ShortAnswerSpec(QuestionSpec):
    type: Literal["short_answer"]
    accepted: list[Text]
    wrong_feedback: Text = ""


@dataclass(frozen=True, kw_only=True)
class ShortAnswerQuestion(Question):
    accepted: tuple[str, ...]


class Typed:
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


class ShortAnswerType(Typed, QuestionType[ShortAnswerQuestion]):
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

    def editor(self) -> Editor:
        hint = "One per line; the first is shown as the key. Case and punctuation do not matter."
        return Editor((EditField("accepted", "Accepted answers", "lines", hint), WRONG_FEEDBACK))

    def answer_texts(self, question: ShortAnswerQuestion) -> tuple[str, ...]:
        return question.accepted


SHORT_ANSWER = ShortAnswerType()
