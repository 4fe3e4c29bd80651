"""The question-quality lint (quiz.domain.lint): each rule fires on a small bank built to break
it, stays quiet on one that does not, and is silenced by ``ignore_warnings``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from quiz.domain.banks import Bank
from quiz.domain.lint import (
    CODES,
    LintWarning,
    Warning,
    answer_texts,
    lint,
    longest_key_share,
    shown_texts,
)
from quiz.domain.questions import Question
from quiz.domain.questions.base import WARNING_CODES
from tests.support import load_questions

SRC_GUIDE = '{document: guide, quote: "Clonazepam is available in a tablet, disintegrating tablet and solution."}'
SRC_ION = '{document: seizures, quote: "it increases the influx of chloride ions into neurons"}'
SRC_HALF = (
    '{document: addiction, quote: "The drug has a long elimination half-life of 30-40 hours"}'
)


def bank_yaml(questions: str, bank_id: str = "lintbank") -> str:
    return f"id: {bank_id}\ntitle: Lint bank\ndescription: A bank for the lint tests.\nquestions:\n{questions}"


def load(tmp_path: Path, questions: str) -> dict[str, Question]:
    return load_questions(tmp_path, bank_yaml(questions))


def as_banks(qs: dict[str, Question], *groups: list[str]) -> list[Bank]:
    """The questions in banks: one bank per group of ids (default: all in one bank)."""
    groups = groups or (list(qs),)
    return [
        Bank(
            f"b{n}",
            f"Bank {n}",
            "",
            f"b{n}.yaml",
            tuple(dataclasses.replace(qs[i], bank=f"b{n}") for i in ids),
        )
        for n, ids in enumerate(groups)
    ]


def codes(warnings: list[Warning]) -> list[tuple[str, str]]:
    return [(w.code, w.question) for w in warnings]


def short_answer(qid: str, prompt: str, accepted: str, extra: str = "") -> str:
    return f"""
  - id: {qid}
    type: short_answer
    prompt: {prompt}
    accepted: {accepted}
    wrong_feedback: Look at the passage again.
    explanation: The seizures article names this ion when it describes the receptor.
    source: {SRC_ION}
{extra}"""


def single(qid: str, prompt: str, right: str, wrongs: list[str], extra: str = "") -> str:
    options = f"      - {{id: right, text: '{right}', correct: true}}\n"
    options += "".join(
        f"      - {{id: w{n}, text: '{w}', feedback: Not what the guide says.}}\n"
        for n, w in enumerate(wrongs)
    )
    return f"""
  - id: {qid}
    type: single
    prompt: {prompt}
    options:
{options}    explanation: The guide lists the forms in one sentence.
    source: {SRC_GUIDE}
{extra}"""


ION_QUESTION = short_answer(
    "lq-ion", "Which ion flows into neurons more when the drug binds?", "[chloride, chloride ions]"
)
ION_LEAKER = single(
    "lq-leaker",
    "The seizures article says chloride ions flow into neurons. What does that do to them?",
    "They become less excitable",
    ["They become more excitable", "They stop making GABA"],
)
ION_QUIET = single(
    "lq-quiet",
    "What does the drug's action do to neurons, in the seizures article?",
    "They become less excitable",
    ["They become more excitable", "They stop making GABA"],
)


# ------------------------------------------------------------------- the interface


def test_warning_is_a_frozen_dataclass_with_code_bank_question_and_message():
    w = Warning("answer-leak", "bank", "q1", "words")
    assert [f.name for f in dataclasses.fields(w)] == ["code", "bank", "question", "message"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.code = "other"  # type: ignore[misc]
    assert LintWarning is Warning
    assert "q1" in str(w) and "answer-leak" in str(w)


def test_the_lint_codes_are_the_codes_a_bank_may_ignore():
    assert (
        CODES
        == WARNING_CODES
        == (
            "answer-leak",
            "near-duplicate",
            "longest-correct",
            "absolute-in-distractors",
            "all-none-of-above",
        )
    )


def test_shown_and_answer_texts_by_type(tmp_path):
    qs = load_questions(tmp_path)  # the one-of-every-type fixture bank
    by_type = {q.type: q for q in qs.values()}
    single_q = by_type["single"]
    assert shown_texts(single_q) == (single_q.prompt, *(o.text for o in single_q.options))
    assert answer_texts(single_q) == tuple(o.text for o in single_q.options if o.correct)
    match = by_type["matching"]
    assert set(shown_texts(match)) >= {p.left for p in match.pairs} | {
        d.text for d in match.distractors
    }
    assert answer_texts(match) == tuple(p.right for p in match.pairs)
    assert answer_texts(by_type["short_answer"]) == by_type["short_answer"].accepted
    assert answer_texts(by_type["true_false"]) == ()
    assert shown_texts(by_type["true_false"]) == (by_type["true_false"].prompt,)
    assert answer_texts(by_type["ordering"]) == ()
    assert shown_texts(by_type["ordering"]) == (
        by_type["ordering"].prompt,
        *by_type["ordering"].items,
    )
    numeric = by_type["numeric"]
    assert len(answer_texts(numeric)) == 1 and answer_texts(numeric)[0][0].isdigit()


# ------------------------------------------------------------------- answer-leak


def test_answer_leak_fires_when_another_question_of_the_bank_prints_the_answer(tmp_path):
    qs = load(tmp_path, ION_QUESTION + ION_LEAKER)
    leaks = [w for w in lint(as_banks(qs)) if w.code == "answer-leak"]
    assert codes(leaks) == [("answer-leak", "lq-ion")]
    assert "lq-leaker" in leaks[0].message and "chloride" in leaks[0].message


def test_answer_leak_is_quiet_when_no_other_question_prints_the_answer(tmp_path):
    qs = load(tmp_path, ION_QUESTION + ION_QUIET)
    assert [w for w in lint(as_banks(qs)) if w.code == "answer-leak"] == []


def test_answer_leak_only_looks_within_one_bank(tmp_path):
    qs = load(tmp_path, ION_QUESTION + ION_LEAKER)
    assert [
        w for w in lint(as_banks(qs, ["lq-ion"], ["lq-leaker"])) if w.code == "answer-leak"
    ] == []


def test_answer_leak_catches_a_numeric_key_with_its_unit_but_not_the_bare_number(tmp_path):
    numeric = f"""
  - id: lq-half
    type: numeric
    prompt: What elimination half-life does the addiction article give, in hours?
    answer: {{min: 30, max: 40}}
    unit: hours
    wrong_feedback: The article gives a range.
    explanation: The article calls the half-life long.
    source: {SRC_HALF}
