"""Whether the database can serve: it answers, has the schema of this code, and takes a
write; on SQLite, the file the app opened is still the one at its path."""

from __future__ import annotations

from functools import cache

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from quiz.config import ROOT
from quiz.store.db import db
from quiz.store.sqlite import file_replaced
from quiz.store.unit import Unavailable, use_case


@cache
def schema_head() -> str | None:
    """The newest migration: the schema this code expects."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(ROOT / "migrations")).get_current_head()


def database_problem() -> str | None:
    """None when the database serves; otherwise what is wrong, in a few words."""
    try:
        connection = db.session.connection()
        if file_replaced(connection.connection.info):
            connection.invalidate()
            return "the database file was deleted or replaced"
        version = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        db.session.rollback()
        return "the database or its schema cannot be read"
    if version != schema_head():
        return "the database schema is not up to date (run flask db upgrade)"
    try:  # a real write, committed: a full disk or a read-only file fails here
        with use_case() as session:
            session.execute(text("UPDATE alembic_version SET version_num = version_num"))
    except Unavailable:
        return "the database cannot be written"
    return None
