"""Question-quality lint: warnings about checked banks that the checker does not reject.

Plain Python, no Flask and no database. ``lint(banks)`` takes the banks that
:func:`quiz.banks.load_banks` returned and gives one :class:`Warning` per problem, in
words a bank author understands. The rules (docs/banks.md, "The lint"):

- ``answer-leak``: another question of the same bank prints this question's answer in
  what it shows (prompt, options, matching items, ordering items). A practice or exam
  attempt serves the whole bank, so the student reads the answer before answering.
- ``near-duplicate``: two questions, in any banks, whose prompt plus key are near-identical.
- ``longest-correct``: the key of a single-choice question is much longer than every
  distractor.
- ``absolute-in-distractors``: absolute words ("only", "never", ...) stand in wrong
  options but in no correct one.
- ``all-none-of-above``: an option reads "all of the above" or "none of the above".

A question silences a justified warning with ``ignore_warnings: [code, ...]`` in its bank.

The knowledge of question types lives in the small functions at the top,
:func:`shown_texts` and :func:`answer_texts` (with :func:`wrong_texts`, the shown texts
offered as wrong); the rules below use only those, and ``question.type`` only to tell a
typed answer from a choice.
"""

from __future__ import annotations

from collections.abc import Iterable

from quiz.domain.banks import Bank
from quiz.domain.lint.duplicates import duplicate_text, near_duplicates
from quiz.domain.lint.giveaways import (
    absolute_in_distractors,
    all_none_of_above,
    longest_correct,
    longest_key_ratio,
    longest_key_share,
)
from quiz.domain.lint.leaks import answer_leaks
from quiz.domain.lint.model import CODES, LintWarning, Warning
from quiz.domain.lint.texts import answer_texts, shown_texts, stem, terms, wrong_texts

__all__ = [
    "CODES",
    "LintWarning",
    "Warning",
    "answer_texts",
    "duplicate_text",
    "lint",
    "longest_key_ratio",
    "longest_key_share",
    "shown_texts",
    "stem",
    "terms",
    "wrong_texts",
]


def lint(banks: Iterable[Bank]) -> list[Warning]:
    """Every warning about *banks*, except those a question silences with ignore_warnings."""
    banks = list(banks)
    found: list[Warning] = []
    for bank in banks:
        found += answer_leaks(bank)
        for q in bank.questions:
            found += longest_correct(q) + absolute_in_distractors(q) + all_none_of_above(q)
    found += near_duplicates(banks)
    by_id = {q.id: q for bank in banks for q in bank.questions}
    return [w for w in found if w.code not in by_id[w.question].ignore_warnings]
