"""The app's own error pages: no stack trace or debug page ever reaches a browser."""

from __future__ import annotations

from flask import Flask, current_app, g, render_template, request
from flask_login import AnonymousUserMixin
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from quiz.store.unit import Unavailable, is_unavailable, rollback

MESSAGES = {
    400: "The request could not be understood.",
    403: "You do not have access to this page.",
    404: "There is nothing at this address.",
    405: "That action is not allowed here.",
    409: "That was already done.",
    413: "That was too much to send at once, so nothing was saved.",
    429: "Too many attempts. Please wait a minute and try again.",
    500: "Something went wrong on our side. Your earlier answers are saved.",
    503: "The quiz cannot reach its records just now. Please try again in a few minutes.",
}
DETAILS = {
    413: "Answers and names are short: shorten what you typed, then go back and send it again.",
}
NOT_SAVED = (
    "The server could not store it just now (its disk may be full, or its database out of "
    "reach). Nothing from that page was recorded. Wait a minute, then go back and send it again."
)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf)
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(Unavailable, _unavailable)
    app.register_error_handler(Exception, _unexpected)


def _render(code: int, message: str | None = None, detail: str | None = None):
    page = render_template(
        "errors/error.html",
        code=code,
        message=message or MESSAGES.get(code, "Error."),
        detail=detail or DETAILS.get(code),
    )
    return page, code


def _csrf(error: CSRFError):
    return _render(
        400,
        "This form has expired or was not sent from this site. Go back, reload the page and try again.",
    )


def _http(error: HTTPException):
    code = error.code or 500
    message, detail = MESSAGES.get(code), None
    if code in (400, 409) and error.description and not error.description.startswith("The browser"):
        # our own message: its first sentence is the heading, the rest says what to do
        message, _, detail = error.description.partition(". ")
        message = message if not detail else f"{message}."
    return _render(code, message, detail or None)


def _unavailable(error: Exception):
    """The database could not be read or written: say plainly that nothing was saved."""
    rollback()
    current_app.logger.error("database unavailable", exc_info=error)
    g._login_user = AnonymousUserMixin()  # the page must not ask the database who this is
    if request.method != "POST":
        page, code = _render(503)
    else:
        what = "Your answer was" if request.endpoint == "practice.question" else "That was"
        page, code = _render(503, f"{what} NOT saved.", NOT_SAVED)
    return page, code, {"Retry-After": "60"}


def _unexpected(error: Exception):
    """Any other exception: log it with its traceback, roll back, show our own 500 page."""
    if is_unavailable(error):
        return _unavailable(error)
    rollback()
    current_app.logger.error("unhandled error", exc_info=error)
    return _render(500)
