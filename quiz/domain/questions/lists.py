"""Small helpers on lists of texts and ids that several question types share."""

from __future__ import annotations

import random
from collections.abc import Iterable


def duplicates(values: Iterable[str]) -> list[str]:
    """Values that occur more than once, each time after the first."""
    seen: set[str] = set()
    dupes = []
    for value in values:
        if value in seen:
            dupes.append(value)
        seen.add(value)
    return dupes


def text_key(text: str) -> str:
    """Texts that differ only in case and spacing are the same choice."""
    return " ".join(text.casefold().split())


def in_order(stored: Iterable[str], current: Iterable[str]) -> list[str]:
    """*current* values in the *stored* order; values new since then go last."""
    now = list(current)
    present = [v for v in stored if v in now]
    return present + [v for v in now if v not in present]


def shuffled(values: Iterable[str], rng: random.Random) -> tuple[str, ...]:
    out = list(values)
    rng.shuffle(out)
    return tuple(out)
