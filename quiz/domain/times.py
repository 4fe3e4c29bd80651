"""Datetimes from either database, as UTC, and wall-clock times in a person's time zone.
Plain Python."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@overload
def aware(moment: datetime) -> datetime: ...
@overload
def aware(moment: None) -> None: ...
def aware(moment: datetime | None) -> datetime | None:
    """*moment* as a datetime in UTC. SQLite hands back naive UTC datetimes, PostgreSQL
    aware ones in the session's time zone; fsrs and the exports want UTC exactly."""
    if moment is None or moment.tzinfo is UTC:  # most often already right: return it as is
        return moment
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def zone_of(name: str | None) -> ZoneInfo:
    """The named IANA time zone; UTC for an empty or unknown name."""
    try:
        return ZoneInfo(name) if name else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def in_zone(moment: datetime, zone: str | None) -> datetime:
    """*moment* (UTC, naive or aware) as the wall-clock time in *zone*."""
    return aware(moment).astimezone(zone_of(zone))


def from_wall_clock(local: datetime, zone: str | None) -> datetime:
    """A wall-clock time typed in *zone* (naive) as an aware UTC datetime. A time that
    occurs twice when clocks go back is the first; one skipped when they go forward is
    read with the offset before the change."""
    return local.replace(tzinfo=zone_of(zone), fold=0).astimezone(UTC)
