"""The end of an attempt: its score and every question (or only the mistakes), with
"Retry my mistakes" at the top; discarding an unfinished attempt; appealing a score."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from quiz.domain.attempts import duration
from quiz.domain.grading import describe_key
from quiz.domain.times import aware
from quiz.store import appeals, attempts, content, sessions
from quiz.store.models import Response
from quiz.web import holds
from quiz.web.context import current_catalog, now
from quiz.web.forms.study import AppealForm
from quiz.web.pages.answer import appeal_view
from quiz.web.pages.feedback import review_rows, title_of
from quiz.web.practice.common import Page, bp
from quiz.web.practice.questions import feedback_page
from quiz.web.reveal import feedback_after_each, review_open
from quiz.web.security import own_attempt


@bp.route("/attempts/<int:attempt_id>/summary")
@login_required
def summary(attempt_id: int) -> Page:
    """The score and a review of every question (``?show=mistakes``: only those not
    fully right): the student's answer beside the key."""
    attempt = own_attempt(attempt_id)
    if attempt.is_exam:  # its result page shows the key only as the review options allow
        return redirect(url_for("exam.result", attempt_id=attempt.id))
    holds.guard_attempt(attempt)
    catalog = current_catalog()
    answered: dict[str, Response] = {r.question_id: r for r in attempt.responses}
    ended = attempt.ended(now())
    ids = [entry.question_id for entry in attempt.entries]
    rows = review_rows(ids, answered, catalog, content.as_answered)
    mistakes = [row for row in rows if row.response is None or not row.response.correct]
    only_mistakes = request.args.get("show") == "mistakes"
    deadline = aware(attempt.deadline_at) if attempt.deadline_at else None
    return render_template(
        "practice/summary.html",
        attempt=attempt,
        rows=mistakes if only_mistakes else rows,
        only_mistakes=only_mistakes,
        mistake_count=len(mistakes),
        title=title_of(attempt, catalog),
        closed=ended is not None,
        held_back=not review_open(attempt, now()),
        time_ran_out=deadline is not None and ended is not None and ended >= deadline,
        duration=duration(attempt.started_at, ended),
        has_mistakes=ended is not None and bool(mistakes),
        describe_key=describe_key,
    )


@bp.route("/attempts/<int:attempt_id>/discard", methods=["POST"])
@login_required
def discard(attempt_id: int) -> Page:
    """Throw an unfinished practice attempt away (its answers stay in the schedule)."""
    attempt = own_attempt(attempt_id)
    title = title_of(attempt, current_catalog())
    if sessions.discard(attempt, now()):
        flash(f"Discarded: {title}.", "success")
    else:
        flash("Only an unfinished practice attempt can be discarded; this one stays.", "info")
    return redirect(url_for(".index"))


@bp.route("/attempts/<int:attempt_id>/<int:position>/appeal", methods=["POST"])
@login_required
def appeal(attempt_id: int, position: int) -> Page:
    """ "I think my answer should count": the student's comment goes to the instructors."""
    attempt = own_attempt(attempt_id)
    entry = attempt.entry(position) or abort(404)
    response = attempts.response_to(attempt.id, entry.question_id) or abort(404)
    if not review_open(attempt, now()) and not feedback_after_each(attempt):
        abort(409, "This answer can be appealed once the answers are shown.")
    view = appeal_view(attempt, response)
    if view is None or not view.can_appeal:
        abort(409, "This answer cannot be appealed: it scored full marks or was appealed already.")
    form = AppealForm()
    if not form.validate_on_submit():
        q = current_catalog().questions.get(entry.question_id)
        return feedback_page(attempt, position, q, response, now(), form), 400
    appeals.make(response, form.comment.data.strip(), now())
    flash("Sent: an instructor will look at your answer.", "success")
    return redirect(url_for(".question", attempt_id=attempt.id, position=position))
