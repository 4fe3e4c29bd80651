"""From Moodle's answers (a weight in percent, a text, a feedback) to this app's fields,
shared by the GIFT and Moodle XML readers. What has no place here (partial credit,
feedback on a right answer, several numeric keys) is dropped with a note."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quiz.domain.interop.shared import number

Fields = tuple[dict[str, Any], list[str]]


@dataclass(frozen=True)
class Answer:
    weight: float  # Moodle's fraction in percent: 100 right, 0 wrong, between: partial
    text: str
    feedback: str = ""


def choice(found: Sequence[Answer], single: bool) -> Fields:
    """Single choice when Moodle allows one answer (or only one carries credit), else
    multiple; an option is right when it has full credit (single) or any credit."""
    notes = []
    right = [a.weight >= 100 if single else a.weight > 0 for a in found]
    for a in found:
        if single and 0 < a.weight < 100:
            notes.append(
                f"option {a.text!r} had {number(a.weight)}% credit: it counts as wrong here"
            )
    weights = {a.weight for a, r in zip(found, right, strict=True) if r}
    if not single and len(weights) > 1:
        listed = ", ".join(f"{number(w)}%" for w in sorted(weights))
        notes.append(f"the weights {listed} are not kept: each right option counts the same here")
    if not single and sum(right) == 1:
        notes.append("only one option carries credit: imported as single choice")
    options = []
    for a, r in zip(found, right, strict=True):
        option: dict[str, Any] = {"text": a.text}
        if r:
            option["correct"] = True
        if a.feedback:
            option["feedback"] = a.feedback
        options.append(option)
    kind = "single" if single or sum(right) == 1 else "multiple"
    return {"type": kind, "options": options}, notes


def short(found: Sequence[Answer]) -> Fields:
    """Accepted answers are those with full credit; Moodle's '*' (any other answer) with
    no credit gives the wrong-answer feedback."""
    content: dict[str, Any] = {"type": "short_answer", "accepted": []}
    notes = []
    for a in found:
        if a.weight >= 100:
            content["accepted"].append(a.text)
            if a.feedback:
                notes.append(f"the feedback on the right answer {a.text!r} is not kept")
        elif a.text == "*" and a.weight <= 0:
            if a.feedback:
                content["wrong_feedback"] = a.feedback
        else:
            notes.append(
                f"the answer {a.text!r} ({number(a.weight)}%) was left out: "
                "answers here are right or wrong"
            )
    return content, notes


def true_false(answer: bool, wrong: str, right: str) -> Fields:
    content: dict[str, Any] = {"type": "true_false", "answer": answer}
    if wrong:
        content["wrong_feedback"] = wrong
    notes = ["the feedback for a right answer is not kept (students read the explanation)"]
    return content, notes if right else []


def numeric(keys: Sequence[tuple[Answer, dict[str, float]]], wrong: str) -> Fields:
    """The first key with full credit; the others are left out with a note."""
    full = [(a, key) for a, key in keys if a.weight >= 100]
    content: dict[str, Any] = {"type": "numeric", "answer": full[0][1] if full else {}}
    if wrong:
        content["wrong_feedback"] = wrong
    notes = [
        f"the further answer {a.text!r} ({number(a.weight)}%) was left out: "
        "one key per numeric question here"
        for a, _key in keys
        if not full or a is not full[0][0]
    ]
    if full and full[0][0].feedback:
        notes.append("the feedback on the right answer is not kept")
    return content, notes
