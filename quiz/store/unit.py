"""One use case, one transaction: the only place the store commits.

A use case is a write, so its transaction takes the database's write lock when it starts:
``BEGIN IMMEDIATE`` on SQLite (two writers queue at the start instead of one failing, or
acting on what it read before the other committed); on PostgreSQL a use case locks the
rows it changes (``SELECT ... FOR UPDATE``, see :func:`lock_row`). A failure to write
(the disk full, the database file gone, the database down) rolls back and is raised as
:class:`Unavailable`, so the web layer can say plainly that nothing was saved.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask_sqlalchemy.session import Session
from sqlalchemy import select
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.orm import scoped_session

from quiz.store import writers
from quiz.store.db import db
from quiz.store.sqlite import file_replaced, opened_path


class Unavailable(Exception):
    """The database could not be read or written: whatever was asked was not saved."""


@contextmanager
def use_case() -> Iterator[scoped_session[Session]]:
    """Run a use case's writes in one transaction: committed when the block ends,
    rolled back (and the error raised again) when anything in it fails."""
    turn = None
    try:
        turn = _begin_write()
        yield db.session
        db.session.commit()
    except (OperationalError, DisconnectionError) as error:
        rollback()
        raise Unavailable(str(getattr(error, "orig", error))) from error
    except BaseException:
        rollback()
        raise
    finally:
        if turn is not None:
            writers.give_back(turn)


def _begin_write() -> writers.Turn | None:
    """On SQLite, wait for this writer's turn (:mod:`quiz.store.writers`), then take the
    write lock (``BEGIN IMMEDIATE``), unless a transaction is already under way on this
    connection; first check that the database file this connection opened is still the
    one at its path. The turn taken, to give back when the transaction ends."""
    connection = db.session.connection()
    raw = connection.connection.driver_connection
    if not isinstance(raw, sqlite3.Connection):
        return None
    if file_replaced(connection.connection.info):
        connection.invalidate()  # the next request opens the file at the path, if any
        raise Unavailable("the database file was deleted or replaced while in use")
    if raw.in_transaction:
        return None
    path = opened_path(connection.connection.info)
    turn = writers.take(path) if path is not None else None
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except BaseException:
        if turn is not None:
            writers.give_back(turn)
        raise
    return turn


def lock_row(model: Any, row_id: int) -> None:
    """Lock one row for the rest of the transaction (PostgreSQL's row lock; on SQLite
    the transaction already holds the database's write lock)."""
    db.session.execute(select(model.id).where(model.id == row_id).with_for_update())


def rollback() -> None:
    """Forget whatever the failed request left in the session (a connection that cannot
    even roll back is dropped)."""
    try:
        db.session.rollback()
    except (OperationalError, DisconnectionError):
        db.session.close()


def is_unavailable(error: BaseException) -> bool:
    """Whether *error* means the database could not be reached, read or written."""
    return isinstance(error, Unavailable | OperationalError | DisconnectionError)
