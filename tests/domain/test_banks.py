"""The bank checker: every rule has a broken fixture bank, and every error names where it is.

Each file in ``tests/fixtures/broken/`` breaks exactly one rule of docs/banks.md. Loading a
folder with that bank (beside the real documents) must give exactly the errors listed in
``EXPECTED``, reject the bank whole, and say in ``str(error)`` which file, question and field
is wrong.
"""

from __future__ import annotations

import copy
import gc
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from quiz import ROOT
from quiz.domain.banks import (
    BankError,
    check_bank_data,
    check_bank_file,
    coverage,
    load_banks,
)
from quiz.domain.documents import Document, Library, load_library
from quiz.domain.text import normalise

FIXTURES = Path(__file__).parent.parent / "fixtures"
BROKEN = FIXTURES / "broken"
SOURCES = ROOT / "questions" / "sources"
ALL_TYPES = FIXTURES / "all_types.yaml"

# file stem -> the errors loading it must give, in order: (question id, field, words of the message)
EXPECTED: dict[str, list[tuple[str | None, str, str]]] = {
    # the file as a whole
    "yaml_syntax_error": [(None, "(file)", "not valid YAML at line")],
    "duplicate_yaml_key": [(None, "(file)", "'prompt' is given twice")],
    "not_a_mapping": [(None, "(file)", "must be a mapping")],
    "empty_file": [(None, "(file)", "must be a mapping")],
    # the bank header
    "bank_missing_title": [(None, "title", "required")],
    "bank_unknown_field": [(None, "author", "unknown field")],
    "bank_bad_id": [(None, "id", "lowercase letters, digits and '-'")],
    "bank_without_questions": [(None, "questions", "no questions")],
    "questions_not_a_list": [(None, "questions", "must be a list")],
    "question_not_a_mapping": [(None, "questions[1]", "must be a mapping")],
    # a question's shape: missing, misspelt or wrongly typed fields
    "missing_field": [("bk-missing-field", "explanation", "required")],
    "missing_type": [("bk-missing-type", "type", "required")],
    "missing_quote": [("bk-missing-quote", "source.quote", "required")],
    "unknown_type": [("bk-unknown-type", "type", "unknown question type 'essay'")],
    "unknown_field": [("bk-unknown-field", "options[1].feedbak", "unknown field")],
    "misspelt_field_named_like_a_type": [
        ("bk-misspelt-field-named-like-a-type", "pairs", "required"),
        ("bk-misspelt-field-named-like-a-type", "matching", "unknown field"),
    ],
    "wrong_field_type": [("bk-wrong-field-type", "tags", "must be a list")],
    "yaml_bool_as_text": [("bk-yaml-bool-as-text", "options[1].text", "put the text in quotes")],
    "not_a_boolean": [("bk-not-a-boolean", "answer", "true or false")],
    "numeric_value_not_a_number": [
        ("bk-numeric-value-not-a-number", "answer.value", "must be a number")
    ],
    "source_not_a_mapping": [("bk-source-not-a-mapping", "source", "must be a mapping")],
    "bad_question_id": [("Bad_Question_Id", "id", "lowercase letters, digits and '-'")],
    "bad_option_id": [("bk-bad-option-id", "options[1].id", "lowercase letters, digits and '-'")],
    "bad_tag": [("bk-bad-tag", "tags[1]", "lowercase letters, digits and '-'")],
    "bad_ignore_warning": [
        ("bk-bad-ignore-warning", "ignore_warnings[1]", "'answer-leak', 'near-duplicate'")
    ],
    # ids
    "duplicate_question_id": [("bk-duplicate-question-id", "id", "used twice in this bank")],
    # sources and quotes
    "unknown_document": [
        ("bk-unknown-document", "source.document", "unknown document 'pharmacology'")
    ],
    "option_unknown_document": [
        (
            "bk-option-unknown-document",
            "options[1].source.document",
            "unknown document 'pharmacology'",
        )
    ],
    "quote_not_in_document": [
        ("bk-quote-not-in-document", "source.quote", "does not occur in document 'guide'")
    ],
    "quote_in_other_document": [
        ("bk-quote-in-other-document", "source.quote", "does not occur in document 'overview'")
    ],
    "option_quote_not_in_document": [
        (
            "bk-option-quote-not-in-document",
            "options[1].source.quote",
            "does not occur in document 'guide'",
        )
    ],
    "short_quote": [("bk-short-quote", "source.quote", "shorter than 20 characters")],
    "short_quote_padded": [("bk-short-quote-padded", "source.quote", "shorter than 20 characters")],
    # prompt and explanation
    "empty_prompt": [("bk-empty-prompt", "prompt", "prompt is empty")],
    "empty_explanation": [("bk-empty-explanation", "explanation", "explanation is empty")],
    "explanation_copies_document": [
        ("bk-explanation-copies-document", "explanation", "copies 8+ consecutive words")
    ],
    # answer keys that do not fit the type
    "single_two_correct": [
        ("bk-single-two-correct", "options", "exactly one option with correct: true (found 2)")
    ],
    "single_no_correct": [
        ("bk-single-no-correct", "options", "exactly one option with correct: true (found 0)")
    ],
    "single_one_option": [("bk-single-one-option", "options", "at least 2 options")],
    "multiple_one_correct": [
        ("bk-multiple-one-correct", "options", "at least two correct options (found 1)")
    ],
    "multiple_all_correct": [("bk-multiple-all-correct", "options", "at least one wrong option")],
    # two options, both correct: too few options, and (unavoidably) none of them wrong
    "multiple_two_options": [
        ("bk-multiple-two-options", "options", "at least 3 options"),
        ("bk-multiple-two-options", "options", "at least one wrong option"),
    ],
    "matching_one_pair": [("bk-matching-one-pair", "pairs", "at least 2 pairs")],
    "matching_pair_missing_right": [
        ("bk-matching-pair-missing-right", "pairs[1]", "both left and right")
    ],
    "no_accepted_answers": [("bk-no-accepted-answers", "accepted", "at least one accepted answer")],
    "empty_accepted_answer": [
        ("bk-empty-accepted-answer", "accepted", "empty once punctuation is removed")
    ],
    "numeric_min_gt_max": [
        ("bk-numeric-min-gt-max", "answer", "min (40) is greater than max (30)")
    ],
    "numeric_value_and_range": [("bk-numeric-value-and-range", "answer", "not both")],
    "numeric_missing_max": [("bk-numeric-missing-max", "answer", "both min and max")],
    "numeric_negative_tolerance": [
        ("bk-numeric-negative-tolerance", "answer.tolerance", "cannot be negative")
    ],
    "numeric_empty_unit": [("bk-numeric-empty-unit", "unit", "give the unit")],
    "ordering_two_items": [("bk-ordering-two-items", "items", "at least 3 items")],
    # duplicates
    "duplicate_options": [("bk-duplicate-options", "options", "same text 'dopamine receptors'")],
    "duplicate_option_ids": [
        ("bk-duplicate-option-ids", "options", "option id 'other' is used twice")
    ],
    "duplicate_matching_left": [
        ("bk-duplicate-matching-left", "pairs", "left item 'recurrence' appears twice")
    ],
    "duplicate_matching_right": [("bk-duplicate-matching-right", "pairs", "right-hand choice")],
    "duplicate_ordering_items": [("bk-duplicate-ordering-items", "items", "appears twice")],
    "duplicate_accepted_answers": [
        ("bk-duplicate-accepted-answers", "accepted", "same once normalised ('gaba-a')")
    ],
    # "why not" feedback
    "wrong_option_without_feedback": [
        (
            "bk-wrong-option-without-feedback",
            "options[1].feedback",
            "wrong option 'dopamine' has no feedback",
        )
    ],
    "multiple_wrong_option_without_feedback": [
        (
            "bk-multiple-wrong-option-without-feedback",
            "options[3].feedback",
            "wrong option 'patch' has no feedback",
        )
    ],
    "option_without_text": [("bk-option-without-text", "options[1].text", "has no text")],
    "matching_pair_without_feedback": [
        ("bk-matching-pair-without-feedback", "pairs[1].feedback", "pair 'Rebound' has no feedback")
    ],
    "distractor_without_feedback": [
        ("bk-distractor-without-feedback", "distractors[0].feedback", "no feedback")
    ],
    "missing_wrong_feedback": [
        ("bk-missing-wrong-feedback-tf", "wrong_feedback", "wrong_feedback is missing"),
        ("bk-missing-wrong-feedback-short", "wrong_feedback", "wrong_feedback is missing"),
        ("bk-missing-wrong-feedback-numeric", "wrong_feedback", "wrong_feedback is missing"),
        ("bk-missing-wrong-feedback-order", "wrong_feedback", "wrong_feedback is missing"),
    ],
}
BROKEN_NAMES = sorted(EXPECTED)


