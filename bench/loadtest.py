"""Load without loss: simulated students answer whole banks against a live gunicorn.

Each simulated student signs up, starts an attempt on a bank, answers every question
through the real forms (CSRF token and all), finishes, and starts again, until the time
is up. Every answer the server acknowledges (a redirect after the POST) is remembered
with the answer the database should now hold. A request cut off by a dying worker is
retried, as a person would press the button again; the server must store it once.

Optionally one worker is killed with SIGKILL halfway through. Afterwards the database is
checked: PRAGMA integrity_check, and exactly the acknowledged responses, by count and by
content.

    python bench/loadtest.py --students 64 --seconds 60 --kill-worker

Loopback only; the loop is bounded by time and by a request budget.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load test password 1"


# ------------------------------------------------------------------- HTML forms


class FormParser(HTMLParser):
    """Collects the answer form: inputs, selects with their options, and labels."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict[str, str]] = []
        self.selects: dict[str, list[tuple[str, str]]] = {}
        self.labels: dict[str, str] = {}
        self.csrf = ""
        self._select: str | None = None
        self._option: str | None = None
        self._label_for: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input":
            if a.get("name") == "csrf_token" and not self.csrf:
                self.csrf = a.get("value", "")
            elif a.get("name"):
                self.inputs.append(a)
        elif tag == "select":
            self._select = a.get("name")
            self.selects[self._select or ""] = []
        elif tag == "option" and self._select:
            self._option = a.get("value", "")
            self._text = []
        elif tag == "label" and a.get("for"):
            self._label_for = a["for"]
            self._text = []

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._select and self._option is not None:
            self.selects[self._select].append((self._option, "".join(self._text).strip()))
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "label" and self._label_for:
            self.labels[self._label_for] = " ".join("".join(self._text).split())
            self._label_for = None


@dataclass(frozen=True)
class Shown:
    """A choice answer as the student chose it: places in the attempt's option order (the
    form's values say nothing more); ``verify`` turns them into the option ids stored."""

    places: tuple[int, ...]
    many: bool

    def stored(self, order: list[str]) -> Any:
        ids = [order[i] for i in self.places]
        return sorted(ids) if self.many else ids[0]


def choose_answer(html: str) -> tuple[dict[str, Any], Any]:
    """Form data answering the question on *html*, and the answer the server should store."""
    form = FormParser()
    form.feed(html)
    data: dict[str, Any] = {"csrf_token": form.csrf}
    answers = [i for i in form.inputs if i.get("name") == "answer"]
    if answers and answers[0].get("type") == "radio":
        value = answers[0]["value"]
        data["answer"] = value
        expected: Any = (
            {"true": True, "false": False}.get(value, value)
            if {a["value"] for a in answers} == {"true", "false"}
            else Shown((int(value),), many=False)
        )
    elif answers and answers[0].get("type") == "checkbox":
        data["answer"] = [answers[0]["value"]]
        expected = Shown((int(answers[0]["value"]),), many=True)
    elif answers:  # text: short answer or numeric
        text = "1" if answers[0].get("inputmode") == "decimal" else "GABA"
        data["answer"], expected = text, text
    elif any(name.startswith("m") for name in form.selects):
        expected = {}
        for name, options in form.selects.items():
            value, text = options[1]
            data[name] = value
            expected[form.labels[name]] = text
    else:  # ordering: item i gets position i + 1, so the stored order is the shown order
        names = sorted(form.selects, key=lambda n: int(n[1:]))
        for i, name in enumerate(names):
            data[name] = str(i + 1)
        expected = [form.labels[name] for name in names]
    return data, expected


# ------------------------------------------------------------------ the students


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    connection_errors: int = 0
    acked: dict[tuple[int, int], Any] = field(default_factory=dict)  # (attempt, position) -> answer
    finished_attempts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1


