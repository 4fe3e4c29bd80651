"""The practice loop over HTTP: start, answer, feedback, resume, finish, summary, history, sources."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from quiz.domain.layout import LayoutEntry
from quiz.domain.questions import type_of
from quiz.domain.questions.matching import shown_matching
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import Attempt, Response
from tests.support import PASSWORD, answer_data

FIXTURE_IDS = [
    "fx-single",
    "fx-multiple",
    "fx-tf",
    "fx-match",
    "fx-short",
    "fx-numeric",
    "fx-order",
]

# What only the feedback may show, per fixture question (copied from tests/fixtures/all_types.yaml):
# the key as a sentence (None where the key is one of the shown choices), the explanation,
# the feedback on wrong answers, and the quotes of the sources.
SECRETS = {
    "fx-single": {
        "key": None,
        "explanation": "The overview names the receptor subtype the drug attaches to.",
        "feedback": ["Dopamine comes up in the abuse section, not as the binding site."],
        "quotes": ["These receptors are called GABA-A receptors."],
    },
    "fx-multiple": {
        "key": "Tablet; Disintegrating tablet; Solution",
        "explanation": "The guide names three forms.",
        "feedback": ["No document mentions a patch."],
        "quotes": ["Clonazepam is available in a tablet, disintegrating tablet and solution."],
    },
    "fx-tf": {
        "key": None,
        "explanation": "It is described as a long-acting benzodiazepine.",
        "feedback": ["The article calls it long-acting in its first description."],
        "quotes": ["Klonopin is a long-acting benzodiazepine"],
    },
    "fx-match": {
        "key": "Recurrence → The original symptoms come back; Rebound → The original symptoms come back stronger; "
        "Withdrawal → New symptoms not felt before treatment",
        "explanation": "The guide defines three outcomes of stopping.",
        "feedback": [
            "Recurrence is the return of the treated symptoms.",
            "Rebound is a more intense return.",
            "Withdrawal brings new symptoms.",
            "That describes tolerance.",
        ],
        "quotes": [
            "Recurrence is the re-appearance of the symptoms that the patient was being treated for."
        ],
    },
    "fx-short": {
        "key": "GABA",
        "explanation": "Every article names the same neurotransmitter.",
        "feedback": ["The answer is the brain's main inhibitory neurotransmitter."],
        "quotes": [
            "Clonazepam works by enhancing the effects of a neurotransmitter called gamma-aminobutyric acid "
            "(GABA) in the brain."
        ],
    },
    "fx-numeric": {
        "key": "between 30 and 40 hours",
        "explanation": "A long half-life allows dosing once or twice a day.",
        "feedback": ["The article gives a range of thirty to forty hours."],
        "quotes": ["The drug has a long elimination half-life of 30-40 hours"],
    },
    "fx-order": {
        "key": "Binds to GABA receptors → Chloride ion flux increases → Neurons hyperpolarise → Excitability decreases",
        "explanation": "The addiction article describes a chain from binding to reduced excitability.",
        "feedback": ["Binding comes first; the drop in excitability is the end result."],
        "quotes": [
            "By binding to GABA receptors, clonazepam increases chloride ion flux, leading to neuronal "
            "hyperpolarization."
        ],
    },
}
# The single-choice question's wrong option with feedback also cites its own passage.
SINGLE_OPTION_QUOTE = "Most drugs of abuse cause spikes in body levels of dopamine"


# ------------------------------------------------------------------ helpers


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def start(client, bank="fixture") -> int:
    r = client.post(f"/banks/{bank}/start", data={"practise": "Practise"})
    assert r.status_code == 302
    return int(re.fullmatch(r"/attempts/(\d+)/1", r.headers["Location"]).group(1))


def layout(app, attempt_id: int) -> list[dict]:
    with app.app_context():
        return db.session.get(Attempt, attempt_id).layout


def position_of(app, attempt_id: int, question_id: str) -> int:
    return next(
        n for n, e in enumerate(layout(app, attempt_id), 1) if e["question_id"] == question_id
    )


def question(app, question_id: str):
    with app.app_context():
        return current_catalog().questions[question_id]


def answer(app, client, attempt_id: int, position: int, right: bool = True):
    entry = layout(app, attempt_id)[position - 1]
    q = question(app, entry["question_id"])
    return client.post(f"/attempts/{attempt_id}/{position}", data=answer_data(q, entry, right))


def choose(app, attempt_id: int, question_id: str, answer) -> dict:
    """The form data choosing *answer* (option ids): the values are the options' places
    in this attempt's order, never their ids."""
    position = position_of(app, attempt_id, question_id)
    entry = LayoutEntry.from_json(layout(app, attempt_id)[position - 1])
    q = question(app, question_id)
    return type_of(q).form_data(q, entry, answer)


