"""How fast the instructor pages answer on a large synthetic class.

    .venv/bin/python bench/bench_instructor.py                      # SQLite in instance/bench.sqlite
    .venv/bin/python bench/bench_instructor.py --url postgresql+psycopg://...   # or any database URL

The first run fills the database with ``flask demo-data`` (1,000 students, 20,000
attempts, about half a million responses: a few minutes); later runs reuse it. Each page
is requested once to warm up, then --repeat times through Flask's test client as a logged
-in instructor (the full request: queries, statistics, template). Prints a Markdown table
of the median and slowest times; docs/instructor.md keeps the measured numbers.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quiz import create_app
from quiz.store import migrations
from quiz.store.analysis import analysed_responses
from quiz.store.db import db
from quiz.store.gradebook import gradebook
from quiz.store.importing import import_folder
from quiz.store.models import INSTRUCTOR, Attempt, Course, CourseInstructor, Response, User


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default=f"sqlite:///{ROOT / 'instance' / 'bench.sqlite'}")
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--attempts", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    app = create_app({"SQLALCHEMY_DATABASE_URI": args.url, "SECRET_KEY": "bench", "TESTING": True})
    with app.app_context():
        migrations.ready(app)
        upgrade(directory=str(ROOT / "migrations"))
        import_folder(ROOT / "questions", datetime.now(UTC))
        if not db.session.execute(select(func.count()).select_from(Attempt)).scalar_one():
            started = time.perf_counter()
            result = app.test_cli_runner().invoke(
                args=[
                    "demo-data",
                    "--students",
                    str(args.students),
                    "--attempts",
                    str(args.attempts),
                ]
            )
            print(
                result.output.strip(), f"({time.perf_counter() - started:.0f} s)", file=sys.stderr
            )
        counts = {
            m.__name__: db.session.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (User, Attempt, Response)
        }
        biggest = db.session.execute(
            select(Response.bank_id)
            .group_by(Response.bank_id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
        instructor_id = _instructor()

    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(instructor_id), True

    def page(url: str) -> Callable[[], None]:
        def get() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            response.get_data()  # a CSV streams: read it all

        return get

    def in_app(function: Callable[[], object]) -> Callable[[], None]:
        def call() -> None:
            with app.app_context():
                function()

        return call

    cases = [
        ("gradebook page", page("/instructor/gradebook")),
        (
            "gradebook page, sorted by a bank's mean, descending",
            page(f"/instructor/gradebook?sort={biggest}:mean&dir=desc"),
        ),
        (
            "gradebook page, date range and search",
            page("/instructor/gradebook?q=demo00&start=2000-01-01&end=2100-01-01"),
        ),
        ("gradebook query alone", in_app(lambda: gradebook(datetime.now(UTC)))),
        ("gradebook CSV (all students)", page("/instructor/gradebook.csv")),
        (
            f"item analysis page ({biggest}, first attempts)",
            page(f"/instructor/banks/{biggest}/items"),
        ),
        (
            f"item analysis page ({biggest}, all attempts)",
            page(f"/instructor/banks/{biggest}/items?attempts=all"),
        ),
        (
            f"item analysis CSV ({biggest}, first attempts)",
            page(f"/instructor/banks/{biggest}/items.csv"),
        ),
        (
            "item analysis rows query alone (first attempts)",
            in_app(lambda: analysed_responses(biggest, datetime.now(UTC), "first")),
        ),
        (f"bank scores page ({biggest})", page(f"/instructor/banks/{biggest}")),
        ("passages page", page("/instructor/passages")),
        ("overview page", page("/instructor/")),
    ]
    print(
        f"Database: {app.config['SQLALCHEMY_DATABASE_URI'].split('@')[-1]}; "
        f"{counts['User']} users, {counts['Attempt']} attempts, {counts['Response']} responses; "
        f"{args.repeat} timed runs after one warm-up.\n"
    )
    print("| request | median (ms) | slowest (ms) |\n|---|---:|---:|")
    for label, run in cases:
        run()
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            run()
            times.append(1000 * (time.perf_counter() - started))
        print(f"| {label} | {statistics.median(times):.0f} | {max(times):.0f} |", flush=True)


def _instructor() -> int:
    user = db.session.execute(
        select(User).where(User.username == "bench-instructor")
    ).scalar_one_or_none()
    if user is None:
        user = User(username="bench-instructor", role=INSTRUCTOR, password_hash="!")
        db.session.add(user)
        db.session.flush()
    # An instructor sees the students of the classes they teach: this one teaches them all.
    taught = select(CourseInstructor.course_id).where(CourseInstructor.user_id == user.id)
    for course_id in db.session.execute(
        select(Course.id).where(Course.id.not_in(taught))
    ).scalars():
        db.session.add(CourseInstructor(course_id=course_id, user_id=user.id))
    db.session.commit()
    return user.id


if __name__ == "__main__":
    main()
