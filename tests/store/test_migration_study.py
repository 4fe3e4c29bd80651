"""Migration 0007 (study sessions, flashcards, daily limits, appeals): the upgrade keeps
every row and lets the new kinds and mode in; the downgrade turns them back into rows the
old constraints accept, uncounted as before, and drops the new tables."""

from __future__ import annotations

from datetime import datetime

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from quiz import ROOT, create_app
from quiz.store import migrations
from quiz.store.db import db
from tests.support import APPS, TEST_DATABASE_URL

MIGRATIONS = str(ROOT / "migrations")
BEFORE = "0005_attempt_kind"
T0 = datetime(2026, 5, 1, 9, 0)


@pytest.fixture
def app(tmp_path):
    made = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "m",
            "SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL or f"sqlite:///{tmp_path / 'm.sqlite'}",
        }
    )
    APPS.append(made)
    migrations.ready(made)
    with made.app_context():
        if TEST_DATABASE_URL:
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade(directory=MIGRATIONS, revision=BEFORE)
        run = db.session.execute
        run(
            text(
                'INSERT INTO "user" (id, username, password_hash, role, created_at) '
                "VALUES (1, 'ann', '!', 'student', :t)"
            ),
            {"t": T0},
        )
        run(
            text(
                "INSERT INTO attempt (id, user_id, kind, mode, bank_id, layout, started_at, score, "
                "max_score) VALUES (1, 1, 'topic', 'practice', 'dosing', '[]', :t, 2.0, 3)"
            ),
            {"t": T0},
        )
        run(
            text(
                "INSERT INTO review_card (id, user_id, question_id, state, due, reviews) "
                "VALUES (1, 1, 'q1', 1, :t, 1)"
            ),
            {"t": T0},
        )
        db.session.commit()
    return made


def _new_session_attempts() -> None:
    db.session.execute(
        text(
            "INSERT INTO attempt (id, user_id, kind, mode, bank_id, layout, started_at, score, max_score) "
            "VALUES (2, 1, 'mixed', 'practice', NULL, '[]', :t, 0, 10), "
            "(3, 1, 'weak', 'flashcards', 'dosing', '[]', :t, 0, 10)"
        ),
        {"t": T0},
    )
    db.session.commit()


def test_the_upgrade_keeps_rows_and_adds_the_columns_and_tables(app):
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        assert db.session.execute(text("SELECT kind, discarded_at FROM attempt")).all() == [
            ("topic", None)
        ]
        assert db.session.execute(text("SELECT introduced_on FROM review_card")).all() == [(None,)]
        tables = set(inspect(db.engine).get_table_names())
        assert {"study_settings", "appeal"} <= tables
        _new_session_attempts()
        kinds = db.session.execute(text("SELECT kind, mode FROM attempt ORDER BY id")).all()
        assert kinds == [("topic", "practice"), ("mixed", "practice"), ("weak", "flashcards")]


def test_the_new_constraints_still_refuse_an_unknown_kind_or_mode(app):
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        for column, value in (("kind", "essay"), ("mode", "oral")):
            with pytest.raises(Exception, match=r"(?i)check"):
                db.session.execute(text(f"UPDATE attempt SET {column} = '{value}' WHERE id = 1"))
                db.session.commit()
            db.session.rollback()


def test_the_downgrade_turns_new_kinds_into_uncounted_retries_and_drops_the_tables(app):
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        _new_session_attempts()
        db.session.execute(
            text(
                "INSERT INTO study_settings (user_id, new_per_day, reviews_per_day, updated_at) "
                "VALUES (1, 5, 50, :t)"
            ),
            {"t": T0},
        )
        db.session.commit()
        downgrade(directory=MIGRATIONS, revision=BEFORE)
        rows = db.session.execute(text("SELECT id, kind, mode FROM attempt ORDER BY id")).all()
        assert rows == [
            (1, "topic", "practice"),
            (2, "retry", "practice"),
            (3, "retry", "practice"),
        ]
        tables = set(inspect(db.engine).get_table_names())
        assert not {"study_settings", "appeal"} & tables
        assert "discarded_at" not in {c["name"] for c in inspect(db.engine).get_columns("attempt")}
