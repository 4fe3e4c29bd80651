"""The instructor area: gradebook, a student's attempts, per-bank scores, item analysis,
passages and CSV exports. Every view is for instructors only."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from flask import Blueprint, Response, abort, render_template, request, stream_with_context, url_for

from quiz import records, reports
from quiz.banks import Bank
from quiz.catalog import current_catalog
from quiz.exports import ITEM_COLUMNS, RESPONSE_COLUMNS, csv_lines, item_line, response_line
from quiz.extensions import db
from quiz.feedback import attempt_title
from quiz.forms import GradebookFilterForm
from quiz.gradebook import StudentRow, Which, aware, bank_overview, gradebook as gradebook_rows, response_rows, sort_keys, sort_rows
from quiz.models import Attempt, User
from quiz.security import instructor_required

bp = Blueprint("instructor", __name__, url_prefix="/instructor")

PAGE_SIZE = 100


@bp.context_processor
def _helpers() -> dict[str, Any]:
    return {"sort_url": sort_url, "page_url": page_url, "utc": aware}


def sort_url(key: str, sort: str, descending: bool) -> str:
    """This page sorted by *key*: ascending first, a second click reverses."""
    args = {**(request.view_args or {}), **request.args.to_dict(), "sort": key,
            "dir": "desc" if key == sort and not descending else "asc", "page": None}
    return url_for(request.endpoint or "", **args)


def page_url(page: int) -> str:
    return url_for(request.endpoint or "", **{**(request.view_args or {}), **request.args.to_dict(), "page": page})


def _sort(allowed: Sequence[str], default: str) -> tuple[str, bool]:
    key = request.args.get("sort", default)
    return (key if key in allowed else default), request.args.get("dir") == "desc"


def _bank(bank_id: str) -> Bank:
    return current_catalog().banks.get(bank_id) or abort(404)


def _which() -> Which:
    which = request.args.get("attempts", "first")
    if which not in ("first", "all"):
        abort(400, "Choose the first attempt of each student (attempts=first) or all attempts (attempts=all).")
    return "all" if which == "all" else "first"


def _csv(filename: str, lines: Iterator[str]) -> Response:
    return Response(stream_with_context(lines), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/")
@instructor_required
def index():
    """The banks with their finished attempts and mean score, and links to every report."""
    return render_template("instructor/index.html", banks=current_catalog().banks.values(), overview=bank_overview())


def _gradebook() -> tuple[GradebookFilterForm, list[StudentRow], list[str], str, bool]:
    """The filtered, sorted gradebook rows the page and its CSV share."""
    form = GradebookFilterForm(formdata=request.args)
    bank_ids = list(current_catalog().banks)
    sort, descending = _sort(sort_keys(bank_ids), "student")
    if not form.validate():
        return form, [], bank_ids, sort, descending
    rows = gradebook_rows(form.q.data or "", form.start.data, form.end.data)
    return form, sort_rows(rows, sort, descending), bank_ids, sort, descending


@bp.route("/gradebook")
@instructor_required
def gradebook():
    """One row per student: per bank attempts, best, latest and mean score; last active."""
    form, rows, _, sort, descending = _gradebook()
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(1, request.args.get("page", 1, type=int)), pages)
    return render_template("instructor/gradebook.html", form=form, rows=rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE],
                           total=len(rows), page=page, pages=pages, banks=list(current_catalog().banks.values()),
                           sort=sort, descending=descending), 400 if form.errors else 200


@bp.route("/gradebook.csv")
@instructor_required
def gradebook_csv():
    """The gradebook as shown (same filters and order, every page) as CSV."""
    form, rows, bank_ids, _, _ = _gradebook()
    if form.errors:
        abort(400, "; ".join(e for errors in form.errors.values() for e in errors))
    lines = (reports.gradebook_line(row, bank_ids) for row in rows)
    return _csv("gradebook.csv", csv_lines(reports.gradebook_header(bank_ids), lines))


@bp.route("/students/<int:user_id>")
@instructor_required
def student(user_id: int):
    """Every attempt of one student, newest first, with per-bank best and latest."""
    user = db.get_or_404(User, user_id)
    rows = [(a, records.duration(a)) for a in records.attempts_of(user)]
    catalog = current_catalog()
    return render_template("instructor/student.html", user=user, rows=rows, stats=records.bank_stats(user),
                           catalog=catalog, title=lambda a: attempt_title(a, catalog))


@bp.route("/attempts/<int:attempt_id>")
@instructor_required
def attempt(attempt_id: int):
    """Every question of an attempt: what the student answered, the key, the score, when."""
    found = db.get_or_404(Attempt, attempt_id)
    answered = {r.question_id: r for r in found.responses}
    questions = current_catalog().questions
    rows = [(n, entry["question_id"], questions.get(entry["question_id"]), answered.get(entry["question_id"]))
            for n, entry in enumerate(found.layout, 1)]
    return render_template("instructor/attempt.html", attempt=found, rows=rows, duration=records.duration(found),
                           title=attempt_title(found, current_catalog()))


@bp.route("/banks/<bank_id>")
@instructor_required
def bank(bank_id: str):
    """A bank's score distribution and scores over time, with mean, median and completion."""
    found = _bank(bank_id)
    return render_template("instructor/bank.html", bank=found, report=reports.bank_report(found))


@bp.route("/banks/<bank_id>/items")
@instructor_required
def items(bank_id: str):
    """Item analysis: facility, discrimination and options chosen, per question."""
    found, which = _bank(bank_id), _which()
    sort, descending = _sort(reports.ITEM_SORTS, "position")
    lines = reports.sort_items(reports.item_report(found, which), sort, descending)
    return render_template("instructor/items.html", bank=found, lines=lines, which=which, sort=sort,
                           descending=descending)


@bp.route("/banks/<bank_id>/items.csv")
@instructor_required
def items_csv(bank_id: str):
    """The item analysis of a bank's answered questions as CSV."""
    found, which = _bank(bank_id), _which()
    analysed = [line.item for line in reports.item_report(found, which) if line.item.n]
    lines = (item_line(item) for item in sorted(analysed, key=lambda i: i.question_id))
    return _csv(f"item-analysis-{found.id}-{which}.csv", csv_lines(ITEM_COLUMNS, lines))


@bp.route("/passages")
@instructor_required
def passages():
    """Every passage questions cite, with its responses and facility, most-missed first."""
    return render_template("instructor/passages.html", lines=reports.passage_report(current_catalog()))


@bp.route("/responses.csv")
@instructor_required
def responses_csv():
    """Every response, one row each (?bank= one bank; ?completed=1 the analysed attempts only)."""
    bank_id = request.args.get("bank") or None
    if bank_id is not None:
        bank_id = _bank(bank_id).id
    completed = request.args.get("completed") == "1"
    lines = (response_line(row) for row in response_rows(bank_id, completed))
    name = "-".join(["responses", *([bank_id] if bank_id else []), *(["completed"] if completed else [])])
    return _csv(f"{name}.csv", csv_lines(RESPONSE_COLUMNS, lines))
