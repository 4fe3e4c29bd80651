"""Persistence: the only package that touches the database session.

Each public function of a use-case module (attempts, reviews, users, bulk) is one
transaction, committed by :func:`quiz.store.unit.use_case`; the read modules (student,
gradebook, analysis) never write.
"""

from __future__ import annotations

from flask import Flask

from quiz.store import catalog, migrations, postgres, sqlite
from quiz.store.db import db


def init_app(app: Flask) -> None:
    """Bind the database, its migrations and the catalog to *app*."""
    db.init_app(app)
    migrations.init_app(app)  # Flask-Migrate itself is loaded when a migration runs
    with app.app_context():
        sqlite.configure(db.engine, app.config["SQLITE_SYNCHRONOUS"])
        postgres.configure(db.engine, app.config["POSTGRES_SYNCHRONOUS_COMMIT"])
    catalog.init_app(app)
