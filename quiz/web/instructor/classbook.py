"""A class's gradebook (status and score per assignment, overall, at risk, practice apart;
sorted, filtered, searched), its CSV and XLSX downloads, and the class's audit log."""

from __future__ import annotations

import re

from flask import Response, abort, render_template, request, stream_with_context

from quiz.domain import classbook
from quiz.domain.sheets import Table, csv_text, xlsx_bytes
from quiz.store import classbook as reads
from quiz.store import gradechanges, users
from quiz.store.models import Course
from quiz.web.context import now
from quiz.web.forms.grades import ClassbookFilterForm
from quiz.web.instructor.classes import course_or_404
from quiz.web.instructor.common import bp, chosen_sort
from quiz.web.pages.classtables import gradebook_table, shown_rows
from quiz.web.security import instructor_required

PAGE_SIZE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60] or "class"


def csv_download(table: Table, filename: str) -> Response:
    return Response(
        stream_with_context(csv_text(table)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
    )


def xlsx_download(table: Table, filename: str) -> Response:
    return Response(
        xlsx_bytes(table),
        mimetype=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{filename}.xlsx"'},
    )


def _gradebook(
    found: Course,
) -> tuple[ClassbookFilterForm, classbook.Facts, list[classbook.Row], str, bool]:
    form = ClassbookFilterForm(formdata=request.args)
    moment = now()
    facts = reads.facts(found.id, moment)
    keys = [*classbook.SORTS, *(f"a{c.id}" for c in facts.columns)]
    sort, descending = chosen_sort(keys, "student")
    if not form.validate():
        return form, facts, [], sort, descending
    threshold = 50.0 if form.threshold.data is None else float(form.threshold.data)
    rows = classbook.rows(facts, moment, threshold)
    rows = classbook.filter_rows(rows, form.q.data or "", bool(form.at_risk.data))
    return form, facts, classbook.sort_rows(rows, sort, descending), sort, descending


@bp.route("/classes/<int:course_id>/gradebook")
@instructor_required
def class_gradebook(course_id: int) -> tuple[str, int]:
    found = course_or_404(course_id)
    form, facts, rows, sort, descending = _gradebook(found)
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(1, request.args.get("page", 1, type=int)), pages)
    shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    html = render_template(
        "instructor/classbook.html",
        course=found,
        form=form,
        columns=facts.columns,
        rows=shown_rows(shown, facts.columns),
        matching=len(rows),
        page=page,
        pages=pages,
        total=len(facts.students),
        sort=sort,
        descending=descending,
    )
    return html, 400 if form.errors else 200


def _table(course_id: int) -> tuple[Table, str]:
    found = course_or_404(course_id)
    form, facts, rows, _, _ = _gradebook(found)
    if form.errors:
        abort(400, "; ".join(e for errors in form.errors.values() for e in errors))
    title = f"Gradebook: {found.name}" + (f" ({found.term})" if found.term else "")
    return gradebook_table(title, facts.columns, rows), f"gradebook-{slug(found.name)}"


@bp.route("/classes/<int:course_id>/gradebook.csv")
@instructor_required
def class_gradebook_csv(course_id: int) -> Response:
    """The gradebook as shown (same filters and order) as CSV for a spreadsheet."""
    return csv_download(*_table(course_id))


@bp.route("/classes/<int:course_id>/gradebook.xlsx")
@instructor_required
def class_gradebook_xlsx(course_id: int) -> Response:
    return xlsx_download(*_table(course_id))


@bp.route("/classes/<int:course_id>/log")
@instructor_required
def audit_log(course_id: int) -> str:
    """Every change made by hand to the class's grades: who, when, what and why."""
    found = course_or_404(course_id)
    entries = gradechanges.log(found.id)
    ids = {e.actor_id for e in entries} | {e.student_id for e in entries if e.student_id}
    names = {i: u.username for i in ids if (u := users.get_user(i)) is not None}
    return render_template("instructor/audit_log.html", course=found, entries=entries, names=names)
