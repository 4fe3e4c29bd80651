"""``backup``: a consistent copy of the live SQLite database."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from quiz.store.backup import BackupError, backup_sqlite, database_file


@click.command("backup")
@with_appcontext
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path: Path) -> None:
    """Write a consistent copy of the SQLite database to PATH while the app serves."""
    source = database_file()
    if source is None:
        raise click.ClickException("backup copies SQLite databases; for PostgreSQL use pg_dump")
    if path.resolve() == source.resolve():
        raise click.ClickException("the backup must not overwrite the live database")
    try:
        backup_sqlite(source, path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Backed up {source} to {path}")
