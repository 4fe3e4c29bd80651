"""Giveaways of choice questions: the longest option, absolutes only in distractors, catch-alls."""

from __future__ import annotations

import re
from collections.abc import Iterable

from quiz.domain.lint.model import Warning
from quiz.domain.lint.texts import answer_texts, shown_texts, wrong_texts
from quiz.domain.questions import Question

LONGEST_RATIO = 1.5  # "much longer": the key is at least 1.5 times the longest distractor
ABSOLUTES = re.compile(
    r"\b(only|never|always|all|none|every|everyone|everything|nothing|cannot|can't|"
    r"completely|entirely|altogether|permanently|guarantees?|guaranteed|alone|no one)\b",
    re.IGNORECASE,
)
CATCH_ALL = re.compile(r"\b(all|none)\s+of\s+the\s+above\b", re.IGNORECASE)


def longest_key_ratio(q: Question) -> float | None:
    """Length of a single-choice key over the longest distractor's (None for other types)."""
    right, wrong = answer_texts(q), wrong_texts(q)
    if q.type != "single" or not right or not wrong:
        return None
    return len(right[0]) / max(len(w) for w in wrong)


def longest_key_share(questions: Iterable[Question]) -> float:
    """Share of single-choice questions whose key is at least as long as every distractor."""
    ratios = [r for r in (longest_key_ratio(q) for q in questions) if r is not None]
    return sum(r >= 1.0 for r in ratios) / len(ratios) if ratios else 0.0


def longest_correct(q: Question) -> list[Warning]:
    ratio = longest_key_ratio(q)
    if ratio is None or ratio < LONGEST_RATIO:
        return []
    return [
        Warning(
            "longest-correct",
            q.bank,
            q.id,
            f"the correct option is {ratio:.1f} times as long as the longest wrong option "
            f"(warned from {LONGEST_RATIO} times): a test-wise student picks it for its length. "
            "Shorten it or give the distractors the same detail.",
        )
    ]


def absolute_in_distractors(q: Question) -> list[Warning]:
    right, wrong = answer_texts(q), wrong_texts(q)  # only choice questions have wrong texts
    in_wrong = sorted({m.group(1).lower() for text in wrong for m in ABSOLUTES.finditer(text)})
    if not in_wrong or any(ABSOLUTES.search(text) for text in right):
        return []
    return [
        Warning(
            "absolute-in-distractors",
            q.bank,
            q.id,
            f"absolute words ({', '.join(in_wrong)}) stand only in wrong options, never in a correct "
            "one: a test-wise student rules those options out unread. Reword them, or let a key "
            "carry an absolute the documents support.",
        )
    ]


def all_none_of_above(q: Question) -> list[Warning]:
    hits = [t for t in shown_texts(q)[1:] if CATCH_ALL.search(t)]  # every shown text but the prompt
    if not hits:
        return []
    return [
        Warning(
            "all-none-of-above",
            q.bank,
            q.id,
            f"the choice {hits[0]!r} is a catch-all: it tests test-taking, not the documents. "
            "Replace it with a plausible distractor.",
        )
    ]
