"""Accounts: one rule for finding a user by name, creating students and instructors."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from quiz.store.db import db
from quiz.store.models import INSTRUCTOR, STUDENT, User
from quiz.store.unit import use_case


def canonical(username: str) -> str:
    """User names are kept and compared in lower case, without surrounding spaces."""
    return username.strip().lower()


def find_user(username: str) -> User | None:
    query = select(User).where(User.username == canonical(username))
    return db.session.execute(query).scalar_one_or_none()


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


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
