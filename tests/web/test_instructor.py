"""The instructor area: who may see it, the gradebook, a student's attempts, a bank's scores,
item analysis, passages, the CSV exports and the item-analysis and demo-data commands."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from quiz.domain.attempts import Kind
from quiz.domain.grading import describe_answer as describe_response
from quiz.domain.grading import describe_key
from quiz.store import analysis
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import Attempt, Response, User
from quiz.web.instructor import pages as instructor_views
from quiz.web.pages import reports
from tests.support import answer_data

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 1, tzinfo=UTC)  # after every attempt of these tests
QUESTIONS = ("fx-single", "fx-multiple", "fx-tf", "fx-match", "fx-short", "fx-numeric", "fx-order")
RESPONSE_HEADER = "student,attempt_id,attempt_started_at,bank,question_id,question_version,response,score,submitted_at"
ITEM_HEADER = "question_id,n,facility,sd,discrimination_index,discriminative_efficiency"


@pytest.fixture
def record(app):
    """Factory: store an attempt at the fixture bank with the given scores (question id ->
    score, or (score, stored answer)), as if answered a minute apart; returns its id."""

    def make(
        user_id: int,
        scores: dict,
        started: datetime = T0,
        finished: bool = True,
        kind: Kind = Kind.TOPIC,
    ) -> int:
        with app.app_context():
            catalog = current_catalog()
            layout = [
                {"question_id": q.id, "version": q.version, "order": []}
                for q in catalog.banks["fixture"].questions
            ]
            attempt = Attempt(
                user_id=user_id,
                bank_id="fixture",
                kind=kind,
                layout=layout,
                started_at=started,
                max_score=len(layout),
            )
            db.session.add(attempt)
            db.session.flush()
            for position, (question_id, given) in enumerate(scores.items(), 1):
                score, answer = given if isinstance(given, tuple) else (given, "x")
                q = catalog.questions[question_id]
                db.session.add(
                    Response(
                        attempt_id=attempt.id,
                        user_id=user_id,
                        bank_id="fixture",
                        question_id=q.id,
                        question_version=q.version,
                        position=position,
                        answer=answer,
                        answer_text=describe_response(q, answer),
                        key_text=describe_key(q),
                        score=score,
                        correct=score == 1,
                        submitted_at=started + timedelta(minutes=position),
                    )
                )
            attempt.score = sum(s[0] if isinstance(s, tuple) else s for s in scores.values())
            if finished:
                attempt.finished_at = started + timedelta(minutes=len(scores) + 1)
            db.session.commit()
            return attempt.id

    return make


def scores_for(*marks: float) -> dict[str, float]:
    """Scores for the fixture bank's questions in order (missing ones are unanswered)."""
    return dict(zip(QUESTIONS, marks, strict=False))


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def order_of(page: str, names: list[str]) -> list[str]:
    """*names* in the order the page links to them."""
    return sorted((n for n in names if f">{n}</a>" in page), key=lambda n: page.index(f">{n}</a>"))


# ------------------------------------------------------------------- who may see it

ROUTES = [
    "/instructor/",
    "/instructor/gradebook",
    "/instructor/gradebook.csv",
    "/instructor/students/{student}",
    "/instructor/attempts/{attempt}",
    "/instructor/banks/fixture",
    "/instructor/banks/fixture/items",
    "/instructor/banks/fixture/items.csv",
    "/instructor/passages",
    "/instructor/responses.csv",
    "/instructor/appeals",
]


@pytest.fixture
def some_data(create_user, record):
    student_id = create_user("ann")
    return {"student": student_id, "attempt": record(student_id, scores_for(1, 0.5, 0))}


def test_the_list_of_routes_covers_every_instructor_endpoint(app):
    """Every page an instructor reads (GET), but a class's (its pages need a class and
    are in the authorization matrix, with every form)."""
    endpoints = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("instructor.")
        and "GET" in rule.methods
        and not rule.rule.startswith(("/instructor/classes", "/instructor/assignments"))
    }
    adapter = app.url_map.bind("localhost")
    listed = {adapter.match(route.format(student=1, attempt=1))[0] for route in ROUTES}
    assert listed == endpoints


