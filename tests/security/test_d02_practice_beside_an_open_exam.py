"""D2: a practice attempt opened beside an open exam gave away the exam's key.

While a student's exam on a bank is open, no other attempt shows or takes answers to its
questions: starting a practice, a second exam, a retry, a passage practice or a review of
them is refused with a message, and an attempt opened before the exam is paused.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from quiz.store.models import Attempt, Response
from tests.support import count_rows, position_of, post_answer, start_attempt

HELD = "You have an exam on “Fixture bank” open."


def assert_held(r) -> None:
    assert r.status_code == 409
    assert HELD in r.get_data(as_text=True)


@pytest.fixture
def exam(app, student, client) -> int:
    return start_attempt(client, exam=True)


def test_no_practice_of_the_bank_starts_beside_an_open_exam(app, client, exam):
    assert_held(client.post("/banks/fixture/start", data={"practise": "Practise"}))
    assert count_rows(app, Attempt) == 1


def test_start_exam_again_goes_back_to_the_open_exam(app, client, exam):
    r = client.post("/banks/fixture/start", data={"exam": "Start exam"})
    assert r.status_code == 302
    assert r.headers["Location"].endswith(f"/attempts/{exam}")
    assert count_rows(app, Attempt) == 1


def test_an_attempt_opened_before_the_exam_is_paused(app, student, client):
    practice = start_attempt(client)
    start_attempt(client, exam=True)
    assert_held(client.get(f"/attempts/{practice}/1"))
    assert_held(post_answer(client, app, practice, 1))
    assert_held(client.get(f"/attempts/{practice}/summary"))
    assert count_rows(app, Response) == 0


def test_a_retry_of_the_bank_is_refused(app, student, client):
    earlier = start_attempt(client)
    client.post(f"/attempts/{earlier}/finish")
    start_attempt(client, exam=True)
    assert_held(client.post(f"/attempts/{earlier}/retry"))
    assert count_rows(app, Attempt) == 2


def test_a_passage_practice_of_its_questions_is_refused(app, client, exam):
    assert_held(client.post("/sources/guide/practise", data={"question": "fx-match"}))
    assert count_rows(app, Attempt) == 1


def test_a_review_of_its_questions_is_refused(app, student, client, clock):
    practice = start_attempt(client)
    post_answer(client, app, practice, 1, right=False)  # due again after a minute
    client.post(f"/attempts/{practice}/finish")
    start_attempt(client, exam=True)
    clock.now += timedelta(minutes=5)
    assert_held(client.post("/review/start"))
    assert count_rows(app, Attempt) == 2


def test_the_exam_itself_goes_on_and_practice_returns_when_it_ends(app, client, exam):
    position = position_of(app, exam, "fx-single")
    assert post_answer(client, app, exam, position).status_code == 302
    assert client.get(f"/attempts/{exam}/summary", follow_redirects=True).status_code == 200
    client.post(f"/attempts/{exam}/finish")
    assert start_attempt(client) != exam


def test_the_exam_ends_by_its_deadline_too(app, student, client, clock):
    r = client.post("/banks/fixture/start", data={"exam": "Start exam", "minutes": "5"})
    assert r.status_code == 302
    assert_held(client.post("/banks/fixture/start", data={"practise": "Practise"}))
    clock.now += timedelta(minutes=6)
    start_attempt(client)
