"""Every setting in one place: its default, and how the environment sets it.

Order: the defaults below, then ``instance/config.py``, then ``QUIZ_<KEY>`` environment
variables for the keys listed here (parsed by the default's type: ``true``/``false`` for
a switch, a whole number for a number), then the two names every host gives:
``SECRET_KEY`` and ``DATABASE_URL``. Tests pass their settings instead of reading any file.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

DEFAULTS: dict[str, Any] = {
    "SECRET_KEY": None,  # otherwise made once and kept in instance/secret_key
    "SQLALCHEMY_DATABASE_URI": None,  # SQLite in the instance folder unless given
    "QUESTIONS_DIR": str(ROOT / "questions"),
    "SECURE_COOKIES": False,  # mark cookies Secure (serve over HTTPS)
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "SQLITE_SYNCHRONOUS": "NORMAL",  # OFF, NORMAL, FULL or EXTRA (docs/deployment.md)
    # PostgreSQL's synchronous_commit for the app's connections: "off" makes the same trade
    # as SQLite's NORMAL; "on" waits for the disk on every commit (docs/deployment.md)
    "POSTGRES_SYNCHRONOUS_COMMIT": "off",
    # Request size: the largest form is a few kB; anything bigger is refused with 413.
    "MAX_CONTENT_LENGTH": 256 * 1024,  # bytes of a request body
    "MAX_FORM_MEMORY_SIZE": 64 * 1024,  # bytes of one multipart text field
    "MAX_FORM_PARTS": 100,  # fields and files of one multipart body
    "PROXY_FIX_X_FOR": 0,  # proxies in front that set X-Forwarded-For/-Proto (deployment.md)
    # Log-in and sign-up limits (docs/security.md); counters shared by every worker and
    # server when RATELIMIT_STORAGE_URI is a Redis or Memcached URL.
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_LOGIN_ACCOUNT": "10 per minute",  # failed log-ins to one account
    "RATELIMIT_LOGIN_ADDRESS": "100 per minute",  # failed log-ins from one address
    "RATELIMIT_SIGNUP": "30 per minute",  # sign-up posts from one address
    "WTF_CSRF_TIME_LIMIT": None,
    "CLOCK": None,  # tests: a callable returning the current datetime
    "CATALOG_CHECK_SECONDS": 1.0,  # how often a process looks whether the content changed
    "IMPORT_MAX_BYTES": 5
    * 1024
    * 1024,  # the largest question file an import takes (docs/interop.md)
}
SQLITE_SYNCHRONOUS = ("OFF", "NORMAL", "FULL", "EXTRA")
POSTGRES_SYNCHRONOUS_COMMIT = ("off", "local", "remote_write", "on", "remote_apply")
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A setting with a value the app cannot use."""


def parse_bool(name: str, text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false (got {text!r})")


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings the environment gives, typed like their defaults."""
    found: dict[str, Any] = {}
    for key, default in DEFAULTS.items():
        name = f"QUIZ_{key}"
        if name not in environ or key == "CLOCK":
            continue
        text = environ[name]
        if isinstance(default, bool):
            found[key] = parse_bool(name, text)
        elif isinstance(default, int):
            found[key] = int(text)
        elif isinstance(default, float):
            found[key] = float(text)
        else:
            found[key] = text
    if environ.get("SECRET_KEY"):
        found["SECRET_KEY"] = environ["SECRET_KEY"]
    url = environ.get("DATABASE_URL")
    if url:  # hosting platforms still hand out the old "postgres://" scheme
        found["SQLALCHEMY_DATABASE_URI"] = url.replace("postgres://", "postgresql://", 1)
    return found


def load(config: Any, instance: Path, test_config: Mapping[str, Any] | None) -> None:
    """Fill *config* (a Flask config) from the defaults, files, environment or tests."""
    config.from_mapping(DEFAULTS)
    config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'quiz.sqlite'}"
    if test_config is None:
        config.from_pyfile("config.py", silent=True)
        config.update(from_environment(os.environ))
    else:
        config.update(test_config)
    synchronous = str(config["SQLITE_SYNCHRONOUS"]).upper()
    if synchronous not in SQLITE_SYNCHRONOUS:
        raise ConfigError(f"SQLITE_SYNCHRONOUS must be one of {', '.join(SQLITE_SYNCHRONOUS)}")
    config["SQLITE_SYNCHRONOUS"] = synchronous
    commit = str(config["POSTGRES_SYNCHRONOUS_COMMIT"]).lower()
    if commit not in POSTGRES_SYNCHRONOUS_COMMIT:
        choices = ", ".join(POSTGRES_SYNCHRONOUS_COMMIT)
        raise ConfigError(f"POSTGRES_SYNCHRONOUS_COMMIT must be one of {choices}")
    config["POSTGRES_SYNCHRONOUS_COMMIT"] = commit
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = instance_secret(instance)
    if config["SECURE_COOKIES"] is True:
        config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    if config["PROXY_FIX_X_FOR"] < 0:
        raise ConfigError("PROXY_FIX_X_FOR must be 0 (no proxy) or the number of proxies")


def instance_secret(instance: Path) -> str:
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