@pytest.mark.parametrize("route", ROUTES)
def test_an_anonymous_visitor_is_sent_to_log_in(client, some_data, route):
    response = client.get(route.format(**some_data))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("route", ROUTES)
def test_a_student_is_refused(client, auth, some_data, route):
    auth.login("ann")
    assert client.get(route.format(**some_data)).status_code == 403


@pytest.mark.parametrize("route", ROUTES)
def test_an_instructor_may_see_it(client, auth, instructor, some_data, route):
    auth.login("ines")
    assert client.get(route.format(**some_data)).status_code == 200


def test_only_instructors_see_the_instructor_link(client, auth, instructor, some_data):
    auth.login("ann")
    assert 'href="/instructor/"' not in client.get("/").text
    auth.logout()
    auth.login("ines")
    assert 'href="/instructor/"' in client.get("/").text


def test_unknown_students_attempts_and_banks_are_not_found(client, auth, instructor):
    auth.login("ines")
    for route in (
        "/instructor/students/999",
        "/instructor/attempts/999",
        "/instructor/banks/nope",
        "/instructor/banks/nope/items",
        "/instructor/responses.csv?bank=nope",
    ):
        assert client.get(route).status_code == 404, route


def test_item_analysis_accepts_only_first_or_all_attempts(client, auth, instructor):
    auth.login("ines")
    assert client.get("/instructor/banks/fixture/items?attempts=some").status_code == 400
    assert client.get("/instructor/banks/fixture/items.csv?attempts=some").status_code == 400


# ------------------------------------------------------------------------ gradebook


@pytest.fixture
def classroom(create_user, record):
    """ann: 50%, then 100%, then 75% (a day apart from T0); bob: 0% the day before and an
    unfinished attempt; cat: nothing; ines: an instructor, not in the gradebook."""
    ann, bob, cat = create_user("ann"), create_user("bob"), create_user("cat")
    create_user("ines", role="instructor")
    record(ann, scores_for(1, 1, 1, 0.5, 0, 0, 0), started=T0)
    record(ann, scores_for(1, 1, 1, 1, 1, 1, 1), started=T0 + timedelta(days=1))
    latest = record(ann, scores_for(1, 1, 1, 1, 1, 0.25, 0), started=T0 + timedelta(days=2))
    record(bob, scores_for(0, 0, 0, 0, 0, 0, 0), started=T0 - timedelta(days=1))
    record(bob, scores_for(1, 1), started=T0 + timedelta(days=3), finished=False)
    return {"ann": ann, "bob": bob, "cat": cat, "latest": latest}


def test_gradebook_has_one_row_per_student_with_attempts_best_latest_and_mean(
    client, auth, classroom
):
    auth.login("ines")
    rows = {r["student"]: r for r in csv_rows(client.get("/instructor/gradebook.csv"))}
    assert set(rows) == {"ann", "bob", "cat"}
    ann = rows["ann"]
    assert (
        ann["fixture_attempts"],
        ann["fixture_best"],
        ann["fixture_latest"],
        ann["fixture_mean"],
    ) == ("3", "100.00", "75.00", "75.00")
    assert ann["last_active"] == (T0 + timedelta(days=2, minutes=7)).isoformat()
    bob = rows[
        "bob"
    ]  # the unfinished attempt is not scored, but his answers in it count as activity
    assert (bob["fixture_attempts"], bob["fixture_best"], bob["fixture_latest"]) == (
        "1",
        "0.00",
        "0.00",
    )
    assert bob["last_active"] == (T0 + timedelta(days=3, minutes=2)).isoformat()
    assert (
        rows["cat"]["fixture_attempts"],
        rows["cat"]["fixture_best"],
        rows["cat"]["last_active"],
    ) == ("0", "", "")


def test_gradebook_page_shows_the_same_numbers_and_links_each_student(client, auth, classroom):
    auth.login("ines")
    page = text_of(client.get("/instructor/gradebook"))
    assert f'href="/instructor/students/{classroom["ann"]}"' in page
    assert re.search(
        r'<td class="num group-start">3</td>\s*<td class="num">100\.0</td>\s*'
        r'<td class="num">75\.0</td>\s*<td class="num">75\.0</td>',
        page,
    )
    assert "<strong>3</strong> students." in page


