"""Helpers the tests share (plain functions; the fixtures are in conftest.py): an app on
a fresh migrated database, fixture banks, and the form data a student would post."""

from __future__ import annotations

import os
import random
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func, select, text

from quiz import ROOT, create_app
from quiz.domain.banks import load_banks
from quiz.domain.layout import LayoutEntry
from quiz.domain.questions import TYPES, Question, type_of
from quiz.domain.questions.editing import common_values, to_values
from quiz.store import migrations
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.importing import import_folder
from quiz.store.models import Attempt, User

FIXTURES = Path(__file__).parent / "fixtures"
# Set to a PostgreSQL URL to run the request-level tests there (`make test-postgres`).
TEST_DATABASE_URL = os.environ.get("QUIZ_TEST_DATABASE_URL")
sqlite_only = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="exercises SQLite itself")
PASSWORD = "correct horse battery"
GOOD_PASSWORD = "purple elephants dance"  # passes every password rule; used for new accounts

APPS: list[Flask] = []


def make_app(tmp_path: Path, questions_dir: Path, **config: Any) -> Flask:
    """The app on a fresh database (SQLite in *tmp_path*, or a clean PostgreSQL schema)."""
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL or f"sqlite:///{tmp_path / 'test.sqlite'}",
        "QUESTIONS_DIR": str(questions_dir),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "CATALOG_CHECK_SECONDS": 0,  # an edit is served at once
    }
    settings.update(config)
    app = create_app(settings)
    with app.app_context():
        if TEST_DATABASE_URL:  # a clean schema for every test
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        migrations.ready(app)
        upgrade(directory=str(ROOT / "migrations"))
        import_folder(questions_dir, datetime.now(UTC))
    APPS.append(app)
    return app


def folder_with_sources(folder: Path) -> Path:
    """*folder* with a copy of the real documents in ``sources/``."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "sources").exists():
        shutil.copytree(ROOT / "questions" / "sources", folder / "sources")
    return folder


def load_questions(folder: Path, bank_text: str | None = None) -> dict[str, Question]:
    """Questions by id from the one-of-every-type fixture bank, or from *bank_text*
    (YAML) when given; fails loudly if the bank is rejected."""
    folder = folder_with_sources(folder)
    if bank_text is None:
        shutil.copy(FIXTURES / "all_types.yaml", folder / "fixture.yaml")
    else:
        (folder / "extra.yaml").write_text(bank_text, encoding="utf-8")
    result = load_banks(folder)
    assert result.ok, [str(e) for e in result.errors]
    return {q.id: q for bank in result.banks for q in bank.questions}


def answer_data(
    q: Question, entry: LayoutEntry | dict[str, Any], right: bool = True
) -> dict[str, Any]:
    """The form fields a student posts to answer *q* (shown as *entry* says), right or
    wrong: the type's own example answer, turned into its form's values."""
    if isinstance(entry, dict):
        entry = LayoutEntry.from_json(entry)
    qtype = type_of(q)
    return qtype.form_data(q, entry, qtype.example_answer(q, right, random.Random(0)))


def users_named(app: Flask, username: str) -> list[User]:
    with app.app_context():
        return list(db.session.execute(select(User).where(User.username == username)).scalars())


def is_logged_in(client: Any) -> bool:
    """Whether the client's session is a logged-in one (history needs a login)."""
    return bool(client.get("/history").status_code == 200)


class Clock:
    """A clock a test moves by hand: the app reads it through ``CLOCK``."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def authoring_form(content: dict[str, Any], button: str = "publish") -> dict[str, Any]:
    """The authoring form's fields, as a browser posts them, for a question's bank mapping."""
    common = common_values(content)
    data: dict[str, Any] = {
        "id": common["id"],
        "prompt": common["prompt"],
        "explanation": common["explanation"],
        "source-document": common["document"],
        "source-quote": common["quote"],
        "tags": common["tags"],
        "ignore_warnings": common["ignore_warnings"],
        button: "yes",
    }
    for name, value in to_values(TYPES[content["type"]].editor(), content).items():
        if isinstance(value, list):
            for n, row in enumerate(value):
                data.update(
                    {f"{name}-{n}-{key}": v for key, v in row.items() if v not in ("", False)}
                )
        elif isinstance(value, dict):
            data.update({f"{name}-{key}": v for key, v in value.items() if v != ""})
        elif value not in ("", False):
            data[name] = value
    return data


# ------------------------------------------------------------- attempts over HTTP


def start_attempt(client: Any, bank: str = "fixture", exam: bool = False) -> int:
    """Start an attempt through the home page's form; its id."""
    button = {"exam": "Start exam"} if exam else {"practise": "Practise"}
    r = client.post(f"/banks/{bank}/start", data=button)
    assert r.status_code == 302, r.get_data(as_text=True)[:300]
    found = re.search(r"/(?:attempts|exams)/(\d+)(/1)?$", r.headers["Location"])  # new, or resumed
    assert found, r.headers["Location"]
    return int(found.group(1))


def layout_of(app: Flask, attempt_id: int) -> list[LayoutEntry]:
    with app.app_context():
        stored = db.session.get(Attempt, attempt_id)
        assert stored is not None
        return [LayoutEntry.from_json(e) for e in stored.layout]


def position_of(app: Flask, attempt_id: int, question_id: str) -> int:
    entries = layout_of(app, attempt_id)
    return next(n for n, e in enumerate(entries, 1) if e.question_id == question_id)


def post_answer(client: Any, app: Flask, attempt_id: int, position: int, right: bool = True) -> Any:
    """Answer the question at *position* right (or wrong) through its form."""
    entry = layout_of(app, attempt_id)[position - 1]
    with app.app_context():
        q = current_catalog().questions[entry.question_id]
    return client.post(f"/attempts/{attempt_id}/{position}", data=answer_data(q, entry, right))


def count_rows(app: Flask, model: Any) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)
