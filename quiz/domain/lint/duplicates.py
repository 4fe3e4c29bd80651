"""``near-duplicate``: two questions, in any banks, whose prompt plus key are near-identical."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from rapidfuzz import fuzz

from quiz.domain.banks import Bank
from quiz.domain.lint.model import Warning
from quiz.domain.lint.texts import answer_texts, shown_texts, terms
from quiz.domain.questions import Question

DUPLICATE_SCORE = (
    90.0  # rapidfuzz token_set_ratio (0-100) from which two questions are near-duplicates
)


def duplicate_text(question: Question) -> str:
    """What two questions are compared on: the content words (stems, stop words dropped)
    of the prompt and the key; a question whose key is not a text (true/false, ordering)
    stands for it with what it shows."""
    parts = [question.prompt, *(answer_texts(question) or shown_texts(question)[1:])]
    return " ".join(terms(" ".join(parts)))


def near_duplicates(banks: Sequence[Bank]) -> list[Warning]:
    questions = [q for bank in banks for q in bank.questions]
    texts = [duplicate_text(q) for q in questions]
    sizes = [len(set(t.split())) for t in texts]
    out = []
    for (i, a), (j, b) in combinations(enumerate(questions), 2):
        if min(sizes[i], sizes[j]) * 2 < max(sizes[i], sizes[j]):
            continue  # a short question inside a long one is not a duplicate of it
        score = fuzz.token_set_ratio(texts[i], texts[j], score_cutoff=DUPLICATE_SCORE)
        if not score:
            continue
        if "near-duplicate" in a.ignore_warnings or "near-duplicate" in b.ignore_warnings:
            continue
        out.append(
            Warning(
                "near-duplicate",
                b.bank,
                b.id,
                f"prompt and key are near-identical to question {a.id!r} (bank {a.bank!r}; "
                f"similarity {score:.0f} of 100): ask the fact once, or rewrite one to test another angle.",
            )
        )
    return out
