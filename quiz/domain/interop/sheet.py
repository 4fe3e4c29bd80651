"""Reading a spreadsheet (CSV or XLSX) of questions: one row per question, under a header
row naming the columns (docs/interop.md lists them):

``id, topic, type, prompt, answer, unit, option 1 ... option 10, feedback 1 ... feedback 10,
wrong feedback, explanation, tags, document, quote``

Column names ignore case, spaces and '_'. A formula in an XLSX cell is refused (its value
is what Excel last computed, which the file may not even hold): type the value itself."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime

from quiz.domain.interop.model import FileRefused, Parsed, Problem
from quiz.domain.interop.shared import decode, number
from quiz.domain.interop.sheet_rows import Row, header_key, read_rows

MAX_UNPACKED = 100 * 1024 * 1024  # an XLSX is a zip: refuse one that unpacks to more


def _csv_rows(data: bytes, filename: str) -> Iterator[Row]:
    text = decode(data, filename)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if first else ","
    for number_, values in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        yield Row(number_, [v.strip() for v in values])


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return number(float(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _xlsx_rows(data: bytes, filename: str) -> tuple[list[Row], list[Problem]]:
    from openpyxl import (
        load_workbook,
    )
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile:
        raise FileRefused(
            f"{filename} is not an XLSX workbook (save it as .xlsx or .csv)"
        ) from None
    if unpacked > MAX_UNPACKED:
        raise FileRefused(f"{filename} unpacks to {unpacked // 2**20} MB; at most 100 MB")
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=False).worksheets[0]
    except (InvalidFileException, KeyError, ValueError, IndexError) as error:
        raise FileRefused(f"{filename} cannot be read as an XLSX workbook ({error})") from None
    rows, problems = [], []
    for n, cells in enumerate(sheet.iter_rows(), 1):
        for cell in cells:
            if getattr(cell, "data_type", "") == "f":
                message = (
                    f"cell {cell.coordinate} holds a formula ({str(cell.value)[:40]}); "
                    "type the value itself"
                )
                problems.append(Problem(f"row {n}", "", message))
        rows.append(Row(n, [_cell(getattr(c, "value", None)) for c in cells]))
    return rows, problems


def read_sheet(data: bytes, filename: str) -> Parsed:
    """Every question of a CSV or XLSX file, or every error in it."""
    kind = "xlsx" if filename.lower().endswith((".xlsx", ".xlsm")) else "csv"
    try:
        if kind == "xlsx":
            rows, problems = _xlsx_rows(data, filename)
        else:
            rows, problems = list(_csv_rows(data, filename)), []
    except FileRefused as refused:
        return Parsed(kind, errors=(Problem("the file", "", refused.message),))
    except csv.Error as error:
        return Parsed(kind, errors=(Problem("the file", "", f"{filename}: {error}"),))
    parsed = read_rows(rows, kind)
    if problems:
        _with_names(problems, rows)
        return Parsed(kind, errors=(*problems, *parsed.errors))
    return parsed


def _with_names(problems: list[Problem], rows: list[Row]) -> None:
    """Name the question of each row a problem is about (its id, else its prompt)."""
    head = [header_key(h) for h in rows[0].values] if rows else []
    by_row = {row.number: row for row in rows}
    for n, problem in enumerate(problems):
        row = by_row.get(int(problem.where.split()[-1]))
        if row is not None and row.number > 1:
            problems[n] = Problem(problem.where, row.name(head), problem.message)
