"""Exam delivery as pure rules: where each button of an exam page leads, the navigator's
marks, the flags, what "Submit all" lists, the time left, and what saving an answer again
does to the attempt's running score.

An exam page is one form. Every way off the page (Next, Previous, a navigator item, Flag,
Submit all) is a submit button named ``go``, so moving saves the answer on the page first;
the value of ``go`` says where to go (:func:`read_move`).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from quiz.domain.times import aware

# A time-up submission (the page's script, when its countdown reaches 0) that arrives at
# most this long before the deadline closes the attempt at the deadline; earlier than that
# it is an ordinary save (the server's clock is the authority, not the page's).
TIME_UP_GRACE = timedelta(seconds=5)


class Go(StrEnum):
    """What a button of the exam form asks for, besides saving the answer on the page."""

    STAY = "stay"  # save only (the background save; a form sent without a button)
    NEXT = "next"
    PREVIOUS = "previous"
    FLAG = "flag"
    UNFLAG = "unflag"
    REVIEW = "review"  # "Submit all": the list of what is unanswered or flagged
    TIME_UP = "timeup"  # the page's countdown reached 0


@dataclass(frozen=True)
class Move:
    """Where a submitted exam form leads: a question, or the review before submitting;
    whether it sets (True) or clears (False) the flag of the question it came from."""

    go: Go
    position: int | None  # the question to show next; None: the review page (or the result)
    flag: bool | None = None


def read_move(value: str | None, position: int, size: int) -> Move:
    """The move a button's ``go`` value asks for from question *position* of *size*: a
    word (:class:`Go`) or a question's number (a navigator item). Anything else (a form
    sent with Enter, or from an older page without the button) is Next, the form's first
    button."""
    text = (value or "").strip()
    if text.isdigit() and len(text) <= 6:
        return Move(Go.STAY, min(max(int(text), 1), size))
    try:
        go = Go(text)
    except ValueError:
        go = Go.NEXT
    if go is Go.NEXT:
        return Move(go, position + 1 if position < size else None)
    if go is Go.PREVIOUS:
        return Move(go, max(position - 1, 1))
    if go in (Go.FLAG, Go.UNFLAG):
        return Move(go, position, flag=go is Go.FLAG)
    if go in (Go.REVIEW, Go.TIME_UP):
        return Move(go, None)
    return Move(Go.STAY, position)


def with_flag(flagged: Iterable[int], position: int, on: bool) -> list[int]:
    """The flagged positions, sorted, with *position* flagged (*on*) or not."""
    kept = {int(p) for p in flagged} - {position}
    return sorted(kept | {position} if on else kept)


@dataclass(frozen=True)
class NavItem:
    """One question in the navigator."""

    position: int
    answered: bool
    flagged: bool
    current: bool

    @property
    def state(self) -> str:
        """The state in words: "answered", "not answered", each maybe "flagged"."""
        words = "answered" if self.answered else "not answered"
        return f"{words}, flagged" if self.flagged else words

    @property
    def label(self) -> str:
        """What a screen reader says for the item."""
        here = ", current question" if self.current else ""
        return f"Question {self.position}: {self.state}{here}"


def navigator(
    size: int, answered: Collection[int], flagged: Collection[int], current: int | None
) -> list[NavItem]:
    """Every question of the exam, in order, with its marks."""
    return [NavItem(n, n in answered, n in flagged, n == current) for n in range(1, size + 1)]


@dataclass(frozen=True)
class Outstanding:
    """What "Submit all" lists before the student confirms."""

    unanswered: list[int]
    flagged: list[int]

    @property
    def nothing(self) -> bool:
        return not self.unanswered and not self.flagged


def outstanding(size: int, answered: Collection[int], flagged: Collection[int]) -> Outstanding:
    positions = range(1, size + 1)
    return Outstanding(
        [n for n in positions if n not in answered], [n for n in positions if n in flagged]
    )


def seconds_left(deadline_at: datetime | None, now: datetime) -> int | None:
    """Whole seconds until the deadline (rounded down, never below 0), or None without
    one: what the page's countdown starts from, so it never shows more than the server
    allows."""
    if deadline_at is None:
        return None
    left = (aware(deadline_at) - aware(now)).total_seconds()
    return max(0, math.floor(left))


def time_up_close(deadline_at: datetime | None, now: datetime) -> datetime | None:
    """When a time-up submission arriving at *now* closes the attempt: at its deadline, if
    that is at most :data:`TIME_UP_GRACE` away; None otherwise (too early: save only)."""
    if deadline_at is None:
        return None
    deadline = aware(deadline_at)
    return deadline if deadline - aware(now) <= TIME_UP_GRACE else None


@dataclass(frozen=True)
class Change:
    """What saving one question's answer again does to the attempt's running totals."""

    score: float
    answered: int


def change(before: float | None, after: float | None) -> Change:
    """The change from the stored score *before* (None: no answer stored) to *after*
    (None: the answer was cleared)."""
    was, now = before is not None, after is not None
    return Change((after or 0.0) - (before or 0.0), int(now) - int(was))


class LastAnswer(StrEnum):
    """What became of the answer on the page when an exam ended."""

    SAVED = "saved"  # stored before the end (now, or already by the background save)
    REFUSED = "refused"  # it arrived after the end: not recorded
    BLANK = "blank"  # nothing was typed or chosen
    UNREADABLE = "unreadable"  # what was typed could not be read as an answer


LAST_ANSWER_WORDS = {
    LastAnswer.SAVED: "Your last answer was saved in time and counts.",
    LastAnswer.REFUSED: "Your last answer arrived after the exam had ended, so it was NOT recorded.",
    LastAnswer.BLANK: "The question you were on was left blank.",
    LastAnswer.UNREADABLE: "Your last answer could not be read as an answer, so it was NOT recorded.",
}
