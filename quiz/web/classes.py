"""A student's classes: joining one with its code, the assignments of each, an
assignment's page with its rules and the student's attempts, and starting one."""

from __future__ import annotations

import random
from collections.abc import Sequence

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as HttpResponse

from quiz.domain.assigning import questions_for
from quiz.domain.courses import Availability, availability, normal_code
from quiz.domain.questions import Question
from quiz.domain.standings import standing
from quiz.store import assigning, assignments, courses
from quiz.store.assignments import spec_of
from quiz.store.models import Assignment, Course
from quiz.web.context import now
from quiz.web.forms.choices import PostForm
from quiz.web.forms.courses import COUNTINGS, REVEALS, JoinForm
from quiz.web.pages.offer import offer_now
from quiz.web.pages.when import when_text
from quiz.web.reveal import review_open

bp = Blueprint("classes", __name__)
Page = HttpResponse | str | tuple[str, int]


def _student_only() -> None:
    if current_user.role != "student":
        abort(403, "Classes are joined by students; instructors run theirs from Classes.")


@bp.route("/join", methods=["GET", "POST"])
@login_required
def join() -> Page:
    """Join a class with the code an instructor gave."""
    _student_only()
    form = JoinForm()
    if form.validate_on_submit():
        course = courses.by_code(form.code.data)
        if course is not None:
            return redirect(url_for(".join_code", code=course.join_code))
        form.code.errors = ["No class has that code: check it with your instructor."]
    return render_template("classes/join.html", form=form), 400 if form.errors else 200


@bp.route("/join/<code>", methods=["GET", "POST"])
@login_required
def join_code(code: str) -> Page:
    """The class a join link names, and the button that joins it."""
    _student_only()
    course = courses.by_code(normal_code(code[:40]))
    if course is None:
        form = JoinForm(formdata=None, code=code[:40])
        form.code.errors = [
            "That join link is wrong or its class was archived: ask your instructor."
        ]
        return render_template("classes/join.html", form=form), 404
    form = PostForm()
    if request.method == "POST" and form.validate_on_submit():
        joined = courses.join(course, current_user.id, now())
        flash(
            f"You joined {course.name}." if joined else f"You are already in {course.name}.",
            "success",
        )
        return redirect(url_for(".course", course_id=course.id))
    return render_template("classes/confirm.html", course=course, form=form)


def _my_course(course_id: int) -> Course:
    course = courses.get(course_id)
    mine = {c.id for c in courses.courses_of_student(current_user.id)}
    if course is None or course.id not in mine:
        abort(404)
    return course


@bp.route("/classes")
@login_required
def index() -> str:
    """The student's classes and their assignments."""
    moment = now()
    mine = courses.courses_of_student(current_user.id)
    items = assignments.of_student(current_user.id, moment)
    return render_template(
        "classes/index.html", courses=mine, items=items, now=moment, standing=standing
    )


@bp.route("/classes/<int:course_id>")
@login_required
def course(course_id: int) -> str:
    found = _my_course(course_id)
    moment = now()
    items = assignments.of_student(current_user.id, moment, course_id=found.id)
    return render_template(
        "classes/course.html", course=found, items=items, now=moment, standing=standing
    )


def _my_assignment(assignment_id: int) -> Assignment:
    found = assignments.get(assignment_id)
    if found is None or found.archived_at is not None:
        abort(404)
    _my_course(found.course_id)
    return found


@bp.route("/assignments/<int:assignment_id>")
@login_required
def assignment(assignment_id: int) -> str:
    """The assignment's rules, its dates in the student's time zone, their attempts."""
    found = _my_assignment(assignment_id)
    moment = now()
    item = next(
        i
        for i in assignments.of_student(current_user.id, moment, found.course_id)
        if i.assignment.id == found.id
    )
    taken = assignments.attempts_of(found.id, current_user.id)
    return render_template(
        "classes/assignment.html",
        item=item,
        a=found,
        course=courses.get(found.course_id),
        attempts=[(t, review_open(t, moment)) for t in taken],
        state=availability(item.window, moment),
        Availability=Availability,
        standing=standing(item.attempts, item.window, moment),
        used=len(taken),
        countings=COUNTINGS,
        reveals=REVEALS,
        form=PostForm(),
        now=moment,
    )


@bp.route("/assignments/<int:assignment_id>/start", methods=["POST"])
@login_required
def start(assignment_id: int) -> Page:
    """Start (or continue) the student's attempt, within the window and attempts allowed."""
    found = _my_assignment(assignment_id)
    PostForm().validate_on_submit() or abort(400, "The form expired: go back and try again.")
    spec, offer = spec_of(found), offer_now()

    def draw(n: int) -> Sequence[Question]:
        return questions_for(spec, offer, random.Random(f"{found.id}:{current_user.id}:{n}"))

    zone = current_user.timezone
    started = assigning.start(found, current_user.id, draw, now(), lambda m: when_text(m, zone))
    if isinstance(started, str):
        flash(started, "error")
        return redirect(url_for(".assignment", assignment_id=found.id))
    return redirect(url_for("practice.resume", attempt_id=started.id))
