"""Dates and times as a student reads them, without JavaScript: in the time zone they
chose in their settings (``User.timezone``), or in UTC, saying so, when they chose none.

Each is written inside ``<time datetime="ISO" data-local>``, so ``static/js/localtime.js``
can show it again in the browser's own zone when scripts run.
"""

from __future__ import annotations

from datetime import datetime

from flask import Flask
from flask_login import current_user
from markupsafe import Markup, escape

from quiz.domain.times import aware, is_zone, zone


def init_app(app: Flask) -> None:
    app.jinja_env.filters["local_time"] = local_time


def user_zone() -> str | None:
    """The zone the current user chose, or None (not logged in, or never chosen)."""
    if not current_user.is_authenticated:
        return None
    name = getattr(current_user, "timezone", None)
    return name if is_zone(name) else None


def in_words(moment: datetime, zone_name: str | None, with_date: bool = True) -> str:
    """*moment* as words in the zone *zone_name* (UTC when None), naming the zone:
    "Tue 1 Dec 2026, 10:00 (Europe/Paris)", or "Tue 1 Dec 2026, 09:00 UTC"."""
    local = aware(moment).astimezone(zone(zone_name))
    day = f"{local:%a} {local.day} {local:%b %Y}, " if with_date else ""
    where = f"({zone_name})" if zone_name and zone_name != "UTC" else "UTC"
    return f"{day}{local:%H:%M} {where}"


def local_time(moment: datetime | None, with_date: bool = True) -> Markup:
    """The filter ``{{ moment | local_time }}``: a ``<time>`` element in the user's zone."""
    if moment is None:
        return Markup("")
    iso = aware(moment).isoformat(timespec="seconds")
    words = in_words(moment, user_zone(), with_date)
    date = "" if with_date else ' data-time-only="true"'
    return Markup(f'<time datetime="{escape(iso)}" data-local{date}>{escape(words)}</time>')
