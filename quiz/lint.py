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

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from quiz.banks import Bank, Question
from quiz.schema import WARNING_CODES
from quiz.text import words

# ------------------------------------------------------------- what a question shows


def shown_texts(question: Question) -> tuple[str, ...]:
    """Every text the student reads before answering *question*."""
    t = question.type
    if t in ("single", "multiple"):
        return (question.prompt, *(o.text for o in question.options))
    if t == "matching":
        return (
            question.prompt,
            *(p.left for p in question.pairs),
            *(p.right for p in question.pairs),
            *(d.text for d in question.distractors),
        )
    if t == "ordering":
        return (question.prompt, *question.items)
    return (question.prompt,)  # true_false, short_answer, numeric


def answer_texts(question: Question) -> tuple[str, ...]:
    """The texts that ARE the answer to *question* (empty when the key is not a text).

    A true/false key ("True") and the order of an ordering question are not texts that
    another question could print, so they give nothing here.
    """
    t = question.type
    if t in ("single", "multiple"):
        return tuple(o.text for o in question.options if o.correct)
    if t == "matching":
        return tuple(p.right for p in question.pairs)
    if t == "short_answer":
        return question.accepted
    if t == "numeric":
        key = question.numeric
        assert key is not None
        if key.low == key.high:
            return (f"{_number(key.low)} {key.unit}",)
        return (f"{_number(key.low)} to {_number(key.high)} {key.unit}",)
    return ()  # true_false, ordering


def wrong_texts(question: Question) -> tuple[str, ...]:
    """The shown texts offered as wrong: wrong options and matching distractors."""
    if question.type in ("single", "multiple"):
        return tuple(o.text for o in question.options if not o.correct)
    if question.type == "matching":
        return tuple(d.text for d in question.distractors)
    return ()


def _number(value: float) -> str:
    return f"{value:g}" if not float(value).is_integer() else str(int(value))


# --------------------------------------------------------------------- the warning


@dataclass(frozen=True)
class Warning:  # noqa: A001 - the lint's own warning, not the builtin exception class
    """One lint warning: *code* (one of :data:`CODES`) on question *question* of *bank*."""

    code: str
    bank: str
    question: str
    message: str

    def __str__(self) -> str:
        return f"{self.bank}: question {self.question!r}: {self.code}: {self.message}"


LintWarning = Warning  # the same class, for code that does not want to shadow the builtin
CODES: tuple[str, ...] = WARNING_CODES

LONGEST_RATIO = 1.5  # "much longer": the key is at least 1.5 times the longest distractor
DUPLICATE_SCORE = 90.0  # rapidfuzz token_set_ratio (0-100) from which two questions are near-duplicates
COMMON_SHARE = 0.4  # a word in more than 40 % of a bank's questions is not distinctive
MIN_LEAK_SHARE = 0.75  # share of a key's distinctive words that must be printed elsewhere
RARE_IN_BANK = 3  # a one-word choice key leaks only if at most this many other questions show the word

ABSOLUTES = re.compile(
    r"\b(only|never|always|all|none|every|everyone|everything|nothing|cannot|can't|"
    r"completely|entirely|altogether|permanently|guarantees?|guaranteed|alone|no one)\b",
    re.IGNORECASE,
)
CATCH_ALL = re.compile(r"\b(all|none)\s+of\s+the\s+above\b", re.IGNORECASE)


def lint(banks: Iterable[Bank]) -> list[Warning]:
    """Every warning about *banks*, except those a question silences with ignore_warnings."""
    banks = list(banks)
    found: list[Warning] = []
    for bank in banks:
        found += _answer_leaks(bank)
        for q in bank.questions:
            found += _longest_correct(q) + _absolute_in_distractors(q) + _all_none_of_above(q)
    found += _near_duplicates(banks)
    by_id = {q.id: q for bank in banks for q in bank.questions}
    return [w for w in found if w.code not in by_id[w.question].ignore_warnings]


# ------------------------------------------------------------------- answer-leak

