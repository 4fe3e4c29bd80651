"""A synthetic class for demonstrations and benchmarks. Plain Python, no Flask.

Students of varied ability take whole banks over a number of days. Whether an answer is
right follows a two-parameter item response model (each question has a difficulty and a
discrimination; a few discriminate backwards, so item analysis has something to flag),
and students improve a little with each attempt at a bank. Wrong answers are plausible
wrong answers of each question type, graded by the real grader.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from quiz.domain.attempts import Mode, new_layout, total_score
from quiz.domain.banks import Bank
from quiz.domain.grading import describe_answer, describe_key, grade
from quiz.domain.questions import Question, type_of

UNFINISHED_SHARE = 0.05
EXAM_SHARE = 0.15
BACKWARDS_EVERY = 12  # every 12th question discriminates backwards


@dataclass(frozen=True)
class Item:
    discrimination: float
    difficulty: float


def item_parameters(questions: Sequence[Question], rng: random.Random) -> dict[str, Item]:
    params = {}
    for n, q in enumerate(questions, 1):
        a = rng.uniform(-0.8, -0.2) if n % BACKWARDS_EVERY == 0 else rng.uniform(0.4, 2.2)
        params[q.id] = Item(a, rng.gauss(-0.3, 1.0))
    return params


def p_right(ability: float, item: Item) -> float:
    return 1.0 / (1.0 + math.exp(-item.discrimination * (ability - item.difficulty)))


def demo_answer(q: Question, right: bool, rng: random.Random) -> Any:
    """A stored answer to *q*: right, or a plausible wrong one (the type decides)."""
    return type_of(q).example_answer(q, right, rng)


@dataclass
class DemoAttempt:
    """A whole-bank attempt (kind topic) ready to insert."""

    student: int  # index of the student, 0..students-1
    bank_id: str
    mode: Mode
    layout: list[dict[str, Any]]
    started_at: datetime
    finished_at: datetime | None
    score: float  # the sum of its responses' scores, open or not
    max_score: int
    responses: list[dict[str, Any]] = field(default_factory=list)


def simulate(
    banks: Sequence[Bank],
    students: int,
    attempts: int,
    end: datetime,
    days: int,
    rng: random.Random,
) -> Iterator[DemoAttempt]:
    """*attempts* attempts by *students* students over the *days* days before *end*, in the
    order they started. Response dicts carry every column but the attempt and user ids."""
    ability = [rng.gauss(0.0, 1.0) for _ in range(students)]
    activity = [rng.lognormvariate(0.0, 0.7) for _ in range(students)]
    owners = rng.choices(range(students), activity, k=attempts)
    params = {k: v for bank in banks for k, v in item_parameters(bank.questions, rng).items()}
    keys = {q.id: describe_key(q) for bank in banks for q in bank.questions}
    span = days * 86400.0
    starts = sorted(end - timedelta(seconds=rng.uniform(3600.0, span)) for _ in range(attempts))
    done: Counter[tuple[int, str]] = Counter()
    for student, started in zip(owners, starts, strict=False):
        bank = rng.choice(banks)
        theta = ability[student] + 0.25 * min(done[(student, bank.id)], 4)
        done[(student, bank.id)] += 1
        yield _attempt(student, bank, theta, started, _Class(params, keys, rng))


@dataclass(frozen=True)
class _Class:
    """What every simulated attempt draws on: the items, the keys as text, the dice."""

    params: dict[str, Item]
    keys: dict[str, str]
    rng: random.Random


def _attempt(
    student: int, bank: Bank, theta: float, started: datetime, world: _Class
) -> DemoAttempt:
    params, keys, rng = world.params, world.keys, world.rng
    layout = new_layout(bank.questions, rng)
    finished = rng.random() >= UNFINISHED_SHARE
    answered = len(layout) if finished else rng.randrange(len(layout))
    questions = {q.id: q for q in bank.questions}
    moment = started
    responses = []
    for position, entry in enumerate(layout[:answered], 1):
        q = questions[entry.question_id]
        answer = demo_answer(q, rng.random() < p_right(theta, params[q.id]), rng)
        result = grade(q, answer)
        moment += timedelta(seconds=rng.uniform(8.0, 75.0))
        responses.append(
            {
                "bank_id": bank.id,
                "question_id": q.id,
                "question_version": q.version,
                "position": position,
                "answer": answer,
                "answer_text": describe_answer(q, answer),
                "key_text": keys[q.id],
                "score": result.score,
                "correct": result.correct,
                "submitted_at": moment,
            }
        )
    score = total_score([r["score"] for r in responses], len(layout))
    mode = Mode.EXAM if rng.random() < EXAM_SHARE else Mode.PRACTICE
    ended = moment + timedelta(seconds=5) if finished else None
    layout_json = [entry.to_json() for entry in layout]
    return DemoAttempt(
        student, bank.id, mode, layout_json, started, ended, score.points, len(layout), responses
    )
