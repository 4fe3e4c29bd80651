"""The instructor's CSV downloads, streamed."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Response, abort, request, stream_with_context

from quiz.domain.exports import ITEM_COLUMNS, RESPONSE_COLUMNS, csv_lines, item_line, response_line
from quiz.store.analysis import response_rows
from quiz.web.context import now
from quiz.web.instructor.common import bank_or_404, bp, filtered_gradebook, my_students
from quiz.web.instructor.pages import item_lines
from quiz.web.pages import reports
from quiz.web.security import instructor_required


def _csv(filename: str, lines: Iterator[str]) -> Response:
    disposition = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(stream_with_context(lines), mimetype="text/csv", headers=disposition)


@bp.route("/gradebook.csv")
@instructor_required
def gradebook_csv() -> Response:
    """The gradebook as shown (same filters and order, every page) as CSV."""
    form, rows, bank_ids, _, _ = filtered_gradebook()
    if form.errors:
        abort(400, "; ".join(e for errors in form.errors.values() for e in errors))
    lines = (reports.gradebook_line(row, bank_ids) for row in rows)
    return _csv("gradebook.csv", csv_lines(reports.gradebook_header(bank_ids), lines))


@bp.route("/banks/<bank_id>/items.csv")
@instructor_required
def items_csv(bank_id: str) -> Response:
    """The item analysis of a bank's answered questions as CSV."""
    found_lines, which = item_lines(bank_id)
    analysed = sorted(
        (line.item for line in found_lines if line.item.n), key=lambda i: i.question_id
    )
    lines = (item_line(item) for item in analysed)
    return _csv(
        f"item-analysis-{bank_or_404(bank_id).id}-{which}.csv", csv_lines(ITEM_COLUMNS, lines)
    )


@bp.route("/responses.csv")
@instructor_required
def responses_csv() -> Response:
    """Every response, one row each (?bank= one bank; ?completed=1 the analysed attempts only)."""
    bank_id = request.args.get("bank") or None
    if bank_id is not None:
        bank_id = bank_or_404(bank_id).id
    completed = request.args.get("completed") == "1"
    rows = response_rows(now(), bank_id, completed, students=my_students())
    lines = (response_line(row) for row in rows)
    name = "-".join(
        ["responses", *([bank_id] if bank_id else []), *(["completed"] if completed else [])]
    )
    return _csv(f"{name}.csv", csv_lines(RESPONSE_COLUMNS, lines))
