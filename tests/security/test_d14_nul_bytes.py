"""D14: a NUL byte gave 500 on PostgreSQL (it refuses them), and a NUL-only answer was
stored on SQLite. A NUL in any field or query parameter is now refused with 400 before
anything is read or stored, on both databases."""

from __future__ import annotations

import pytest

from quiz.store.models import Response, User
from tests.support import count_rows, position_of, start_attempt

NUL_MESSAGE = "contains a NUL character"


def test_a_nul_in_a_user_name_is_refused(app, client):
    for path in ("/login", "/signup"):
        r = client.post(path, data={"username": "pg\x00user", "password": "x", "confirm": "x"})
        assert r.status_code == 400
        assert NUL_MESSAGE in r.get_data(as_text=True)
    assert count_rows(app, User) == 0


@pytest.mark.parametrize("answer", ["home\x00ostasis", "\x00\x00\x00"])
def test_a_nul_in_an_answer_is_refused_and_not_stored(app, student, client, answer):
    attempt = start_attempt(client)
    position = position_of(app, attempt, "fx-short")
    r = client.post(f"/attempts/{attempt}/{position}", data={"answer": answer})
    assert r.status_code == 400
    assert NUL_MESSAGE in r.get_data(as_text=True)
    assert count_rows(app, Response) == 0


def test_a_nul_in_a_query_parameter_is_refused(create_user, client):
    create_user("ines", role="instructor")
    client.post("/login", data={"username": "ines", "password": "correct horse battery"})
    assert client.get("/instructor/gradebook?q=%00").status_code == 400
    assert client.get("/sources/guide?question=%00").status_code == 400
