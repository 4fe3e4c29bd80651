"""Build the form data a student would post for a question, right or wrong."""

from __future__ import annotations

from typing import Any

from quiz.attempts import shown_items, shown_matching, shown_options
from quiz.banks import Question


def answer_data(q: Question, order: Any, right: bool = True) -> dict[str, Any]:
    """Form fields answering *q* (shown in the stored *order*) correctly or wrongly."""
    if q.type == "single":
        options = shown_options(q, order)
        return {"answer": next(o.id for o in options if o.correct is right)}
    if q.type == "multiple":
        chosen = [o.id for o in shown_options(q, order) if o.correct is right]
        return {"answer": chosen}
    if q.type == "true_false":
        return {"answer": "true" if q.answer is right else "false"}
    if q.type == "matching":
        lefts, rights = shown_matching(q, order)
        partner = {p.left: p.right for p in q.pairs}
        data = {}
        for i, left in enumerate(lefts):
            target = partner[left] if right else next(r for r in rights if r != partner[left])
            data[f"m{i}"] = str(rights.index(target))
        return data
    if q.type == "ordering":
        items = shown_items(q, order)
        key = list(q.items) if right else list(reversed(q.items))
        return {f"p{i}": str(key.index(item) + 1) for i, item in enumerate(items)}
    if q.type == "short_answer":
        return {"answer": q.accepted[0] if right else "certainly not this"}
    assert q.numeric is not None
    return {"answer": f"{q.numeric.low:g}" if right else f"{q.numeric.high + 1000:g}"}
