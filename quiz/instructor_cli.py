"""Instructor commands: ``flask --app quiz item-analysis FILE.csv`` and ``demo-data``."""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import click
from flask.cli import with_appcontext
from sqlalchemy import func, insert, select
from werkzeug.security import generate_password_hash

from quiz import stats
from quiz.catalog import current_catalog
from quiz.demo import DemoAttempt, simulate
from quiz.exports import ITEM_COLUMNS, ExportError, csv_lines, item_line, read_responses
from quiz.extensions import db
from quiz.models import STUDENT, Attempt, Response, User

BATCH = 500  # attempts written per transaction


@click.command("item-analysis")
@click.argument("responses", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--attempts", "which", type=click.Choice(["first", "all"]), default="first", show_default=True,
              help="Each student's first attempt at each bank, or every attempt in the file.")
@click.option("--bank", default=None, help="Only this bank (default: every bank in the file).")
def item_analysis(responses: Path, which: str, bank: str | None) -> None:
    """Print the item analysis CSV of a responses export (one bank after another)."""
    try:
        with responses.open(newline="", encoding="utf-8") as handle:
            rows = read_responses(handle)
    except ExportError as exc:
        raise click.ClickException(f"{responses}: {exc}") from None
    if bank is not None:
        rows = [r for r in rows if r.bank == bank]
    if which == "first":
        rows = stats.first_attempts(rows)
    lines = []
    for bank_id in sorted({r.bank for r in rows}):
        scored = [(r.attempt_id, r.question_id, r.score) for r in rows if r.bank == bank_id]
        lines += [item_line(item) for item in stats.item_analysis(scored)]
    for line in csv_lines(ITEM_COLUMNS, lines):
        click.echo(line, nl=False)


@click.command("demo-data")
@click.option("--students", default=1000, show_default=True, type=click.IntRange(1))
@click.option("--attempts", default=20000, show_default=True, type=click.IntRange(0))
@click.option("--days", default=90, show_default=True, type=click.IntRange(1), help="Spread over this many days.")
@click.option("--prefix", default="demo", show_default=True, help="User names are PREFIX0001, PREFIX0002, ...")
@click.option("--password", default="demo password", show_default=True, help="Every demo student's password.")
@click.option("--seed", default=1, show_default=True, type=int)
@with_appcontext
def demo_data(students: int, attempts: int, days: int, prefix: str, password: str, seed: int) -> None:
    """Add a synthetic class: students with attempts and responses over the banks."""
    banks = list(current_catalog().banks.values())
    if not banks:
        raise click.ClickException("no banks are loaded; run check-banks")
    taken = db.session.execute(select(func.count()).select_from(User).where(User.username.startswith(prefix, autoescape=True))).scalar_one()
    if taken:
        raise click.ClickException(f"{taken} user(s) named {prefix}... exist already; choose another --prefix")
    user_ids = _insert_students(prefix, students, password)
    batch: list[DemoAttempt] = []
    written = 0
    with click.progressbar(length=attempts, label="attempts", file=sys.stderr) as bar:
        for attempt in simulate(banks, students, attempts, datetime.now(timezone.utc), days, random.Random(seed)):
            batch.append(attempt)
            if len(batch) == BATCH:
                written += _insert_attempts(batch, user_ids)
                bar.update(len(batch))
                batch = []
        written += _insert_attempts(batch, user_ids)
        bar.update(len(batch))
    click.echo(f"Added {students} students ({prefix}0001..., password {password!r}), {attempts} attempts, "
               f"{written} responses.")


def _insert_students(prefix: str, students: int, password: str) -> list[int]:
    digest = generate_password_hash(password)  # hashing once: a hash per student would take minutes
    width = max(4, len(str(students)))
    rows = [{"username": f"{prefix}{n:0{width}d}", "password_hash": digest, "role": STUDENT,
             "created_at": datetime.now(timezone.utc)} for n in range(1, students + 1)]
    ids = list(db.session.execute(insert(User).returning(User.id, sort_by_parameter_order=True), rows).scalars())
    db.session.commit()
    return ids


def _insert_attempts(batch: Sequence[DemoAttempt], user_ids: Sequence[int]) -> int:
    if not batch:
        return 0
    rows = [{"user_id": user_ids[a.student], "bank_id": a.bank_id, "mode": a.mode, "layout": a.layout,
             "started_at": a.started_at, "finished_at": a.finished_at, "score": a.score, "max_score": a.max_score}
            for a in batch]
    ids = list(db.session.execute(insert(Attempt).returning(Attempt.id, sort_by_parameter_order=True), rows).scalars())
    responses: list[dict[str, Any]] = [{**r, "attempt_id": attempt_id, "user_id": user_ids[a.student]}
                                       for a, attempt_id in zip(batch, ids) for r in a.responses]
    if responses:
        db.session.execute(insert(Response), responses)
    db.session.commit()
    return len(responses)
