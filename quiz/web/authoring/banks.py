"""Topics: the overview of content, a new topic, a topic's header and its questions,
retiring, restoring and reordering topics."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as HttpResponse

from quiz.domain.interop.plan import review_drafts
from quiz.domain.lint import lint
from quiz.domain.questions import TYPES
from quiz.store import authoring, editing
from quiz.store.authoring import AuthoringError
from quiz.store.models import Status
from quiz.web.authoring.common import bp
from quiz.web.context import current_catalog, now
from quiz.web.forms.authoring import BankForm
from quiz.web.forms.choices import PostForm
from quiz.web.security import instructor_required

Page = HttpResponse | str | tuple[str, int]


@bp.route("/")
@instructor_required
def index() -> str:
    """Every topic and document, with what each holds, and the links to edit them."""
    counts = {b.id: {s: editing.question_count(b.id, s) for s in Status} for b in editing.banks()}
    return render_template(
        "authoring/index.html",
        banks=editing.banks(),
        counts=counts,
        documents=editing.documents(),
        post=PostForm(),
    )


@bp.route("/banks/new", methods=["GET", "POST"])
@instructor_required
def new_bank() -> Page:
    """A new topic: id, title, description."""
    form = BankForm()
    if form.validate_on_submit():
        try:
            authoring.create_bank(form.id.data, form.title.data, form.description.data or "", now())
        except AuthoringError as error:
            form[error.field].errors.append(error.message)
        else:
            flash(f"Topic {form.title.data!r} created. Add its questions.", "success")
            return redirect(url_for(".bank", bank_id=form.id.data))
    return render_template("authoring/bank_new.html", form=form), 400 if form.errors else 200


@bp.route("/banks/<bank_id>", methods=["GET", "POST"])
@instructor_required
def bank(bank_id: str) -> Page:
    """A topic's title and description, and its questions with their state and warnings."""
    found = editing.bank(bank_id) or abort(404)
    form = BankForm(obj=found)
    form.id.data = found.id
    if form.validate_on_submit():
        authoring.update_bank(found.id, form.title.data, form.description.data or "", now())
        flash("Topic saved.", "success")
        return redirect(url_for(".bank", bank_id=found.id))
    catalog = current_catalog()
    warnings = [w for w in lint(catalog.banks.values()) if w.bank == found.id]
    problems = [e for e in catalog.errors if e.file == found.id]
    questions = editing.bank_questions(found.id)
    imported = [(q.draft, found.id) for q in questions if q.draft_reason and q.draft]
    return render_template(
        "authoring/bank.html",
        bank=found,
        form=form,
        questions=questions,
        imported=review_drafts(imported, catalog),
        warnings=warnings,
        problems=problems,
        types=TYPES,
        post=PostForm(),
    ), 400 if form.errors else 200


@bp.route("/banks/<bank_id>/<any(retire, restore):action>", methods=["POST"])
@instructor_required
def retire_bank(bank_id: str, action: str) -> HttpResponse:
    """Retire a topic (kept, no longer offered) or bring it back."""
    found = editing.bank(bank_id) or abort(404)
    if not PostForm().validate_on_submit():
        abort(400)
    authoring.set_bank_retired(found.id, action == "retire", now())
    flash(f"Topic {found.title!r} {'retired' if action == 'retire' else 'restored'}.", "success")
    return redirect(url_for(".index"))


@bp.route("/banks/<bank_id>/move", methods=["POST"])
@instructor_required
def move_bank(bank_id: str) -> HttpResponse:
    """Move a topic up or down the list students see."""
    editing.bank(bank_id) or abort(404)
    step = {"up": -1, "down": 1}.get(request.form.get("direction", "")) or abort(400)
    if not PostForm().validate_on_submit():
        abort(400)
    authoring.move_bank(bank_id, step, now())
    return redirect(url_for(".index"))
