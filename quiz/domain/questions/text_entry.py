"""Typed answers: what short answer and numeric share, and short answer itself.

Short answers are compared after normalising (case, punctuation, a leading article), and
small typos are forgiven by a rule scaled to each word's length (``spelling``): the result
then says "Accepted; watch the spelling: …".
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

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
from quiz.domain.questions.lists import duplicates
from quiz.domain.questions.spelling import match, spelling_note
from quiz.domain.text import normalise_answer

# ------------------------------------------------------------------- short answer


class ShortAnswerSpec(QuestionSpec):
    type: Literal["short_answer"]
    accepted: list[Text]
    near_misses: list[Text] = Field(
        default_factory=list
    )  # close in spelling, wrong in meaning: never forgiven
    typos: bool = True  # False: only exact answers (after normalising) count
    wrong_feedback: Text = ""


@dataclass(frozen=True, kw_only=True)
class ShortAnswerQuestion(Question):
    accepted: tuple[str, ...]
    near_misses: tuple[str, ...] = ()
    typos: bool = True


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
        for miss in spec.near_misses:
            if normalise_answer(miss) in normal:
                checks.problem("near_misses", f"{miss!r} is also an accepted answer")
        return ShortAnswerQuestion(
            **common,
            wrong_feedback=feedback,
            accepted=tuple(a.strip() for a in spec.accepted),
            near_misses=tuple(m.strip() for m in spec.near_misses),
            typos=spec.typos,
        )

    def grade(self, question: ShortAnswerQuestion, answer: Any) -> Result:
        found = match(str(answer), question.accepted, question.near_misses, question.typos)
        if found is None:
            return all_or_nothing(question, False)
        return Result(1.0, True, note="" if found.exact else spelling_note(found.accepted))

    def describe_key(self, question: ShortAnswerQuestion) -> str:
        return question.accepted[0]

    def form(self, question: ShortAnswerQuestion, entry: LayoutEntry) -> AnswerForm:
        attrs = (("autocomplete", "off"), ("spellcheck", "false"), ("autofocus", ""))
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
