"""What every request's input must be before a view sees it.

- Whole numbers in paths fit the id columns (INTEGER: 32 bits on PostgreSQL); a larger
  number is a 404, not a 500.
- No NUL character in any field or query parameter: no text contains one, PostgreSQL
  refuses it, and SQLite would store it. Refused with 400 before anything is read.
- Behind a reverse proxy (``PROXY_FIX_X_FOR`` > 0), the client's address and scheme are
  taken from the proxy's headers, so limits per address see the real client.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, request
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
    app.before_request(_refuse_nul)
    proxies = app.config["PROXY_FIX_X_FOR"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]


def _refuse_nul() -> None:
    if "\x00" in request.path or any(
        "\x00" in key or "\x00" in value
        for values in (request.args, request.form)
        for key, value in values.items(multi=True)
    ):
        abort(400, NUL)
