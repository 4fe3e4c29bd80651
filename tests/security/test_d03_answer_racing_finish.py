"""D3: an answer racing "Finish" was stored in a finished attempt and left out of its score.

The answer's transaction takes the lock at its start (SQLite: ``BEGIN IMMEDIATE``;
PostgreSQL: ``SELECT ... FOR UPDATE`` on the attempt row) and stores the answer only
while the attempt is open. Raced 100 times against "Finish", every answer is either
stored and counted (302) or refused with a message and not stored (409): never stored
and ignored.
"""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import event, select

from quiz.store.db import db
from quiz.store.models import Attempt, Response
from tests.support import TEST_DATABASE_URL, layout_of, post_answer, start_attempt

RACES = 100


def _race(app, cookie: str, attempt_id: int) -> tuple[int, int]:
    """The answer and the finish, released together; their statuses."""
    barrier = threading.Barrier(2)
    statuses: dict[str, int] = {}

    def run(name: str) -> None:
        client = app.test_client()
        client.set_cookie("session", cookie)
        barrier.wait()
        if name == "answer":
            statuses[name] = post_answer(client, app, attempt_id, 1).status_code
        else:
            statuses[name] = client.post(f"/attempts/{attempt_id}/finish").status_code

    threads = [threading.Thread(target=run, args=(n,)) for n in ("answer", "finish")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses["answer"], statuses["finish"]


def test_an_answer_racing_finish_is_counted_or_refused_never_stored_and_ignored(
    app, student, client
):
    cookie = client.get_cookie("session").value
    outcomes: Counter[str] = Counter()
    for _ in range(RACES):
        attempt_id = start_attempt(client)
        layout_of(app, attempt_id)  # read before the race, as the form would be
        answer, finish = _race(app, cookie, attempt_id)
        assert finish == 302
        with app.app_context():
            attempt = db.session.get(Attempt, attempt_id)
            stored = db.session.execute(
                select(Response).where(Response.attempt_id == attempt_id)
            ).scalar_one_or_none()
            assert attempt.finished_at is not None
            if stored is None:
                assert answer == 409, answer
                assert attempt.score == 0
                outcomes["refused"] += 1
            else:
                assert answer == 302, answer
                assert attempt.score == stored.score  # counted in the attempt's score
                outcomes["counted"] += 1
    assert sum(outcomes.values()) == RACES
    print(f"\n{RACES} races of an answer against Finish: {dict(outcomes)}")


def test_the_answer_transaction_takes_the_lock_first(app, student, client):
    attempt_id = start_attempt(client)
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def record(_conn, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()).upper())

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert post_answer(client, app, attempt_id, 1).status_code == 302
    finally:
        event.remove(engine, "before_cursor_execute", record)
    first_write = next(i for i, s in enumerate(statements) if s.startswith(("UPDATE", "INSERT")))
    before = statements[:first_write]
    if TEST_DATABASE_URL:  # a row lock: SELECT ... FOR UPDATE, or the UPDATE of the attempt
        locked = any(s.startswith("SELECT ATTEMPT.ID") and "FOR UPDATE" in s for s in before)
        assert locked or statements[first_write].startswith("UPDATE ATTEMPT"), statements
    else:
        assert "BEGIN IMMEDIATE" in before, statements
