"""Profile one of the benchmarked requests in-process with pyinstrument.

    .venv/bin/python bench/profile_requests.py question       # the question page (GET)
    .venv/bin/python bench/profile_requests.py answer         # the answer submission (POST)
    .venv/bin/python bench/profile_requests.py gradebook --responses 1000000
    .venv/bin/python bench/profile_requests.py items --responses 1000000 --html /tmp/items.html

The request goes through the real app (Flask's test client: session, CSRF, login, view,
template, database) on a fresh SQLite file in a temporary folder. Prints the CPU time a
request takes, the SQL statements it runs, and pyinstrument's call tree; docs/performance.md
says what these profiles showed and what was changed.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from pyinstrument import Profiler
from sqlalchemy import event, func, insert, select

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from flask_migrate import upgrade

from quiz import ROOT, create_app
from quiz.domain.attempts import new_layout
from quiz.domain.layout import to_json
from quiz.store import migrations
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.importing import import_folder
from quiz.store.models import INSTRUCTOR, Attempt, Response, User
from tests.support import answer_data


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("request", choices=["question", "answer", "gradebook", "items"])
    parser.add_argument(
        "--requests", type=int, default=500, help="question/answer: how many to profile"
    )
    parser.add_argument(
        "--responses", type=int, default=100_000, help="gradebook/items: stored responses"
    )
    parser.add_argument(
        "--plain", action="store_true", help="time the requests without the profiler (no tree)"
    )
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML report here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="quiz-profile-") as tmp:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'profile.sqlite'}",
                "SECRET_KEY": "profile",
                "RATELIMIT_ENABLED": False,
            }
        )
        statements = [0]
        with app.app_context():
            migrations.ready(app)
            upgrade(directory=str(ROOT / "migrations"))
            import_folder(ROOT / "questions", datetime.now(UTC))
            event.listen(
                db.engine,
                "before_cursor_execute",
                lambda *_: statements.__setitem__(0, statements[0] + 1),
            )
            role = INSTRUCTOR if args.request in ("gradebook", "items") else "student"
            user = User(username="profiler", role=role, password_hash="!")
            db.session.add(user)
            db.session.commit()
            user_id, session_id = user.id, user.get_id()
            catalog = current_catalog()
            if role == INSTRUCTOR:
                attempts = max(1, round(args.responses / 26.5))
                app.test_cli_runner().invoke(
                    args=[
                        "demo-data",
                        "--students",
                        str(max(1, attempts // 20)),
                        "--attempts",
                        str(attempts),
                    ]
                )
                bank_id = db.session.execute(
                    select(Response.bank_id)
                    .group_by(Response.bank_id)
                    .order_by(func.count().desc())
                    .limit(1)
                ).scalar_one()
                stored = db.session.execute(select(func.count()).select_from(Response)).scalar_one()
                targets = [
                    (
                        "GET",
                        "/instructor/gradebook"
                        if args.request == "gradebook"
                        else f"/instructor/banks/{bank_id}/items",
                        None,
                    )
                ] * 10
                print(f"{stored:,} stored responses")
            else:
                rng = random.Random(1)
                banks = list(catalog.banks.values())
                rows = [
                    {
                        "user_id": user_id,
                        "bank_id": b.id,
                        "layout": to_json(new_layout(b.questions, rng)),
                        "max_score": len(b.questions),
                    }
                    for _ in range(args.requests // 20 + 2)
                    for b in banks
                ]
                ids = (
                    db.session.execute(
                        insert(Attempt).returning(Attempt.id, sort_by_parameter_order=True), rows
                    )
                    .scalars()
                    .all()
                )
                db.session.commit()
                targets = [
                    ("GET" if args.request == "question" else "POST", f"/attempts/{i}/{p}", entry)
                    for i, row in zip(ids, rows, strict=False)
                    for p, entry in enumerate(row["layout"], 1)
                ][: args.requests + 1]

        client = app.test_client()
        # Logged in as login_user() leaves a session: with the identifier of this client's
        # address and browser, or Flask-Login marks the session non-fresh (a write, and a new
        # cookie) on every request, which a real student's browser never causes.
        with app.test_request_context(environ_base=client.environ_base):
            identifier = app.login_manager._session_identifier_generator()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = session_id, True
            session["_id"] = identifier
        token = ""
        if args.request == "answer":  # the CSRF token a page gives; the first target is spent on it
            html = client.get(targets[0][1]).get_data(as_text=True)
            token = re.search(
                r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"',
                html,
            )
            token = next(g for g in token.groups() if g) if token else ""
        targets = targets[1:] if args.request in ("question", "answer") else targets
        expect = 302 if args.request == "answer" else 200
        client.open(targets[0][1], method="GET")  # warm caches outside the profile

        def send(method: str, path: str, entry: dict | None) -> None:
            data = None
            if method == "POST":
                data = {
                    "csrf_token": token,
                    **answer_data(catalog.questions[entry["question_id"]], entry),
                }
            response = client.open(path, method=method, data=data)
            if response.status_code != expect:
                raise RuntimeError(f"{method} {path}: {response.status_code}")

        statements[0] = 0
        profiler = Profiler(interval=0.0005)
        cpu = time.process_time()
        if not args.plain:
            profiler.start()
        for method, path, entry in targets:
            send(method, path, entry)
        if not args.plain:
            profiler.stop()
        cpu = time.process_time() - cpu
        print(
            f"{args.request}: {len(targets)} requests, {1000 * cpu / len(targets):.2f} ms CPU and "
            f"{statements[0] / len(targets):.1f} SQL statements a request "
            + ("" if args.plain else " (profiler overhead included)")
        )
        if not args.plain:
            print(profiler.output_text(unicode=True, color=False))
        if args.html and not args.plain:
            args.html.write_text(profiler.output_html())
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
