"""What every request's input must be before a view sees it.

- Whole numbers in paths fit the id columns (INTEGER: 32 bits on PostgreSQL); a larger
  number is a 404, not a 500.
- No NUL character in any field or query parameter: no text contains one, PostgreSQL
  refuses it, and SQLite would store it. Refused with 400 before anything is read.
- Behind a reverse proxy (``PROXY_FIX_X_FOR`` > 0), the client's address and scheme are
  taken from the proxy's headers, so limits per address see the real client.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, abort, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

BIGGEST_ID = 2**31 - 1  # the id columns are INTEGER: 32 bits on PostgreSQL
NUL = "The request contains a NUL character (a zero byte), which no answer or name can hold. Nothing was saved."


class DatabaseInt(IntegerConverter):
    """``<int:...>`` in every route: from 0 to the largest id the columns hold."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", BIGGEST_ID)
        super().__init__(url_map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Before the blueprints are registered (the converter applies to their rules)."""
    app.url_map.converters["int"] = DatabaseInt
    app.before_request(_widen_limits)  # first: the NUL check reads the body
    app.before_request(_refuse_nul)
    proxies = app.config["PROXY_FIX_X_FOR"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]


def _refuse_nul() -> None:
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        return  # too large to read: the view says so beside its field, or the 413 page does
    reads_form = request.method not in ("GET", "HEAD")  # the views read no form on these
    sources = (request.args, request.form) if reads_form else (request.args,)
    if "\x00" in request.path or any(
        "\x00" in key or "\x00" in value
        for values in sources
        for key, value in values.items(multi=True)
    ):
        abort(400, NUL)


View = TypeVar("View", bound=Callable[..., Any])
SLACK = 256 * 1024  # bytes: the other fields and the multipart framing around a file


def body_limit(total: int | str, field: int | None = None) -> Callable[[View], View]:
    """Let one view take a larger body than ``MAX_CONTENT_LENGTH``: *total* bytes (or the
    config key that names them) plus room for its other fields, a text field up to *field*
    bytes. The view says what is too large beside its field; beyond this, the 413 page.
    Put it directly under the route."""

    def mark(view: View) -> View:
        view.body_limit = (total, field)  # type: ignore[attr-defined]
        return view

    return mark


def _widen_limits() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    limits = getattr(view, "body_limit", None)
    if limits is None:
        return
    total, field = limits
    size = int(current_app.config[total]) if isinstance(total, str) else total
    request.max_content_length = size + SLACK
    if field is not None:
        request.max_form_memory_size = field + SLACK
