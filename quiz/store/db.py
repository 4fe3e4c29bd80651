"""The database handle: SQLAlchemy through Flask-SQLAlchemy (migrations: quiz.store.migrations)."""

from __future__ import annotations

from typing import Any

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Connection, MetaData, Table
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base)


def sql() -> Connection:
    """The session's connection, in its transaction: for a statement built once that
    needs none of the ORM's work (no objects to load or flush), run as plain SQL."""
    return db.session.connection()


def table_of(model: type[Any]) -> Table:
    """A model's table, for a statement that needs no unit of work (one row written as
    plain SQL, the way the hot paths write; docs/performance.md)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table
