"""Benchmarks: how fast, how far. One command, ratios against baselines in the same run.

    make bench                     # = .venv/bin/python bench/run.py (installs wrk first)
    .venv/bin/python bench/run.py --seconds 10 --rounds 3 --sizes 10000,100000,1000000

Three parts, all on loopback, all in one run (docs/performance.md explains the method):

1. Throughput. gunicorn (gunicorn.conf.py, the same workers) serves the quiz and, beside
   it, bench/baseline_app.py: ``/bare`` (a constant string), ``/template`` (a small Jinja
   template with a form) and ``/insert`` (one SQLAlchemy row into SQLite WAL, committed).
   wrk replays pre-generated requests at 32 connections (bench/wrk/replay.lua): the quiz's
   question page (GET) and answer submission (POST with CSRF token and a logged-in
   session, each POST storing a new response). The five are measured in interleaved
   rounds; each ratio is taken within a round, and the median of the rounds is reported.
2. Instructor pages at 10k, 100k and 1M stored responses (``flask demo-data``): the
   gradebook and a bank's item analysis, through HTTP and as the query functions alone,
   with a log-log plot of time against size (docs/perf-scaling.svg).
3. Start-up (``create_app()``, including loading and checking every bank, in a fresh
   process) and the question page's weight (HTML + CSS + JS bytes).

Writes bench/results/latest.json and bench/results/latest.md, draws the plot and prints
the Markdown table. Nothing here asserts a time: the targets are reported, met or not.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import itertools

import bench_courses
import bench_deadline
import bench_postgres
import bench_writes
from loadtest import FormParser, Server

from tests.support import answer_data

BIN = Path(sys.executable).parent
USER_AGENT = "quiz-bench"  # wrk sends the same, so Flask-Login's session identifier matches
PASSWORD = "bench password 1"
SECRET_KEY = "load-test"  # what loadtest.Server gives gunicorn
RESPONSES_PER_ATTEMPT = 26.5  # demo-data: 162 questions over 6 banks, 5% of attempts unfinished
ATTEMPTS_PER_STUDENT = 20  # demo-data's default ratio (1,000 students, 20,000 attempts)

TARGETS = {
    "answer_vs_insert": 0.70,
    "question_vs_template": 0.70,
    "p99_ms": 50.0,
    "instructor_ms_at_1m": 300.0,
    "steepest_step_exponent": 1.1,
    "startup_s": 1.0,
    "page_bytes": 50_000,
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------ wrk


def write_requests(path: Path, lines: Sequence[tuple[str, str, str, str]]) -> Path:
    """One request a line for bench/wrk/replay.lua: method, path, cookie, body."""
    with path.open("w") as handle:
        for method, target, cookie, body in lines:
            handle.write(f"{method}\t{target}\t{cookie}\t{body}\n")
    return path


def wrk(
    base: str, requests_file: Path, expect: int, seconds: float, connections: int, threads: int
) -> dict[str, Any]:
    """Run wrk with the replay script; return its counts and latencies (ms) and requests/s."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(HERE / "wrk" / "replay.lua"),
        base,
        "--",
        str(requests_file),
        str(threads),
        str(expect),
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{out.stdout}\n{out.stderr}")
    raw = json.loads(line[len("WRKJSON ") :])
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "seconds": round(seconds_run, 2),
        "rps": round(raw["good"] / seconds_run, 1),  # only responses with the expected status count
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "good": raw["good"],
        "bad": raw["bad"],
        "bad_statuses": raw["bad_statuses"],
        "socket_errors": {k: v for k, v in raw["errors"].items() if v},
        "wrapped": raw["wrapped"],
        "prepared": sum(1 for _ in requests_file.open()),
    }


# ----------------------------------------------------------------- the quiz's requests


def quiz_app(database: Path | str) -> Any:
    """The quiz app on a SQLite file, or on a database URL (PostgreSQL)."""
    from quiz import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database
            if isinstance(database, str)
            else f"sqlite:///{database}",
            "SECRET_KEY": SECRET_KEY,
            "RATELIMIT_ENABLED": False,
        }
    )


def add_user(app: Any, username: str, role: str = "student") -> int:
    from werkzeug.security import generate_password_hash

    from quiz.store.db import db
    from quiz.store.models import User

    with app.app_context():
        user = User(username=username, role=role, password_hash=generate_password_hash(PASSWORD))
        db.session.add(user)
        db.session.commit()
        return user.id


def log_in(base: str, username: str) -> requests.Session:
    """Log in through the real form, as a person would; the session keeps the cookie."""
    http = requests.Session()
    http.headers["User-Agent"] = USER_AGENT
    form = FormParser()
    form.feed(http.get(base + "/login", timeout=30).text)
    r = http.post(
        base + "/login",
        data={"csrf_token": form.csrf, "username": username, "password": PASSWORD},
        allow_redirects=False,
        timeout=30,
    )
    if r.status_code != 302:
        raise RuntimeError(f"log-in of {username} failed: {r.status_code}")
    return http


