"""The instructor's pages."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user

from quiz.domain.attempts import duration
from quiz.store import analysis, assignments, attempts, content, courses, student, users
from quiz.store import gradebook as grades
from quiz.web.context import current_catalog, now
from quiz.web.forms.grades import OverrideForm, ReasonForm
from quiz.web.instructor.common import (
    bank_or_404,
    bp,
    chosen_sort,
    filtered_gradebook,
    my_students,
    own_student_or_404,
    which_attempts,
)
from quiz.web.pages import reports
from quiz.web.pages.feedback import review_rows, title_of
from quiz.web.security import instructor_required

PAGE_SIZE = 100


@bp.route("/")
@instructor_required
def index() -> str:
    """The banks with their finished attempts and mean score, and links to every report."""
    overview = grades.bank_overview(now(), students=my_students())
    return render_template(
        "instructor/index.html", banks=current_catalog().banks.values(), overview=overview
    )


@bp.route("/gradebook")
@instructor_required
def gradebook() -> tuple[str, int]:
    """One row per student: per bank attempts, best, latest and mean score; last active."""
    form, rows, _, sort, descending = filtered_gradebook()
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(1, request.args.get("page", 1, type=int)), pages)
    shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    html = render_template(
        "instructor/gradebook.html",
        form=form,
        rows=shown,
        total=len(rows),
        page=page,
        pages=pages,
        banks=list(current_catalog().banks.values()),
        sort=sort,
        descending=descending,
    )
    return html, 400 if form.errors else 200


@bp.route("/students/<int:user_id>", endpoint="student")
@instructor_required
def student_page(user_id: int) -> str:
    """Every attempt of one student, newest first, with per-bank best and latest."""
    user = users.get_user(user_id) or abort(404)
    own_student_or_404(user.id)
    catalog, moment = current_catalog(), now()
    rows = [
        (a, title_of(a, catalog), a.ended(moment), duration(a.started_at, a.ended(moment)))
        for a in attempts.attempts_of(user.id, with_discarded=True)
    ]
    stats = student.bank_stats(user.id, moment)
    return render_template(
        "instructor/student.html", user=user, rows=rows, stats=stats, catalog=catalog
    )


@bp.route("/attempts/<int:attempt_id>")
@instructor_required
def attempt(attempt_id: int) -> str:
    """Every question of an attempt: what the student answered, the key, the score, when."""
    found = attempts.get(attempt_id) or abort(404)
    own_student_or_404(found.user_id)
    answered = {r.question_id: r for r in found.responses}
    ids = [e.question_id for e in found.entries]
    rows = review_rows(ids, answered, current_catalog(), content.as_answered)
    ended = found.ended(now())
    assignment = assignments.get(found.assignment_id) if found.assignment_id else None
    if assignment is not None and not courses.teaches(current_user.id, assignment.course_id):
        abort(404)  # graded work of another instructor's class, even of a shared student
    graded = assignment is not None
    return render_template(
        "instructor/attempt.html",
        attempt=found,
        assignment=assignment if graded else None,
        override_form=lambda r: OverrideForm(formdata=None, prefix=f"r{r.id}", score=None),
        reset_form=ReasonForm(formdata=None, prefix="reset"),
        delete_form=ReasonForm(formdata=None, prefix="delete"),
        rows=rows,
        ended=ended,
        duration=duration(found.started_at, ended),
        title=title_of(found, current_catalog()),
    )


@bp.route("/banks/<bank_id>")
@instructor_required
def bank(bank_id: str) -> str:
    """A bank's score distribution and scores over time, with mean, median and completion."""
    found = bank_or_404(bank_id)
    report = reports.bank_report(found, grades.bank_scores(found.id, now(), students=my_students()))
    return render_template("instructor/bank.html", bank=found, report=report)


def item_lines(bank_id: str) -> tuple[list[reports.ItemLine], analysis.Which]:
    found, which = bank_or_404(bank_id), which_attempts()
    scored, answers = analysis.analysed_with_answers(
        found.id, reports.choice_question_ids(found.questions), now(), which, students=my_students()
    )
    return reports.item_report(found.questions, scored, answers), which


@bp.route("/banks/<bank_id>/items")
@instructor_required
def items(bank_id: str) -> str:
    """Item analysis: facility, discrimination and options chosen, per question."""
    lines, which = item_lines(bank_id)
    sort, descending = chosen_sort(reports.ITEM_SORTS, "position")
    return render_template(
        "instructor/items.html",
        bank=bank_or_404(bank_id),
        lines=reports.sort_items(lines, sort, descending),
        which=which,
        sort=sort,
        descending=descending,
    )


@bp.route("/passages")
@instructor_required
def passages() -> str:
    """Every passage questions cite, with its responses and facility, most-missed first."""
    lines = reports.passage_report(
        current_catalog(), analysis.question_totals(students=my_students())
    )
    return render_template("instructor/passages.html", lines=lines)
