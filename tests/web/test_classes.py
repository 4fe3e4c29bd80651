"""Classes and assignments over HTTP, as an instructor and their students use them:
creating a class, joining it, assigning work (and every bad setting refused beside its
field), taking it, the class gradebook and its downloads, and grade changes with their
audit log."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest

from quiz.store.db import db
from quiz.store.models import INSTRUCTOR, Assignment, Attempt, AuditEntry, Response, ReviewCard
from tests.support import Clock, count_rows, layout_of, post_answer

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock(app):
    found = Clock(NOW)
    app.config["CLOCK"] = found
    return found


@pytest.fixture
def people(create_user, clock):
    """Ines teaches; Ann and Bob are students; Olga is another instructor."""
    return {
        "ines": create_user("ines", role=INSTRUCTOR),
        "ann": create_user("ann"),
        "bob": create_user("bob"),
        "olga": create_user("olga", role=INSTRUCTOR),
    }


def _new_class(client, auth, name="Pharmacology 101") -> tuple[int, str]:
    auth.login("ines")
    r = client.post("/instructor/classes", data={"name": name, "term": "Spring 2027"})
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    course_id = int(r.headers["Location"].rsplit("/", 1)[1])
    page = client.get(f"/instructor/classes/{course_id}").get_data(as_text=True)
    code = re.search(r'<code class="join-code">(\w+)</code>', page)
    assert code
    return course_id, code.group(1)


def _join(client, auth, username, code):
    auth.logout()
    auth.login(username)
    r = client.post(f"/join/{code}")
    assert r.status_code == 302, r.status_code
    auth.logout()


ASSIGNMENT = {
    "title": "Week 1 exam",
    "selection": "random",
    "bank_ids": ["fixture"],
    "draw_count": "3",
    "mode": "exam",
    "opens_at": "2026-12-01T08:00",
    "due_at": "2026-12-08T08:00",
    "closes_at": "2026-12-09T08:00",
    "time_limit": "30",
    "attempts_allowed": "1",
    "counting": "best",
    "reveal": "after_submit",
    "weight": "2",
}


def _assign(client, course_id, **changes) -> int:
    r = client.post(f"/instructor/classes/{course_id}/assignments/new", data=ASSIGNMENT | changes)
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    return int(r.headers["Location"].rsplit("/", 1)[1])


def _take(client, app, auth, username, assignment_id, right=True) -> int:
    auth.logout()
    auth.login(username)
    r = client.post(f"/assignments/{assignment_id}/start")
    assert r.status_code == 302, r.status_code
    with app.app_context():
        attempt = (
            db.session.query(Attempt)
            .filter_by(assignment_id=assignment_id)
            .order_by(Attempt.id.desc())
            .first()
        )
        attempt_id = attempt.id
    for position in range(1, len(layout_of(app, attempt_id)) + 1):
        post_answer(client, app, attempt_id, position, right=right)
    client.post(f"/attempts/{attempt_id}/finish")
    auth.logout()
    return attempt_id


def test_an_instructor_creates_a_class_and_students_join_with_its_code(client, auth, people):
    course_id, code = _new_class(client, auth)
    _join(client, auth, "ann", code)
    auth.login("ann")
    assert "Pharmacology 101" in client.get("/classes").get_data(as_text=True)
    auth.logout()
    auth.login("ines")
    page = client.get(f"/instructor/classes/{course_id}").get_data(as_text=True)
    assert ">ann</a>" in page and ">bob</a>" not in page


def test_a_wrong_join_code_is_said_beside_the_field(client, auth, people):
    auth.login("ann")
    r = client.post("/join", data={"code": "NOPE1234"})
    assert r.status_code == 400
    assert "No class has that code" in r.get_data(as_text=True)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"closes_at": "2026-11-30T08:00"}, "closes_at", "close after it opens"),
        ({"time_limit": "half an hour"}, "time_limit", "whole number of minutes"),
        ({"bank_ids": ["no-such-bank"]}, "bank_ids", "No longer offered"),
        ({"draw_count": "500"}, "draw_count", "Draw from 1 to"),
        ({"reveal": "after_each"}, "reveal", "exam"),
    ],
)
def test_a_bad_assignment_is_refused_beside_its_field_and_nothing_is_stored(
    client, auth, app, people, changes, field, message
):
    course_id, _ = _new_class(client, auth)
    r = client.post(f"/instructor/classes/{course_id}/assignments/new", data=ASSIGNMENT | changes)
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    errors = re.search(rf'<ul class="errors" id="{field}-errors">(.*?)</ul>', page, re.S)
    assert errors and message.lower() in errors.group(1).lower(), page[:3000]
    assert 'value="Week 1 exam"' in page  # what was typed comes back
    assert count_rows(app, Assignment) == 0


def test_the_whole_cycle_gradebook_override_and_downloads(client, auth, app, people, clock):
    course_id, code = _new_class(client, auth)
    _join(client, auth, "ann", code)
    _join(client, auth, "bob", code)
    auth.login("ines")
    assignment_id = _assign(client, course_id)
    ann_attempt = _take(client, app, auth, "ann", assignment_id, right=True)
    auth.login("ann")
    again = client.post(f"/assignments/{assignment_id}/start", follow_redirects=True)
    assert "You have used all 1 attempt(s) this assignment allows." in again.get_data(as_text=True)
    assert count_rows(app, Attempt) == 1
    auth.logout()

    clock.now = NOW + timedelta(days=10)  # closed: bob's is missing
    auth.login("ines")
    page = client.get(f"/instructor/classes/{course_id}/gradebook").get_data(as_text=True)
    ann_row = re.search(r">ann</a>.*?</tr>", page, re.S).group(0)
    bob_row = re.search(r"<tr class=\"at-risk\">.*?>bob</a>.*?</tr>", page, re.S).group(0)
    assert "100.0" in ann_row and "submitted" in ann_row
    assert "missing" in bob_row and "At risk" in bob_row

    # override one of Ann's answers, with a comment; the audit log has it
    with app.app_context():
        response = db.session.query(Response).filter_by(attempt_id=ann_attempt).first()
        response_id, question_id = response.id, response.question_id
    r = client.post(
        f"/instructor/attempts/{ann_attempt}/responses/{response_id}/override",
        data={f"r{response_id}-score": "50", f"r{response_id}-comment": "Half credit: unclear."},
    )
    assert r.status_code == 302
    with app.app_context():
        changed = db.session.get(Response, response_id)
        assert (changed.score, changed.original_score) == (0.5, 1.0)
        assert db.session.get(Attempt, ann_attempt).score == pytest.approx(2.5)
    log = client.get(f"/instructor/classes/{course_id}/log").get_data(as_text=True)
    assert "override" in log and "Half credit: unclear." in log and question_id in log

    # the CSV starts with a byte-order mark and has titles next to ids
    data = client.get(f"/instructor/classes/{course_id}/gradebook.csv").get_data(as_text=True)
    assert data.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(data.lstrip("\ufeff"))))
    assert rows[0][:3] == ["student", "overall (%)", "at risk"]
    assert f"Week 1 exam [assignment {assignment_id}, weight 2] status" in rows[0]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["ann"][1] == "83.33" and by_name["bob"][2] == "yes"

    # the XLSX opens, with the title above the header
    r = client.get(f"/instructor/classes/{course_id}/gradebook.xlsx")
    assert r.mimetype.endswith("spreadsheetml.sheet")
    sheet = openpyxl.load_workbook(io.BytesIO(r.data)).active
    assert sheet["A1"].value == "Gradebook: Pharmacology 101 (Spring 2027)"
    assert sheet["A3"].value == "student"
    names = {sheet.cell(row=n, column=1).value: n for n in range(4, sheet.max_row + 1)}
    assert sheet.cell(row=names["ann"], column=2).value == pytest.approx(83.33)


def test_reset_lets_the_student_start_again_and_delete_removes_the_attempt(
    client, auth, app, people
):
    course_id, code = _new_class(client, auth)
    _join(client, auth, "ann", code)
    auth.login("ines")
    assignment_id = _assign(client, course_id)
    first = _take(client, app, auth, "ann", assignment_id, right=False)
    auth.login("ines")
    r = client.post(f"/instructor/attempts/{first}/reset", data={"reset-comment": ""})
    assert r.status_code == 302
    with app.app_context():
        assert db.session.get(Attempt, first).discarded_at is None  # no reason: nothing done
    client.post(f"/instructor/attempts/{first}/reset", data={"reset-comment": "Fire alarm."})
    second = _take(client, app, auth, "ann", assignment_id, right=True)
    assert second != first
    auth.login("ines")
    client.post(f"/instructor/attempts/{second}/delete", data={"delete-comment": "Duplicate."})
    with app.app_context():
        assert db.session.get(Attempt, second) is None
        actions = [e.action for e in db.session.query(AuditEntry).order_by(AuditEntry.id)]
    assert actions == ["reset", "delete"]


def test_another_instructor_finds_nothing_of_the_class(client, auth, app, people):
    course_id, code = _new_class(client, auth)
    _join(client, auth, "ann", code)
    auth.login("ines")
    assignment_id = _assign(client, course_id)
    attempt_id = _take(client, app, auth, "ann", assignment_id)
    auth.login("olga")
    for path in (
        f"/instructor/classes/{course_id}",
        f"/instructor/classes/{course_id}/gradebook",
        f"/instructor/classes/{course_id}/gradebook.xlsx",
        f"/instructor/classes/{course_id}/log",
        f"/instructor/assignments/{assignment_id}",
        f"/instructor/assignments/{assignment_id}/items",
        f"/instructor/assignments/{assignment_id}/items.csv",
        f"/instructor/attempts/{attempt_id}",
    ):
        assert client.get(path).status_code == 404, path
    r = client.post(f"/instructor/attempts/{attempt_id}/delete", data={"delete-comment": "x"})
    assert r.status_code == 404
    with app.app_context():
        assert db.session.get(Attempt, attempt_id) is not None


def test_a_co_instructor_sees_the_class(client, auth, app, people):
    course_id, _ = _new_class(client, auth)
    r = client.post(f"/instructor/classes/{course_id}/instructors", data={"username": "ann"})
    assert r.status_code == 400 and "No instructor has that user name" in r.get_data(as_text=True)
    client.post(f"/instructor/classes/{course_id}/instructors", data={"username": "olga"})
    auth.logout()
    auth.login("olga")
    assert client.get(f"/instructor/classes/{course_id}/gradebook").status_code == 200


def test_an_extension_moves_a_students_close_date(client, auth, app, people, clock):
    course_id, code = _new_class(client, auth)
    _join(client, auth, "ann", code)
    _join(client, auth, "bob", code)
    auth.login("ines")
    assignment_id = _assign(client, course_id)
    bob = people["bob"]
    r = client.post(
        f"/instructor/assignments/{assignment_id}/extensions",
        data={"student": str(bob), "closes_at": "2026-12-20T08:00", "due_at": "2026-12-19T08:00"},
    )
    assert r.status_code == 302, r.get_data(as_text=True)[:1500]
    clock.now = NOW + timedelta(days=10)
    auth.logout()
    auth.login("bob")
    assert (
        client.post(f"/assignments/{assignment_id}/start")
        .headers["Location"]
        .startswith("/attempts/")
    )
    auth.logout()
    auth.login("ann")
    r = client.post(f"/assignments/{assignment_id}/start", follow_redirects=True)
    assert "closed" in r.get_data(as_text=True).lower()


def test_assignment_item_analysis_and_regrade(client, auth, app, people, clock):
    course_id, code = _new_class(client, auth)
    _join(client, auth, "ann", code)
    auth.login("ines")
    assignment_id = _assign(client, course_id, selection="bank", draw_count="")
    _take(client, app, auth, "ann", assignment_id, right=True)
    auth.login("ines")
    page = client.get(f"/instructor/assignments/{assignment_id}/items").get_data(as_text=True)
    assert f"/instructor/assignments/{assignment_id}/regrade/fx-tf" in page
    regrade = client.get(f"/instructor/assignments/{assignment_id}/regrade/fx-tf")
    assert regrade.status_code == 200 and "Version 1" in regrade.get_data(as_text=True)
    r = client.post(f"/instructor/assignments/{assignment_id}/regrade/fx-tf", data={"version": "1"})
    assert r.status_code == 302
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/instructor/assignments/{assignment_id}/items.xlsx").data)
    ).active
    assert sheet["A3"].value == "question_id" and sheet["B3"].value == "question"
    ids = [sheet.cell(row=n, column=1).value for n in range(4, sheet.max_row + 1)]
    assert "fx-tf" in ids


def test_answers_shown_after_the_close_stay_hidden_until_then(client, auth, app, people, clock):
    """A practice assignment that shows its answers once it closes: no verdict after an
    answer, no key on the summary, no retry, no spaced review, until the close."""
    course_id, code = _new_class(client, auth)
    _join(client, auth, "ann", code)
    auth.login("ines")
    assignment_id = _assign(
        client, course_id, mode="practice", selection="bank", draw_count="", reveal="after_close"
    )
    attempt_id = _take(client, app, auth, "ann", assignment_id, right=False)
    auth.login("ann")
    page = client.get(f"/attempts/{attempt_id}/1").get_data(as_text=True)
    summary = client.get(f"/attempts/{attempt_id}/summary").get_data(as_text=True)
    assert "Answer saved" in page and 'class="verdict"' not in page
    assert "shown once the assignment closes" in summary and "Correct answer" not in summary
    assert client.post(f"/attempts/{attempt_id}/retry").status_code == 409
    assert count_rows(app, ReviewCard) == 0
    clock.now = NOW + timedelta(days=9)  # closed
    summary = client.get(f"/attempts/{attempt_id}/summary").get_data(as_text=True)
    assert "Correct answer" in summary and "Retry my mistakes" in summary
