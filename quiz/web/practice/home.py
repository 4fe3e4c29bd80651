"""Home: the topics, what is open and due; starting a topic (Practise resumes)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from quiz.domain.attempts import Kind, Mode, Plan
from quiz.domain.exams import allowed_questions
from quiz.store import attempts, sessions
from quiz.web import holds
from quiz.web.context import current_catalog, now
from quiz.web.forms.choices import StartForm
from quiz.web.pages.home import home_for
from quiz.web.practice.common import Page, bp


def render_home(form: StartForm | None = None, bank_id: str | None = None) -> str:
    """The home page; *form* with its errors beside the exam fields of *bank_id*."""
    catalog = current_catalog()
    user_id = current_user.id if current_user.is_authenticated else None
    return render_template(
        "practice/index.html",
        banks=[b for b in catalog.banks.values() if b.questions],  # an empty topic is not offered
        catalog=catalog,
        home=home_for(user_id, catalog, now()),
        start_form=form or StartForm(formdata=None),
        failed_bank=bank_id,
    )


@bp.route("/")
def index() -> Page:
    """Home: the banks with question counts and, for a student, scores, open attempts
    and the reviews due."""
    return render_home()


@bp.route("/banks/<bank_id>/start", methods=["POST"])
@login_required
def start(bank_id: str) -> Page:
    """Practise a bank (resuming the open practice attempt at it), or start it as an exam
    with an optional time limit. A bad time limit re-renders home with the message."""
    bank = current_catalog().banks.get(bank_id) or abort(404)
    form = StartForm()
    if not form.validate_on_submit():
        return render_home(form, bank.id), 400
    held_by = allowed_questions(holds.current_exams(), bank.questions).held_by
    same = next((e for e in held_by if e.bank_id == bank.id), None)
    if same is not None and form.mode is Mode.EXAM:  # Start exam again: back to the open one
        flash("Your exam on this topic is still open: carrying on where you left off.", "info")
        return redirect(url_for(".resume", attempt_id=same.attempt_id))
    if held_by:  # an open exam on this bank: no practice (or second exam) beside it
        holds.refuse(held_by)
    if form.mode is Mode.PRACTICE:
        attempt, resumed = sessions.practise(current_user.id, bank.id, bank.questions, now())
        if resumed:
            flash("You were already practising this topic: carrying on where you left off.", "info")
            return redirect(url_for(".resume", attempt_id=attempt.id))
        return redirect(url_for(".question", attempt_id=attempt.id, position=1))
    plan = Plan(Kind.TOPIC, Mode.EXAM, bank_id=bank.id, time_limit_s=form.time_limit_s())
    attempt = attempts.start(current_user.id, bank.questions, plan, now())
    return redirect(url_for("exam.question", attempt_id=attempt.id, position=1))
