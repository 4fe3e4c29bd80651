"""``check-banks`` and ``bank-report``: the banks against their documents, from a shell."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from quiz.domain.banks import coverage, load_banks
from quiz.domain.documents import load_library
from quiz.domain.lint import lint


def _questions_dir() -> Path:
    return Path(current_app.config["QUESTIONS_DIR"])


@click.command("check-banks")
@with_appcontext
def check_banks() -> None:
    """Check every bank against its documents and lint it; exit 1 if any bank has an error
    (lint warnings are reported, not fatal)."""
    result = load_banks(_questions_dir())
    for error in result.errors:
        click.echo(str(error), err=True)
    warnings = lint(result.banks)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    total = sum(len(b.questions) for b in result.banks)
    click.echo(
        f"{len(result.banks)} bank(s) loaded, {total} question(s), {len(result.errors)} error(s), "
        f"{len(warnings)} warning(s)"
    )
    if result.errors:
        raise SystemExit(1)


@click.command("bank-report")
@click.option(
    "--before",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="An earlier edition of the banks (a folder of bank files): each document's "
    "paragraphs cited then are shown beside those cited now.",
)
@with_appcontext
def bank_report(before: Path | None) -> None:
    """Per document: how many questions cite it and which paragraphs none cites."""
    folder = _questions_dir()
    library = load_library(folder / "sources")
    result = load_banks(folder, library)
    earlier = {}
    if before is not None:  # checked against today's documents
        earlier = {d.document: d for d in coverage(load_banks(before, library).banks, library)}
    for doc in coverage(result.banks, library):
        click.echo(f"{doc.document}: {doc.title}")
        click.echo(
            f"  cited by {doc.questions} question(s); {doc.cited} of {doc.paragraphs} paragraphs cited"
        )
        if before is not None:
            then = earlier.get(doc.document)
            click.echo(
                f"  before ({before}): cited by {then.questions if then else 0} question(s); "
                f"{then.cited if then else 0} of {doc.paragraphs} paragraphs cited"
            )
        for number, text in doc.uncited:
            short = text if len(text) <= 90 else text[:87] + "..."
            click.echo(f"  uncited paragraph {number}: {short}")
    counts = Counter(w.code for w in lint(result.banks))
    summary = ", ".join(f"{n} {code}" for code, n in sorted(counts.items())) or "no warnings"
    click.echo(f"Lint (check-banks lists each): {summary}")
    if result.errors:
        click.echo(f"({len(result.errors)} error(s) in the banks: run check-banks)", err=True)