"""
    printed = single(
        "lq-prints",
        "Which is the half-life in the addiction article?",
        "30-40 hours",
        ["1-4 hours", "6-8 hours"],
    )
    unrelated = single(
        "lq-unrelated",
        "How many tablets of 30 or 40 would a box hold?",
        "Thirty tablets",
        ["Ten tablets", "Four tablets"],
    )
    qs = load(tmp_path, numeric + printed + unrelated)
    leaks = [w for w in lint(as_banks(qs)) if w.code == "answer-leak"]
    assert codes(leaks) == [("answer-leak", "lq-half")]
    assert "lq-prints" in leaks[0].message


def test_answer_leak_catches_a_decimal_key_as_one_number(tmp_path):
    numeric = f"""
  - id: lq-daily
    type: numeric
    prompt: A quarter-milligram pill twice a day makes how many milligrams a day?
    answer: {{value: 0.5}}
    unit: mg
    wrong_feedback: Two quarters make a half.
    explanation: The guide's panic schedule adds up to half a milligram.
    source: {SRC_GUIDE}
"""
    printed = single(
        "lq-half-mg",
        "Which daily amount does that schedule give?",
        "0.5 mg a day",
        ["0.25 mg a day", "1 mg a day"],
    )
    parts = single(
        "lq-parts",
        "How many of 5 pills are left after 0 days?",
        "Five pills",
        ["No pills", "Two pills"],
    )
    qs = load(tmp_path, numeric + printed + parts)
    leaks = [w for w in lint(as_banks(qs)) if w.code == "answer-leak" and w.question == "lq-daily"]
    assert [w.message.split("'")[1] for w in leaks] == ["lq-half-mg"]
    assert "0.5" in leaks[0].message


def test_answer_leak_ignores_trivial_true_false_keys(tmp_path):
    tf = f"""
  - id: lq-tf
    type: true_false
    prompt: True or false? The guide names a solution among the forms.
    answer: true
    wrong_feedback: It does.
    explanation: The guide lists three forms.
    source: {SRC_GUIDE}
