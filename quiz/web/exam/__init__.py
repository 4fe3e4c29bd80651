"""Exam delivery: one form per question with a navigator of every question, answers
saved as the student moves (and in the background), flags, "Submit all" after a list of
what is unanswered or flagged, a countdown whose deadline the server enforces, and the
result page. Every Mode.EXAM attempt is taken here, whatever its kind (docs/exams.md)."""

from __future__ import annotations

from quiz.web.exam import finish, questions  # noqa: F401  (routes join bp)
from quiz.web.exam.common import bp

__all__ = ["bp"]
