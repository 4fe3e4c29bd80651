"""Sessions a student builds (topics, length, which questions, quiz or flashcards) and
their study settings (daily limits of new questions and reviews)."""

from __future__ import annotations

import random

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as HttpResponse

from quiz.domain.attempts import Kind, Mode
from quiz.domain.exams import allowed_questions
from quiz.domain.sessions import choose, empty_message, plan_for
from quiz.store import attempts, sessions, settings
from quiz.web import holds
from quiz.web.context import current_catalog, now
from quiz.web.forms.study import SessionForm, SettingsForm

bp = Blueprint("study", __name__)
Page = HttpResponse | str | tuple[str, int]


def _session_form() -> SessionForm:
    banks = [(b.id, b.title) for b in current_catalog().banks.values() if b.questions]
    return SessionForm().offer(banks)


@bp.route("/study", methods=["GET", "POST"])
@login_required
def session() -> Page:
    """The session form; posted, a new session of the chosen questions. A choice that
    gives no questions is said beside the field that decides it."""
    form = _session_form()
    if request.method == "GET":
        form.topics.data = form.topics.data or request.args.getlist("topic")
    elif form.validate_on_submit():
        started = _start(form)
        if started is not None:
            return started
    status = 400 if form.errors else 200
    return render_template("study/session.html", form=form), status


def _start(form: SessionForm) -> HttpResponse | None:
    catalog, choice, moment = current_catalog(), form.choice(), now()
    allowed = allowed_questions(
        holds.current_exams(),
        [q for bank_id in choice.bank_ids for q in catalog.banks[bank_id].questions],
    )
    pool = allowed.questions
    if allowed.held_by:
        if not pool:
            holds.refuse(allowed.held_by)
        flash(f"{holds.message(allowed.held_by)} They are left out of this one.", "info")
    memory = sessions.memory(current_user.id, moment)
    chosen = choose(pool, choice, memory, random.Random())
    if not chosen:
        form.selection.errors = [*form.selection.errors, empty_message(choice)]
        return None
    plan = plan_for(choice, whole_bank=len(chosen) == len(pool))
    if plan.mode is Mode.PRACTICE and plan.kind is Kind.TOPIC and plan.bank_id:
        attempt, _ = sessions.practise(current_user.id, plan.bank_id, chosen, moment)
        return redirect(url_for("practice.resume", attempt_id=attempt.id))
    attempt = attempts.start(current_user.id, chosen, plan, moment)
    return redirect(url_for("practice.resume", attempt_id=attempt.id))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def study_settings() -> Page:
    """Daily limits: how many new questions enter the schedule a day, how many reviews."""
    form = SettingsForm()
    if request.method == "GET":
        limits = settings.limits_of(current_user.id)
        form.new_per_day.data, form.reviews_per_day.data = (
            limits.new_per_day,
            limits.reviews_per_day,
        )
    elif form.validate_on_submit():
        settings.save_limits(current_user.id, form.limits(), now())
        flash("Saved: your daily limits apply from now on.", "success")
        return redirect(url_for(".study_settings"))
    return render_template("study/settings.html", form=form), 400 if form.errors else 200
