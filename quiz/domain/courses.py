"""Courses: an assignment's window and rules, a student's standing on it, and the grade
that counts. Plain Python: the store reads the facts, these functions decide.

Dates are aware datetimes in UTC; a student's time zone only changes how they are shown.
"""

from __future__ import annotations

import random
import secrets
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from quiz.domain.times import aware

JOIN_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "O0I1")
JOIN_LENGTH = 8


def join_code(rng: secrets.SystemRandom | None = None) -> str:
    """A class's join code: 8 characters no one confuses (no O/0, no I/1)."""
    chooser = rng or secrets.SystemRandom()
    return "".join(chooser.choice(JOIN_ALPHABET) for _ in range(JOIN_LENGTH))


def normal_code(typed: str) -> str:
    """A typed join code as stored: capitals, no spaces or dashes."""
    return "".join(c for c in typed.upper() if c.isalnum())


class Selection(StrEnum):
    """Which questions an assignment gives."""

    BANK = "bank"  # a whole bank
    CHOSEN = "chosen"  # questions the instructor picked
    RANDOM = "random"  # N drawn per student from one or more banks


class Counting(StrEnum):
    """Which of a student's attempts gives the grade."""

    BEST = "best"
    LAST = "last"
    MEAN = "mean"


class Reveal(StrEnum):
    """When a student sees feedback and the key."""

    AFTER_EACH = "after_each"  # after each answer (practice)
    AFTER_SUBMIT = "after_submit"  # once the attempt is submitted
    AFTER_CLOSE = "after_close"  # once the assignment has closed


@dataclass(frozen=True)
class Window:
    """When an assignment can be taken. ``closes_at``: no attempt starts or is answered
    after it; ``due_at``: work submitted after it is late (allowed only when ``late``)."""

    opens_at: datetime | None
    due_at: datetime | None
    closes_at: datetime | None
    late_allowed: bool = False

    def in_utc(self) -> Window:
        """The same window with every date aware, in UTC."""
        return Window(
            aware(self.opens_at), aware(self.due_at), aware(self.closes_at), self.late_allowed
        )

    def problems(self) -> list[tuple[str, str]]:
        """(field, message) for dates that contradict each other."""
        out = []
        if self.opens_at and self.closes_at and aware(self.closes_at) <= aware(self.opens_at):
            out.append(("closes_at", "The assignment must close after it opens."))
        if self.opens_at and self.due_at and aware(self.due_at) <= aware(self.opens_at):
            out.append(("due_at", "The due date must come after the assignment opens."))
        if self.due_at and self.closes_at and aware(self.closes_at) < aware(self.due_at):
            out.append(("closes_at", "The assignment cannot close before it is due."))
        return out


@dataclass(frozen=True)
class Extension:
    """One student's extra time and later dates (None: as for the class)."""

    extra_time_s: int = 0
    due_at: datetime | None = None
    closes_at: datetime | None = None


def for_student(window: Window, extension: Extension | None) -> Window:
    """The window a student has: an extension only ever moves a date later."""
    if extension is None:
        return window

    def later(base: datetime | None, extra: datetime | None) -> datetime | None:
        if extra is None or base is None:
            return base if extra is None else extra
        return max(aware(base), aware(extra))

    return Window(
        window.opens_at,
        later(window.due_at, extension.due_at),
        later(window.closes_at, extension.closes_at),
        window.late_allowed,
    )


class Availability(StrEnum):
    NOT_YET = "not_yet"
    OPEN = "open"
    LATE = "late"  # past due, still accepting (late allowed)
    CLOSED = "closed"


def availability(window: Window, now: datetime) -> Availability:
    moment = aware(now)
    if window.opens_at and moment < aware(window.opens_at):
        return Availability.NOT_YET
    if window.closes_at and moment >= aware(window.closes_at):
        return Availability.CLOSED
    if window.due_at and moment >= aware(window.due_at):
        return Availability.LATE if window.late_allowed else Availability.CLOSED
    return Availability.OPEN


def _in_utc(moment: datetime) -> str:
    return f"{aware(moment):%d %b %Y at %H:%M} UTC"


def start_refusal(
    window: Window,
    used: int,
    allowed: int | None,
    now: datetime,
    show: Callable[[datetime], str] = _in_utc,
) -> str | None:
    """Why a student may not start another attempt now, in words (dates as *show* writes
    them, e.g. in the student's time zone); None when they may."""
    state = availability(window, now)
    if state is Availability.NOT_YET:
        assert window.opens_at is not None
        return f"This assignment opens on {show(window.opens_at)}."
    if state is Availability.CLOSED:
        return "This assignment is closed: it no longer takes attempts."
    if allowed is not None and used >= allowed:
        return f"You have used all {allowed} attempt(s) this assignment allows."
    return None


def attempt_deadline(
    started_at: datetime, time_limit_s: int | None, extra_time_s: int, window: Window
) -> datetime | None:
    """When an attempt must end: its time limit (plus any extra time), and never after the
    assignment closes (or is due, when late work is not allowed)."""
    ends = []
    if time_limit_s:
        ends.append(aware(started_at) + timedelta(seconds=time_limit_s + extra_time_s))
    if window.closes_at:
        ends.append(aware(window.closes_at))
    if window.due_at and not window.late_allowed:
        ends.append(aware(window.due_at))
    return min(ends) if ends else None


def reveal_now(reveal: Reveal, attempt_ended: bool, window: Window, now: datetime) -> bool:
    """Whether feedback and the key may be shown for an attempt now."""
    if reveal is Reveal.AFTER_EACH:
        return True
    if reveal is Reveal.AFTER_SUBMIT:
        return attempt_ended
    return attempt_ended and availability(window, now) is Availability.CLOSED


def draw(question_ids: Sequence[str], count: int, rng: random.Random) -> list[str]:
    """*count* questions drawn without repeats (all of them when there are fewer)."""
    pool = list(dict.fromkeys(question_ids))
    return rng.sample(pool, min(count, len(pool)))
