"""Shared fixtures: an app on a fresh migrated database, a client, and account helpers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

from quiz import ROOT, create_app
from quiz.extensions import db
from quiz.models import INSTRUCTOR, User

FIXTURES = Path(__file__).parent / "fixtures"
# Set to a PostgreSQL URL to run the request-level tests there (`make test-postgres`).
TEST_DATABASE_URL = os.environ.get("QUIZ_TEST_DATABASE_URL")
sqlite_only = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="exercises SQLite itself")
PASSWORD = "correct horse battery"


@pytest.fixture
def questions_dir(tmp_path: Path) -> Path:
    """A questions folder with the real documents and the one-of-every-type fixture bank."""
    folder = tmp_path / "questions"
    shutil.copytree(ROOT / "questions" / "sources", folder / "sources")
    shutil.copy(FIXTURES / "all_types.yaml", folder / "fixture.yaml")
    return folder


_APPS: list = []


def make_app(tmp_path: Path, questions_dir: Path, **config):
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL or f"sqlite:///{tmp_path / 'test.sqlite'}",
        "QUESTIONS_DIR": str(questions_dir),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
    }
    settings.update(config)
    app = create_app(settings)
    with app.app_context():
        if TEST_DATABASE_URL:  # a clean schema for every test
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade(directory=str(ROOT / "migrations"))
    _APPS.append(app)
    return app


@pytest.fixture
def app(tmp_path: Path, questions_dir: Path):
    return make_app(tmp_path, questions_dir)


@pytest.fixture(autouse=True)
def _close_databases():
    """Close every app's connections after each test (no ResourceWarning, no leaks)."""
    yield
    while _APPS:
        made = _APPS.pop()
        with made.app_context():
            db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def create_user(app):
    """Factory: create_user("ann", role="student") -> the user's id."""

    def create(username: str, password: str = PASSWORD, role: str = "student") -> int:
        with app.app_context():
            user = User(username=username, role=role)
            user.set_password(password)
            db.session.add(user)
            db.session.commit()
            return user.id

    return create


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, username: str = "ann", password: str = PASSWORD):
        return self.client.post("/login", data={"username": username, "password": password})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def student(create_user, auth):
    """A logged-in student called ann; returns her user id."""
    user_id = create_user("ann")
    auth.login("ann")
    return user_id


@pytest.fixture
def instructor(create_user):
    return create_user("ines", role=INSTRUCTOR)
