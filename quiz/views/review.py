"""Self-study that sticks: spaced review, retrying mistakes, practising a passage, progress."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from quiz import clock, records
from quiz.catalog import current_catalog
from quiz.progress import progress_report
from quiz.views.practice import own_attempt

bp = Blueprint("review", __name__)

REVIEW_SIZE = 20


def _begin(bank_id: str, question_ids: list[str], mode: str, empty_message: str):
    questions = [current_catalog().questions[q] for q in question_ids if q in current_catalog().questions]
    if not questions:
        flash(empty_message, "info")
        return redirect(url_for("practice.index"))
    attempt = records.start_attempt(current_user, bank_id, questions, mode=mode,
                                    shuffle_questions=mode != records.REVIEW, now=clock.now())
    return redirect(url_for("practice.question", attempt_id=attempt.id, position=1))


@bp.route("/review/start", methods=["POST"])
@login_required
def start():
    """An attempt of the student's due questions across all banks, most overdue first."""
    due = records.due_question_ids(current_user, clock.now(), set(current_catalog().questions), REVIEW_SIZE)
    return _begin("_review", due, records.REVIEW, "Nothing is due for review right now.")


@bp.route("/attempts/<int:attempt_id>/retry", methods=["POST"])
@login_required
def retry(attempt_id: int):
    """A new attempt of just the questions a finished attempt got wrong."""
    attempt = own_attempt(attempt_id)
    if not attempt.is_finished:
        abort(409, "Finish the attempt first; then you can retry its mistakes.")
    return _begin(attempt.bank_id, records.wrong_question_ids(attempt), records.RETRY,
                  "No mistakes to retry in that attempt. Well done!")


@bp.route("/sources/<document_id>/practise", methods=["POST"])
@login_required
def passage(document_id: str):
    """An attempt of the questions whose passage overlaps the one a question cites."""
    catalog = current_catalog()
    cited = catalog.questions.get(request.form.get("question", "")) or abort(404)
    target = next((p for p in cited.passages if p.document == document_id), None) or abort(404)
    ids = [q.id for q in catalog.questions.values()
           if q.passage.document == document_id and q.passage.start < target.end and target.start < q.passage.end]
    return _begin(f"_passage:{document_id}", ids, records.PASSAGE, "No questions cite that passage.")


@bp.route("/progress")
@login_required
def progress():
    """Mastery per bank, scores over time, days practised and the coming week's reviews."""
    report = progress_report(current_user, current_catalog(), clock.now())
    return render_template("review/progress.html", report=report)
