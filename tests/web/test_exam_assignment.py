"""An exam-mode assignment is taken on the exam pages, and its result shows the key and
the explanations only when the instructor's reveal choice allows (quiz.web.reveal)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from quiz.domain.attempts import Mode
from quiz.domain.courses import Reveal, Selection
from quiz.store.db import db
from quiz.store.models import Assignment, Course
from tests.support import Clock, make_app
from tests.web.test_exam import EXPLANATION, attempt_of, form

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
CLOSES = T0 + timedelta(days=1)


@pytest.fixture
def clock():
    return Clock(T0)


@pytest.fixture
def app(tmp_path, questions_dir, clock):
    return make_app(tmp_path, questions_dir, CLOCK=clock)


def assign(app, reveal: Reveal) -> int:
    with app.app_context():
        course = db.session.execute(select(Course)).scalar_one()
        assignment = Assignment(
            course_id=course.id,
            title="Week 1 exam",
            selection=Selection.BANK,
            bank_ids=["fixture"],
            mode=Mode.EXAM,
            closes_at=CLOSES,
            time_limit_s=600,
            reveal=reveal,
        )
        db.session.add(assignment)
        db.session.commit()
        return assignment.id


@pytest.fixture
def taking(app, client, create_user, auth):
    """Ann in ines's class; starts an exam assignment with the given reveal choice."""
    create_user("ann")
    create_user("ines", role="instructor")
    auth.login("ann")

    def start(reveal: Reveal) -> int:
        assignment = assign(app, reveal)
        r = client.post(f"/assignments/{assignment}/start")
        assert r.status_code == 302
        r = client.get(r.headers["Location"])
        found = re.search(r"/exams/(\d+)/1$", r.headers["Location"])
        assert found, r.headers["Location"]
        return int(found.group(1))

    return start


def test_an_exam_assignment_is_taken_on_the_exam_pages(app, client, taking):
    exam = taking(Reveal.AFTER_SUBMIT)
    page = client.get(f"/exams/{exam}/1").text
    assert "navigator" in page and 'data-remaining="600"' in page
    assert "Week 1 exam" in page  # the assignment's title, not the topic's
    assert attempt_of(app, exam).assignment_id is not None


def test_after_close_the_result_hides_the_key_until_the_assignment_closes(
    app, client, taking, clock
):
    exam = taking(Reveal.AFTER_CLOSE)
    client.post(f"/exams/{exam}/1", data=form(app, exam, 1, right=False, go="review"))
    client.post(f"/exams/{exam}/submit")
    result = client.get(f"/exams/{exam}/result").text
    assert "The review is not open yet" in result
    assert EXPLANATION not in result and "Correct answer" not in result
    assert " out of " not in result  # nor the score, which would tell right from wrong
    summary = client.get(f"/attempts/{exam}/summary", follow_redirects=True).text  # old address
    assert "The review is not open yet" in summary and EXPLANATION not in summary
    clock.now = CLOSES + timedelta(minutes=1)
    result = client.get(f"/exams/{exam}/result").text
    assert "Correct answer" in result and " out of " in result


def test_after_submit_the_result_shows_the_key_once_submitted(app, client, taking):
    exam = taking(Reveal.AFTER_SUBMIT)
    page = client.get(f"/exams/{exam}/submit").text
    assert "Correct answer" not in page
    client.post(f"/exams/{exam}/submit")
    assert "Correct answer" in client.get(f"/exams/{exam}/result").text


def test_an_assignment_exam_whose_time_ran_out_says_so(app, client, taking, clock):
    exam = taking(Reveal.AFTER_CLOSE)
    clock.now = T0 + timedelta(minutes=11)
    r = client.get(f"/exams/{exam}/1")
    assert r.headers["Location"].endswith(f"/exams/{exam}/result")
    result = client.get(f"/exams/{exam}/result").text
    assert "Time ran out" in result and "The review is not open yet" in result
