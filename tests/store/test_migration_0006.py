"""Migration 0006 adds each user's session version (0 for existing users) and removes it
again on downgrade, keeping every user."""

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
        db.session.execute(
            text(
                'INSERT INTO "user" (id, username, password_hash, role, created_at) '
                "VALUES (1, 'ann', '!', 'student', :t)"
            ),
            {"t": datetime(2026, 5, 1, 9, 0)},
        )
        db.session.commit()
    return made


def _columns() -> set[str]:
    return {c["name"] for c in inspect(db.engine).get_columns("user")}


def test_the_upgrade_gives_every_user_session_version_0(app):
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        rows = db.session.execute(text('SELECT id, session_version FROM "user"')).all()
    assert [tuple(r) for r in rows] == [(1, 0)]


def test_the_downgrade_removes_the_column_and_keeps_the_users(app):
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        downgrade(directory=MIGRATIONS, revision=BEFORE)
        db.session.remove()
        assert "session_version" not in _columns()
        names = db.session.execute(text('SELECT username FROM "user"')).scalars().all()
    assert names == ["ann"]
