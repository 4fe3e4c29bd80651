"""The app's own error pages: no stack trace or debug page ever reaches a browser."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from quiz.store.unit import rollback

MESSAGES = {
    400: "The request could not be understood.",
    403: "You do not have access to this page.",
    404: "There is nothing at this address.",
    405: "That action is not allowed here.",
    409: "That was already done.",
    429: "Too many attempts. Please wait a minute and try again.",
    500: "Something went wrong on our side. Your earlier answers are saved.",
}


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf)
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(Exception, _unexpected)


def _render(code: int, message: str | None = None):
    return render_template(
        "errors/error.html", code=code, message=message or MESSAGES.get(code, "Error.")
    ), code


def _csrf(error: CSRFError):
    return _render(
        400,
        "This form has expired or was not sent from this site. Go back, reload the page and try again.",
    )


def _http(error: HTTPException):
    code = error.code or 500
    message = MESSAGES.get(code)
    if code in (400, 409) and error.description and not error.description.startswith("The browser"):
        message = error.description
    return _render(code, message)


def _unexpected(error: Exception):
    """Any other exception: log it with its traceback, roll back, show our own 500 page."""
    rollback()
    current_app.logger.error("unhandled error", exc_info=error)
    return _render(500)