def make_folder(root: Path, *banks: Path, names: tuple[str, ...] = ()) -> Path:
    """A questions folder under *root*: the real documents plus copies of *banks*."""
    folder = root / "questions"
    shutil.copytree(SOURCES, folder / "sources")
    for i, bank in enumerate(banks):
        shutil.copy(bank, folder / (names[i] if i < len(names) else bank.name))
    return folder


def write_bank(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(SOURCES)


@pytest.fixture(scope="module")
def all_types_raw() -> dict:
    return yaml.safe_load(ALL_TYPES.read_text(encoding="utf-8"))


# ------------------------------------------------------------- one fixture per rule


def test_every_broken_fixture_has_expected_errors_and_every_expectation_a_fixture():
    on_disk = {p.stem for p in BROKEN.glob("*.yaml")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", BROKEN_NAMES)
def test_broken_bank_yields_exactly_its_errors_and_is_rejected_whole(tmp_path, name):
    folder = make_folder(tmp_path, BROKEN / f"{name}.yaml")

    result = load_banks(folder)

    assert result.banks == ()
    assert not result.ok
    expected = EXPECTED[name]
    assert [(e.file, e.question, e.field) for e in result.errors] == [
        (f"questions/{name}.yaml", question, field) for question, field, _ in expected
    ]
    for error, (_, _, says) in zip(result.errors, expected, strict=False):
        assert says in error.message


@pytest.mark.parametrize("name", BROKEN_NAMES)
def test_broken_bank_error_text_names_file_question_and_field(tmp_path, name):
    folder = make_folder(tmp_path, BROKEN / f"{name}.yaml")

    errors = load_banks(folder).errors

    assert len(errors) == len(EXPECTED[name])
    for error, (question, field, _) in zip(errors, EXPECTED[name], strict=False):
        text = str(error)
        assert text.startswith(f"questions/{name}.yaml: ")
        assert f"field '{field}': " in text
        if question is None:
            assert text == f"questions/{name}.yaml: field '{field}': {error.message}"
        else:
            assert f"question '{question}', field '{field}'" in text


@pytest.mark.parametrize("name", BROKEN_NAMES)
def test_valid_bank_beside_a_broken_one_still_loads(tmp_path, name):
    folder = make_folder(
        tmp_path, BROKEN / f"{name}.yaml", ALL_TYPES, names=(f"{name}.yaml", "zz_fixture.yaml")
    )
    expected_ids = [
        q["id"] for q in yaml.safe_load(ALL_TYPES.read_text(encoding="utf-8"))["questions"]
    ]

    result = load_banks(folder)

    assert [b.id for b in result.banks] == ["fixture"]
    assert [q.id for q in result.banks[0].questions] == expected_ids
    assert result.errors
    assert {e.file for e in result.errors} == {f"questions/{name}.yaml"}


def _question_level(name: str) -> bool:
    return all(question is not None for question, _, _ in EXPECTED[name])


@pytest.mark.parametrize("name", [n for n in BROKEN_NAMES if _question_level(n)])
def test_broken_bank_loads_once_its_broken_questions_are_removed(tmp_path, name):
    """The broken question is the only problem: the rest of the fixture bank is valid."""
    raw = yaml.safe_load((BROKEN / f"{name}.yaml").read_text(encoding="utf-8"))
    broken_ids = {question for question, _, _ in EXPECTED[name]}
    raw["questions"] = [q for q in raw["questions"] if q.get("id") not in broken_ids]
    assert raw["questions"], "the fixture should also hold a valid question"
    folder = make_folder(tmp_path)
    write_bank(folder, f"{name}.yaml", raw)

    result = load_banks(folder)

    assert result.errors == ()
    assert [q.id for q in result.banks[0].questions] == [q["id"] for q in raw["questions"]]


def test_yaml_error_gives_the_line_of_the_problem(tmp_path):
    path = BROKEN / "yaml_syntax_error.yaml"
    line = next(
        n
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "ERROR-LINE" in text
    )
    folder = make_folder(tmp_path, path)

    (error,) = load_banks(folder).errors

    assert f"at line {line}," in str(error)


def test_file_that_is_not_utf8_is_reported_not_raised(tmp_path, library):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: broken\ntitle: Caf\u00e9\nquestions: []\n".encode("latin-1"))

    bank, errors = check_bank_file(path, library)

    assert bank is None
    assert [(e.file, e.question, e.field) for e in errors] == [("latin1.yaml", None, "(file)")]
    assert "cannot read" in errors[0].message


def test_question_without_an_id_is_named_by_its_position(library, all_types_raw):
    raw = copy.deepcopy(all_types_raw)
    del raw["questions"][2]["id"]

    _, errors = check_bank_data(raw, library, "bank.yaml")

    assert [(e.question, e.field) for e in errors] == [("#3 (no id)", "id")]
    assert "question '#3 (no id)', field 'id'" in str(errors[0])


def test_bank_error_text_without_a_question_names_only_file_and_field():
    assert (
        str(BankError("questions/a.yaml", None, "title", "missing"))
        == "questions/a.yaml: field 'title': missing"
    )
    assert (
        str(BankError("questions/a.yaml", "q-1", "options[2].feedback", "empty"))
        == "questions/a.yaml: question 'q-1', field 'options[2].feedback': empty"
    )


# ------------------------------------------------------------------ across banks


def test_duplicate_question_id_across_banks_names_both_files(tmp_path):
    case = BROKEN / "duplicate_question_id_across_banks"
    folder = make_folder(tmp_path, case / "first.yaml", case / "second.yaml")

    result = load_banks(folder)

    assert [b.id for b in result.banks] == ["first"]
    assert [(e.file, e.question, e.field) for e in result.errors] == [
        ("questions/second.yaml", "bk-valid", "id")
    ]
    text = str(result.errors[0])
    assert text.startswith("questions/second.yaml: question 'bk-valid', field 'id': ")
    assert "questions/first.yaml" in text


def test_duplicate_question_id_is_reported_on_the_later_file_whichever_it_is(tmp_path):
    case = BROKEN / "duplicate_question_id_across_banks"
    folder = make_folder(
        tmp_path, case / "first.yaml", case / "second.yaml", names=("b.yaml", "a.yaml")
    )

    result = load_banks(folder)

    assert [b.id for b in result.banks] == ["second"]
    (error,) = result.errors
    assert (error.file, error.question, error.field) == ("questions/b.yaml", "bk-valid", "id")
    assert "questions/a.yaml" in str(error)


def test_duplicate_bank_id_names_both_files(tmp_path):
    case = BROKEN / "duplicate_bank_id"
    folder = make_folder(tmp_path, case / "first.yaml", case / "second.yaml")

    result = load_banks(folder)

    assert [b.file for b in result.banks] == ["questions/first.yaml"]
    assert [(e.file, e.question, e.field) for e in result.errors] == [
        ("questions/second.yaml", None, "id")
    ]
    assert "bank id 'same'" in str(result.errors[0])
    assert "questions/first.yaml" in str(result.errors[0])


def test_same_bank_twice_under_two_names_reports_every_repeated_question(tmp_path, all_types_raw):
    folder = make_folder(tmp_path, ALL_TYPES, ALL_TYPES, names=("a.yaml", "b.yaml"))

    result = load_banks(folder)

    ids = [q["id"] for q in all_types_raw["questions"]]
    assert [b.file for b in result.banks] == ["questions/a.yaml"]
    assert [(e.file, e.question, e.field) for e in result.errors] == [
        ("questions/b.yaml", None, "id")
    ] + [("questions/b.yaml", qid, "id") for qid in ids]


# ------------------------------------------------------------- quote comparison

# (document, quote as a bank author might type it, the passage exactly as the document has it)
FORGIVEN = [
    pytest.param(
        "overview",
        "These  receptors\n   are called\tGABA-A receptors.",
        "These receptors are called GABA-A receptors.",
        id="runs-of-whitespace",
    ),
    pytest.param(
        "guide",
        "Tolerance to other effects can occur within weeks As the body continues to adapt",
        "Tolerance to other effects can occur within weeks\n\nAs the body continues to adapt",
        id="whitespace-across-a-paragraph-break",
    ),
    pytest.param(
        "risks",
        "By boosting GABA's calming influence, Klonopin reduces excessive brain activity",
        "By boosting GABA\u2019s calming influence, Klonopin reduces excessive brain activity",
        id="straight-apostrophe-for-curly",
    ),
    pytest.param(
        "addiction",
        "Let\u2019s Embrace Inner Chaos and Appreciate Deep",
        "Let's Embrace Inner Chaos and Appreciate Deep",
        id="curly-apostrophe-for-straight",
    ),
    pytest.param(
        "risks",
        '"Doctor shopping" or seeking multiple prescriptions.',
        "\u201cDoctor shopping\u201d or seeking multiple prescriptions.",
        id="straight-double-quotes-for-curly",
    ),
    pytest.param(
        "addiction",
        "The drug has a long elimination half-life of 30\u201340 hours",
        "The drug has a long elimination half-life of 30-40 hours",
        id="en-dash-for-hyphen",
    ),
    pytest.param(
        "overview",
        "These receptors are called GABA\u2014A receptors.",
        "These receptors are called GABA-A receptors.",
        id="em-dash-for-hyphen",
    ),
    pytest.param(
        "addiction",
        "The drug has a long elimination half\u2011life of 30-40 hours",
        "The drug has a long elimination half-life of 30-40 hours",
        id="non-breaking-hyphen-for-hyphen",
    ),
]

NOT_FORGIVEN = [
    pytest.param(
        "overview", "these receptors are called GABA-A receptors.", id="lower-case-first-letter"
    ),
    pytest.param("overview", "THESE RECEPTORS ARE CALLED GABA-A RECEPTORS.", id="upper-case"),
    pytest.param(
        "overview", "These receptors are called GABA-B receptors.", id="one-letter-changed"
    ),
    pytest.param(
        "addiction",
        "clonazepam increases chloride ion flux, leading to neuronal hyperpolarisation.",
        id="british-spelling-of-an-american-document",
    ),
    pytest.param(
        "seizures",
        "Klonopin known generically as clonazepam is a benzodiazepine",
        id="commas-left-out",
    ),
    pytest.param(
        "overview", "These receptors are calledGABA-A receptors.", id="whitespace-removed"
    ),
    pytest.param(
        "addiction",
        "The drug has a long elimination half life of 30-40 hours",
        id="hyphen-replaced-by-a-space",
    ),
]


def question_citing(document: str, quote: str, qid: str = "q-quote") -> dict:
    return {
        "id": qid,
        "type": "true_false",
        "prompt": "Is this passage in the document?",
        "answer": True,
        "wrong_feedback": "It is there.",
        "explanation": "The passage is cited below.",
        "source": {"document": document, "quote": quote},
    }


def bank_of(*questions: dict) -> dict:
    return {"id": "quotes", "title": "Quotes", "questions": list(questions)}


@pytest.mark.parametrize(("document", "quote", "original"), FORGIVEN)
def test_quote_comparison_forgives_whitespace_typographic_quotes_and_dashes(
    tmp_path, document, quote, original
):
    folder = make_folder(tmp_path)
    write_bank(folder, "quotes.yaml", bank_of(question_citing(document, quote)))

    result = load_banks(folder)

    assert result.errors == ()
    (question,) = result.banks[0].questions
    assert question.passage.document == document
    assert question.passage.quote == quote


@pytest.mark.parametrize(("document", "quote", "original"), FORGIVEN)
def test_recorded_offsets_slice_the_original_document_text(
    tmp_path, library, document, quote, original
):
    folder = make_folder(tmp_path)
    write_bank(folder, "quotes.yaml", bank_of(question_citing(document, quote)))
    text = library.get(document).text
    assert text.count(original) == 1

    (question,) = load_banks(folder).banks[0].questions

    assert text[question.passage.start : question.passage.end] == original
    assert question.passage.start == text.index(original)


@pytest.mark.parametrize(("document", "quote"), NOT_FORGIVEN)
def test_quote_comparison_does_not_forgive_case_spelling_or_punctuation(tmp_path, document, quote):
    folder = make_folder(tmp_path)
    write_bank(folder, "quotes.yaml", bank_of(question_citing(document, quote)))

    result = load_banks(folder)

    assert result.banks == ()
    assert [(e.question, e.field) for e in result.errors] == [("q-quote", "source.quote")]
    assert f"does not occur in document '{document}'" in result.errors[0].message


def test_every_passage_of_the_fixture_bank_slices_its_quote_from_the_document(tmp_path, library):
    folder = make_folder(tmp_path, ALL_TYPES)

    result = load_banks(folder)

    assert result.errors == ()
    passages = [p for q in result.banks[0].questions for p in q.passages]
    assert len(passages) == 8  # seven question sources and one wrong-option source
    for p in passages:
        piece = library.get(p.document).text[p.start : p.end]
        assert normalise(piece) == normalise(p.quote)
        assert piece == piece.strip()


def test_wrong_option_source_is_recorded_with_its_own_offsets(tmp_path, library, all_types_raw):
    folder = make_folder(tmp_path, ALL_TYPES)
    raw_option = all_types_raw["questions"][0]["options"][1]

    question = load_banks(folder).banks[0].questions[0]

    option = question.options[1]
    assert option.id == raw_option["id"]
    assert option.passage is not None
    assert option.passage.document == raw_option["source"]["document"]
    text = library.get(option.passage.document).text
    assert text[option.passage.start : option.passage.end] == raw_option["source"]["quote"]


# ---------------------------------------------------------------------- versions


def versions(folder: Path) -> dict[str, str]:
    result = load_banks(folder)
    assert result.errors == ()
    return {q.id: q.version for b in result.banks for q in b.questions}


def test_versions_are_stable_when_nothing_changes(tmp_path):
    first = versions(make_folder(tmp_path / "a", ALL_TYPES))
    second = versions(make_folder(tmp_path / "b", ALL_TYPES))

    assert first == second
    assert len(set(first.values())) == len(first)


def test_versions_do_not_depend_on_yaml_layout_or_key_order(tmp_path, all_types_raw):
    before = versions(make_folder(tmp_path / "a", ALL_TYPES))
    reordered = copy.deepcopy(all_types_raw)
    reordered["questions"] = [dict(reversed(list(q.items()))) for q in reordered["questions"]]
    folder = make_folder(tmp_path / "b")
    (folder / "fixture.yaml").write_text(
        yaml.safe_dump(reordered, default_flow_style=False, width=60), encoding="utf-8"
    )

    assert versions(folder) == before


def _leaf_paths(value: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaf_paths(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaf_paths(v, (*path, i))]
    return [path]


# Leaves whose value cannot simply be altered without breaking the question; they get their
# own edits in SPECIAL_EDITS below.
_NOT_APPENDABLE = {
    "id",
    "type",
    "document",
    "quote",
    "correct",
    "ignore_warnings",
}  # enumerated values


def _simple_edits() -> list:
    raw = yaml.safe_load(ALL_TYPES.read_text(encoding="utf-8"))
    params = []
    for q in raw["questions"]:
        for path in _leaf_paths(q):
            if not any(p in _NOT_APPENDABLE for p in path if isinstance(p, str)):
                params.append(
                    pytest.param(q["id"], path, id=f"{q['id']}:{'.'.join(map(str, path))}")
                )
    return params


def _get(obj: Any, path: tuple) -> Any:
    for p in path:
        obj = obj[p]
    return obj


def _set(obj: Any, path: tuple, value: Any) -> None:
    _get(obj, path[:-1])[path[-1]] = value


def _altered(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    return f"{value} (edited)"


def _edit_question(raw: dict, qid: str, edit) -> dict:
    edited = copy.deepcopy(raw)
    question = next(q for q in edited["questions"] if q["id"] == qid)
    edit(question)
    return edited


def _assert_only_this_version_changes(tmp_path: Path, raw: dict, edited: dict, qid: str) -> None:
    before = versions(make_folder(tmp_path / "before", ALL_TYPES))
    folder = make_folder(tmp_path / "after")
    write_bank(folder, "fixture.yaml", edited)
    after = versions(folder)
    assert after[qid] != before[qid]
    assert {k: v for k, v in after.items() if k != qid} == {
        k: v for k, v in before.items() if k != qid
    }


@pytest.mark.parametrize(("qid", "path"), _simple_edits())
def test_editing_any_field_gives_a_new_version_and_leaves_other_questions_alone(
    tmp_path, all_types_raw, qid, path
):
    edited = _edit_question(all_types_raw, qid, lambda q: _set(q, path, _altered(_get(q, path))))

    _assert_only_this_version_changes(tmp_path, all_types_raw, edited, qid)


def _swap_correct(q: dict) -> None:
    q["options"][0]["correct"], q["options"][1]["correct"] = False, True
    q["options"][0]["feedback"] = "Now wrong."
    q["options"][1].pop("feedback", None)
    q["options"][1].pop("source", None)


SPECIAL_EDITS = [
    pytest.param("fx-single", _swap_correct, id="which-option-is-correct"),
    pytest.param(
        "fx-multiple",
        lambda q: q["options"][2].update(correct=False, feedback="Not in the list."),
        id="a-correct-option-made-wrong",
    ),
    pytest.param("fx-multiple", lambda q: q["options"].reverse(), id="option-order"),
    pytest.param("fx-order", lambda q: q["items"].reverse(), id="ordering-items-order"),
    pytest.param(
        "fx-tf",
        lambda q: q["source"].update(
            quote="Klonopin is a long-acting benzodiazepine that functions as an anticonvulsant"
        ),
        id="quote-in-the-same-document",
    ),
    pytest.param(
        "fx-tf",
        lambda q: q.update(
            source={
                "document": "addiction",
                "quote": "Clonazepam is a potent benzodiazepine medication",
            }
        ),
        id="quote-and-document",
    ),
    pytest.param("fx-tf", lambda q: q.update(tags=["half-life"]), id="tags-added"),
    pytest.param("fx-single", lambda q: q["options"][1].pop("source"), id="option-source-removed"),
    pytest.param(
        "fx-single", lambda q: q["options"][0].update(id="gaba-a-receptors"), id="option-id"
    ),
    pytest.param("fx-match", lambda q: q.pop("distractors"), id="distractors-removed"),
]


@pytest.mark.parametrize(("qid", "edit"), SPECIAL_EDITS)
def test_structural_edits_give_a_new_version(tmp_path, all_types_raw, qid, edit):
    edited = _edit_question(all_types_raw, qid, edit)

    _assert_only_this_version_changes(tmp_path, all_types_raw, edited, qid)


# --------------------------------------------------------------- copying check


def test_copy_check_uses_the_documents_of_the_library_it_is_given():
    """Libraries come and go (tests, reloads); a freed library's words must not linger."""
    for n in range(30):
        text = " ".join(f"w{n}x{i}" for i in range(12))
        library = Library({"doc": Document.from_text("doc", "Doc", "doc.txt", text)})
        question = question_citing("doc", text, qid=f"q-{n}")
        question["explanation"] = text

        _, errors = check_bank_data(bank_of(question), library, "copy.yaml")

        assert [(e.question, e.field) for e in errors] == [(f"q-{n}", "explanation")]
        del library
        gc.collect()


def test_explanation_sharing_seven_words_with_a_document_is_allowed(library, all_types_raw):
    seven = "Clonazepam is available in a tablet, disintegrating"  # the guide's words, one short of eight
    raw = copy.deepcopy(all_types_raw)
    raw["questions"][1]["explanation"] = f"{seven} -- and the guide goes on to name one more form."

    bank, errors = check_bank_data(raw, library, "bank.yaml")

    assert errors == []
    assert bank.question("fx-multiple").explanation.startswith(seven)


def test_explanation_copying_is_caught_across_punctuation_and_case(library, all_types_raw):
    raw = copy.deepcopy(all_types_raw)
    raw["questions"][1]["explanation"] = (
        "In short: CLONAZEPAM is available in a tablet; disintegrating tablet!"
    )

    _, errors = check_bank_data(raw, library, "bank.yaml")

    assert [(e.question, e.field) for e in errors] == [("fx-multiple", "explanation")]


# ---------------------------------------------------------------------- coverage


def test_coverage_counts_citing_questions_and_lists_uncited_paragraphs(
    tmp_path, library, all_types_raw
):
    folder = make_folder(tmp_path, ALL_TYPES)
    result = load_banks(folder, library)

    report = {c.document: c for c in coverage(result.banks, library)}

    assert list(report) == [d.id for d in library]
    for doc in library:
        citing = {
            q["id"]
            for q in all_types_raw["questions"]
            if q["source"]["document"] == doc.id
            or any(o.get("source", {}).get("document") == doc.id for o in q.get("options", []))
        }
        lines = [line.strip() for line in doc.text.split("\n") if line.strip()]
        quotes = [
            normalise(s["quote"])
            for q in all_types_raw["questions"]
            for s in [q["source"], *(o["source"] for o in q.get("options", []) if "source" in o)]
            if s["document"] == doc.id
        ]
        uncited = [
            n for n, line in enumerate(lines, 1) if not any(qt in normalise(line) for qt in quotes)
        ]
        entry = report[doc.id]
        assert entry.questions == len(citing)
        assert entry.paragraphs == len(lines)
        assert [n for n, _ in entry.uncited] == uncited
        assert [t.strip() for _, t in entry.uncited] == [lines[n - 1] for n in uncited]


def test_a_passage_spanning_two_paragraphs_cites_both(tmp_path, library):
    quote = "Tolerance to other effects can occur within weeks As the body continues to adapt"
    folder = make_folder(tmp_path)
    write_bank(folder, "quotes.yaml", bank_of(question_citing("guide", quote)))

    report = {c.document: c for c in coverage(load_banks(folder, library).banks, library)}

    guide = report["guide"]
    uncited_texts = [t for _, t in guide.uncited]
    assert guide.questions == 1
    assert guide.paragraphs - len(guide.uncited) == 2
    assert not any(
        re.search(r"within weeks$|^As the body continues to adapt", t) for t in uncited_texts
    )
