"""The end of an exam: "Submit all" (what is unanswered or flagged, then the confirmation)
and the result page, whose review shows only when :func:`quiz.web.reveal.review_open`
says so."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_login import login_required

from quiz.domain.delivery import LAST_ANSWER_WORDS, LastAnswer
from quiz.domain.grading import describe_key
from quiz.store import attempts
from quiz.store.models import Attempt
from quiz.web import holds
from quiz.web.context import current_catalog, now
from quiz.web.exam.common import Page, bp, not_an_exam, resume_url
from quiz.web.pages.exam import result_view, submit_view
from quiz.web.security import own_attempt


@bp.route("/exams/<int:attempt_id>/submit", methods=["GET", "POST"])
@login_required
def submit(attempt_id: int) -> Page:
    """Before submitting: what is unanswered or flagged, with links back; posted (the
    confirmation), the exam ends and the result shows."""
    attempt = own_attempt(attempt_id)
    if not attempt.is_exam:
        return not_an_exam(attempt)
    moment = now()
    if request.method == "POST":
        attempts.finish(attempt, moment)  # one past its deadline ends at the deadline
        return redirect(url_for("exam.result", attempt_id=attempt_id))
    if attempt.ended(moment) is not None:
        return redirect(url_for("exam.result", attempt_id=attempt_id))
    view = submit_view(attempt, current_catalog(), moment)
    return render_template("exam/submit.html", attempt=attempt, view=view)


@bp.route("/exams/<int:attempt_id>/result")
@login_required
def result(attempt_id: int) -> Page:
    """The score of an ended exam, whether time ran out, and its review when open."""
    attempt = own_attempt(attempt_id)
    if not attempt.is_exam:
        return not_an_exam(attempt)
    if attempt.ended(now()) is None:
        return redirect(resume_url(attempt, now()))
    return render_result(attempt)


def render_result(attempt: Attempt, last: LastAnswer | None = None) -> str:
    """The result page; *last*: what became of the answer on the page that was sent."""
    holds.guard_attempt(attempt)  # another exam opened since may hold these questions
    return render_template(
        "exam/result.html",
        attempt=attempt,
        view=result_view(attempt, current_catalog(), now()),
        last=LAST_ANSWER_WORDS[last] if last else None,
        describe_key=describe_key,
    )
