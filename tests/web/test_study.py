"""The study pages over HTTP: sessions a student builds, flashcards without script,
daily-limit settings, Practise resuming and Discard, appeals and their queue, and bad
input that re-renders its page with the message beside the field (never a bare error)."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from quiz.domain.attempts import Kind, Mode
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import Appeal, Attempt, Response, ReviewLog, StudySettings
from tests.support import Clock, answer_data, make_app

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SESSION = {"topics": "fixture", "length": "10", "selection": "all", "style": "quiz"}


@pytest.fixture
def clock():
    return Clock(T0)


@pytest.fixture
def app(tmp_path, questions_dir, clock):
    return make_app(tmp_path, questions_dir, CLOCK=clock)


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def attempt_of(app, attempt_id) -> Attempt:
    with app.app_context():
        found = db.session.get(Attempt, attempt_id)
        db.session.expunge(found)
        return found


def answer(app, client, attempt_id, position, right=True):
    with app.app_context():
        entry = db.session.get(Attempt, attempt_id).layout[position - 1]
        q = current_catalog().questions[entry["question_id"]]
    return client.post(f"/attempts/{attempt_id}/{position}", data=answer_data(q, entry, right))


def started(response) -> int:
    assert response.status_code == 302, text(response)[:400]
    return int(re.search(r"/(?:attempts|exams)/(\d+)", response.headers["Location"]).group(1))


# ------------------------------------------------------------------ sessions


def test_the_session_form_offers_topics_lengths_and_kinds_in_words(client, student):
    page = text(client.get("/study?topic=fixture"))
    for words in ("Fixture bank", "10 questions", "All of them", "My weak questions", "New only"):
        assert words in page
    assert re.search(r'<input checked[^>]*value="fixture"', page)  # the topic a card's link chose
    assert "_review" not in page and "_passage" not in page


def test_a_shortened_session_is_its_own_kind_and_never_counts(app, client, student):
    attempt_id = started(client.post("/study", data={**SESSION, "length": "10"}))
    found = attempt_of(app, attempt_id)
    assert (found.kind, found.mode, found.size) == (Kind.TOPIC, Mode.PRACTICE, 7)  # all 7
    short = {"topics": "fixture", "length": "all", "selection": "new", "style": "quiz"}
    answer(app, client, attempt_id, 1)
    newer = attempt_of(app, started(client.post("/study", data=short)))
    assert (newer.kind, newer.size) == (Kind.NEW, 6)  # the one answered is not new
    assert "New questions: Fixture bank" in text(client.get("/"))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**SESSION, "topics": ""}, "topics", "Choose at least one topic."),
        ({**SESSION, "topics": "nope"}, "topics", "Choose topics from the list."),
        ({**SESSION, "length": "7"}, "length", "Choose 10, 20 or all of them."),
        ({**SESSION, "selection": "x"}, "selection", "Choose all questions, your weak"),
        ({**SESSION, "style": "x"}, "style", "Choose a quiz or flashcards."),
        ({**SESSION, "selection": "weak"}, "selection", "You have no weak questions"),
    ],
)
def test_a_bad_session_choice_is_said_beside_its_field_keeping_the_rest(
    client, student, data, field, message
):
    r = client.post("/study", data={**data, "length": "20"} if field != "length" else data)
    page = text(r)
    assert r.status_code == 400
    errors = re.search(rf'<ul class="errors" id="{field}-errors">(.*?)</ul>', page, re.S)
    assert errors and message in errors.group(1)
    if field != "length":
        assert re.search(r'<input checked[^>]*value="20"', page)  # what was chosen stays chosen


# ---------------------------------------------------------------- practise


def test_practise_resumes_and_discard_throws_away(app, client, student):
    first = started(client.post("/banks/fixture/start", data={"practise": "Practise"}))
    answer(app, client, first, 1)
    r = client.post("/banks/fixture/start", data={"practise": "Practise"})
    assert r.headers["Location"] == f"/attempts/{first}"  # resumed, at its first unanswered
    assert client.get(r.headers["Location"]).headers["Location"] == f"/attempts/{first}/2"
    home = text(client.get("/"))
    assert home.count("Continue<span") == 1 and "1 of 7 answered" in home
    assert client.post(f"/attempts/{first}/discard").status_code == 302
    assert "Discarded: Fixture bank." in text(client.get("/"))
    assert client.get(f"/attempts/{first}/summary").status_code == 404
    assert "Continue<span" not in text(client.get("/"))


def test_an_exam_cannot_be_discarded(app, client, student):
    exam = started(client.post("/banks/fixture/start", data={"exam": "Start exam"}))
    client.post(f"/attempts/{exam}/discard")
    assert attempt_of(app, exam).discarded_at is None
    assert "Continue<span" in text(client.get("/"))


# -------------------------------------------------------------- flashcards


def test_a_flashcard_run_front_back_rate_and_summary(app, client, student):
    cards = started(client.post("/study", data={**SESSION, "style": "flashcards"}))
    front = text(client.get(f"/attempts/{cards}/card/1"))
    assert "Show answer" in front and "Explanation" not in front
    back = text(client.get(f"/attempts/{cards}/card/1?side=back"))
    assert "Explanation" in back and re.search(r"Good</span><span class=\"interval\">10 min", back)
    for n in range(1, 8):
        r = client.post(
            f"/attempts/{cards}/card/{n}", data={"rating": "again" if n == 1 else "good"}
        )
        assert r.status_code == 302
    assert r.headers["Location"] == f"/attempts/{cards}/summary"
    found = attempt_of(app, cards)
    assert (found.score, found.finished_at is not None) == (6.0, True)
    with app.app_context():
        assert all(log.chosen for log in db.session.execute(select(ReviewLog)).scalars())
    assert "Rated Good (flashcard)" in text(client.get(f"/attempts/{cards}/card/2"))
    assert client.post(f"/attempts/{cards}/card/1", data={"rating": "bad"}).status_code in (
        302,
        409,
    )


def test_a_bad_flashcard_rating_shows_the_back_again(app, client, student):
    cards = started(client.post("/study", data={**SESSION, "style": "flashcards"}))
    r = client.post(f"/attempts/{cards}/card/1", data={"rating": "brilliant"})
    assert r.status_code == 400 and "Choose Again, Hard, Good or Easy." in text(r)


# ---------------------------------------------------------------- settings


def test_settings_are_saved_and_shape_the_review_box(app, client, student):
    assert 'value="10"' in text(client.get("/settings"))
    r = client.post("/settings", data={"new_per_day": "4", "reviews_per_day": "0"})
    assert r.status_code == 302
    with app.app_context():
        row = db.session.get(StudySettings, student)
        assert (row.new_per_day, row.reviews_per_day) == (4, 0)
    assert "Daily limits: 4 new questions, 0 reviews" in text(client.get("/"))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"new_per_day": "ten", "reviews_per_day": "50"}, "new_per_day", "Type a whole number"),
        ({"new_per_day": "0", "reviews_per_day": "50"}, "new_per_day", "from 1 to 200"),
        ({"new_per_day": "5", "reviews_per_day": "-1"}, "reviews_per_day", "from 0 to 2000"),
        ({"new_per_day": "5", "reviews_per_day": "9" * 30}, "reviews_per_day", "from 0 to 2000"),
    ],
)
def test_a_bad_setting_is_said_beside_its_field_with_the_values_typed(
    client, student, data, field, message
):
    r = client.post("/settings", data=data)
    page = text(r)
    assert r.status_code == 400
    errors = re.search(rf'id="{field}-errors">(.*?)</ul>', page, re.S)
    assert errors and message in errors.group(1)
    assert f'value="{data[field]}"' in page


def test_the_review_limit_caps_a_review_session(app, client, student, clock):
    attempt_id = started(client.post("/banks/fixture/start", data={"practise": "Practise"}))
    for n in range(1, 4):
        answer(app, client, attempt_id, n, right=False)
    client.post("/settings", data={"new_per_day": "10", "reviews_per_day": "2"})
    clock.now = T0 + timedelta(minutes=30)
    review = attempt_of(app, started(client.post("/review/start")))
    assert (review.kind, review.size) == (Kind.REVIEW, 2)
    answer(app, client, review.id, 1)
    answer(app, client, review.id, 2)
    r = client.post("/review/start", follow_redirects=True)
    assert "reached today's review limit" in text(r)


def test_reviews_can_be_turned_as_flashcards(app, client, student, clock):
    attempt_id = started(client.post("/banks/fixture/start", data={"practise": "Practise"}))
    answer(app, client, attempt_id, 1, right=False)
    clock.now = T0 + timedelta(minutes=30)
    r = client.post("/review/start", data={"style": "flashcards"})
    assert "/card/1" in r.headers["Location"]
    assert "Flashcards: Spaced review" in text(client.get(r.headers["Location"]))


# ------------------------------------------------------------------- exams


def test_a_time_limit_that_is_not_a_number_re_renders_home_with_the_message(client, student):
    r = client.post("/banks/fixture/start", data={"exam": "Start exam", "minutes": "ten"})
    page = text(r)
    assert r.status_code == 400
    assert "Type the time limit as a whole number of minutes, for example 30." in page
    assert "Not a valid integer" not in page and "Error 400" not in page
    assert re.search(r"<details open>\s*<summary>Exam mode", page)
    assert 'value="ten"' in page and 'aria-invalid="true"' in page
    r = client.post("/banks/fixture/start", data={"exam": "Start exam", "minutes": "999"})
    assert r.status_code == 400 and "Give a time limit from 1 to 180 minutes." in text(r)


def test_time_running_out_mid_question_lands_on_a_page_that_says_what_to_do(
    app, client, student, clock
):
    exam = started(client.post("/banks/fixture/start", data={"exam": "Start exam", "minutes": "1"}))
    answer(app, client, exam, 1)
    clock.now = T0 + timedelta(seconds=75)
    r = answer(app, client, exam, 2)
    page = text(r)
    assert r.status_code == 409
    assert "Time ran out" in page and "was NOT recorded" in page  # the exam's result page
    summary = text(client.get(f"/attempts/{exam}/summary", follow_redirects=True))
    assert "Time ran out" in summary


# ------------------------------------------------------------------ appeals


def test_an_appeal_goes_to_the_queue_and_accepting_it_changes_the_score(
    app, client, student, auth, create_user
):
    attempt_id = started(client.post("/banks/fixture/start", data={"practise": "Practise"}))
    answer(app, client, attempt_id, 1, right=False)
    assert "I think my answer should count" in text(client.get(f"/attempts/{attempt_id}/1"))
    r = client.post(f"/attempts/{attempt_id}/1/appeal", data={"comment": "  "})
    assert r.status_code == 400 and "Say in a few words" in text(r)
    r = client.post(f"/attempts/{attempt_id}/1/appeal", data={"comment": "<b>same</b> meaning"})
    assert r.status_code == 302
    assert "Waiting for an instructor" in text(client.get(f"/attempts/{attempt_id}/1"))
    assert client.post(f"/attempts/{attempt_id}/1/appeal", data={"comment": "x"}).status_code == 409
    create_user("ines", role="instructor")
    auth.logout()
    auth.login("ines")
    queue = client.get("/instructor/appeals").get_data(as_text=True)
    assert "&lt;b&gt;same&lt;/b&gt; meaning" in queue  # escaped
    with app.app_context():
        appeal_id = db.session.execute(select(Appeal.id)).scalar_one()
    r = client.post(f"/instructor/appeals/{appeal_id}", data={"decision": "maybe"})
    assert r.status_code == 400 and "Choose Accept or Decline." in text(r)
    r = client.post(
        f"/instructor/appeals/{appeal_id}", data={"decision": "accept", "reply": "Fair point"}
    )
    assert r.status_code == 302
    with app.app_context():
        response = db.session.execute(select(Response)).scalar_one()
        assert (response.score, response.correct) == (1.0, True)
        assert db.session.get(Attempt, attempt_id).score == 1.0
    assert re.search(r"Accepted</span>\s+by ines", text(client.get("/instructor/appeals")))
    auth.logout()
    auth.login("ann")
    assert "Accepted: your answer now counts as correct" in text(
        client.get(f"/attempts/{attempt_id}/1")
    )


def test_feedback_reads_at_a_glance(app, client, student):
    attempt_id = started(client.post("/banks/fixture/start", data={"practise": "Practise"}))
    with app.app_context():
        entries = db.session.get(Attempt, attempt_id).layout
    position = next(n for n, e in enumerate(entries, 1) if e["question_id"] == "fx-match")
    answer(app, client, attempt_id, position, right=False)
    page = text(client.get(f"/attempts/{attempt_id}/{position}"))
    assert page.count('<tr class="wrong">') == 3  # one row per item, each marked ✗
    assert "✗" in page and ".;" not in page
    assert re.search(r'<button type="submit" name="rating" value="good"', page)
    assert re.search(r'class="interval">\d+ (min|h|days?)<', page)  # each rating's interval
