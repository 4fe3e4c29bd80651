"""What every table shares: the declarative base, aware timestamps, enum columns."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, Enum

from quiz.store.db import db

if TYPE_CHECKING:  # Flask-SQLAlchemy's db.Model is Base with a session bound: type it as Base
    from quiz.store.db import Base as Model
else:
    Model = db.Model

When = DateTime(timezone=True)


def now_utc() -> datetime:
    return datetime.now(UTC)


def enum_column(cls: type[StrEnum], name: str) -> Enum:
    """A string column with a CHECK constraint, holding the enum's values."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda e: [m.value for m in e],
    )


__all__ = ["Model", "When", "enum_column", "now_utc"]
