"""An instructor's classes: creating one, its page (join code and link, students,
co-instructors, assignments), removing a student, adding a co-instructor, archiving.
A class the signed-in instructor does not teach is not there (404)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from quiz.store import assignments, courses
from quiz.store.courses import CourseError
from quiz.store.models import Course
from quiz.web.context import now
from quiz.web.forms.choices import PostForm
from quiz.web.forms.courses import ClassForm, CoInstructorForm
from quiz.web.instructor.common import bp
from quiz.web.security import instructor_required

Page = HttpResponse | str | tuple[str, int]


def course_or_404(course_id: int) -> Course:
    """A class the signed-in instructor teaches; any other is not found."""
    found = courses.get(course_id)
    if found is None or not courses.teaches(current_user.id, found.id):
        abort(404)
    return found


@bp.route("/classes", methods=["GET", "POST"])
@instructor_required
def classes() -> Page:
    """The instructor's classes, and a form to create one."""
    form = ClassForm()
    if form.validate_on_submit():
        created = courses.create(
            form.name.data.strip(), form.term.data or "", current_user.id, now()
        )
        flash(f"Class {created.name} created: give your students its join code.", "success")
        return redirect(url_for(".course", course_id=created.id))
    show_archived = request.args.get("archived") == "1"
    taught = courses.taught_by(current_user.id, archived=show_archived)
    counts = {c.id: courses.student_count(c.id) for c in taught}
    html = render_template(
        "instructor/classes.html",
        form=form,
        taught=taught,
        counts=counts,
        show_archived=show_archived,
    )
    return html, 400 if form.errors else 200


def render_course(
    found: Course, co_form: CoInstructorForm | None = None, status: int = 200
) -> tuple[str, int]:
    html = render_template(
        "instructor/course.html",
        course=found,
        roster=courses.roster(found.id),
        instructors=courses.instructors(found.id),
        items=assignments.of_course(found.id, archived=True),
        co_form=co_form or CoInstructorForm(formdata=None),
        form=PostForm(),
        join_link=url_for("classes.join_code", code=found.join_code, _external=True),
    )
    return html, status


@bp.route("/classes/<int:course_id>")
@instructor_required
def course(course_id: int) -> tuple[str, int]:
    return render_course(course_or_404(course_id))


def _posted() -> None:
    if not PostForm().validate_on_submit():
        abort(400, "The form expired: go back, reload the page and try again.")


@bp.route("/classes/<int:course_id>/students/<int:user_id>/remove", methods=["POST"])
@instructor_required
def remove_student(course_id: int, user_id: int) -> HttpResponse:
    """Take a student out of the class; their attempts stay on record."""
    found = course_or_404(course_id)
    _posted()
    member = next((m for m in courses.roster(found.id) if m.user_id == user_id), None)
    if member is None:
        abort(404)
    courses.remove_student(found.id, user_id, now())
    flash(f"{member.username} was removed from {found.name}; their work is kept.", "success")
    return redirect(url_for(".course", course_id=found.id))


@bp.route("/classes/<int:course_id>/instructors", methods=["POST"])
@instructor_required
def add_instructor(course_id: int) -> Page:
    """Add a co-instructor by user name: they see this class as its instructors do."""
    found = course_or_404(course_id)
    form = CoInstructorForm()
    if form.validate_on_submit():
        try:
            added = courses.add_instructor(found.id, form.username.data.strip(), now())
        except CourseError as error:
            form.username.errors = [error.message]
        else:
            flash(f"{added.username} now teaches {found.name} with you.", "success")
            return redirect(url_for(".course", course_id=found.id))
    return render_course(found, form, 400)


@bp.route("/classes/<int:course_id>/archive", methods=["POST"])
@instructor_required
def archive_course(course_id: int) -> HttpResponse:
    """Archive the class (its join code stops working; nothing is deleted), or restore it."""
    found = course_or_404(course_id)
    _posted()
    archive = request.form.get("archive") == "1"
    courses.set_archived(found.id, archive, now())
    flash(
        f"{found.name} was archived: its join code no longer works."
        if archive
        else f"{found.name} is active again.",
        "success",
    )
    return redirect(url_for(".course", course_id=found.id))