class QuizRequests:
    """Students logged in through HTTP, attempts started directly in the database, and for
    each unanswered (attempt, position) the GET of its page and the POST of an answer."""

    def __init__(self, server: Server, students: int, answers_needed: int, seed: int) -> None:
        from sqlalchemy import insert

        from quiz.domain.attempts import new_layout
        from quiz.domain.layout import to_json
        from quiz.store.catalog import current as current_catalog
        from quiz.store.db import db
        from quiz.store.models import Attempt

        rng = random.Random(seed)
        app = quiz_app(server.database_url)
        names = [f"bench-student-{n:03d}" for n in range(students)]
        user_ids = [add_user(app, name) for name in names]
        with app.app_context():
            catalog = current_catalog()
            banks = sorted(catalog.banks.values(), key=lambda b: b.id)
            per_attempt = sum(len(b.questions) for b in banks) / len(banks)
            post_attempts = math.ceil(answers_needed / per_attempt) + len(banks)
            # Attempts for the GETs (one per student and bank) and, separately, for the POSTs.
            plan = [("get", uid, bank) for uid in user_ids for bank in banks]
            plan += [
                ("post", user_ids[n % students], banks[(n // students) % len(banks)])
                for n in range(post_attempts)
            ]
            rows = [
                {
                    "user_id": uid,
                    "bank_id": bank.id,
                    "layout": to_json(new_layout(bank.questions, rng)),
                    "max_score": len(bank.questions),
                    "started_at": datetime.now(UTC),
                }
                for _, uid, bank in plan
            ]
            ids = (
                db.session.execute(
                    insert(Attempt).returning(Attempt.id, sort_by_parameter_order=True), rows
                )
                .scalars()
                .all()
            )
            db.session.commit()
        self.questions = catalog.questions
        self.sessions: dict[int, requests.Session] = {}
        self.cookies: dict[int, str] = {}
        self.tokens: dict[int, str] = {}
        first_get = {
            uid: attempt_id
            for (kind, uid, _), attempt_id in reversed(list(zip(plan, ids, strict=False)))
            if kind == "get"
        }
        for uid, name in zip(user_ids, names, strict=False):
            http = log_in(server.base, name)
            page = http.get(f"{server.base}/attempts/{first_get[uid]}/1", timeout=30)
            if page.status_code != 200:
                raise RuntimeError(f"question page answered {page.status_code}")
            form = FormParser()
            form.feed(page.text)
            self.sessions[uid], self.cookies[uid], self.tokens[uid] = (
                http,
                f"session={http.cookies['session']}",
                form.csrf,
            )
        self.gets: list[tuple[str, str, str, str]] = []
        self.get_questions: list[
            tuple[str, str, int]
        ] = []  # (question id, path, user) for the page weight
        posts: list[tuple[int, int, tuple[str, str, str, str]]] = []
        for (kind, uid, _), attempt_id, row in zip(plan, ids, rows, strict=False):
            for position, entry in enumerate(row["layout"], 1):
                path = f"/attempts/{attempt_id}/{position}"
                if kind == "get":
                    self.gets.append(("GET", path, self.cookies[uid], ""))
                    self.get_questions.append((entry["question_id"], path, uid))
                else:
                    q = catalog.questions[entry["question_id"]]
                    data = {
                        "csrf_token": self.tokens[uid],
                        **answer_data(q, entry, right=rng.random() < 0.7),
                    }
                    posts.append(
                        (
                            position,
                            attempt_id,
                            ("POST", path, self.cookies[uid], urlencode(data, doseq=True)),
                        )
                    )
        # Position by position across all attempts: neighbouring requests are different students' attempts.
        posts.sort(key=lambda p: (p[0], p[1]))
        self.posts = [p[2] for p in posts]
        rng.shuffle(self.gets)
        with app.app_context():
            db.engine.dispose()

    def take_posts(self, n: int) -> list[tuple[str, str, str, str]]:
        """The next *n* answers, never handed out twice."""
        if n > len(self.posts):
            raise RuntimeError(f"only {len(self.posts)} answers left, {n} asked for")
        taken, self.posts = self.posts[:n], self.posts[n:]
        return taken


def worker_cpu_s(server: Server) -> float:
    """CPU seconds (user and system) of a gunicorn server's workers so far: the live ones
    and, through the master, every one it has reaped (a worker restarted mid-run)."""
    import psutil

    assert server.process is not None
    master = psutil.Process(server.process.pid)
    times = master.cpu_times()
    total = times.children_user + times.children_system
    for child in master.children():
        try:
            t = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += t.user + t.system
    return total


def stored_responses(db_path: Path) -> int:
    con = sqlite3.connect(db_path, timeout=30)
    try:
        return con.execute("SELECT count(*) FROM response").fetchone()[0]
    finally:
        con.close()


def page_weight(server: Server, quiz: QuizRequests) -> dict[str, Any]:
    """Bytes of every question's page (once each), of style.css and of quiz.js."""
    sizes: dict[str, int] = {}
    gz: dict[str, int] = {}
    types: dict[str, str] = {}
    for question_id, path, uid in quiz.get_questions:
        if question_id in sizes:
            continue
        body = quiz.sessions[uid].get(server.base + path, timeout=30).content
        sizes[question_id], gz[question_id] = len(body), len(gzip.compress(body))
        types[question_id] = quiz.questions[question_id].type
    http = requests.Session()
    assets = {
        name: http.get(f"{server.base}/static/{name}", timeout=30).content
        for name in ("style.css", "js/quiz.js")
    }
    largest = max(sizes, key=sizes.__getitem__)
    css, js = len(assets["style.css"]), len(assets["js/quiz.js"])
    return {
        "pages": len(sizes),
        "html_median": int(statistics.median(sizes.values())),
        "html_max": sizes[largest],
        "html_max_question": largest,
        "html_max_type": types[largest],
        "css": css,
        "js": js,
        "total_max": sizes[largest] + css + js,
        "total_median": int(statistics.median(sizes.values())) + css + js,
        "total_max_gzip": gz[largest]
        + len(gzip.compress(assets["style.css"]))
        + len(gzip.compress(assets["js/quiz.js"])),
    }


# -------------------------------------------------------------------------- throughput


ENDPOINTS = ("bare", "template", "question", "insert", "answer")


def throughput(args: argparse.Namespace, workdir: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    (workdir / "baseline").mkdir()
    (workdir / "quiz").mkdir()
    with ExitStack() as stack:
        baseline = stack.enter_context(
            Server(
                workdir / "baseline",
                args.workers,
                app="baseline_app:create_app()",
                migrate=False,
                env={
                    "PYTHONPATH": str(HERE),
                    "BASELINE_DATABASE": str(workdir / "baseline" / "baseline.sqlite"),
                },
            )
        )
        quiz_server = stack.enter_context(Server(workdir / "quiz", args.workers))
        log(
            f"servers up: baseline {baseline.base}, quiz {quiz_server.base} ({args.workers} workers each)"
        )
        started = time.perf_counter()
        chunk = args.answers_per_round
        quiz = QuizRequests(
            quiz_server, args.students, chunk * (args.rounds + 1) + args.warmup_answers, args.seed
        )
        log(
            f"prepared {args.students} logged-in students, {len(quiz.gets)} question pages and {len(quiz.posts)} "
            f"answers in {time.perf_counter() - started:.1f} s"
        )
        weight = page_weight(quiz_server, quiz)

        files = workdir / "requests"
        files.mkdir()
        constant = {
            name: write_requests(files / f"{name}.txt", [("GET", f"/{name}", "", "")] * 256)
            for name in ("bare", "template")
        }
        inserts = iter(range(10**9))

        def insert_file(tag: str, n: int) -> Path:
            return write_requests(
                files / f"insert-{tag}.txt",
                [("POST", "/insert", "", f"answer=a{next(inserts)}") for _ in range(n)],
            )

        gets = write_requests(files / "question.txt", quiz.gets)

        def plan(tag: str, answers: int) -> dict[str, tuple[str, Path, int]]:
            return {
                "bare": (baseline.base, constant["bare"], 200),
                "template": (baseline.base, constant["template"], 200),
                "question": (quiz_server.base, gets, 200),
                # Inserts cost nothing to prepare: enough for 12,000 a second.
                "insert": (baseline.base, insert_file(tag, int(12_000 * max(seconds, 2))), 302),
                "answer": (
                    quiz_server.base,
                    write_requests(files / f"answer-{tag}.txt", quiz.take_posts(answers)),
                    302,
                ),
            }

        seconds = 2
        warm = plan("warmup", args.warmup_answers)
        log("warm-up: 2 s per endpoint")
        for name in ENDPOINTS:
            base, path, expect = warm[name]
            wrk(base, path, expect, 2, args.connections, args.threads)
        rounds: list[dict[str, dict[str, Any]]] = []
        time.sleep(1)  # let the warm-up's last requests (in flight when wrk stopped) finish
        stored = stored_responses(quiz_server.db)
        seconds = args.seconds
        for r in range(args.rounds):
            this = plan(f"round{r + 1}", chunk)
            results = {}
            for name in ENDPOINTS:
                base, path, expect = this[name]
                server = quiz_server if base == quiz_server.base else baseline
                cpu_before = worker_cpu_s(server)
                results[name] = wrk(
                    base, path, expect, args.seconds, args.connections, args.threads
                )
                m = results[name]
                m["cpu_ms"] = round(
                    1000 * (worker_cpu_s(server) - cpu_before) / max(1, m["requests"]), 3
                )
                if name == "answer":  # every acknowledged answer is a new stored response
                    time.sleep(1)
                    before, stored = stored, stored_responses(quiz_server.db)
                    m["stored"] = stored - before
                log(
                    f"round {r + 1}/{args.rounds} {name:9s} {m['rps']:8.1f} req/s  p50 {m['p50_ms']:6.1f} ms  "
                    f"p99 {m['p99_ms']:6.1f} ms  bad {m['bad']}  wrapped {m['wrapped']}"
                )
            rounds.append(results)
        # Once more with one connection per worker: the time a request takes with no queue.
        unqueued = {}
        this = plan("unqueued", chunk)
        for name in ENDPOINTS:
            base, path, expect = this[name]
            m = unqueued[name] = wrk(
                base, path, expect, args.seconds, args.workers, min(args.threads, args.workers)
            )
            log(
                f"{args.workers} connections {name:9s} {m['rps']:8.1f} req/s  p50 {m['p50_ms']:6.1f} ms  "
                f"p99 {m['p99_ms']:6.1f} ms  bad {m['bad']}  wrapped {m['wrapped']}"
            )
    summary = summarise_throughput(rounds, args.connections)
    summary["unqueued"] = {
        "connections": args.workers,
        "endpoints": {
            name: {k: m[k] for k in ("rps", "p50_ms", "p90_ms", "p99_ms", "bad", "wrapped")}
            for name, m in unqueued.items()
        },
    }
    return summary, weight


def summarise_throughput(
    rounds: list[dict[str, dict[str, Any]]], connections: int
) -> dict[str, Any]:
    def med(name: str, key: str) -> float:
        return round(statistics.median(r[name][key] for r in rounds), 2)

    endpoints = {}
    for name in ENDPOINTS:
        endpoints[name] = {
            "rps": med(name, "rps"),
            "p50_ms": med(name, "p50_ms"),
            "p99_ms": med(name, "p99_ms"),
            "rps_rounds": [r[name]["rps"] for r in rounds],
            "p99_rounds": [r[name]["p99_ms"] for r in rounds],
            "bad": sum(r[name]["bad"] for r in rounds),
            "bad_statuses": [r[name]["bad_statuses"] for r in rounds],
            "socket_errors": [r[name]["socket_errors"] for r in rounds],
            "wrapped": sum(r[name]["wrapped"] for r in rounds),
            "requests": sum(r[name]["requests"] for r in rounds),
            "prepared_per_round": rounds[0][name]["prepared"],
            "cpu_ms": med(name, "cpu_ms"),
        }

    def ratio(a: str, b: str) -> dict[str, Any]:
        per_round = [r[a]["rps"] / r[b]["rps"] for r in rounds]
        return {
            "median": round(statistics.median(per_round), 3),
            "rounds": [round(x, 3) for x in per_round],
        }

    def cpu(a: str, b: str) -> float:
        return round(statistics.median(r[a]["cpu_ms"] / r[b]["cpu_ms"] for r in rounds), 2)

    cpu_ratios = {"question_vs_template": cpu("question", "template")}
    cpu_ratios["answer_vs_insert"] = cpu("answer", "insert")
    ratios = {
        "answer_vs_insert": ratio("answer", "insert"),
        "question_vs_template": ratio("question", "template"),
        "answer_vs_bare": ratio("answer", "bare"),
        "question_vs_bare": ratio("question", "bare"),
        "template_vs_bare": ratio("template", "bare"),
        "insert_vs_bare": ratio("insert", "bare"),
    }
    # wrk stops with up to one request per connection in flight: those are stored but not
    # counted, so per round acknowledged <= stored <= acknowledged + connections.
    acknowledged = [r["answer"]["good"] for r in rounds]
    stored = [r["answer"]["stored"] for r in rounds]
    consistent = all(a <= s <= a + connections for a, s in zip(acknowledged, stored, strict=False))
    return {
        "rounds": len(rounds),
        "endpoints": endpoints,
        "ratios": ratios,
        "cpu_ratios": cpu_ratios,
        "answers_acknowledged": sum(acknowledged),
        "answers_stored": sum(stored),
        "answers_consistent": consistent,
    }


# ---------------------------------------------------------------------------- start-up


STARTUP = """
import json, time
t0 = time.perf_counter()
from quiz import create_app
t1 = time.perf_counter()
app = create_app()
from quiz.store.catalog import current
with app.app_context():
    c = current()  # built from the database: every question checked against its documents
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "create_app_s": t2 - t1, "total_s": t2 - t0, "banks": len(c.banks),
                  "questions": len(c.questions), "errors": len(c.errors), "documents": len(c.library.documents)}))
"""


def _startups(
    env: dict[str, str], workdir: Path, runs: int
) -> tuple[list[dict[str, Any]], list[float]]:
    """*runs* fresh processes after one that warms the file cache (and writes the bytecode
    cache, when *env* lets Python write it)."""
    samples, walls = [], []
    for n in range(runs + 1):
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", STARTUP],
            env=env,
            cwd=workdir,
            capture_output=True,
            text=True,
            check=True,
        )
        wall = time.perf_counter() - started
        if n:
            samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
            walls.append(wall)
    return samples, walls


def startup(workdir: Path, runs: int) -> dict[str, Any]:
    """``create_app()`` and the first catalog (loaded from the database and every question
    checked against its documents) in a fresh process, *runs* times after one run that warms
    the file cache; also the whole process's wall time.

    Measured as an installed server starts: with Python's bytecode cache, which the first
    start writes (in a folder of the work directory here, so the checkout stays clean).
    This machine sets PYTHONDONTWRITEBYTECODE, which makes every start compile the app's
    190 modules from source; that is measured too, as the worst case."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'startup.sqlite'}",
        "SECRET_KEY": "bench",
        "QUIZ_RATELIMIT_ENABLED": "false",
    }
    flask = [str(Path(sys.executable).parent / "flask"), "--app", "quiz"]
    for command in (["db", "upgrade"], ["banks", "import"]):  # the content the app then loads
        subprocess.run([*flask, *command], env=env, cwd=workdir, capture_output=True, check=True)
    cached = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    samples, walls = _startups(cached, workdir, runs)
    uncached = {**env, "PYTHONDONTWRITEBYTECODE": "1"}
    uncached.pop("PYTHONPYCACHEPREFIX", None)
    compiling, _ = _startups(uncached, workdir, runs)
    last = samples[-1]
    return {
        "runs": runs,
        "total_s": round(statistics.median(s["total_s"] for s in samples), 3),
        "import_s": round(statistics.median(s["import_s"] for s in samples), 3),
        "create_app_s": round(statistics.median(s["create_app_s"] for s in samples), 3),
        "process_wall_s": round(statistics.median(walls), 3),
        "all_total_s": [round(s["total_s"], 3) for s in samples],
        "no_bytecode_cache_total_s": round(statistics.median(s["total_s"] for s in compiling), 3),
        "banks": last["banks"],
        "questions": last["questions"],
        "errors": last["errors"],
        "documents": last["documents"],
    }


# --------------------------------------------------------------------- instructor pages


def timed(function: Callable[[], object], repeat: int, warmup: int = 1) -> dict[str, Any]:
    for _ in range(warmup):  # through HTTP: enough for every worker to have served it once
        function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(1000 * (time.perf_counter() - started))
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "min_ms": round(min(times), 1),
    }


def item_report_alone(bank: Any) -> None:
    """Item analysis of *bank* without the page: the store's read and the report."""
    from quiz.store.analysis import analysed_with_answers
    from quiz.web.pages import reports

    scored, answers = analysed_with_answers(
        bank.id, reports.choice_question_ids(bank.questions), datetime.now(UTC)
    )
    reports.item_report(bank.questions, scored, answers)


def instructor_scaling(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Grow one database through the sizes with ``flask demo-data`` (a new class of
    students at each step) and time the instructor pages at each size."""
    from sqlalchemy import func, select

    from quiz.store.catalog import current as current_catalog
    from quiz.store.db import db
    from quiz.store.gradebook import gradebook, sort_rows
    from quiz.store.models import Response

    folder = workdir / "instructor"
    folder.mkdir()
    results: list[dict[str, Any]] = []
    with Server(
        folder, args.workers
    ) as server:  # migrates the empty database, serves it throughout
        app = quiz_app(server.db)
        add_user(app, "bench-instructor", role="instructor")
        http = log_in(server.base, "bench-instructor")

        def page(path: str) -> Callable[[], None]:
            def get() -> None:
                r = http.get(server.base + path, timeout=120)
                if r.status_code != 200:
                    raise RuntimeError(f"{path} answered {r.status_code}")

            return get

        def in_app(function: Callable[[], object]) -> Callable[[], None]:
            def call() -> None:
                with app.app_context():
                    function()

            return call

        env = {**server.env}
        count = 0
        for step, size in enumerate(args.sizes, 1):
            attempts = max(1, round((size - count) / RESPONSES_PER_ATTEMPT))
            students = max(1, round(attempts / ATTEMPTS_PER_STUDENT))
            started = time.perf_counter()
            subprocess.run(
                [
                    str(BIN / "flask"),
                    "--app",
                    "quiz",
                    "demo-data",
                    "--students",
                    str(students),
                    "--attempts",
                    str(attempts),
                    "--prefix",
                    f"size{step}-",
                    "--seed",
                    str(args.seed + step),
                ],
                env=env,
                cwd=folder,
                check=True,
                capture_output=True,
            )
            generated = time.perf_counter() - started
            with app.app_context():
                count = db.session.execute(select(func.count()).select_from(Response)).scalar_one()
                bank_id = db.session.execute(
                    select(Response.bank_id)
                    .group_by(Response.bank_id)
                    .order_by(func.count().desc())
                    .limit(1)
                ).scalar_one()
                bank_responses = db.session.execute(
                    select(func.count()).select_from(Response).where(Response.bank_id == bank_id)
                ).scalar_one()
                bank = current_catalog().banks[bank_id]
            log(
                f"{count:,} responses ({students} more students, {attempts} more attempts, made in {generated:.0f} s)"
            )
            row: dict[str, Any] = {
                "responses": count,
                "bank": bank_id,
                "bank_responses": bank_responses,
                "generate_s": round(generated, 1),
            }
            cases = {
                "gradebook_http": page("/instructor/gradebook"),
                "items_http": page(f"/instructor/banks/{bank_id}/items"),
                "items_all_http": page(f"/instructor/banks/{bank_id}/items?attempts=all"),
                "gradebook_query": in_app(
                    lambda: sort_rows(gradebook(datetime.now(UTC)), "student")
                ),
                "items_query": in_app(partial(item_report_alone, bank)),
            }
            for name, case in cases.items():
                row[name] = timed(
                    case, args.repeat, warmup=2 * args.workers if name.endswith("_http") else 1
                )
                log(
                    f"  {name:16s} median {row[name]['median_ms']:8.1f} ms  max {row[name]['max_ms']:8.1f} ms"
                )
            results.append(row)
        with app.app_context():
            db.engine.dispose()
    series = ("gradebook_http", "items_http", "items_all_http", "gradebook_query", "items_query")
    growth = {
        name: exponent([r["responses"] for r in results], [r[name]["median_ms"] for r in results])
        for name in series
    }
    steps = {
        name: [
            exponent([a["responses"], b["responses"]], [a[name]["median_ms"], b[name]["median_ms"]])
            for a, b in itertools.pairwise(results)
        ]
        for name in series
    }
    return {
        "sizes": results,
        "growth_exponent": growth,
        "step_exponents": steps,
        "repeat": args.repeat,
    }


def exponent(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The slope of log(y) against log(x), least squares: 1 is linear growth."""
    if len(xs) < 2:
        return None
    lx, ly = [math.log10(x) for x in xs], [math.log10(max(y, 1e-3)) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    return round(
        sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=False))
        / sum((a - mx) ** 2 for a in lx),
        2,
    )


# ------------------------------------------------------------------------------ the plot


SERIES = [
    ("gradebook_http", "Gradebook page (HTTP)", "#1f5fa8", ""),
    ("items_http", "Item analysis page (HTTP)", "#b5461b", ""),
    ("gradebook_query", "gradebook() query alone", "#1f5fa8", "6 4"),
    ("items_query", "item_report() alone", "#b5461b", "6 4"),
]


def plot(scaling: dict[str, Any], path: Path) -> None:
    """A log-log SVG of time against stored responses, with the 300 ms target and a
    line of slope 1 (linear growth) for comparison. No plotting library needed."""
    rows = scaling["sizes"]
    xs = [r["responses"] for r in rows]
    ys = [r[key]["median_ms"] for key, *_ in SERIES for r in rows] + [
        TARGETS["instructor_ms_at_1m"]
    ]
    x_lo, x_hi = (
        math.log10(min(xs)) - 0.15,
        math.log10(max(xs)) + 0.15,
    )  # a margin either side of the sizes
    y_lo, y_hi = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys) * 1.5))
    width, height, left, right, top, bottom = 720, 440, 70, 230, 30, 60
    pw, ph = width - left - right, height - top - bottom

    def px(x: float) -> float:
        return left + pw * (math.log10(x) - x_lo) / (x_hi - x_lo)

    def py(y: float) -> float:
        return top + ph * (1 - (math.log10(y) - y_lo) / (y_hi - y_lo))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'font-family="sans-serif" font-size="12" role="img" aria-labelledby="t">',
        '<title id="t">Instructor pages: median time against stored responses, log-log</title>',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
    ]
    for e in range(math.ceil(x_lo), math.floor(x_hi) + 1):
        x = px(10**e)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + ph}" stroke="#ddd"/>')
        out.append(
            f'<text x="{x:.1f}" y="{top + ph + 18}" text-anchor="middle">{_si(10**e)}</text>'
        )
    for e in range(y_lo, y_hi + 1):
        for m in (1, 2, 5):
            y = m * 10**e
            if y_lo <= math.log10(y) <= y_hi:
                yy = py(y)
                out.append(
                    f'<line x1="{left}" y1="{yy:.1f}" x2="{left + pw}" y2="{yy:.1f}" stroke="{"#ddd" if m == 1 else "#f0f0f0"}"/>'
                )
                out.append(
                    f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end">{_ms(y)}</text>'
                )
    out.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>')
    out.append(
        f'<text x="{left + pw / 2}" y="{height - 18}" text-anchor="middle">stored responses</text>'
    )
    out.append(
        f'<text transform="translate(16 {top + ph / 2}) rotate(-90)" text-anchor="middle">median time per request</text>'
    )
    target = TARGETS["instructor_ms_at_1m"]
    out.append(
        f'<line x1="{left}" y1="{py(target):.1f}" x2="{left + pw}" y2="{py(target):.1f}" stroke="#2a8a3a" stroke-dasharray="2 3"/>'
    )
    # Slope 1 through the first gradebook point: a line above it would be worse than linear.
    x0, y0 = xs[0], rows[0]["gradebook_http"]["median_ms"]
    x1 = 10**x_hi
    out.append(
        f'<line x1="{px(x0):.1f}" y1="{py(y0):.1f}" x2="{px(x1):.1f}" y2="{py(min(y0 * x1 / x0, 10**y_hi)):.1f}" '
        f'stroke="#888" stroke-dasharray="1 4"/>'
        if y0 * x1 / x0 <= 10**y_hi
        else f'<line x1="{px(x0):.1f}" y1="{py(y0):.1f}" x2="{px(x0 * 10**y_hi / y0):.1f}" y2="{py(10**y_hi):.1f}" '
        f'stroke="#888" stroke-dasharray="1 4"/>'
    )
    for key, _label, colour, dash in SERIES:
        points = " ".join(f"{px(r['responses']):.1f},{py(r[key]['median_ms']):.1f}" for r in rows)
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
        )
        for r in rows:
            out.append(
                f'<circle cx="{px(r["responses"]):.1f}" cy="{py(r[key]["median_ms"]):.1f}" r="3" fill="{colour}"/>'
            )
    legend = [(label, colour, dash, 2) for _, label, colour, dash in SERIES]
    legend += [
        (f"target: {target:.0f} ms at 1M", "#2a8a3a", "2 3", 1),
        ("linear growth (slope 1)", "#888", "1 4", 1),
    ]
    for i, (label, colour, dash, w) in enumerate(legend):
        y = top + 14 + 20 * i
        lx = left + pw + 14
        out.append(
            f'<line x1="{lx}" y1="{y}" x2="{lx + 28}" y2="{y}" stroke="{colour}" stroke-width="{w}"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
        )
        out.append(f'<text x="{lx + 34}" y="{y + 4}">{label}</text>')
    out.append("</svg>")
    path.write_text("\n".join(out) + "\n")