def test_gradebook_sorts_by_any_column_with_empty_values_last(client, auth, classroom):
    auth.login("ines")
    names = ["ann", "bob", "cat"]
    assert order_of(client.get("/instructor/gradebook").text, names) == ["ann", "bob", "cat"]
    assert order_of(client.get("/instructor/gradebook?sort=student&dir=desc").text, names) == [
        "cat",
        "bob",
        "ann",
    ]
    assert order_of(client.get("/instructor/gradebook?sort=fixture:best&dir=desc").text, names) == [
        "ann",
        "bob",
        "cat",
    ]
    assert order_of(client.get("/instructor/gradebook?sort=fixture:best").text, names) == [
        "bob",
        "ann",
        "cat",
    ]
    assert order_of(client.get("/instructor/gradebook?sort=last_active&dir=desc").text, names) == [
        "bob",
        "ann",
        "cat",
    ]
    assert order_of(client.get("/instructor/gradebook?sort=nonsense").text, names) == [
        "ann",
        "bob",
        "cat",
    ]


def test_sort_links_reverse_the_active_column_and_keep_the_filters(client, auth, classroom):
    auth.login("ines")
    page = client.get("/instructor/gradebook?q=a&sort=fixture:best&dir=desc").text
    assert 'aria-sort="descending"' in page
    link = html.unescape(re.search(r'<a class="sort" href="([^"]+)">Best', page).group(1))
    assert "q=a" in link and "sort=fixture:best" in link and "dir=asc" in link


def test_gradebook_csv_follows_the_sort(client, auth, classroom):
    auth.login("ines")
    rows = csv_rows(client.get("/instructor/gradebook.csv?sort=fixture:best"))
    assert [r["student"] for r in rows] == ["bob", "ann", "cat"]


def test_date_range_counts_only_that_period_and_hides_students_idle_in_it(client, auth, classroom):
    auth.login("ines")
    day = (T0 + timedelta(days=1)).date().isoformat()
    rows = csv_rows(client.get(f"/instructor/gradebook.csv?start={day}&end={day}"))
    assert [(r["student"], r["fixture_attempts"], r["fixture_best"]) for r in rows] == [
        ("ann", "1", "100.00")
    ]
    since = (T0 + timedelta(days=2)).date().isoformat()
    rows = {
        r["student"]: r for r in csv_rows(client.get(f"/instructor/gradebook.csv?start={since}"))
    }
    assert set(rows) == {"ann", "bob"}  # bob answered (unfinished attempt) on day 3
    assert (rows["ann"]["fixture_latest"], rows["bob"]["fixture_attempts"]) == ("75.00", "0")


def test_a_date_range_that_ends_before_it_starts_is_refused_with_a_message(client, auth, classroom):
    auth.login("ines")
    response = client.get("/instructor/gradebook?start=2026-03-05&end=2026-03-01")
    assert response.status_code == 400
    assert "The end date is before the start date." in text_of(response)
    assert (
        client.get("/instructor/gradebook.csv?start=2026-03-05&end=2026-03-01").status_code == 400
    )
    assert client.get("/instructor/gradebook?start=not-a-date").status_code == 400


def test_search_finds_students_by_part_of_their_name_ignoring_case(
    client, auth, classroom, create_user
):
    create_user("dan_100%")
    auth.login("ines")
    assert [r["student"] for r in csv_rows(client.get("/instructor/gradebook.csv?q=AN"))] == [
        "ann",
        "dan_100%",
    ]
    assert [r["student"] for r in csv_rows(client.get("/instructor/gradebook.csv?q=0%25"))] == [
        "dan_100%"
    ]
    assert [r["student"] for r in csv_rows(client.get("/instructor/gradebook.csv?q=_1"))] == [
        "dan_100%"
    ]
    assert "No students match." in client.get("/instructor/gradebook?q=zed").text


