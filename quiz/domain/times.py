"""Datetimes from either database, as UTC; the time zones a student may choose. Plain
Python."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import overload
from zoneinfo import ZoneInfo, available_timezones


@overload
def aware(moment: datetime) -> datetime: ...
@overload
def aware(moment: None) -> None: ...
def aware(moment: datetime | None) -> datetime | None:
    """*moment* as a datetime in UTC. SQLite hands back naive UTC datetimes, PostgreSQL
    aware ones in the session's time zone; fsrs and the exports want UTC exactly."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# The zones a student may choose: every IANA region/city name the system knows, and UTC
# (the bare legacy aliases such as "EST" or "Japan", the Etc/GMT+n offsets whose signs read
# backwards, and the posix/right copies, left out).
_SKIPPED = ("posix/", "right/", "SystemV/", "Etc/")


@cache
def zone_names() -> tuple[str, ...]:
    """The time zones offered to a student, sorted (UTC first)."""
    names = (n for n in available_timezones() if "/" in n and not n.startswith(_SKIPPED))
    return ("UTC", *sorted(names))


def is_zone(name: str | None) -> bool:
    """Whether *name* is one of the zones a student may choose."""
    return bool(name) and name in _known()


@cache
def _known() -> frozenset[str]:
    return frozenset(zone_names())


def zone(name: str | None) -> ZoneInfo:
    """The zone called *name*, or UTC when it is unset or unknown."""
    return ZoneInfo(name) if name and is_zone(name) else ZoneInfo("UTC")
