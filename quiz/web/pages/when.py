"""Dates and times as a person reads them: in their own time zone, naming it, inside a
``<time>`` element. A person who never chose a zone (``User.timezone`` is NULL) reads UTC,
named as such, and the element is marked ``data-local`` so ``static/js/localtime.js`` can
show it again in the browser's zone; the page states it in words without the script."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask_login import current_user
from markupsafe import Markup, escape

from quiz.domain.times import aware, in_zone, zone_of


def when(moment: datetime | None, zone: str | None, empty: str = "—") -> Markup:
    """``<time datetime="...Z">Tue 1 Dec 2026, 09:00 Europe/Paris</time>``; *empty* for none.
    An unknown zone (None) shows UTC and lets the browser's script show its own zone."""
    if moment is None:
        return Markup(escape(empty))
    stamp = aware(moment).strftime("%Y-%m-%dT%H:%M:%SZ")
    local = "" if known(zone) else Markup(" data-local")
    return Markup('<time datetime="{}"{}>{}</time>').format(stamp, local, when_text(moment, zone))


def when_text(moment: datetime, zone: str | None) -> str:
    """``Tue 1 Dec 2026, 09:00 Europe/Paris``: the time in *zone* (UTC when unknown),
    naming it."""
    local = in_zone(moment, zone)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} {known(zone) or 'UTC'}"


def known(zone: str | None) -> str | None:
    """*zone* when it names a time zone this system knows; None otherwise."""
    return zone if zone and zone_of(zone).key == zone else None


def wall_clock(moment: datetime | None, zone: str | None) -> str:
    """The value of a date-time input in *zone* (``2026-12-01T09:00``), or ''."""
    return "" if moment is None else f"{in_zone(moment, zone):%Y-%m-%dT%H:%M}"


def user_zone() -> str | None:
    """The logged-in person's zone; None when they chose none (or nobody is logged in)."""
    if not current_user.is_authenticated:
        return None
    return getattr(current_user, "timezone", None) or None


def helpers() -> dict[str, Callable[..., Markup]]:
    """``when(moment, empty)`` for every template: in the logged-in person's time zone."""
    zone = user_zone()

    def shown(moment: datetime | None, empty: str = "—") -> Markup:
        return when(moment, zone, empty)

    return {"when": shown}
