"""A student's progress: mastery per bank, score history, days practised, forecast."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from markupsafe import Markup
from sqlalchemy import select

from quiz import records
from quiz.catalog import Catalog
from quiz.charts import bar_chart, line_chart
from quiz.extensions import db
from quiz.models import Attempt, Response, ReviewCard, User
from quiz.scheduling import DueCounts, aware, due_counts, forecast, mastery


@dataclass(frozen=True)
class BankProgress:
    bank_id: str
    title: str
    questions: int
    answered: int
    mastery: float  # 0..1


@dataclass(frozen=True)
class ProgressReport:
    banks: list[BankProgress]
    history: list[tuple[str, str, float]]  # (date label, bank title, percent)
    history_chart: Markup | None
    days_practised: int
    last_practised: date | None
    forecast: list[tuple[date, int]]
    forecast_chart: Markup
    due: DueCounts


def progress_report(user: User, catalog: Catalog, now: datetime) -> ProgressReport:
    cards = db.session.execute(select(ReviewCard.question_id, ReviewCard.due).where(ReviewCard.user_id == user.id)).all()
    dues = {q: aware(d) for q, d in cards}
    last = records.last_results(user)
    banks = [
        BankProgress(b.id, b.title, len(b.questions), sum(q.id in last for q in b.questions),
                     mastery([q.id for q in b.questions], last, dues, now))
        for b in catalog.banks.values()
    ]
    attempts = db.session.execute(
        select(Attempt).where(Attempt.user_id == user.id, Attempt.finished_at.is_not(None),
                              Attempt.mode.in_(records.WHOLE_BANK)).order_by(Attempt.finished_at)
    ).scalars().all()
    history = [(aware(a.finished_at).strftime("%d %b"),
                catalog.banks[a.bank_id].title if a.bank_id in catalog.banks else a.bank_id,
                a.percent or 0.0) for a in attempts]
    chart = line_chart("Your scores over time, in percent", [h[0] for h in history], [h[2] for h in history]) if history else None
    moments = db.session.execute(select(Response.submitted_at).where(Response.user_id == user.id)).scalars()
    days = {aware(m).date() for m in moments}
    week = forecast(dues.values(), now)
    week_chart = bar_chart("Reviews due on each of the next 7 days", [d.strftime("%a %d") for d, _ in week],
                           [n for _, n in week])
    return ProgressReport(banks, history, chart, len(days), max(days) if days else None, week, week_chart,
                          due_counts(dues.values(), now))
