"""Shared fixtures: an app on a fresh migrated database, a client, and account helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from quiz import ROOT
from quiz.store.db import db
from quiz.store.models import INSTRUCTOR, STUDENT, Course, CourseInstructor, Enrollment, User
from tests.support import APPS, FIXTURES, PASSWORD, make_app


@pytest.fixture
def questions_dir(tmp_path: Path) -> Path:
    """A questions folder with the real documents and the one-of-every-type fixture bank."""
    folder = tmp_path / "questions"
    shutil.copytree(ROOT / "questions" / "sources", folder / "sources")
    shutil.copy(FIXTURES / "all_types.yaml", folder / "fixture.yaml")
    return folder


@pytest.fixture
def app(tmp_path: Path, questions_dir: Path):
    return make_app(tmp_path, questions_dir)


@pytest.fixture(autouse=True)
def _close_databases():
    """Close every app's connections after each test (no ResourceWarning, no leaks)."""
    yield
    while APPS:
        made = APPS.pop()
        with made.app_context():
            db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


TEST_CLASS = "Test class"


@pytest.fixture
def create_user(app):
    """Factory: create_user("ann", role="student") -> the user's id.

    An instructor gets the test class (an instructor sees only the students of their
    classes); a student joins it, whenever either of them is made."""

    def create(username: str, password: str = PASSWORD, role: str = "student") -> int:
        with app.app_context():
            user = User(username=username, role=role)
            user.set_password(password)
            db.session.add(user)
            db.session.flush()
            course = db.session.execute(
                select(Course).where(Course.name == TEST_CLASS)
            ).scalar_one_or_none()
            if role == INSTRUCTOR:
                if course is None:
                    course = Course(name=TEST_CLASS, term="", join_code="TESTCLAS")
                    db.session.add(course)
                    db.session.flush()
                    students = db.session.execute(
                        select(User.id).where(User.role == STUDENT)
                    ).scalars()
                    db.session.add_all(Enrollment(course_id=course.id, user_id=s) for s in students)
                db.session.add(CourseInstructor(course_id=course.id, user_id=user.id))
            elif course is not None:
                db.session.add(Enrollment(course_id=course.id, user_id=user.id))
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
