"""An instructor's changes to a class's grades, each kept in the class's audit log: an
assignment's item analysis (with its downloads) and regrading one of its questions against
a version of its key; overriding one response's score; resetting or deleting an attempt."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from quiz.domain.assigning import pool
from quiz.domain.sheets import Table
from quiz.store import analysis, attempts, content, editing, gradechanges
from quiz.store.assignments import spec_of
from quiz.store.gradechanges import Actor
from quiz.store.models import Assignment, Attempt
from quiz.web.context import now
from quiz.web.forms.grades import OverrideForm, ReasonForm, RegradeForm
from quiz.web.instructor.assignments import assignment_or_404
from quiz.web.instructor.classbook import csv_download, slug, xlsx_download
from quiz.web.instructor.classes import Page, course_or_404
from quiz.web.instructor.common import bp, chosen_sort, which_attempts
from quiz.web.pages import reports
from quiz.web.pages.classtables import items_table
from quiz.web.pages.offer import offer_now
from quiz.web.security import instructor_required


def _item_lines(found: Assignment) -> tuple[list[reports.ItemLine], analysis.Which]:
    which = which_attempts()
    questions = pool(spec_of(found), offer_now())
    scored, answers = analysis.assignment_with_answers(
        found.id, reports.choice_question_ids(questions), now(), which
    )
    return reports.item_report(questions, scored, answers), which


@bp.route("/assignments/<int:assignment_id>/items")
@instructor_required
def assignment_items(assignment_id: int) -> str:
    """Item analysis of the assignment's submitted attempts, with a regrade link each."""
    found, course = assignment_or_404(assignment_id)
    lines, which = _item_lines(found)
    sort, descending = chosen_sort(reports.ITEM_SORTS, "position")
    return render_template(
        "instructor/assignment_items.html",
        a=found,
        course=course,
        lines=reports.sort_items(lines, sort, descending),
        which=which,
        sort=sort,
        descending=descending,
        regrade=lambda q: url_for(".regrade", assignment_id=found.id, question_id=q),
    )


def _items_download(assignment_id: int) -> tuple[Table, str]:
    found, course = assignment_or_404(assignment_id)
    lines, which = _item_lines(found)
    title = f"Item analysis: {found.title} ({course.name}, {which} attempts)"
    return items_table(title, lines), f"items-{slug(found.title)}-{which}"


@bp.route("/assignments/<int:assignment_id>/items.csv")
@instructor_required
def assignment_items_csv(assignment_id: int) -> Response:
    table, name = _items_download(assignment_id)
    return csv_download(table, name)


@bp.route("/assignments/<int:assignment_id>/items.xlsx")
@instructor_required
def assignment_items_xlsx(assignment_id: int) -> Response:
    table, name = _items_download(assignment_id)
    return xlsx_download(table, name)


@bp.route("/assignments/<int:assignment_id>/regrade/<question_id>", methods=["GET", "POST"])
@instructor_required
def regrade(assignment_id: int, question_id: str) -> Page:
    """Grade every answer to one question of the assignment again, against the version
    of its key the instructor picks (the newest by default)."""
    found, course = assignment_or_404(assignment_id)
    if question_id not in {q.id for q in pool(spec_of(found), offer_now())}:
        abort(404)
    versions = editing.history(question_id)
    form = RegradeForm()
    form.version.choices = [
        (v.number, f"Version {v.number}, {v.created_at:%Y-%m-%d %H:%M} UTC, by {v.author}")
        for v in reversed(versions)
    ]
    if form.validate_on_submit():
        chosen = next(v for v in versions if v.number == form.version.data)
        built = content.as_answered(question_id, chosen.digest)
        if built is None:
            form.version.errors = ["That version no longer checks against its documents."]
        else:
            actor = Actor(current_user.id, course.id, now())
            changed = gradechanges.regrade(found.id, built[0], chosen.number, actor)
            flash(
                f"Regraded against version {chosen.number}: {changed} score(s) changed.",
                "success",
            )
            return redirect(url_for(".assignment_items", assignment_id=found.id))
    html = render_template(
        "instructor/regrade.html", a=found, course=course, form=form, question_id=question_id
    )
    return html, 400 if form.errors else 200


def graded_attempt_or_404(attempt_id: int) -> tuple[Attempt, Assignment]:
    """An attempt at an assignment of a class the signed-in instructor teaches."""
    found = attempts.get(attempt_id) or abort(404)
    if found.assignment_id is None:
        abort(404)
    assignment, _ = assignment_or_404(found.assignment_id)
    return found, assignment


@bp.route("/attempts/<int:attempt_id>/responses/<int:response_id>/override", methods=["POST"])
@instructor_required
def override(attempt_id: int, response_id: int) -> Page:
    """Set one response's score by hand, with a comment the student's record keeps."""
    found, assignment = graded_attempt_or_404(attempt_id)
    response = next((r for r in found.responses if r.id == response_id), None) or abort(404)
    form = OverrideForm(prefix=f"r{response.id}")
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(f"Score of {response.question_id} not changed: {error}", "error")
        return redirect(url_for(".attempt", attempt_id=found.id))
    actor = Actor(current_user.id, assignment.course_id, now())
    gradechanges.override(response.id, float(form.score.data) / 100, form.comment.data, actor)
    flash(f"Score of {response.question_id} set to {form.score.data:g}%.", "success")
    return redirect(url_for(".attempt", attempt_id=found.id))


def _reason(attempt_id: int, what: str) -> tuple[Attempt, Assignment, str] | HttpResponse:
    found, assignment = graded_attempt_or_404(attempt_id)
    form = ReasonForm(prefix=what)
    if not form.validate_on_submit():
        flash(
            f"Nothing was changed: {'; '.join(e for errs in form.errors.values() for e in errs)}",
            "error",
        )
        return redirect(url_for(".attempt", attempt_id=found.id))
    return found, assignment, form.comment.data


@bp.route("/attempts/<int:attempt_id>/reset", methods=["POST"])
@instructor_required
def reset_attempt(attempt_id: int) -> HttpResponse:
    """Set the attempt aside so the student may take the assignment again."""
    given = _reason(attempt_id, "reset")
    if isinstance(given, HttpResponse):
        return given
    found, assignment, comment = given
    gradechanges.reset(found.id, comment, Actor(current_user.id, assignment.course_id, now()))
    flash("The attempt was reset: it no longer counts, and the student may start again.", "success")
    return redirect(url_for(".attempt", attempt_id=found.id))


@bp.route("/attempts/<int:attempt_id>/delete", methods=["POST"])
@instructor_required
def delete_attempt(attempt_id: int) -> HttpResponse:
    """Delete the attempt and its answers; the audit log keeps what it scored."""
    given = _reason(attempt_id, "delete")
    if isinstance(given, HttpResponse):
        return given
    found, assignment, comment = given
    course = course_or_404(assignment.course_id)
    gradechanges.delete_attempt(found.id, comment, Actor(current_user.id, course.id, now()))
    flash("The attempt was deleted; the class's audit log keeps its score.", "success")
    return redirect(url_for(".assignment", assignment_id=assignment.id))
