"""Attempts: their kinds and modes, their layout, their score, and the lifecycle of a
question page as a pure function of the attempt's state and the clock."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from quiz.domain.layout import LayoutEntry
from quiz.domain.questions import Question, type_of
from quiz.domain.times import aware


class Kind(StrEnum):
    """What an attempt is a run through."""

    TOPIC = "topic"  # a whole bank: the only kind whose score counts
    REVIEW = "review"  # the student's due questions, across banks
    RETRY = "retry"  # the questions a finished attempt got wrong
    PASSAGE = "passage"  # the questions citing one passage
    ASSIGNMENT = "assignment"  # work an instructor gave a class: graded apart from practice
    MIXED = "mixed"  # a session the student chose: one or several topics, any length
    WEAK = "weak"  # the student's weak questions: last answer wrong or recall low
    NEW = "new"  # questions the student has never answered


class Mode(StrEnum):
    """How answers are met: feedback after each (practice), at the end (exam), or no
    answer typed at all: the student turns the card and rates their recall (flashcards)."""

    PRACTICE = "practice"
    EXAM = "exam"
    FLASHCARDS = "flashcards"


@dataclass(frozen=True)
class Plan:
    """What a new attempt runs through and how it is taken."""

    kind: Kind
    mode: Mode = Mode.PRACTICE
    bank_id: str | None = None  # topic and retry attempts
    document_id: str | None = None  # passage attempts
    assignment_id: int | None = None  # assignment attempts
    time_limit_s: int | None = None
    shuffle: bool = True  # shuffle the questions (their parts are always shuffled)


# A second start of the same plan within this time, before any answer, is a double click
# on Start or Retry: it leads to the attempt the first click made.
REPEAT_WINDOW = timedelta(seconds=10)


def repeats_start(
    plan: Plan, question_ids: Sequence[str], earlier: Plan, earlier_ids: Sequence[str]
) -> bool:
    """Whether starting *plan* over *question_ids* repeats an *earlier* start: the same
    kind, mode, bank, document and time limit over the same questions."""

    def what(p: Plan) -> tuple[object, ...]:
        return (p.kind, p.mode, p.bank_id, p.document_id, p.time_limit_s)

    return what(plan) == what(earlier) and sorted(question_ids) == sorted(earlier_ids)


KIND_LABELS = {
    Kind.TOPIC: "Topic",
    Kind.REVIEW: "Spaced review",
    Kind.RETRY: "Retry",
    Kind.PASSAGE: "Passage",
    Kind.ASSIGNMENT: "Assignment",
    Kind.MIXED: "Chosen session",
    Kind.WEAK: "Weak questions",
    Kind.NEW: "New questions",
}


def new_layout(
    questions: Sequence[Question], rng: random.Random, shuffle_questions: bool = True
) -> list[LayoutEntry]:
    """Shuffle the questions (unless told to keep their order) and, within each, its
    parts; the layout to store with the attempt."""
    chosen = list(questions)
    if shuffle_questions:
        rng.shuffle(chosen)
    return [type_of(q).shuffle(q, rng) for q in chosen]


# --------------------------------------------------------------------------- scores


def percent(points: float | None, out_of: int | None) -> float | None:
    """The one definition of a score in percent; None when there is nothing to score."""
    if points is None or not out_of:
        return None
    return 100.0 * points / out_of


@dataclass(frozen=True)
class Score:
    points: float
    out_of: int

    @property
    def percent(self) -> float | None:
        return percent(self.points, self.out_of)


def total_score(scores: Iterable[float], questions: int) -> Score:
    """An attempt's score: the sum of its response scores out of its question count."""
    return Score(round(sum(scores), 4), questions)


def next_position(answered: set[int], size: int) -> int | None:
    """The first position (1-based) not yet answered, or None when all are."""
    return next((n for n in range(1, size + 1) if n not in answered), None)


def wrong_question_ids(entries: Sequence[LayoutEntry], right: set[str]) -> list[str]:
    """The questions of an attempt not answered fully right (unanswered included)."""
    return [e.question_id for e in entries if e.question_id not in right]


# ---------------------------------------------------------------------------- time


def deadline(started_at: datetime, time_limit_s: int | None) -> datetime | None:
    """When an attempt with a time limit ends, or None."""
    if not time_limit_s:
        return None
    return aware(started_at) + timedelta(seconds=time_limit_s)


