"""The fair-grading rules of docs/grading.md, one worked example per line: typo tolerance
for short answers, units and leading words for numbers, partial credit for ordering, and
the per-row breakdown a student reads after an answer."""

from __future__ import annotations

import pytest

from quiz.domain.grading import describe_answer, describe_key, grade, rows
from quiz.domain.questions import Row
from quiz.domain.questions.ordering import longest_ordered
from quiz.domain.questions.spelling import allowed_edits, match
from quiz.domain.questions.units import parse_quantity
from quiz.domain.questions.wording import join_texts, quantity, quantity_range
from tests.support import load_questions

BANK = """
id: fair
title: Fair grading
questions:
  - id: fair-homeostasis
    type: short_answer
    prompt: What is the body's steady internal state called?
    accepted: [homeostasis]
    wrong_feedback: The word the guide uses for the balance the body keeps.
    explanation: A made-up question for the spelling rule.
    source: {document: guide, quote: "Most drugs of abuse cause spikes in body levels of dopamine"}
  - id: fair-pressure
    type: short_answer
    prompt: High blood pressure is called what?
    accepted: [hypertension]
    near_misses: [hypotension]
    wrong_feedback: Hyper- is high; hypo- is low.
    explanation: A made-up question for near misses.
    source: {document: guide, quote: "Most drugs of abuse cause spikes in body levels of dopamine"}
  - id: fair-exact
    type: short_answer
    prompt: Which drug class, spelled exactly?
    accepted: [benzodiazepine]
    typos: false
    wrong_feedback: Spelled as the guide spells it.
    explanation: A made-up question with typo tolerance off.
    source: {document: guide, quote: "Most drugs of abuse cause spikes in body levels of dopamine"}
  - id: fair-year
    type: numeric
    prompt: In which year?
    answer: {value: 2012}
    unit: year
    wrong_feedback: The year the article gives.
    explanation: A made-up calendar year.
    source: {document: guide, quote: "Most drugs of abuse cause spikes in body levels of dopamine"}
  - id: fair-days
    type: numeric
    prompt: How often may the dose go up?
    answer: {value: 3}
    unit: days
    wrong_feedback: Every third day.
    explanation: A made-up interval.
    source: {document: guide, quote: "Most drugs of abuse cause spikes in body levels of dopamine"}
"""


@pytest.fixture(scope="module")
def qs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fair")
    return load_questions(folder) | load_questions(folder / "extra", BANK)


# ------------------------------------------------------------------ short answers


@pytest.mark.parametrize(
    ("word", "edits"),
    [("GABA", 0), ("dose", 0), ("sleep", 1), ("dopamine", 1), ("serotonin", 2), ("homeostasis", 2)],
)
def test_the_allowance_grows_with_the_words_length(word, edits):
    assert allowed_edits(word) == edits


ACCEPTED = [
    ("homeostaiss", "homeostasis"),  # two letters swapped: one edit
    ("homoestasis", "homeostasis"),
    ("hoemostsis", "homeostasis"),  # a swap and a missing letter: two edits in 11 letters
    ("Homeostasis.", "homeostasis"),  # case and punctuation were always forgiven
    ("dopamin", "dopamine"),
    ("dopaminx", "dopamine"),
    ("gama-aminobutyric acid", "gamma-aminobutyric acid"),  # per word: one edit in 'gamma'
]
REJECTED = [
    "homiostatsiss",  # three edits
    "hemostasis",  # two edits, but another word: the first two letters differ
    "GABB",  # four letters: no typo allowed
    "dopa",  # too far from dopamine
    "gamma-aminobutyric",  # a word missing
    "hypotension",  # a near miss the question names
    "hypotensoin",  # closer to the near miss than to the key
    "5 mg",  # words with digits must match exactly (key below: 6 mg)
]


@pytest.mark.parametrize(("typed", "key"), ACCEPTED)
def test_small_typos_are_accepted(typed, key):
    found = match(typed, ["homeostasis", "dopamine", "gamma-aminobutyric acid", key])
    assert found is not None and found.accepted == key


@pytest.mark.parametrize("typed", REJECTED)
def test_larger_differences_are_not(typed):
    keys = ["homeostasis", "GABA", "dopamine", "gamma-aminobutyric acid", "hypertension", "6 mg"]
    assert match(typed, keys, ["hypotension"]) is None


def test_a_forgiven_typo_scores_one_and_says_how_to_spell_it(qs):
    result = grade(qs["fair-homeostasis"], "homeostaiss")
    assert (result.score, result.correct) == (1.0, True)
    assert result.note == "Accepted; watch the spelling: homeostasis"


def test_an_exact_answer_has_no_note(qs):
    assert grade(qs["fair-homeostasis"], "Homeostasis").note == ""
    assert grade(qs["fx-short"], "gamma aminobutyric acid").note == ""  # hyphen only


def test_near_misses_and_typos_off_are_honoured(qs):
    assert grade(qs["fair-pressure"], "hypertensoin").score == 1.0
    assert grade(qs["fair-pressure"], "hypotension").score == 0.0
    assert grade(qs["fair-exact"], "benzodiazepine").score == 1.0
    assert grade(qs["fair-exact"], "benzodiazapine").score == 0.0


