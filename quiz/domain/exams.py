"""What an open exam forbids, as pure functions over plain values.

An exam holds back whether each answer was right until it closes. So, while a student's
exam is open, nothing else may tell them about its questions: no spaced review is
scheduled from exam answers, and no other attempt (a topic practice, a retry, a passage
practice, a review, or a second exam) shows or takes an answer to any question the exam
holds. The store finds the student's open exams (:func:`quiz.store.exams.open_exams`);
these functions decide what they forbid, so assignments and exam delivery can reuse them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from quiz.domain.attempts import Mode
from quiz.domain.courses import Reveal


class Located(Protocol):
    """A question as these rules see it: its id and its bank."""

    @property
    def id(self) -> str: ...

    @property
    def bank(self) -> str: ...


@dataclass(frozen=True)
class OpenExam:
    """One of the student's exams still open: its attempt, bank and questions."""

    attempt_id: int
    bank_id: str | None
    question_ids: frozenset[str]

    def holds(self, question_id: str, bank_id: str | None) -> bool:
        """Whether this exam covers the question (it is in the exam, or in its bank)."""
        same_bank = self.bank_id is not None and bank_id == self.bank_id
        return same_bank or question_id in self.question_ids


def feeds_review(mode: Mode, reveal: Reveal | None = None) -> bool:
    """Whether an answer given in this mode schedules spaced review: never an exam's, nor
    one of an assignment whose answers are shown only later (*reveal*: the assignment's
    choice; review would show the key first)."""
    return mode is not Mode.EXAM and reveal in (None, Reveal.AFTER_EACH)


def holding_exam(
    exams: Iterable[OpenExam], question_id: str, bank_id: str | None, attempt_id: int | None = None
) -> OpenExam | None:
    """The open exam, other than attempt *attempt_id* itself, that holds the question."""
    return next(
        (e for e in exams if e.attempt_id != attempt_id and e.holds(question_id, bank_id)), None
    )


Q = TypeVar("Q", bound=Located)


@dataclass(frozen=True)
class Allowed(Generic[Q]):
    """The questions a new attempt may run through, and the exams that held others back."""

    questions: list[Q]
    held_by: list[OpenExam]


def allowed_questions(exams: Sequence[OpenExam], questions: Iterable[Q]) -> Allowed[Q]:
    """Split *questions* into those a new attempt may take and the exams holding the rest."""
    kept: list[Q] = []
    held: dict[int, OpenExam] = {}
    for q in questions:
        exam = holding_exam(exams, q.id, q.bank)
        if exam is None:
            kept.append(q)
        else:
            held[exam.attempt_id] = exam
    return Allowed(kept, list(held.values()))


def held_message(bank_titles: Sequence[str]) -> str:
    """What a student reads when an open exam holds questions back."""
    names = " and ".join(f"“{t}”" for t in bank_titles) or "this topic"
    return (
        f"You have an exam on {names} open. Its questions cannot be practised until the "
        "exam is finished: finish it (or let its time run out), then practise."
    )
