"""The practice loop: pick a bank, answer one question per page, see why, finish."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as HttpResponse

from quiz.domain.attempts import Kind, Plan, Step, duration, next_position, next_step, time_is_up
from quiz.domain.exams import allowed_questions
from quiz.domain.layout import LayoutEntry
from quiz.domain.questions import Question
from quiz.domain.scheduling import RATING_LABELS, RATINGS
from quiz.store import attempts, reviews, student
from quiz.store.models import Attempt, Response
from quiz.web import holds
from quiz.web.context import current_catalog, now
from quiz.web.forms.answers import answer_form, take_answer
from quiz.web.forms.choices import RateForm, StartForm
from quiz.web.pages.feedback import feedback_view, passage_view, title_of
from quiz.web.security import own_attempt

bp = Blueprint("practice", __name__)
Page = HttpResponse | str | tuple[str, int]
TIME_UP = "Time is up: the attempt was finished, so that answer was not recorded."
CLOSED = "This attempt is finished, so that answer was not recorded."


@bp.route("/")
def index() -> Page:
    """Home: the banks with question counts and, for a student, best and latest scores."""
    catalog, moment = current_catalog(), now()
    user = current_user if current_user.is_authenticated else None
    return render_template(
        "practice/index.html",
        banks=catalog.banks.values(),
        catalog=catalog,
        stats=student.bank_stats(user.id, moment) if user else {},
        open_attempts=[(a, title_of(a, catalog)) for a in attempts.open_attempts(user.id, moment)]
        if user
        else [],
        due=reviews.due_counts_for(user.id, moment) if user else None,
        start_form=StartForm(),
    )


@bp.route("/banks/<bank_id>/start", methods=["POST"])
@login_required
def start(bank_id: str) -> Page:
    """Start a new attempt at a bank (practice, or exam with an optional time limit)."""
    bank = current_catalog().banks.get(bank_id) or abort(404)
    form = StartForm()
    if not form.validate_on_submit():
        abort(400, "; ".join(e for errors in form.errors.values() for e in errors))
    held_by = allowed_questions(holds.current_exams(), bank.questions).held_by
    if held_by:  # an open exam on this bank: no practice (or second exam) beside it
        holds.refuse(held_by)
    plan = Plan(Kind.TOPIC, form.mode, bank_id=bank.id, time_limit_s=form.time_limit_s())
    attempt = attempts.start(current_user.id, bank.questions, plan, now())
    return redirect(url_for(".question", attempt_id=attempt.id, position=1))


@bp.route("/attempts/<int:attempt_id>")
@login_required
def resume(attempt_id: int) -> Page:
    """Continue an attempt at its first unanswered question, or show its summary."""
    attempt = own_attempt(attempt_id)
    position = next_position(attempts.answered_positions(attempt.id), attempt.size)
    if attempt.ended(now()) is not None or position is None:
        return redirect(url_for(".summary", attempt_id=attempt.id))
    return redirect(url_for(".question", attempt_id=attempt.id, position=position))


@bp.route("/attempts/<int:attempt_id>/<int:position>", methods=["GET", "POST"])
@login_required
def question(attempt_id: int, position: int) -> Page:
    """Show a question, take its answer (stored once), then show the feedback."""
    attempt = own_attempt(attempt_id)
    entry = attempt.entry(position) or abort(404)
    holds.guard_attempt(attempt, [entry.question_id])
    q = current_catalog().questions.get(entry.question_id)
    moment = now()
    response = attempts.response_to(attempt.id, entry.question_id)
    step = next_step(
        posting=request.method == "POST",
        finished=attempt.is_finished,
        time_up=attempt.time_is_up(moment),
        exam=attempt.is_exam,
        answered=response is not None,
        question_exists=q is not None,
    )
    if step is Step.ASK and q is not None:
        return _ask(attempt, position, entry, q, moment)
    return _OUTCOMES[step](attempt, position, q, response, moment)


def _ask(
    attempt: Attempt, position: int, entry: LayoutEntry, q: Question, moment: datetime
) -> Page:
    form = answer_form(q, entry)
    answer = take_answer(form, q, entry)
    if answer is None:
        page = render_template(
            "practice/question.html", attempt=attempt, position=position, q=q, form=form
        )
        return page, 400 if form.errors or form.form_errors else 200
    # read before the commit expires the attempt: no reload
    attempt_id, exam, size, deadline_at = (
        attempt.id,
        attempt.is_exam,
        attempt.size,
        attempt.deadline_at,
    )
    if attempts.submit_answer(attempt, position, q, answer, moment).refused:
        abort(409, TIME_UP if time_is_up(deadline_at, None, moment) else CLOSED)
    if exam:  # straight on: feedback at the end
        following = next_position(attempts.answered_positions(attempt_id), size)
        if following is not None:
            return redirect(url_for(".question", attempt_id=attempt_id, position=following))
        return redirect(url_for(".summary", attempt_id=attempt_id))
    return redirect(url_for(".question", attempt_id=attempt_id, position=position))


def _feedback(
    attempt: Attempt, position: int, q: Question | None, response: Any, moment: datetime
) -> Page:
    log = reviews.review_log(response.id)
    return render_template(
        "practice/feedback.html",
        attempt=attempt,
        position=position,
        log=log,
        fb=feedback_view(q, response, current_catalog().library),
        rating_labels=RATING_LABELS,
        rate_form=RateForm(),
        closed=attempt.ended(moment) is not None,
    )


def _saved(
    attempt: Attempt, position: int, q: Question | None, response: Any, moment: datetime
) -> Page:
    return render_template("practice/saved.html", attempt=attempt, position=position, q=q)


def _to_summary(attempt: Attempt, *_: Any) -> Page:
    return redirect(url_for(".summary", attempt_id=attempt.id))


def _repeat(attempt: Attempt, position: int, *_: Any) -> Page:
    flash("You had already answered this question; your first answer stands.", "info")
    return redirect(url_for(".question", attempt_id=attempt.id, position=position))


def _refuse_closed(*_: Any) -> Page:
    abort(409, CLOSED)


def _refuse_time_up(
    attempt: Attempt, position: int, q: Any, response: Any, moment: datetime
) -> Page:
    attempts.finish(attempt, moment)  # a POST: record that the attempt ended at its deadline
    abort(409, TIME_UP)


def _removed(attempt: Attempt, *_: Any) -> Page:
    flash("That question has been removed from the bank since this attempt started.", "info")
    return redirect(url_for(".summary", attempt_id=attempt.id))


_OUTCOMES = {
    Step.FEEDBACK: _feedback,
    Step.SAVED: _saved,
    Step.SUMMARY: _to_summary,
    Step.REPEAT: _repeat,
    Step.REFUSE_CLOSED: _refuse_closed,
    Step.REFUSE_TIME_UP: _refuse_time_up,
    Step.REMOVED: _removed,
}


@bp.route("/attempts/<int:attempt_id>/<int:position>/rate", methods=["POST"])
@login_required
def rate(attempt_id: int, position: int) -> Page:
    """Record how well the student recalled the answer (Again, Hard, Good, Easy)."""
    attempt = own_attempt(attempt_id)
    entry = attempt.entry(position) or abort(404)
    response = attempts.response_to(attempt.id, entry.question_id) or abort(404)
    form = RateForm()
    if not form.validate_on_submit():
        abort(400, "Choose Again, Hard, Good or Easy.")
    rating = RATINGS[form.rating.data]
    if reviews.rate(response, rating):
        flash(
            f"Rated {RATING_LABELS[rating]}: the next review is scheduled accordingly.", "success"
        )
    else:
        flash(
            "This rating can no longer be changed: the question has been reviewed again since.",
            "info",
        )
    return redirect(url_for(".question", attempt_id=attempt.id, position=position))


@bp.route("/attempts/<int:attempt_id>/finish", methods=["POST"])
@login_required
def finish(attempt_id: int) -> Page:
    """Finish the attempt (unanswered questions score 0) and show the summary."""
    attempt = own_attempt(attempt_id)
    attempts.finish(attempt, now())
    return redirect(url_for(".summary", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>/summary")
@login_required
def summary(attempt_id: int) -> Page:
    """The score and a review of every question: the student's answer beside the key."""
    attempt = own_attempt(attempt_id)
    holds.guard_attempt(attempt)
    catalog = current_catalog()
    answered: dict[str, Response] = {r.question_id: r for r in attempt.responses}
    ended = attempt.ended(now())
    rows = [
        (n, entry, catalog.questions.get(entry.question_id), answered.get(entry.question_id))
        for n, entry in enumerate(attempt.entries, 1)
    ]
    mistakes = any(r is None or not r.correct for *_, r in rows)
    return render_template(
        "practice/summary.html",
        attempt=attempt,
        rows=rows,
        title=title_of(attempt, catalog),
        closed=ended is not None,
        held_back=attempt.is_exam and ended is None,
        time_ran_out=attempt.finished_at is None and ended is not None,
        duration=duration(attempt.started_at, ended),
        has_mistakes=ended is not None and mistakes,
        passage_view=lambda q: passage_view(q.passage, catalog.library, q),
    )
