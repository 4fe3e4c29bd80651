"""Trustworthy under faults and hostile input: SQLite settings, health, backups,
concurrent duplicates, rate limits, and random form posts."""

from __future__ import annotations

import re
import shutil
import sqlite3
import threading
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text
from werkzeug.datastructures import MultiDict

from quiz.domain.attempts import Kind, Plan
from quiz.store import attempts
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import Attempt, Response, ReviewCard, ReviewLog
from tests.support import PASSWORD, answer_data, make_app, sqlite_only


def start(client) -> int:
    r = client.post("/banks/fixture/start", data={"practise": "Practise"})
    return int(re.search(r"/attempts/(\d+)/1$", r.headers["Location"]).group(1))


def responses(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Response))


@sqlite_only
def test_every_sqlite_connection_uses_wal_busy_timeout_and_normal_sync(app):
    with app.app_context():
        conn = db.session.connection()
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10000
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


@sqlite_only
def test_synchronous_full_is_a_setting(tmp_path, questions_dir):
    app = make_app(tmp_path, questions_dir, SQLITE_SYNCHRONOUS="FULL")
    with app.app_context():
        assert db.session.connection().execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


@sqlite_only
def test_an_unknown_synchronous_setting_is_refused(tmp_path, questions_dir):
    with pytest.raises(ValueError, match="SQLITE_SYNCHRONOUS"):
        make_app(tmp_path, questions_dir, SQLITE_SYNCHRONOUS="SOMETIMES")


