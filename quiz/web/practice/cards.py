"""Flashcards: the front (the prompt), Space or "Show answer" turns it, the back (the key,
the explanation, the source passage) takes a self-rating, Again to Easy, into the same
spaced-review schedule. Every step is a plain link or form: no script needed."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from quiz.domain.attempts import Mode, Step, next_position, next_step
from quiz.domain.grading import describe_key
from quiz.domain.questions import Question
from quiz.domain.scheduling import RATINGS
from quiz.domain.study import interval_label
from quiz.store import answers, attempts, reviews
from quiz.store.models import Attempt
from quiz.web import holds
from quiz.web.context import current_catalog, now
from quiz.web.forms.choices import RateForm
from quiz.web.pages.feedback import passage_view, title_of
from quiz.web.practice.common import Page, bp, refused
from quiz.web.security import own_attempt


@bp.route("/attempts/<int:attempt_id>/card/<int:position>", methods=["GET", "POST"])
@login_required
def card(attempt_id: int, position: int) -> Page:
    """One flashcard: its front, its back (``?side=back``), or, posted, its rating."""
    attempt = own_attempt(attempt_id)
    if attempt.mode is not Mode.FLASHCARDS:
        return redirect(url_for(".question", attempt_id=attempt.id, position=position))
    entry = attempt.entry(position) or abort(404)
    holds.guard_attempt(attempt, [entry.question_id])
    q = current_catalog().questions.get(entry.question_id)
    response = attempts.response_to(attempt.id, entry.question_id)
    posting = request.method == "POST"
    step = next_step(
        posting=posting,
        finished=attempt.is_finished,
        time_up=False,
        held=False,
        answered=response is not None,
        question_exists=q is not None,
    )
    if step is Step.ASK and q is not None:
        return _rate(attempt, position, q) if posting else _show(attempt, position, q)
    if step is Step.FEEDBACK and q is not None:
        return _show(attempt, position, q, rated=response.answer_text if response else "")
    if step is Step.REFUSE_CLOSED:
        return refused(attempt.id, False, None)
    if step is Step.REPEAT:
        return redirect(url_for(".card", attempt_id=attempt.id, position=position))
    return redirect(url_for(".summary", attempt_id=attempt.id))


def _show(
    attempt: Attempt,
    position: int,
    q: Question,
    rated: str | None = None,
    back: bool = False,
    form: RateForm | None = None,
) -> str:
    catalog = current_catalog()
    back = back or rated is not None or request.args.get("side") == "back"
    shown = reviews.card_previews(current_user.id, q.id, now()) if back and not rated else {}
    return render_template(
        "practice/card.html",
        attempt=attempt,
        position=position,
        q=q,
        entry=attempt.entry(position),
        title=title_of(attempt, catalog),
        back=back,
        rated=rated,
        key=describe_key(q),
        passage=passage_view(q.passage, catalog.library, q),
        intervals={name: interval_label(span) for name, span in shown.items()},
        rate_form=form or RateForm(formdata=None),
        next_position=position + 1 if position < attempt.size else None,
    )


def _rate(attempt: Attempt, position: int, q: Question) -> Page:
    form = RateForm()
    if not form.validate_on_submit():
        return _show(attempt, position, q, back=True, form=form), 400
    attempt_id, size = attempt.id, attempt.size
    rating = RATINGS[form.rating.data]
    if answers.submit_answer(attempt, position, q, None, now(), self_rated=rating).refused:
        return refused(attempt_id, False, None)
    following = next_position(attempts.answered_positions(attempt_id), size)
    if following is None:
        return redirect(url_for(".summary", attempt_id=attempt_id))
    return redirect(url_for(".card", attempt_id=attempt_id, position=following))
