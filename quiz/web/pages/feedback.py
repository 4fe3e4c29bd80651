"""What the feedback page shows for a stored response, and how an attempt is named."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from quiz.domain.attempts import Kind, Mode, attempt_title
from quiz.domain.catalog import Catalog
from quiz.domain.documents import Library, Passage
from quiz.domain.grading import grade, rows
from quiz.domain.layout import LayoutEntry
from quiz.domain.questions import Question, Row


class StoredResponse(Protocol):
    """The fields of a stored response the page reads."""

    question_version: str
    answer: object
    answer_text: str
    key_text: str
    score: float
    correct: bool


class NamedAttempt(Protocol):
    kind: Kind
    mode: Mode
    bank_id: str | None
    document_id: str | None

    @property
    def entries(self) -> Sequence[LayoutEntry]: ...


@dataclass(frozen=True)
class PassageView:
    document: str
    title: str
    text: str
    question_id: str | None
    index: int = 0  # which of the question's passages (0 = its own source)
    short: str = ""  # how questions name the document


def verdict(score: float, correct: bool) -> str:
    if correct:
        return "Correct"
    return "Partly correct" if score > 0 else "Not correct"


@dataclass(frozen=True)
class FeedbackView:
    question: Question | None  # as the student answered it, when that version is known
    response: StoredResponse
    edited: bool  # the question changed since it was answered
    feedback: tuple[tuple[str, PassageView | None], ...]  # (why not, its own passage)
    passage: PassageView | None
    rows: tuple[Row, ...] = ()  # the answer item by item beside the key
    note: str = ""  # "Accepted; watch the spelling: ..."

    @property
    def verdict(self) -> str:
        return verdict(self.response.score, self.response.correct)


def passage_view(
    passage: Passage, library: Library, question: Question | None = None
) -> PassageView | None:
    document = library.get(passage.document)
    if document is None:
        return None
    index = question.passages.index(passage) if question and passage in question.passages else 0
    text = document.text[passage.start : passage.end]
    return PassageView(
        document.id, document.title, text, question.id if question else None, index, document.short
    )


Answered = tuple[Question, Library]


def shown_as_answered(
    current: Question | None, answered: Answered | None, response: StoredResponse, library: Library
) -> tuple[Question | None, Library, bool]:
    """The question as the student saw it (with the documents of that time), whether it was
    edited since, and whether the shown question is exactly the one answered."""
    edited = current is None or current.version != response.question_version
    if not edited:
        return current, library, True
    if answered is not None:
        return answered[0], answered[1], True
    return current, library, False  # an edit older than the stored history: the current text


def feedback_view(
    current: Question | None, answered: Answered | None, response: StoredResponse, library: Library
) -> FeedbackView:
    """Feedback for *response*, on the question as it was answered; when that version is not
    known, the current question and only what was stored."""
    edited = current is None or current.version != response.question_version
    question, library, exact = shown_as_answered(current, answered, response, library)
    passage = passage_view(question.passage, library, question) if question else None
    if question is None or not exact:
        return FeedbackView(question, response, edited, (), passage)
    result = grade(question, response.answer)
    feedback = tuple(
        (f.text, passage_view(f.passage, library, question) if f.passage else None)
        for f in result.feedback
        if f.text
    )
    breakdown = rows(question, response.answer)
    return FeedbackView(question, response, edited, feedback, passage, breakdown, result.note)


def title_of(attempt: NamedAttempt, catalog: Catalog) -> str:
    """A readable name for an attempt: never an internal id."""
    topics: list[str] = []
    if attempt.kind in (Kind.MIXED, Kind.WEAK, Kind.NEW):
        drawn = {q.bank for e in attempt.entries if (q := catalog.questions.get(e.question_id))}
        topics = [bank.title for bank in catalog.banks.values() if bank.id in drawn]
    return attempt_title(
        attempt.kind,
        attempt.mode,
        catalog.bank_title(attempt.bank_id),
        catalog.document_title(attempt.document_id),
        topics,
    )


@dataclass(frozen=True)
class ReviewRow:
    """One question of an attempt's review, as the student saw it."""

    position: int
    question_id: str
    question: Question | None
    response: StoredResponse | None
    passage: PassageView | None


def review_rows(
    question_ids: Sequence[str],
    responses: Mapping[str, StoredResponse],
    catalog: Catalog,
    as_answered: Callable[[str, str], Answered | None],
) -> list[ReviewRow]:
    """The rows of an attempt's review: each answered question in the version answered
    (looked up through *as_answered* only when it was edited since)."""
    shown = []
    for n, question_id in enumerate(question_ids, 1):
        current = catalog.questions.get(question_id)
        response = responses.get(question_id)
        question, library = current, catalog.library
        if response is not None and (
            current is None or current.version != response.question_version
        ):
            found = as_answered(question_id, response.question_version)
            question, library, _ = shown_as_answered(current, found, response, catalog.library)
        passage = passage_view(question.passage, library, question) if question else None
        shown.append(ReviewRow(n, question_id, question, response, passage))
    return shown
