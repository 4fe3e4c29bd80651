"""What the feedback page shows for a stored response: plain data for the template."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.banks import Question
from quiz.documents import Library, Passage
from quiz.grading import grade
from quiz.catalog import Catalog
from quiz.models import Attempt, Response


@dataclass(frozen=True)
class PassageView:
    document: str
    title: str
    text: str
    question_id: str | None
    index: int = 0
    short: str = ""  # how questions name the document  # which of the question's passages (0 = its own source)


@dataclass(frozen=True)
class FeedbackView:
    question: Question | None
    response: Response
    edited: bool  # the question changed since it was answered
    feedback: tuple[tuple[str, PassageView | None], ...]  # (why not, its own passage)
    passage: PassageView | None

    @property
    def verdict(self) -> str:
        if self.response.correct:
            return "Correct"
        return "Partly correct" if self.response.score > 0 else "Not correct"


def passage_view(passage: Passage, library: Library, question: Question | None = None) -> PassageView | None:
    document = library.get(passage.document)
    if document is None:
        return None
    index = question.passages.index(passage) if question and passage in question.passages else 0
    return PassageView(document.id, document.title, document.text[passage.start:passage.end],
                       question.id if question else None, index, document.short)


def feedback_view(question: Question | None, response: Response, library: Library) -> FeedbackView:
    """Feedback for *response*; when the question was edited since, only what was stored."""
    edited = question is None or question.version != response.question_version
    feedback: tuple[tuple[str, PassageView | None], ...] = ()
    if question is not None and not edited:
        feedback = tuple(
            (f.text, passage_view(f.passage, library, question) if f.passage else None)
            for f in grade(question, response.answer).feedback
            if f.text
        )
    passage = passage_view(question.passage, library, question) if question else None
    return FeedbackView(question, response, edited, feedback, passage)


def attempt_title(attempt: Attempt, catalog: Catalog) -> str:
    """A readable name for an attempt, whole bank or not."""
    if attempt.bank_id == "_review":
        return "Spaced review"
    if attempt.bank_id.startswith("_passage:"):
        doc = catalog.library.get(attempt.bank_id.split(":", 1)[1])
        return f"Passage practice: {doc.title if doc else attempt.bank_id}"
    bank = catalog.banks.get(attempt.bank_id)
    title = bank.title if bank else attempt.bank_id
    return {"exam": f"{title} (exam)", "retry": f"{title}: retrying mistakes"}.get(attempt.mode, title)
