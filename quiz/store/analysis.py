"""Item analysis reads and the responses export, streamed from the database."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Select, Subquery, Text, cast, exists, func, select

from quiz.store.db import db
from quiz.store.models import Attempt, Response, User
from quiz.store.scoring import among, closed, counted

Which = Literal["first", "all"]
Scored = list[tuple[int, str, float]]


def analysed_attempts(
    bank_id: str, now: datetime, which: Which = "first", students: Any = None
) -> Subquery:
    """The attempts item analysis uses, as a subquery of ``(id, bank_id)``: counted
    attempts at the bank with at least one response; with ``first``, each student's
    earliest one."""
    return _picked(
        [Attempt.bank_id == bank_id, *counted(now), *among(Attempt.user_id, students)], which
    )


def _picked(conditions: list[Any], which: Which) -> Subquery:
    """The attempts meeting *conditions* that have a response; with ``first``, each
    student's earliest."""
    conditions = [*conditions, exists().where(Response.attempt_id == Attempt.id)]
    if which == "all":
        return select(Attempt.id, Attempt.bank_id).where(*conditions).subquery()
    rank = func.row_number().over(
        partition_by=Attempt.user_id, order_by=(Attempt.started_at, Attempt.id)
    )
    ranked = select(Attempt.id, Attempt.bank_id, rank.label("rank")).where(*conditions).subquery()
    return select(ranked.c.id, ranked.c.bank_id).where(ranked.c.rank == 1).subquery()


def _analysed(
    bank_id: str, now: datetime, which: Which, students: Any, *columns: Any
) -> Select[Any]:
    """``Response.bank_id`` and *columns* of the responses in the analysed attempts.

    The caller keeps the rows of *bank_id* (a whole-bank attempt's responses all are,
    unless a question moved banks). Comparing the bank in SQL would tempt the database to
    scan the whole bank's responses through its bank index instead of reading each
    attempt's responses by attempt id."""
    return _responses_of(analysed_attempts(bank_id, now, which, students), *columns)


def _responses_of(attempts: Subquery, *columns: Any) -> Select[Any]:
    return select(Response.bank_id, *columns).join(attempts, Response.attempt_id == attempts.c.id)


def analysed_responses(
    bank_id: str, now: datetime, which: Which = "first", students: Any = None
) -> Scored:
    """``(attempt_id, question_id, score)`` of every response in the analysed attempts."""
    query = _analysed(
        bank_id, now, which, students, Response.attempt_id, Response.question_id, Response.score
    )
    return [(a, q, s) for bank, a, q, s in db.session.execute(query) if bank == bank_id]


def analysed_with_answers(
    bank_id: str,
    question_ids: Sequence[str],
    now: datetime,
    which: Which = "first",
    students: Any = None,
) -> tuple[Scored, dict[str, list[tuple[Any, int]]]]:
    """:func:`analysed_responses`, and per question of *question_ids* each distinct stored
    answer with how many analysed responses gave it, from one read of the analysed
    responses (at a million stored responses a second join of the same rows cost as much
    again: docs/performance.md). Answers are grouped by their stored JSON text, since
    PostgreSQL cannot group by a json value."""
    attempts = analysed_attempts(bank_id, now, which, students)
    return _with_answers(attempts, question_ids, bank_id)


def assignment_with_answers(
    assignment_id: int, question_ids: Sequence[str], now: datetime, which: Which = "first"
) -> tuple[Scored, dict[str, list[tuple[Any, int]]]]:
    """As :func:`analysed_with_answers`, for the submitted attempts at one assignment (a
    reset one left out), whatever banks their questions come from."""
    conditions = [
        Attempt.assignment_id == assignment_id,
        Attempt.discarded_at.is_(None),
        closed(now),
    ]
    return _with_answers(_picked(conditions, which), question_ids, None)


def _with_answers(
    attempts: Subquery, question_ids: Sequence[str], bank_id: str | None
) -> tuple[Scored, dict[str, list[tuple[Any, int]]]]:
    wanted = set(question_ids)
    scored: Scored = []
    counts: Counter[tuple[str, str]] = Counter()
    columns = (
        Response.attempt_id,
        Response.question_id,
        Response.score,
        cast(Response.answer, Text),
    )
    # Plain rows, not through the ORM's loading: tens of thousands of them (docs/performance.md)
    rows = db.session.connection().execute(_responses_of(attempts, *columns))
    for bank, attempt, question, score, text in rows:
        if bank_id is None or bank == bank_id:
            scored.append((attempt, question, score))
            if question in wanted:
                counts[(question, text)] += 1
    found: dict[str, list[tuple[Any, int]]] = {}
    for (question, text), count in counts.items():
        found.setdefault(question, []).append((json.loads(text), count))
    return scored, found


def question_totals(students: Any = None) -> dict[str, tuple[int, float]]:
    """Per question: how many responses and the sum of their scores (every attempt)."""
    query = (
        select(Response.question_id, func.count(), func.sum(Response.score))
        .where(*among(Response.user_id, students))
        .group_by(Response.question_id)
    )
    return {q: (n, float(total or 0.0)) for q, n, total in db.session.execute(query)}


def response_rows(
    now: datetime, bank_id: str | None = None, completed: bool = False, students: Any = None
) -> Iterator[tuple[Any, ...]]:
    """Every response with its student and attempt, oldest first, streamed from the
    database: (student, attempt_id, attempt_started_at, bank, question_id,
    question_version, response, score, submitted_at). With *completed*, only responses
    of the attempts item analysis may use (counted attempts)."""
    query = (
        select(
            User.username,
            Response.attempt_id,
            Attempt.started_at,
            Response.bank_id,
            Response.question_id,
            Response.question_version,
            Response.answer_text,
            Response.score,
            Response.submitted_at,
        )
        .join(Attempt, Response.attempt_id == Attempt.id)
        .join(User, Response.user_id == User.id)
        .order_by(Response.id)
    )
    query = query.where(*among(Response.user_id, students))
    if bank_id:
        query = query.where(Response.bank_id == bank_id)
    if completed:
        query = query.where(*counted(now))
    for row in db.session.execute(query.execution_options(yield_per=2000)):
        yield tuple(row)
