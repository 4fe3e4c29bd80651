"""Sessions a student chooses, resuming and discarding: the use cases behind Practise,
the session form and "Discard"."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update

from quiz.domain.attempts import Kind, Mode, Plan
from quiz.domain.questions import Question
from quiz.domain.scheduling import recall
from quiz.domain.sessions import Memory
from quiz.store import reviews, student
from quiz.store.attempts import new_attempt, open_conditions
from quiz.store.db import db
from quiz.store.models import Attempt, ReviewCard, User
from quiz.store.unit import lock_row, use_case


def open_topic_attempt(user_id: int, bank_id: str, now: datetime) -> Attempt | None:
    """The student's newest open practice attempt at the whole bank, if any."""
    query = (
        select(Attempt)
        .where(
            Attempt.user_id == user_id,
            Attempt.bank_id == bank_id,
            Attempt.kind == Kind.TOPIC,
            Attempt.mode == Mode.PRACTICE,
            *open_conditions(now),
        )
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
        .limit(1)
    )
    return db.session.execute(query).scalar_one_or_none()


def practise(
    user_id: int,
    bank_id: str,
    questions: Sequence[Question],
    now: datetime,
    rng: random.Random | None = None,
) -> tuple[Attempt, bool]:
    """Practise a topic: the open practice attempt at it if there is one (resumed: True),
    otherwise a new one. One transaction, so a double click starts at most one."""
    with use_case() as session:
        lock_row(User, user_id)  # one start at a time per student (PostgreSQL)
        existing = open_topic_attempt(user_id, bank_id, now)
        if existing is not None:
            return existing, True
        attempt = new_attempt(user_id, questions, Plan(Kind.TOPIC, bank_id=bank_id), now, rng)
        session.add(attempt)
    return attempt, False


def discard(attempt: Attempt, now: datetime) -> bool:
    """Throw away an unfinished practice attempt: hidden from the student from now on,
    never counted. Its answers stay recorded (and in the review schedule). Exams cannot
    be discarded. False when the attempt was not open or is an exam."""
    statement = (
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.mode != Mode.EXAM, *open_conditions(now))
        .values(discarded_at=now)
        .execution_options(synchronize_session=False)
    )
    with use_case() as session:
        changed = bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]
    return changed


def memory(user_id: int, now: datetime) -> dict[str, Memory]:
    """Per question the student has answered: whether the last answer was right and the
    scheduler's probability of recalling it now."""
    cards = db.session.execute(select(ReviewCard).where(ReviewCard.user_id == user_id)).scalars()
    recalls = {}
    for card in cards:
        state = reviews.state_of(card)
        if state is not None and state.last_review is not None:
            recalls[card.question_id] = recall(state, now)
    return {
        q: Memory(right, recalls.get(q)) for q, right in student.last_results(user_id, now).items()
    }