def wrong_answer_showing_all_feedback(app, attempt_id: int, question_id: str) -> dict:
    """A wrong answer whose feedback includes every wrong-answer text listed in SECRETS."""
    position = position_of(app, attempt_id, question_id)
    entry = layout(app, attempt_id)[position - 1]
    q = question(app, question_id)
    if question_id == "fx-single":
        return choose(app, attempt_id, question_id, "dopamine")
    if question_id == "fx-multiple":  # every wrong option, none of the right ones
        return choose(app, attempt_id, question_id, [o.id for o in q.options if not o.correct])
    if question_id == "fx-match":  # every item matched to the distractor
        lefts, rights = shown_matching(q, LayoutEntry.from_json(entry))
        target = str(rights.index("The drug stops working at the same dose"))
        return {f"m{i}": target for i in range(len(lefts))}
    return answer_data(q, entry, right=False)


def responses(app, attempt_id: int) -> list[Response]:
    with app.app_context():
        query = select(Response).where(Response.attempt_id == attempt_id).order_by(Response.id)
        return list(db.session.execute(query).scalars())


def response_count(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(Response)).scalar_one()


def attempt(app, attempt_id: int) -> Attempt:
    with app.app_context():
        return db.session.get(Attempt, attempt_id)


def choice_values(page: str) -> list[str]:
    return re.findall(r'<input[^>]*name="answer"[^>]*value="([^"]*)"', page)


def choice_labels(page: str) -> list[str]:
    """The options' texts in the order the page shows them."""
    found = re.findall(r'<label for="answer-\d+">.*?</span>\s*(.*?)\s*</label>', page, re.S)
    return [html.unescape(t) for t in found]


# ------------------------------------------------------------------ home and start


def test_home_lists_the_fixture_bank_with_its_question_count(client):
    page = text_of(client.get("/"))
    assert re.search(
        r"<h3>Fixture bank</h3>\s*<p>One question of every type.</p>\s*<p class=\"meta\">7 questions",
        page,
    )


def test_start_creates_an_attempt_of_the_whole_bank_and_goes_to_question_1(app, client, student):
    r = client.post("/banks/fixture/start", data={"practise": "Practise"})
    assert r.status_code == 302
    with app.app_context():
        [a] = db.session.execute(select(Attempt)).scalars().all()
        assert a.user_id == student
        assert a.bank_id == "fixture"
        assert sorted(e["question_id"] for e in a.layout) == sorted(FIXTURE_IDS)
        assert a.finished_at is None
    assert r.headers["Location"] == f"/attempts/{a.id}/1"


def test_starting_an_unknown_bank_gives_404(app, client, student):
    assert client.post("/banks/nope/start", data={"practise": "Practise"}).status_code == 404
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Attempt)).scalar_one() == 0


# ------------------------------------------------------------------ nothing given away before answering


@pytest.mark.parametrize("question_id", FIXTURE_IDS)
def test_question_page_hides_key_explanation_feedback_and_source_until_answered(
    app, client, student, question_id
):
    attempt_id = start(client)
    position = position_of(app, attempt_id, question_id)
    secrets = SECRETS[question_id]
    quotes = secrets["quotes"] + ([SINGLE_OPTION_QUOTE] if question_id == "fx-single" else [])

    before = client.get(f"/attempts/{attempt_id}/{position}")
    assert before.status_code == 200
    page = text_of(before)
    assert question(app, question_id).prompt in page
    assert secrets["explanation"] not in page
    for text in secrets["feedback"] + quotes:
        assert text not in page
    if secrets["key"] is not None:
        assert secrets["key"] not in page
    # Nothing marks which shown choice is right: no "correct" anywhere, nothing pre-selected.
    assert "correct" not in page.lower()
    assert "checked" not in page
    assert "selected" not in page

    r = client.post(
        f"/attempts/{attempt_id}/{position}",
        data=wrong_answer_showing_all_feedback(app, attempt_id, question_id),
    )
    assert r.status_code == 302
    after = text_of(client.get(r.headers["Location"]))
    assert "Not correct" in after
    assert secrets["explanation"] in after
    for text in secrets["feedback"] + quotes:
        assert text in after
    [stored] = responses(app, attempt_id)
    if 'class="breakdown' in after:  # multiple, matching, ordering: one row per item
        assert all(part in after for part in re.split(r"; | → ", stored.key_text))
    else:
        assert f"<dt>Correct answer</dt><dd>{stored.key_text}</dd>" in after
    if secrets["key"] is not None:
        assert secrets["key"] == stored.key_text


