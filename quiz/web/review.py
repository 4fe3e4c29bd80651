"""Self-study that sticks: spaced review, retrying mistakes, practising a passage, progress."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as HttpResponse

from quiz.domain.attempts import Kind, Mode, Plan, wrong_question_ids
from quiz.domain.exams import allowed_questions
from quiz.store import attempts, reviews, student, study
from quiz.web import holds
from quiz.web.context import current_catalog, now
from quiz.web.pages.progress import ProgressRows, progress_report
from quiz.web.reveal import review_open
from quiz.web.security import own_attempt

bp = Blueprint("review", __name__)

REVIEW_SIZE = 20


def _begin(question_ids: list[str], plan: Plan, empty_message: str) -> HttpResponse:
    catalog = current_catalog()
    allowed = allowed_questions(
        holds.current_exams(),
        [catalog.questions[q] for q in question_ids if q in catalog.questions],
    )
    questions = allowed.questions
    if allowed.held_by:
        if not questions:
            holds.refuse(allowed.held_by)
        flash(f"{holds.message(allowed.held_by)} They are left out of this one.", "info")
    if not questions:
        flash(empty_message, "info")
        return redirect(url_for("practice.index"))
    attempt = attempts.start(current_user.id, questions, plan, now())
    endpoint = "practice.card" if plan.mode is Mode.FLASHCARDS else "practice.question"
    return redirect(url_for(endpoint, attempt_id=attempt.id, position=1))


@bp.route("/review/start", methods=["POST"])
@login_required
def start() -> HttpResponse:
    """An attempt of the student's due questions across all banks, most overdue first,
    no more than today's review limit leaves; as a quiz or (``style=flashcards``) as
    flashcards."""
    moment = now()
    _, _, left = study.allowance(current_user.id, moment)
    if not left:
        flash(
            "You have reached today's review limit. Change it in Settings, or come back tomorrow.",
            "info",
        )
        return redirect(url_for("practice.index"))
    known = set(current_catalog().questions)
    due = reviews.due_question_ids(current_user.id, moment, known, min(REVIEW_SIZE, left))
    mode = Mode.FLASHCARDS if request.form.get("style") == "flashcards" else Mode.PRACTICE
    plan = Plan(Kind.REVIEW, mode, shuffle=False)  # most overdue first
    return _begin(due, plan, "Nothing is due for review right now.")


@bp.route("/attempts/<int:attempt_id>/retry", methods=["POST"])
@login_required
def retry(attempt_id: int) -> HttpResponse:
    """A new attempt of just the questions a finished attempt got wrong."""
    attempt = own_attempt(attempt_id)
    if attempt.ended(now()) is None:
        abort(409, "Finish the attempt first; then you can retry its mistakes.")
    if not review_open(attempt, now()):
        abort(409, "Its answers are not shown yet: you can retry its mistakes once they are.")
    wrong = wrong_question_ids(attempt.entries, attempts.right_question_ids(attempt.id))
    message = "No mistakes to retry in that attempt. Well done!"
    return _begin(wrong, Plan(Kind.RETRY, bank_id=attempt.bank_id), message)


@bp.route("/sources/<document_id>/practise", methods=["POST"])
@login_required
def passage(document_id: str) -> HttpResponse:
    """An attempt of the questions whose passage overlaps the one a question cites."""
    catalog = current_catalog()
    cited = catalog.questions.get(request.form.get("question", "")) or abort(404)
    target = next((p for p in cited.passages if p.document == document_id), None) or abort(404)
    ids = [
        q.id
        for q in catalog.questions.values()
        if q.passage.document == document_id
        and q.passage.start < target.end
        and target.start < q.passage.end
    ]
    plan = Plan(Kind.PASSAGE, document_id=document_id)
    return _begin(ids, plan, "No questions cite that passage.")


@bp.route("/progress")
@login_required
def progress() -> str:
    """Mastery per bank, scores over time, days practised and the coming week's reviews."""
    moment, user_id = now(), current_user.id
    results = [(r.ended, r.bank_id, r.percent) for r in student.results_over_time(user_id, moment)]
    catalog = current_catalog()
    rows = ProgressRows(
        reviews.card_dues(user_id),
        student.last_results(user_id, moment),
        results,
        student.answer_times(user_id),
        study.ratings_since(user_id, moment),
        study.card_states(user_id, set(catalog.questions)),
    )
    return render_template("review/progress.html", report=progress_report(rows, catalog, moment))
