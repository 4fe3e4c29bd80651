"""Spaced review, retrying mistakes, practising a passage, exam mode, progress."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from quiz.domain.attempts import Kind, Mode
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import Attempt, Response, ReviewCard
from tests.support import Clock, answer_data, make_app

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return Clock(T0)


@pytest.fixture
def app(tmp_path, questions_dir, clock):
    return make_app(tmp_path, questions_dir, CLOCK=clock)


def start(client, mode="practice", **extra) -> int:
    button = {"exam": "Start exam"} if mode == "exam" else {"practise": "Practise"}
    r = client.post("/banks/fixture/start", data={**button, **extra})
    assert r.status_code == 302
    return int(re.search(r"/(?:attempts|exams)/(\d+)/1$", r.headers["Location"]).group(1))


def layout(app, attempt_id):
    with app.app_context():
        return db.session.get(Attempt, attempt_id).layout


def answer(app, client, attempt_id, position, right=True):
    entry = layout(app, attempt_id)[position - 1]
    with app.app_context():
        q = current_catalog().questions[entry["question_id"]]
    return client.post(f"/attempts/{attempt_id}/{position}", data=answer_data(q, entry, right))


def card(app, question_id) -> ReviewCard:
    with app.app_context():
        return db.session.execute(
            select(ReviewCard).where(ReviewCard.question_id == question_id)
        ).scalar_one()


def test_a_wrong_answer_makes_a_card_due_within_the_learning_step(app, client, student):
    attempt_id = start(client)
    answer(app, client, attempt_id, 1, right=False)
    qid = layout(app, attempt_id)[0]["question_id"]
    due = card(app, qid).due.replace(tzinfo=UTC)
    assert T0 < due <= T0 + timedelta(minutes=10)


def test_home_shows_due_now_and_today(app, client, student, clock):
    attempt_id = start(client)
    answer(app, client, attempt_id, 1, right=False)
    answer(app, client, attempt_id, 2, right=True)
    clock.now = T0 + timedelta(minutes=5)  # past the wrong one's step, before the right one's
    page = client.get("/").text
    assert re.search(
        r'<span class="stat">1</span> question due now,\s*<strong>2</strong> due by the end of today',
        page,
    )


def test_review_mode_serves_exactly_the_due_questions(app, client, student, clock):
    attempt_id = start(client)
    for position, right in [(1, False), (2, True), (3, False)]:
        answer(app, client, attempt_id, position, right)
    wrong = {layout(app, attempt_id)[0]["question_id"], layout(app, attempt_id)[2]["question_id"]}
    clock.now = T0 + timedelta(minutes=5)
    r = client.post("/review/start")
    assert r.status_code == 302
    review_id = int(re.search(r"/attempts/(\d+)/1$", r.headers["Location"]).group(1))
    with app.app_context():
        review = db.session.get(Attempt, review_id)
        assert (review.kind, review.mode, review.bank_id) == (Kind.REVIEW, Mode.PRACTICE, None)
        assert {e["question_id"] for e in review.layout} == wrong


def test_review_with_nothing_due_says_so(client, student):
    r = client.post("/review/start", follow_redirects=True)
    assert "Nothing is due for review right now." in r.text


def test_rating_easy_schedules_later_than_the_default_good(app, client, student):
    attempt_id = start(client)
    answer(app, client, attempt_id, 1, right=True)
    qid = layout(app, attempt_id)[0]["question_id"]
    default_due = card(app, qid).due
    r = client.post(f"/attempts/{attempt_id}/1/rate", data={"rating": "easy"})
    assert r.status_code == 302
    assert card(app, qid).due > default_due
    assert "Rated Easy" in client.get(f"/attempts/{attempt_id}/1").text


def test_an_unknown_rating_is_refused(app, client, student):
    attempt_id = start(client)
    answer(app, client, attempt_id, 1)
    assert (
        client.post(f"/attempts/{attempt_id}/1/rate", data={"rating": "perfect"}).status_code == 400
    )


def test_retry_my_mistakes_selects_exactly_the_wrong_and_unanswered(app, client, student):
    attempt_id = start(client)
    entries = layout(app, attempt_id)
    for position in range(1, 6):
        answer(app, client, attempt_id, position, right=position % 2 == 1)
    client.post(f"/attempts/{attempt_id}/finish")
    expected = {
        entries[1]["question_id"],
        entries[3]["question_id"],
        entries[5]["question_id"],
        entries[6]["question_id"],
    }
    r = client.post(f"/attempts/{attempt_id}/retry")
    retry_id = int(re.search(r"/attempts/(\d+)/1$", r.headers["Location"]).group(1))
    with app.app_context():
        retry = db.session.get(Attempt, retry_id)
        assert (retry.kind, retry.mode, retry.bank_id) == (Kind.RETRY, Mode.PRACTICE, "fixture")
        assert {e["question_id"] for e in retry.layout} == expected


def test_retry_needs_a_finished_attempt(app, client, student):
    attempt_id = start(client)
    assert client.post(f"/attempts/{attempt_id}/retry").status_code == 409


def test_retry_of_another_students_attempt_is_404(app, client, student, create_user, auth):
    attempt_id = start(client)
    client.post(f"/attempts/{attempt_id}/finish")
    auth.logout()
    create_user("bob")
    auth.login("bob")
    assert client.post(f"/attempts/{attempt_id}/retry").status_code == 404


def test_practise_a_passage_serves_the_questions_citing_it(app, client, student):
    r = client.post("/sources/guide/practise", data={"question": "fx-match"})
    attempt_id = int(re.search(r"/attempts/(\d+)/1$", r.headers["Location"]).group(1))
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert (attempt.kind, attempt.bank_id, attempt.document_id) == (Kind.PASSAGE, None, "guide")
        assert [e["question_id"] for e in attempt.layout] == ["fx-match"]


def test_source_page_offers_passage_practice_to_a_student(client, student):
    page = client.get("/sources/guide?question=fx-match").text
    assert "Practise the questions on this passage" in page


def test_exam_mode_holds_back_key_and_explanation_until_finished(app, client, student):
    attempt_id = start(client, mode="exam")
    with app.app_context():
        questions = {q.id: q for q in current_catalog().questions.values()}
    entries = layout(app, attempt_id)
    first = questions[entries[0]["question_id"]]
    r = answer(app, client, attempt_id, 1, right=False)
    assert r.headers["Location"].endswith(f"/exams/{attempt_id}/2")  # straight on, no feedback
    saved = client.get(f"/exams/{attempt_id}/1").text
    summary = client.get(f"/attempts/{attempt_id}/summary", follow_redirects=True).text
    for page in (saved, summary):
        assert first.explanation not in page
        assert "Correct answer" not in page
        assert first.passage.quote not in page
    client.post(f"/attempts/{attempt_id}/finish")
    summary = client.get(f"/attempts/{attempt_id}/summary", follow_redirects=True).text
    assert first.explanation in summary
    assert "Correct answer" in client.get(f"/exams/{attempt_id}/result").text


def test_exam_time_limit_is_enforced_by_the_server(app, client, student, clock):
    attempt_id = start(client, mode="exam", minutes="5")
    answer(app, client, attempt_id, 1)
    clock.now = T0 + timedelta(minutes=6)
    r = answer(app, client, attempt_id, 2)
    assert r.status_code == 409
    assert "Time ran out" in r.text and "NOT recorded" in r.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 1
        assert db.session.get(Attempt, attempt_id).is_finished


def test_exam_time_limit_outside_range_is_refused(client, student):
    assert (
        client.post("/banks/fixture/start", data={"exam": "Start exam", "minutes": "0"}).status_code
        == 400
    )


def test_progress_page_shows_mastery_forecast_and_history(app, client, student, clock):
    attempt_id = start(client)
    for position in range(1, 8):
        answer(app, client, attempt_id, position, right=position != 7)
    client.post(f"/attempts/{attempt_id}/finish")
    page = client.get("/progress").text
    assert "Fixture bank" in page
    assert "86%" in page  # 6 of 7 mastered
    assert page.count("<svg") == 3  # the forecast, reviews per day, scores over time
    assert "practised on <strong>1</strong> day" in page