class Student:
    def __init__(
        self, base: str, name: str, stats: Stats, deadline: float, budget: list[int]
    ) -> None:
        self.base, self.name, self.stats, self.deadline, self.budget = (
            base,
            name,
            stats,
            deadline,
            budget,
        )
        self.http = requests.Session()

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """One request, retried on a cut connection (a killed worker) as a person would."""
        for _ in range(5):
            with self.stats.lock:
                if self.budget[0] <= 0:
                    raise TimeoutError("request budget spent")
                self.budget[0] -= 1
            started = time.perf_counter()
            try:
                response = self.http.request(
                    method, self.base + path, allow_redirects=False, timeout=30, **kwargs
                )
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
                # the worker died mid-request or mid-reply: press the button again
                with self.stats.lock:
                    self.stats.connection_errors += 1
                time.sleep(0.2)
                continue
            self.stats.record(time.perf_counter() - started, response.status_code)
            return response
        raise ConnectionError(f"{method} {path} failed five times")

    def csrf(self, path: str) -> str:
        form = FormParser()
        form.feed(self.request("GET", path).text)
        return form.csrf

    def run(self, banks: list[str]) -> None:
        token = self.csrf("/signup")
        self.request(
            "POST",
            "/signup",
            data={
                "csrf_token": token,
                "username": self.name,
                "password": PASSWORD,
                "confirm": PASSWORD,
            },
        )
        n = 0
        while time.monotonic() < self.deadline:
            bank = banks[(hash(self.name) + n) % len(banks)]
            n += 1
            r = self.request(
                "POST",
                f"/banks/{bank}/start",
                data={"csrf_token": self.csrf("/"), "practise": "Practise"},
            )
            attempt_path = r.headers["Location"].rsplit("/", 1)[0]
            attempt_id = int(attempt_path.rsplit("/", 1)[1])
            position = 1
            while time.monotonic() < self.deadline:
                page = self.request("GET", f"{attempt_path}/{position}")
                if page.status_code != 200 or 'class="question"' not in page.text:
                    break
                data, expected = choose_answer(page.text)
                r = self.request("POST", f"{attempt_path}/{position}", data=data)
                if r.status_code == 302:
                    with self.stats.lock:
                        self.stats.acked[(attempt_id, position)] = expected
                position += 1
            else:
                return
            self.request(
                "POST",
                f"{attempt_path}/finish",
                data={"csrf_token": self.csrf(f"{attempt_path}/summary")},
            )
            with self.stats.lock:
                self.stats.finished_attempts += 1


