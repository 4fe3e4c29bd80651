"""Instructor reports: store rows and domain statistics, put together for the pages and
the CSV files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from quiz.domain import stats
from quiz.domain.banks import Bank
from quiz.domain.catalog import Catalog
from quiz.domain.charts import bar_chart, line_chart
from quiz.domain.exports import number, timestamp
from quiz.domain.questions import Question, type_of
from quiz.store.gradebook import METRICS, BankScores, StudentRow

ITEM_SORTS = (
    "position",
    "question",
    "n",
    "facility",
    "sd",
    "discrimination_index",
    "discriminative_efficiency",
)


def gradebook_header(bank_ids: Sequence[str]) -> list[str]:
    return ["student", "last_active", *(f"{b}_{m}" for b in bank_ids for m in METRICS)]


def gradebook_line(row: StudentRow, bank_ids: Sequence[str]) -> list[str | int]:
    cells: list[str | int] = [row.username, timestamp(row.last_active)]
    for bank in bank_ids:
        cell = row.banks.get(bank)
        cells.append(cell.attempts if cell else 0)
        cells += [number(getattr(cell, m) if cell else None) for m in METRICS[1:]]
    return cells


@dataclass(frozen=True)
class BankReport:
    scores: BankScores
    mean: float | None
    median: float | None
    bins: list[tuple[str, int]]
    periods: list[stats.Period]
    histogram_chart: Markup
    time_chart: Markup | None


def bank_report(bank: Bank, scores: BankScores) -> BankReport:
    """Distribution and history of the counted attempts' percentages at *bank*."""
    percents = [p for _, p in scores.scores]
    bins = list(zip(stats.histogram_labels(), stats.histogram(percents), strict=True))
    periods = stats.over_time(scores.scores)
    histogram = bar_chart(
        f"Scores of the finished attempts at {bank.title}: how many attempts in each band of 10%",
        [label for label, _ in bins],
        [count for _, count in bins],
    )
    timeline = None
    if periods:
        weekly = periods[0].days == 7
        title = f"Mean score {'per week' if weekly else 'per day'} at {bank.title}, in percent"
        timeline = line_chart(
            title, [p.start.strftime("%d %b") for p in periods], [p.mean for p in periods]
        )
    return BankReport(
        scores, stats.mean(percents), stats.median(percents), bins, periods, histogram, timeline
    )


@dataclass(frozen=True)
class OptionLine:
    label: str
    correct: bool
    chosen: int
    share: float  # percent of the question's analysed responses


@dataclass(frozen=True)
class ItemLine:
    position: int  # in the bank; questions since removed come last
    question_id: str
    question: Question | None
    item: stats.ItemStats
    options: list[OptionLine]

    def value(self, key: str) -> Any:
        if key == "position":
            return self.position
        if key == "question":
            return self.question_id
        return getattr(self.item, key)


def choice_question_ids(questions: Sequence[Question]) -> list[str]:
    """The questions whose answers are picks among choices (their counts are shown)."""
    return [q.id for q in questions if type_of(q).analysis_choices(q)]


def item_report(
    questions: Sequence[Question],
    scored: Sequence[tuple[int, str, float]],
    answers: dict[str, list[tuple[Any, int]]],
) -> list[ItemLine]:
    """Item analysis of every question of *questions* (a bank's, or an assignment's) in
    their order (unanswered ones with n 0), then any answered question not among them;
    with how often each choice of a choice question was chosen."""
    items = {i.question_id: i for i in stats.item_analysis(scored)}
    by_id = {q.id: q for q in questions}
    ids = list(by_id) + sorted(set(items) - set(by_id))
    lines = []
    for position, question_id in enumerate(ids, 1):
        item = items.get(question_id) or stats.ItemStats(question_id, 0, None, None, None, None)
        question = by_id.get(question_id)
        options = []
        if question is not None:
            options = _options(question, stats.option_counts(answers.get(question_id, [])), item.n)
        lines.append(ItemLine(position, question_id, question, item, options))
    return lines


def _options(question: Question, counts: dict[str, int], responses: int) -> list[OptionLine]:
    return [
        OptionLine(
            label,
            correct,
            counts.get(key, 0),
            100.0 * counts.get(key, 0) / responses if responses else 0.0,
        )
        for key, label, correct in type_of(question).analysis_choices(question)
    ]


def sort_items(lines: Sequence[ItemLine], key: str, descending: bool = False) -> list[ItemLine]:
    """*lines* sorted by *key*; empty values always go last."""
    return stats.sorted_empty_last(lines, lambda line: line.value(key), descending)


@dataclass(frozen=True)
class PassageLine:
    document_id: str
    document_title: str
    text: str
    question_ids: tuple[str, ...]
    responses: int
    facility: float | None


def passage_report(catalog: Catalog, totals: dict[str, tuple[int, float]]) -> list[PassageLine]:
    """Every passage a question cites as its source, most-missed first."""
    citations = [
        ((q.passage.document, q.passage.start, q.passage.end), q.id)
        for q in catalog.questions.values()
    ]
    lines = []
    for line in stats.passage_facility(citations, totals):
        document_id, start, end = line.passage
        document = catalog.library.get(document_id)
        title = document.title if document else document_id
        text = document.text[start:end] if document else ""
        lines.append(
            PassageLine(document_id, title, text, line.questions, line.responses, line.facility)
        )
    return lines
