"""Questions: write one from its passage, edit, preview, see its history, retire, restore."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from quiz.domain.authoring import Review, quote_from, review
from quiz.domain.changes import changes
from quiz.domain.documents import Document, Segment, segments
from quiz.domain.interop.plan import review_drafts
from quiz.domain.questions import TYPES, QuestionType
from quiz.domain.questions.editing import common_values, question_content, to_values
from quiz.domain.texts import Block, blocks
from quiz.store import authoring, editing
from quiz.store.authoring import AuthoringError, Save
from quiz.store.editing import QuestionState
from quiz.web.authoring.common import attach_problems, bp
from quiz.web.context import current_catalog, now
from quiz.web.forms.answers import answer_form
from quiz.web.forms.authoring import QuestionForm, question_form
from quiz.web.forms.choices import PostForm
from quiz.web.pages.feedback import passage_view
from quiz.web.security import instructor_required

Page = HttpResponse | str | tuple[str, int]


@bp.route("/banks/<bank_id>/questions/new", methods=["GET", "POST"])
@instructor_required
def new_question(bank_id: str) -> Page:
    """Write a new question of the chosen type (?type=single, ...) into a topic."""
    found = editing.bank(bank_id) or abort(404)
    qtype = TYPES.get(request.args.get("type", "single")) or abort(404)
    return _editor(found.id, qtype, None)


@bp.route("/questions/<question_id>/edit", methods=["GET", "POST"])
@instructor_required
def edit_question(question_id: str) -> Page:
    """Edit a question: each save publishes a new version, or keeps a draft."""
    state = editing.question(question_id) or abort(404)
    content = state.draft or state.content or {}
    qtype = TYPES.get(str(content.get("type"))) or abort(404)
    return _editor(state.bank_id, qtype, state)


def _editor(bank_id: str, qtype: QuestionType[Any], state: QuestionState | None) -> Page:
    catalog = current_catalog()
    documents = [(d.id, d.title) for d in catalog.library]
    editor = qtype.editor()
    initial = _initial(qtype, state)
    form = question_form(editor, documents, data=initial if request.method == "GET" else None)
    if state is not None:
        form.id.data = state.id  # an id is for ever
    editing_now = _Editing(form, qtype, bank_id, state)
    if not form.validate_on_submit():
        status = 400 if form.errors else 200
        if request.method == "GET" and state is not None and state.draft_reason and state.draft:
            imported = review_drafts([(state.draft, bank_id)], catalog)[state.id]
            attach_problems(form, list(imported.problems), {})  # an imported draft: what it needs
        return _render(editing_now, None, status=status)
    content, rows = _content(form, qtype)
    checked = review(content, bank_id, catalog)
    if form.show.data:  # another document in the panel: nothing checked yet
        return _render(editing_now, None)
    if form.preview.data:
        attach_problems(form, checked.problems, rows)
        return _render(editing_now, checked, preview=True)
    save = Save(content["id"], bank_id, content, _cited(checked), current_user.id, now())
    try:
        if form.draft.data:
            authoring.save_draft(save, new=state is None)
            flash("Draft saved. It is not served to students until it is published.", "info")
            return redirect(url_for(".edit_question", question_id=save.question_id))
        if not checked.problems:
            number = authoring.publish(save, new=state is None)
            flash(_saved_message(number, checked), "success")
            return redirect(url_for(".bank", bank_id=bank_id))
    except AuthoringError as error:
        form[error.field].errors.append(error.message)
    attach_problems(form, checked.problems, rows)
    return _render(editing_now, checked, status=400)


def _initial(qtype: QuestionType[Any], state: QuestionState | None) -> dict[str, Any]:
    content = (state.draft or state.content or {}) if state else {}
    common = common_values(content)
    return {
        **to_values(qtype.editor(), content),
        **{k: v for k, v in common.items() if k not in ("document", "quote")},
        "source": {"document": common["document"], "quote": common["quote"]},
    }


def _content(
    form: QuestionForm, qtype: QuestionType[Any]
) -> tuple[dict[str, Any], dict[str, list[int]]]:
    data = form.data
    source = data.get("source") or {}
    document = current_catalog().library.get(source.get("document") or "")
    quote = quote_from(
        document, source.get("start") or "", source.get("end") or "", source.get("quote") or ""
    )
    common = {**data, "document": source.get("document") or "", "quote": quote}
    return question_content(qtype.name, form.editor, common, data)


def _cited(checked: Review) -> set[str]:
    return {p.document for p in checked.question.passages} if checked.question else set()


def _saved_message(number: int | None, checked: Review) -> str:
    saved = f"Saved as version {number}." if number else "Nothing changed: no new version."
    if checked.warnings:
        saved += f" The lint has {len(checked.warnings)} warning(s) about it: see the topic's page."
    return saved


@dataclass(frozen=True)
class _Editing:
    """The question being written: its form, type, topic and stored state."""

    form: QuestionForm
    qtype: QuestionType[Any]
    bank_id: str
    state: QuestionState | None


def _render(
    ed: _Editing, review: Review | None, status: int = 200, preview: bool = False
) -> tuple[str, int]:
    catalog = current_catalog()
    chosen = ed.form.source.document.data or next(iter(catalog.library.documents), "")
    document = catalog.library.get(chosen)
    shown = _preview(review) if preview and review and review.question else None
    html = render_template(
        "authoring/question.html",
        form=ed.form,
        qtype=ed.qtype,
        bank=editing.bank(ed.bank_id),
        state=ed.state,
        review=review,
        document=document,
        blocks=_marked(document, ed.form.source.quote.data),
        preview=shown,
    )
    return html, status


def _marked(document: Document | None, quote: str | None) -> list[tuple[Block, list[Segment]]]:
    """The document's blocks, with the passage the quote names marked (when it is there)."""
    if document is None:
        return []
    found = document.find(quote or "") if (quote or "").strip() else None
    span = (found.start, found.end) if found else None
    return list(zip(blocks(document), segments(document, span), strict=True))


def _preview(checked: Review) -> dict[str, Any]:
    """The question as a student meets it, and what they see after answering."""
    question = checked.question
    assert question is not None
    qtype = TYPES[question.type]
    entry = qtype.shuffle(question, random.Random(0))
    return {
        "q": question,
        "form": answer_form(question, entry, prefix="preview"),
        "key": qtype.describe_key(question),
        "passage": passage_view(question.passage, current_catalog().library, question),
    }


@bp.route("/questions/<question_id>/history")
@instructor_required
def history(question_id: str) -> str:
    """Every version of a question: who saved it, when, and what changed."""
    state = editing.question(question_id) or abort(404)
    versions = editing.history(question_id)
    rows = [
        (v, changes(versions[n - 1].content if n else None, v.content))
        for n, v in enumerate(versions)
    ]
    return render_template(
        "authoring/history.html", state=state, rows=list(reversed(rows)), post=PostForm()
    )


@bp.route("/questions/<question_id>/<any(retire, restore):action>", methods=["POST"])
@instructor_required
def retire_question(question_id: str, action: str) -> HttpResponse:
    """Retire a question (kept for the record, no longer served) or bring it back."""
    state = editing.question(question_id) or abort(404)
    if not PostForm().validate_on_submit():
        abort(400)
    authoring.set_question_retired(state.id, action == "retire", now())
    flash(f"Question {state.id!r} {'retired' if action == 'retire' else 'restored'}.", "success")
    return redirect(url_for(".bank", bank_id=state.bank_id))
