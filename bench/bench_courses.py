"""A class at scale (issue 13): 500 students, 20 assignments, about 1,000,000 responses
taken at those assignments. Times the class gradebook and the item analysis of the
assignment with the most responses, through HTTP and as the store and domain alone, beside
the whole-app gradebook on the same database (today's page, the baseline of the same run).

Called by ``bench/run.py`` (``make bench``); ``--skip courses`` leaves it out.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

STUDENTS = 500
ASSIGNMENTS = 20
RESPONSES = 1_000_000
RESPONSES_PER_ATTEMPT = 23.0  # demo-data over the shipped banks (about 141 questions, 6 banks)


def course_scale(kit: ModuleType, workdir: Path, workers: int, repeat: int) -> dict[str, Any]:
    """Build the class with ``flask demo-data --assignments`` and time its pages."""
    from sqlalchemy import func, select

    from quiz.domain import classbook
    from quiz.store import classbook as reads
    from quiz.store.db import db
    from quiz.store.models import Attempt, Course, Response

    folder = workdir / "courses"
    folder.mkdir()
    with kit.Server(folder, workers) as server:
        app = kit.quiz_app(server.db)
        kit.add_user(app, "bench-teacher", role="instructor")  # teaches the demo class
        started = time.perf_counter()
        attempts = round(RESPONSES / RESPONSES_PER_ATTEMPT)
        subprocess.run(
            [
                str(kit.BIN / "flask"),
                "--app",
                "quiz",
                "demo-data",
                "--students",
                str(STUDENTS),
                "--attempts",
                str(attempts),
                "--assignments",
                str(ASSIGNMENTS),
                "--prefix",
                "course-",
            ],
            env={**server.env},
            cwd=folder,
            check=True,
            capture_output=True,
        )
        generated = time.perf_counter() - started
        with app.app_context():
            responses = db.session.execute(select(func.count()).select_from(Response)).scalar_one()
            course_id = db.session.execute(select(Course.id)).scalars().all()[-1]
            busiest = db.session.execute(
                select(Attempt.assignment_id)
                .where(Attempt.assignment_id.is_not(None))
                .group_by(Attempt.assignment_id)
                .order_by(func.count().desc())
                .limit(1)
            ).scalar_one()
        kit.log(f"class of {STUDENTS}: {responses:,} responses made in {generated:.0f} s")
        http = kit.log_in(server.base, "bench-teacher")

        def page(path: str) -> Callable[[], None]:
            def get() -> None:
                r = http.get(server.base + path, timeout=120)
                if r.status_code != 200:
                    raise RuntimeError(f"{path} answered {r.status_code}")

            return get

        def facts_and_rows() -> None:
            with app.app_context():
                moment = datetime.now(UTC)
                classbook.rows(reads.facts(course_id, moment), moment, 50.0)

        cases = {
            "class_gradebook_http": page(f"/instructor/classes/{course_id}/gradebook"),
            "assignment_items_http": page(f"/instructor/assignments/{busiest}/items"),
            "class_gradebook_xlsx_http": page(f"/instructor/classes/{course_id}/gradebook.xlsx"),
            "class_gradebook_alone": facts_and_rows,
            "app_gradebook_http": page("/instructor/gradebook"),  # today's page: the baseline
        }
        row: dict[str, Any] = {
            "students": STUDENTS,
            "assignments": ASSIGNMENTS,
            "responses": responses,
            "generate_s": round(generated, 1),
        }
        for name, case in cases.items():
            row[name] = kit.timed(case, repeat, warmup=2 * workers if "http" in name else 1)
            kit.log(f"  {name:26s} median {row[name]['median_ms']:8.1f} ms")
        with app.app_context():
            db.engine.dispose()
    return row


def markdown(row: dict[str, Any], verdict: Callable[[bool], str]) -> list[str]:
    labels = {
        "class_gradebook_http": "class gradebook page",
        "assignment_items_http": "assignment item analysis page",
        "class_gradebook_xlsx_http": "class gradebook as XLSX",
        "class_gradebook_alone": "class gradebook, store and domain alone",
        "app_gradebook_http": "whole-app gradebook page (today's, same database)",
    }
    lines = [
        f"A class of {row['students']} students with {row['assignments']} assignments and "
        f"{row['responses']:,} responses (median of sequential requests after a warm-up):",
        "",
        "| page | median | slowest | target | |",
        "|---|---:|---:|---:|---|",
    ]
    for key, label in labels.items():
        m = row[key]
        target = key in ("class_gradebook_http", "assignment_items_http")
        lines.append(
            f"| {label} | {m['median_ms']:.0f} ms | {m['max_ms']:.0f} ms | "
            + (f"< 300 ms | {verdict(m['median_ms'] < 300)} |" if target else "| |")
        )
    base = row["app_gradebook_http"]["median_ms"]
    ratio = row["class_gradebook_http"]["median_ms"] / base if base else None
    if ratio is not None:
        lines.append(f"| class gradebook ÷ today's gradebook | {ratio:.2f}× | | | |")
    return [*lines, ""]
