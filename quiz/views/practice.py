"""The practice loop: pick a bank, answer one question per page, see why, finish."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from quiz import clock, records
from quiz.attempts import next_position
from quiz.catalog import current_catalog
from quiz.extensions import db
from quiz.feedback import attempt_title, feedback_view, passage_view
from quiz.forms import StartForm, answer_form
from quiz.grading import grade
from quiz.models import Attempt
from quiz.scheduling import RATING_LABELS, RATINGS

bp = Blueprint("practice", __name__)


@bp.route("/")
def index():
    """Home: the banks with question counts and, for a student, best and latest scores."""
    catalog = current_catalog()
    signed_in = current_user.is_authenticated
    stats = records.bank_stats(current_user) if signed_in else {}
    open_attempts = records.open_attempts(current_user) if signed_in else []
    due = records.due_counts_for(current_user, clock.now()) if signed_in else None
    return render_template("practice/index.html", banks=catalog.banks.values(), stats=stats,
                           open_attempts=open_attempts, catalog=catalog, due=due)


@bp.route("/banks/<bank_id>/start", methods=["POST"])
@login_required
def start(bank_id: str):
    """Start a new attempt at a bank (practice, or exam with an optional time limit)."""
    bank = current_catalog().banks.get(bank_id) or abort(404)
    form = StartForm()
    if not form.validate_on_submit():
        abort(400, "; ".join(e for errors in form.errors.values() for e in errors))
    attempt = records.start_attempt(current_user, bank.id, bank.questions, mode=form.mode.data,
                                    time_limit_s=form.time_limit_s(), now=clock.now())
    return redirect(url_for(".question", attempt_id=attempt.id, position=1))


def own_attempt(attempt_id: int) -> Attempt:
    """The attempt, if it belongs to the current user; otherwise 404 (not 403: no leak)."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != current_user.id:
        abort(404)
    return attempt


@bp.route("/attempts/<int:attempt_id>")
@login_required
def resume(attempt_id: int):
    """Continue an attempt at its first unanswered question, or show its summary."""
    attempt = own_attempt(attempt_id)
    position = next_position(records.answered_positions(attempt), len(attempt.layout))
    if attempt.is_finished or position is None:
        return redirect(url_for(".summary", attempt_id=attempt.id))
    return redirect(url_for(".question", attempt_id=attempt.id, position=position))


@bp.route("/attempts/<int:attempt_id>/<int:position>", methods=["GET", "POST"])
@login_required
def question(attempt_id: int, position: int):
    """Show a question, take its answer (stored once), then show the feedback."""
    attempt = own_attempt(attempt_id)
    if not 1 <= position <= len(attempt.layout):
        abort(404)
    entry = attempt.layout[position - 1]
    q = current_catalog().questions.get(entry["question_id"])
    if records.time_is_up(attempt, clock.now()):
        records.finish_attempt(attempt, clock.now())
        if request.method == "POST":
            abort(409, "Time is up: the attempt was finished, so that answer was not recorded.")
    response = records.get_response(attempt, entry["question_id"])
    if response is not None:
        if request.method == "POST":  # a repeat (double click, back button, retry): same as the first
            flash("You had already answered this question; your first answer stands.", "info")
            return redirect(url_for(".question", attempt_id=attempt.id, position=position))
        if attempt.held_back:
            return render_template("practice/saved.html", attempt=attempt, position=position, q=q)
        return render_template("practice/feedback.html", attempt=attempt, position=position,
                               fb=feedback_view(q, response, current_catalog().library),
                               log=records.review_log(response), rating_labels=RATING_LABELS)
    if attempt.is_finished:
        if request.method == "POST":
            abort(409, "This attempt is finished, so that answer was not recorded.")
        return redirect(url_for(".summary", attempt_id=attempt.id))
    if q is None:
        flash("That question has been removed from the bank since this attempt started.", "info")
        return redirect(url_for(".summary", attempt_id=attempt.id))
    form = answer_form(q, entry["order"])
    if form.validate_on_submit():
        answer = form.response()
        held_back = attempt.held_back  # read before the commit expires the attempt: no reload
        records.record_response(attempt, position, q, answer, grade(q, answer), now=clock.now(), checked=True)
        if held_back:  # exam: straight on, feedback at the end
            following = next_position(records.answered_positions(attempt), len(attempt.layout))
            if following is None:
                return redirect(url_for(".summary", attempt_id=attempt_id))
            return redirect(url_for(".question", attempt_id=attempt_id, position=following))
        return redirect(url_for(".question", attempt_id=attempt_id, position=position))
    return render_template("practice/question.html", attempt=attempt, position=position, q=q, form=form,
                           deadline=records.deadline(attempt)), 400 if form.errors else 200


@bp.route("/attempts/<int:attempt_id>/<int:position>/rate", methods=["POST"])
@login_required
def rate(attempt_id: int, position: int):
    """Record how well the student recalled the answer (Again, Hard, Good, Easy)."""
    attempt = own_attempt(attempt_id)
    if not 1 <= position <= len(attempt.layout):
        abort(404)
    response = records.get_response(attempt, attempt.layout[position - 1]["question_id"]) or abort(404)
    rating = RATINGS.get(request.form.get("rating", "")) or abort(400, "Choose Again, Hard, Good or Easy.")
    if records.rate_response(response, rating):
        flash(f"Rated {RATING_LABELS[rating]}: the next review is scheduled accordingly.", "success")
    else:
        flash("This rating can no longer be changed: the question has been reviewed again since.", "info")
    return redirect(url_for(".question", attempt_id=attempt.id, position=position))


@bp.route("/attempts/<int:attempt_id>/finish", methods=["POST"])
@login_required
def finish(attempt_id: int):
    """Finish the attempt (unanswered questions score 0) and show the summary."""
    attempt = own_attempt(attempt_id)
    records.finish_attempt(attempt, clock.now())
    return redirect(url_for(".summary", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>/summary")
@login_required
def summary(attempt_id: int):
    """The score and a review of every question: the student's answer beside the key."""
    attempt = own_attempt(attempt_id)
    answered = {r.question_id: r for r in attempt.responses}
    if not attempt.is_finished and (len(answered) == len(attempt.layout) or records.time_is_up(attempt, clock.now())):
        records.finish_attempt(attempt, clock.now())
    catalog = current_catalog()
    rows = [(n, entry, catalog.questions.get(entry["question_id"]), answered.get(entry["question_id"]))
            for n, entry in enumerate(attempt.layout, 1)]
    return render_template("practice/summary.html", attempt=attempt, rows=rows, title=attempt_title(attempt, catalog),
                           duration=records.duration(attempt),
                           has_mistakes=attempt.is_finished and bool(records.wrong_question_ids(attempt)),
                           passage_view=lambda q: passage_view(q.passage, catalog.library, q))
