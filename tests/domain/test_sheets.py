"""The downloads' writers: CSV with a byte-order mark, XLSX read back as a spreadsheet
reads it (openpyxl), with text never turned into a formula."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import openpyxl

from quiz.domain.sheets import BOM, Table, csv_text, sheet_name, xlsx_bytes

TABLE = Table(
    "Gradebook: Pharmacology [101]",
    ["student", "score", "when", "note"],
    [
        ["Zoë", 83.33, datetime(2026, 12, 1, 9, 30, tzinfo=UTC), '=HYPERLINK("x")'],
        ["bob", None, None, "fine"],
    ],
)


def test_csv_starts_with_a_byte_order_mark_and_writes_iso_times():
    text = "".join(csv_text(TABLE))
    assert text.startswith(BOM) and text.count(BOM) == 1
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows[0] == ["student", "score", "when", "note"]
    assert rows[1] == ["Zoë", "83.33", "2026-12-01T09:30:00+00:00", '\'=HYPERLINK("x")']
    assert rows[2] == ["bob", "", "", "fine"]


def test_xlsx_has_the_title_a_header_numbers_dates_and_plain_text():
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(TABLE))).active
    assert sheet.title == "Gradebook  Pharmacology  101"
    assert sheet["A1"].value == "Gradebook: Pharmacology [101]"
    assert [c.value for c in sheet[3]] == ["student", "score", "when", "note"]
    assert sheet["B4"].value == 83.33
    assert sheet["C4"].value == datetime(2026, 12, 1, 9, 30)  # UTC, as Excel keeps no zone
    assert sheet["D4"].value == '=HYPERLINK("x")' and sheet["D4"].data_type == "s"
    assert sheet["B5"].value is None and sheet["A5"].value == "bob"
    assert sheet.auto_filter.ref == "A3:D5"


def test_a_sheet_name_excel_accepts():
    assert sheet_name("a/b:c*d?e[f]g\\h") == "a b c d e f g h"
    assert len(sheet_name("x" * 50)) == 31
    assert sheet_name("[]") == "Sheet"
