"""The app's clock. Tests set ``app.config["CLOCK"]`` to a callable returning a datetime."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import current_app


def now() -> datetime:
    clock = current_app.config.get("CLOCK")
    return clock() if clock else datetime.now(timezone.utc)