def test_healthz_checks_the_database(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.get_json() == {"status": "ok", "database": "ok"}


@sqlite_only
def test_healthz_reports_an_unreachable_database(app, client, tmp_path):
    with app.app_context():
        db.engine.dispose()
    (tmp_path / "test.sqlite").unlink()
    (tmp_path / "test.sqlite").mkdir()  # the database file is now a folder: unopenable
    r = client.get("/healthz")
    assert r.status_code == 503
    assert r.get_json()["status"] == "error"


def test_the_same_answer_posted_concurrently_is_stored_once(app, student, client):
    attempt_id = start(client)
    with app.app_context():
        entry = db.session.get(Attempt, attempt_id).layout[0]
        q = current_catalog().questions[entry["question_id"]]
    data = answer_data(q, entry)
    cookie = client.get_cookie("session").value
    barrier = threading.Barrier(8)
    statuses = []

    def post():
        c = app.test_client()
        c.set_cookie("session", cookie)
        barrier.wait()
        statuses.append(c.post(f"/attempts/{attempt_id}/1", data=data).status_code)

    threads = [threading.Thread(target=post) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(s in (200, 302) for s in statuses), statuses
    assert responses(app) == 1


def test_an_answer_for_a_question_not_in_the_attempt_is_refused(app, student, client):
    attempt_id = start(client)
    assert client.post(f"/attempts/{attempt_id}/99", data={"answer": "x"}).status_code == 404
    assert responses(app) == 0


@sqlite_only
def test_backup_is_a_consistent_copy_taken_while_writes_go_on(
    app, runner, student, client, tmp_path
):
    attempt_id = start(client)
    stop = threading.Event()

    def writer():
        with app.app_context():
            n = 0
            while not stop.is_set() and n < 2000:
                db.session.execute(
                    text("UPDATE attempt SET max_score = max_score WHERE id = :i"),
                    {"i": attempt_id},
                )
                db.session.commit()
                n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        result = runner.invoke(args=["backup", str(tmp_path / "copy.sqlite")])
    finally:
        stop.set()
        thread.join()
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(tmp_path / "copy.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM attempt").fetchone()[0] == 1
    con.close()


@sqlite_only
def test_a_restored_backup_serves_the_records(
    app, runner, student, client, tmp_path, questions_dir
):
    attempt_id = start(client)
    with app.app_context():
        entry = db.session.get(Attempt, attempt_id).layout[0]
        q = current_catalog().questions[entry["question_id"]]
    client.post(f"/attempts/{attempt_id}/1", data=answer_data(q, entry))
    assert runner.invoke(args=["backup", str(tmp_path / "backup.sqlite")]).exit_code == 0
    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    shutil.copy(tmp_path / "backup.sqlite", restored_dir / "test.sqlite")
    restored = make_app(restored_dir, questions_dir)  # migrations run on the restored copy
    c = restored.test_client()
    c.post("/login", data={"username": "ann", "password": PASSWORD})
    summary = c.get(f"/attempts/{attempt_id}/summary").text
    assert q.prompt in summary


@sqlite_only
def test_backup_refuses_to_overwrite_the_live_database(app, runner, tmp_path):
    result = runner.invoke(args=["backup", str(tmp_path / "test.sqlite")])
    assert result.exit_code != 0
    assert "must not overwrite" in result.output


def test_login_is_rate_limited_with_a_clear_message(tmp_path, questions_dir):
    app = make_app(
        tmp_path, questions_dir, RATELIMIT_ENABLED=True, RATELIMIT_LOGIN_ACCOUNT="3 per minute"
    )
    client = app.test_client()
    codes = [
        client.post("/login", data={"username": "x", "password": "wrong password"}).status_code
        for _ in range(4)
    ]
    assert codes[:3] == [400, 400, 400]
    assert codes[3] == 429
    r = client.post("/login", data={"username": "x", "password": "wrong password"})
    assert "Too many attempts" in r.text
    assert client.get("/login").status_code == 200  # reading the form is not limited


def test_signup_is_rate_limited(tmp_path, questions_dir):
    app = make_app(tmp_path, questions_dir, RATELIMIT_ENABLED=True, RATELIMIT_SIGNUP="2 per minute")
    client = app.test_client()
    codes = [
        client.post("/signup", data={"username": f"u{i}x", "password": "p"}).status_code
        for i in range(3)
    ]
    assert codes[-1] == 429


FIELD = st.sampled_from(["answer", "m0", "m1", "m2", "p0", "p1", "p2", "p3", "csrf_token", "junk"])
VALUE = st.one_of(
    st.text(max_size=60),
    st.integers(-(10**12), 10**12).map(str),
    st.sampled_from(["", "0", "1", "true", "999"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(position=st.integers(1, 7), form=st.lists(st.tuples(FIELD, VALUE), max_size=8))
def test_random_answer_posts_give_4xx_or_a_stored_response_never_5xx(
    app, student, client, position, form
):
    with app.app_context():
        attempt = (
            db.session.execute(select(Attempt).where(Attempt.finished_at.is_(None)))
            .scalars()
            .first()
        )
    attempt_id = attempt.id if attempt else start(client)
    before = responses(app)
    r = client.post(f"/attempts/{attempt_id}/{position}", data=MultiDict(form))
    assert r.status_code < 500
    if r.status_code == 302:
        with app.app_context():
            entry = db.session.get(Attempt, attempt_id).layout[position - 1]
            stored = db.session.execute(
                select(Response).where(
                    Response.attempt_id == attempt_id, Response.question_id == entry["question_id"]
                )
            ).scalar_one()
            assert 0.0 <= stored.score <= 1.0
    else:
        assert r.status_code in (200, 400)
        assert responses(app) == before


def test_a_review_card_created_meanwhile_by_another_attempt_is_retried_not_a_500(
    app, student, client, monkeypatch
):
    """On PostgreSQL two first answers to one question (two attempts, same student) can both
    find no review card and both insert one; the loser must retry, not fail."""
    from quiz.store import reviews as records

    def position(attempt_id: int) -> int:
        with app.app_context():
            layout = db.session.get(Attempt, attempt_id).layout
        return next(n for n, e in enumerate(layout, 1) if e["question_id"] == "fx-tf")

    first = start(client)
    assert (
        client.post(f"/attempts/{first}/{position(first)}", data={"answer": "true"}).status_code
        == 302
    )
    with app.app_context():  # Practise would resume the first: the second starts directly
        bank = current_catalog().banks["fixture"]
        plan = Plan(Kind.TOPIC, bank_id=bank.id)
        second = attempts.start(student, bank.questions, plan, datetime.now(UTC)).id
        q = current_catalog().questions["fx-tf"]
    real_get_card = records._card_row
    looks = []

    def racing_get_card(*args):
        looks.append(args)  # the first look sees no card, as a reader racing the other answer would
        return None if len(looks) == 1 else real_get_card(*args)

    monkeypatch.setattr(records, "_card_row", racing_get_card)
    r = client.post(f"/attempts/{second}/{position(second)}", data={"answer": "true"})
    assert r.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 2
        assert db.session.scalar(select(func.count()).select_from(ReviewCard)) == 1
        assert db.session.scalar(select(func.count()).select_from(ReviewLog)) == 2
    assert len(looks) == 2  # the card was looked up again on the retry
    assert q.type == "true_false"
