"""Command-line tools: ``flask --app quiz check-banks | bank-report | create-instructor``."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from flask import Flask, current_app
from sqlalchemy import func, select

from quiz.banks import coverage, load_banks
from quiz.documents import load_library
from quiz.extensions import db
from quiz.instructor_cli import demo_data, item_analysis
from quiz.models import INSTRUCTOR, User
from quiz.passwords import password_problem


def init_app(app: Flask) -> None:
    for command in (check_banks, bank_report, create_instructor, item_analysis, demo_data):
        app.cli.add_command(command)


def _questions_dir() -> Path:
    return Path(current_app.config["QUESTIONS_DIR"])


@click.command("check-banks")
@with_appcontext
def check_banks() -> None:
    """Check every bank against its documents; exit 1 if any bank has an error."""
    result = load_banks(_questions_dir())
    for error in result.errors:
        click.echo(str(error), err=True)
    total = sum(len(b.questions) for b in result.banks)
    click.echo(f"{len(result.banks)} bank(s) loaded, {total} question(s), {len(result.errors)} error(s)")
    if result.errors:
        raise SystemExit(1)


@click.command("bank-report")
@with_appcontext
def bank_report() -> None:
    """Per document: how many questions cite it and which paragraphs none cites."""
    folder = _questions_dir()
    library = load_library(folder / "sources")
    result = load_banks(folder, library)
    for doc in coverage(result.banks, library):
        click.echo(f"{doc.document}: {doc.title}")
        click.echo(f"  cited by {doc.questions} question(s); {doc.paragraphs - len(doc.uncited)} of {doc.paragraphs} paragraphs cited")
        for number, text in doc.uncited:
            short = text if len(text) <= 90 else text[:87] + "..."
            click.echo(f"  uncited paragraph {number}: {short}")
    if result.errors:
        click.echo(f"({len(result.errors)} error(s) in the banks: run check-banks)", err=True)


@click.command("create-instructor")
@with_appcontext
@click.argument("username")
@click.password_option(help="The password (asked for when not given).")
def create_instructor(username: str, password: str) -> None:
    """Create an instructor account, or promote an existing user to instructor."""
    username = username.strip().lower()
    user = db.session.execute(select(User).where(func.lower(User.username) == username)).scalar_one_or_none()
    problem = password_problem(password, username)
    if problem:
        raise click.ClickException(problem)
    if user is None:
        user = User(username=username, role=INSTRUCTOR)
        db.session.add(user)
    user.role = INSTRUCTOR
    user.set_password(password)
    db.session.commit()
    click.echo(f"Instructor {username!r} is ready.")
