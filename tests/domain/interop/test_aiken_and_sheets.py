"""Aiken and spreadsheets (CSV, XLSX): the documented columns, each type's answer column,
and bad input (a formula in a cell, a wrong encoding, an unknown column or type)."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook

from quiz.domain.interop.aiken import read_aiken
from quiz.domain.interop.sheet import read_sheet

FIXTURES = Path(__file__).parents[2] / "fixtures" / "interop"


def test_aiken_questions_become_single_choice():
    parsed = read_aiken((FIXTURES / "aiken.txt").read_bytes(), "aiken.txt")
    assert parsed.ok
    first = parsed.questions[0].content
    assert first["type"] == "single"
    assert [o.get("correct", False) for o in first["options"]] == [False, True, False]
    assert (
        first["explanation"] == ""
    )  # the checker asks for it, and for each wrong option's feedback


def test_aiken_errors_name_the_line():
    parsed = read_aiken(b"Q one\nA. a\nB. b\nANSWER: C\n\nQ two\nA. a\nB. b\n", "a.txt")
    assert [(e.where, e.question) for e in parsed.errors] == [
        ("line 1", "Q one"),
        ("line 6", "Q two"),
    ]
    assert "not one of the options' letters" in parsed.errors[0].message
    assert "no 'ANSWER:' line" in parsed.errors[1].message


def test_csv_rows_of_every_kind():
    parsed = read_sheet((FIXTURES / "sheet.csv").read_bytes(), "sheet.csv")
    assert parsed.ok, parsed.errors
    by_id = {q.id: q.content for q in parsed.questions}
    assert [o.get("correct", False) for o in by_id["sheet-single"]["options"]] == [
        False,
        True,
        False,
    ]
    assert by_id["sheet-single"]["options"][0]["feedback"] == "Dopamine is the reward system."
    assert by_id["sheet-tf"]["answer"] is True
    assert by_id["sheet-num"]["answer"] == {"min": 30.0, "max": 40.0}
    assert by_id["sheet-num"]["unit"] == "hours"
    assert by_id["sheet-order"]["items"][0] == "Binds to GABA receptors"
    assert parsed.questions[0].where == "row 2"


def test_semicolons_matching_and_several_answers():
    text = "type;prompt;answer;option 1;feedback 1;option 2;option 3;feedback 3\n"
    text += "multiple;Pick;A, 3;x;;y;z;\nmatching;Match;;a -> 1;fa;b -> 2;-> 3;f3\n"
    parsed = read_sheet(text.encode(), "s.csv")
    assert parsed.ok, parsed.errors
    pick, match = (q.content for q in parsed.questions)
    assert [o.get("correct", False) for o in pick["options"]] == [True, False, True]
    assert match["pairs"][0] == {"left": "a", "right": "1", "feedback": "fa"}
    assert match["distractors"] == [{"text": "3", "feedback": "f3"}]


def _xlsx(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_rows_and_a_formula_named_by_row_and_cell():
    good = read_sheet(
        _xlsx(["type", "prompt", "answer", "unit"], ["numeric", "How many?", 35, "mg"]), "q.xlsx"
    )
    assert good.questions[0].content["answer"] == {"value": 35.0}
    bad = read_sheet(
        _xlsx(["type", "prompt", "answer"], ["numeric", "How many?", "=30+5"]), "q.xlsx"
    )
    assert not bad.ok
    assert bad.errors[0].where == "row 2" and bad.errors[0].question == "How many?"
    assert "cell C2 holds a formula (=30+5)" in bad.errors[0].message


def test_bad_sheets_are_refused_with_a_message():
    assert (
        "not UTF-8"
        in read_sheet("type,prompt\nsingle,Caf\xe9".encode("latin-1"), "s.csv").errors[0].message
    )
    assert "not an XLSX workbook" in read_sheet(b"not a zip", "s.xlsx").errors[0].message
    unknown = read_sheet(b"type,prompt,promt\n", "s.csv")
    assert "'promt' is not one this import knows" in unknown.errors[0].message
    essay = read_sheet(b"type,prompt\nessay,Write\n", "s.csv")
    assert (essay.errors[0].where, essay.errors[0].question) == ("row 2", "Write")
    assert "'essay' is not one of" in essay.errors[0].message