# ------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [
        ("30 h", "hours", 30),
        ("30 hr", "hours", 30),
        ("30 hrs", "hours", 30),
        ("30 Hours.", "hours", 30),
        ("1.5 days", "hours", 36),  # converted by pint
        ("90 min", "hours", 1.5),
        ("500 mcg", "mg", 0.5),
        ("0,5 mg", "mg", 0.5),
        ("every 3 days", "days", 3),
        ("3 wks", "days", 21),
        ("in 1975", "year", 1975),
        ("in the year 1975", "year", 1975),
        ("10 years old", "years", 10),
        ("about 3", "days", 3),
        ("~3 days", "days", 3),
        ("3 tabs", "tablets", 3),
        ("50%", "percent", 50),
        ("thirty", "hours", 30),  # a number spelled out reads as the number
        ("every three days", "days", 3),
        ("twenty-one days", "days", 21),
        ("Two weeks", "days", 14),
    ],
)
def test_units_abbreviations_and_a_leading_word_are_read(typed, unit, value):
    assert parse_quantity(typed, unit) == pytest.approx(value)


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("not 3", "days"),
        ("less than 3", "days"),
        ("3 apples", "days"),
        ("3 metres", "hours"),
        ("1-4", "mg"),  # a range is not one answer
        ("once", "days"),
        ("none", "mg"),
    ],
)
def test_other_words_and_units_of_another_kind_are_not_numbers(typed, unit):
    assert parse_quantity(typed, unit) is None


def test_a_calendar_year_reads_as_a_year(qs):
    q = qs["fair-year"]
    assert describe_key(q) == "2012"  # never "2012 year"
    assert grade(q, "in 2012").score == 1.0
    assert grade(q, "2012").score == 1.0
    assert quantity(1, "hours") == "1 hour"
    assert quantity_range(1, 4, "hours") == "between 1 and 4 hours"
    assert quantity_range(2010, 2012, "years") == "between 2010 and 2012"


def test_every_n_days_is_right(qs):
    assert grade(qs["fair-days"], "every 3 days").score == 1.0
    assert grade(qs["fair-days"], "every 4 days").score == 0.0


# ----------------------------------------------------------------------- ordering

KEY = ("A", "B", "C", "D")


@pytest.mark.parametrize(
    ("answer", "run", "score"),
    [
        ("ABCD", "ABCD", 1.0),
        ("BACD", "BCD", 0.75),  # the first two swapped
        ("ABDC", "ABD", 0.75),  # the last two swapped
        ("BCDA", "BCD", 0.75),  # the first moved to the end
        ("CDAB", "CD", 0.5),
        ("ACBD", "ACD", 0.75),
        ("DCBA", "D", 0.0),  # reversed: a run of one earns nothing
    ],
)
def test_ordering_credit_is_the_longest_ordered_subsequence(answer, run, score):
    assert "".join(longest_ordered(list(answer), KEY)) == run
    assert (len(run) / 4 if len(run) > 1 else 0.0) == score


def test_ordering_partial_credit_explains_itself(qs):
    q = qs["fx-order"]
    swapped = [q.items[1], q.items[0], *q.items[2:]]
    result = grade(q, swapped)
    assert (result.score, result.correct) == (0.75, False)
    assert result.feedback[0].text.startswith("3 of 4 items are in the right order")
    assert grade(q, list(reversed(q.items))).score == 0.0


# ---------------------------------------------------------------- reading at a glance


def test_rows_show_each_item_beside_the_key(qs):
    order = qs["fx-order"]
    swapped = [order.items[1], order.items[0], *order.items[2:]]
    assert [r.right for r in rows(order, swapped)] == [False, False, True, True]
    match_q = qs["fx-match"]
    answer = {p.left: p.right for p in match_q.pairs} | {
        "Rebound": "The original symptoms come back"
    }
    got = {r.item: r for r in rows(match_q, answer)}
    assert got["Rebound"] == Row(
        "Rebound",
        "The original symptoms come back",
        "The original symptoms come back stronger",
        False,
    )
    assert got["Recurrence"].right
    multiple = qs["fx-multiple"]
    marks = {r.item: (r.given, r.key, r.right) for r in rows(multiple, ["tablet", "patch"])}
    assert marks["Tablet"] == ("chosen", "correct", True)
    assert marks["Solution"] == ("not chosen", "correct", False)
    assert marks["Skin patch"] == ("chosen", "wrong", False)
    assert rows(qs["fx-tf"], True) == ()
    assert rows(order, None) == ()  # unreadable: no rows rather than an error


def test_lists_of_sentences_join_without_doubled_punctuation(qs):
    assert join_texts(["It is long-acting.", "The article says so."]) == (
        "It is long-acting; The article says so"
    )
    assert join_texts(["Wait...", "Go."]) == "Wait...; Go"
    assert ".;" not in describe_answer(qs["fx-multiple"], ["tablet", "odt"])
