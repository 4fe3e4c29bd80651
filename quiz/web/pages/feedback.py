"""What the feedback page shows for a stored response, and how an attempt is named."""

from __future__ import annotations

from collections.abc import Sequence
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
    question: Question | None
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


def feedback_view(
    question: Question | None, response: StoredResponse, library: Library
) -> FeedbackView:
    """Feedback for *response*; when the question was edited since, only what was stored."""
    edited = question is None or question.version != response.question_version
    passage = passage_view(question.passage, library, question) if question else None
    if question is None or edited:
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
