"""Appeals: a student's "I think my answer should count", and the instructor's decision.

Accepting is one transaction: the response scores full marks, its attempt's score rises
by the difference (open or closed: the score is kept as a sum), and the appeal records
who decided, when, why, and the scores before and after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, select, update

from quiz.domain.appeals import Status, accepted_score
from quiz.store.db import db
from quiz.store.models import Appeal, Attempt, Response, User
from quiz.store.unit import use_case


def for_response(response_id: int) -> Appeal | None:
    query = select(Appeal).where(Appeal.response_id == response_id)
    return db.session.execute(query).scalar_one_or_none()


def make(response: Response, comment: str, now: datetime) -> bool:
    """File the student's appeal against *response*; False when one exists already."""
    if for_response(response.id) is not None:
        return False
    appeal = Appeal(
        response_id=response.id,
        user_id=response.user_id,
        comment=comment,
        status=Status.OPEN,
        created_at=now,
        score_before=response.score,
        reply="",
    )
    with use_case() as session:
        session.add(appeal)
    return True


def get(appeal_id: int) -> Appeal | None:
    return db.session.get(Appeal, appeal_id)


def decide(appeal: Appeal, accept: bool, instructor_id: int, reply: str, now: datetime) -> bool:
    """Accept or decline an open appeal; False when it was decided already."""
    with use_case() as session:
        claimed = session.execute(
            update(Appeal)
            .where(Appeal.id == appeal.id, Appeal.status == Status.OPEN)
            .values(
                status=Status.ACCEPTED if accept else Status.DECLINED,
                decided_at=now,
                decided_by=instructor_id,
                reply=reply,
                score_after=accepted_score() if accept else None,
            )
            .execution_options(synchronize_session=False)
        ).rowcount  # type: ignore[attr-defined]
        if claimed and accept:
            _give_full_marks(appeal.response_id)
    return bool(claimed)


def _give_full_marks(response_id: int) -> None:
    response = db.session.get(Response, response_id)
    if response is None:
        return
    gain = max(0.0, accepted_score() - response.score)
    response.score, response.correct = accepted_score(), True
    db.session.execute(
        update(Attempt)
        .where(Attempt.id == response.attempt_id)
        .values(score=Attempt.score + gain)
        .execution_options(synchronize_session=False)
    )


@dataclass(frozen=True)
class QueueRow:
    appeal: Appeal
    response: Response
    student: str
    decided_by: str | None


def queue(limit: int = 200, students: Any = None) -> list[QueueRow]:
    """Open appeals first (oldest first), then the latest decided ones; of *students*
    (a subquery of user ids) when given."""
    decider = db.aliased(User)
    open_first = case((Appeal.status == Status.OPEN, 0), else_=1)
    query = (
        select(Appeal, Response, User.username, decider.username)
        .join(Response, Appeal.response_id == Response.id)
        .join(User, Appeal.user_id == User.id)
        .outerjoin(decider, Appeal.decided_by == decider.id)
        .order_by(open_first, Appeal.created_at)
        .limit(limit)
    )
    if students is not None:
        query = query.where(Appeal.user_id.in_(students))
    return [QueueRow(a, r, s, d) for a, r, s, d in db.session.execute(query)]


def open_count(students: Any = None) -> int:
    query = select(db.func.count()).select_from(Appeal).where(Appeal.status == Status.OPEN)
    if students is not None:
        query = query.where(Appeal.user_id.in_(students))
    return int(db.session.execute(query).scalar_one())
