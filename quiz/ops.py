"""Operations commands: ``flask --app quiz backup PATH``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask import Flask
from sqlalchemy.engine import make_url

from quiz.extensions import db


def init_app(app: Flask) -> None:
    app.cli.add_command(backup)


def sqlite_path(uri: str) -> Path | None:
    """The file behind a SQLite database URL, or None for another database."""
    url = make_url(uri)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def backup_sqlite(source: Path, target: Path, pages_per_step: int = 1024) -> None:
    """Copy a live SQLite database consistently with SQLite's online backup API.

    Writers may go on meanwhile: the copy is a snapshot as of the end of the backup.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst, pages=pages_per_step, sleep=0.005)
        check = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise click.ClickException(f"the copy failed its integrity check: {check}")
        dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        dst.close()
        src.close()
    tmp.replace(target)


@click.command("backup")
@with_appcontext
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path: Path) -> None:
    """Write a consistent copy of the SQLite database to PATH while the app serves."""
    source = sqlite_path(str(db.engine.url))
    if source is None:
        raise click.ClickException("backup copies SQLite databases; for PostgreSQL use pg_dump")
    if path.resolve() == source.resolve():
        raise click.ClickException("the backup must not overwrite the live database")
    backup_sqlite(source, path)
    click.echo(f"Backed up {source} to {path}")