def test_choice_options_are_rendered_alike_so_markup_does_not_reveal_the_key(app, client, student):
    attempt_id = start(client)
    for question_id in ("fx-single", "fx-multiple", "fx-tf"):
        position = position_of(app, attempt_id, question_id)
        page = client.get(f"/attempts/{attempt_id}/{position}").get_data(as_text=True)
        items = re.findall(r"<li><label.*?</label></li>", page, re.S)
        assert len(items) >= 2
        shapes = set()
        for item in items:
            item = re.sub(r'"answer-\d+"', '"ID"', item)
            item = re.sub(r'value="[^"]*"', 'value="V"', item)
            item = re.sub(r"(</span>).*?(</label>)", r"\1TEXT\2", item, flags=re.S)
            item = re.sub(r">\d+<", ">N<", item)
            shapes.add(item)
        assert len(shapes) == 1, shapes


# ------------------------------------------------------------------ progress and answering


def test_question_page_shows_progress(client, student):
    attempt_id = start(client)
    page = text_of(client.get(f"/attempts/{attempt_id}/3"))
    assert "Question 3 of 7" in page
    assert '<progress max="7" value="3"' in page


def test_answering_stores_a_response_with_version_answer_texts_and_score(app, client, student):
    attempt_id = start(client)
    numeric = position_of(app, attempt_id, "fx-numeric")
    single = position_of(app, attempt_id, "fx-single")

    r = client.post(f"/attempts/{attempt_id}/{numeric}", data={"answer": "35 hours"})
    assert r.status_code == 302
    assert r.headers["Location"] == f"/attempts/{attempt_id}/{numeric}"
    client.post(
        f"/attempts/{attempt_id}/{single}", data=choose(app, attempt_id, "fx-single", "dopamine")
    )

    first, second = responses(app, attempt_id)
    assert (first.question_id, first.position) == ("fx-numeric", numeric)
    assert first.question_version == question(app, "fx-numeric").version
    assert first.question_version == layout(app, attempt_id)[numeric - 1]["version"]
    assert first.answer == "35 hours"
    assert first.answer_text == "35 hours"
    assert first.key_text == "between 30 and 40 hours"
    assert (first.score, first.correct) == (1.0, True)
    assert first.user_id == student and first.bank_id == "fixture"

    assert (second.question_id, second.position) == ("fx-single", single)
    assert second.question_version == question(app, "fx-single").version
    assert second.answer == "dopamine"
    assert second.answer_text == "Dopamine receptors"
    assert second.key_text == "GABA-A receptors"
    assert (second.score, second.correct) == (0.0, False)


def test_partial_credit_is_stored_for_a_half_right_multiple_choice(app, client, student):
    attempt_id = start(client)
    position = position_of(app, attempt_id, "fx-multiple")
    data = choose(app, attempt_id, "fx-multiple", ["tablet", "odt", "patch"])
    client.post(f"/attempts/{attempt_id}/{position}", data=data)
    [r] = responses(app, attempt_id)
    assert r.answer == ["odt", "patch", "tablet"]
    assert r.score == pytest.approx(1 / 3)
    assert r.correct is False


