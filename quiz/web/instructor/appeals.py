"""The appeals queue: a student's "I think my answer should count", the question, their
answer beside the key; accept (the score changes, recorded) or decline, with a note."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from quiz.domain.appeals import STATUS_LABELS, Status
from quiz.store import appeals
from quiz.web.context import current_catalog, now
from quiz.web.forms.study import DecisionForm
from quiz.web.instructor.common import bp, my_students, own_student_or_404
from quiz.web.security import instructor_required


def _render(form: DecisionForm | None = None, failed: int | None = None) -> str:
    return render_template(
        "instructor/appeals.html",
        rows=appeals.queue(students=my_students()),
        questions=current_catalog().questions,
        form=form or DecisionForm(formdata=None),
        failed=failed,
        labels=STATUS_LABELS,
        open_status=Status.OPEN,
    )


@bp.route("/appeals")
@instructor_required
def appeals_queue() -> str:
    """Open appeals first, oldest first; then the decided ones with who and when."""
    return _render()


@bp.route("/appeals/<int:appeal_id>", methods=["POST"])
@instructor_required
def decide_appeal(appeal_id: int) -> str | tuple[str, int] | object:
    """Accept (full marks for the response, the attempt's score rises) or decline."""
    appeal = appeals.get(appeal_id) or abort(404)
    own_student_or_404(appeal.user_id)  # another instructor's student: not there
    form = DecisionForm()
    if not form.validate_on_submit():
        return _render(form, appeal_id), 400
    accept = form.decision.data == "accept"
    reply = (form.reply.data or "").strip()
    if appeals.decide(appeal, accept, current_user.id, reply, now()):
        flash("Accepted: the answer now scores full marks." if accept else "Declined.", "success")
    else:
        flash("That appeal had already been decided.", "info")
    return redirect(url_for(".appeals_queue"))
