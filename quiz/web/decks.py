"""A student's questions as an Anki deck: those they have answered (so the deck holds no
key they have not been shown), all of them or one topic's."""

from __future__ import annotations

from flask import Blueprint, Response, abort
from flask_login import current_user, login_required

from quiz.domain.interop.anki import write_apkg
from quiz.store import interop
from quiz.web.authoring.interop import download
from quiz.web.context import current_catalog

bp = Blueprint("decks", __name__)


def _deck(name: str, bank_id: str | None, filename: str) -> Response:
    catalog = current_catalog()
    ids = interop.reviewed_question_ids(current_user.id)
    questions = [catalog.questions[i] for i in ids if i in catalog.questions]
    questions = [q for q in questions if bank_id is None or q.bank == bank_id]
    if not questions:
        abort(404)
    return download(
        write_apkg(name, questions, catalog.library), "application/octet-stream", filename
    )


@bp.route("/review/deck.apkg")
@login_required
def review_deck() -> Response:
    """Every question this student has answered, as an Anki deck."""
    return _deck("Clonazepam study quiz", None, "quiz-my-questions.apkg")


@bp.route("/banks/<bank_id>/deck.apkg")
@login_required
def bank_deck(bank_id: str) -> Response:
    """The questions of one topic this student has answered, as an Anki deck."""
    title = current_catalog().bank_title(bank_id) or abort(404)
    return _deck(f"Clonazepam study quiz::{title}", bank_id, f"quiz-{bank_id}.apkg")