def test_a_second_post_of_the_same_question_keeps_the_first_answer(app, client, student):
    attempt_id = start(client)
    position = position_of(app, attempt_id, "fx-single")
    assert (
        client.post(
            f"/attempts/{attempt_id}/{position}",
            data=choose(app, attempt_id, "fx-single", "gaba-a"),
        ).status_code
        == 302
    )
    [first] = responses(app, attempt_id)

    again = client.post(
        f"/attempts/{attempt_id}/{position}", data=choose(app, attempt_id, "fx-single", "dopamine")
    )
    assert again.status_code == 302  # answered like the first post: back to the feedback
    assert again.headers["Location"].endswith(f"/attempts/{attempt_id}/{position}")
    feedback = client.get(again.headers["Location"])
    assert "You had already answered this question; your first answer stands." in text_of(feedback)
    [stored] = responses(app, attempt_id)
    assert stored.id == first.id
    assert (stored.answer, stored.score, stored.correct) == ("gaba-a", 1.0, True)
    assert stored.submitted_at == first.submitted_at
    assert response_count(app) == 1


@pytest.mark.parametrize(
    ("question_id", "data", "message"),
    [
        ("fx-single", {}, "Choose an answer."),
        ("fx-single", {"answer": "not-an-option"}, "Not a valid choice"),
        ("fx-multiple", {}, "Choose at least one answer."),
        ("fx-tf", {}, "Choose true or false."),
        ("fx-short", {"answer": "   "}, "Type an answer."),
        ("fx-numeric", {"answer": "lots"}, "Type a number, for example 12 or 0.5 (in hours)."),
        ("fx-numeric", {"answer": "35 apples"}, "Type a number"),
        (
            "fx-order",
            {"p0": "1", "p1": "1", "p2": "1", "p3": "1"},
            "Give each item a different position, from 1 to 4.",
        ),
        # A browser sends "" for a select left at its placeholder.
        (
            "fx-order",
            {"p0": "1", "p1": "2", "p2": "3", "p3": ""},
            "Choose a position for this item.",
        ),
        ("fx-order", {"p0": "1", "p1": "2", "p2": "3", "p3": "9"}, "Not a valid choice"),
        ("fx-match", {"m0": "0", "m1": "1", "m2": ""}, "Choose a match for this item."),
        ("fx-match", {"m0": "0", "m1": "1", "m2": "7"}, "Not a valid choice"),
    ],
)
def test_a_bad_answer_form_is_shown_again_with_a_message_and_stores_nothing(
    app, client, student, question_id, data, message
):
    attempt_id = start(client)
    position = position_of(app, attempt_id, question_id)
    r = client.post(f"/attempts/{attempt_id}/{position}", data=data)
    assert r.status_code == 400
    page = text_of(r)
    assert message in page
    assert question(app, question_id).prompt in page
    assert "Submit answer" in page
    assert response_count(app) == 0


# ------------------------------------------------------------------ resume


def test_resume_goes_to_the_first_unanswered_question(app, client, student):
    attempt_id = start(client)
    assert client.get(f"/attempts/{attempt_id}").headers["Location"] == f"/attempts/{attempt_id}/1"
    answer(app, client, attempt_id, 1)
    answer(app, client, attempt_id, 3)
    assert client.get(f"/attempts/{attempt_id}").headers["Location"] == f"/attempts/{attempt_id}/2"
    answer(app, client, attempt_id, 2)
    assert client.get(f"/attempts/{attempt_id}").headers["Location"] == f"/attempts/{attempt_id}/4"


def test_resume_of_a_fully_answered_attempt_goes_to_the_summary(app, client, student):
    attempt_id = start(client)
    for position in range(1, 8):
        answer(app, client, attempt_id, position)
    assert (
        client.get(f"/attempts/{attempt_id}").headers["Location"]
        == f"/attempts/{attempt_id}/summary"
    )


@pytest.mark.parametrize("question_id", ["fx-single", "fx-multiple"])
def test_option_order_is_the_stored_one_on_every_visit(app, client, student, question_id):
    attempt_id = start(client)
    position = position_of(app, attempt_id, question_id)
    first = choice_labels(client.get(f"/attempts/{attempt_id}/{position}").get_data(as_text=True))
    second = choice_labels(client.get(f"/attempts/{attempt_id}/{position}").get_data(as_text=True))
    by_id = {o.id: o.text for o in question(app, question_id).options}
    assert first == second == [by_id[i] for i in layout(app, attempt_id)[position - 1]["order"]]