def test_gradebook_pages_through_many_students(client, auth, classroom, monkeypatch):
    monkeypatch.setattr(instructor_views, "PAGE_SIZE", 2)
    auth.login("ines")
    first, second = (
        client.get("/instructor/gradebook").text,
        client.get("/instructor/gradebook?page=2").text,
    )
    assert order_of(first, ["ann", "bob", "cat"]) == ["ann", "bob"]
    assert order_of(second, ["ann", "bob", "cat"]) == ["cat"]
    assert "Page 2 of 2" in second and 'rel="prev"' in second
    assert len(csv_rows(client.get("/instructor/gradebook.csv"))) == 3  # the CSV has every page


# ------------------------------------------------------------ a student, an attempt


def test_a_students_page_lists_every_attempt(client, auth, classroom, record):
    retry = record(classroom["bob"], scores_for(1), started=T0 + timedelta(days=4), kind=Kind.RETRY)
    auth.login("ines")
    page = text_of(client.get(f"/instructor/students/{classroom['bob']}"))
    links = re.findall(r'href="/instructor/attempts/(\d+)"', page)
    with client.application.app_context():
        ids = (
            db.session.execute(select(Attempt.id).where(Attempt.user_id == classroom["bob"]))
            .scalars()
            .all()
        )
    assert sorted(map(int, links)) == sorted(ids) and retry in ids
    assert "in progress" in page and "retry" in page


def test_an_attempts_page_shows_every_response_with_answer_key_score_and_time(
    client, auth, instructor, create_user, record
):
    ann = create_user("ann")
    attempt = record(ann, {"fx-single": (0.0, "dopamine"), "fx-tf": (1.0, True)})
    auth.login("ines")
    page = text_of(client.get(f"/instructor/attempts/{attempt}"))
    row = re.search(r"<tr class=\"wrong\">(.*?)</tr>", page, re.S).group(1)
    assert "Dopamine receptors" in row and "GABA-A receptors" in row  # the answer, then the key
    assert (T0 + timedelta(minutes=1)).isoformat() in row
    assert re.search(r'<td class="num">0</td>', row)
    right = re.search(r"<tr class=\"right\">(.*?)</tr>", page, re.S).group(1)
    assert "True" in right and '<td class="num">1</td>' in right
    assert page.count("(not answered)") == len(QUESTIONS) - 2


def test_a_real_attempt_reaches_the_gradebook_and_its_answers_the_attempt_page(
    app, client, auth, create_user
):
    create_user("ann")
    create_user("ines", role="instructor")
    auth.login("ann")
    location = client.post("/banks/fixture/start", data={"practise": "Practise"}).headers[
        "Location"
    ]
    attempt_id = int(re.search(r"/attempts/(\d+)/1$", location).group(1))
    with app.app_context():
        layout = db.session.get(Attempt, attempt_id).layout
        questions = current_catalog().questions
    for position, entry in enumerate(layout, 1):
        client.post(
            f"/attempts/{attempt_id}/{position}",
            data=answer_data(questions[entry["question_id"]], entry),
        )
    client.post(f"/attempts/{attempt_id}/finish")
    auth.logout()
    auth.login("ines")
    rows = csv_rows(client.get("/instructor/gradebook.csv"))
    assert [(r["student"], r["fixture_attempts"], r["fixture_best"]) for r in rows] == [
        ("ann", "1", "100.00")
    ]
    page = text_of(client.get(f"/instructor/attempts/{attempt_id}"))
    assert page.count('<tr class="right">') == len(QUESTIONS)


# ------------------------------------------------------------------------ per bank


def test_bank_page_shows_completion_mean_median_and_accessible_charts(client, auth, classroom):
    auth.login("ines")
    page = text_of(client.get("/instructor/banks/fixture"))
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page))
    # finished: ann 50, 100, 75 and bob 0 -> mean 56.25, median 62.5; bob's second is open
    assert facts["Attempts started"] == "5" and facts["Attempts finished"] == "4 (80%)"
    assert facts["Students who started"] == "2" and facts["Students who finished"] == "2"
    assert facts["Mean score"] == "56.2%" and facts["Median score"] == "62.5%"
    assert page.count('role="img"') == 2 and page.count("<svg") == 2
    assert "<title>Scores of the finished attempts at Fixture bank" in page
    histogram = dict(re.findall(r"<tr><td>(\d+–\d+)</td><td class=\"num\">(\d+)</td></tr>", page))
    assert (histogram["0–9"], histogram["50–59"], histogram["70–79"], histogram["90–100"]) == (
        "1",
        "1",
        "1",
        "1",
    )


