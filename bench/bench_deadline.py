"""An exam's deadline (issue 17): a class of 1,000 students, each with an open timed exam,
send their last answer and then "Submit all" in the same few seconds, against the gunicorn
workers of ``make bench`` on SQLite. Counts errors, checks that every acknowledged answer
is stored and scored and every acknowledged submission ended its exam, and reports the
latency of both requests.

Called by ``bench/run.py`` (``make bench``); ``--skip deadline`` leaves it out.
"""

from __future__ import annotations

import random
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

STUDENTS = 1000
CLIENTS = 64  # requests in flight at once, like a lecture hall on the campus network


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def exam_deadline(
    kit: ModuleType, workdir: Path, args: Any, database_url: str | None = None
) -> dict[str, Any]:
    """The scenario on SQLite, or on *database_url* (PostgreSQL)."""
    import requests
    from sqlalchemy import func, insert, select

    from quiz.domain.attempts import Kind, Mode, new_layout
    from quiz.domain.layout import to_json
    from quiz.store import bulk
    from quiz.store.catalog import current as current_catalog
    from quiz.store.db import db
    from quiz.store.models import Attempt, Response

    folder = workdir / ("deadline" if database_url is None else "deadline-postgres")
    folder.mkdir()
    rng = random.Random(args.seed)
    with kit.Server(folder, args.workers, database_url=database_url) as server:
        app = kit.quiz_app(server.database_url)
        started = time.perf_counter()
        with app.app_context():
            ids = bulk.insert_students("exam-", STUDENTS, kit.PASSWORD)
            bank = max(current_catalog().banks.values(), key=lambda b: len(b.questions))
            now = datetime.now(UTC)
            layouts = [to_json(new_layout(bank.questions, rng)) for _ in ids]
            rows = [
                {
                    "user_id": uid,
                    "kind": Kind.TOPIC,
                    "mode": Mode.EXAM,
                    "bank_id": bank.id,
                    "layout": layout,
                    "max_score": len(layout),
                    "score": 0.0,
                    "started_at": now,
                    "time_limit_s": 3600,
                    "deadline_at": now + timedelta(hours=1),
                }
                for uid, layout in zip(ids, layouts, strict=True)
            ]
            attempt_ids = list(
                db.session.execute(
                    insert(Attempt).returning(Attempt.id, sort_by_parameter_order=True), rows
                ).scalars()
            )
            db.session.commit()
            questions = current_catalog().questions
        width = max(4, len(str(STUDENTS)))
        names = [f"exam-{n:0{width}d}" for n in range(1, STUDENTS + 1)]
        last = len(layouts[0])
        form = {}

        def log_in(n: int) -> tuple[requests.Session, str]:
            http = kit.log_in(server.base, names[n])
            page = http.get(f"{server.base}/exams/{attempt_ids[n]}/{last}", timeout=60)
            parser = kit.FormParser()
            parser.feed(page.text)
            return http, parser.csrf

        with ThreadPoolExecutor(8) as pool:
            sessions = list(pool.map(log_in, range(STUDENTS)))
        kit.log(
            f"{STUDENTS} students logged in with an open exam each "
            f"({time.perf_counter() - started:.0f} s)"
        )
        for n, layout in enumerate(layouts):
            entry = layout[-1]
            form[n] = kit.answer_data(questions[entry["question_id"]], entry, right=n % 3 != 0)
        timings: dict[str, list[float]] = {"answer": [], "submit": []}
        errors: list[str] = []
        acknowledged = {"answer": 0, "submit": 0}
        lock = threading.Lock()

        def sit(n: int) -> None:
            http, token = sessions[n]
            for step, path, data in (
                ("answer", f"/exams/{attempt_ids[n]}/{last}", {**form[n], "go": "review"}),
                ("submit", f"/exams/{attempt_ids[n]}/submit", {}),
            ):
                begun = time.perf_counter()
                try:
                    r = http.post(
                        server.base + path,
                        data={"csrf_token": token, **data},
                        allow_redirects=False,
                        timeout=60,
                    )
                except requests.RequestException as error:
                    with lock:
                        errors.append(f"{step}: {error}")
                    return
                spent = 1000 * (time.perf_counter() - begun)
                with lock:
                    timings[step].append(spent)
                    if r.status_code == 302:
                        acknowledged[step] += 1
                    else:
                        errors.append(f"{step}: {r.status_code}")

        begun = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            list(pool.map(sit, range(STUDENTS)))
        window = time.perf_counter() - begun
        with app.app_context():
            stored = db.session.execute(
                select(func.count())
                .select_from(Response)
                .where(Response.attempt_id.in_(attempt_ids))
            ).scalar_one()
            ended = db.session.execute(
                select(func.count())
                .select_from(Attempt)
                .where(Attempt.id.in_(attempt_ids), Attempt.finished_at.is_not(None))
            ).scalar_one()
            scored = db.session.execute(
                select(func.count())
                .select_from(Attempt)
                .where(
                    Attempt.id.in_(attempt_ids),
                    Attempt.score
                    == select(func.coalesce(func.sum(Response.score), 0.0))
                    .where(Response.attempt_id == Attempt.id)
                    .scalar_subquery(),
                )
            ).scalar_one()
            db.engine.dispose()
    result = {
        "database": "SQLite" if database_url is None else "PostgreSQL",
        "students": STUDENTS,
        "clients": CLIENTS,
        "workers": args.workers,
        "seconds": round(window, 1),
        "errors": len(errors),
        "error_examples": errors[:5],
        "answers_acknowledged": acknowledged["answer"],
        "answers_stored": stored,
        "submits_acknowledged": acknowledged["submit"],
        "exams_ended": ended,
        "scores_match_answers": scored,
    }
    for step, values in timings.items():
        result[step] = {
            "p50_ms": round(statistics.median(values), 1) if values else None,
            "p99_ms": round(_percentile(values, 0.99), 1) if values else None,
            "max_ms": round(max(values), 1) if values else None,
        }
    kit.log(
        f"deadline: {STUDENTS} answers + submits in {window:.1f} s, errors {len(errors)}, "
        f"answer p99 {result['answer']['p99_ms']} ms, submit p99 {result['submit']['p99_ms']} ms"
    )
    return result


