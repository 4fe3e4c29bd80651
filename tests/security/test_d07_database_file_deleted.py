"""D7: with the database file deleted while serving, answers were acknowledged and lost,
and /healthz stayed green; after a restart an empty database was made silently.

A write first checks that the file its connection opened is still the one at its path,
so nothing is acknowledged that was not stored: the student is told the answer was NOT
saved. /healthz fails. The app opens the file read-write and never creates one: only
``flask db upgrade`` does.
"""

from __future__ import annotations

import shutil

from sqlalchemy import func, select

from quiz import create_app
from quiz.store.db import db
from quiz.store.models import Response
from tests.support import APPS, post_answer, sqlite_only, start_attempt

pytestmark = sqlite_only
NOT_SAVED = "Your answer was NOT saved."


def _files(tmp_path):
    return [tmp_path / f"test.sqlite{suffix}" for suffix in ("", "-wal", "-shm")]


def _delete(tmp_path) -> None:
    for path in _files(tmp_path):
        path.unlink(missing_ok=True)


def test_an_answer_after_the_file_is_deleted_is_not_acknowledged(app, student, client, tmp_path):
    attempt = start_attempt(client)
    assert post_answer(client, app, attempt, 1).status_code == 302
    _delete(tmp_path)
    r = post_answer(client, app, attempt, 2)
    assert r.status_code == 503
    page = r.get_data(as_text=True)
    assert NOT_SAVED in page and "send it again" in page
    assert "Traceback" not in page
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["status"] == "error"
    assert not (tmp_path / "test.sqlite").exists()  # no empty database made behind our back


def test_healthz_fails_from_the_moment_the_file_is_gone(app, client, tmp_path):
    assert client.get("/healthz").status_code == 200
    _delete(tmp_path)
    assert client.get("/healthz").status_code == 503
    assert client.get("/healthz").status_code == 503  # and stays failed
    assert not (tmp_path / "test.sqlite").exists()


def test_a_restart_without_the_file_makes_no_empty_database(app, tmp_path, questions_dir):
    _delete(tmp_path)
    fresh = create_app(dict(app.config))  # a worker started after the file vanished
    APPS.append(fresh)
    client = fresh.test_client()
    assert client.get("/healthz").status_code == 503
    r = client.post("/login", data={"username": "ann", "password": "whatever it is"})
    assert r.status_code == 503
    assert "Traceback" not in r.get_data(as_text=True)
    assert not (tmp_path / "test.sqlite").exists()


def test_a_file_put_back_in_place_is_served(app, student, client, tmp_path):
    attempt = start_attempt(client)
    post_answer(client, app, attempt, 1)
    backup = tmp_path / "backup"
    backup.mkdir()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    for path in _files(tmp_path):
        if path.exists():
            shutil.copy(path, backup / path.name)
    assert client.get("/history").status_code == 200  # a connection to the old file again
    _delete(tmp_path)
    for path in backup.iterdir():
        shutil.copy(path, tmp_path / path.name)  # restored: another file at the same path
    assert client.get("/healthz").status_code == 503  # the stale connection is dropped
    assert client.get("/healthz").status_code == 200
    assert post_answer(client, app, attempt, 2).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 2


def test_healthz_fails_when_the_schema_is_missing(tmp_path):
    made = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'e.sqlite'}",
        }
    )
    APPS.append(made)
    (tmp_path / "e.sqlite").touch()  # a file with no tables in it
    r = made.test_client().get("/healthz")
    assert r.status_code == 503
    assert "schema" in r.get_json()["problem"]