def test_bank_page_without_finished_attempts_says_so(client, auth, instructor):
    auth.login("ines")
    page = client.get("/instructor/banks/fixture").text
    assert "<svg" not in page and "No finished attempts yet." in page


# ------------------------------------------------------------------ item analysis


@pytest.fixture
def analysed_class(create_user, record):
    """Four students' first attempts, worked by hand in test_stats (q1..q4 there are
    fx-single, fx-tf, fx-multiple, fx-short here); then noise the analysis must ignore."""
    single = {1: "gaba-a", 0: "dopamine"}
    marks = [  # fx-single, fx-tf, fx-multiple, fx-short
        ((1, "gaba-a"), (1, True), (1, ["odt", "solution", "tablet"])),
        ((1, "gaba-a"), (0, False), (1, ["odt", "solution", "tablet"])),
        ((0, "dopamine"), (1, True), (0, ["patch", "tablet"])),
        ((0, "glutamate"), (0, False), (0, ["patch"])),
    ]
    ids = []
    for n, (s, tf, multiple) in enumerate(marks):
        user = create_user(f"s{n + 1}")
        ids.append(user)
        record(
            user,
            {
                "fx-single": (float(s[0]), s[1]),
                "fx-tf": (float(tf[0]), tf[1]),
                "fx-multiple": (float(multiple[0]), multiple[1]),
                "fx-short": (1.0, "GABA"),
            },
            started=T0 + timedelta(hours=n),
        )
    # s1's second attempt: all wrong (counts with attempts=all only)
    record(
        ids[0],
        {
            "fx-single": (0.0, single[0]),
            "fx-tf": (0.0, False),
            "fx-multiple": (0.0, ["patch"]),
            "fx-short": (0.0, "no"),
        },
        started=T0 + timedelta(days=1),
    )
    # never analysed: an unfinished attempt and a retry of mistakes
    record(ids[1], {"fx-single": (1.0, "gaba-a")}, started=T0 - timedelta(days=1), finished=False)
    record(ids[1], {"fx-tf": (1.0, True)}, started=T0 - timedelta(days=2), kind=Kind.RETRY)
    return ids


FIRST_ATTEMPTS_CSV = [
    ITEM_HEADER,
    "fx-multiple,4,50.00,0.5774,70.71,100.00",
    "fx-short,4,100.00,0.0000,,",
    "fx-single,4,50.00,0.5774,70.71,100.00",
    "fx-tf,4,50.00,0.5774,0.00,0.00",
]


