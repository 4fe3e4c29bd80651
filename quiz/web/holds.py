"""What a student's open exam holds back, applied to pages: the rule is
:mod:`quiz.domain.exams`, the query :func:`quiz.store.exams.open_exams`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NoReturn

from flask import abort, g
from flask_login import current_user

from quiz.domain.exams import OpenExam, held_message, holding_exam
from quiz.store.exams import open_exams
from quiz.store.models import Attempt
from quiz.web.context import current_catalog, now


def current_exams() -> list[OpenExam]:
    """The student's open exams; none without a query when loading the user found none."""
    user_id = current_user.id
    if g.get("exams_open", True) is False:
        return []
    return open_exams(user_id, now())


def message(exams: Sequence[OpenExam]) -> str:
    """The student's message, naming the topics of the exams that hold questions back."""
    catalog = current_catalog()
    titles = (catalog.bank_title(e.bank_id) for e in exams)
    return held_message(list(dict.fromkeys(t for t in titles if t)))


def refuse(exams: Sequence[OpenExam]) -> NoReturn:
    abort(409, message(exams))


def guard_attempt(attempt: Attempt, question_ids: Iterable[str] | None = None) -> None:
    """Refuse (409) to show or take answers in *attempt* for questions an open exam of the
    student's holds; the exam itself is never held. Every question of the attempt unless
    *question_ids* names some."""
    exams = current_exams()
    if not exams:
        return
    questions = current_catalog().questions
    ids = question_ids if question_ids is not None else (e.question_id for e in attempt.entries)
    held = []
    for question_id in ids:
        q = questions.get(question_id)
        exam = holding_exam(exams, question_id, q.bank if q else None, attempt.id)
        if exam is not None:
            held.append(exam)
    if held:
        refuse(held)
