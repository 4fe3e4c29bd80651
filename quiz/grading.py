"""Grading: (question, response) -> Result. One pure function per question type.

Responses, by type (as parsed from the form by :mod:`quiz.forms`):

- single: the chosen option id (str)
- multiple: the chosen option ids (a collection of str)
- true_false: bool
- matching: {left text: chosen right text}
- short_answer: str
- numeric: str, as typed (parsed here, so "30 hours" or "0,5" work)
- ordering: the items in the order the student put them (a sequence of str)

Partial credit (score is always in [0, 1]):

- multiple: (correct options chosen - wrong options chosen) / number of correct options,
  never below 0. Choosing every option therefore scores 0 unless few are wrong.
- matching: the share of left items matched to their right-hand partner.
- every other type scores 1 or 0; ordering is right only in exactly the key's order.

A response of the wrong shape (hostile or malformed input) scores 0; grading never raises.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quiz.banks import Question
from quiz.documents import Passage
from quiz.text import normalise_answer


@dataclass(frozen=True)
class Feedback:
    text: str
    passage: Passage | None = None


@dataclass(frozen=True)
class Result:
    score: float
    correct: bool
    feedback: tuple[Feedback, ...] = ()


def grade(question: Question, response: Any) -> Result:
    """Grade *response* against *question*'s key."""
    try:
        result = GRADERS[question.type](question, response)
    except (TypeError, ValueError, AttributeError, KeyError):
        result = Result(0.0, False, (Feedback(_why_not(question)),))
    score = min(1.0, max(0.0, result.score))
    return Result(score, score >= 1.0, result.feedback)


def _why_not(question: Question) -> str:
    return question.wrong_feedback or "That is not the answer the documents give."


def _all_or_nothing(question: Question, right: bool) -> Result:
    if right:
        return Result(1.0, True)
    return Result(0.0, False, (Feedback(question.wrong_feedback),))


def grade_single(question: Question, response: Any) -> Result:
    chosen = next((o for o in question.options if o.id == response), None)
    if chosen is None:
        return Result(0.0, False, (Feedback("No option was chosen."),))
    if chosen.correct:
        return Result(1.0, True, (Feedback(chosen.feedback),) if chosen.feedback else ())
    return Result(0.0, False, (Feedback(chosen.feedback, chosen.passage),))


def grade_multiple(question: Question, response: Any) -> Result:
    if isinstance(response, str):
        response = [response]
    chosen = {str(r) for r in response}
    correct = [o for o in question.options if o.correct]
    hits = sum(o.id in chosen for o in correct)
    wrong = [o for o in question.options if not o.correct and o.id in chosen]
    score = max(0.0, (hits - len(wrong)) / len(correct))
    feedback = [Feedback(o.feedback, o.passage) for o in wrong]
    missed = [o.text for o in correct if o.id not in chosen]
    if missed:
        feedback.append(Feedback("Also correct, and not chosen: " + "; ".join(missed) + "."))
    return Result(score, score >= 1.0, tuple(feedback))


def grade_true_false(question: Question, response: Any) -> Result:
    if not isinstance(response, bool):
        raise TypeError("true/false response must be a bool")
    return _all_or_nothing(question, response is question.answer)


def grade_matching(question: Question, response: Any) -> Result:
    if not isinstance(response, dict):
        raise TypeError("matching response must be a mapping")
    distractors = {d.text: d for d in question.distractors}
    right = 0
    feedback = []
    for pair in question.pairs:
        chosen = response.get(pair.left)
        if chosen == pair.right:
            right += 1
            continue
        feedback.append(Feedback(f"{pair.left}: {pair.feedback}"))
        if chosen in distractors:
            feedback.append(Feedback(f"{chosen}: {distractors[chosen].feedback}"))
    return Result(right / len(question.pairs), right == len(question.pairs), tuple(feedback))


def grade_short_answer(question: Question, response: Any) -> Result:
    given = normalise_answer(str(response))
    accepted = {normalise_answer(a) for a in question.accepted}
    return _all_or_nothing(question, bool(given) and given in accepted)


_NUMBER = re.compile(r"^\s*([-+]?(?:[1-9]\d{0,2}(?:[, ]\d{3})+(?!\d)(?:\.\d*)?|\d+(?:[.,]\d*)?|[.,]\d+)(?:e[-+]?\d+)?)\s*(.*)", re.I | re.S)
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
    return bool(b) and (a == b or a.rstrip("s") == b.rstrip("s") or a in {"%"} and b.startswith("percent"))


def grade_numeric(question: Question, response: Any) -> Result:
    key = question.numeric
    assert key is not None
    value = parse_number(str(response), key.unit)
    if value is None:
        return Result(0.0, False, (Feedback(f"That is not a number in {key.unit}."), Feedback(question.wrong_feedback)))
    return _all_or_nothing(question, key.low - 1e-9 <= value <= key.high + 1e-9)


def grade_ordering(question: Question, response: Any) -> Result:
    return _all_or_nothing(question, tuple(str(r) for r in response) == question.items)


GRADERS: dict[str, Callable[[Question, Any], Result]] = {
    "single": grade_single,
    "multiple": grade_multiple,
    "true_false": grade_true_false,
    "matching": grade_matching,
    "short_answer": grade_short_answer,
    "numeric": grade_numeric,
    "ordering": grade_ordering,
}


# ----------------------------------------------------------- readable descriptions


def describe_key(question: Question) -> str:
    """The answer key as a sentence a student can read."""
    t = question.type
    if t in ("single", "multiple"):
        return "; ".join(o.text for o in question.options if o.correct)
    if t == "true_false":
        return "True" if question.answer else "False"
    if t == "matching":
        return "; ".join(f"{p.left} → {p.right}" for p in question.pairs)
    if t == "short_answer":
        return question.accepted[0]
    if t == "numeric":
        k = question.numeric
        assert k is not None
        if k.low == k.high:
            return f"{k.low:g} {k.unit}"
        return f"between {k.low:g} and {k.high:g} {k.unit}"
    return " → ".join(question.items)


def describe_response(question: Question, response: Any) -> str:
    """What the student answered, as readable text (stored with the response)."""
    try:
        t = question.type
        if t == "single":
            return next((o.text for o in question.options if o.id == response), "(no answer)")
        if t == "multiple":
            chosen = {str(r) for r in response}
            return "; ".join(o.text for o in question.options if o.id in chosen) or "(none chosen)"
        if t == "true_false":
            return "True" if response is True else "False" if response is False else "(no answer)"
        if t == "matching":
            return "; ".join(f"{p.left} → {response.get(p.left) or '(none)'}" for p in question.pairs)
        if t == "ordering":
            return " → ".join(str(r) for r in response)
        return str(response).strip() or "(no answer)"
    except (TypeError, AttributeError, ValueError):  # ValueError: str() of a 4300+ digit int
        return "(unreadable answer)"
