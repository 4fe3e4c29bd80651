"""Migration 0005 keeps every attempt and re-reads the old encodings: ``mode`` holding
review/retry/passage and ``bank_id`` holding ``_review`` and ``_passage:<document>``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from quiz import ROOT, create_app
from quiz.store import migrations
from quiz.store.db import db
from tests.support import APPS, TEST_DATABASE_URL

MIGRATIONS = str(ROOT / "migrations")
BEFORE = "0004_attempt_covering_indexes"
T0 = datetime(2026, 5, 1, 9, 0)
OLD_ATTEMPTS = [
    # id, bank_id, mode, time_limit_s, finished, score
    (1, "mechanism", "practice", None, True, 3.0),
    (2, "mechanism", "exam", 600, False, None),
    (3, "_review", "review", None, True, 1.0),
    (4, "dosing", "retry", None, False, None),
    (5, "_passage:guide", "passage", None, True, 2.0),
]


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
        _old_rows()
    return made


def _old_rows() -> None:
    run = db.session.execute
    run(
        text(
            "INSERT INTO \"user\" (id, username, password_hash, role, created_at) VALUES (1, 'ann', '!', 'student', :t)"
        ),
        {"t": T0},
    )
    for attempt_id, bank, mode, limit, finished, score in OLD_ATTEMPTS:
        run(
            text(
                "INSERT INTO attempt (id, user_id, bank_id, mode, layout, started_at, finished_at, score, "
                "max_score, time_limit_s) VALUES (:id, 1, :bank, :mode, '[]', :start, :end, :score, 3, :limit)"
            ),
            {
                "id": attempt_id,
                "bank": bank,
                "mode": mode,
                "start": T0,
                "end": T0 if finished else None,
                "score": score,
                "limit": limit,
            },
        )
    for n, (attempt_id, score) in enumerate([(2, 1.0), (2, 0.5), (4, 1.0)], 1):
        run(
            text(
                "INSERT INTO response (id, attempt_id, user_id, bank_id, question_id, question_version, position, "
                "answer, answer_text, key_text, score, correct, submitted_at) "
                "VALUES (:id, :a, 1, 'mechanism', :q, 'v', :n, '\"x\"', 'x', 'k', :s, :c, :t)"
            ),
            {
                "id": n,
                "a": attempt_id,
                "q": f"q{n}",
                "n": n,
                "s": score,
                "c": score == 1.0,
                "t": T0,
            },
        )
    db.session.commit()


def _rows() -> dict[int, tuple]:
    query = text(
        "SELECT id, kind, mode, bank_id, document_id, deadline_at, score FROM attempt ORDER BY id"
    )
    return {row[0]: tuple(row[1:]) for row in db.session.execute(query)}


def _utc(moment) -> datetime | None:
    if moment is None or isinstance(moment, datetime):
        return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(moment)).replace(tzinfo=UTC)


def test_the_upgrade_gives_every_attempt_its_kind_mode_bank_and_document(app):
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        rows = _rows()
    assert {k: v[:4] for k, v in rows.items()} == {
        1: ("topic", "practice", "mechanism", None),
        2: ("topic", "exam", "mechanism", None),
        3: ("review", "practice", None, None),
        4: ("retry", "practice", "dosing", None),
        5: ("passage", "practice", None, "guide"),
    }


def test_the_upgrade_stores_deadlines_and_the_score_so_far_of_open_attempts(app):
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        rows = _rows()
    assert _utc(rows[2][4]) == datetime(2026, 5, 1, 9, 10, tzinfo=UTC)
    assert [rows[n][4] for n in (1, 3, 4, 5)] == [None] * 4
    assert {n: rows[n][5] for n in rows} == {1: 3.0, 2: 1.5, 3: 1.0, 4: 1.0, 5: 2.0}


def test_the_new_columns_refuse_an_unknown_kind_or_mode(app):
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        with pytest.raises(Exception, match=r"(?i)check"):
            db.session.execute(text("UPDATE attempt SET kind = 'essay' WHERE id = 1"))
            db.session.commit()
        db.session.rollback()


def test_the_downgrade_restores_the_old_encoding(app):
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        downgrade(directory=MIGRATIONS, revision=BEFORE)
        query = text("SELECT id, bank_id, mode, score FROM attempt ORDER BY id")
        rows = [tuple(row) for row in db.session.execute(query)]
    assert rows == [(a, bank, mode, score) for a, bank, mode, _, _, score in OLD_ATTEMPTS]


def test_the_models_and_the_migrations_describe_the_same_schema(app):
    with app.app_context():
        upgrade(directory=MIGRATIONS)
    result = app.test_cli_runner().invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output  # alembic exits 1 when autogenerate finds a change


def test_the_schema_check_fails_when_the_models_differ(app):
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        db.session.execute(text("DROP INDEX ix_response_question_score"))
        db.session.commit()
    assert app.test_cli_runner().invoke(args=["db", "check"]).exit_code != 0
