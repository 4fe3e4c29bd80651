"""A class's gradebook: per student and assignment, where they stand and the grade that
counts; the weighted overall grade and who is at risk; sorting and filtering the rows.
Plain Python over what the store read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from quiz.domain.courses import Counting, Extension, Window, availability, for_student
from quiz.domain.standings import (
    NO_RECORD,
    Record,
    Standing,
    at_risk,
    grade_of,
    overall,
    standing_of,
)


@dataclass(frozen=True)
class Column:
    """An assignment as the gradebook needs it."""

    id: int
    title: str
    window: Window
    counting: Counting
    weight: float


@dataclass(frozen=True)
class Cell:
    standing: Standing
    grade: float | None  # percent
    attempts: int


@dataclass(frozen=True)
class Row:
    user_id: int
    username: str
    cells: dict[int, Cell]
    overall: float | None
    at_risk: bool
    practice: tuple[int, float | None]  # practice attempts finished, their mean percent


@dataclass(frozen=True)
class Facts:
    """What the store read for one class; *taken* and *extensions* keyed (user, assignment)."""

    students: Sequence[tuple[int, str]]
    columns: Sequence[Column]
    taken: Mapping[tuple[int, int], Record]
    extensions: Mapping[tuple[int, int], Extension]
    practice: Mapping[int, tuple[int, float | None]]


def rows(facts: Facts, now: datetime, threshold: float) -> list[Row]:
    """One row per student: each assignment's standing and grade, the overall grade, and
    whether they are at risk (something missing, or overall under *threshold* percent)."""
    out = []
    weights = {c.id: c.weight for c in facts.columns}
    # the same for every student without an extension: worked out once per column
    windows = {c.id: c.window.in_utc() for c in facts.columns}
    states = {c.id: availability(windows[c.id], now) for c in facts.columns}
    for user_id, username in facts.students:
        cells = {}
        for column in facts.columns:
            extension = facts.extensions.get((user_id, column.id))
            window = for_student(windows[column.id], extension) if extension else None
            record = facts.taken.get((user_id, column.id), NO_RECORD)
            status = standing_of(
                record, window or windows[column.id], now, None if window else states[column.id]
            )
            cells[column.id] = Cell(status, grade_of(record, column.counting), record.attempts)
        missing = {i for i, c in cells.items() if c.standing is Standing.MISSING}
        total = overall({i: c.grade for i, c in cells.items()}, weights, missing)
        risky = at_risk([c.standing for c in cells.values()], total, threshold)
        out.append(
            Row(user_id, username, cells, total, risky, facts.practice.get(user_id, (0, None)))
        )
    return out


SORTS = ("student", "overall")


def sort_rows(found: list[Row], key: str, descending: bool) -> list[Row]:
    """By name, overall grade, or one assignment's grade (``a<id>``); no grade sorts last."""

    def value(row: Row) -> tuple[bool, float | str]:
        if key == "student":
            return False, row.username.casefold()
        if key.startswith("a") and key[1:].isdigit():
            cell = row.cells.get(int(key[1:]))
            number = cell.grade if cell else None
        else:
            number = row.overall
        return number is None, (number if number is not None else 0.0)

    ordered = sorted(found, key=lambda r: r.username.casefold())
    present = [r for r in ordered if not value(r)[0]]
    absent = [r for r in ordered if value(r)[0]]
    present.sort(key=value, reverse=descending)
    return present + absent


def filter_rows(found: list[Row], search: str, only_at_risk: bool) -> list[Row]:
    needle = search.casefold().strip()
    return [
        r
        for r in found
        if (not needle or needle in r.username.casefold()) and (r.at_risk or not only_at_risk)
    ]
