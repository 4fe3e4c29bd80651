"""The CSV files instructors download, and reading a responses export back. Plain Python.

Scores are written with ``repr`` (the shortest text that reads back as the same float),
so ``flask item-analysis`` on an export computes exactly what the web page computed.
Text a spreadsheet would run as a formula (starting ``= + - @``) gets a leading ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from quiz.domain.stats import ItemStats, ResponseRow
from quiz.domain.times import aware

RESPONSE_COLUMNS = (
    "student",
    "attempt_id",
    "attempt_started_at",
    "bank",
    "question_id",
    "question_version",
    "response",
    "score",
    "submitted_at",
)
ITEM_COLUMNS = (
    "question_id",
    "n",
    "facility",
    "sd",
    "discrimination_index",
    "discriminative_efficiency",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    """A responses file that cannot be read, with the line at fault."""


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV text, one line at a time (so a large export streams)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in _chain(header, rows):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _chain(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    yield header
    yield from rows


def safe_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def timestamp(moment: datetime | None) -> str:
    """ISO 8601 in UTC (a naive time from SQLite is UTC)."""
    return "" if moment is None else aware(moment).isoformat()


def number(value: float | None, places: int = 2) -> str:
    return "" if value is None else f"{value:.{places}f}"


def response_line(row: Sequence[Any]) -> list[Any]:
    student, attempt_id, started, bank, question, version, response, score, submitted = row
    return [
        safe_text(student),
        attempt_id,
        timestamp(started),
        bank,
        question,
        version,
        safe_text(response),
        repr(float(score)),
        timestamp(submitted),
    ]


def item_line(item: ItemStats) -> list[Any]:
    return [
        item.question_id,
        item.n,
        number(item.facility),
        number(item.sd, 4),
        number(item.discrimination_index),
        number(item.discriminative_efficiency),
    ]


def read_responses(lines: Iterable[str]) -> list[ResponseRow]:
    """The rows of a responses export (its other columns are not needed here)."""
    reader = csv.DictReader(lines)
    missing = [c for c in RESPONSE_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise ExportError(f"line 1: not a responses export; missing column(s) {', '.join(missing)}")
    rows = []
    for row in reader:
        try:
            rows.append(
                ResponseRow(
                    row["student"],
                    int(row["attempt_id"]),
                    aware(datetime.fromisoformat(row["attempt_started_at"])),
                    row["bank"],
                    row["question_id"],
                    float(row["score"]),
                )
            )
        except (TypeError, ValueError) as exc:
            raise ExportError(f"line {reader.line_num}: {exc}") from None
    return rows
