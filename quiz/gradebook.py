"""What instructors review, read from the database as plain rows.

Aggregates are computed in SQL (GROUP BY, window functions), so Python sees one row per
student and bank, per question, or per analysed response, never a loop over every
response. Only portable SQL: the same queries run on SQLite and PostgreSQL.

Scores count *whole-bank* attempts (practice and exam) that are finished, as a student's
own home page does; retry, review and passage attempts cover a few questions only.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Literal

from sqlalchemy import Select, Subquery, Text, case, cast, exists, func, select

from quiz.extensions import db
from quiz.models import STUDENT, Attempt, Response, User
from quiz.records import WHOLE_BANK
from quiz.stats import sorted_empty_last
from quiz.times import aware

Which = Literal["first", "all"]
METRICS = ("attempts", "best", "latest", "mean")




def day_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """[start 00:00, the day after end 00:00) in UTC: both dates are included."""
    low = datetime.combine(start, time(), timezone.utc) if start else None
    high = datetime.combine(end + timedelta(days=1), time(), timezone.utc) if end else None
    return low, high


def _percent() -> Any:
    return 100.0 * Attempt.score / func.nullif(Attempt.max_score, 0)


def _counted() -> list[Any]:
    """The conditions for an attempt whose score counts."""
    return [Attempt.finished_at.is_not(None), Attempt.mode.in_(WHOLE_BANK)]


# ------------------------------------------------------------------------ gradebook


@dataclass(frozen=True)
class BankCell:
    attempts: int
    best: float | None
    latest: float | None
    mean: float | None


@dataclass(frozen=True)
class StudentRow:
    user_id: int
    username: str
    last_active: datetime | None
    banks: dict[str, BankCell] = field(default_factory=dict)

    def value(self, key: str) -> Any:
        """The value of a sort key: ``student``, ``last_active`` or ``BANK:METRIC``."""
        if key == "student":
            return self.username
        if key == "last_active":
            return self.last_active
        bank, _, metric = key.rpartition(":")
        cell = self.banks.get(bank)
        if cell is None:
            return 0 if metric == "attempts" else None
        return getattr(cell, metric)


def sort_keys(bank_ids: Sequence[str]) -> list[str]:
    return ["student", "last_active", *(f"{b}:{m}" for b in bank_ids for m in METRICS)]


def gradebook(search: str = "", start: date | None = None, end: date | None = None) -> list[StudentRow]:
    """One row per student: per bank attempts, best, latest and mean percent, and when the
    student last answered. With a date range only attempts finished (and answers given)
    in it count, and students with nothing in it are left out. Sorted by user name."""
    low, high = day_bounds(start, end)
    students = select(User.id, User.username).where(User.role == STUDENT).order_by(User.username)
    if search.strip():
        students = students.where(func.lower(User.username).contains(search.strip().lower(), autoescape=True))
    cells = _bank_cells(low, high)
    active = _last_active(low, high)
    rows = []
    for user_id, username in db.session.execute(students):
        banks = cells.get(user_id, {})
        if (low or high) and not banks and user_id not in active:
            continue
        rows.append(StudentRow(user_id, username, aware(active.get(user_id)), banks))
    return rows


def _between(column: Any, low: datetime | None, high: datetime | None) -> list[Any]:
    return [c for c in (column >= low if low else None, column < high if high else None) if c is not None]


def _bank_cells(low: datetime | None, high: datetime | None) -> dict[int, dict[str, BankCell]]:
    recent = func.row_number().over(partition_by=(Attempt.user_id, Attempt.bank_id),
                                    order_by=(Attempt.finished_at.desc(), Attempt.id.desc()))
    ranked = (select(Attempt.user_id, Attempt.bank_id, _percent().label("pct"), recent.label("recent"))
              .where(*_counted(), *_between(Attempt.finished_at, low, high)).subquery())
    query = select(ranked.c.user_id, ranked.c.bank_id, func.count(), func.max(ranked.c.pct), func.avg(ranked.c.pct),
                   func.max(case((ranked.c.recent == 1, ranked.c.pct)))).group_by(ranked.c.user_id, ranked.c.bank_id)
    cells: dict[int, dict[str, BankCell]] = {}
    for user_id, bank_id, count, best, average, latest in db.session.execute(query):
        cells.setdefault(user_id, {})[bank_id] = BankCell(count, best, latest, _float(average))
    return cells


def _last_active(low: datetime | None, high: datetime | None) -> dict[int, datetime]:
    """Each student's latest answer: one look-up per student in (user_id, submitted_at),
    rather than a GROUP BY that reads the whole index (docs/performance.md)."""
    latest = (select(func.max(Response.submitted_at))
              .where(Response.user_id == User.id, *_between(Response.submitted_at, low, high))
              .correlate(User).scalar_subquery())
    query = select(User.id, latest).where(User.role == STUDENT)
    return {user_id: moment for user_id, moment in db.session.execute(query) if moment is not None}


def _float(value: Any) -> float | None:
    return None if value is None else float(value)  # PostgreSQL's avg() of an int is a Decimal


def sort_rows(rows: Sequence[StudentRow], key: str, descending: bool = False) -> list[StudentRow]:
    """*rows* sorted by *key* (ties by user name); empty values always go last."""
    return sorted_empty_last(sorted(rows, key=lambda r: r.username), lambda r: r.value(key), descending)


# ----------------------------------------------------------------------- per bank


@dataclass(frozen=True)
class BankOverview:
    bank_id: str
    finished: int
    students: int
    mean: float | None


def bank_overview() -> dict[str, BankOverview]:
    """Per bank: finished attempts, students who finished one, mean percent."""
    query = (select(Attempt.bank_id, func.count(), func.count(func.distinct(Attempt.user_id)), func.avg(_percent()))
             .where(*_counted()).group_by(Attempt.bank_id))
    return {b: BankOverview(b, n, s, _float(m)) for b, n, s, m in db.session.execute(query)}


@dataclass(frozen=True)
class BankScores:
    started: int
    finished: int
    students_started: int
    students_finished: int
    scores: list[tuple[datetime, float]]  # (finished at, percent) of each finished attempt, oldest first


def bank_scores(bank_id: str) -> BankScores:
    """Completion counts and every finished attempt's percent for one bank."""
    done = Attempt.finished_at.is_not(None)
    counts = db.session.execute(
        select(func.count(), func.count(Attempt.finished_at), func.count(func.distinct(Attempt.user_id)),
               func.count(func.distinct(case((done, Attempt.user_id)))))
        .where(Attempt.bank_id == bank_id, Attempt.mode.in_(WHOLE_BANK))
    ).one()
    scores = db.session.execute(
        select(Attempt.finished_at, _percent()).where(Attempt.bank_id == bank_id, *_counted())
        .order_by(Attempt.finished_at)
    ).all()
    return BankScores(*counts, [(aware(t), float(p or 0.0)) for t, p in scores])


