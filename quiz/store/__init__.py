"""Persistence: the only package that touches the database session.

Each public function of a use-case module (attempts, reviews, users, bulk) is one
transaction, committed by :func:`quiz.store.unit.use_case`; the read modules (student,
gradebook, analysis) never write.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from quiz.config import ROOT
from quiz.store import catalog, sqlite
from quiz.store.db import db, migrate


def init_app(app: Flask) -> None:
    """Bind the database, its migrations and the catalog to *app*."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    with app.app_context():
        sqlite.configure(db.engine, app.config["SQLITE_SYNCHRONOUS"])
    catalog.init_app(app)


@migrate.configure
def _create_database(config: Any) -> Any:
    """``flask db upgrade`` (and the tests' ``upgrade()``) may create the SQLite file."""
    sqlite.create_if_missing(db.engine)
    return config
