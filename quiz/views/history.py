"""A student's own attempts: date, bank, score, duration, and each one's review."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from quiz import records
from quiz.catalog import current_catalog
from quiz.feedback import attempt_title

bp = Blueprint("history", __name__)


@bp.route("/history")
@login_required
def index():
    """Every attempt of the logged-in student, newest first."""
    attempts = records.attempts_of(current_user)
    rows = [(a, records.duration(a)) for a in attempts]
    catalog = current_catalog()
    return render_template("history/index.html", rows=rows, title=lambda a: attempt_title(a, catalog))
