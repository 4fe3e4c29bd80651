"""The banks shipped in questions/: they pass the checker and cover the documents."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pytest

from quiz import ROOT
from quiz.domain.banks import load_banks
from quiz.domain.documents import load_library
from quiz.domain.lint import lint, longest_key_ratio, longest_key_share
from quiz.domain.questions import QUESTION_TYPES, type_of
from quiz.domain.text import normalise

QUESTIONS = ROOT / "questions"
MIN_QUESTIONS = 120
MIN_BANKS = 6
MIN_PER_DOCUMENT = 10
MIN_PER_TYPE = 5
CATCH_ALL = re.compile(r"\b(all|none)\s+of\s+the\s+above\b", re.IGNORECASE)
MIN_SCENARIOS = 40
MIN_STOPPING_SCENARIOS = 6  # telling recurrence, rebound and withdrawal apart
MIN_ARITHMETIC = 5  # dose arithmetic from the guide's schedules
MAX_KEY_LENGTH_SHARE = (
    0.35  # a single-choice key is the longest (or the shortest) option at most this often
)
YEAR_PROMPT = re.compile(r"\b(in what year|which year|what year|which decade)\b", re.IGNORECASE)
CONTESTED = re.compile(r"infantile spasms|glucuronidation", re.IGNORECASE)


@pytest.fixture(scope="module")
def library():
    return load_library(QUESTIONS / "sources")


@pytest.fixture(scope="module")
def shipped(library):
    return load_banks(QUESTIONS, library)


@pytest.fixture(scope="module")
def questions(shipped):
    return [q for bank in shipped.banks for q in bank.questions]


def test_shipped_banks_load_with_no_errors(shipped):
    assert [str(e) for e in shipped.errors] == []


def test_every_bank_file_is_loaded(shipped):
    files = sorted(f"{QUESTIONS.name}/{p.name}" for p in QUESTIONS.glob("*.yaml"))
    assert sorted(b.file for b in shipped.banks) == files


def test_there_are_enough_banks_and_questions(shipped, questions):
    assert len(shipped.banks) >= MIN_BANKS
    assert len(questions) >= MIN_QUESTIONS


def test_every_bank_has_a_title_and_a_description(shipped):
    for bank in shipped.banks:
        assert bank.title.strip(), bank.file
        assert bank.description.strip(), bank.file


def test_each_document_is_cited_by_enough_questions(library, questions):
    citing = {d.id: set() for d in library}
    for q in questions:
        for passage in q.passages:
            citing[passage.document].add(q.id)
    counts = {doc: len(ids) for doc, ids in citing.items()}
    assert all(n >= MIN_PER_DOCUMENT for n in counts.values()), counts


def test_each_question_type_is_used_enough(questions):
    counts = Counter(q.type for q in questions)
    assert {t: counts[t] for t in QUESTION_TYPES if counts[t] < MIN_PER_TYPE} == {}, counts


def test_no_choice_is_all_or_none_of_the_above(questions):
    offenders = [
        (q.id, text)
        for q in questions
        for text in type_of(q).shown_texts(q)
        if CATCH_ALL.search(text)
    ]
    assert offenders == []


def test_catch_all_pattern_recognises_the_phrases_in_any_case():
    for text in ["All of the above", "NONE OF THE ABOVE", "none  of the above."]:
        assert CATCH_ALL.search(text)
    assert not CATCH_ALL.search("All of the symptoms above the threshold")


def test_every_shipped_passage_slices_its_quote_out_of_its_document(library, questions):
    for q in questions:
        for passage in q.passages:
            piece = library.get(passage.document).text[passage.start : passage.end]
            assert normalise(piece) == normalise(passage.quote), q.id


def test_question_ids_are_unique_across_shipped_banks(questions):
    counts = Counter(q.id for q in questions)
    assert [qid for qid, n in counts.items() if n > 1] == []


# ------------------------------------------------------------ the second edition (issue 15)


@pytest.fixture(scope="module")
def warnings(shipped):
    return lint(shipped.banks)


def test_shipped_banks_have_no_answer_leaks(warnings):
    assert [str(w) for w in warnings if w.code == "answer-leak"] == []


def test_shipped_banks_have_no_lint_warnings_left_unsilenced(warnings):
    assert [str(w) for w in warnings] == []


def test_no_shipped_question_silences_an_answer_leak(questions):
    assert [q.id for q in questions if "answer-leak" in q.ignore_warnings] == []


def test_every_silenced_warning_in_the_shipped_banks_would_fire_without_its_silencer(shipped):
    """An ignore_warnings entry is justified only while the warning it silences exists."""
    bare = [
        dataclasses.replace(
            b, questions=tuple(dataclasses.replace(q, ignore_warnings=()) for q in b.questions)
        )
        for b in shipped.banks
    ]
    fired = {(w.question, w.code) for w in lint(bare)}
    silenced = {
        (q.id, code) for b in shipped.banks for q in b.questions for code in q.ignore_warnings
    }
    assert silenced - fired == set()


def test_there_are_enough_scenario_questions(questions):
    scenarios = [q for q in questions if "scenario" in q.tags]
    assert len(scenarios) >= MIN_SCENARIOS, len(scenarios)


def test_scenarios_cover_stopping_outcomes_and_dose_arithmetic(questions):
    scenarios = [q for q in questions if "scenario" in q.tags]
    stopping = [q.id for q in scenarios if {"recurrence", "rebound", "withdrawal"} & set(q.tags)]
    arithmetic = [q.id for q in scenarios if "arithmetic" in q.tags and q.type == "numeric"]
    assert len(stopping) >= MIN_STOPPING_SCENARIOS, stopping
    assert len(arithmetic) >= MIN_ARITHMETIC, arithmetic


def test_single_choice_key_is_the_longest_option_at_most_its_fair_share(questions):
    assert longest_key_share(questions) <= MAX_KEY_LENGTH_SHARE


def test_single_choice_key_is_the_shortest_option_at_most_its_fair_share(questions):
    singles = [q for q in questions if q.type == "single"]
    shortest = [
        q.id
        for q in singles
        if len(next(o.text for o in q.options if o.correct))
        <= min(len(o.text) for o in q.options if not o.correct)
    ]
    assert len(shortest) / len(singles) <= MAX_KEY_LENGTH_SHARE, shortest


def test_no_single_choice_key_is_much_longer_than_every_distractor(questions):
    ratios = {q.id: longest_key_ratio(q) for q in questions if q.type == "single"}
    assert {qid: r for qid, r in ratios.items() if r >= 1.5 and not _silenced(questions, qid)} == {}


def _silenced(questions, qid):
    return any(q.id == qid and "longest-correct" in q.ignore_warnings for q in questions)


def test_true_false_keys_are_not_mostly_one_way(questions):
    answers = [q.answer for q in questions if q.type == "true_false"]
    share_true = sum(answers) / len(answers)
    assert 0.35 <= share_true <= 0.65, share_true


def test_no_question_asks_for_a_year(questions):
    assert [q.id for q in questions if YEAR_PROMPT.search(q.prompt)] == []
    assert [
        q.id
        for q in questions
        if q.type == "numeric"
        and q.numeric.unit.casefold().startswith("year")
        and "age" not in q.prompt.casefold()
    ] == []


def test_at_most_one_question_rests_on_the_emergency_room_statistics(questions):
    dawn = [
        q.id
        for q in questions
        if any("emergency room" in p.quote or "24 to 55 percent" in p.quote for p in q.passages)
    ]
    assert len(dawn) <= 1, dawn


def test_contested_claims_are_attributed_to_the_addiction_article(questions):
    """Infantile spasms as FDA-approved and liver metabolism by oxidation and
    glucuronidation are the addiction article's claims: every explanation that mentions
    them names that article."""
    offenders = [
        q.id
        for q in questions
        if CONTESTED.search(q.explanation) and "addiction article" not in q.explanation
    ]
    assert offenders == []
    mentioning = [q for q in questions if CONTESTED.search(q.explanation)]
    assert mentioning and all("contested" in q.tags for q in mentioning)
