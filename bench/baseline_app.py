"""Baselines for bench/run.py: the least a Flask app can do per request, served by the
same gunicorn configuration (gunicorn.conf.py, same workers) as the quiz.

    /bare      GET: a constant string
    /template  GET: a small Jinja template with a form (bench/templates/baseline.html)
    /insert    POST: one row inserted into SQLite (WAL, busy_timeout, synchronous as the
               app) with SQLAlchemy, committed, then a 302 redirect, as an answer is

Run: gunicorn -c gunicorn.conf.py --chdir bench "baseline_app:create_app()"
The database file is BASELINE_DATABASE (default: baseline.sqlite in the working folder).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask, redirect, render_template, request
from sqlalchemy import DateTime, String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

HERE = Path(__file__).resolve().parent
OPTIONS = [
    ("a", "Clonazepam is a benzodiazepine."),
    ("b", "Clonazepam is an antibiotic."),
    ("c", "Clonazepam is an antihistamine."),
    ("d", "Clonazepam is a statin."),
]


class Base(DeclarativeBase):
    pass


class Row(Base):
    __tablename__ = "row"
    id: Mapped[int] = mapped_column(primary_key=True)
    answer: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def create_app() -> Flask:
    app = Flask(__name__, template_folder=str(HERE / "templates"))
    engine = create_engine(f"sqlite:///{os.environ.get('BASELINE_DATABASE', 'baseline.sqlite')}")
    synchronous = os.environ.get("QUIZ_SQLITE_SYNCHRONOUS", "NORMAL").upper()

    @event.listens_for(engine, "connect")
    def _configure(connection: sqlite3.Connection, _record: object) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()

    Base.metadata.create_all(engine)
    engine.dispose()  # gunicorn preloads, then forks: no connection crosses the fork

    @app.get("/bare")
    def bare() -> str:
        return "ok"

    @app.get("/template")
    def template() -> str:
        return render_template(
            "baseline.html", prompt="Which of these is true?", options=OPTIONS, token="x" * 88
        )

    @app.post("/insert")
    def insert():
        with Session(engine) as session:
            session.add(Row(answer=request.form.get("answer", ""), created_at=datetime.now(UTC)))
            session.commit()
        return redirect("/bare")

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
