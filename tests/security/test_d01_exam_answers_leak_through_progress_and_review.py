"""D1: an open exam's answers told right from wrong through Progress and spaced review.

Exam answers schedule no review card (so nothing falls due, and "Review due questions"
cannot show their key), and the progress page leaves them out until the exam closes.
"""

from __future__ import annotations

import re
from datetime import timedelta

from quiz.store.models import ReviewCard, ReviewLog
from tests.support import count_rows, post_answer, start_attempt


def _fixture_row(client) -> tuple[str, str]:
    """(answered, mastery) of the fixture bank on the progress page."""
    page = client.get("/progress").get_data(as_text=True)
    row = re.search(r'<th scope="row">Fixture bank</th>(.*?)</tr>', page, re.S)
    assert row, page[:500]
    answered = re.search(r'data-label="Answered">(\d+) of', row.group(1))
    mastery = re.search(r"<strong>(\d+)%</strong>", row.group(1))
    assert answered and mastery, row.group(1)
    return answered.group(1), mastery.group(1)


def test_exam_answers_schedule_no_review(app, student, client, clock):
    exam = start_attempt(client, exam=True)
    assert post_answer(client, app, exam, 1, right=True).status_code == 302
    assert post_answer(client, app, exam, 2, right=False).status_code == 302
    assert count_rows(app, ReviewCard) == 0
    assert count_rows(app, ReviewLog) == 0
    clock.now += timedelta(minutes=2)  # a wrong answer's card would fall due after 1 minute
    home = client.get("/").get_data(as_text=True)
    assert '<span class="stat">0</span> questions due now' in home
    r = client.post("/review/start", follow_redirects=True)
    assert "Nothing is due for review right now." in r.get_data(as_text=True)


def test_progress_leaves_out_an_open_exam_until_it_ends(app, student, client, clock):
    before = _fixture_row(client)
    exam = start_attempt(client, exam=True)
    for position in (1, 2, 3):
        post_answer(client, app, exam, position, right=position != 2)
        assert _fixture_row(client) == before == ("0", "0")
    client.post(f"/attempts/{exam}/finish")
    assert _fixture_row(client)[0] == "3"  # once finished, the answers count as answered


def test_practice_answers_still_schedule_review(app, student, client):
    attempt = start_attempt(client)
    post_answer(client, app, attempt, 1)
    assert count_rows(app, ReviewLog) == 1
