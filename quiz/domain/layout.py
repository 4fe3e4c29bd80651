"""An attempt's layout: which questions, in which order, each with its parts' order.

The layout is fixed when an attempt starts and stored with it (as JSON), so a resumed
attempt shows the same order. Each question type fills ``order`` (and ``choices``) with
its own parts; see its ``shuffle``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LayoutEntry:
    """One question of an attempt as it was shown.

    ``order``: option ids (choice), items (ordering) or left items (matching);
    ``choices``: the right-hand choices of a matching question; both empty otherwise.
    """

    question_id: str
    version: str
    order: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        order: Any = list(self.order)
        if self.choices:
            order = {"left": list(self.order), "right": list(self.choices)}
        return {"question_id": self.question_id, "version": self.version, "order": order}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LayoutEntry:
        order = data.get("order") or []
        if isinstance(order, dict):
            left, right = order.get("left", []), order.get("right", [])
            return cls(data["question_id"], data["version"], tuple(left), tuple(right))
        return cls(data["question_id"], data["version"], tuple(str(v) for v in order))


def to_json(entries: list[LayoutEntry]) -> list[dict[str, Any]]:
    return [entry.to_json() for entry in entries]


def from_json(data: list[dict[str, Any]]) -> list[LayoutEntry]:
    return [LayoutEntry.from_json(item) for item in data]
