"""Anki decks (.apkg), made with genanki: one note per question, its front the question as
a student meets it, its back the key, the explanation and the source passage with its
document's title. A note's guid comes from the question's id, so importing a newer deck
into Anki updates the cards instead of adding them twice."""

from __future__ import annotations

import hashlib
import io
import itertools
import sqlite3
import time
import zipfile
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from quiz.domain.documents import Library
from quiz.domain.questions import (
    ChoiceQuestion,
    MatchingQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    type_of,
)

if TYPE_CHECKING:
    import genanki

MODEL_ID = 1_712_345_601  # fixed for ever: Anki knows our note type by it


@cache
def _model() -> genanki.Model:
    """Our note type (genanki is imported on the first deck made, not at start-up)."""
    import genanki

    return genanki.Model(
        MODEL_ID,
        "quiz question",
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Id"}],
        templates=[
            {
                "name": "Card",
                "qfmt": "{{Question}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}',
            }
        ],
        css=".card{font-family:sans-serif;font-size:20px;text-align:left;max-width:40em;margin:auto}"
        " .passage{border-left:3px solid #888;padding-left:.6em;color:#333}"
        " .meta{font-size:80%;color:#555}",
    )


def stable_id(name: str) -> int:
    """A deck's id from its name: the same deck each time."""
    return int(hashlib.sha256(f"quiz-deck:{name}".encode()).hexdigest()[:12], 16) % (1 << 40) + (
        1 << 30
    )


def _list(items: Iterable[str], ordered: bool = False) -> Markup:
    tag = "ol" if ordered else "ul"
    return (
        Markup(f"<{tag}>")
        + Markup("").join(Markup("<li>%s</li>") % i for i in items)
        + Markup(f"</{tag}>")
    )


def front(question: Question) -> Markup:
    """The question as a student meets it (choices in their written order; ordering items
    sorted, so the front does not give the order away)."""
    parts = [Markup("<p>%s</p>") % question.prompt]
    if isinstance(question, ChoiceQuestion):
        hint = "Choose every answer that applies." if question.type == "multiple" else "Choose one."
        parts += [_list(o.text for o in question.options), Markup('<p class="meta">%s</p>') % hint]
    elif isinstance(question, MatchingQuestion):
        rights = sorted([p.right for p in question.pairs] + [d.text for d in question.distractors])
        parts += [_list(p.left for p in question.pairs), Markup("<p>Choices:</p>"), _list(rights)]
    elif isinstance(question, OrderingQuestion):
        parts += [Markup('<p class="meta">Put in order:</p>'), _list(sorted(question.items))]
    elif question.type == "true_false":
        parts.append(Markup('<p class="meta">True or false?</p>'))
    elif isinstance(question, NumericQuestion):
        parts.append(Markup('<p class="meta">Answer in %s.</p>') % question.numeric.unit)
    return Markup("").join(parts)


def back(question: Question, library: Library) -> Markup:
    """The key, the explanation, and the source passage with its document's title."""
    document = library.get(question.passage.document)
    title = document.title if document else question.passage.document
    return Markup(
        '<p><strong>%s</strong></p><p>%s</p><blockquote class="passage">%s</blockquote>'
        '<p class="meta">Source: %s</p>'
    ) % (
        type_of(question).describe_key(question),
        question.explanation,
        question.passage.quote,
        title,
    )


def note(question: Question, library: Library) -> genanki.Note:
    import genanki

    tags = [question.bank, *question.tags]
    return genanki.Note(
        model=_model(),
        fields=[str(front(question)), str(back(question, library)), question.id],
        tags=[str(escape(t)) for t in tags],
        guid=genanki.guid_for("quiz", question.id),
    )


def write_apkg(
    name: str, questions: Iterable[Question], library: Library, now: float | None = None
) -> bytes:
    """A deck called *name* with a note per question, as the bytes of an .apkg file. The
    collection is built in memory: no temporary file is left behind."""
    import genanki

    deck = genanki.Deck(stable_id(name), name)
    for question in questions:
        deck.add_note(note(question, library))
    moment = time.time() if now is None else now
    connection = sqlite3.connect(":memory:")
    try:
        with connection:  # one transaction, committed on leaving the block
            genanki.Package(deck).write_to_db(
                connection.cursor(), moment, itertools.count(int(moment * 1000))
            )
        collection = connection.serialize()
    finally:
        connection.close()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", collection)
        archive.writestr("media", "{}")
    return out.getvalue()