def _si(n: float) -> str:
    return f"{n / 1e6:g}M" if n >= 1e6 else f"{n / 1e3:g}k" if n >= 1e3 else f"{n:g}"


def _ms(ms: float) -> str:
    return f"{ms / 1000:g} s" if ms >= 1000 else f"{ms:g} ms"


# ------------------------------------------------------------------------------ report


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def markdown(result: dict[str, Any]) -> str:
    lines = []
    t = result.get("throughput")
    if t:
        e, r = t["endpoints"], t["ratios"]
        lines += [
            f"Throughput at {result['config']['connections']} connections, {result['config']['workers']} gunicorn "
            f"workers, median of {t['rounds']} interleaved rounds of {result['config']['seconds']:g} s:",
            "",
            "| endpoint | requests/s | p50 (ms) | p99 (ms) | errors (non-expected status, socket) |",
            "|---|---:|---:|---:|---:|",
        ]
        labels = {
            "bare": "baseline: bare constant string",
            "template": "baseline: small template with a form",
            "insert": "baseline: insert one row, commit",
            "question": "quiz: question page (GET)",
            "answer": "quiz: answer submission (POST)",
        }
        for name in ("bare", "template", "question", "insert", "answer"):
            m = e[name]
            socket = sum(sum(s.values()) for s in m["socket_errors"])
            lines.append(
                f"| {labels[name]} | {m['rps']:.0f} | {m['p50_ms']:.1f} | {m['p99_ms']:.1f} | {m['bad']}, {socket} |"
            )
        lines += ["", "| target | measured | target | |", "|---|---:|---:|---|"]
        a, q = r["answer_vs_insert"]["median"], r["question_vs_template"]["median"]
        lines.append(
            f"| answer ÷ insert baseline (throughput) | {a:.2f} (rounds {', '.join(f'{x:.2f}' for x in r['answer_vs_insert']['rounds'])}) | ≥ 0.70 | {verdict(a >= 0.7)} |"
        )
        lines.append(
            f"| question page ÷ template baseline | {q:.2f} (rounds {', '.join(f'{x:.2f}' for x in r['question_vs_template']['rounds'])}) | ≥ 0.70 | {verdict(q >= 0.7)} |"
        )
        for name in ("question", "answer"):
            p99 = e[name]["p99_ms"]
            lines.append(
                f"| {name} p99 at {result['config']['connections']} connections | {p99:.1f} ms | < 50 ms | {verdict(p99 < 50)} |"
            )
        lines.append(
            f"| answers acknowledged (302) / new responses stored (in flight at wrk's stop: at most "
            f"{result['config']['connections']} a round) | {t['answers_acknowledged']} / {t['answers_stored']} | "
            f"every 302 stored | {verdict(t['answers_consistent'])} |"
        )
        c = t["cpu_ratios"]
        lines.append(
            f"| CPU per question page ÷ bare template's ({e['question']['cpu_ms']:.2f} ÷ "
            f"{e['template']['cpu_ms']:.2f} ms, workers' CPU time over requests) | "
            f"{c['question_vs_template']:.1f}× | ≤ 6× | {verdict(c['question_vs_template'] <= 6)} |"
        )
        lines.append(
            f"| CPU per answer ÷ one-row insert's ({e['answer']['cpu_ms']:.2f} ÷ "
            f"{e['insert']['cpu_ms']:.2f} ms) | {c['answer_vs_insert']:.1f}× | ≤ 4× | "
            f"{verdict(c['answer_vs_insert'] <= 4)} |"
        )
        wrapped = e["answer"]["wrapped"] + e["insert"]["wrapped"]
        lines.append(
            f"| pre-generated answers ran out | {wrapped} times | never | {verdict(wrapped == 0)} |"
        )
        lines += [
            "",
            "Other ratios (throughput): "
            + ", ".join(
                f"{k.replace('_vs_', ' ÷ ')} {v['median']:.2f}"
                for k, v in r.items()
                if k not in ("answer_vs_insert", "question_vs_template")
            ),
            "",
        ]
        u = t.get("unqueued")
        if u:
            lines += [
                f"The same with {u['connections']} connections (one per worker, so no queue): the time a request takes.",
                "",
                "| endpoint | requests/s | p50 (ms) | p90 (ms) | p99 (ms) |",
                "|---|---:|---:|---:|---:|",
            ]
            for name in ("bare", "template", "question", "insert", "answer"):
                m = u["endpoints"][name]
                lines.append(
                    f"| {labels[name]} | {m['rps']:.0f} | {m['p50_ms']:.1f} | {m['p90_ms']:.1f} | {m['p99_ms']:.1f} |"
                )
            lines.append("")
    s = result.get("scaling")
    if s:
        lines += [
            "Instructor pages (median of "
            f"{s['repeat']} sequential requests after a warm-up; item analysis of the bank with the most responses):",
            "",
            "| stored responses | gradebook page | item analysis page | item analysis, all attempts | gradebook() alone | item_report() alone |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        for row in s["sizes"]:
            lines.append(
                f"| {row['responses']:,} | {row['gradebook_http']['median_ms']:.0f} ms | {row['items_http']['median_ms']:.0f} ms | "
                f"{row['items_all_http']['median_ms']:.0f} ms | {row['gradebook_query']['median_ms']:.0f} ms | "
                f"{row['items_query']['median_ms']:.0f} ms |"
            )
        g, steps = s["growth_exponent"], s["step_exponents"]
        names = ("gradebook_http", "items_http", "items_all_http", "gradebook_query", "items_query")
        lines.append(
            "| growth exponent, fitted (log-log slope; 1 = linear) | "
            + " | ".join(str(g[n]) for n in names)
            + " |"
        )
        lines.append(
            "| growth exponent, each step | "
            + " | ".join(", ".join(str(x) for x in steps[n]) for n in names)
            + " |"
        )
        last = s["sizes"][-1]
        lines += ["", "| target | measured | target | |", "|---|---:|---:|---|"]
        for key, label in (
            ("gradebook_http", "gradebook page"),
            ("items_http", "item analysis page"),
        ):
            ms = last[key]["median_ms"]
            lines.append(
                f"| {label} at {last['responses']:,} responses | {ms:.0f} ms | < 300 ms | {verdict(ms < 300)} |"
            )
            steepest = max(steps[key], default=None)
            lines.append(
                f"| {label}: growth, steepest step (fitted {g[key]}) | {steepest} | ≤ 1.1 (linear, within timing noise) | "
                f"{verdict(steepest is not None and steepest <= TARGETS['steepest_step_exponent'])} |"
            )
        lines.append("")
    if result.get("writes"):
        lines += bench_writes.markdown(result["writes"], verdict)
    if result.get("deadline"):
        lines += bench_deadline.markdown(result["deadline"], verdict)
    if result.get("postgres"):
        lines += bench_postgres.markdown(result["postgres"], verdict)
    if result.get("courses"):
        lines += bench_courses.markdown(result["courses"], verdict)
    st, w = result.get("startup"), result.get("page_weight")
    if st or w:
        lines += ["| target | measured | target | |", "|---|---:|---:|---|"]
    if st:
        lines.append(
            f"| start-up: import + create_app() ({st['banks']} banks, {st['questions']} questions checked, "
            f"median of {st['runs']}; with the bytecode cache, as an installed server starts) | {st['total_s']:.2f} s "
            f"(whole process {st['process_wall_s']:.2f} s; every module compiled from source: "
            f"{st.get('no_bytecode_cache_total_s', float('nan')):.2f} s) | < 1 s | "
            f"{verdict(st['total_s'] < 1)} |"
        )
    if w:
        lines.append(
            f"| question page weight, largest of {w['pages']} pages (HTML {w['html_max']:,} + CSS {w['css']:,} + JS "
            f"{w['js']:,} bytes; gzip {w['total_max_gzip']:,}) | {w['total_max']:,} B | < 50 KB | "
            f"{verdict(w['total_max'] < TARGETS['page_bytes'])} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10, help="length of each wrk measurement")
    parser.add_argument(
        "--rounds", type=int, default=3, help="interleaved rounds of the five endpoints"
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--workers",
        type=int,
        default=max(2, (os.cpu_count() or 1) * 2),
        help="gunicorn workers (default: gunicorn.conf.py's, 2 x cores)",
    )
    parser.add_argument(
        "--students",
        type=int,
        default=32,
        help="logged-in students whose sessions the requests use",
    )
    parser.add_argument(
        "--answers-per-round", type=int, default=20_000, help="fresh answers prepared per round"
    )
    parser.add_argument("--warmup-answers", type=int, default=4_000)
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", help="stored responses for the instructor pages"
    )
    parser.add_argument(
        "--repeat", type=int, default=7, help="timed requests per instructor page and size"
    )
    parser.add_argument("--startup-runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--skip",
        default="",
        help="parts to skip, comma-separated: throughput, writes, deadline, postgres, scaling, courses, startup",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "perf-scaling.svg")
    parser.add_argument(
        "--replot", action="store_true", help="only redraw the plot and tables from --out"
    )
    args = parser.parse_args()
    if args.replot:
        result = json.loads(args.out.read_text())
        if "scaling" in result:
            plot(result["scaling"], args.plot)
        print(markdown(result))
        return
    args.sizes = [int(s) for s in args.sizes.split(",") if s]
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if "throughput" not in skip and shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk (make bench does it)")

    result: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_start": os.getloadavg(),
        },
        "config": {
            "seconds": args.seconds,
            "rounds": args.rounds,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "workers": args.workers,
            "students": args.students,
        },
        "targets": TARGETS,
    }
    with tempfile.TemporaryDirectory(prefix="quiz-bench-") as tmp:
        workdir = Path(tmp)
        if "startup" not in skip:
            log("start-up")
            result["startup"] = startup(workdir, args.startup_runs)
        if "throughput" not in skip:
            result["throughput"], result["page_weight"] = throughput(args, workdir)
        if "scaling" not in skip:
            result["scaling"] = instructor_scaling(args, workdir)
            plot(result["scaling"], args.plot)
        if "writes" not in skip:
            log("the write tail, with and without writers taking turns")
            result["writes"] = bench_writes.write_tail(sys.modules[__name__], workdir, args)
        if "deadline" not in skip:
            log("an exam's deadline: 1,000 students submit in the same seconds")
            result["deadline"] = bench_deadline.exam_deadline(sys.modules[__name__], workdir, args)
        if "postgres" not in skip:
            log("PostgreSQL: the write tail, an exam's deadline, two app servers")
            result["postgres"] = bench_postgres.postgres(sys.modules[__name__], workdir, args)
        if "courses" not in skip:
            log("a class at scale")
            result["courses"] = bench_courses.course_scale(
                sys.modules[__name__], workdir, args.workers, args.repeat
            )
    result["machine"]["load_average_at_end"] = os.getloadavg()
    result["markdown"] = markdown(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    args.out.with_suffix(".md").write_text(result["markdown"])
    print(result["markdown"])
    log(
        f"wrote {args.out} and {args.out.with_suffix('.md')}"
        + ("" if "scaling" in skip else f" and {args.plot}")
    )


if __name__ == "__main__":
    main()
