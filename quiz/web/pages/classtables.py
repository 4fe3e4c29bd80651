"""The tables a class's instructor downloads, as view data: the class gradebook (one
row per student: overall, at risk, then status and score per assignment, then practice)
and an assignment's item analysis (question id beside its text). Titles sit next to ids
so a spreadsheet reads without the app."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quiz.domain.classbook import Column, Row
from quiz.domain.sheets import Table, Value
from quiz.web.pages.reports import ItemLine


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def gradebook_table(title: str, columns: Sequence[Column], rows: Sequence[Row]) -> Table:
    header = ["student", "overall (%)", "at risk"]
    for column in columns:
        name = f"{column.title} [assignment {column.id}, weight {column.weight:g}]"
        header += [f"{name} status", f"{name} score (%)", f"{name} attempts"]
    header += ["practice attempts finished", "practice mean (%)"]
    lines: list[list[Value]] = []
    for row in rows:
        line: list[Value] = [row.username, _round(row.overall), "yes" if row.at_risk else "no"]
        for column in columns:
            cell = row.cells.get(column.id)
            if cell is None:
                line += [None, None, None]
            else:
                line += [str(cell.standing), _round(cell.grade), cell.attempts]
        done, mean = row.practice
        line += [done, _round(mean)]
        lines.append(line)
    return Table(title, header, lines)


@dataclass(frozen=True)
class ShownRow:
    """A gradebook row as the page prints it: each cell's score text, status word and
    style, computed once here rather than by template macros (500 rows × 20 columns)."""

    row: Row
    overall: str
    cells: list[tuple[str, str, str]]
    practice: str


def _shown(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def shown_rows(rows: Sequence[Row], columns: Sequence[Column]) -> list[ShownRow]:
    out = []
    for row in rows:
        cells = []
        for column in columns:
            cell = row.cells[column.id]
            word = str(cell.standing)
            cells.append((_shown(cell.grade), word, "status-" + word.replace(" ", "-")))
        done, mean = row.practice
        practice = f"{done}" + ("" if mean is None else f", {mean:.1f}")
        out.append(ShownRow(row, _shown(row.overall), cells, practice))
    return out


ITEM_HEADER = (
    "question_id",
    "question",
    "type",
    "n",
    "facility (%)",
    "sd",
    "discrimination index (%)",
    "discriminative efficiency (%)",
    "flagged",
)


def items_table(title: str, lines: Sequence[ItemLine]) -> Table:
    out: list[list[Value]] = []
    for line in lines:
        item, question = line.item, line.question
        out.append(
            [
                line.question_id,
                question.prompt if question else "(no longer offered)",
                str(question.type).replace("_", " ") if question else None,
                item.n,
                _round(item.facility),
                None if item.sd is None else round(item.sd, 4),
                _round(item.discrimination_index),
                _round(item.discriminative_efficiency),
                "yes" if item.flagged else "no",
            ]
        )
    return Table(title, ITEM_HEADER, out)
