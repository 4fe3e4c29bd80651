"""Attempts: which questions, in which order, with which option order. Pure functions.

An attempt's *layout* is a list of entries ``{"question_id", "version", "order"}`` fixed
when the attempt starts and stored with it, so a resumed attempt shows the same order.
``order`` depends on the type: option ids (single, multiple), ``{"left": [...],
"right": [...]}`` (matching), the shuffled items (ordering), or ``[]``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quiz.banks import Option, Question


def new_layout(questions: Sequence[Question], rng: random.Random,
               shuffle_questions: bool = True) -> list[dict[str, Any]]:
    """Shuffle the questions (unless told to keep their order) and, within each, the
    options; return the layout to store."""
    chosen = list(questions)
    if shuffle_questions:
        rng.shuffle(chosen)
    return [{"question_id": q.id, "version": q.version, "order": _shuffled_parts(q, rng)} for q in chosen]


def _shuffled_parts(q: Question, rng: random.Random) -> Any:
    if q.type in ("single", "multiple"):
        return _shuffled([o.id for o in q.options], rng)
    if q.type == "matching":
        rights = [p.right for p in q.pairs] + [d.text for d in q.distractors]
        return {"left": _shuffled([p.left for p in q.pairs], rng), "right": _shuffled(rights, rng)}
    if q.type == "ordering":
        items = list(q.items)
        for _ in range(10):  # a starting order equal to the key would give it away
            rng.shuffle(items)
            if tuple(items) != q.items:
                break
        else:  # ten unlucky shuffles: a rotation differs unless every item is the same
            items = items[1:] + items[:1]
        return items
    return []


def _shuffled(values: list[str], rng: random.Random) -> list[str]:
    values = list(values)
    rng.shuffle(values)
    return values


def _in_order(stored: Sequence[str], current: Sequence[str]) -> list[str]:
    """*current* values in the *stored* order; values new since then go last."""
    present = [v for v in stored if v in current]
    return present + [v for v in current if v not in present]


def shown_options(q: Question, order: Any) -> list[Option]:
    """The options of a choice question in the order this attempt shows them."""
    by_id = {o.id: o for o in q.options}
    return [by_id[i] for i in _in_order(order or [], list(by_id))]


def shown_matching(q: Question, order: Any) -> tuple[list[str], list[str]]:
    """(left items, right-hand choices) of a matching question in this attempt's order."""
    order = order or {}
    lefts = _in_order(order.get("left", []), [p.left for p in q.pairs])
    rights = _in_order(order.get("right", []), [p.right for p in q.pairs] + [d.text for d in q.distractors])
    return lefts, rights


def shown_items(q: Question, order: Any) -> list[str]:
    """Ordering items in the (shuffled) order this attempt first shows them."""
    return _in_order(order or [], list(q.items))


@dataclass(frozen=True)
class Score:
    points: float
    out_of: int

    @property
    def percent(self) -> float:
        return 100.0 * self.points / self.out_of if self.out_of else 0.0


def total_score(scores: Sequence[float], questions: int) -> Score:
    """An attempt's score: the sum of its response scores out of its question count."""
    return Score(round(sum(scores), 4), questions)


def next_position(answered: set[int], size: int) -> int | None:
    """The first position (1-based) not yet answered, or None when all are."""
    return next((n for n in range(1, size + 1) if n not in answered), None)
