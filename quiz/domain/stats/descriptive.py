"""Descriptive statistics of scores: plain functions over plain numbers.

Sums use ``math.fsum``, so a result does not depend on the order values arrive in.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

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
    return math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=False)) / (len(xs) - 1)


def variance(values: Sequence[float]) -> float | None:
    return covariance(values, values)


def standard_deviation(values: Sequence[float]) -> float | None:
    var = variance(values)
    return None if var is None else math.sqrt(max(var, 0.0))


def covmax(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The covariance of *xs* and *ys* each sorted ascending and paired by rank."""
    return covariance(sorted(xs), sorted(ys))


# ---------------------------------------------------------------- distributions


def histogram(
    values: Iterable[float], bins: int = 10, low: float = 0.0, high: float = 100.0
) -> list[int]:
    """Counts of *values* in *bins* equal bins from *low* to *high*; *high* falls in the
    last bin and values outside the range in the nearest one."""
    counts = [0] * bins
    width = (high - low) / bins
    for value in values:
        counts[min(bins - 1, max(0, int((value - low) // width)))] += 1
    return counts


def histogram_labels(bins: int = 10, low: float = 0.0, high: float = 100.0) -> list[str]:
    """ "0–9", "10–19", …, "90–100" for the default percent bins."""
    width = (high - low) / bins
    labels = [f"{low + i * width:g}–{low + (i + 1) * width - 1:g}" for i in range(bins - 1)]
    return [*labels, f"{low + (bins - 1) * width:g}–{high:g}"]


@dataclass(frozen=True)
class Period:
    start: date
    days: int  # 1 (a day) or 7 (a week from Monday)
    count: int
    mean: float


def over_time(
    points: Iterable[tuple[datetime, float]], weekly_after_days: int = 31
) -> list[Period]:
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
    return [
        Period(start, step, len(vs), math.fsum(vs) / len(vs))
        for start, vs in sorted(groups.items())
    ]


def sorted_empty_last(
    items: Iterable[Any], key: Callable[[Any], Any], descending: bool = False
) -> list[Any]:
    """*items* sorted by *key* in either direction, with items whose key is None last
    (a table sorted by score keeps students without a score at the bottom). Stable."""
    items = list(items)
    present = [item for item in items if key(item) is not None]
    missing = [item for item in items if key(item) is None]
    return sorted(present, key=key, reverse=descending) + missing
