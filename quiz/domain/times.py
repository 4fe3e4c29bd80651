"""Datetimes from either database, as UTC. Plain Python."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload


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
