"""When a student may see whether their answers were right, the key and the explanations.

Practice shows each answer's verdict at once; an exam only once it has ended; an
assignment as its instructor chose (after each answer, after submitting, or after the
assignment closes for that student: :func:`quiz.domain.courses.reveal_now`). Every page
that shows a key or an explanation of an attempt's question asks here first.
"""

from __future__ import annotations

from datetime import datetime

from quiz.domain.attempts import Mode
from quiz.domain.courses import Reveal, reveal_now
from quiz.store import assignments
from quiz.store.models import Attempt


def feedback_after_each(attempt: Attempt) -> bool:
    """Whether each answer's verdict, key and explanation show as soon as it is given."""
    if attempt.mode is Mode.EXAM:
        return False
    if attempt.assignment_id is None:
        return True
    assignment = assignments.get(attempt.assignment_id)
    return assignment is None or assignment.reveal is Reveal.AFTER_EACH


def review_open(attempt: Attempt, now: datetime) -> bool:
    """Whether the attempt's review (every question's key and explanation) shows now."""
    ended = attempt.ended(now) is not None
    if attempt.assignment_id is None:
        return ended
    assignment = assignments.get(attempt.assignment_id)
    if assignment is None:
        return ended
    window = assignments.student_window(assignment, attempt.user_id)
    return reveal_now(assignment.reveal, ended, window, now)
