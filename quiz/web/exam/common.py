"""What the exam pages share: the blueprint, finding the student's exam, where to resume."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, redirect, request, url_for
from werkzeug.wrappers import Response as HttpResponse

from quiz.domain.attempts import next_position
from quiz.store import attempts
from quiz.store.models import Attempt

bp = Blueprint("exam", __name__)
Page = HttpResponse | str | tuple[str, int] | tuple[HttpResponse, int]


def resume_url(attempt: Attempt, now: datetime) -> str:
    """Where an exam carries on: its result once ended, else the first question not yet
    answered, or "Submit all" when every one is."""
    if attempt.ended(now) is not None:
        return url_for("exam.result", attempt_id=attempt.id)
    position = next_position(attempts.answered_positions(attempt.id), attempt.size)
    if position is None:
        return url_for("exam.submit", attempt_id=attempt.id)
    return url_for("exam.question", attempt_id=attempt.id, position=position)


def not_an_exam(attempt: Attempt) -> HttpResponse:
    """A practice or flashcard attempt asked for through an exam page: its own pages."""
    return redirect(url_for("practice.resume", attempt_id=attempt.id))


def in_background() -> bool:
    """Whether the request is the page script's background save (it asks for JSON)."""
    return request.accept_mimetypes.best == "application/json"
