"""Accounts: users and their roles."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from quiz.store.models.base import Model, When, now_utc

if TYPE_CHECKING:
    from quiz.store.models.attempts import Attempt

STUDENT = "student"
INSTRUCTOR = "instructor"


def session_id(user_id: int, session_version: int | None) -> str:
    """What a session stores to name its user: the id and session version (``12.3``);
    quiz.web.security loads the user only at that version."""
    return f"{user_id}.{session_version or 0}"


class User(UserMixin, Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=STUDENT)
    # An IANA zone name ("Europe/Paris") the student chose; None: not chosen (shown as UTC).
    timezone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(When, default=now_utc)
    # In every session cookie; raised by logging out or a new password, which ends every
    # session made before (quiz.web.security loads a user only at the current version).
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")

    attempts: Mapped[list[Attempt]] = relationship(back_populates="user")

    def set_password(self, password: str) -> None:
        """A new password also ends every session of the user made before it."""
        self.password_hash = generate_password_hash(password)
        if self.session_version is not None:
            self.session_version += 1

    def get_id(self) -> str:
        """What the session stores: the user's id and session version (``12.3``)."""
        return session_id(self.id, self.session_version)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_instructor(self) -> bool:
        return self.role == INSTRUCTOR