"""
    other = single(
        "lq-says-true", "Which word means correct, true or false?", "True", ["False", "Neither"]
    )
    qs = load(tmp_path, tf + other)
    assert [
        w for w in lint(as_banks(qs)) if w.code == "answer-leak" and w.question == "lq-tf"
    ] == []


def test_answer_leak_is_silenced_by_ignore_warnings(tmp_path):
    silenced = short_answer(
        "lq-ion",
        "Which ion flows into neurons more when the drug binds?",
        "[chloride, chloride ions]",
        "    ignore_warnings: [answer-leak]\n",
    )
    qs = load(tmp_path, silenced + ION_LEAKER)
    assert qs["lq-ion"].ignore_warnings == ("answer-leak",)
    assert [w for w in lint(as_banks(qs)) if w.code == "answer-leak"] == []


# ---------------------------------------------------------------- near-duplicate


def test_near_duplicate_fires_across_banks_and_names_the_other_question(tmp_path):
    a = single(
        "lq-forms-a",
        "Which third form of clonazepam does the guide list besides two kinds of tablet?",
        "A solution",
        ["An injection", "A skin patch"],
    )
    b = single(
        "lq-forms-b",
        "Besides two kinds of tablet, which third form of clonazepam does the guide list?",
        "A solution",
        ["A nasal spray", "A skin patch"],
    )
    qs = load(tmp_path, a + b)
    dups = [
        w for w in lint(as_banks(qs, ["lq-forms-a"], ["lq-forms-b"])) if w.code == "near-duplicate"
    ]
    assert codes(dups) == [("near-duplicate", "lq-forms-b")]
    assert "lq-forms-a" in dups[0].message and "b0" in dups[0].message


def test_near_duplicate_is_quiet_for_questions_on_different_facts(tmp_path):
    a = single(
        "lq-forms-a",
        "Which third form of clonazepam does the guide list besides two kinds of tablet?",
        "A solution",
        ["An injection", "A skin patch"],
    )
    qs = load(tmp_path, a + ION_QUIET)
    assert [w for w in lint(as_banks(qs)) if w.code == "near-duplicate"] == []


def test_near_duplicate_is_silenced_when_either_question_ignores_it(tmp_path):
    a = single(
        "lq-forms-a",
        "Which third form of clonazepam does the guide list besides two kinds of tablet?",
        "A solution",
        ["An injection", "A skin patch"],
        "    ignore_warnings: [near-duplicate]\n",
    )
    b = single(
        "lq-forms-b",
        "Besides two kinds of tablet, which third form of clonazepam does the guide list?",
        "A solution",
        ["A nasal spray", "A skin patch"],
    )
    qs = load(tmp_path, a + b)
    assert [w for w in lint(as_banks(qs)) if w.code == "near-duplicate"] == []


# --------------------------------------------------------------- longest-correct


def test_longest_correct_fires_when_the_key_is_half_again_as_long_as_every_distractor(tmp_path):
    q = single(
        "lq-long",
        "Which forms does the guide list?",
        "A tablet, a disintegrating tablet and a solution",  # 48 characters
        ["Only an injection", "A skin patch"],
    )  # longest 17
    qs = load(tmp_path, q)
    warnings = [w for w in lint(as_banks(qs)) if w.code == "longest-correct"]
    assert codes(warnings) == [("longest-correct", "lq-long")]
    assert "2.8 times" in warnings[0].message


def test_longest_correct_is_quiet_below_the_ratio(tmp_path):
    q = single(
        "lq-even",
        "Which forms does the guide list?",
        "Two tablets and a solution",  # 26 characters
        ["An injection and a skin patch", "A spray and a patch"],
    )  # longest 29
    qs = load(tmp_path, q)
    assert [w for w in lint(as_banks(qs)) if w.code == "longest-correct"] == []


def test_longest_key_share_counts_single_choice_keys_at_least_as_long_as_every_distractor(tmp_path):
    long_key = single(
        "lq-long",
        "Which forms does the guide list?",
        "Tablets and a solution",
        ["A patch", "A spray"],
    )
    short_key = single(
        "lq-short",
        "Which forms does the guide list?",
        "A solution",
        ["An injection", "A skin patch"],
    )
    qs = load(tmp_path, long_key + short_key)
    assert longest_key_share(qs.values()) == 0.5
    assert longest_key_share([]) == 0.0


# ------------------------------------------------------- absolute-in-distractors


def test_absolute_in_distractors_fires_when_only_wrong_options_carry_absolutes(tmp_path):
    q = single(
        "lq-abs",
        "Which forms does the guide list?",
        "Tablets and a solution",
        ["Only tablets", "Never a solution"],
    )
    qs = load(tmp_path, q)
    warnings = [w for w in lint(as_banks(qs)) if w.code == "absolute-in-distractors"]
    assert codes(warnings) == [("absolute-in-distractors", "lq-abs")]
    assert "never" in warnings[0].message and "only" in warnings[0].message


def test_absolute_in_distractors_is_quiet_when_a_key_carries_one_too(tmp_path):
    q = single(
        "lq-abs-ok",
        "Which forms does the guide list?",
        "All three: two tablets and a solution",
        ["Only tablets", "A patch and a spray and an injection"],
    )
    qs = load(tmp_path, q)
    assert [w for w in lint(as_banks(qs)) if w.code == "absolute-in-distractors"] == []


def test_absolute_words_are_whole_words(tmp_path):
    q = single(
        "lq-words",
        "Which forms does the guide list?",
        "Tablets and a solution",
        ["Tablets only for allergies", "A spray that is overall gentle"],
    )
    qs = load(tmp_path, q)
    warnings = [w for w in lint(as_banks(qs)) if w.code == "absolute-in-distractors"]
    assert [w.message.split("(")[1].split(")")[0] for w in warnings] == ["only"]


# ------------------------------------------------------------- all-none-of-above


def test_all_none_of_above_fires_on_a_catch_all_option(tmp_path):
    q = single(
        "lq-catch",
        "Which forms does the guide list?",
        "Tablets and a solution",
        ["None of the above", "A patch"],
    )
    qs = load(tmp_path, q)
    assert codes([w for w in lint(as_banks(qs)) if w.code == "all-none-of-above"]) == [
        ("all-none-of-above", "lq-catch")
    ]


def test_all_none_of_above_is_quiet_on_ordinary_options(tmp_path):
    q = single(
        "lq-plain",
        "Which forms does the guide list?",
        "Tablets and a solution",
        ["A patch for all ages", "A spray"],
    )
    qs = load(tmp_path, q)
    assert [w for w in lint(as_banks(qs)) if w.code == "all-none-of-above"] == []


# ---------------------------------------------------------------- ignore_warnings


def test_ignore_warnings_silences_only_the_codes_it_names(tmp_path):
    q = single(
        "lq-both",
        "Which forms does the guide list?",
        "A tablet, a disintegrating tablet and a solution",
        ["Only an injection", "A skin patch"],
        "    ignore_warnings: [longest-correct]\n",
    )
    qs = load(tmp_path, q)
    assert codes(lint(as_banks(qs))) == [("absolute-in-distractors", "lq-both")]


def test_a_question_without_ignore_warnings_has_an_empty_tuple(tmp_path):
    qs = load(tmp_path, ION_QUIET)
    assert qs["lq-quiet"].ignore_warnings == ()