# Words that carry no content of their own, the course's names for itself and its
# documents, and the verbs questions use about documents ("lists", "mentions", "calls"):
# printing "the guide" or "clonazepam" gives nothing away.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers him his how i if in into is
    it its itself just may me might more most must my no nor not now of off on once one
    only or other others our out over own same she should so some such than that the
    their them then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your
    clonazepam klonopin drug drugs medication medicine article articles document documents
    guide overview says say said according course mention mentions mentioned name names
    named list lists listed describe describes described call calls called state states
    stated report reports reported question answer student choose apply true false""".split()
)
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "twelve": "12", "twenty": "20", "thirty": "30",
    "forty": "40", "fifty": "50", "hundred": "100", "million": "1000000",
}
_SUFFIXES = ("isation", "ization", "ations", "ation", "ingly", "ings", "ing", "ness", "ised",
             "ized", "ises", "izes", "ise", "ize", "ies", "ied", "ed", "ly", "es", "s")


def stem(word: str) -> str:
    """A crude stem: British and American spellings, plurals and -ing/-ed forms meet
    ("hyperpolarised" and "hyperpolarization" both give "hyperpolar")."""
    word = _NUMBER_WORDS.get(word, word)
    if "-" in word or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    if word.endswith("s") and not word.endswith("ss") and len(word) >= 4:
        return word[:-1]  # days -> day, but not "gas" or "loss"
    return word


def terms(text: str) -> list[str]:
    """The content words of *text*, stemmed, in order (stop words dropped)."""
    text = re.sub(r"(\d),(\d{3})\b", r"\1\2", text)  # 1,000,000 -> 1000000
    text = re.sub(r"(\d)\.(\d)", r"\1p\2", text)  # 0.5 -> one term "0p5", not "0" and "5"
    text = re.sub(r"(\d)\s*[-–]\s*(\d)", r"\1 to \2", text)  # 1-4 -> 1 to 4
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def _answer_leaks(bank: Bank) -> list[Warning]:
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
            out.append(Warning(
                "answer-leak", bank.id, q.id,
                f"question {other.id!r} of the same bank shows this question's answer "
                f"(its prompt, options or items contain: {printed}); a student answering the "
                "whole bank reads it there first. Reword one of the two, or move one to another bank."))
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

    def printed_in(self, text: Sequence[str], shown: dict[str, list[str]] | None = None,
                   own: str = "") -> bool:
        if self.sequence:
            n = len(self.sequence)
            return any(tuple(text[i : i + n]) == self.sequence for i in range(len(text) - n + 1))
        hits = len(self.words & set(text))
        found = hits == len(self.words) if len(self.words) <= 2 else hits / len(self.words) >= MIN_LEAK_SHARE
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
        wrong = [frozenset(set(terms(o.text)) - given) for o in q.options if not o.correct]
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
    if q.type in ("single", "multiple"):
        given |= {t for o in q.options if not o.correct for t in terms(o.text)}
    if q.type == "matching":
        given |= {t for d in q.distractors for t in terms(d.text)}
    keys = []
    for text in answer_texts(q):
        key = set(terms(text)) - given
        if q.type == "matching":
            key -= {t for p in q.pairs if p.right != text for t in terms(p.right)}
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


# ---------------------------------------------------------------- near-duplicate


def duplicate_text(question: Question) -> str:
    """What two questions are compared on: the content words (stems, stop words dropped)
    of the prompt and the key, and of an ordering question's items."""
    parts = [question.prompt, *answer_texts(question), *question.items]
    return " ".join(terms(" ".join(parts)))


def _near_duplicates(banks: Sequence[Bank]) -> list[Warning]:
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
        out.append(Warning(
            "near-duplicate", b.bank, b.id,
            f"prompt and key are near-identical to question {a.id!r} (bank {a.bank!r}; "
            f"similarity {score:.0f} of 100): ask the fact once, or rewrite one to test another angle."))
    return out


# --------------------------------------------------------- choice-question giveaways


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


def _longest_correct(q: Question) -> list[Warning]:
    ratio = longest_key_ratio(q)
    if ratio is None or ratio < LONGEST_RATIO:
        return []
    return [Warning(
        "longest-correct", q.bank, q.id,
        f"the correct option is {ratio:.1f} times as long as the longest wrong option "
        f"(warned from {LONGEST_RATIO} times): a test-wise student picks it for its length. "
        "Shorten it or give the distractors the same detail.")]


def _absolute_in_distractors(q: Question) -> list[Warning]:
    right, wrong = answer_texts(q), wrong_texts(q)  # only choice questions have wrong texts
    in_wrong = sorted({m.group(1).lower() for text in wrong for m in ABSOLUTES.finditer(text)})
    if not in_wrong or any(ABSOLUTES.search(text) for text in right):
        return []
    return [Warning(
        "absolute-in-distractors", q.bank, q.id,
        f"absolute words ({', '.join(in_wrong)}) stand only in wrong options, never in a correct "
        "one: a test-wise student rules those options out unread. Reword them, or let a key "
        "carry an absolute the documents support.")]


def _all_none_of_above(q: Question) -> list[Warning]:
    hits = [t for t in shown_texts(q)[1:] if CATCH_ALL.search(t)]  # every shown text but the prompt
    if not hits:
        return []
    return [Warning(
        "all-none-of-above", q.bank, q.id,
        f"the choice {hits[0]!r} is a catch-all: it tests test-taking, not the documents. "
        "Replace it with a plausible distractor.")]