def markdown(r: dict[str, Any], verdict: Any) -> list[str]:
    worst = max(r["answer"]["p99_ms"] or 0, r["submit"]["p99_ms"] or 0)
    return [
        f"An exam's deadline: {r['students']} students with an open timed exam send their last "
        f"answer, then Submit all, {r['clients']} at a time, against {r['workers']} workers "
        f"({r.get('database', 'SQLite')}), in {r['seconds']} s:",
        "",
        "| measure | measured | target | |",
        "|---|---:|---:|---|",
        f"| errors | {r['errors']} | 0 | {verdict(r['errors'] == 0)} |",
        f"| answers acknowledged / stored | {r['answers_acknowledged']} / {r['answers_stored']} "
        f"| equal | {verdict(r['answers_acknowledged'] == r['answers_stored'])} |",
        f"| submissions acknowledged / exams ended | {r['submits_acknowledged']} / "
        f"{r['exams_ended']} | equal | "
        f"{verdict(r['submits_acknowledged'] == r['exams_ended'])} |",
        f"| exams whose score is the sum of their answers | {r['scores_match_answers']} | "
        f"{r['students']} | {verdict(r['scores_match_answers'] == r['students'])} |",
        f"| answer p50 / p99 | {r['answer']['p50_ms']} / {r['answer']['p99_ms']} ms | | |",
        f"| Submit all p50 / p99 | {r['submit']['p50_ms']} / {r['submit']['p99_ms']} ms | | |",
        f"| slowest p99 | {worst} ms | < 2,000 ms | {verdict(worst < 2000)} |",
        "",
    ]
