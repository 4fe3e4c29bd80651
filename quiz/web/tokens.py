"""The CSRF token a page carries: Flask-WTF's, signed at most once a minute per session.

Flask-WTF signs the session's secret token on every page that carries one (a new
serializer, JSON, zlib and an HMAC: about 20 us of a question page). The app sets no time
limit on tokens (``WTF_CSRF_TIME_LIMIT`` is None: a token lasts as long as its session),
so the signature's timestamp limits nothing, and a page may carry the token this process
signed for the same secret in the last minute (were a limit set, a token would expire at
most a minute sooner). CSRFProtect checks every POST as before;
a new session secret (a new session) or a new key gets a new signature at once. A form
with its own token field (a FlaskForm with CSRF on) still has Flask-WTF sign its token when
the view builds it; the pages that write ``csrf_token()`` (the layout's log-out form, the
question page) reuse it."""

from __future__ import annotations

from time import monotonic

from flask import Flask, current_app, g, session
from flask_wtf.csrf import generate_csrf

REUSE_S = 60.0
_MOST = 10_000  # sessions remembered per process; past that, start again
_SIGNED: dict[tuple[object, str], tuple[str, float]] = {}


def init_app(app: Flask) -> None:
    """After CSRFProtect, which puts ``generate_csrf`` in the same two places."""
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})


def _key() -> tuple[object, str] | None:
    secret = session.get("csrf_token")
    if not isinstance(secret, str):
        return None
    config = current_app.config
    return (config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key, secret)


def csrf_token() -> str:
    """The signed token for this page; Flask-WTF's, as ``generate_csrf`` gives it."""
    signed: str | None = g.get("csrf_token")
    if signed is not None:
        return signed
    key, moment = _key(), monotonic()
    reuse = None if key is None else _SIGNED.get(key)
    if reuse is not None and moment - reuse[1] < REUSE_S:
        g.csrf_token = reuse[0]
        return reuse[0]
    signed = generate_csrf()
    key = _key()  # the secret may be new: generate_csrf makes one for a new session
    if key is not None:
        if len(_SIGNED) >= _MOST:
            _SIGNED.clear()
        _SIGNED[key] = (signed, moment)
    return signed
