"""Documents: add one (upload or paste; Markdown and HTML reduced to text), edit it as a new
version, and see which questions a new version leaves without their passage."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from quiz.domain.documents import Document
from quiz.domain.texts import blocks, format_of, to_plain_text
from quiz.store import authoring, editing
from quiz.store.authoring import AuthoringError
from quiz.web.authoring.common import bp
from quiz.web.context import current_catalog, now
from quiz.web.forms.authoring import MAX_DOCUMENT, DocumentForm
from quiz.web.inputs import body_limit
from quiz.web.security import instructor_required

Page = HttpResponse | str | tuple[str, int]


@bp.route("/documents/new", methods=["GET", "POST"])
@body_limit(2 * MAX_DOCUMENT, MAX_DOCUMENT)  # a file, or pasted text, up to the limit
@instructor_required
def new_document() -> Page:
    """Add a document the questions can quote."""
    return _save(DocumentForm(), None)


@bp.route("/documents/<document_id>", methods=["GET", "POST"])
@body_limit(2 * MAX_DOCUMENT, MAX_DOCUMENT)
@instructor_required
def document(document_id: str) -> Page:
    """A document as students read it, its questions that no longer find their passage, and
    the form that saves its next version."""
    current = editing.document(document_id) or abort(404)
    shown = {"id": current.id, "title": current.title, "short": current.short, "text": current.text}
    form = DocumentForm(data=shown if request.method == "GET" else None)
    form.id.data = current.id
    return _save(form, current.version)


def _save(form: DocumentForm, version: int | None) -> Page:
    if form.validate_on_submit():
        text = _text(form)
        if text is not None:
            doc = Document.from_text(
                form.id.data, form.title.data, _filename(form), text, form.short.data or ""
            )
            try:
                number = authoring.save_document(doc, current_user.id, now(), new=version is None)
            except AuthoringError as error:
                form[error.field].errors.append(error.message)
            else:
                flash(
                    f"Saved as version {number}." if number else "Nothing changed: no new version.",
                    "success",
                )
                return redirect(url_for(".document", document_id=doc.id))
    return _page(form, version), 400 if form.errors or form.form_errors else 200


def _text(form: DocumentForm) -> str | None:
    """The document's text from the upload (reduced to text) or the pasted text."""
    upload = form.upload.data
    if upload:
        try:
            raw = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            form.upload.errors.append(
                "The file is not UTF-8 text. Save it as UTF-8 and upload it again."
            )
            return None
        return to_plain_text(raw, format_of(upload.filename or ""))
    if not (form.text.data or "").strip():
        form.text.errors.append("Upload a file or paste the text.")
        return None
    return to_plain_text(form.text.data, "text")


def _filename(form: DocumentForm) -> str:
    upload = form.upload.data
    return str(upload.filename) if upload and upload.filename else ""


def _page(form: DocumentForm, version: int | None) -> str:
    catalog = current_catalog()
    doc = catalog.library.get(form.id.data or "") if version else None
    lost = [e for e in catalog.errors if doc and f"document {doc.id!r}" in e.message]
    citing = [
        q
        for q in catalog.questions.values()
        if doc and any(p.document == doc.id for p in q.passages)
    ]
    return render_template(
        "authoring/document.html",
        form=form,
        doc=doc,
        version=version,
        blocks=blocks(doc) if doc else [],
        lost=lost,
        citing=citing,
    )
