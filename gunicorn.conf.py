"""gunicorn settings for serving quiz with several worker processes.

Run: .venv/bin/gunicorn -c gunicorn.conf.py "quiz:create_app()"   (or `make serve`)
Every setting can be overridden from the environment (QUIZ_BIND, QUIZ_WORKERS, ...).
"""

import multiprocessing
import os

bind = os.environ.get("QUIZ_BIND", "127.0.0.1:8000")
# Sync workers: the app is short CPU-bound requests plus a small SQLite write.
workers = int(os.environ.get("QUIZ_WORKERS", max(2, multiprocessing.cpu_count() * 2)))
worker_class = "sync"
timeout = int(os.environ.get("QUIZ_TIMEOUT", "30"))
graceful_timeout = 10
keepalive = 2
# Load the app (and check every bank) once in the master, then fork: faster start-up
# and a broken bank is reported once. Database connections are opened after the fork.
preload_app = True
accesslog = os.environ.get("QUIZ_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("QUIZ_LOG_LEVEL", "info")


def post_fork(server, worker):
    """Drop any database connection inherited from the master process."""
    from quiz.store.db import db  # noqa: PLC0415 - the config file is read before the app

    app = worker.app.callable
    if app is not None and "sqlalchemy" in app.extensions:  # bench/baseline_app.py has none
        with app.app_context():
            db.engine.dispose(close=False)
