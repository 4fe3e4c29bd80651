"""A student's progress: mastery per bank, score history, days practised, forecast."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from markupsafe import Markup

from quiz.domain.catalog import Catalog
from quiz.domain.charts import bar_chart, line_chart
from quiz.domain.scheduling import DueCounts, due_counts, forecast, mastery
from quiz.domain.study import Rated, Stats, stats


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
    stats: Stats | None = None
    stats_chart: Markup | None = None


@dataclass(frozen=True)
class ProgressRows:
    """What the store read for one student."""

    dues: dict[str, datetime]  # question -> next due
    last: dict[str, bool]  # question -> last answer right
    results: Sequence[tuple[datetime, str, float]]  # counted attempts: (ended, bank, percent)
    answered_at: Sequence[datetime]
    rated: Sequence[Rated] = ()  # the last 30 days' ratings
    card_states: Sequence[int] = ()  # the fsrs state of each card


def progress_report(rows: ProgressRows, catalog: Catalog, now: datetime) -> ProgressReport:
    """The progress page's numbers and charts."""
    banks = [
        BankProgress(
            b.id,
            b.title,
            len(b.questions),
            sum(q.id in rows.last for q in b.questions),
            mastery([q.id for q in b.questions], rows.last, rows.dues, now),
        )
        for b in catalog.banks.values()
    ]
    history = [(e.strftime("%d %b"), catalog.bank_title(b) or b, p) for e, b, p in rows.results]
    chart = None
    if history:
        title = "Your scores over time, in percent"
        chart = line_chart(title, [h[0] for h in history], [h[2] for h in history])
    days = {moment.date() for moment in rows.answered_at}
    week = forecast(rows.dues.values(), now)
    labels = [d.strftime("%a %d") for d, _ in week]
    week_chart = bar_chart("Reviews due on each of the next 7 days", labels, [n for _, n in week])
    panel = stats(rows.rated, rows.card_states, len(catalog.questions), now)
    per_day = bar_chart(
        "Reviews on each of the last 14 days",
        [d.strftime("%d") for d, _ in panel.per_day],
        [n for _, n in panel.per_day],
    )
    return ProgressReport(
        banks,
        history,
        chart,
        len(days),
        max(days) if days else None,
        week,
        week_chart,
        due_counts(rows.dues.values(), now),
        panel,
        per_day,
    )
