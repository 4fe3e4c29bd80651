"""D19: a double click on Start or Retry created two attempts.

A second start of the same plan over the same questions within seconds, before any
answer, leads to the attempt the first click made: concurrent or one after the other.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from quiz.store.models import Attempt
from tests.support import count_rows, post_answer, start_attempt


def _together(app, cookie: str, path: str, data: dict, times: int = 2) -> list[str]:
    """POST *path* from *times* threads released at once; the redirect targets."""
    barrier = threading.Barrier(times)
    locations: list[str] = []

    def click() -> None:
        client = app.test_client()
        client.set_cookie("session", cookie)
        barrier.wait()
        r = client.post(path, data=data)
        assert r.status_code == 302, r.status_code
        locations.append(r.headers["Location"])

    threads = [threading.Thread(target=click) for _ in range(times)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return locations


def _ids(locations: list[str]) -> set[str]:
    return {location.split("/")[2] for location in locations}  # /attempts/<id>[/<position>]


@pytest.mark.parametrize("button", [{"practise": "Practise"}, {"exam": "Start exam"}])
def test_a_double_click_on_start_creates_one_attempt(app, student, client, button):
    cookie = client.get_cookie("session").value
    locations = _together(app, cookie, "/banks/fixture/start", button)
    assert len(_ids(locations)) == 1, locations
    assert count_rows(app, Attempt) == 1


def test_a_double_click_on_retry_creates_one_attempt(app, student, client):
    finished = start_attempt(client)
    post_answer(client, app, finished, 1, right=False)
    client.post(f"/attempts/{finished}/finish")
    cookie = client.get_cookie("session").value
    locations = _together(app, cookie, f"/attempts/{finished}/retry", {})
    assert len(set(locations)) == 1, locations
    assert count_rows(app, Attempt) == 2


def test_an_exam_start_one_after_the_other_is_the_same_attempt_until_answered(app, student, client):
    first = start_attempt(client, exam=True)
    assert start_attempt(client, exam=True) == first
    post_answer(client, app, first, 1)
    client.post(f"/attempts/{first}/finish")  # an open exam holds its bank: no second beside it
    assert start_attempt(client, exam=True) != first


def test_an_exam_start_later_is_a_new_attempt(app, student, client, clock):
    first = start_attempt(client, exam=True)
    client.post(f"/attempts/{first}/finish")
    clock.now += timedelta(seconds=11)
    second = start_attempt(client, exam=True)
    assert second != first
    assert count_rows(app, Attempt) == 2


def test_practise_again_resumes_the_open_practice_rather_than_start_another(
    app, student, client, clock
):
    first = start_attempt(client)
    post_answer(client, app, first, 1)
    clock.now += timedelta(minutes=5)
    assert start_attempt(client) == first
    assert count_rows(app, Attempt) == 1
