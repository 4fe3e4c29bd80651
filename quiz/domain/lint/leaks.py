"""``answer-leak``: another question of the same bank prints this question's answer."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from quiz.domain.banks import Bank
from quiz.domain.lint.model import Warning
from quiz.domain.lint.texts import answer_texts, shown_texts, terms, wrong_texts
from quiz.domain.questions import Question

COMMON_SHARE = 0.4  # a word in more than 40 % of a bank's questions is not distinctive
MIN_LEAK_SHARE = 0.75  # share of a key's distinctive words that must be printed elsewhere
RARE_IN_BANK = (
    3  # a one-word choice key leaks only if at most this many other questions show the word
)


def answer_leaks(bank: Bank) -> list[Warning]:
    questions = list(bank.questions)
    shown = {q.id: terms(" ".join(shown_texts(q))) for q in questions}
    stated = {q.id: terms(" ".join(_stated_texts(q))) for q in questions}
    common = _common_terms(questions, shown)
    out = []
    for q in questions:
        keys = _key_terms(q, common)
        if not keys:
            continue
        for other in questions:
            if other.id == q.id:
                continue
            # a typed answer is given away by any text shown; a choice key only by texts the
            # other question presents as true (not by its wrong options or distractors)
            text = shown[other.id] if q.type in ("short_answer", "numeric") else stated[other.id]
            hits = [k for k in keys if k.printed_in(text, shown, q.id)]
            if not hits or not _gives_away(q, hits, text, common):
                continue
            printed = "; ".join(k.describe() for k in hits)
            out.append(
                Warning(
                    "answer-leak",
                    bank.id,
                    q.id,
                    f"question {other.id!r} of the same bank shows this question's answer "
                    f"(its prompt, options or items contain: {printed}); a student answering the "
                    "whole bank reads it there first. Reword one of the two, or move one to another bank.",
                )
            )
    return out


def _stated_texts(question: Question) -> tuple[str, ...]:
    """The shown texts less those offered as wrong."""
    wrong = set(wrong_texts(question))
    return tuple(t for t in shown_texts(question) if t not in wrong)


@dataclass(frozen=True)
class _Key:
    """One answer text reduced to what would give it away.

    Words (any order): printed when a text has all of them (one or two words) or at least
    MIN_LEAK_SHARE of them (three or more); a key of a single word that the student does
    not type (an option, a matching choice) must also be rare in the bank, shown by at most
    RARE_IN_BANK other questions, since a word on every page tells nothing. Sequence
    (numeric keys): printed when a text has those terms one right after the other.
    """

    words: frozenset[str] = frozenset()
    sequence: tuple[str, ...] = ()
    typed: bool = False  # the student types it (short answer): any appearance gives it away

    def printed_in(
        self, text: Sequence[str], shown: dict[str, list[str]] | None = None, own: str = ""
    ) -> bool:
        if self.sequence:
            n = len(self.sequence)
            return any(tuple(text[i : i + n]) == self.sequence for i in range(len(text) - n + 1))
        hits = len(self.words & set(text))
        found = (
            hits == len(self.words)
            if len(self.words) <= 2
            else hits / len(self.words) >= MIN_LEAK_SHARE
        )
        if found and len(self.words) == 1 and not self.typed and shown is not None:
            (word,) = self.words
            found = sum(word in t for qid, t in shown.items() if qid != own) <= RARE_IN_BANK
        return found

    def describe(self) -> str:
        text = " ".join(self.sequence) if self.sequence else ", ".join(sorted(self.words))
        return re.sub(r"(\d)p(\d)", r"\1.\2", text)  # the term "0p5" reads "0.5" again


def _gives_away(q: Question, hits: list[_Key], text: Sequence[str], common: frozenset[str]) -> bool:
    """Whether printing *hits* gives *q*'s answer away. A typed answer or a single-choice
    key: one hit is enough. A select-all or matching key: at least two of its parts (all
    when it has fewer), and for select-all more correct options than wrong ones printed."""
    if q.type not in ("multiple", "matching"):
        return True
    if len(hits) < min(2, len(answer_texts(q))):
        return False
    if q.type == "multiple":
        given = set(terms(q.prompt)) | common
        wrong = [frozenset(set(terms(text)) - given) for text in wrong_texts(q)]
        return len(hits) > sum(bool(w) and _Key(words=w).printed_in(text) for w in wrong)
    return True


def _common_terms(questions: Sequence[Question], shown: dict[str, list[str]]) -> frozenset[str]:
    """Terms in more than COMMON_SHARE of the bank's questions: too common to give anything away."""
    counts: dict[str, int] = {}
    for q in questions:
        for t in set(shown[q.id]) | set(terms(" ".join(answer_texts(q)))):
            counts[t] = counts.get(t, 0) + 1
    limit = max(2, math.floor(COMMON_SHARE * len(questions)))
    return frozenset(t for t, n in counts.items() if n > limit)


def _key_terms(q: Question, common: frozenset[str]) -> list[_Key]:
    """Each answer text of *q* as what would give it away.

    A text answer keeps its distinctive terms: not in the question's own prompt (what is
    given is not the answer), not in its wrong options or distractors (they do not tell the
    key apart), not in the other right-hand texts of a matching question, and not common
    in the bank. A numeric key is its number (both ends of a range), followed by its unit
    when the number is a small whole number (so "3 days" is caught but not "3 times a day").
    """
    if q.type == "numeric":
        return [_numeric_key(q)]
    given = set(terms(q.prompt)) | common
    given |= {t for wrong in wrong_texts(q) for t in terms(wrong)}  # options and distractors
    keys = []
    answers = answer_texts(q)
    for text in answers:
        key = set(terms(text)) - given
        if q.type == "matching":  # the other right-hand texts are shown beside it
            key -= {t for other in answers if other != text for t in terms(other)}
        if key and not _trivial(key):
            keys.append(_Key(words=frozenset(key), typed=q.type == "short_answer"))
    return keys


def _numeric_key(q: Question) -> _Key:
    """The number(s) of the key in order, then the unit when every number is a whole number
    under 100 (a bare "3" or "10" is everywhere; "1975" or "0.5" is not)."""
    found = terms(answer_texts(q)[0])
    numbers = tuple(t for t in found if t[0].isdigit())
    unit = tuple(t for t in found if not t[0].isdigit())[:1]
    small = all(n.isdigit() and int(n) < 100 for n in numbers)
    return _Key(sequence=numbers + unit if small else numbers)


def _trivial(key: set[str]) -> bool:
    """A key like "True", "yes" or a single letter cannot leak."""
    return all(len(t) < 2 or t in {"true", "false", "yes", "no"} for t in key)
