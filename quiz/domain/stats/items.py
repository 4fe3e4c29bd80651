"""Statistics of scores and responses: plain functions over plain rows, no Flask, no database.

Item analysis follows Moodle's quiz statistics. For question i over s attempts, x is the
question's mark (0..1) and y the rest of the attempt (its total minus x); variances and
covariances divide by s - 1:

- facility index = 100 * mean(x)
- discrimination index = 100 * cov(x, y) / sqrt(var(x) * var(y)), empty when that is 0
- discriminative efficiency = 100 * cov(x, y) / covmax, where covmax is the covariance
  of x and y each sorted on its own and paired by rank (the largest cov(x, y) could be
  for these marks); empty when covmax is 0

Sums use ``math.fsum``, so a result does not depend on the order rows arrive in: the web
page and ``flask item-analysis`` on an export of the same responses agree to the last bit.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from quiz.domain.stats.descriptive import covariance, covmax, mean, variance

Span = tuple[str, int, int]  # a passage: (document, start, end)

# A variance or covariance this close to 0 is 0: it is rounding, not a spread of marks.
EPSILON = 1e-12
# Moodle's thresholds for a question that needs a look.
LOW_EFFICIENCY = 15.0


# ------------------------------------------------------------------ item analysis


def facility_index(xs: Sequence[float]) -> float | None:
    """100 * the mean mark: the share of the marks students got, in percent."""
    m = mean(xs)
    return None if m is None else 100.0 * m


def discrimination_index(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """100 * the correlation of the question's mark with the rest of the attempt."""
    return _correlation(covariance(xs, ys), variance(xs), variance(ys))


def _correlation(cov: float | None, vx: float | None, vy: float | None) -> float | None:
    if cov is None or vx is None or vy is None or vx * vy < EPSILON:
        return None
    return 100.0 * cov / math.sqrt(vx * vy)


def discriminative_efficiency(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """100 * cov(x, y) / covmax: the discrimination achieved out of the most possible."""
    return _efficiency(covariance(xs, ys), covmax(xs, ys))


def _efficiency(cov: float | None, most: float | None) -> float | None:
    if cov is None or most is None or abs(most) < EPSILON:
        return None
    return 100.0 * cov / most


@dataclass(frozen=True)
class ItemStats:
    """One question's line in an item analysis."""

    question_id: str
    n: int
    facility: float | None
    sd: float | None
    discrimination_index: float | None
    discriminative_efficiency: float | None

    @property
    def flagged(self) -> bool:
        """Worth a look: it separates stronger from weaker students badly or backwards."""
        low = (
            self.discriminative_efficiency is not None
            and self.discriminative_efficiency < LOW_EFFICIENCY
        )
        negative = self.discrimination_index is not None and self.discrimination_index < 0
        return low or negative


def item_stats(question_id: str, xs: Sequence[float], ys: Sequence[float]) -> ItemStats:
    """The line of one question: each covariance computed once (they are most of an item
    analysis's time), with the same functions as the indices above, so the same bits."""
    cov, vx, vy = covariance(xs, ys), variance(xs), variance(ys)
    return ItemStats(
        question_id,
        len(xs),
        facility_index(xs),
        None if vx is None else math.sqrt(max(vx, 0.0)),
        _correlation(cov, vx, vy),
        _efficiency(cov, covmax(xs, ys)),
    )


def item_analysis(rows: Iterable[tuple[Hashable, str, float]]) -> list[ItemStats]:
    """Item statistics from scored responses ``(attempt, question_id, score)``.

    An attempt's total is the sum of its rows; each question is analysed over the attempts
    that answered it. Returns one line per question, sorted by question id.
    """
    rows = list(rows)
    totals: dict[Hashable, list[float]] = defaultdict(list)
    for attempt, _question, score in rows:
        totals[attempt].append(score)
    total = {attempt: math.fsum(scores) for attempt, scores in totals.items()}
    marks: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for attempt, question, score in rows:
        marks[question].append((score, total[attempt] - score))
    return [
        item_stats(q, [x for x, _ in pairs], [y for _, y in pairs])
        for q, pairs in sorted(marks.items())
    ]


@dataclass(frozen=True)
class ResponseRow:
    """A scored response as the responses export carries it (what item analysis needs)."""

    student: str
    attempt_id: int
    attempt_started_at: datetime
    bank: str
    question_id: str
    score: float


def first_attempts(rows: Iterable[ResponseRow]) -> list[ResponseRow]:
    """The rows of each student's first attempt at each bank (earliest start, then lowest id)."""
    rows = list(rows)
    first: dict[tuple[str, str], tuple[datetime, int]] = {}
    for row in rows:
        key, started = (row.student, row.bank), (row.attempt_started_at, row.attempt_id)
        if key not in first or started < first[key]:
            first[key] = started
    return [r for r in rows if first[(r.student, r.bank)][1] == r.attempt_id]


def option_counts(answers: Iterable[tuple[Any, int]]) -> Counter[str]:
    """How often each option was chosen, from ``(answer, count)`` pairs: an answer is one
    option id (single choice), a list of ids (multiple choice) or a bool (true/false)."""
    counts: Counter[str] = Counter()
    for answer, count in answers:
        chosen = answer if isinstance(answer, list) else [answer]
        for option in {_option_key(a) for a in chosen}:
            counts[option] += count
    return counts


def _option_key(answer: Any) -> str:
    if isinstance(answer, bool):
        return "true" if answer else "false"
    return str(answer)


# --------------------------------------------------------------------- passages


@dataclass(frozen=True)
class PassageStats:
    passage: Span
    questions: tuple[str, ...]
    responses: int
    facility: float | None  # 100 * mean score of the responses to those questions


def passage_facility(
    citations: Iterable[tuple[Span, str]], per_question: Mapping[str, tuple[int, float]]
) -> list[PassageStats]:
    """Group questions by the passage they cite (``(passage, question_id)`` pairs) with
    ``per_question[question_id] = (responses, sum of scores)``; the most-missed passages
    (lowest facility) come first, passages nobody has answered last."""
    cited: dict[Span, list[str]] = defaultdict(list)
    for passage, question in citations:
        cited[passage].append(question)
    result = []
    for passage, questions in cited.items():
        responses = sum(per_question.get(q, (0, 0.0))[0] for q in questions)
        points = math.fsum(per_question.get(q, (0, 0.0))[1] for q in questions)
        result.append(
            PassageStats(
                passage,
                tuple(questions),
                responses,
                100.0 * points / responses if responses else None,
            )
        )
    return sorted(result, key=lambda p: (p.facility is None, p.facility or 0.0, -p.responses))