# ---------------------------------------------------------------------- item analysis


def analysed_attempts(bank_id: str, which: Which = "first") -> Subquery:
    """The attempts item analysis uses, as a subquery of ``(id, bank_id)``: finished
    whole-bank attempts at the bank with at least one response; with ``first``, each
    student's earliest one."""
    conditions = [Attempt.bank_id == bank_id, *_counted(), exists().where(Response.attempt_id == Attempt.id)]
    if which == "all":
        return select(Attempt.id, Attempt.bank_id).where(*conditions).subquery()
    rank = func.row_number().over(partition_by=Attempt.user_id, order_by=(Attempt.started_at, Attempt.id))
    ranked = select(Attempt.id, Attempt.bank_id, rank.label("rank")).where(*conditions).subquery()
    return select(ranked.c.id, ranked.c.bank_id).where(ranked.c.rank == 1).subquery()


def _analysed(bank_id: str, which: Which, *columns: Any) -> Select[Any]:
    """``Response.bank_id`` and *columns* of the responses in the analysed attempts.

    The caller keeps the rows of *bank_id* (a whole-bank attempt's responses all are,
    unless a question moved banks). Comparing the bank in SQL would tempt the database to
    scan the whole bank's responses through its bank index instead of reading each
    attempt's responses by attempt id."""
    attempts = analysed_attempts(bank_id, which)
    return select(Response.bank_id, *columns).join(attempts, Response.attempt_id == attempts.c.id)


def analysed_responses(bank_id: str, which: Which = "first") -> list[tuple[int, str, float]]:
    """``(attempt_id, question_id, score)`` of every response in the analysed attempts."""
    query = _analysed(bank_id, which, Response.attempt_id, Response.question_id, Response.score)
    return [(attempt, question, score) for bank, attempt, question, score in db.session.execute(query) if bank == bank_id]


def analysed_with_answers(bank_id: str, question_ids: Sequence[str], which: Which = "first"
                          ) -> tuple[list[tuple[int, str, float]], dict[str, list[tuple[Any, int]]]]:
    """:func:`analysed_responses`, and per question of *question_ids* each distinct stored
    answer with how many analysed responses gave it, from one read of the analysed
    responses (at a million stored responses a second join of the same rows cost as much
    again: docs/performance.md). Answers are grouped by their stored JSON text, since
    PostgreSQL cannot group by a json value."""
    wanted = set(question_ids)
    scored: list[tuple[int, str, float]] = []
    counts: Counter[tuple[str, str]] = Counter()
    query = _analysed(bank_id, which, Response.attempt_id, Response.question_id, Response.score, cast(Response.answer, Text))
    for bank, attempt, question, score, text in db.session.execute(query):
        if bank == bank_id:
            scored.append((attempt, question, score))
            if question in wanted:
                counts[(question, text)] += 1
    found: dict[str, list[tuple[Any, int]]] = {}
    for (question, text), count in counts.items():
        found.setdefault(question, []).append((json.loads(text), count))
    return scored, found


def question_totals() -> dict[str, tuple[int, float]]:
    """Per question: how many responses and the sum of their scores (every attempt)."""
    query = select(Response.question_id, func.count(), func.sum(Response.score)).group_by(Response.question_id)
    return {q: (n, float(total or 0.0)) for q, n, total in db.session.execute(query)}


# ---------------------------------------------------------------------------- export


def response_rows(bank_id: str | None = None, completed: bool = False) -> Iterator[tuple[Any, ...]]:
    """Every response with its student and attempt, oldest first, streamed from the
    database: (student, attempt_id, attempt_started_at, bank, question_id,
    question_version, response, score, submitted_at). With *completed*, only responses
    of the attempts item analysis may use (finished whole-bank attempts)."""
    query = (select(User.username, Response.attempt_id, Attempt.started_at, Response.bank_id, Response.question_id,
                    Response.question_version, Response.answer_text, Response.score, Response.submitted_at)
             .join(Attempt, Response.attempt_id == Attempt.id).join(User, Response.user_id == User.id)
             .order_by(Response.id))
    if bank_id:
        query = query.where(Response.bank_id == bank_id)
    if completed:
        query = query.where(*_counted())
    for row in db.session.execute(query.execution_options(yield_per=2000)):
        yield tuple(row)
