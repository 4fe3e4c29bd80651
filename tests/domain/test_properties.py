"""Property tests (Hypothesis) for quiz.grading: grading never raises, scores stay in
[0, 1] for any response at all, and the key always scores full marks."""

from __future__ import annotations

import itertools
import math
import string

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quiz.domain.grading import describe_answer as describe_response
from quiz.domain.grading import grade
from quiz.domain.questions import Question
from tests.support import load_questions

FIXTURE_IDS = [
    "fx-single",
    "fx-multiple",
    "fx-tf",
    "fx-match",
    "fx-short",
    "fx-numeric",
    "fx-order",
]
CHOICE_IDS = ["fx-single", "fx-multiple", "fx-tf", "fx-match", "fx-order"]

MODEST = settings(max_examples=200, deadline=None)


@pytest.fixture(scope="module")
def qs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Question]:
    questions = load_questions(tmp_path_factory.mktemp("fixture") / "questions")
    assert {q.type for q in questions.values()} == {
        "single",
        "multiple",
        "true_false",
        "matching",
        "short_answer",
        "numeric",
        "ordering",
    }
    return questions


def test_the_fixture_bank_has_one_question_of_every_type(qs):
    assert sorted(qs) == sorted(FIXTURE_IDS)


# Texts that mean something to some grader, so the arbitrary responses also come close to
# real answers (option ids, matching texts, items, accepted answers, numbers with units).
MEANINGFUL = st.sampled_from(
    [
        "gaba-a",
        "dopamine",
        "glutamate",
        "tablet",
        "odt",
        "solution",
        "patch",
        "Recurrence",
        "Rebound",
        "Withdrawal",
        "The original symptoms come back",
        "The original symptoms come back stronger",
        "New symptoms not felt before treatment",
        "The drug stops working at the same dose",
        "Binds to GABA receptors",
        "Chloride ion flux increases",
        "Neurons hyperpolarise",
        "Excitability decreases",
        "GABA",
        "the gamma-aminobutyric acid",
        "30 hours",
        "0,5",
        "35",
        "40 mg",
        "1e999",
        "nan",
        "-inf",
        "true",
        "false",
        "",
        " ",
    ]
)

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.binary(max_size=20)
    | MEANINGFUL
)
HASHABLE = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | MEANINGFUL
)

ANY_RESPONSE = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=6)
        | st.tuples(children, children)
        | st.dictionaries(st.text(max_size=20) | MEANINGFUL, children, max_size=5)
        | st.dictionaries(HASHABLE, children, max_size=3)
        | st.frozensets(HASHABLE, max_size=5)
    ),
    max_leaves=20,
)


@pytest.mark.parametrize("qid", FIXTURE_IDS)
@MODEST
@given(response=ANY_RESPONSE)
@example(response=10**5000)  # str() of this int raises ValueError
@example(response=[float("nan"), float("inf")])
@example(response={"Recurrence": ["not", "hashable"]})
def test_grading_any_response_never_raises_and_scores_within_zero_and_one(qs, qid, response):
    result = grade(qs[qid], response)
    assert isinstance(result.score, float)
    assert 0.0 <= result.score <= 1.0
    assert result.correct is (result.score >= 1.0)
    assert all(isinstance(f.text, str) for f in result.feedback)


@pytest.mark.parametrize("qid", FIXTURE_IDS)
@MODEST
@given(response=ANY_RESPONSE)
@example(response=10**5000)
@example(response={"Rebound": 10**5000})
def test_describing_any_response_never_raises_and_gives_text(qs, qid, response):
    assert isinstance(describe_response(qs[qid], response), str)


# ------------------------------------------------------------------ the key scores 1


def key_responses(q: Question) -> st.SearchStrategy:
    """Every way of giving exactly *q*'s key that the grader must accept."""
    if q.type == "single":
        return st.just(next(o.id for o in q.options if o.correct))
    if q.type == "multiple":
        right = [o.id for o in q.options if o.correct]
        containers = st.sampled_from([list, tuple, set, frozenset])
        # any order, with repeats of right answers allowed
        return st.tuples(
            st.permutations(right), st.lists(st.sampled_from(right), max_size=3), containers
        ).map(lambda t: t[2](list(t[0]) + t[1]))
    if q.type == "true_false":
        return st.just(q.answer)
    if q.type == "matching":
        key = {p.left: p.right for p in q.pairs}
        extra = st.dictionaries(st.text(max_size=10), st.text(max_size=10), max_size=3)
        return extra.map(lambda e: {**e, **key})  # unrelated extra keys do not matter
    if q.type == "ordering":
        return st.sampled_from([list(q.items), tuple(q.items)])
    raise AssertionError(q.type)


@pytest.mark.parametrize("qid", CHOICE_IDS)
@MODEST
@given(data=st.data())
def test_a_response_that_is_exactly_the_key_scores_one(qs, qid, data):
    q = qs[qid]
    result = grade(q, data.draw(key_responses(q)))
    assert result.score == 1.0
    assert result.correct is True


def _mixed_case(draw, text: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.upper() if f else c.lower() for c, f in zip(text, flips, strict=False))