# -------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with N workers on a fresh SQLite database in *workdir* (or *database_url*).

    *app* and *migrate* let bench/run.py serve its baseline app with the same settings
    (migrating the quiz's database also imports the shipped banks); *env* adds environment
    variables."""

    def __init__(
        self,
        workdir: Path,
        workers: int = 4,
        synchronous: str = "NORMAL",
        app: str = "quiz:create_app()",
        migrate: bool = True,
        env: dict[str, str] | None = None,
        database_url: str | None = None,
    ) -> None:
        self.db = workdir / "load.sqlite"
        self.database_url = database_url or f"sqlite:///{self.db}"
        self.port = free_port()
        self.env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "QUIZ_RATELIMIT_ENABLED": "false",
            "QUIZ_WORKERS": str(workers),
            "QUIZ_BIND": f"127.0.0.1:{self.port}",
            "QUIZ_ACCESS_LOG": "",
            "QUIZ_LOG_LEVEL": "warning",
            "QUIZ_SQLITE_SYNCHRONOUS": synchronous,
            "SECRET_KEY": "load-test",
            **(env or {}),
        }
        self.workdir, self.app, self.migrate = workdir, app, migrate
        self.process: subprocess.Popen[bytes] | None = None
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        bin_dir = Path(sys.executable).parent
        if self.migrate:
            for command in (["db", "upgrade"], ["banks", "import"]):
                subprocess.run(
                    [str(bin_dir / "flask"), "--app", "quiz", *command],
                    env=self.env,
                    cwd=self.workdir,
                    check=True,
                    capture_output=True,
                )
        self.log = open(self.workdir / f"gunicorn-{self.port}.log", "wb")
        self.process = subprocess.Popen(
            [str(bin_dir / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), self.app],
            env=self.env,
            cwd=self.workdir,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            try:
                if requests.get(self.base + "/healthz", timeout=1).status_code == 200:
                    return self
            except (
                requests.ConnectionError,
                requests.Timeout,
            ):  # not bound yet, or workers still booting
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start; see " + self.log.name)

    def worker_pids(self) -> list[int]:
        assert self.process is not None
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=True,
        )
        return [int(p) for p in out.stdout.split()]

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


# -------------------------------------------------------------------- checking


@dataclass
class Outcome:
    students: int
    seconds: float
    requests: int
    answers_acked: int
    answers_stored: int
    missing: int
    mismatched: int
    unacknowledged_stored: int
    server_errors: int
    connection_errors: int
    integrity: str
    killed_worker: int | None
    served_after_kill: int
    finished_attempts: int
    p50_ms: float
    p99_ms: float
    requests_per_s: float
    answers_per_s: float

    @property
    def lost(self) -> int:
        return self.missing + self.mismatched


def verify(db: Path, acked: dict[tuple[int, int], Any]) -> tuple[int, int, int, int, str]:
    """(stored, missing, mismatched, stored but never acknowledged, integrity_check)."""
    con = sqlite3.connect(db)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        rows = {
            (a, p): json.loads(ans)
            for a, p, ans in con.execute("SELECT attempt_id, position, answer FROM response")
        }
        layouts = {a: json.loads(lay) for a, lay in con.execute("SELECT id, layout FROM attempt")}
    finally:
        con.close()
    acked = {
        (a, p): ans.stored(layouts[a][p - 1]["order"]) if isinstance(ans, Shown) else ans
        for (a, p), ans in acked.items()
    }
    missing = sum(1 for key in acked if key not in rows)
    mismatched = sum(1 for key, ans in acked.items() if key in rows and rows[key] != ans)
    extra = sum(1 for key in rows if key not in acked)
    return len(rows), missing, mismatched, extra, integrity


def run(
    students: int = 16,
    seconds: float = 10,
    workers: int = 4,
    kill_worker: bool = False,
    max_requests: int = 200_000,
    synchronous: str = "NORMAL",
    banks: list[str] | None = None,
) -> Outcome:
    """Run the whole load test in a temporary folder and return what it measured."""
    banks = banks or sorted(p.stem for p in (ROOT / "questions").glob("*.yaml"))
    with (
        tempfile.TemporaryDirectory(prefix="quiz-load-") as tmp,
        Server(Path(tmp), workers, synchronous) as server,
    ):
        stats = Stats()
        budget = [max_requests]
        started = time.monotonic()
        deadline = started + seconds
        killed, served_after = None, 0
        with ThreadPoolExecutor(max_workers=students) as pool:
            futures = [
                pool.submit(
                    Student(server.base, f"student{i:03d}", stats, deadline, budget).run, banks
                )
                for i in range(students)
            ]
            if kill_worker:
                time.sleep(seconds / 2)
                killed = server.worker_pids()[0]
                before = sum(stats.statuses.values())
                os.kill(killed, signal.SIGKILL)
                time.sleep(min(2.0, seconds / 4))
                served_after = sum(stats.statuses.values()) - before
            errors = [f.exception() for f in futures]
        elapsed = time.monotonic() - started
        failures = [e for e in errors if e is not None and not isinstance(e, TimeoutError)]
        if failures:
            raise RuntimeError(f"{len(failures)} simulated students failed: {failures[0]!r}")
        # Close every connection before reading the file, so WAL contents are visible.
        stored, missing, mismatched, extra, integrity = verify(server.db, stats.acked)
    lat = sorted(stats.latencies)
    return Outcome(
        students=students,
        seconds=round(elapsed, 1),
        requests=len(lat),
        answers_acked=len(stats.acked),
        answers_stored=stored,
        missing=missing,
        mismatched=mismatched,
        unacknowledged_stored=extra,
        server_errors=sum(n for code, n in stats.statuses.items() if code >= 500),
        connection_errors=stats.connection_errors,
        integrity=integrity,
        killed_worker=killed,
        served_after_kill=served_after,
        finished_attempts=stats.finished_attempts,
        p50_ms=round(1000 * statistics.median(lat), 1) if lat else 0.0,
        p99_ms=round(1000 * lat[int(0.99 * (len(lat) - 1))], 1) if lat else 0.0,
        requests_per_s=round(len(lat) / elapsed, 1),
        answers_per_s=round(len(stats.acked) / elapsed, 1),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--kill-worker", action="store_true")
    parser.add_argument("--synchronous", default="NORMAL", choices=["NORMAL", "FULL"])
    args = parser.parse_args()
    outcome = run(
        args.students, args.seconds, args.workers, args.kill_worker, synchronous=args.synchronous
    )
    print(json.dumps({**outcome.__dict__, "lost": outcome.lost}, indent=2))


if __name__ == "__main__":
    main()
