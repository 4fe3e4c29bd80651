"""The banks shipped in questions/: they pass the checker and cover the documents."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from quiz import ROOT
from quiz.domain.banks import load_banks
from quiz.domain.documents import load_library
from quiz.domain.questions import QUESTION_TYPES, type_of
from quiz.domain.text import normalise

QUESTIONS = ROOT / "questions"
MIN_QUESTIONS = 120
MIN_BANKS = 6
MIN_PER_DOCUMENT = 10
MIN_PER_TYPE = 5
CATCH_ALL = re.compile(r"\b(all|none)\s+of\s+the\s+above\b", re.IGNORECASE)


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