def time_is_up(deadline_at: datetime | None, finished_at: datetime | None, now: datetime) -> bool:
    """The deadline passed while the attempt was still open."""
    return deadline_at is not None and finished_at is None and aware(now) > aware(deadline_at)


def ended_at(
    finished_at: datetime | None, deadline_at: datetime | None, now: datetime
) -> datetime | None:
    """When the attempt closed: finished, or its deadline passed; None while it is open."""
    if finished_at is not None:
        return aware(finished_at)
    if deadline_at is not None and aware(now) > aware(deadline_at):
        return aware(deadline_at)
    return None


def duration(started_at: datetime, ended: datetime | None) -> float | None:
    """Seconds from start to end, or None while the attempt is open."""
    return None if ended is None else (aware(ended) - aware(started_at)).total_seconds()


# ------------------------------------------------------------------------ lifecycle


class Step(StrEnum):
    """What a request for one question of an attempt leads to."""

    ASK = "ask"  # show the question, or take its answer
    FEEDBACK = "feedback"  # show the stored answer with its feedback
    SAVED = "saved"  # exam: the answer is saved, its feedback waits for the end
    SUMMARY = "summary"  # nothing left to ask here: go to the summary
    REPEAT = "repeat"  # the question was answered already: the first answer stands
    REFUSE_CLOSED = "refuse-closed"  # an answer to a finished attempt
    REFUSE_TIME_UP = "refuse-time-up"  # an answer after the deadline
    REMOVED = "removed"  # the question left its bank since the attempt started


def next_step(
    *,
    posting: bool,
    finished: bool,
    time_up: bool,
    held: bool,
    answered: bool,
    question_exists: bool,
) -> Step:
    """The one place that decides what a question page does.

    *finished*: the attempt was finished; *time_up*: its deadline passed while it was open
    (it is closed all the same: the server is the clock's authority); *held*: whether an
    answer's verdict, key and explanation are kept from the student now (an exam under
    way; an assignment that shows its answers only after submitting or after closing).
    """
    closed = finished or time_up
    if posting and time_up:
        return Step.REFUSE_TIME_UP
    if answered:
        if posting:
            return Step.REPEAT
        return Step.SAVED if held else Step.FEEDBACK
    if closed:
        return Step.REFUSE_CLOSED if posting else Step.SUMMARY
    if not question_exists:
        return Step.REMOVED
    return Step.ASK


def attempt_title(
    kind: Kind,
    mode: Mode,
    bank_title: str | None,
    document_title: str | None,
    topics: Sequence[str] = (),
) -> str:
    """A readable name for an attempt, whole bank or not; *topics*: the titles of the
    banks a chosen session draws on."""
    if kind is Kind.REVIEW:
        title = "Spaced review"
    elif kind is Kind.PASSAGE:
        title = f"Passage practice: {document_title or 'a removed document'}"
    elif kind in (Kind.MIXED, Kind.WEAK, Kind.NEW):
        cards = mode is Mode.FLASHCARDS
        title = _session_title(kind, topics or [bank_title or "a removed topic"], cards)
    else:
        title = bank_title or "A removed topic"
        if kind is Kind.RETRY:
            title = f"{title}: retrying mistakes"
        elif mode is Mode.EXAM:
            title = f"{title} (exam)"
    return f"Flashcards: {title}" if mode is Mode.FLASHCARDS else title


def _session_title(kind: Kind, topics: Sequence[str], cards: bool) -> str:
    names = " + ".join(topics[:3]) + (f" and {len(topics) - 3} more" if len(topics) > 3 else "")
    if kind is Kind.WEAK:
        return f"Weak questions: {names}"
    if kind is Kind.NEW:
        return f"New questions: {names}"
    if len(topics) > 1:
        return f"Mixed: {names}"
    return names if cards else f"Session: {names}"  # "Flashcards: Dosing" says it already


def mode_word(kind: Kind, mode: Mode) -> str:
    """One word for how an attempt was taken: practice, exam, flashcards, review, retry,
    passage, assignment, mixed, weak or new (an assignment taken as an exam is an exam)."""
    if mode is not Mode.PRACTICE or kind is Kind.TOPIC:
        return mode.value
    return kind.value
