"""GIFT: every construct Moodle's reader knows that maps to a type here, the escapes, the
weights and feedback, categories and [id:]/[tag:] comments, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.domain.interop.gift import read_gift
from quiz.domain.interop.gift_text import escape, protect, restore, text_of
from quiz.domain.interop.gift_write import question
from quiz.domain.interop.shared import canonical

FIXTURES = Path(__file__).parents[2] / "fixtures" / "interop"


def one(text: str) -> dict:
    parsed = read_gift(text.encode(), "t.gift")
    assert parsed.ok, parsed.errors
    assert len(parsed.questions) == 1
    return parsed.questions[0].content


def test_single_choice_with_feedback_and_general_feedback():
    q = one(
        "::Grant::Who is buried in Grant's tomb?{~Grant#Not alone =no one#Right ~Jefferson####Both are entombed.}"
    )
    assert q["type"] == "single"
    assert [(o["text"], o.get("correct", False), o.get("feedback")) for o in q["options"]] == [
        ("Grant", False, "Not alone"),
        ("no one", True, "Right"),
        ("Jefferson", False, None),
    ]
    assert q["explanation"] == "Both are entombed."
    assert q["id"] == "grant"  # from the title


def test_weights_make_a_multiple_choice_and_partial_credit_is_noted():
    parsed = read_gift(b"Primes?{~%50%2 ~%50%3 ~%-100%4#Four is 2x2}", "t")
    q = parsed.questions[0].content
    assert q["type"] == "multiple"
    assert [o.get("correct", False) for o in q["options"]] == [True, True, False]
    uneven = read_gift(b"Primes?{~%70%2 ~%30%3 ~4}", "t").questions[0]
    assert any("70%" in note and "30%" in note for note in uneven.notes)
    partial = read_gift(b"Pick?{=a ~%50%b ~c}", "t").questions[0]
    assert partial.content["type"] == "single"
    assert any("50% credit" in note for note in partial.notes)


def test_one_weighted_answer_is_single_choice():
    q = read_gift(b"Pick?{~%100%a ~b ~c}", "t").questions[0]
    assert q.content["type"] == "single"
    assert "only one option carries credit" in q.notes[0]


def test_missing_word_form_puts_a_blank_in_the_prompt():
    q = one("Clonazepam is a {~short =long ~medium}-acting benzodiazepine.")
    assert q["prompt"] == "Clonazepam is a _____-acting benzodiazepine."
    assert q["type"] == "single"


@pytest.mark.parametrize(
    ("written", "answer"), [("T", True), ("TRUE", True), ("F", False), ("FALSE", False)]
)
def test_true_false_with_wrong_feedback(written, answer):
    q = one(f"The sky is green.{{{written}#Look up.####Colour.}}")
    assert (q["type"], q["answer"], q["wrong_feedback"], q["explanation"]) == (
        "true_false",
        answer,
        "Look up.",
        "Colour.",
    )


def test_true_false_right_feedback_is_noted_not_kept():
    parsed = read_gift(b"Sky?{TRUE#wrong one#right one}", "t")
    assert parsed.questions[0].content["wrong_feedback"] == "wrong one"
    assert "right answer is not kept" in parsed.questions[0].notes[0]


def test_short_answer_accepts_full_credit_answers_and_star_gives_wrong_feedback():
    parsed = read_gift(b"Which?{=GABA =gamma-aminobutyric acid =%50%GABA-A =%0%*#No.}", "t")
    q = parsed.questions[0]
    assert q.content["accepted"] == ["GABA", "gamma-aminobutyric acid"]
    assert q.content["wrong_feedback"] == "No."
    assert any("GABA-A" in note for note in q.notes)


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        ("#1822:5", {"value": 1822.0, "tolerance": 5.0}),
        ("#1822", {"value": 1822.0}),
        ("#30..40", {"min": 30.0, "max": 40.0}),
        ("#-5..-2", {"min": -5.0, "max": -2.0}),
        ("#=0.5:0.1 =%50%0.5:1", {"value": 0.5, "tolerance": 0.1}),
    ],
)
def test_numeric_value_tolerance_and_range(answers, key):
    assert one(f"How many?{{{answers}}}")["answer"] == key


def test_numeric_partial_answers_and_wrong_feedback():
    parsed = read_gift(b"Half-life?{#=35:5#Right. =%50%35:10#Near. ~#It is 30 to 40.}", "t")
    q = parsed.questions[0]
    assert q.content["answer"] == {"value": 35.0, "tolerance": 5.0}
    assert q.content["wrong_feedback"] == "It is 30 to 40."
    assert len(q.notes) == 2  # the 50% answer, and the right answer's feedback


def test_matching_with_a_distractor():
    q = one("Match.{=Canada -> Ottawa =Italy -> Rome = -> Paris####Capitals.}")
    assert q["pairs"] == [{"left": "Canada", "right": "Ottawa"}, {"left": "Italy", "right": "Rome"}]
    assert q["distractors"] == [{"text": "Paris"}]


def test_escapes_stand_for_their_characters():
    q = one(r"Costs\: 5 \= five \{x\} \#1 \~2 \\ and\nmore{T}")
    assert q["prompt"] == "Costs: 5 = five {x} #1 ~2 \\ and\nmore"
    assert restore(protect(r"a\:b\=c")) == "a:b=c"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[plain]<b>x</b>", ("plain", "<b>x</b>")),
        ("[html]<p>Is <b>this</b> HTML?</p>", ("html", "Is this HTML?")),
        ("[markdown]**bold**", ("markdown", "**bold**")),
        ("[moodle]text", ("moodle", "text")),
        ("[other]text", ("moodle", "[other]text")),
    ],
)
def test_text_format_prefixes(raw, expected):
    assert text_of(raw) == expected


def test_categories_ids_and_tags_from_comments():
    parsed = read_gift((FIXTURES / "moodle.gift").read_bytes(), "moodle.gift")
    assert parsed.ok, parsed.errors
    first = parsed.questions[0]
    assert first.id == "gift-gaba-kind"
    assert first.content["tags"] == ["gaba", "chapter-1"]
    assert first.category is not None
    assert (first.category.id, first.category.title) == ("imported-mechanism", "Imported mechanism")
    assert {q.content["type"] for q in parsed.questions} == {
        "single", "multiple", "true_false", "short_answer", "numeric", "matching"
    }  # fmt: skip


def test_a_category_without_an_id_takes_its_last_name():
    parsed = read_gift(b"$CATEGORY: $course$/top/Side effects//risks\n\nQ?{T}", "t")
    assert parsed.questions[0].category.title == "Side effects/risks"
    assert parsed.questions[0].category.id == "side-effects-risks"


def test_every_error_names_its_line_and_question_and_nothing_is_returned_with_them():
    parsed = read_gift((FIXTURES / "broken.gift").read_bytes(), "broken.gift")
    found = [(e.where, e.question) for e in parsed.errors]
    assert found == [
        ("line 3", "Unbalanced"),
        ("line 5", "Essay"),
        ("line 7", "Described"),
        ("line 9", "Bad number"),
    ]
    assert "unbalanced braces" in parsed.errors[0].message
    assert "essay" in parsed.errors[1].message
    assert not parsed.ok


@pytest.mark.parametrize(
    "text",
    ["Q?{=a ~b", "Q?}=a ~b{", "Q?{=a} and {=b}", "Q?{=a {~b}}"],
)
def test_unbalanced_braces_are_refused(text):
    parsed = read_gift(text.encode(), "t")
    assert not parsed.ok
    assert "braces" in parsed.errors[0].message


def test_duplicate_ids_and_wrong_encoding_and_empty_files():
    twice = read_gift(b"// [id:x]\nA?{T}\n\n// [id:x]\nB?{T}", "t")
    assert twice.errors[0].message == "this id is used twice in the file"
    latin = read_gift("Caf\xe9?{T}".encode("latin-1"), "cafe.gift")
    assert "cafe.gift is not UTF-8" in latin.errors[0].message
    assert "no questions" in read_gift(b"// only a comment\n", "t").errors[0].message


def test_generated_ids_are_unique_within_a_file():
    parsed = read_gift(b"Same?{T}\n\nSame?{F}", "t")
    assert [q.id for q in parsed.questions] == ["same", "same-2"]


def test_the_writer_escapes_what_the_reader_would_misread():
    assert escape("a:b=c#d{e}f~g\\h\ni") == "a\\:b\\=c\\#d\\{e\\}f\\~g\\\\h\\ni"
    assert escape("%50% off") == "\\%50% off"
    assert escape("a->b") == "a-\\>b"
    content = {
        "id": "q", "type": "short_answer", "prompt": "[html] is a tag?", "accepted": ["[b]", "x->y"],
        "explanation": "e", "source": {"document": "d", "quote": "q"},
    }  # fmt: skip
    back = read_gift(question(content).encode(), "t").questions[0].content
    assert canonical(back) == canonical(content)
