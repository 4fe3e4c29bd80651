"""One use case, one transaction: the only place the store commits.

A use case is a write, so its transaction takes the database's write lock when it starts:
``BEGIN IMMEDIATE`` on SQLite (two writers queue at the start instead of one failing, or
acting on what it read before the other committed); on PostgreSQL a use case locks the
rows it changes (``SELECT ... FOR UPDATE``, see :func:`lock_row`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask_sqlalchemy.session import Session
from sqlalchemy import select
from sqlalchemy.orm import scoped_session

from quiz.store.db import db


@contextmanager
def use_case() -> Iterator[scoped_session[Session]]:
    """Run a use case's writes in one transaction: committed when the block ends,
    rolled back (and the error raised again) when anything in it fails."""
    try:
        _begin_write()
        yield db.session
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def _begin_write() -> None:
    """On SQLite, take the write lock now (``BEGIN IMMEDIATE``) unless a transaction is
    already under way on this connection."""
    connection = db.session.connection()
    raw = connection.connection.driver_connection
    if isinstance(raw, sqlite3.Connection) and not raw.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def lock_row(model: Any, row_id: int) -> None:
    """Lock one row for the rest of the transaction (PostgreSQL's row lock; on SQLite
    the transaction already holds the database's write lock)."""
    db.session.execute(select(model.id).where(model.id == row_id).with_for_update())


def rollback() -> None:
    """Forget whatever the failed request left in the session."""
    db.session.rollback()