def test_matching_and_ordering_show_the_stored_order_on_every_visit(app, client, student):
    attempt_id = start(client)
    for question_id in ("fx-match", "fx-order"):
        position = position_of(app, attempt_id, question_id)
        pages = [
            client.get(f"/attempts/{attempt_id}/{position}").get_data(as_text=True)
            for _ in range(2)
        ]
        labels = [
            re.findall(r'<label for="[mp]\d">([^<]*)</label>', html.unescape(p)) for p in pages
        ]
        order = layout(app, attempt_id)[position - 1]["order"]
        expected = order["left"] if question_id == "fx-match" else order
        assert labels[0] == labels[1] == expected


# ------------------------------------------------------------------ finish and summary


def test_finishing_computes_the_score_with_unanswered_questions_as_zero(app, client, student):
    attempt_id = start(client)
    answer(app, client, attempt_id, 1, right=True)
    answer(app, client, attempt_id, 2, right=True)
    answer(app, client, attempt_id, 3, right=False)
    r = client.post(f"/attempts/{attempt_id}/finish")
    assert r.status_code == 302
    assert r.headers["Location"] == f"/attempts/{attempt_id}/summary"
    a = attempt(app, attempt_id)
    assert a.finished_at is not None
    assert (a.score, a.max_score) == (2.0, 7)
    page = text_of(client.get(r.headers["Location"]))
    assert "2 out of 7" in page
    assert "(29%)" in page


def test_finishing_twice_keeps_the_first_score_and_time(app, client, student):
    attempt_id = start(client)
    answer(app, client, attempt_id, 1)
    client.post(f"/attempts/{attempt_id}/finish")
    first = attempt(app, attempt_id)
    client.post(f"/attempts/{attempt_id}/finish")
    second = attempt(app, attempt_id)
    assert (second.score, second.finished_at) == (first.score, first.finished_at)


def test_answering_every_question_finishes_the_attempt_at_the_summary(app, client, student):
    attempt_id = start(client)
    for position in range(1, 8):
        answer(app, client, attempt_id, position, right=True)
    assert client.get(f"/attempts/{attempt_id}/summary").status_code == 200
    a = attempt(app, attempt_id)
    assert a.finished_at is not None
    assert (a.score, a.max_score) == (7.0, 7)


def test_summary_shows_each_answer_beside_the_key(app, client, student):
    attempt_id = start(client)
    for position in range(1, 7):  # the last question is left unanswered
        answer(app, client, attempt_id, position, right=position % 2 == 0)
    client.post(f"/attempts/{attempt_id}/finish")
    page = client.get(f"/attempts/{attempt_id}/summary").get_data(as_text=True)
    rows = re.findall(r'<tr class="(?:right|partly|wrong)">(.*?)</tr>', page, re.S)
    assert len(rows) == 7
    stored = {r.position: r for r in responses(app, attempt_id)}
    for n, row in enumerate(rows, 1):
        cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        assert cells[0] == str(n)
        if n in stored:
            assert cells[2] == stored[n].answer_text
            assert cells[3].startswith(stored[n].key_text)
            assert cells[4] == f"{stored[n].score * 100:.0f}%"
        else:
            assert cells[2] == "Not answered"
            assert cells[4] == "0%"
    wrong = [r for r in stored.values() if not r.correct]
    assert wrong and all(r.answer_text != r.key_text for r in wrong)


def test_posting_an_answer_to_a_finished_attempt_is_refused(app, client, student):
    attempt_id = start(client)
    answer(app, client, attempt_id, 1)
    client.post(f"/attempts/{attempt_id}/finish")
    r = answer(app, client, attempt_id, 2)
    assert r.status_code == 409
    page = text_of(r)
    assert "This attempt is already finished" in page and "was not recorded" in page
    assert f"/attempts/{attempt_id}/summary" in r.get_data(as_text=True)  # a way on: the results
    assert [x.position for x in responses(app, attempt_id)] == [1]
    assert attempt(app, attempt_id).score == 1.0


def test_an_unanswered_question_of_a_finished_attempt_leads_to_the_summary(app, client, student):
    attempt_id = start(client)
    client.post(f"/attempts/{attempt_id}/finish")
    r = client.get(f"/attempts/{attempt_id}/1")
    assert r.status_code == 302
    assert r.headers["Location"] == f"/attempts/{attempt_id}/summary"


# ------------------------------------------------------------------ whose attempt


@pytest.fixture
def other_attempt(app, client, student, create_user):
    """An attempt of ann's with one answer; the client is then logged in as bob."""
    attempt_id = start(client)
    answer(app, client, attempt_id, 1)
    client.post("/logout")
    create_user("bob")
    client.post("/login", data={"username": "bob", "password": PASSWORD})
    return attempt_id


