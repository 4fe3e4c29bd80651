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
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

# A variance or covariance this close to 0 is 0: it is rounding, not a spread of marks.
EPSILON = 1e-12
# Moodle's thresholds for a question that needs a look.
LOW_EFFICIENCY = 15.0


# ----------------------------------------------------------------- descriptive


def mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def covariance(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Sample covariance (divides by n - 1); None for fewer than two pairs."""
    if len(xs) != len(ys):
        raise ValueError("covariance needs pairs: the two sequences differ in length")
    if len(xs) < 2:
        return None
    mx, my = math.fsum(xs) / len(xs), math.fsum(ys) / len(ys)
    return math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys)) / (len(xs) - 1)


def variance(values: Sequence[float]) -> float | None:
    return covariance(values, values)


def standard_deviation(values: Sequence[float]) -> float | None:
    var = variance(values)
    return None if var is None else math.sqrt(max(var, 0.0))


def covmax(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The covariance of *xs* and *ys* each sorted ascending and paired by rank."""
    return covariance(sorted(xs), sorted(ys))


# ------------------------------------------------------------------ item analysis


def facility_index(xs: Sequence[float]) -> float | None:
    """100 * the mean mark: the share of the marks students got, in percent."""
    m = mean(xs)
    return None if m is None else 100.0 * m


def discrimination_index(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """100 * the correlation of the question's mark with the rest of the attempt."""
    cov, vx, vy = covariance(xs, ys), variance(xs), variance(ys)
    if cov is None or vx is None or vy is None or vx * vy < EPSILON:
        return None
    return 100.0 * cov / math.sqrt(vx * vy)


def discriminative_efficiency(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """100 * cov(x, y) / covmax: the discrimination achieved out of the most possible."""
    cov, most = covariance(xs, ys), covmax(xs, ys)
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
        low = self.discriminative_efficiency is not None and self.discriminative_efficiency < LOW_EFFICIENCY
        negative = self.discrimination_index is not None and self.discrimination_index < 0
        return low or negative


def item_stats(question_id: str, xs: Sequence[float], ys: Sequence[float]) -> ItemStats:
    return ItemStats(question_id, len(xs), facility_index(xs), standard_deviation(xs),
                     discrimination_index(xs, ys), discriminative_efficiency(xs, ys))


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
    return [item_stats(q, [x for x, _ in pairs], [y for _, y in pairs]) for q, pairs in sorted(marks.items())]


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


# ---------------------------------------------------------------- distributions


def histogram(values: Iterable[float], bins: int = 10, low: float = 0.0, high: float = 100.0) -> list[int]:
    """Counts of *values* in *bins* equal bins from *low* to *high*; *high* falls in the
    last bin and values outside the range in the nearest one."""
    counts = [0] * bins
    width = (high - low) / bins
    for value in values:
        counts[min(bins - 1, max(0, int((value - low) // width)))] += 1
    return counts


def histogram_labels(bins: int = 10, low: float = 0.0, high: float = 100.0) -> list[str]:
    """"0–9", "10–19", …, "90–100" for the default percent bins."""
    width = (high - low) / bins
    labels = [f"{low + i * width:g}–{low + (i + 1) * width - 1:g}" for i in range(bins - 1)]
    return [*labels, f"{low + (bins - 1) * width:g}–{high:g}"]


@dataclass(frozen=True)
class Period:
    start: date
    days: int  # 1 (a day) or 7 (a week from Monday)
    count: int
    mean: float


def over_time(points: Iterable[tuple[datetime, float]], weekly_after_days: int = 31) -> list[Period]:
    """Mean value per day, or per week (from Monday) when the points span more than
    *weekly_after_days* days; only periods with points are returned, oldest first."""
    points = list(points)
    if not points:
        return []
    days = {moment.date() for moment, _ in points}
    step = 7 if (max(days) - min(days)).days > weekly_after_days else 1
    groups: dict[date, list[float]] = defaultdict(list)
    for moment, value in points:
        day = moment.date()
        groups[day - timedelta(days=day.weekday()) if step == 7 else day].append(value)
    return [Period(start, step, len(vs), math.fsum(vs) / len(vs)) for start, vs in sorted(groups.items())]


# --------------------------------------------------------------------- passages


@dataclass(frozen=True)
class PassageStats:
    passage: Hashable
    questions: tuple[str, ...]
    responses: int
    facility: float | None  # 100 * mean score of the responses to those questions


def passage_facility(citations: Iterable[tuple[Hashable, str]],
                     per_question: Mapping[str, tuple[int, float]]) -> list[PassageStats]:
    """Group questions by the passage they cite (``(passage, question_id)`` pairs) with
    ``per_question[question_id] = (responses, sum of scores)``; the most-missed passages
    (lowest facility) come first, passages nobody has answered last."""
    cited: dict[Hashable, list[str]] = defaultdict(list)
    for passage, question in citations:
        cited[passage].append(question)
    result = []
    for passage, questions in cited.items():
        responses = sum(per_question.get(q, (0, 0.0))[0] for q in questions)
        points = math.fsum(per_question.get(q, (0, 0.0))[1] for q in questions)
        result.append(PassageStats(passage, tuple(questions), responses,
                                   100.0 * points / responses if responses else None))
    return sorted(result, key=lambda p: (p.facility is None, p.facility or 0.0, -p.responses))


def sorted_empty_last(items: Iterable[Any], key: Callable[[Any], Any], descending: bool = False) -> list[Any]:
    """*items* sorted by *key* in either direction, with items whose key is None last
    (a table sorted by score keeps students without a score at the bottom). Stable."""
    items = list(items)
    present = [item for item in items if key(item) is not None]
    missing = [item for item in items if key(item) is None]
    return sorted(present, key=key, reverse=descending) + missing
