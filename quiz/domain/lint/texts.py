"""What a question shows and what its answer is, as text, and the content words of a text.

The knowledge of each question type is its own (``shown_texts``, ``answer_texts`` and
``wrong_texts`` of its module); the lint reads questions only through these.
"""

from __future__ import annotations

import re

from quiz.domain.questions import Question, type_of
from quiz.domain.text import words


def shown_texts(question: Question) -> tuple[str, ...]:
    """Every text the student reads before answering *question*: prompt first."""
    return (question.prompt, *type_of(question).shown_texts(question))


def answer_texts(question: Question) -> tuple[str, ...]:
    """The texts that ARE the answer to *question* (empty when the key is not a text)."""
    return type_of(question).answer_texts(question)


def wrong_texts(question: Question) -> tuple[str, ...]:
    """The shown texts offered as wrong: wrong options and matching distractors."""
    return type_of(question).wrong_texts(question)


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
    stated report reports reported question answer student choose apply true false""".split()  # noqa: SIM905
)
_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "million": "1000000",
}
_SUFFIXES = (
    "isation",
    "ization",
    "ations",
    "ation",
    "ingly",
    "ings",
    "ing",
    "ness",
    "ised",
    "ized",
    "ises",
    "izes",
    "ise",
    "ize",
    "ies",
    "ied",
    "ed",
    "ly",
    "es",
    "s",
)


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
