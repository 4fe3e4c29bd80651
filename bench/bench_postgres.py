"""PostgreSQL (issue 17), each on a fresh database of the local server ``.ci/postgres.sh``
sets up:

1. **The write tail**: an answer's p50 and p99 at 4 and at 32 connections, one gunicorn
   server (row locks; no writers' queue, which is SQLite's).
2. **An exam's deadline**: :mod:`bench_deadline`'s scenario on PostgreSQL.
3. **Two app servers** on one database, their rate limits counted in one Redis: the answer
   load on one server, then split across both (alternating rounds, the same total
   connections); every acknowledged answer stored; every attempt's score the sum of its
   answers' and every answer's score its grade again (one truth, whichever server took
   it); failed log-ins to one account refused after the same count whichever server
   they reach.

Called by ``bench/run.py`` (``make bench``); ``--skip postgres`` leaves it out.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = (4, 32)
ROUNDS = 3


def _server_url() -> str:
    out = subprocess.run(
        ["bash", str(ROOT / ".ci" / "postgres.sh")], capture_output=True, text=True, check=True
    )
    return out.stdout.strip().splitlines()[-1]


def fresh_database(server_url: str, name: str) -> str:
    """An empty database *name* on the server of *server_url*; its URL."""
    from sqlalchemy import create_engine, text

    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + "/" + name


def _percentiles(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "rps": round(statistics.median(m["rps"] for m in runs), 1),
        "p50_ms": round(statistics.median(m["p50_ms"] for m in runs), 2),
        "p99_ms": round(statistics.median(m["p99_ms"] for m in runs), 2),
        "bad": sum(m["bad"] for m in runs),
    }


# What was tried against the tail: commits that wait for the disk (PostgreSQL's default),
# and commits that return before that flush, as SQLite's synchronous=NORMAL does: the app's
# default since (QUIZ_POSTGRES_SYNCHRONOUS_COMMIT, docs/performance.md)
VARIANTS = {
    "synchronous_commit off (the app's default)": {},
    "synchronous_commit on (waits for the disk)": {"QUIZ_POSTGRES_SYNCHRONOUS_COMMIT": "on"},
}


def write_tail(kit: ModuleType, workdir: Path, args: Any, server_url: str) -> dict[str, Any]:
    seconds = max(3, args.seconds // 2)
    per_round = 450 * seconds
    found: dict[str, dict[int, list[dict[str, Any]]]] = {
        v: {c: [] for c in CONNECTIONS} for v in VARIANTS
    }
    with ExitStack() as stack:
        servers, answers = {}, {}
        for n, (variant, env) in enumerate(VARIANTS.items()):
            folder = workdir / f"pg-writes-{n}"
            folder.mkdir()
            url = fresh_database(server_url, f"quiz_bench_writes_{n}")
            servers[variant] = stack.enter_context(
                kit.Server(folder, args.workers, env=env, database_url=url)
            )
            needed = per_round * len(CONNECTIONS) * ROUNDS + 500
            answers[variant] = kit.QuizRequests(servers[variant], 64, needed, args.seed + 10 + n)
            path = kit.write_requests(folder / "warm.txt", answers[variant].take_posts(400))
            kit.wrk(servers[variant].base, path, 302, 2, 8, min(args.threads, 8))
        for r in range(ROUNDS):
            for connections in CONNECTIONS:
                for variant, quiz in answers.items():
                    folder = servers[variant].workdir
                    path = kit.write_requests(
                        folder / f"a-{r}-{connections}.txt", quiz.take_posts(per_round)
                    )
                    threads = min(args.threads, connections)
                    m = kit.wrk(servers[variant].base, path, 302, seconds, connections, threads)
                    found[variant][connections].append(m)
                    kit.log(
                        f"postgres round {r + 1} {variant:44s} {connections:2d} connections "
                        f"{m['rps']:7.1f} answers/s  p50 {m['p50_ms']:6.1f} ms  "
                        f"p99 {m['p99_ms']:6.1f} ms  bad {m['bad']}"
                    )
    return {
        variant: {str(c): _percentiles(runs) for c, runs in by_connections.items()}
        for variant, by_connections in found.items()
    }


class Redis:
    """A throw-away redis-server on a free port (no persistence)."""

    def __init__(self, kit: ModuleType, folder: Path) -> None:
        from loadtest import free_port

        self.port, self.folder = free_port(), folder
        self.url = f"redis://127.0.0.1:{self.port}"

    def __enter__(self) -> Redis:
        command = ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, cwd=self.folder, stdout=subprocess.DEVNULL)
        import redis

        for _ in range(100):
            try:
                redis.Redis(port=self.port).ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _stored(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM response")).scalar_one()
    engine.dispose()
    return int(count)


def consistency(kit: ModuleType, url: str) -> dict[str, int]:
    """Attempts whose score or answer count differs from their answers'; answers whose
    stored score is not the grade of their stored answer now."""
    from sqlalchemy import func, select

    from quiz.domain.grading import grade
    from quiz.store.catalog import current as current_catalog
    from quiz.store.db import db
    from quiz.store.models import Attempt, Response

    app = kit.quiz_app(url)
    with app.app_context():
        sums = (
            select(
                Response.attempt_id, func.sum(Response.score).label("s"), func.count().label("n")
            )
            .group_by(Response.attempt_id)
            .subquery()
        )
        rows = db.session.execute(
            select(Attempt.score, Attempt.answered, sums.c.s, sums.c.n).join(
                sums, sums.c.attempt_id == Attempt.id
            )
        ).all()
        wrong_sums = sum(
            1 for score, answered, s, n in rows if abs(score - s) > 1e-9 or answered != n
        )
        questions = current_catalog().questions
        regraded = 0
        answers = db.session.execute(select(Response.question_id, Response.answer, Response.score))
        checked = 0
        for question_id, answer, score in answers:
            checked += 1
            if abs(grade(questions[question_id], answer).score - score) > 1e-9:
                regraded += 1
        db.engine.dispose()
    return {
        "attempts": len(rows),
        "attempts_off": wrong_sums,
        "answers": checked,
        "answers_off": regraded,
    }


def _failed_logins(kit: ModuleType, bases: list[str], account: str, tries: int) -> list[int]:
    """Statuses of *tries* wrong-password log-ins to *account*, taking turns over *bases*."""
    import requests

    statuses = []
    for n in range(tries):
        http = requests.Session()
        base = bases[n % len(bases)]
        form = kit.FormParser()
        form.feed(http.get(base + "/login", timeout=30).text)
        r = http.post(
            base + "/login",
            data={"csrf_token": form.csrf, "username": account, "password": "not the password"},
            allow_redirects=False,
            timeout=30,
        )
        statuses.append(r.status_code)
    return statuses


def two_servers(kit: ModuleType, workdir: Path, args: Any, url: str) -> dict[str, Any]:
    """One server, then two sharing the load, on one database and one rate-limit store."""
    seconds = max(3, args.seconds // 2)
    per_round = 500 * seconds
    connections = args.connections
    rounds: dict[str, list[dict[str, Any]]] = {"one server": [], "two servers": []}
    acknowledged = 0
    with ExitStack() as stack:
        folder = workdir / "pg-two"
        folder.mkdir()
        redis = stack.enter_context(Redis(kit, folder))
        env = {"QUIZ_RATELIMIT_ENABLED": "true", "QUIZ_RATELIMIT_STORAGE_URI": redis.url}
        half = max(1, args.workers // 2)  # the same workers in all, on one machine's cores
        alone = stack.enter_context(kit.Server(folder, args.workers, env=env, database_url=url))
        first = stack.enter_context(
            kit.Server(folder, half, env=env, database_url=url, migrate=False)
        )
        second = stack.enter_context(
            kit.Server(folder, half, env=env, database_url=url, migrate=False)
        )
        quiz = kit.QuizRequests(first, 64, per_round * 2 * ROUNDS + 800, args.seed + 20)
        path = kit.write_requests(folder / "warm.txt", quiz.take_posts(400))
        for server in (alone, first, second):
            kit.wrk(server.base, path, 302, 1, 8, min(args.threads, 8))
        before = _stored(url)
        for r in range(ROUNDS):
            path = kit.write_requests(folder / f"one-{r}.txt", quiz.take_posts(per_round))
            one = kit.wrk(
                alone.base, path, 302, seconds, connections, min(args.threads, connections)
            )
            rounds["one server"].append(one)
            halves = [
                kit.write_requests(folder / f"two-{r}-{n}.txt", quiz.take_posts(per_round // 2))
                for n in (0, 1)
            ]
            with ThreadPoolExecutor(2) as pool:
                both = list(
                    pool.map(
                        lambda pair: kit.wrk(
                            pair[0].base,
                            pair[1],
                            302,
                            seconds,
                            connections // 2,
                            max(1, args.threads // 2),
                        ),
                        [(first, halves[0]), (second, halves[1])],
                    )
                )
            combined = {
                "rps": sum(m["rps"] for m in both),
                "p50_ms": max(m["p50_ms"] for m in both),
                "p99_ms": max(m["p99_ms"] for m in both),
                "bad": sum(m["bad"] for m in both),
                "good": sum(m["good"] for m in both),
            }
            rounds["two servers"].append(combined)
            acknowledged += one["good"] + combined["good"]
            kit.log(
                f"postgres round {r + 1}: one server {one['rps']:7.1f} answers/s, two servers "
                f"{combined['rps']:7.1f} answers/s (p99 {one['p99_ms']:.1f} / {combined['p99_ms']:.1f} ms)"
            )
        stored = _stored(url) - before
        statuses = _failed_logins(kit, [first.base, second.base], "bench-student-000", 14)
    checks = consistency(kit, url)
    return {
        "rounds": {name: _percentiles(runs) for name, runs in rounds.items()},
        "connections": connections,
        "workers_alone": args.workers,
        "workers_each": half,
        "acknowledged": acknowledged,
        "stored": stored,
        "login_statuses": statuses,
        "refused_after": next((n for n, s in enumerate(statuses) if s == 429), None),
        **checks,
    }


def postgres(kit: ModuleType, workdir: Path, args: Any) -> dict[str, Any]:
    from bench_deadline import exam_deadline

    if shutil.which("redis-server") is None:
        raise RuntimeError("redis-server is not installed: apt-get install -y redis-server")
    server_url = _server_url()
    result: dict[str, Any] = {}
    kit.log("postgres: the write tail")
    result["writes"] = write_tail(kit, workdir, args, server_url)
    kit.log("postgres: an exam's deadline")
    result["deadline"] = exam_deadline(
        kit, workdir, args, database_url=fresh_database(server_url, "quiz_bench_deadline")
    )
    kit.log("postgres: two app servers, one database, one rate-limit store")
    result["two_servers"] = two_servers(
        kit, workdir, args, fresh_database(server_url, "quiz_bench_two")
    )
    return result


def markdown(r: dict[str, Any], verdict: Any) -> list[str]:
    from bench_deadline import markdown as deadline_markdown

    lines = [
        "On PostgreSQL (the local server of `.ci/postgres.sh`), the write tail: an answer's time "
        "at 4 and at 32 connections, two servers of 4 workers, each on its own database, in "
        "alternating rounds (median of 3):",
        "",
        "| commits | connections | answers/s | p50 | p99 | p99 ÷ p50 | target ≤ 4× | errors |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for variant, by_connections in r["writes"].items():
        for c, m in by_connections.items():
            ratio = m["p99_ms"] / m["p50_ms"] if m["p50_ms"] else float("inf")
            lines.append(
                f"| {variant} | {c} | {m['rps']:.0f} | {m['p50_ms']:.1f} ms | {m['p99_ms']:.1f} ms "
                f"| {ratio:.1f}× | {verdict(ratio <= 4)} | {m['bad']} |"
            )
    lines += ["", *deadline_markdown(r["deadline"], verdict)]
    t = r["two_servers"]
    one, two = t["rounds"]["one server"], t["rounds"]["two servers"]
    lines += [
        f"Two app servers on one PostgreSQL database, their rate limits counted in one Redis: "
        f"{t['connections']} connections on one server of {t['workers_alone']} workers, or split "
        f"across two of {t['workers_each']} each (the same cores; median of 3 alternating "
        "rounds):",
        "",
        "| measure | measured | target | |",
        "|---|---:|---:|---|",
        f"| answers/s: one server / two servers | {one['rps']:.0f} / {two['rps']:.0f} | | |",
        f"| answer p99: one server / two servers | {one['p99_ms']:.1f} / {two['p99_ms']:.1f} ms | | |",
        f"| errors | {one['bad'] + two['bad']} | 0 | {verdict(one['bad'] + two['bad'] == 0)} |",
        f"| answers acknowledged / stored (in flight at wrk's stop: a few more stored) | "
        f"{t['acknowledged']} / {t['stored']} | every one stored | "
        f"{verdict(t['stored'] >= t['acknowledged'])} |",
        f"| attempts whose score or count differs from their answers' | {t['attempts_off']} of "
        f"{t['attempts']} | 0 | {verdict(t['attempts_off'] == 0)} |",
        f"| answers whose stored score is not their grade | {t['answers_off']} of {t['answers']} "
        f"| 0 | {verdict(t['answers_off'] == 0)} |",
        f"| wrong-password log-ins to one account, alternating servers, before the first 429 "
        f"| {t['refused_after']} | 10 (the limit) | {verdict(t['refused_after'] == 10)} |",
        "",
    ]
    return lines
