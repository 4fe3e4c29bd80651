"""Who is logged in, who may see what, and the headers every response carries."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, Response, abort, current_app, g, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user, login_required
from itsdangerous import URLSafeTimedSerializer

from quiz.store import attempts
from quiz.store.models import Attempt
from quiz.store.users import session_user
from quiz.web.context import now
from quiz.web.extensions import login_manager
from quiz.web.inputs import BIGGEST_ID

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signing serializer made once per set of
    keys rather than on every request (making one also test-serialises an empty session).
    A new ``SECRET_KEY`` or ``SECRET_KEY_FALLBACKS`` makes a new one."""

    def __init__(self) -> None:
        self._made: tuple[tuple[Any, ...], URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, *(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        made = self._made
        if made is None or made[0] != keys:
            made = self._made = (keys, super().get_signing_serializer(app))
        return made[1]


def init_app(app: Flask) -> None:
    app.session_interface = CookieSessions()
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to continue."
    login_manager.login_message_category = "info"
    app.after_request(_headers)


@login_manager.user_loader
def _load_user(session_id: str) -> Any:
    """The user a session names (``id.version``), only at the user's current session
    version: logging out or a new password ends every copy of every older session."""
    user_id, _, version = session_id.partition(".")
    if not (user_id.isdigit() and version.isdigit()) or int(user_id) > BIGGEST_ID:
        return None
    found = session_user(int(user_id), now())
    if found is None or found[0].session_version != int(version):
        return None
    user, g.exams_open = found  # read by quiz.web.holds: no second query for most pages
    return user


HSTS = "max-age=31536000"  # a year; sent when cookies are Secure (served over HTTPS)


def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint != "static":  # pages and exports: personal, or carry a form token
        response.headers["Cache-Control"] = "no-store"
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers["Strict-Transport-Security"] = HSTS
    return response


def instructor_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Only instructors: anonymous visitors are sent to log in, students get 403."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_instructor:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def own_attempt(attempt_id: int) -> Attempt:
    """The attempt, if it belongs to the current user; otherwise 404 (not 403: no leak)."""
    attempt = attempts.get_own(current_user.id, attempt_id)
    if attempt is None:
        abort(404)
    return attempt
