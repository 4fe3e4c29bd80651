"""A table an instructor downloads (a class's gradebook, an assignment's item analysis),
written as CSV or as an Excel workbook. Plain Python.

The CSV starts with a UTF-8 byte-order mark, so Excel opens accented names correctly,
and writes times as ISO 8601 in UTC (``2026-12-01T09:00:00+00:00``), which spreadsheets
parse. The workbook has the table's title above a bold, filterable header, real numbers
and real dates (UTC), and text that is never run as a formula.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from quiz.domain.exports import csv_lines, safe_text, timestamp
from quiz.domain.times import aware

BOM = "\ufeff"
Value = str | int | float | datetime | None


@dataclass(frozen=True)
class Table:
    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Value]]


def _csv_value(value: Value) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timestamp(value)
    if isinstance(value, str):
        return safe_text(value)
    return value


def csv_text(table: Table) -> Iterator[str]:
    """The table as CSV lines, the first starting with the byte-order mark."""
    rows = ([_csv_value(v) for v in row] for row in table.rows)
    for number, line in enumerate(csv_lines(table.header, rows)):
        yield BOM + line if number == 0 else line


def sheet_name(title: str) -> str:
    """A worksheet name Excel accepts: no ``[]:*?/\\``, at most 31 characters."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", title).strip() or "Sheet"
    return cleaned[:31]


def xlsx_bytes(table: Table) -> bytes:
    """The table as an .xlsx workbook: the title in the first row, the header in the
    third (bold, with filters, frozen), then one row per line."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet(sheet_name(table.title))
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_string(0, 0, table.title, title)
    widths = [len(h) for h in table.header]
    for column, heading in enumerate(table.header):
        sheet.write_string(2, column, heading, bold)
    for row_number, row in enumerate(table.rows, start=3):
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, datetime):
                sheet.write_datetime(row_number, column, aware(value).replace(tzinfo=None), when)
                width = 16
            elif isinstance(value, bool) or not isinstance(value, int | float):
                sheet.write_string(row_number, column, str(value))
                width = len(str(value))
            else:
                sheet.write_number(row_number, column, value)
                width = len(f"{value:g}")
            widths[column] = max(widths[column], min(width, 60))
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width + 2)
    if table.header:
        sheet.autofilter(2, 0, 2 + len(table.rows), len(table.header) - 1)
        sheet.freeze_panes(3, 0)
    book.close()
    return out.getvalue()
