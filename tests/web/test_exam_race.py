"""An answer that races "Submit all" is either stored and scored or refused with a
message, never stored and ignored (quiz.store.delivery locks the attempt row first; so
does quiz.store.attempts.finish). Threads released together, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from quiz.store.db import db
from quiz.store.models import Attempt, Response
from tests.support import Clock, make_app
from tests.web.test_exam import form, start_exam

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ROUNDS = 9


@pytest.fixture
def clock():
    return Clock(T0)


@pytest.fixture
def app(tmp_path, questions_dir, clock):
    return make_app(tmp_path, questions_dir, CLOCK=clock)


def _together(
    app, cookie: str, posts: list[tuple[str, dict]], lag: float = 0.0
) -> list[tuple[int, str]]:
    """Send each (path, data) POST from its own thread, all released at once (the last
    one *lag* seconds later); each reply's status and text, in the order given."""
    barrier = threading.Barrier(len(posts))
    replies: list[tuple[int, str]] = [(0, "")] * len(posts)

    def send(i: int, path: str, data: dict) -> None:
        client = app.test_client()
        client.set_cookie("session", cookie)
        barrier.wait()
        if i == len(posts) - 1 and lag:
            time.sleep(lag)
        r = client.post(path, data=data)
        replies[i] = (r.status_code, r.get_data(as_text=True))

    threads = [
        threading.Thread(target=send, args=(i, path, data)) for i, (path, data) in enumerate(posts)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return replies


def _stored(app, attempt_id: int) -> tuple[Attempt, list[Response]]:
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        found = list(
            db.session.execute(select(Response).where(Response.attempt_id == attempt_id)).scalars()
        )
        db.session.expunge_all()
        return attempt, found


def test_an_answer_racing_submit_all_is_scored_or_refused_never_lost(app, client, student, clock):
    cookie = client.get_cookie("session").value
    outcomes = set()
    for round_ in range(ROUNDS):
        exam = start_exam(client)
        data = form(app, exam, 1, right=True, go="next")
        posts = [(f"/exams/{exam}/1", data), (f"/exams/{exam}/submit", {})]
        lag = (round_ % 3) * 0.01  # Submit all a little later in some rounds: either may win
        (answer_status, answer_text), (submit_status, _) = _together(app, cookie, posts, lag)
        assert submit_status == 302
        attempt, stored = _stored(app, exam)
        assert attempt.finished_at is not None
        if answer_status == 302:  # saved before the end: it counts
            assert [r.position for r in stored] == [1]
            assert attempt.score == pytest.approx(stored[0].score) == 1
            assert attempt.answered == 1
            outcomes.add("scored")
        else:  # arrived after the end: refused, and the student is told
            assert answer_status == 409
            assert "arrived after the exam had ended, so it was NOT recorded" in answer_text
            assert stored == []
            assert (attempt.score, attempt.answered) == (0, 0)
            outcomes.add("refused")
        clock.now += timedelta(minutes=1)  # the next start is a new attempt
    print("outcomes:", sorted(outcomes))  # shown with -s: which of the two were seen
    assert outcomes  # each round ended one of the two ways, and only those


def test_two_saves_of_one_question_at_once_leave_one_answer_and_a_right_score(app, client, student):
    cookie = client.get_cookie("session").value
    exam = start_exam(client)
    right = form(app, exam, 1, right=True, go="stay")
    wrong = form(app, exam, 1, right=False, go="stay")
    replies = _together(app, cookie, [(f"/exams/{exam}/1", right), (f"/exams/{exam}/1", wrong)])
    assert [status for status, _ in replies] == [302, 302]
    attempt, stored = _stored(app, exam)
    assert len(stored) == 1
    assert attempt.score == pytest.approx(stored[0].score)
    assert attempt.answered == 1
