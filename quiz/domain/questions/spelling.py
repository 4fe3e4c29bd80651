"""Typo tolerance for short answers, with ``rapidfuzz``.

An answer that is not exactly an accepted one (after normalising) may still be accepted
when it differs by small typos, word by word:

- the two have the same words in the same order (hyphens count as spaces);
- each word is within its allowance of edits (a substitution, insertion, deletion, or
  two neighbours swapped; the optimal string alignment distance), scaled to the accepted
  word's length: up to 4 letters, none; 5 to 8 letters, one; 9 or more, two;
- a word's first two letters must match (typos rarely fall there, and related terms often
  differ exactly there: hemostasis is not homeostasis);
- a word with a digit in it must match exactly (5 mg is not 6 mg);
- and the answer is not a near miss the question names (hypotension for hypertension),
  nor closer to one than to the accepted answer.

docs/grading.md has the worked examples; tests/domain/questions/test_spelling.py holds them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from quiz.domain.text import normalise_answer


def allowed_edits(word: str) -> int:
    """How many typos a word of this length forgives."""
    if len(word) <= 4:
        return 0
    return 1 if len(word) <= 8 else 2


def _words(text: str) -> list[str]:
    return normalise_answer(text).replace("-", " ").split()


def edits(given: str, accepted: str) -> int | None:
    """The typos between *given* and *accepted*, or None when beyond the allowance."""
    ours, theirs = _words(given), _words(accepted)
    if not ours or len(ours) != len(theirs):
        return None
    total = 0
    for word, key in zip(ours, theirs, strict=True):
        limit = 0 if any(c.isdigit() for c in key + word) else allowed_edits(key)
        if limit and word[:2] != key[:2]:
            return None
        distance = OSA.distance(word, key, score_cutoff=limit)
        if distance > limit:
            return None
        total += distance
    return total


@dataclass(frozen=True)
class Match:
    accepted: str  # the accepted answer as the bank writes it
    exact: bool


def match(
    given: str, accepted: Iterable[str], near_misses: Iterable[str] = (), typos: bool = True
) -> Match | None:
    """The accepted answer *given* stands for (exactly, or by small typos unless *typos*
    is off), or None."""
    answer = normalise_answer(given)
    if not answer:
        return None
    keys = list(accepted)
    for key in keys:
        if normalise_answer(key) == answer:
            return Match(key, True)
    misses = list(near_misses)
    if not typos or any(normalise_answer(m) == answer for m in misses):
        return None
    scored = [(d, key) for key in keys if (d := edits(given, key)) is not None]
    if not scored:
        return None
    distance, key = min(scored, key=lambda pair: pair[0])
    if any(OSA.distance(answer, normalise_answer(m)) <= distance for m in misses):
        return None  # as close to a known wrong answer: not a typo we can forgive
    return Match(key, distance == 0)  # 0: only hyphens or spaces differ


def spelling_note(accepted: str) -> str:
    return f"Accepted; watch the spelling: {accepted}"
