"""``item-analysis`` of a responses export, and ``demo-data``: a synthetic class."""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
from flask.cli import with_appcontext

from quiz.domain import stats
from quiz.domain.demo import DemoAttempt, simulate
from quiz.domain.exports import ITEM_COLUMNS, ExportError, csv_lines, item_line, read_responses
from quiz.store import bulk, catalog

BATCH = 500  # attempts written per transaction


@click.command("item-analysis")
@click.argument("responses", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--attempts",
    "which",
    type=click.Choice(["first", "all"]),
    default="first",
    show_default=True,
    help="Each student's first attempt at each bank, or every attempt in the file.",
)
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
@click.option(
    "--days",
    default=90,
    show_default=True,
    type=click.IntRange(1),
    help="Spread over this many days.",
)
@click.option(
    "--prefix", default="demo", show_default=True, help="User names are PREFIX0001, PREFIX0002, ..."
)
@click.option(
    "--password", default="demo password", show_default=True, help="Every demo student's password."
)
@click.option("--seed", default=1, show_default=True, type=int)
@click.option(
    "--assignments",
    default=0,
    show_default=True,
    type=click.IntRange(0, 1000),
    help="Give the class this many whole-topic assignments; the attempts are taken at them.",
)
@with_appcontext
def demo_data(  # noqa: PLR0913, PLR0917  (one per option)
    students: int,
    attempts: int,
    days: int,
    prefix: str,
    password: str,
    seed: int,
    assignments: int,
) -> None:
    """Add a synthetic class: students with attempts and responses over the banks (and,
    with --assignments, the class's assignments those attempts are taken at)."""
    banks = list(catalog.current().banks.values())
    if not banks:
        raise click.ClickException("no banks are loaded; run check-banks")
    taken = bulk.users_named(prefix)
    if taken:
        raise click.ClickException(
            f"{taken} user(s) named {prefix}... exist already; choose another --prefix"
        )
    user_ids = bulk.insert_students(prefix, students, password)
    start = datetime.now(UTC) - timedelta(days=days)
    given = bulk.insert_assignments(prefix, assignments, [b.id for b in banks], start, days)
    batch: list[DemoAttempt] = []
    written = 0
    with click.progressbar(length=attempts, label="attempts", file=sys.stderr) as bar:
        for attempt in simulate(
            banks, students, attempts, datetime.now(UTC), days, random.Random(seed)
        ):
            batch.append(attempt)
            if len(batch) == BATCH:
                written += bulk.insert_attempts(batch, user_ids, given)
                bar.update(len(batch))
                batch = []
        written += bulk.insert_attempts(batch, user_ids, given)
        bar.update(len(batch))
    click.echo(
        f"Added {students} students ({prefix}0001..., password {password!r}), {attempts} attempts, "
        f"{written} responses."
    )