@MODEST
@given(data=st.data())
def test_an_accepted_short_answer_scores_one_whatever_its_case_spacing_punctuation_or_article(
    qs, data
):
    q = qs["fx-short"]
    answer = _mixed_case(data.draw, data.draw(st.sampled_from(q.accepted)))
    article = data.draw(st.sampled_from(["", "the ", "The ", "a ", "an "]))
    space = st.text(alphabet=" \t\n\u00a0", max_size=3)
    tail = data.draw(st.text(alphabet=".!?;:,\"'\u201c\u201d\u2019", max_size=3))
    response = data.draw(space) + article + answer + tail + data.draw(space)
    result = grade(q, response)
    assert result.score == 1.0, response
    assert result.correct is True


@MODEST
@given(
    value=st.floats(min_value=30, max_value=40),
    comma=st.booleans(),
    unit=st.sampled_from(["", " hours", "hours", " Hours", " hour", " hours."]),
)
def test_any_number_in_the_range_scores_one_with_or_without_the_unit(qs, value, comma, unit):
    text = repr(value)
    if comma and len(text.partition(".")[2]) != 3:  # "30,875" groups thousands (documented)
        text = text.replace(".", ",")
    assert grade(qs["fx-numeric"], text + unit).score == 1.0


@MODEST
@given(value=st.floats(allow_nan=False, allow_infinity=False))
@example(value=30.0)
@example(value=40.0)
@example(value=29.999)
@example(value=40.001)
def test_a_number_scores_one_exactly_when_it_is_inside_the_inclusive_range(qs, value):
    score = grade(qs["fx-numeric"], repr(value)).score
    if 30 <= value <= 40:
        assert score == 1.0
    elif value < 30 - 1e-6 or value > 40 + 1e-6:
        assert score == 0.0


@MODEST
@given(
    value=st.floats(min_value=30, max_value=40),
    unit=st.sampled_from(["mg", "minutes", "days", "%", "apples"]),
)
def test_a_number_in_the_range_in_another_unit_scores_zero(qs, value, unit):
    """Another unit of time is converted (30 minutes is half an hour), any other unit is
    not a number in hours: either way 30 to 40 of it is not 30 to 40 hours."""
    assert grade(qs["fx-numeric"], f"{value!r} {unit}").score == 0.0


@MODEST
@given(
    value=st.floats(min_value=30, max_value=40),
    unit=st.sampled_from(["h", "hr", "hrs", "hour", "hours", "Hours."]),
)
def test_a_number_in_the_range_with_the_unit_abbreviated_scores_one(qs, value, unit):
    assert grade(qs["fx-numeric"], f"{value!r} {unit}").score == 1.0


# ------------------------------------------------------------ partial-credit rules


@MODEST
@given(data=st.data())
def test_multiple_score_is_right_minus_wrong_over_right_floored_at_zero(qs, data):
    q = qs["fx-multiple"]
    ids = [o.id for o in q.options] + ["unknown"]
    chosen = data.draw(st.lists(st.sampled_from(ids), max_size=8))
    right = {o.id for o in q.options if o.correct}
    wrong = {o.id for o in q.options if not o.correct}
    expected = max(0.0, (len(right & set(chosen)) - len(wrong & set(chosen))) / len(right))
    result = grade(q, chosen)
    assert result.score == pytest.approx(expected)
    assert result.correct is (set(chosen) >= right and not set(chosen) & wrong)
    wrong_feedback = [o.feedback for o in q.options if o.id in wrong & set(chosen)]
    assert [f.text for f in result.feedback][: len(wrong_feedback)] == wrong_feedback
    assert any(f.text.startswith("Also correct, and not chosen") for f in result.feedback) is not (
        right <= set(chosen)
    )


@MODEST
@given(data=st.data())
def test_matching_score_is_the_share_of_left_items_matched_to_their_partner(qs, data):
    q = qs["fx-match"]
    rights = [p.right for p in q.pairs] + [d.text for d in q.distractors]
    response = {}
    for p in q.pairs:
        choice = data.draw(st.none() | st.sampled_from(rights))
        if choice is not None:
            response[p.left] = choice
    hits = sum(response.get(p.left) == p.right for p in q.pairs)
    result = grade(q, response)
    assert result.score == pytest.approx(hits / len(q.pairs))
    distractors = {d.text: d.feedback for d in q.distractors}
    for _left, chosen in response.items():
        if chosen in distractors:
            assert any(f.text == f"{chosen}: {distractors[chosen]}" for f in result.feedback)


@MODEST
@given(data=st.data())
def test_ordering_scores_its_longest_ordered_subsequence(qs, data):
    """Brute force: the longest subsequence of the answer in key order, over n; a run of
    one earns nothing; 1 only in exactly the key order."""
    q = qs["fx-order"]
    response = data.draw(st.permutations(q.items))
    ranks = [q.items.index(item) for item in response]
    longest = max(
        len(combo)
        for size in range(1, len(ranks) + 1)
        for combo in itertools.combinations(ranks, size)
        if list(combo) == sorted(combo)
    )
    result = grade(q, response)
    assert result.score == pytest.approx(longest / len(q.items) if longest > 1 else 0.0)
    assert result.correct is (tuple(response) == q.items)


@MODEST
@given(text=st.text(alphabet=string.ascii_letters + string.digits + " .,-", max_size=12))
def test_short_answer_scores_are_all_or_nothing(qs, text):
    assert grade(qs["fx-short"], text).score in (0.0, 1.0)
    assert not math.isnan(grade(qs["fx-numeric"], text).score)
