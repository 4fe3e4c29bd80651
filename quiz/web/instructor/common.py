"""What the instructor pages and their CSV exports share: the blueprint, sorting and
paging links, and the gradebook as filtered and sorted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import Blueprint, abort, request, url_for
from flask_login import current_user

from quiz.domain.banks import Bank
from quiz.domain.times import aware
from quiz.store import courses
from quiz.store.analysis import Which
from quiz.store.gradebook import StudentRow, gradebook, sort_keys, sort_rows
from quiz.web.context import current_catalog, now
from quiz.web.forms.choices import GradebookFilterForm

bp = Blueprint("instructor", __name__, url_prefix="/instructor")


# The query parameters the instructor pages read: the only ones their links carry on.
# (Passing every parameter let ``_method``, ``_anchor``, ``_external`` or a view argument
# such as ``bank_id`` rewrite the links, or make url_for fail.)
KNOWN_ARGS = ("q", "start", "end", "attempts", "sort", "dir", "page")


@bp.context_processor
def _helpers() -> dict[str, Any]:
    return {"sort_url": sort_url, "page_url": page_url, "csv_url": csv_url, "utc": aware}


def _link(endpoint: str, **changes: Any) -> str:
    """*endpoint* with this page's known query parameters, changed by *changes*."""
    args: dict[str, Any] = {k: v for k, v in request.args.items() if k in KNOWN_ARGS}
    return url_for(endpoint, **{**args, **changes, **(request.view_args or {})})


def sort_url(key: str, sort: str, descending: bool) -> str:
    """This page sorted by *key*: ascending first, a second click reverses."""
    direction = "desc" if key == sort and not descending else "asc"
    return _link(request.endpoint or "", sort=key, dir=direction, page=None)


def page_url(page: int) -> str:
    return _link(request.endpoint or "", page=page)


def csv_url(endpoint: str) -> str:
    """The CSV of this page, with the same filters and order."""
    return _link(endpoint, page=None)


def chosen_sort(allowed: Sequence[str], default: str) -> tuple[str, bool]:
    key = request.args.get("sort", default)
    return (key if key in allowed else default), request.args.get("dir") == "desc"


def my_students() -> Any:
    """The students the signed-in instructor may see: those of their classes."""
    return courses.visible_students(current_user.id)


def own_student_or_404(student_id: int) -> None:
    """Another instructor's student is not there at all (404, not 403: nothing leaks)."""
    if not courses.sees_student(current_user.id, student_id):
        abort(404)


def bank_or_404(bank_id: str) -> Bank:
    return current_catalog().banks.get(bank_id) or abort(404)


def which_attempts() -> Which:
    which = request.args.get("attempts", "first")
    if which not in ("first", "all"):
        abort(
            400,
            "Choose the first attempt of each student (attempts=first) or all attempts (attempts=all).",
        )
    return "all" if which == "all" else "first"


def filtered_gradebook() -> tuple[GradebookFilterForm, list[StudentRow], list[str], str, bool]:
    """The filtered, sorted gradebook rows the page and its CSV share."""
    form = GradebookFilterForm(formdata=request.args)
    bank_ids = list(current_catalog().banks)
    sort, descending = chosen_sort(sort_keys(bank_ids), "student")
    if not form.validate():
        return form, [], bank_ids, sort, descending
    rows = gradebook(
        now(), form.q.data or "", form.start.data, form.end.data, students=my_students()
    )
    return form, sort_rows(rows, sort, descending), bank_ids, sort, descending
