"""Per-connection SQLite settings: WAL, a busy timeout, and the chosen durability."""

from __future__ import annotations

import sqlite3

from flask import Flask
from sqlalchemy import event

from quiz.extensions import db

SYNCHRONOUS = {"OFF", "NORMAL", "FULL", "EXTRA"}


def init_app(app: Flask) -> None:
    synchronous = str(app.config["SQLITE_SYNCHRONOUS"]).upper()
    if synchronous not in SYNCHRONOUS:
        raise ValueError(f"SQLITE_SYNCHRONOUS must be one of {sorted(SYNCHRONOUS)}")
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
        if not isinstance(dbapi_connection, sqlite3.Connection):
            return
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
