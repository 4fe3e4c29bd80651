"""Instructor reports: rows from :mod:`quiz.gradebook`, numbers from :mod:`quiz.stats` and
the questions from the banks, put together for the pages and the CSV files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from quiz import gradebook, stats
from quiz.banks import Bank, Question
from quiz.catalog import Catalog
from quiz.charts import bar_chart, line_chart
from quiz.exports import number, timestamp
from quiz.gradebook import METRICS, StudentRow, Which

CHOICE_TYPES = ("single", "multiple", "true_false")
ITEM_SORTS = ("position", "question", "n", "facility", "sd", "discrimination_index", "discriminative_efficiency")


# ------------------------------------------------------------------ gradebook CSV


def gradebook_header(bank_ids: Sequence[str]) -> list[str]:
    return ["student", "last_active", *(f"{b}_{m}" for b in bank_ids for m in METRICS)]


def gradebook_line(row: StudentRow, bank_ids: Sequence[str]) -> list[str | int]:
    cells: list[str | int] = [row.username, timestamp(row.last_active)]
    for bank in bank_ids:
        cell = row.banks.get(bank)
        cells.append(cell.attempts if cell else 0)
        cells += [number(getattr(cell, m) if cell else None) for m in METRICS[1:]]
    return cells


# ----------------------------------------------------------------- bank's scores


@dataclass(frozen=True)
class BankReport:
    scores: gradebook.BankScores
    mean: float | None
    median: float | None
    bins: list[tuple[str, int]]
    periods: list[stats.Period]
    histogram_chart: Markup
    time_chart: Markup | None


def bank_report(bank: Bank) -> BankReport:
    """Distribution and history of the finished attempts' percentages at *bank*."""
    scores = gradebook.bank_scores(bank.id)
    percents = [p for _, p in scores.scores]
    bins = list(zip(stats.histogram_labels(), stats.histogram(percents)))
    periods = stats.over_time(scores.scores)
    histogram = bar_chart(f"Scores of the finished attempts at {bank.title}: how many attempts in each band of 10%",
                          [label for label, _ in bins], [count for _, count in bins])
    weekly = periods and periods[0].days == 7
    timeline = line_chart(f"Mean score {'per week' if weekly else 'per day'} at {bank.title}, in percent",
                          [p.start.strftime("%d %b") for p in periods], [p.mean for p in periods]) if periods else None
    return BankReport(scores, stats.mean(percents), stats.median(percents), bins, periods, histogram, timeline)


# ---------------------------------------------------------------- item analysis


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


def item_report(bank: Bank, which: Which = "first") -> list[ItemLine]:
    """Item analysis of every question of *bank* in bank order (unanswered ones with n 0),
    with how often each option of a choice question was chosen."""
    choice = [q.id for q in bank.questions if q.type in CHOICE_TYPES]
    scored, answers = gradebook.analysed_with_answers(bank.id, choice, which)  # one read for both
    items = {i.question_id: i for i in stats.item_analysis(scored)}
    ids = [q.id for q in bank.questions] + sorted(set(items) - {q.id for q in bank.questions})
    lines = []
    for position, question_id in enumerate(ids, 1):
        item = items.get(question_id) or stats.ItemStats(question_id, 0, None, None, None, None)
        question = bank.question(question_id)
        options = _options(question, stats.option_counts(answers.get(question_id, [])), item.n) if question else []
        lines.append(ItemLine(position, question_id, question, item, options))
    return lines


def _options(question: Question, counts: dict[str, int], responses: int) -> list[OptionLine]:
    if question.type == "true_false":
        choices = [("true", "True", question.answer is True), ("false", "False", question.answer is False)]
    elif question.type in CHOICE_TYPES:
        choices = [(o.id, o.text, o.correct) for o in question.options]
    else:
        return []
    return [OptionLine(label, correct, counts.get(key, 0), 100.0 * counts.get(key, 0) / responses if responses else 0.0)
            for key, label, correct in choices]


def sort_items(lines: Sequence[ItemLine], key: str, descending: bool = False) -> list[ItemLine]:
    """*lines* sorted by *key*; empty values always go last."""
    return stats.sorted_empty_last(lines, lambda line: line.value(key), descending)


# --------------------------------------------------------------------- passages


@dataclass(frozen=True)
class PassageLine:
    document_id: str
    document_title: str
    text: str
    question_ids: tuple[str, ...]
    responses: int
    facility: float | None


def passage_report(catalog: Catalog) -> list[PassageLine]:
    """Every passage a question cites as its source, most-missed first."""
    citations = [((q.passage.document, q.passage.start, q.passage.end), q.id) for q in catalog.questions.values()]
    lines = []
    for line in stats.passage_facility(citations, gradebook.question_totals()):
        document_id, start, end = line.passage
        document = catalog.library.get(document_id)
        lines.append(PassageLine(document_id, document.title if document else document_id,
                                 document.text[start:end] if document else "", line.questions,
                                 line.responses, line.facility))
    return lines
