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

from quiz.attempts import new_layout, total_score
from quiz.banks import Bank, Question
from quiz.grading import describe_key, describe_response, grade

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
    """A stored answer to *q* (the form's machine form): right, or a plausible wrong one."""
    if q.type == "single":
        wrong = [o.id for o in q.options if not o.correct]
        # earlier wrong options are more tempting, so the distractor counts differ
        return next(o.id for o in q.options if o.correct) if right else rng.choices(wrong, range(len(wrong), 0, -1))[0]
    if q.type == "multiple":
        correct = [o.id for o in q.options if o.correct]
        if right:
            return sorted(correct)
        chosen = set(rng.sample(correct, max(0, len(correct) - 1)))
        wrong = [o.id for o in q.options if not o.correct]
        if wrong and (rng.random() < 0.6 or not chosen):
            chosen.add(rng.choice(wrong))
        return sorted(chosen)
    if q.type == "true_false":
        return q.answer if right else not q.answer
    if q.type == "matching":
        key = {p.left: p.right for p in q.pairs}
        if not right:
            a, b = rng.sample([p.left for p in q.pairs], 2)
            key[a], key[b] = key[b], key[a]
        return key
    if q.type == "ordering":
        items = list(q.items)
        if not right:
            i = rng.randrange(len(items) - 1)
            items[i], items[i + 1] = items[i + 1], items[i]
        return items
    if q.type == "short_answer":
        return q.accepted[0] if right else rng.choice(["not sure", "dopamine", "serotonin"])
    assert q.numeric is not None
    return f"{q.numeric.low:g}" if right else f"{q.numeric.high + rng.randint(5, 50):g}"


@dataclass
class DemoAttempt:
    student: int  # index of the student, 0..students-1
    bank_id: str
    mode: str
    layout: list[dict[str, Any]]
    started_at: datetime
    finished_at: datetime | None
    score: float | None
    max_score: int
    responses: list[dict[str, Any]] = field(default_factory=list)


def simulate(banks: Sequence[Bank], students: int, attempts: int, end: datetime, days: int,
             rng: random.Random) -> Iterator[DemoAttempt]:
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
    for student, started in zip(owners, starts):
        bank = rng.choice(banks)
        theta = ability[student] + 0.25 * min(done[(student, bank.id)], 4)
        done[(student, bank.id)] += 1
        yield _attempt(student, bank, theta, started, params, keys, rng)


def _attempt(student: int, bank: Bank, theta: float, started: datetime, params: dict[str, Item],
             keys: dict[str, str], rng: random.Random) -> DemoAttempt:
    layout = new_layout(bank.questions, rng)
    finished = rng.random() >= UNFINISHED_SHARE
    answered = len(layout) if finished else rng.randrange(len(layout))
    questions = {q.id: q for q in bank.questions}
    moment = started
    responses = []
    for position, entry in enumerate(layout[:answered], 1):
        q = questions[entry["question_id"]]
        answer = demo_answer(q, rng.random() < p_right(theta, params[q.id]), rng)
        result = grade(q, answer)
        moment += timedelta(seconds=rng.uniform(8.0, 75.0))
        responses.append({"bank_id": bank.id, "question_id": q.id, "question_version": q.version,
                          "position": position, "answer": answer, "answer_text": describe_response(q, answer),
                          "key_text": keys[q.id], "score": result.score, "correct": result.correct,
                          "submitted_at": moment})
    score = total_score([r["score"] for r in responses], len(layout))
    return DemoAttempt(student, bank.id, "exam" if rng.random() < EXAM_SHARE else "practice", layout, started,
                       moment + timedelta(seconds=5) if finished else None, score.points if finished else None,
                       len(layout), responses)
