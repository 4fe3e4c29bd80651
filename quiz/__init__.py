"""quiz: a self-study quiz grounded in its source documents."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the app: defaults, instance config, environment, then tests."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        SECRET_KEY=None,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{Path(app.instance_path) / 'quiz.sqlite'}",
        QUESTIONS_DIR=str(ROOT / "questions"),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        SQLITE_SYNCHRONOUS="NORMAL",
        RATELIMIT_STORAGE_URI="memory://",
        RATELIMIT_AUTH="10 per minute",
        WTF_CSRF_TIME_LIMIT=None,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("QUIZ")
        _from_environment(app)
    else:
        app.config.update(test_config)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    if app.config.get("SECURE_COOKIES"):
        app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)

    from quiz import catalog, cli, database, errors, ops, security
    from quiz.extensions import csrf, limiter, login_manager, migrate
    from quiz.extensions import db

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    catalog.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    ops.init_app(app)

    from quiz.views import auth, health, history, instructor, practice, review, sources

    for module in (auth, practice, history, sources, health, review, instructor):
        app.register_blueprint(module.bp)
    return app


def _from_environment(app: Flask) -> None:
    """SECRET_KEY and DATABASE_URL, the two settings a deployment always gives."""
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    url = os.environ.get("DATABASE_URL")
    if url:
        # Hosting platforms still hand out the old "postgres://" scheme.
        app.config["SQLALCHEMY_DATABASE_URI"] = url.replace("postgres://", "postgresql://", 1)


def _instance_secret(instance: Path) -> str:
    """A secret key kept in the instance folder, made once, so sessions survive restarts
    and every worker process shares it."""
    path = instance / "secret_key"
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
        except FileExistsError:
            pass  # another worker wrote it first
    return path.read_text().strip()
