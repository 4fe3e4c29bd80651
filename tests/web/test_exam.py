"""Taking an exam (quiz.web.exam): the navigator, flags, changing an answer, "Submit all"
after its list, the background save, the deadline the server enforces, and the result."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from quiz.domain.delivery import TIME_UP_GRACE
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import Attempt, Response
from tests.support import Clock, answer_data, layout_of, make_app
from tests.web.test_security import token_from

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
EXPLANATION = "The overview names the receptor subtype the drug attaches to."


@pytest.fixture
def clock():
    return Clock(T0)


@pytest.fixture
def app(tmp_path, questions_dir, clock):
    return make_app(tmp_path, questions_dir, CLOCK=clock)


def start_exam(client, minutes: str = "30") -> int:
    r = client.post("/banks/fixture/start", data={"exam": "Start exam", "minutes": minutes})
    assert r.status_code == 302
    found = re.search(r"/exams/(\d+)/1$", r.headers["Location"])
    assert found, r.headers["Location"]
    return int(found.group(1))


def form(app, attempt_id: int, position: int, right: bool = True, **extra) -> dict:
    entry = layout_of(app, attempt_id)[position - 1]
    with app.app_context():
        q = current_catalog().questions[entry.question_id]
    return {**answer_data(q, entry, right), **extra}


def attempt_of(app, attempt_id: int) -> Attempt:
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        db.session.expunge(attempt)
        return attempt


def responses(app, attempt_id: int) -> list[Response]:
    with app.app_context():
        query = select(Response).where(Response.attempt_id == attempt_id)
        found = list(db.session.execute(query).scalars())
        db.session.expunge_all()
        return found


def test_an_exam_starts_on_its_own_pages_with_a_navigator_of_every_question(app, client, student):
    exam = start_exam(client)
    page = client.get(f"/exams/{exam}/1").text
    size = len(layout_of(app, exam))
    assert page.count('name="go" value="') >= size  # a navigator button per question
    assert 'aria-current="step"' in page
    assert "Question 1: not answered, current question" in re.sub(r"<[^>]+>", "", page)
    assert 'name="csrf_token"' in page
    assert EXPLANATION not in page


def test_moving_saves_the_answer_and_the_navigator_marks_it(app, client, student):
    exam = start_exam(client)
    r = client.post(f"/exams/{exam}/1", data=form(app, exam, 1, go="next"))
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/exams/{exam}/2")
    page = re.sub(r"<[^>]+>", "", client.get(f"/exams/{exam}/2").text)
    assert "Question 1: answered" in page
    assert "Question 2: not answered, current question" in page
    assert len(responses(app, exam)) == 1


def test_previous_and_a_navigator_item_go_where_they_say(app, client, student):
    exam = start_exam(client)
    r = client.post(f"/exams/{exam}/3", data={"go": "previous"})
    assert r.headers["Location"].endswith(f"/exams/{exam}/2")
    r = client.post(f"/exams/{exam}/3", data={"go": "5"})
    assert r.headers["Location"].endswith(f"/exams/{exam}/5")


def test_a_question_can_be_skipped_and_answered_later(app, client, student):
    exam = start_exam(client)
    r = client.post(f"/exams/{exam}/1", data={"go": "next"})  # blank: skipped
    assert r.headers["Location"].endswith(f"/exams/{exam}/2")
    assert responses(app, exam) == []
    client.post(f"/exams/{exam}/1", data=form(app, exam, 1, go="stay"))
    assert len(responses(app, exam)) == 1


def test_changing_an_answer_replaces_it_and_the_score_follows(app, client, student):
    exam = start_exam(client)
    client.post(f"/exams/{exam}/1", data=form(app, exam, 1, right=True, go="next"))
    assert attempt_of(app, exam).score == 1
    client.post(f"/exams/{exam}/1", data=form(app, exam, 1, right=False, go="next"))
    (stored,) = responses(app, exam)
    assert stored.score < 1
    attempt = attempt_of(app, exam)
    assert attempt.score == pytest.approx(stored.score) and attempt.answered == 1


def test_clearing_an_answer_takes_it_back(app, client, student):
    exam = start_exam(client)
    client.post(f"/exams/{exam}/1", data=form(app, exam, 1, go="next"))
    client.post(f"/exams/{exam}/1", data={"go": "next"})
    assert responses(app, exam) == []
    attempt = attempt_of(app, exam)
    assert (attempt.score, attempt.answered) == (0, 0)


def numeric_position(app, exam: int) -> int:
    return next(n for n, e in enumerate(layout_of(app, exam), 1) if e.question_id == "fx-numeric")


def test_the_saved_answer_shows_when_coming_back(app, client, student):
    exam = start_exam(client)
    position = numeric_position(app, exam)
    client.post(f"/exams/{exam}/{position}", data={"answer": "4.5", "go": "next"})
    page = client.get(f"/exams/{exam}/{position}").text
    assert 'value="4.5"' in page
    assert "Your saved answer is shown" in page


def test_an_unreadable_answer_comes_back_with_its_message_and_is_not_stored(app, client, student):
    exam = start_exam(client)
    position = numeric_position(app, exam)
    r = client.post(f"/exams/{exam}/{position}", data={"answer": "lots", "go": "next"})
    assert r.status_code == 400
    assert "Type a number" in r.text
    assert responses(app, exam) == []


def test_flag_and_unflag_a_question(app, client, student):
    exam = start_exam(client)
    r = client.post(f"/exams/{exam}/2", data={"go": "flag"})
    assert r.headers["Location"].endswith(f"/exams/{exam}/2")
    assert attempt_of(app, exam).flagged == [2]
    page = re.sub(r"<[^>]+>", "", client.get(f"/exams/{exam}/2").text)
    assert "Question 2: not answered, flagged, current question" in page
    assert "Remove the flag" in page
    client.post(f"/exams/{exam}/2", data={"go": "unflag"})
    assert attempt_of(app, exam).flagged == []


def test_submit_all_lists_the_unanswered_and_flagged_before_it_ends(app, client, student):
    exam = start_exam(client)
    client.post(f"/exams/{exam}/1", data=form(app, exam, 1, go="flag"))
    r = client.post(f"/exams/{exam}/2", data=form(app, exam, 2, go="review"))
    assert r.headers["Location"].endswith(f"/exams/{exam}/submit")
    page = client.get(f"/exams/{exam}/submit").text
    size = len(layout_of(app, exam))
    assert f"Not answered ({size - 2})" in page
    assert "Flagged for later (1)" in page
    assert f'href="/exams/{exam}/1"' in page and f'href="/exams/{exam}/3"' in page
    assert attempt_of(app, exam).finished_at is None  # the list ends nothing
    r = client.post(f"/exams/{exam}/submit")
    assert r.headers["Location"].endswith(f"/exams/{exam}/result")
    assert attempt_of(app, exam).finished_at is not None
    result = client.get(f"/exams/{exam}/result").text
    assert "Exam submitted" in result and "Time ran out" not in result
    assert EXPLANATION in result  # a topic exam's review opens once it has ended


def test_an_ended_exam_takes_no_more_answers(app, client, student):
    exam = start_exam(client)
    client.post(f"/exams/{exam}/submit")
    r = client.post(f"/exams/{exam}/1", data=form(app, exam, 1, go="next"))
    assert r.status_code == 409
    assert "arrived after the exam had ended, so it was NOT recorded" in r.text
    assert responses(app, exam) == []
    assert client.get(f"/exams/{exam}/1").headers["Location"].endswith(f"/exams/{exam}/result")


def test_the_page_states_the_deadline_in_words_and_the_seconds_left(app, client, student):
    exam = start_exam(client, minutes="30")
    page = client.get(f"/exams/{exam}/1").text
    assert 'datetime="2026-12-01T09:30:00Z"' in page
    assert "Tue 1 Dec 2026, 09:30 UTC" in page
    assert 'data-remaining="1800"' in page


def test_the_deadline_shows_in_the_students_own_zone(app, client, student):
    with app.app_context():
        from quiz.store.models import User

        db.session.get(User, student).timezone = "Europe/Paris"
        db.session.commit()
    exam = start_exam(client, minutes="30")
    page = client.get(f"/exams/{exam}/1").text
    assert "Tue 1 Dec 2026, 10:30 Europe/Paris" in page
    assert "data-local" not in page.split("exam-clock", 1)[1].split("</div>", 1)[0]


def test_the_background_save_answers_in_json(app, client, student):
    exam = start_exam(client)
    r = client.post(
        f"/exams/{exam}/1",
        data=form(app, exam, 1, go="stay"),
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 200 and r.json == {"saved": True, "answered": True}
    assert len(responses(app, exam)) == 1


def test_time_up_any_request_after_the_deadline_ends_the_exam_at_the_deadline(
    app, client, student, clock
):
    exam = start_exam(client, minutes="5")
    client.post(f"/exams/{exam}/1", data=form(app, exam, 1, go="next"))
    clock.now = T0 + timedelta(minutes=7)
    r = client.post(f"/exams/{exam}/2", data=form(app, exam, 2, go="next"))
    assert r.status_code == 409
    assert "Time ran out" in r.text
    assert "arrived after the exam had ended, so it was NOT recorded" in r.text
    attempt = attempt_of(app, exam)
    assert attempt.finished_at.replace(tzinfo=UTC) == T0 + timedelta(minutes=5)
    assert [r.position for r in responses(app, exam)] == [1]
    result = client.get(f"/exams/{exam}/result").text
    assert "Time ran out" in result and "submitted automatically" in result


def test_the_scripts_time_up_within_the_grace_saves_the_answer_and_ends_the_exam(
    app, client, student, clock
):
    exam = start_exam(client, minutes="5")
    clock.now = T0 + timedelta(minutes=5) - TIME_UP_GRACE + timedelta(seconds=1)
    r = client.post(f"/exams/{exam}/1", data=form(app, exam, 1, go="timeup"))
    assert r.headers["Location"].endswith(f"/exams/{exam}/result")
    assert len(responses(app, exam)) == 1
    attempt = attempt_of(app, exam)
    assert attempt.finished_at.replace(tzinfo=UTC) == T0 + timedelta(minutes=5)
    result = client.get(f"/exams/{exam}/result").text
    assert "Time ran out" in result


def test_a_time_up_sent_too_early_only_saves(app, client, student, clock):
    exam = start_exam(client, minutes="5")
    clock.now = T0 + timedelta(minutes=2)
    r = client.post(f"/exams/{exam}/1", data=form(app, exam, 1, go="timeup"))
    assert r.headers["Location"].endswith(f"/exams/{exam}/submit")
    assert attempt_of(app, exam).finished_at is None
    assert len(responses(app, exam)) == 1


def test_an_old_practice_address_of_an_exam_leads_to_the_exam_pages(app, client, student):
    exam = start_exam(client)
    assert client.get(f"/attempts/{exam}").headers["Location"].endswith(f"/exams/{exam}/1")
    r = client.post(f"/attempts/{exam}/1", data=form(app, exam, 1))  # no button: Next
    assert r.headers["Location"].endswith(f"/exams/{exam}/2")
    assert len(responses(app, exam)) == 1


def test_a_practice_attempt_is_not_taken_on_the_exam_pages(app, client, student):
    r = client.post("/banks/fixture/start", data={"practise": "Practise"})
    attempt = int(re.search(r"/attempts/(\d+)/1$", r.headers["Location"]).group(1))
    for path in (f"/exams/{attempt}/1", f"/exams/{attempt}/submit", f"/exams/{attempt}/result"):
        assert client.get(path).headers["Location"].endswith(f"/attempts/{attempt}")


def test_another_students_exam_is_not_found(app, client, student, create_user, auth):
    exam = start_exam(client)
    auth.logout()
    create_user("bob")
    auth.login("bob")
    for path in (f"/exams/{exam}/1", f"/exams/{exam}/submit", f"/exams/{exam}/result"):
        assert client.get(path).status_code == 404
    assert client.post(f"/exams/{exam}/1", data={"go": "next"}).status_code == 404
    assert client.post(f"/exams/{exam}/submit").status_code == 404
    assert attempt_of(app, exam).finished_at is None


def test_every_exam_form_needs_its_csrf_token(tmp_path, questions_dir):
    app = make_app(tmp_path / "csrf", questions_dir, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        from quiz.store.models import User

        user = User(username="cat")
        user.set_password("correct horse battery")
        db.session.add(user)
        db.session.commit()

    def token(path: str) -> str:
        return token_from(client, path)

    login = {"username": "cat", "password": "correct horse battery", "csrf_token": token("/login")}
    client.post("/login", data=login)
    r = client.post("/banks/fixture/start", data={"exam": "Start exam", "csrf_token": token("/")})
    exam = int(re.search(r"/exams/(\d+)/1$", r.headers["Location"]).group(1))
    answer = form(app, exam, 1, go="next")
    assert client.post(f"/exams/{exam}/1", data=answer).status_code == 400
    json = {"Accept": "application/json"}
    assert client.post(f"/exams/{exam}/1", data=answer, headers=json).status_code == 400
    assert client.post(f"/exams/{exam}/submit").status_code == 400
    assert responses(app, exam) == [] and attempt_of(app, exam).finished_at is None
    signed = {**answer, "csrf_token": token(f"/exams/{exam}/1")}
    assert client.post(f"/exams/{exam}/1", data=signed).status_code == 302
    assert len(responses(app, exam)) == 1