@pytest.mark.parametrize(
    "path", ["/attempts/{id}", "/attempts/{id}/1", "/attempts/{id}/2", "/attempts/{id}/summary"]
)
def test_viewing_another_students_attempt_gives_404(client, other_attempt, path):
    assert client.get(path.format(id=other_attempt)).status_code == 404


def test_answering_or_finishing_another_students_attempt_gives_404_and_changes_nothing(
    app, client, other_attempt
):
    assert answer(app, client, other_attempt, 2).status_code == 404
    assert client.post(f"/attempts/{other_attempt}/finish").status_code == 404
    assert [r.position for r in responses(app, other_attempt)] == [1]
    assert attempt(app, other_attempt).finished_at is None


def test_an_attempt_that_does_not_exist_gives_404(client, student):
    assert client.get("/attempts/999").status_code == 404
    assert client.get("/attempts/999/1").status_code == 404


@pytest.mark.parametrize("position", [0, 8, 1000])
def test_a_position_out_of_range_gives_404(app, client, student, position):
    attempt_id = start(client)
    assert client.get(f"/attempts/{attempt_id}/{position}").status_code == 404
    assert (
        client.post(f"/attempts/{attempt_id}/{position}", data={"answer": "x"}).status_code == 404
    )
    assert response_count(app) == 0


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/attempts/1"),
        ("get", "/attempts/1/1"),
        ("post", "/attempts/1/1"),
        ("get", "/attempts/1/summary"),
        ("post", "/attempts/1/finish"),
        ("post", "/banks/fixture/start"),
        ("get", "/history"),
    ],
)
def test_anonymous_access_to_practice_and_history_redirects_to_login(client, method, path):
    r = getattr(client, method)(path)
    assert r.status_code == 302
    assert r.headers["Location"].startswith("/login?next=")


# ------------------------------------------------------------------ history


def test_history_lists_attempts_with_score_and_duration(app, client, student):
    finished = start(client)
    answer(app, client, finished, 1, right=True)
    answer(app, client, finished, 2, right=False)
    client.post(f"/attempts/{finished}/finish")
    with app.app_context():  # make the attempt last 2 min 5 s
        a = db.session.get(Attempt, finished)
        a.started_at = a.finished_at - timedelta(seconds=125)
        db.session.commit()
    still_open = start(client)

    page = text_of(client.get("/history"))
    rows = re.findall(r"<tr>\s*<td><time.*?</tr>", page, re.S)
    assert len(rows) == 2
    done = next(r for r in rows if f"/attempts/{finished}/summary" in r)
    assert "Fixture bank" in done
    assert "1 / 7 (14%)" in done
    assert "2 min 5 s" in done
    pending = next(r for r in rows if f'/attempts/{still_open}"' in r)
    assert "in progress" in pending


def test_history_shows_only_the_students_own_attempts(app, client, other_attempt):
    page = client.get("/history").get_data(as_text=True)
    assert f"/attempts/{other_attempt}" not in page
    assert "No attempts yet." in page


# ------------------------------------------------------------------ sources


def test_source_page_highlights_the_passage_of_a_question(client):
    r = client.get("/sources/overview", query_string={"question": "fx-single"})
    assert r.status_code == 200
    page = text_of(r)
    assert page.count('<mark id="passage">') == 1
    marked = "".join(re.findall(r"<mark[^>]*>(.*?)</mark>", page, re.S))
    assert marked == "These receptors are called GABA-A receptors."


def test_source_page_without_a_question_highlights_nothing(client):
    page = client.get("/sources/overview").get_data(as_text=True)
    assert "<mark" not in page


def test_source_page_highlights_an_options_passage_in_its_own_document(client):
    page = text_of(
        client.get("/sources/guide", query_string={"question": "fx-single", "passage": 1})
    )
    marked = "".join(re.findall(r"<mark[^>]*>(.*?)</mark>", page, re.S))
    assert marked == SINGLE_OPTION_QUOTE


def test_source_page_of_an_unknown_document_gives_404(client):
    assert client.get("/sources/no-such-document").status_code == 404
    assert (
        client.get("/sources/no-such-document", query_string={"question": "fx-single"}).status_code
        == 404
    )
