"""Appeals: a student says "I think my answer should count"; an instructor accepts (the
response then scores full marks, and its attempt's score rises by the difference) or
declines, and the appeal keeps who decided, when and why. Plain Python."""

from __future__ import annotations

from enum import StrEnum

COMMENT_MAX = 500
REPLY_MAX = 500


class Status(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"


STATUS_LABELS = {
    Status.OPEN: "Waiting for an instructor",
    Status.ACCEPTED: "Accepted: your answer now counts as correct",
    Status.DECLINED: "Declined",
}


def may_appeal(score: float, flashcard: bool) -> bool:
    """Only an answer that lost marks, and was graded (not a self-rated flashcard)."""
    return score < 1.0 and not flashcard


def accepted_score() -> float:
    """An accepted appeal gives the response full marks."""
    return 1.0
