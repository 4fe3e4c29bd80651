"""One question per page: ask, take the answer once, show why; rate recall; finish."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from quiz.domain.attempts import Mode, Step, next_position, next_step, time_is_up
from quiz.domain.layout import LayoutEntry
from quiz.domain.questions import Question
from quiz.domain.scheduling import RATING_LABELS, RATINGS
from quiz.domain.study import interval_label
from quiz.store import answers, attempts, content, reviews
from quiz.store.models import Attempt
from quiz.web import holds
from quiz.web.context import current_catalog, now
from quiz.web.exam.common import resume_url
from quiz.web.exam.questions import question as exam_question
from quiz.web.forms.answers import answer_form, take_answer
from quiz.web.forms.choices import RateForm
from quiz.web.forms.study import AppealForm
from quiz.web.pages.answer import appeal_view, rating_view
from quiz.web.pages.feedback import feedback_view, title_of
from quiz.web.practice.common import Page, bp, refused
from quiz.web.reveal import feedback_after_each, review_open
from quiz.web.security import own_attempt


@bp.route("/attempts/<int:attempt_id>")
@login_required
def resume(attempt_id: int) -> Page:
    """Continue an attempt at its first unanswered question, or show its summary."""
    attempt = own_attempt(attempt_id)
    if attempt.is_exam:  # taken on the exam pages (quiz.web.exam)
        return redirect(resume_url(attempt, now()))
    position = next_position(attempts.answered_positions(attempt.id), attempt.size)
    if attempt.ended(now()) is not None or position is None:
        return redirect(url_for(".summary", attempt_id=attempt.id))
    endpoint = ".card" if attempt.mode is Mode.FLASHCARDS else ".question"
    return redirect(url_for(endpoint, attempt_id=attempt.id, position=position))


@bp.route("/attempts/<int:attempt_id>/<int:position>", methods=["GET", "POST"])
@login_required
def question(attempt_id: int, position: int) -> Page:
    """Show a question, take its answer (stored once), then show the feedback."""
    attempt, response = attempts.own_at(current_user.id, attempt_id, position) or abort(404)
    if attempt.is_exam:  # a page of an exam opened before exams had their own pages
        return exam_question(attempt_id, position)
    entry = attempt.entry(position) or abort(404)
    holds.guard_attempt(attempt, [entry.question_id])
    if attempt.mode is Mode.FLASHCARDS:
        return redirect(url_for(".card", attempt_id=attempt.id, position=position))
    q = current_catalog().questions.get(entry.question_id)
    moment = now()
    step = next_step(
        posting=request.method == "POST",
        finished=attempt.is_finished,
        time_up=attempt.time_is_up(moment),
        held=not feedback_after_each(attempt) and not review_open(attempt, moment),
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
            "practice/question.html",
            attempt=attempt,
            position=position,
            q=q,
            form=form,
            title=title_of(attempt, current_catalog()),
        )
        return page, 400 if form.errors or form.form_errors else 200
    # read before the commit expires the attempt: no reload
    attempt_id, exam, size, deadline_at = (
        attempt.id,
        not feedback_after_each(attempt),
        attempt.size,
        attempt.deadline_at,
    )
    if answers.submit_answer(attempt, position, q, answer, moment).refused:
        return refused(attempt_id, time_is_up(deadline_at, None, moment), deadline_at)
    if exam:  # straight on: feedback at the end
        following = next_position(attempts.answered_positions(attempt_id), size)
        if following is not None:
            return redirect(url_for(".question", attempt_id=attempt_id, position=following))
        return redirect(url_for(".summary", attempt_id=attempt_id))
    return redirect(url_for(".question", attempt_id=attempt_id, position=position))


def feedback_page(
    attempt: Attempt,
    position: int,
    q: Question | None,
    response: Any,
    moment: datetime,
    appeal_form: AppealForm | None = None,
) -> str:
    """The verdict, the answer beside the key, why, the rating box and the appeal."""
    catalog = current_catalog()
    edited = q is None or q.version != response.question_version
    answered = (
        content.as_answered(response.question_id, response.question_version) if edited else None
    )
    return render_template(
        "practice/feedback.html",
        attempt=attempt,
        position=position,
        title=title_of(attempt, catalog),
        fb=feedback_view(q, answered, response, catalog.library),
        rating=rating_view(response),
        rate_form=RateForm(),
        appeal=appeal_view(attempt, response),
        appeal_form=appeal_form or AppealForm(formdata=None),
        closed=attempt.ended(moment) is not None,
    )


def _saved(
    attempt: Attempt, position: int, q: Question | None, response: Any, moment: datetime
) -> Page:
    ended = attempt.ended(moment) is not None
    return render_template(
        "practice/saved.html", attempt=attempt, position=position, q=q, ended=ended
    )


def _to_summary(attempt: Attempt, *_: Any) -> Page:
    return redirect(url_for(".summary", attempt_id=attempt.id))


def _repeat(attempt: Attempt, position: int, *_: Any) -> Page:
    flash("You had already answered this question; your first answer stands.", "info")
    return redirect(url_for(".question", attempt_id=attempt.id, position=position))


def _refuse_closed(attempt: Attempt, *_: Any) -> Page:
    return refused(attempt.id, False, attempt.deadline_at)


def _refuse_time_up(
    attempt: Attempt, position: int, q: Any, response: Any, moment: datetime
) -> Page:
    attempt_id, deadline_at = attempt.id, attempt.deadline_at
    attempts.finish(attempt, moment)  # a POST: record that the attempt ended at its deadline
    return refused(attempt_id, True, deadline_at)


def _removed(attempt: Attempt, *_: Any) -> Page:
    flash("That question has been removed from the bank since this attempt started.", "info")
    return redirect(url_for(".summary", attempt_id=attempt.id))


_OUTCOMES = {
    Step.FEEDBACK: feedback_page,
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
    shown = reviews.interval_previews(response)
    if reviews.rate(response, rating):
        when = f" in {interval_label(shown[form.rating.data])}" if shown else ""
        flash(f"Rated {RATING_LABELS[rating]}: this question comes back{when}.", "success")
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
