"""Attempts: start one, finish it; and the reads that go with them (answers are
submitted through :mod:`quiz.store.answers`)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, or_, select, update

from quiz.domain.attempts import REPEAT_WINDOW, Plan, deadline, new_layout, repeats_start
from quiz.domain.layout import to_json
from quiz.domain.questions import Question
from quiz.domain.times import aware
from quiz.store.db import db
from quiz.store.models import Attempt, Response, User
from quiz.store.unit import lock_row, use_case


def get(attempt_id: int) -> Attempt | None:
    return db.session.get(Attempt, attempt_id)


# Built once: the statements every question page runs (building one costs more than
# running it; docs/performance.md)
_OWN_CONDITIONS = (
    Attempt.id == bindparam("attempt_id"),
    Attempt.user_id == bindparam("user_id"),
    Attempt.discarded_at.is_(None),
)
_OWN = select(Attempt).where(*_OWN_CONDITIONS)
_RESPONSE_TO = select(Response).where(
    Response.attempt_id == bindparam("attempt_id"),
    Response.question_id == bindparam("question_id"),
)


_OWN_AT = (
    select(Attempt, Response)
    .outerjoin(
        Response,
        and_(Response.attempt_id == Attempt.id, Response.position == bindparam("position")),
    )
    .where(*_OWN_CONDITIONS)
)


def own_at(user_id: int, attempt_id: int, position: int) -> tuple[Attempt, Response | None] | None:
    """The student's attempt (as :func:`get_own`) and their answer at *position*, in one
    round trip: the question page needs both."""
    parameters = {"attempt_id": attempt_id, "user_id": user_id, "position": position}
    row = db.session.execute(_OWN_AT, parameters).first()
    if row is None:
        return None
    attempt: Attempt = row[0]
    response: Response | None = row[1]
    entry = attempt.entry(position)
    if response is not None and (entry is None or response.question_id != entry.question_id):
        response = None if entry is None else response_to(attempt.id, entry.question_id)
    return attempt, response


def get_own(user_id: int, attempt_id: int) -> Attempt | None:
    """The attempt, if it belongs to *user_id* and was not discarded."""
    found = db.session.execute(_OWN, {"attempt_id": attempt_id, "user_id": user_id})
    return found.scalar_one_or_none()


def start(
    user_id: int,
    questions: Sequence[Question],
    plan: Plan,
    now: datetime,
    rng: random.Random | None = None,
) -> Attempt:
    """A new attempt with its shuffled layout stored, so a resume shows the same order.

    A second start of the same plan and questions within seconds (a double click on Start
    or Retry) returns the attempt the first one made, while it has no answer yet."""
    attempt = new_attempt(user_id, questions, plan, now, rng)
    with use_case() as session:
        lock_row(User, user_id)  # one start at a time per student
        shown = [e.question_id for e in attempt.entries]
        earlier = _repeated_start(user_id, plan, shown, now)
        if earlier is not None:
            return earlier
        session.add(attempt)
    return attempt


def new_attempt(
    user_id: int,
    questions: Sequence[Question],
    plan: Plan,
    now: datetime,
    rng: random.Random | None = None,
) -> Attempt:
    """The attempt row for *plan*, not yet added to the session."""
    layout = new_layout(questions, rng or random.Random(), shuffle_questions=plan.shuffle)
    return Attempt(
        user_id=user_id,
        kind=plan.kind,
        mode=plan.mode,
        bank_id=plan.bank_id,
        document_id=plan.document_id,
        assignment_id=plan.assignment_id,
        layout=to_json(layout),
        max_score=len(layout),
        score=0.0,
        time_limit_s=plan.time_limit_s,
        started_at=now,
        deadline_at=deadline(now, plan.time_limit_s),
    )


def _repeated_start(
    user_id: int, plan: Plan, question_ids: list[str], now: datetime
) -> Attempt | None:
    """The student's attempt that this start repeats, if any (see ``repeats_start``)."""
    query = select(Attempt).where(
        Attempt.user_id == user_id,
        Attempt.started_at >= now - REPEAT_WINDOW,
        *open_conditions(now),
        ~Attempt.responses.any(),
    )
    for earlier in db.session.execute(query).scalars():
        shown = [e.question_id for e in earlier.entries]
        if repeats_start(plan, question_ids, earlier.plan, shown):
            return earlier
    return None


def response_to(attempt_id: int, question_id: str) -> Response | None:
    found = db.session.execute(_RESPONSE_TO, {"attempt_id": attempt_id, "question_id": question_id})
    return found.scalar_one_or_none()


def answered_positions(attempt_id: int) -> set[int]:
    query = select(Response.position).where(Response.attempt_id == attempt_id)
    return set(db.session.execute(query).scalars())


def open_conditions(now: Any) -> Any:
    """An attempt still taking answers at *now* (a datetime or a bound parameter): not
    finished, not discarded, time not up."""
    return [
        Attempt.finished_at.is_(None),
        Attempt.discarded_at.is_(None),
        or_(Attempt.deadline_at.is_(None), Attempt.deadline_at >= now),
    ]


def _close(attempt_id: int, moment: datetime) -> None:
    statement = (
        update(Attempt)
        .where(Attempt.id == attempt_id, Attempt.finished_at.is_(None))
        .values(finished_at=moment)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(statement)


def finish(attempt: Attempt, now: datetime) -> None:
    """Close the attempt (unanswered questions count 0); one past its deadline closes at
    the deadline. Finishing a finished attempt changes nothing."""
    end = aware(attempt.deadline_at) if attempt.deadline_at else None
    moment = min(now, end) if end is not None else now
    with use_case():
        lock_row(Attempt, attempt.id)
        _close(attempt.id, moment)


def open_attempts(user_id: int, now: datetime) -> list[Attempt]:
    """The user's attempts still open (not finished, time not up), newest first."""
    query = (
        select(Attempt)
        .where(Attempt.user_id == user_id, *open_conditions(now))
        .order_by(Attempt.started_at.desc())
    )
    return list(db.session.execute(query).scalars())


def attempts_of(user_id: int, with_discarded: bool = False) -> list[Attempt]:
    """Every attempt of *user_id* (discarded ones only when asked), newest first."""
    query = select(Attempt).where(Attempt.user_id == user_id).order_by(Attempt.started_at.desc())
    if not with_discarded:
        query = query.where(Attempt.discarded_at.is_(None))
    return list(db.session.execute(query).scalars())


def right_question_ids(attempt_id: int) -> set[str]:
    """The questions of an attempt answered fully right."""
    query = select(Response.question_id).where(Response.attempt_id == attempt_id, Response.correct)
    return set(db.session.execute(query).scalars())