def test_item_analysis_csv_of_first_attempts_matches_the_hand_computed_numbers(
    client, auth, instructor, analysed_class
):
    auth.login("ines")
    response = client.get("/instructor/banks/fixture/items.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.get_data(as_text=True).splitlines() == FIRST_ATTEMPTS_CSV


def test_item_analysis_of_all_attempts_adds_later_attempts(
    client, auth, instructor, analysed_class
):
    auth.login("ines")
    rows = {
        r["question_id"]: r
        for r in csv_rows(client.get("/instructor/banks/fixture/items.csv?attempts=all"))
    }
    assert {q: r["n"] for q, r in rows.items()} == {
        "fx-multiple": "5",
        "fx-short": "5",
        "fx-single": "5",
        "fx-tf": "5",
    }
    assert rows["fx-short"]["facility"] == "80.00"


def test_item_analysis_page_flags_weak_questions_and_lists_every_question(
    client, auth, instructor, analysed_class
):
    auth.login("ines")
    page = text_of(client.get("/instructor/banks/fixture/items"))
    flagged = re.findall(r'<tr class="flagged">.*?<code>(.*?)</code>', page, re.S)
    assert flagged == ["fx-tf"]
    assert all(f"<code>{q}</code>" in page for q in QUESTIONS)  # unanswered questions too, with n 0
    assert 'aria-current="page">First finished attempt' in page


def test_item_analysis_page_sorts_by_facility(client, auth, instructor, analysed_class):
    auth.login("ines")
    page = client.get("/instructor/banks/fixture/items?sort=facility&dir=desc").text
    codes = re.findall(
        r'<tr(?: class="flagged")?>\s*<td class="num">\d+</td>\s*<td class="question-text">.*?<code>(.*?)</code>',
        page,
        re.S,
    )
    assert codes[0] == "fx-short"  # 100% first; questions nobody answered last
    assert set(codes[-3:]) == {"fx-match", "fx-numeric", "fx-order"}


def test_distractor_analysis_counts_each_option_chosen(app, analysed_class):
    with app.app_context():
        bank = current_catalog().banks["fixture"]
        scored, answers = analysis.analysed_with_answers(
            bank.id, reports.choice_question_ids(bank.questions), NOW
        )
        lines = {
            line.question_id: line for line in reports.item_report(bank.questions, scored, answers)
        }
    single = [(o.label, o.correct, o.chosen, o.share) for o in lines["fx-single"].options]
    assert single == [
        ("GABA-A receptors", True, 2, 50.0),
        ("Dopamine receptors", False, 1, 25.0),
        ("Glutamate receptors", False, 1, 25.0),
    ]
    multiple = {o.label: o.chosen for o in lines["fx-multiple"].options}
    assert multiple == {"Tablet": 3, "Disintegrating tablet": 2, "Solution": 2, "Skin patch": 2}
    assert [(o.label, o.correct, o.chosen) for o in lines["fx-tf"].options] == [
        ("True", True, 2),
        ("False", False, 2),
    ]
    assert lines["fx-short"].options == []


def test_distractor_tables_appear_on_the_page(client, auth, instructor, analysed_class):
    auth.login("ines")
    page = text_of(client.get("/instructor/banks/fixture/items"))
    assert (
        '<tr><td>Dopamine receptors</td><td></td><td class="num">1</td><td class="num">25.0</td></tr>'
        in page
    )
    assert (
        '<tr><td>GABA-A receptors</td><td>correct</td><td class="num">2</td><td class="num">50.0</td></tr>'
        in page
    )


# ------------------------------------------------------------------------ passages


def test_passages_are_listed_most_missed_first_with_links_into_their_documents(
    client, auth, instructor, analysed_class
):
    auth.login("ines")
    page = text_of(client.get("/instructor/passages"))
    rows = re.findall(
        r'<a href="/sources/(\w+)\?question=([\w-]+)#passage">“(.*?)”</a>.*?'
        r'<td class="num">(\d+)</td>\s*<td class="num">([\d.—]+|<span[^>]*>—</span>)</td>',
        page,
        re.S,
    )
    cited = {
        question: (document, responses, facility)
        for document, question, _, responses, facility in rows
    }
    # fx-single: 2 right of 6 responses (the unfinished attempt counts too); fx-tf 3 of 6
    assert cited["fx-single"] == ("overview", "6", "50.0")
    assert cited["fx-tf"] == ("seizures", "6", "50.0")
    assert cited["fx-short"] == ("overview", "5", "80.0")
    facilities = [float(f) for *_, f in rows if f[0].isdigit()]
    assert facilities == sorted(facilities)
    assert "These receptors are called GABA-A receptors." in page


# -------------------------------------------------------------------------- exports


def test_responses_csv_has_one_row_per_response_with_exactly_the_specified_columns(
    client, auth, instructor, analysed_class
):
    auth.login("ines")
    response = client.get("/instructor/responses.csv")
    assert response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == RESPONSE_HEADER
    with client.application.app_context():
        assert (
            len(lines) - 1
            == db.session.execute(select(func.count()).select_from(Response)).scalar_one()
        )
    rows = csv_rows(response)
    assert all(0.0 <= float(r["score"]) <= 1.0 for r in rows)
    first = rows[0]
    assert (
        first["student"],
        first["bank"],
        first["question_id"],
        first["response"],
        first["score"],
    ) == ("s1", "fixture", "fx-single", "GABA-A receptors", "1.0")
    assert first["attempt_started_at"] == T0.isoformat()
    assert first["submitted_at"] == (T0 + timedelta(minutes=1)).isoformat()
    assert len(first["question_version"]) == 12


def test_responses_csv_can_be_limited_to_the_analysed_attempts_of_a_bank(
    client, auth, instructor, analysed_class
):
    auth.login("ines")
    everything = csv_rows(client.get("/instructor/responses.csv"))
    completed = csv_rows(client.get("/instructor/responses.csv?bank=fixture&completed=1"))
    assert len(everything) - len(completed) == 2  # the unfinished attempt and the retry


def test_text_a_spreadsheet_would_run_as_a_formula_is_defused(
    client, auth, instructor, create_user, record
):
    user = create_user("=cmd")
    record(user, {"fx-short": (0.0, '=HYPERLINK("x")')})
    auth.login("ines")
    row = csv_rows(client.get("/instructor/responses.csv"))[0]
    assert row["student"] == "'=cmd" and row["response"] == '\'=HYPERLINK("x")'


# ---------------------------------------------------------------------- commands


@pytest.mark.parametrize("which", ["first", "all"])
def test_item_analysis_command_on_an_export_equals_the_web_csv(
    client, auth, instructor, analysed_class, runner, tmp_path, which
):
    auth.login("ines")
    export = tmp_path / "responses.csv"
    export.write_bytes(client.get("/instructor/responses.csv?bank=fixture&completed=1").get_data())
    result = runner.invoke(args=["item-analysis", str(export), "--attempts", which])
    assert result.exit_code == 0, result.output
    web = client.get(f"/instructor/banks/fixture/items.csv?attempts={which}").get_data(as_text=True)
    assert result.output.splitlines() == web.splitlines()
    if which == "first":
        assert result.output.splitlines() == FIRST_ATTEMPTS_CSV


def test_item_analysis_command_reads_the_full_export_too(
    client, auth, instructor, create_user, record, runner, tmp_path
):
    for n, marks in enumerate([(1, 1, 0), (1, 0, 0), (0, 1, 1), (0, 0.5, 1)]):
        record(create_user(f"s{n}"), scores_for(*marks), started=T0 + timedelta(hours=n))
    auth.login("ines")
    export = tmp_path / "all.csv"
    export.write_bytes(client.get("/instructor/responses.csv").get_data())
    result = runner.invoke(args=["item-analysis", str(export)])
    assert (
        result.output.splitlines()
        == client.get("/instructor/banks/fixture/items.csv").get_data(as_text=True).splitlines()
    )
    assert result.output.splitlines()[0] == ITEM_HEADER and len(result.output.splitlines()) == 4


def test_item_analysis_command_explains_a_file_that_is_not_an_export(runner, tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name,score\nann,1\n")
    result = runner.invoke(args=["item-analysis", str(wrong)])
    assert result.exit_code == 1
    assert "missing column(s) student, attempt_id" in result.output


def test_demo_data_adds_a_synthetic_class_with_consistent_scores(app, runner):
    result = runner.invoke(args=["demo-data", "--students", "6", "--attempts", "30", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "Added 6 students" in result.output
    with app.app_context():
        users = db.session.execute(select(User.username).order_by(User.username)).scalars().all()
        assert users == [f"demo{n:04d}" for n in range(1, 7)]
        attempts = db.session.execute(select(Attempt)).scalars().all()
        assert len(attempts) == 30
        for attempt in attempts:
            total = sum(r.score for r in attempt.responses)
            if attempt.is_finished:
                assert (
                    attempt.score == pytest.approx(total, abs=1e-4)
                    and len(attempt.responses) == attempt.max_score
                )
            else:
                assert attempt.score == pytest.approx(total, abs=1e-4)  # the score so far
                assert len(attempt.responses) < attempt.max_score
    again = runner.invoke(args=["demo-data", "--students", "2", "--attempts", "1"])
    assert again.exit_code == 1 and "choose another --prefix" in again.output
