"""Persistence: the only package that touches the database session.

Each public function of a use-case module (attempts, reviews, users, bulk) is one
transaction, committed by :func:`quiz.store.unit.use_case`; the read modules (student,
gradebook, analysis) never write.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Flask
from sqlalchemy import event

from quiz.config import ROOT
from quiz.store import catalog
from quiz.store.db import db, migrate


def init_app(app: Flask) -> None:
    """Bind the database, its migrations and the catalog to *app*."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    with app.app_context():
        _sqlite_settings(db.engine, app.config["SQLITE_SYNCHRONOUS"])
    catalog.init_app(app)


def _sqlite_settings(engine: Any, synchronous: str) -> None:
    """Per connection: WAL, a busy timeout, the chosen durability, foreign keys."""

    @event.listens_for(engine, "connect")
    def configure(dbapi_connection: Any, _record: Any) -> None:
        if not isinstance(dbapi_connection, sqlite3.Connection):
            return
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
