"""Matching: each left item has one right-hand partner; distractors match nothing.

The answer maps each left item to the right-hand text chosen for it. Partial credit: the
share of left items matched to their partner.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

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
    Spec,
    Text,
)
from quiz.domain.questions.editing import EditField, Editor, EditRows
from quiz.domain.questions.forms import AnswerForm, FormData, FormField, FormValues
from quiz.domain.questions.lists import duplicates, in_order, shuffled, text_key
from quiz.domain.questions.wording import join_texts

CHOOSE_MATCH = "Choose a match for this item."


class PairSpec(Spec):
    left: Text
    right: Text
    feedback: Text = ""


class DistractorSpec(Spec):
    text: Text
    feedback: Text = ""


class MatchingSpec(QuestionSpec):
    type: Literal["matching"]
    pairs: list[PairSpec]
    distractors: list[DistractorSpec] = Field(default_factory=list)


@dataclass(frozen=True)
class Pair:
    left: str
    right: str
    feedback: str


@dataclass(frozen=True, kw_only=True)
class MatchingQuestion(Question):
    pairs: tuple[Pair, ...]
    distractors: tuple[Option, ...] = ()  # extra right-hand choices

    @property
    def rights(self) -> list[str]:
        return [p.right for p in self.pairs] + [d.text for d in self.distractors]


def shown_matching(question: MatchingQuestion, entry: LayoutEntry) -> tuple[list[str], list[str]]:
    """(left items, right-hand choices) in the order this attempt shows them."""
    lefts = in_order(entry.order, [p.left for p in question.pairs])
    return lefts, in_order(entry.choices, question.rights)


def _check(spec: MatchingSpec, checks: Checks) -> None:
    if len(spec.pairs) < 2:
        checks.problem("pairs", "a matching question needs at least 2 pairs")
    for dup in duplicates(text_key(p.left) for p in spec.pairs):
        checks.problem("pairs", f"the left item {dup!r} appears twice")
    rights = [p.right for p in spec.pairs] + [d.text for d in spec.distractors]
    for dup in duplicates(text_key(r) for r in rights):
        checks.problem(
            "pairs", f"the right-hand choice {dup!r} appears twice (pairs and distractors together)"
        )
    for i, p in enumerate(spec.pairs):
        if not p.left.strip() or not p.right.strip():
            checks.problem(f"pairs[{i}]", "a pair needs both left and right text")
        if not p.feedback.strip():
            checks.problem(
                f"pairs[{i}].feedback",
                f"pair {p.left!r} has no feedback; say why another match is wrong",
            )
    for i, d in enumerate(spec.distractors):
        if not d.feedback.strip():
            checks.problem(
                f"distractors[{i}].feedback",
                f"distractor {d.text!r} has no feedback; say why it matches nothing",
            )


class MatchingType(QuestionType[MatchingQuestion]):
    name = "matching"
    spec = MatchingSpec
    template = "selects"

    def build(self, spec: Any, common: dict[str, Any], checks: Checks) -> MatchingQuestion:
        _check(spec, checks)
        pairs = tuple(Pair(p.left.strip(), p.right.strip(), p.feedback.strip()) for p in spec.pairs)
        distractors = tuple(
            Option(f"d{i}", d.text.strip(), False, d.feedback.strip())
            for i, d in enumerate(spec.distractors)
        )
        return MatchingQuestion(**common, pairs=pairs, distractors=distractors)

    def grade(self, question: MatchingQuestion, answer: Any) -> Result:
        if not isinstance(answer, dict):
            raise TypeError("a matching answer is a mapping")
        distractors = {d.text: d for d in question.distractors}
        right = 0
        feedback = []
        for pair in question.pairs:
            chosen = answer.get(pair.left)
            if chosen == pair.right:
                right += 1
                continue
            feedback.append(Feedback(f"{pair.left}: {pair.feedback}"))
            if chosen in distractors:
                feedback.append(Feedback(f"{chosen}: {distractors[chosen].feedback}"))
        total = len(question.pairs)
        return Result(right / total, right == total, tuple(feedback))

    def describe_key(self, question: MatchingQuestion) -> str:
        return join_texts(f"{p.left} → {p.right}" for p in question.pairs)

    def describe_answer(self, question: MatchingQuestion, answer: Any) -> str:
        return join_texts(f"{p.left} → {answer.get(p.left) or '(none)'}" for p in question.pairs)

    def rows(self, question: MatchingQuestion, answer: Any) -> tuple[Row, ...]:
        return tuple(
            Row(p.left, str(answer.get(p.left) or "(none)"), p.right, answer.get(p.left) == p.right)
            for p in question.pairs
        )

    def shuffle(self, question: MatchingQuestion, rng: random.Random) -> LayoutEntry:
        lefts = shuffled((p.left for p in question.pairs), rng)
        return LayoutEntry(question.id, question.version, lefts, shuffled(question.rights, rng))

    def form(self, question: MatchingQuestion, entry: LayoutEntry) -> AnswerForm:
        lefts, rights = shown_matching(question, entry)
        choices = tuple((str(i), r) for i, r in enumerate(rights))
        fields = tuple(
            FormField(f"m{i}", left, "select", CHOOSE_MATCH, choices, placeholder="Choose a match…")
            for i, left in enumerate(lefts)
        )
        return AnswerForm(
            fields, hint="For each item, choose its match. Some choices may match nothing."
        )

    def read(self, question: MatchingQuestion, entry: LayoutEntry, values: FormValues) -> Any:
        lefts, rights = shown_matching(question, entry)
        return {left: rights[int(values[f"m{i}"])] for i, left in enumerate(lefts)}

    def form_data(self, question: MatchingQuestion, entry: LayoutEntry, answer: Any) -> FormData:
        lefts, rights = shown_matching(question, entry)
        return {f"m{i}": str(rights.index(answer[left])) for i, left in enumerate(lefts)}

    def example_answer(self, question: MatchingQuestion, right: bool, rng: random.Random) -> Any:
        lefts, rights = [p.left for p in question.pairs], [p.right for p in question.pairs]
        if right:
            return dict(zip(lefts, rights, strict=True))
        turn = rng.randrange(1, len(rights))  # every item given another's partner: scores 0
        return dict(zip(lefts, rights[turn:] + rights[:turn], strict=True))

    def editor(self) -> Editor:
        pairs = EditRows(
            "pairs",
            "Pairs",
            (
                EditField("left", "Item"),
                EditField("right", "Its match"),
                EditField("feedback", "Why another match is wrong", "textarea"),
            ),
            rows=6,
        )
        distractors = EditRows(
            "distractors",
            "Choices that match nothing (optional)",
            (
                EditField("text", "Choice"),
                EditField("feedback", "Why it matches nothing", "textarea"),
            ),
            rows=3,
        )
        return Editor((pairs, distractors))

    def shown_texts(self, question: MatchingQuestion) -> tuple[str, ...]:
        return (*(p.left for p in question.pairs), *question.rights)

    def answer_texts(self, question: MatchingQuestion) -> tuple[str, ...]:
        return tuple(p.right for p in question.pairs)

    def wrong_texts(self, question: MatchingQuestion) -> tuple[str, ...]:
        return tuple(d.text for d in question.distractors)


MATCHING = MatchingType()
