"""A student's own attempts: date, bank, score, duration, and each one's review."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from quiz.domain.attempts import duration
from quiz.store import attempts
from quiz.web.context import current_catalog, now
from quiz.web.pages.feedback import title_of

bp = Blueprint("history", __name__)


@bp.route("/history")
@login_required
def index() -> str:
    """Every attempt of the logged-in student, newest first."""
    catalog, moment = current_catalog(), now()
    rows = [
        (a, title_of(a, catalog), a.ended(moment), duration(a.started_at, a.ended(moment)))
        for a in attempts.attempts_of(current_user.id)
    ]
    return render_template("history/index.html", rows=rows)
