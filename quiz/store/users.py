"""Accounts: one rule for finding a user by name, creating students and instructors."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from flask_login import UserMixin
from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from quiz.store.db import db, sql
from quiz.store.exams import has_open_exam
from quiz.store.models import INSTRUCTOR, STUDENT, User
from quiz.store.models.accounts import session_id
from quiz.store.unit import use_case


def canonical(username: str) -> str:
    """User names are kept and compared in lower case, without surrounding spaces."""
    return username.strip().lower()


def find_user(username: str) -> User | None:
    query = select(User).where(User.username == canonical(username))
    return db.session.execute(query).scalar_one_or_none()


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


@dataclass(frozen=True, eq=False)
class SessionUser(UserMixin):
    """The logged-in user as every page reads them (``current_user``): who they are and
    what they may see, read in one statement and never written through. Changes to an
    account go through the functions below, on a :class:`User`."""

    id: int
    username: str
    role: str
    timezone: str | None
    session_version: int

    def get_id(self) -> str:
        """What the session stores, as :meth:`User.get_id`: ``12.3``."""
        return session_id(self.id, self.session_version)

    @property
    def is_instructor(self) -> bool:
        return self.role == INSTRUCTOR


# Built once: every request of a logged-in user runs it, as plain SQL (no object to track)
_SESSION_USER = select(
    User.id,
    User.username,
    User.role,
    User.timezone,
    User.session_version,
    has_open_exam(User.id, bindparam("now", type_=User.created_at.type)),
).where(User.id == bindparam("user_id"))


def session_user(user_id: int, now: datetime) -> tuple[SessionUser, bool] | None:
    """The user a session names, and whether they have an exam open at *now* (which
    holds questions back on other pages), in one round trip: most pages need both."""
    row = sql().execute(_SESSION_USER, {"user_id": user_id, "now": now}).first()
    if row is None:
        return None
    *account, exam_open = row
    return SessionUser(*account), bool(exam_open)


@cache
def _dummy_hash() -> str:
    """A hash made like a real one, checked when no user has the name: a log-in takes as
    long for a name nobody has as for one that exists."""
    return generate_password_hash(secrets.token_hex(16))


def authenticate(username: str, password: str) -> User | None:
    """The user with this name and password, or None; as slow either way."""
    user = find_user(username)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    return user if user.check_password(password) else None


def end_sessions(user_id: int) -> None:
    """End every session of the user (log-out): their session version moves on."""
    statement = (
        update(User)
        .where(User.id == user_id)
        .values(session_version=User.session_version + 1)
        .execution_options(synchronize_session=False)
    )
    with use_case() as session:
        session.execute(statement)


def create_student(username: str, password: str) -> User | None:
    """A new student account, or None when the name is taken."""
    user = User(username=canonical(username), role=STUDENT)
    user.set_password(password)
    try:
        with use_case() as session:
            session.add(user)
    except IntegrityError:
        return None
    return user


def make_instructor(username: str, password: str) -> User:
    """Create an instructor account, or promote an existing user and set the password."""
    with use_case() as session:
        user = find_user(username)
        if user is None:
            user = User(username=canonical(username))
            session.add(user)
        user.role = INSTRUCTOR
        user.set_password(password)
    return user
