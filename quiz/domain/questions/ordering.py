"""Ordering: put the items in the key's order.

The answer is the items in the order the student put them; it is right only in exactly
the key's order.
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
    in_order,
    need_wrong_feedback,
    text_key,
)
from quiz.domain.questions.editing import WRONG_FEEDBACK, EditField, Editor
from quiz.domain.questions.forms import AnswerForm, FormData, FormField, FormValues, InvalidAnswer

CHOOSE_POSITION = "Choose a position for this item."


class OrderingSpec(QuestionSpec):
    type: Literal["ordering"]
    items: list[Text]
    wrong_feedback: Text = ""


@dataclass(frozen=True, kw_only=True)
class OrderingQuestion(Question):
    items: tuple[str, ...]  # in the correct order


def shown_items(question: OrderingQuestion, entry: LayoutEntry) -> list[str]:
    """The items in the (shuffled) order this attempt first shows them."""
    return in_order(entry.order, question.items)


class OrderingType(QuestionType[OrderingQuestion]):
    name = "ordering"
    spec = OrderingSpec
    template = "selects"

    def build(self, spec: Any, common: dict[str, Any], checks: Checks) -> OrderingQuestion:
        feedback = need_wrong_feedback(spec, checks)
        if len(spec.items) < 3:
            checks.problem("items", "an ordering question needs at least 3 items")
        for dup in duplicates(text_key(i) for i in spec.items):
            checks.problem("items", f"the item {dup!r} appears twice")
        items = tuple(i.strip() for i in spec.items)
        return OrderingQuestion(**common, wrong_feedback=feedback, items=items)

    def grade(self, question: OrderingQuestion, answer: Any) -> Result:
        return all_or_nothing(question, tuple(str(a) for a in answer) == question.items)

    def describe_key(self, question: OrderingQuestion) -> str:
        return " → ".join(question.items)

    def describe_answer(self, question: OrderingQuestion, answer: Any) -> str:
        return " → ".join(str(a) for a in answer)

    def shuffle(self, question: OrderingQuestion, rng: random.Random) -> LayoutEntry:
        items = list(question.items)
        for _ in range(10):  # a starting order equal to the key would give it away
            rng.shuffle(items)
            if tuple(items) != question.items:
                break
        else:  # ten unlucky shuffles: a rotation differs unless every item is the same
            items = items[1:] + items[:1]
        return LayoutEntry(question.id, question.version, tuple(items))

    def form(self, question: OrderingQuestion, entry: LayoutEntry) -> AnswerForm:
        items = shown_items(question, entry)
        positions = tuple((str(n), str(n)) for n in range(1, len(items) + 1))
        fields = tuple(
            FormField(
                f"p{i}",
                item,
                "select",
                CHOOSE_POSITION,
                positions,
                placeholder="Choose the position…",
            )
            for i, item in enumerate(items)
        )
        return AnswerForm(fields, hint="Give each item its position, 1 being first.")

    def read(self, question: OrderingQuestion, entry: LayoutEntry, values: FormValues) -> Any:
        items = shown_items(question, entry)
        chosen = [int(values[f"p{i}"]) for i in range(len(items))]
        if len(set(chosen)) != len(items):
            raise InvalidAnswer(f"Give each item a different position, from 1 to {len(items)}.")
        return [items[i] for i in sorted(range(len(items)), key=lambda i: chosen[i])]

    def form_data(self, question: OrderingQuestion, entry: LayoutEntry, answer: Any) -> FormData:
        order = [str(a) for a in answer]
        return {
            f"p{i}": str(order.index(item) + 1)
            for i, item in enumerate(shown_items(question, entry))
        }

    def example_answer(self, question: OrderingQuestion, right: bool, rng: random.Random) -> Any:
        items = list(question.items)
        if not right:
            i = rng.randrange(len(items) - 1)
            items[i], items[i + 1] = items[i + 1], items[i]
        return items

    def editor(self) -> Editor:
        items = EditField(
            "items", "Items, in the correct order", "lines", "One item per line, first to last."
        )
        return Editor((items, WRONG_FEEDBACK))

    def shown_texts(self, question: OrderingQuestion) -> tuple[str, ...]:
        return question.items

    def answer_texts(self, question: OrderingQuestion) -> tuple[str, ...]:
        return ()  # the answer is an order of texts the question itself shows


ORDERING = OrderingType()
