"""Choice questions: single (one right option) and multiple (several; its type is in
:mod:`quiz.domain.questions.multiple`).

Answers: single, the chosen option id; multiple, the chosen ids (a list). Partial credit
for multiple: (right options chosen - wrong options chosen) / right options, never below
0, so choosing everything scores 0 unless few are wrong.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Literal

from quiz.domain.layout import LayoutEntry
from quiz.domain.questions.base import (
    Checks,
    Feedback,
    Option,
    Question,
    QuestionSpec,
    QuestionType,
    Result,
    Row,
    Slug,
    SourceSpec,
    Spec,
    Text,
)
from quiz.domain.questions.editing import OPTION_SOURCE, EditField, Editor, EditRows
from quiz.domain.questions.forms import AnswerForm, FormData, FormField, FormValues, InvalidAnswer
from quiz.domain.questions.lists import duplicates, in_order, shuffled, text_key
from quiz.domain.questions.wording import join_texts

# ---------------------------------------------------------------------- the specs


class OptionSpec(Spec):
    id: Slug
    text: Text
    correct: bool = False
    feedback: Text = ""
    source: SourceSpec | None = None


class SingleSpec(QuestionSpec):
    type: Literal["single"]
    options: list[OptionSpec]


class MultipleSpec(QuestionSpec):
    type: Literal["multiple"]
    options: list[OptionSpec]


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestion(Question):
    options: tuple[Option, ...]

    def extra_passages(self) -> tuple[Any, ...]:
        return tuple(o.passage for o in self.options if o.passage)


# ------------------------------------------------------------- options (shared)


def check_options(spec: SingleSpec | MultipleSpec, checks: Checks) -> tuple[Option, ...]:
    for dup in duplicates(o.id for o in spec.options):
        checks.problem("options", f"option id {dup!r} is used twice")
    for dup in duplicates(text_key(o.text) for o in spec.options):
        checks.problem("options", f"two options have the same text {dup!r}")
    options = []
    for i, o in enumerate(spec.options):
        where = f"options[{i}]"
        if not o.text.strip():
            checks.problem(f"{where}.text", f"option {o.id!r} has no text")
        if not o.correct and not o.feedback.strip():
            checks.problem(
                f"{where}.feedback", f"wrong option {o.id!r} has no feedback; say why it is wrong"
            )
        passage = checks.passage(o.source, f"{where}.source") if o.source else None
        options.append(Option(o.id, o.text.strip(), o.correct, o.feedback.strip(), passage))
    return tuple(options)


OPTIONS = EditRows(
    "options",
    "Options",
    (
        EditField("id", "Option id", "hidden"),
        EditField("text", "Option text"),
        EditField("correct", "This option is correct", "check"),
        EditField("feedback", "Why this option is wrong (every wrong option needs it)", "textarea"),
        *OPTION_SOURCE,
    ),
    rows=6,
    hint="Fill in as many rows as the question has options; blank rows are left out.",
)


def shown_options(question: ChoiceQuestion, entry: LayoutEntry) -> list[Option]:
    """The options in the order this attempt shows them."""
    by_id = {o.id: o for o in question.options}
    return [by_id[i] for i in in_order(entry.order, by_id)]


class Options(QuestionType[ChoiceQuestion]):
    """What single and multiple choice share."""

    template = "choice"

    def describe_key(self, question: ChoiceQuestion) -> str:
        return join_texts(o.text for o in question.options if o.correct)

    def rows(self, question: ChoiceQuestion, answer: Any) -> tuple[Row, ...]:
        """Every option: chosen or not, correct or not; right when the two agree."""
        chosen = {str(answer)} if isinstance(answer, str) else {str(a) for a in answer}
        return tuple(
            Row(
                o.text,
                "chosen" if o.id in chosen else "not chosen",
                "correct" if o.correct else "wrong",
                (o.id in chosen) == o.correct,
            )
            for o in question.options
        )

    def shuffle(self, question: ChoiceQuestion, rng: random.Random) -> LayoutEntry:
        order = shuffled((o.id for o in question.options), rng)
        return LayoutEntry(question.id, question.version, order)

    def shown_texts(self, question: ChoiceQuestion) -> tuple[str, ...]:
        return tuple(o.text for o in question.options)

    def answer_texts(self, question: ChoiceQuestion) -> tuple[str, ...]:
        return tuple(o.text for o in question.options if o.correct)

    def wrong_texts(self, question: ChoiceQuestion) -> tuple[str, ...]:
        return tuple(o.text for o in question.options if not o.correct)

    def analysis_choices(self, question: ChoiceQuestion) -> list[tuple[str, str, bool]]:
        return [(o.id, o.text, o.correct) for o in question.options]

    def editor(self) -> Editor:
        return Editor((OPTIONS,))

    # An option's form value is its place in this attempt's shuffled order ("0", "1", ...),
    # never its id: an author's id ("both-roles", "swapped") could give the answer away.

    def _choices(self, question: ChoiceQuestion, entry: LayoutEntry) -> tuple[tuple[str, str], ...]:
        return tuple((str(n), o.text) for n, o in enumerate(shown_options(question, entry)))

    def _option_id(self, question: ChoiceQuestion, entry: LayoutEntry, value: Any) -> str:
        """The option a submitted value stands for."""
        shown = shown_options(question, entry)
        text = str(value)
        if not text.isdigit() or int(text) >= len(shown):
            raise InvalidAnswer("Choose one of the answers shown.", "answer")
        return shown[int(text)].id

    def _value(self, question: ChoiceQuestion, entry: LayoutEntry, option_id: Any) -> str:
        return str([o.id for o in shown_options(question, entry)].index(str(option_id)))


class SingleType(Options):
    name = "single"
    spec = SingleSpec

    def build(self, spec: Any, common: dict[str, Any], checks: Checks) -> ChoiceQuestion:
        options = check_options(spec, checks)
        correct = sum(o.correct for o in options)
        if len(options) < 2:
            checks.problem("options", "a single-choice question needs at least 2 options")
        if correct != 1:
            checks.problem(
                "options",
                "a single-choice question needs exactly one option with correct: true "
                f"(found {correct})",
            )
        return ChoiceQuestion(**common, options=options)

    def grade(self, question: ChoiceQuestion, answer: Any) -> Result:
        chosen = next((o for o in question.options if o.id == answer), None)
        if chosen is None:
            return Result(0.0, False, (Feedback("No option was chosen."),))
        if chosen.correct:
            return Result(1.0, True, (Feedback(chosen.feedback),) if chosen.feedback else ())
        return Result(0.0, False, (Feedback(chosen.feedback, chosen.passage),))

    def describe_answer(self, question: ChoiceQuestion, answer: Any) -> str:
        return next((o.text for o in question.options if o.id == answer), "(no answer)")

    def rows(self, question: ChoiceQuestion, answer: Any) -> tuple[Row, ...]:
        return ()  # one choice: "your answer" beside "the correct answer" says it all

    def form(self, question: ChoiceQuestion, entry: LayoutEntry) -> AnswerForm:
        field = FormField(
            "answer", "Your answer", "radio", "Choose an answer.", self._choices(question, entry)
        )
        return AnswerForm((field,))

    def read(self, question: ChoiceQuestion, entry: LayoutEntry, values: FormValues) -> Any:
        return self._option_id(question, entry, values["answer"])

    def form_data(self, question: ChoiceQuestion, entry: LayoutEntry, answer: Any) -> FormData:
        return {"answer": self._value(question, entry, answer)}

    def example_answer(self, question: ChoiceQuestion, right: bool, rng: random.Random) -> Any:
        if right:
            return next(o.id for o in question.options if o.correct)
        wrong = [o.id for o in question.options if not o.correct]
        # earlier wrong options are more tempting, so distractor counts differ in demo data
        return rng.choices(wrong, range(len(wrong), 0, -1))[0]


SINGLE = SingleType()
