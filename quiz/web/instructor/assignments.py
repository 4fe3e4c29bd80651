"""Assignments, as their class's instructors set them: the form (new and edit, every
problem beside its field, nothing stored until all is right), the assignment's page with
each student's standing and extensions, archiving, and its item analysis with regrading."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from quiz.domain import assigning as rules
from quiz.domain import classbook
from quiz.domain.assigning import Offer
from quiz.domain.courses import Extension
from quiz.domain.times import in_zone
from quiz.store import assigning, assignments, courses
from quiz.store import classbook as classbook_reads
from quiz.store.models import Assignment, Course
from quiz.web.context import now
from quiz.web.forms.choices import PostForm
from quiz.web.forms.courses import (
    COUNTINGS,
    MODES,
    REVEALS,
    SELECTIONS,
    AssignmentForm,
    ExtensionForm,
)
from quiz.web.instructor.classes import Page, course_or_404
from quiz.web.instructor.common import bp
from quiz.web.pages.offer import offer_now
from quiz.web.security import instructor_required


def assignment_or_404(assignment_id: int) -> tuple[Assignment, Course]:
    """An assignment of a class the signed-in instructor teaches, with its class."""
    found = assignments.get(assignment_id) or abort(404)
    return found, course_or_404(found.course_id)


def _zone() -> str | None:
    zone: str | None = current_user.timezone
    return zone


def _offered(form: AssignmentForm, offer: Offer) -> None:
    questions = [
        (q.id, f"{offer.titles[bank_id]}: {q.prompt[:90]}")
        for bank_id, found in offer.banks.items()
        for q in found
    ]
    form.offer(list(offer.titles.items()), questions)


def _local(moment: Any) -> Any:
    return None if moment is None else in_zone(moment, _zone()).replace(tzinfo=None)


def _form_data(found: Assignment) -> dict[str, Any]:
    limit = found.time_limit_s
    return {
        "title": found.title,
        "selection": str(found.selection),
        "bank_ids": list(found.bank_ids or ()),
        "question_ids": list(found.question_ids or ()),
        "draw_count": found.draw_count,
        "mode": str(found.mode),
        "opens_at": _local(found.opens_at),
        "due_at": _local(found.due_at),
        "closes_at": _local(found.closes_at),
        "late_allowed": found.late_allowed,
        "time_limit": None if limit is None else limit // 60,
        "attempts_allowed": found.attempts_allowed,
        "counting": str(found.counting),
        "reveal": str(found.reveal),
        "weight": found.weight,
    }


def _edit(course: Course, found: Assignment | None) -> Page:
    form = AssignmentForm(data=_form_data(found) if found is not None else None)
    offer = offer_now()
    _offered(form, offer)
    if form.validate_on_submit():
        spec = form.spec(_zone())
        problems = rules.problems(spec, offer)
        if not problems:
            saved = assigning.save(course.id, spec, now(), None if found is None else found.id)
            flash(f"Assignment {spec.title} saved.", "success")
            return redirect(url_for(".assignment", assignment_id=saved))
        form.report(problems)
    html = render_template(
        "instructor/assignment_form.html",
        form=form,
        course=course,
        found=found,
        zone=_zone() or "UTC",
        labels={"selection": SELECTIONS, "mode": MODES, "counting": COUNTINGS, "reveal": REVEALS},
    )
    return html, 400 if form.errors else 200


@bp.route("/classes/<int:course_id>/assignments/new", methods=["GET", "POST"])
@instructor_required
def new_assignment(course_id: int) -> Page:
    return _edit(course_or_404(course_id), None)


@bp.route("/assignments/<int:assignment_id>/edit", methods=["GET", "POST"])
@instructor_required
def edit_assignment(assignment_id: int) -> Page:
    found, course = assignment_or_404(assignment_id)
    return _edit(course, found)


def render_assignment(
    found: Assignment, course: Course, extension: ExtensionForm | None = None, status: int = 200
) -> tuple[str, int]:
    moment = now()
    facts = classbook_reads.facts(course.id, moment)
    rows = classbook.rows(facts, moment, 0.0)
    form = extension or ExtensionForm(formdata=None)
    form.student.choices = [(user_id, name) for user_id, name in facts.students]
    html = render_template(
        "instructor/assignment.html",
        a=found,
        course=course,
        rows=[(row, row.cells.get(found.id)) for row in rows],
        extensions={u: e for (u, a), e in facts.extensions.items() if a == found.id},
        extension_form=form,
        form=PostForm(),
        labels={"selection": SELECTIONS, "mode": MODES, "counting": COUNTINGS, "reveal": REVEALS},
        zone=_zone() or "UTC",
    )
    return html, status


@bp.route("/assignments/<int:assignment_id>")
@instructor_required
def assignment(assignment_id: int) -> tuple[str, int]:
    """The assignment's settings and where each student stands on it."""
    found, course = assignment_or_404(assignment_id)
    return render_assignment(found, course)


@bp.route("/assignments/<int:assignment_id>/archive", methods=["POST"])
@instructor_required
def archive_assignment(assignment_id: int) -> HttpResponse:
    """Hide the assignment from students (attempts and grades are kept), or restore it."""
    found, course = assignment_or_404(assignment_id)
    if not PostForm().validate_on_submit():
        abort(400, "The form expired: go back, reload the page and try again.")
    archive = request.form.get("archive") == "1"
    assigning.set_archived(found.id, archive, now())
    flash(
        f"{found.title} was archived: students no longer see it."
        if archive
        else f"{found.title} is back on the students' lists.",
        "success",
    )
    return redirect(url_for(".course", course_id=course.id))


@bp.route("/assignments/<int:assignment_id>/extensions", methods=["POST"])
@instructor_required
def extension(assignment_id: int) -> Page:
    """Give one student extra time or later dates; all fields empty takes it away."""
    found, course = assignment_or_404(assignment_id)
    form = ExtensionForm()
    roster = {m.user_id: m.username for m in courses.roster(course.id)}
    form.student.choices = list(roster.items())
    if not form.validate_on_submit():
        return render_assignment(found, course, form, 400)
    zone = _zone()
    granted = Extension(
        (form.extra_minutes.data or 0) * 60, form.due_at.utc(zone), form.closes_at.utc(zone)
    )
    empty = not granted.extra_time_s and granted.due_at is None and granted.closes_at is None
    assigning.set_extension(found.id, form.student.data, None if empty else granted)
    name = roster[form.student.data]
    flash(
        f"The extension of {name} was taken away." if empty else f"{name} has an extension.",
        "success",
    )
    return redirect(url_for(".assignment", assignment_id=found.id))
