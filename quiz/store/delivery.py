"""Saving an exam's answers: changeable until the exam ends, flags, the end at the deadline.

Saving is one transaction that first locks the attempt row (:func:`quiz.store.unit.lock_row`:
PostgreSQL's row lock; SQLite's write lock is taken by ``BEGIN IMMEDIATE``) and only then
reads whether the attempt is still open at *now*. "Submit all" (:func:`quiz.store.attempts.finish`)
locks the same row first, so a save and the submission queue on it: a save that comes
first is stored and counted in the score the submission closes; one that comes second
finds the attempt closed and stores nothing. Only what is read *after* the lock (the
stored answer, the flags) is trusted, so the running score is adjusted by the right delta.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from quiz.domain.delivery import change, with_flag
from quiz.domain.grading import describe_answer, describe_key, grade
from quiz.domain.questions import Question
from quiz.store.attempts import open_conditions
from quiz.store.db import db
from quiz.store.models import Attempt, Response
from quiz.store.unit import lock_row, use_case


@dataclass(frozen=True)
class Edit:
    """What one submitted exam form asks to store for one question."""

    question_id: str
    position: int
    question: Question | None  # None: it left its bank since; its stored answer stays
    answer: Any | None  # None: left blank (clears an answer stored before)
    flag: bool | None = None  # set or clear the question's flag; None: leave it
    close_at: datetime | None = None  # the time ran out: end the attempt then, once saved


@dataclass(frozen=True)
class Saved:
    """What became of an edit: refused (the exam had ended), or saved."""

    refused: bool
    changed: bool = False  # the stored answer was stored, replaced or cleared


class _Closed(Exception):
    """The attempt ended before this edit could be saved."""


def save(attempt: Attempt, edit: Edit, now: datetime) -> Saved:
    """Store (or replace, or clear) one answer of an open exam, set its flag, and keep the
    attempt's running score and answered count right; refused once the exam has ended."""
    attempt_id, user_id = attempt.id, attempt.user_id
    fields = _fields(attempt_id, user_id, edit, now)
    try:
        with use_case():
            lock_row(Attempt, attempt_id)  # "Submit all" and the deadline's end wait here
            if not _still_open(attempt_id, now):
                raise _Closed
            changed = _write_answer(attempt_id, edit, fields)
            flagged = _flags(attempt_id, edit)
            _update_attempt(attempt_id, changed, flagged, edit.close_at)
    except _Closed:
        return Saved(refused=True)
    return Saved(refused=False, changed=changed is not None)


def _still_open(attempt_id: int, now: datetime) -> bool:
    """Whether the attempt takes answers at *now*, read after the lock (a new snapshot on
    PostgreSQL, so an end committed while this waited is seen)."""
    query = select(Attempt.id).where(Attempt.id == attempt_id, *open_conditions(now))
    return db.session.execute(query).first() is not None


def _fields(attempt_id: int, user_id: int, edit: Edit, now: datetime) -> dict[str, Any] | None:
    """The response's columns for the edit's answer; None when there is none to store."""
    q = edit.question
    if q is None or edit.answer is None:
        return None
    result = grade(q, edit.answer)
    return {
        "attempt_id": attempt_id,
        "user_id": user_id,
        "bank_id": q.bank,
        "question_id": q.id,
        "question_version": q.version,
        "position": edit.position,
        "answer": edit.answer,
        "answer_text": describe_answer(q, edit.answer),
        "key_text": describe_key(q),
        "score": result.score,
        "correct": result.correct,
        "submitted_at": now,
    }


def _write_answer(
    attempt_id: int, edit: Edit, fields: dict[str, Any] | None
) -> tuple[float, int] | None:
    """Insert, update or delete the question's response; the (score, count) change it
    makes to the attempt, or None when nothing changed."""
    if edit.question is None:
        return None
    mine = (Response.attempt_id == attempt_id, Response.question_id == edit.question_id)
    query = select(Response.score, Response.answer, Response.question_version).where(*mine)
    stored = db.session.execute(query).one_or_none()
    before = None if stored is None else stored.score
    if fields is None:
        if stored is None:
            return None
        db.session.execute(delete(Response).where(*mine))
    elif stored is None:
        db.session.execute(insert(Response).values(fields))
    elif (stored.answer, stored.question_version) == (
        _as_stored(fields["answer"]),
        fields["question_version"],
    ):
        return None  # the same answer again (moving on without a change): nothing to write
    else:
        kept = {"attempt_id", "user_id", "bank_id", "question_id"}
        values = {k: v for k, v in fields.items() if k not in kept} | {"original_score": None}
        db.session.execute(
            update(Response)
            .where(*mine)
            .values(values)
            .execution_options(synchronize_session=False)
        )
    delta = change(before, None if fields is None else fields["score"])
    return delta.score, delta.answered


def _flags(attempt_id: int, edit: Edit) -> list[int] | None:
    """The attempt's flags with the edit's applied; None when the edit leaves them."""
    if edit.flag is None:
        return None
    stored = db.session.execute(select(Attempt.flagged).where(Attempt.id == attempt_id)).scalar()
    return with_flag(stored or [], edit.position, edit.flag)


def _update_attempt(
    attempt_id: int,
    changed: tuple[float, int] | None,
    flagged: list[int] | None,
    close_at: datetime | None,
) -> None:
    values: dict[str, Any] = {}
    if changed is not None:
        values |= {
            "score": Attempt.score + changed[0],
            "answered": Attempt.answered + changed[1],
        }
    if flagged is not None:
        values["flagged"] = flagged
    if close_at is not None:
        values["finished_at"] = close_at
    if values:
        statement = update(Attempt).where(Attempt.id == attempt_id).values(values)
        db.session.execute(statement.execution_options(synchronize_session=False))


def flagged_positions(attempt: Attempt) -> set[int]:
    return {int(p) for p in attempt.flagged or []}


def holds_answer(attempt_id: int, question_id: str, answer: Any) -> bool:
    """Whether the answer stored for the question is *answer* (compared as stored JSON)."""
    query = select(Response.answer).where(
        Response.attempt_id == attempt_id, Response.question_id == question_id
    )
    stored = db.session.execute(query).scalar_one_or_none()
    return stored is not None and stored == _as_stored(answer)


def _as_stored(answer: Any) -> Any:
    """*answer* as it reads back from its JSON column (tuples become lists)."""
    return json.loads(json.dumps(answer))
