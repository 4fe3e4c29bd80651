"""Ordering: put the items in the key's order.

The answer is the items in the order the student put them. Partial credit by the
"longest ordered subsequence" rule (one of Moodle's ordering grading types): the score is
the number of items in the longest run of the answer, not necessarily adjacent, that is
in the key's order, divided by the number of items; a run of one item earns nothing
(any answer has one). Key A B C D: B A C D scores 3/4 (A C D); A B D C 3/4; C D A B 2/4;
D C B A 0. docs/grading.md has more worked examples.
"""

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
    Row,
    Text,
    need_wrong_feedback,
)
from quiz.domain.questions.editing import WRONG_FEEDBACK, EditField, Editor
from quiz.domain.questions.forms import AnswerForm, FormData, FormField, FormValues, InvalidAnswer
from quiz.domain.questions.lists import duplicates, in_order, text_key

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
        given = [str(a) for a in answer]
        if sorted(given) != sorted(question.items):
            raise ValueError("an ordering answer has each item once")
        if tuple(given) == question.items:
            return Result(1.0, True)
        run = longest_ordered(given, question.items)
        score = len(run) / len(question.items) if len(run) > 1 else 0.0
        feedback = [Feedback(question.wrong_feedback)]
        if score:
            feedback.insert(0, Feedback(_credit_note(run, len(question.items))))
        return Result(score, False, tuple(feedback))

    def rows(self, question: OrderingQuestion, answer: Any) -> tuple[Row, ...]:
        given = [str(a) for a in answer]
        return tuple(
            Row(f"{n}.", mine, key, mine == key)
            for n, (mine, key) in enumerate(zip(given, question.items, strict=True), 1)
        )

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
        return items if right else items[::-1]  # reversed: no two items in order, scores 0

    def editor(self) -> Editor:
        items = EditField(
            "items", "Items, in the correct order", "lines", "One item per line, first to last."
        )
        return Editor((items, WRONG_FEEDBACK))

    def shown_texts(self, question: OrderingQuestion) -> tuple[str, ...]:
        return question.items

    def answer_texts(self, question: OrderingQuestion) -> tuple[str, ...]:
        return ()  # the answer is an order of texts the question itself shows


def longest_ordered(given: list[str], key: tuple[str, ...]) -> list[str]:
    """The longest subsequence of *given* in the key's order (the first found on a tie):
    a longest increasing subsequence of the items' key positions, O(n²) for a handful."""
    ranks = [key.index(item) for item in given]
    best: list[list[str]] = []
    for i, rank in enumerate(ranks):
        before = [best[j] for j in range(i) if ranks[j] < rank]
        best.append([*max(before, key=len, default=[]), given[i]])
    return max(best, key=len, default=[])


def _credit_note(run: list[str], total: int) -> str:
    return (
        f"{len(run)} of {total} items are in the right order relative to each other "
        f"({' → '.join(run)}): that longest run earns the credit."
    )


ORDERING = OrderingType()
