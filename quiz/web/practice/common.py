"""What the practice pages share: the blueprint and the words for refusals."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, render_template
from werkzeug.wrappers import Response as HttpResponse

from quiz.domain.times import aware

bp = Blueprint("practice", __name__)
Page = HttpResponse | str | tuple[str, int]


def refused(attempt_id: int, time_up: bool, deadline_at: datetime | None) -> tuple[str, int]:
    """An answer that came too late: a page that says what happened and what to do next
    (never a bare error page)."""
    page = render_template(
        "practice/refused.html",
        attempt_id=attempt_id,
        time_up=time_up,
        deadline=aware(deadline_at) if deadline_at else None,
    )
    return page, 409
