"""Grading: (question, answer) -> Result, through the question's type. Never raises.

Answers, by type (as read from the answer form by the type's ``read``):

- single: the chosen option id (str)
- multiple: the chosen option ids (a list of str)
- true_false: bool
- matching: {left text: chosen right text}
- short_answer: str
- numeric: str, as typed (parsed when graded, so "30 hours" or "0,5" work)
- ordering: the items in the order the student put them (a list of str)

Partial credit (a score is always in [0, 1]) is each type's rule: multiple, matching and
ordering give it (see their modules and docs/grading.md); the other types score 1 or 0.
Short answers forgive small typos and say so in the result's ``note``.

An answer of the wrong shape (hostile or malformed input) scores 0 with the question's
wrong-answer feedback. A question whose type is not registered is a programming error and
raises: it cannot reach here, since only registered types build questions.
"""

from __future__ import annotations

from typing import Any

from quiz.domain.questions import Feedback, Question, Result, Row, type_of

_MALFORMED = (TypeError, ValueError, AttributeError, KeyError)


def grade(question: Question, answer: Any) -> Result:
    """Grade *answer* against *question*'s key."""
    qtype = type_of(question)  # outside the try: an unknown type is an error, not a 0
    try:
        result = qtype.grade(question, answer)
    except _MALFORMED:
        why = question.wrong_feedback or "That is not the answer the documents give."
        result = Result(0.0, False, (Feedback(why),))
    score = min(1.0, max(0.0, result.score))
    return Result(score, score >= 1.0, result.feedback, result.note)


def describe_key(question: Question) -> str:
    """The answer key as a sentence a student can read."""
    return type_of(question).describe_key(question)


def rows(question: Question, answer: Any) -> tuple[Row, ...]:
    """The answer item by item beside the key (choice, matching, ordering); () otherwise
    or when the answer cannot be read."""
    try:
        return type_of(question).rows(question, answer)
    except _MALFORMED:
        return ()


def describe_answer(question: Question, answer: Any) -> str:
    """What the student answered, as readable text (stored with the response)."""
    qtype = type_of(question)
    try:
        return qtype.describe_answer(question, answer)
    except _MALFORMED:  # ValueError: str() of a 4300+ digit int
        return "(unreadable answer)"
