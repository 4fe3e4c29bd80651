"""An exam's question page: the question with its saved answer, the navigator, the clock;
posted, the answer is saved (or cleared, or refused once the exam has ended) and the
button pressed says where to go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from quiz.domain.delivery import LAST_ANSWER_WORDS, Go, LastAnswer, Move, read_move, time_up_close
from quiz.domain.layout import LayoutEntry
from quiz.domain.questions import Question, type_of
from quiz.store import attempts, delivery
from quiz.store.models import Attempt
from quiz.web import holds
from quiz.web.context import current_catalog, now
from quiz.web.exam.common import Page, bp, in_background, not_an_exam
from quiz.web.exam.finish import render_result
from quiz.web.forms.answers import QuestionForm, answer_form, is_blank, take_answer
from quiz.web.pages.exam import exam_view
from quiz.web.security import own_attempt


@bp.route("/exams/<int:attempt_id>/<int:position>", methods=["GET", "POST"])
@login_required
def question(attempt_id: int, position: int) -> Page:
    """Show one question of an open exam with the answer saved for it; posted, save the
    answer on the page and go where the button pressed says."""
    attempt = own_attempt(attempt_id)
    if not attempt.is_exam:
        return not_an_exam(attempt)
    entry = attempt.entry(position) or abort(404)
    holds.guard_attempt(attempt, [entry.question_id])
    q = current_catalog().questions.get(entry.question_id)
    if request.method == "POST":
        return take(attempt, position, entry, q, now())
    if attempt.ended(now()) is not None:
        return redirect(url_for("exam.result", attempt_id=attempt.id))
    form = _saved_form(attempt, entry, q) if q is not None else None
    return render_page(attempt, position, q, form)


def render_page(
    attempt: Attempt, position: int, q: Question | None, form: QuestionForm | None
) -> str:
    return render_template(
        "exam/question.html",
        attempt=attempt,
        q=q,
        form=form,
        view=exam_view(attempt, position, current_catalog(), now()),
    )


def _saved_form(attempt: Attempt, entry: LayoutEntry, q: Question) -> QuestionForm:
    """The answer form showing the answer saved for the question, if any."""
    response = attempts.response_to(attempt.id, entry.question_id)
    if response is None:
        return answer_form(q, entry, formdata=MultiDict())
    try:
        values = type_of(q).form_data(q, entry, response.answer)
    except (KeyError, ValueError, TypeError, IndexError):  # an older version's answer
        values = {}
    return answer_form(q, entry, formdata=MultiDict(values))


@dataclass(frozen=True)
class Reading:
    """The answer on a submitted page: an answer, blank, or unreadable (``form`` then
    carries the messages, beside what was typed)."""

    answer: Any | None
    blank: bool
    form: QuestionForm | None

    @property
    def unreadable(self) -> bool:
        return self.answer is None and not self.blank


def _read(q: Question | None, entry: LayoutEntry) -> Reading:
    if q is None:
        return Reading(None, True, None)
    form = answer_form(q, entry)
    if is_blank(form, request.form):
        return Reading(None, True, form)
    return Reading(take_answer(form, q, entry), False, form)


def take(
    attempt: Attempt, position: int, entry: LayoutEntry, q: Question | None, moment: datetime
) -> Page:
    """Save the answer on a posted exam page (a blank one clears it), set the flag if
    asked, and move; an unreadable answer comes back beside its field, stored nowhere."""
    move = read_move(request.form.get("go"), position, attempt.size)
    reading = _read(q, entry)
    if attempt.ended(moment) is not None:
        return _too_late(attempt, entry, reading, moment)
    time_up = move.go is Go.TIME_UP
    if reading.unreadable and not time_up:
        if in_background():
            return jsonify(saved=False, message=_first_error(reading.form)), 400
        return render_page(attempt, position, q, reading.form), 400
    close_at = time_up_close(attempt.deadline_at, moment) if time_up else None
    kept = None if reading.unreadable else q  # an unreadable answer leaves the saved one
    edit = delivery.Edit(entry.question_id, position, kept, reading.answer, move.flag, close_at)
    attempt_id = attempt.id
    if delivery.save(attempt, edit, moment).refused:  # the exam ended meanwhile
        return _too_late(attempt, entry, reading, moment)
    return _moved(attempt_id, move, reading, close_at is not None)


def _moved(attempt_id: int, move: Move, reading: Reading, closed: bool) -> Page:
    """Where a saved page leads: the background save stays; the time up, to the result."""
    if in_background():
        return jsonify(saved=True, answered=reading.answer is not None)
    if closed:
        flash(f"Time is up. {LAST_ANSWER_WORDS[_last(reading, True)]}", "info")
        return redirect(url_for("exam.result", attempt_id=attempt_id))
    if move.go is Go.TIME_UP:  # the page's countdown ran ahead of the server's clock
        flash("Your time is not quite up yet: carry on.", "info")
    if move.position is None:
        return redirect(url_for("exam.submit", attempt_id=attempt_id))
    return redirect(url_for("exam.question", attempt_id=attempt_id, position=move.position))


def _last(reading: Reading, stored: bool) -> LastAnswer:
    if reading.blank:
        return LastAnswer.BLANK
    if reading.unreadable:
        return LastAnswer.UNREADABLE
    return LastAnswer.SAVED if stored else LastAnswer.REFUSED


def _too_late(attempt: Attempt, entry: LayoutEntry, reading: Reading, moment: datetime) -> Page:
    """The exam had ended: nothing is stored. Its end is recorded (at the deadline, when
    time ran out) and the student reads the result, told what became of the answer on the
    page (it may have been saved already, in the background)."""
    attempt_id = attempt.id
    if attempt.time_is_up(moment):
        attempts.finish(attempt, moment)
    held = reading.answer is not None and delivery.holds_answer(
        attempt_id, entry.question_id, reading.answer
    )
    last = _last(reading, held)
    ended = attempts.get(attempt_id)
    assert ended is not None
    if in_background():
        message = f"This exam has ended. {LAST_ANSWER_WORDS[last]}"
        result = url_for("exam.result", attempt_id=attempt_id)
        return jsonify(saved=False, ended=True, message=message, result=result), 409
    return render_result(ended, last), 409


def _first_error(form: QuestionForm | None) -> str:
    if form is None:
        return "That answer could not be read."
    errors = [*form.form_errors, *(e for f in form.fields() for e in f.errors)]
    return str(errors[0]) if errors else "That answer could not be read."
