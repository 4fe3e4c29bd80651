"""The schema's migrations: Alembic through Flask-Migrate, set up only when something
needs them.

Flask-Migrate imports Alembic and Mako, a tenth of a second that no served request uses, so
the app does not load it at start-up (docs/performance.md). ``flask db ...`` finds a
``db`` command group that loads Flask-Migrate's own on first use; a test or a benchmark that
upgrades a database in-process calls :func:`ready` first.
"""

from __future__ import annotations

from typing import Any

import click
from flask import Flask, current_app, g
from flask.cli import with_appcontext

from quiz.config import ROOT
from quiz.store import sqlite
from quiz.store.db import db

DIRECTORY = str(ROOT / "migrations")


def ready(app: Flask) -> None:
    """Set up Flask-Migrate on *app* (once): its ``upgrade()`` and the ``flask db`` commands
    then work."""
    if "migrate" in app.extensions:
        return
    from flask_migrate import Migrate

    migrate = Migrate(app, db, directory=DIRECTORY, command="db")
    migrate.configure(_create_database)


def _create_database(config: Any) -> Any:
    """``flask db upgrade`` (and the tests' ``upgrade()``) may create the SQLite file."""
    sqlite.create_if_missing(db.engine)
    return config


class _Commands(click.Group):
    """Flask-Migrate's commands, loaded when the group is used."""

    @staticmethod
    def _loaded() -> click.Group:
        ready(current_app)
        from flask_migrate.cli import db as commands

        return commands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self._loaded().list_commands(ctx))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._loaded().get_command(ctx, cmd_name)


@click.group("db", cls=_Commands)
@click.option("-d", "--directory", default=None, help="The migrations folder (default: ours).")
@click.option("-x", "--x-arg", multiple=True, help="Arguments for the migrations' env.py.")
@with_appcontext
def commands(directory: str | None, x_arg: tuple[str, ...]) -> None:
    """Perform database migrations (Flask-Migrate's ``db`` commands)."""
    g.directory, g.x_arg = directory, x_arg  # where Flask-Migrate's commands read them


def init_app(app: Flask) -> None:
    app.cli.add_command(commands)
