"""``banks import`` and ``banks export``: the database's content to and from bank files."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from quiz.domain.documents import SourcesIndexError
from quiz.store.exporting import export_folder
from quiz.store.importing import ImportRefused, import_folder


@click.group("banks")
def banks() -> None:
    """Move question banks and documents between files and the database."""


@banks.command("import")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def import_command(folder: Path | None) -> None:
    """Import FOLDER (default: the shipped questions/): new content is added, changed content
    gets a new version, content gone from the files is retired. Refused whole on any error."""
    folder = folder or Path(current_app.config["QUESTIONS_DIR"])
    try:
        report = import_folder(folder, datetime.now(UTC))
    except ImportRefused as refused:
        for error in refused.errors:
            click.echo(error, err=True)
        raise click.ClickException(
            f"{folder}: nothing was imported ({len(refused.errors)} error(s))"
        ) from None
    except SourcesIndexError as exc:
        raise click.ClickException(f"{exc}; nothing was imported") from None
    click.echo(f"Imported {folder}: {report}")


@banks.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def export_command(folder: Path) -> None:
    """Write every bank and document to FOLDER in the bank file format."""
    report = export_folder(folder)
    click.echo(
        f"Exported {report.banks} bank(s), {report.questions} question(s), {report.documents} document(s)"
    )
