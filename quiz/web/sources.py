"""The course documents, read-only; a question's passage highlighted in context."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from quiz.domain.documents import segments
from quiz.domain.texts import blocks
from quiz.web.context import current_catalog

bp = Blueprint("sources", __name__)


@bp.route("/sources")
def index() -> str:
    """The list of documents."""
    return render_template("sources/index.html", library=current_catalog().library)


@bp.route("/sources/<document_id>")
def document(document_id: str) -> str:
    """A document; with ?question=ID[&passage=N] the passage that question cites is highlighted."""
    catalog = current_catalog()
    doc = catalog.library.get(document_id) or abort(404)
    question = catalog.questions.get(request.args.get("question", ""))
    passage = None
    if question is not None:
        index = request.args.get("passage", default=0, type=int)
        candidates = (
            question.passages[index : index + 1] if 0 <= index < len(question.passages) else ()
        )
        passage = next((p for p in (*candidates, *question.passages) if p.document == doc.id), None)
    span = (passage.start, passage.end) if passage else None
    return render_template(
        "sources/document.html",
        doc=doc,
        question=question,
        paragraphs=list(zip(blocks(doc), segments(doc, span), strict=True)),
    )
