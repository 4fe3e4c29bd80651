"""The authorization matrix: every route × {anonymous, owner, another student, the class's
instructor, another instructor}.

A student sees only their own records (another student's attempt is a 404, so its
existence does not leak); instructor pages are 403 for students; anonymous visitors are
sent to log in. A route added without an entry here fails the completeness test.
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime

import pytest

from quiz import ROOT
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.interop import save_upload
from quiz.store.models import (
    INSTRUCTOR,
    Appeal,
    Attempt,
    Course,
    CourseInstructor,
    Enrollment,
    Response,
    User,
)
from tests.support import FIXTURES, PASSWORD, TEST_DATABASE_URL, answer_data, make_app

LOGIN = "login"  # expected: a redirect to the login page
ROLES = ("anonymous", "owner", "other", "instructor", "stranger")  # stranger: olga, no class

# (endpoint, method) -> expected status per role, in ROLES order
MATRIX: dict[tuple[str, str], tuple[int | str, ...]] = {
    ("practice.index", "GET"): (200, 200, 200, 200),
    ("practice.start", "POST"): (LOGIN, 302, 302, 302),
    ("practice.resume", "GET"): (LOGIN, 302, 404, 404),
    ("practice.question", "GET"): (LOGIN, 200, 404, 404),
    ("practice.question", "POST"): (LOGIN, 302, 404, 404),
    ("practice.rate", "POST"): (LOGIN, 302, 404, 404),
    ("practice.finish", "POST"): (LOGIN, 302, 404, 404),
    ("practice.summary", "GET"): (LOGIN, 200, 404, 404),
    ("practice.card", "GET"): (LOGIN, 200, 404, 404),
    ("practice.card", "POST"): (LOGIN, 302, 404, 404),
    ("practice.discard", "POST"): (LOGIN, 302, 404, 404),
    ("practice.appeal", "POST"): (LOGIN, 302, 404, 404),
    ("study.session", "GET"): (LOGIN, 200, 200, 200),
    ("study.session", "POST"): (LOGIN, 302, 302, 302),
    ("study.study_settings", "GET"): (LOGIN, 200, 200, 200),
    ("study.study_settings", "POST"): (LOGIN, 302, 302, 302),
    ("review.retry", "POST"): (LOGIN, 302, 404, 404),
    ("review.start", "POST"): (LOGIN, 302, 302, 302),
    ("review.passage", "POST"): (LOGIN, 302, 302, 302),
    ("review.progress", "GET"): (LOGIN, 200, 200, 200),
    ("history.index", "GET"): (LOGIN, 200, 200, 200),
    ("sources.index", "GET"): (200, 200, 200, 200),
    ("sources.document", "GET"): (200, 200, 200, 200),
    ("auth.login", "GET"): (200, 200, 200, 200),
    ("auth.login", "POST"): (400, 400, 400, 400),  # an empty form: re-rendered with errors
    ("auth.signup", "GET"): (200, 200, 200, 200),
    ("auth.signup", "POST"): (400, 400, 400, 400),
    ("auth.logout", "POST"): (302, 302, 302, 302),
    ("health.healthz", "GET"): (200, 200, 200, 200),
    ("static", "GET"): (200, 200, 200, 200),
    ("instructor.index", "GET"): (LOGIN, 403, 403, 200),
    ("instructor.gradebook", "GET"): (LOGIN, 403, 403, 200),
    ("instructor.gradebook_csv", "GET"): (LOGIN, 403, 403, 200),
    ("instructor.responses_csv", "GET"): (LOGIN, 403, 403, 200),
    ("instructor.student", "GET"): (LOGIN, 403, 403, 200),
    ("instructor.attempt", "GET"): (LOGIN, 403, 403, 200),
    ("instructor.bank", "GET"): (LOGIN, 403, 403, 200),
    ("instructor.items", "GET"): (LOGIN, 403, 403, 200),
    ("instructor.items_csv", "GET"): (LOGIN, 403, 403, 200),
    ("instructor.passages", "GET"): (LOGIN, 403, 403, 200),
    # authoring: instructors only; an empty POST re-renders its form with the errors (400)
    ("authoring.index", "GET"): (LOGIN, 403, 403, 200),
    ("authoring.new_bank", "GET"): (LOGIN, 403, 403, 200),
    ("authoring.new_bank", "POST"): (LOGIN, 403, 403, 400),
    ("authoring.bank", "GET"): (LOGIN, 403, 403, 200),
    ("authoring.bank", "POST"): (LOGIN, 403, 403, 400),
    ("authoring.retire_bank", "POST"): (LOGIN, 403, 403, 302),
    ("authoring.move_bank", "POST"): (LOGIN, 403, 403, 302),
    ("authoring.new_question", "GET"): (LOGIN, 403, 403, 200),
    ("authoring.new_question", "POST"): (LOGIN, 403, 403, 400),
    ("authoring.edit_question", "GET"): (LOGIN, 403, 403, 200),
    ("authoring.edit_question", "POST"): (LOGIN, 403, 403, 400),
    ("authoring.history", "GET"): (LOGIN, 403, 403, 200),
    ("authoring.retire_question", "POST"): (LOGIN, 403, 403, 302),
    ("authoring.new_document", "GET"): (LOGIN, 403, 403, 200),
    ("authoring.new_document", "POST"): (LOGIN, 403, 403, 400),
    ("authoring.document", "GET"): (LOGIN, 403, 403, 200),
    ("authoring.document", "POST"): (LOGIN, 403, 403, 400),
    ("instructor.appeals_queue", "GET"): (LOGIN, 403, 403, 200),
    ("instructor.decide_appeal", "POST"): (LOGIN, 403, 403, 302),
    # interop (issue 12): imports and topic exports are the instructors'; a student's deck
    # holds only the questions they answered (another student and the instructor have none)
    ("authoring.import_upload", "GET"): (LOGIN, 403, 403, 200),
    ("authoring.import_upload", "POST"): (LOGIN, 403, 403, 400),
    ("authoring.import_preview", "GET"): (LOGIN, 403, 403, 200),
    ("authoring.import_confirm", "POST"): (LOGIN, 403, 403, 302),
    ("authoring.export_bank", "GET"): (LOGIN, 403, 403, 200),
    ("decks.review_deck", "GET"): (LOGIN, 200, 404, 404),
    ("decks.bank_deck", "GET"): (LOGIN, 200, 404, 404),
    # exam delivery (issue 13): ann's open exam (on a second bank, so it holds nothing of
    # the others) and her submitted one (on the first); anybody else's is a 404
    ("exam.question", "GET"): (LOGIN, 200, 404, 404),
    ("exam.question", "POST"): (LOGIN, 302, 404, 404),
    ("exam.submit", "GET"): (LOGIN, 200, 404, 404),
    ("exam.submit", "POST"): (LOGIN, 302, 404, 404),
    ("exam.result", "GET"): (LOGIN, 200, 404, 404),
    # courses (issue 13): students join and take; a class is its instructors' alone (another
    # instructor finds nothing: 404); ann has used her one attempt at the assignment
    ("classes.join", "GET"): (LOGIN, 200, 200, 403, 403),
    ("classes.join", "POST"): (LOGIN, 400, 400, 403, 403),
    ("classes.join_code", "GET"): (LOGIN, 200, 200, 403, 403),
    ("classes.join_code", "POST"): (LOGIN, 302, 302, 403, 403),
    ("classes.index", "GET"): (LOGIN, 200, 200, 200, 200),
    ("classes.course", "GET"): (LOGIN, 200, 200, 404, 404),
    ("classes.assignment", "GET"): (LOGIN, 200, 200, 404, 404),
    ("classes.start", "POST"): (LOGIN, 302, 302, 404, 404),
    ("instructor.classes", "GET"): (LOGIN, 403, 403, 200, 200),
    ("instructor.classes", "POST"): (LOGIN, 403, 403, 400, 400),
    ("instructor.course", "GET"): (LOGIN, 403, 403, 200, 404),
    ("instructor.remove_student", "POST"): (LOGIN, 403, 403, 302, 404),
    ("instructor.add_instructor", "POST"): (LOGIN, 403, 403, 400, 404),
    ("instructor.archive_course", "POST"): (LOGIN, 403, 403, 302, 404),
    ("instructor.new_assignment", "GET"): (LOGIN, 403, 403, 200, 404),
    ("instructor.new_assignment", "POST"): (LOGIN, 403, 403, 400, 404),
    ("instructor.edit_assignment", "GET"): (LOGIN, 403, 403, 200, 404),
    ("instructor.edit_assignment", "POST"): (LOGIN, 403, 403, 302, 404),  # empty: unchanged
    ("instructor.assignment", "GET"): (LOGIN, 403, 403, 200, 404),
    ("instructor.archive_assignment", "POST"): (LOGIN, 403, 403, 302, 404),
    ("instructor.extension", "POST"): (LOGIN, 403, 403, 400, 404),
    ("instructor.assignment_items", "GET"): (LOGIN, 403, 403, 200, 404),
    ("instructor.assignment_items_csv", "GET"): (LOGIN, 403, 403, 200, 404),
    ("instructor.assignment_items_xlsx", "GET"): (LOGIN, 403, 403, 200, 404),
    ("instructor.regrade", "GET"): (LOGIN, 403, 403, 200, 404),
    ("instructor.regrade", "POST"): (LOGIN, 403, 403, 400, 404),
    ("instructor.class_gradebook", "GET"): (LOGIN, 403, 403, 200, 404),
    ("instructor.class_gradebook_csv", "GET"): (LOGIN, 403, 403, 200, 404),
    ("instructor.class_gradebook_xlsx", "GET"): (LOGIN, 403, 403, 200, 404),
    ("instructor.audit_log", "GET"): (LOGIN, 403, 403, 200, 404),
    ("instructor.override", "POST"): (LOGIN, 403, 403, 302, 404),
    ("instructor.reset_attempt", "POST"): (LOGIN, 403, 403, 302, 404),
    ("instructor.delete_attempt", "POST"): (LOGIN, 403, 403, 302, 404),
}

# Another instructor (olga, who teaches no class) as the class's instructor, except where
# a page is about the class's students: those are not there for her.
STRANGER = {
    ("instructor.student", "GET"): 404,
    ("instructor.attempt", "GET"): 404,
    ("instructor.decide_appeal", "POST"): 404,
}


def _expected(key: tuple[str, str]) -> tuple[int | str, ...]:
    found = MATRIX[key]
    return found if len(found) == 5 else (*found, STRANGER.get(key, found[3]))


pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="copies a SQLite file per test")

CASES = [
    (endpoint, method, role, _expected((endpoint, method))[i])
    for endpoint, method in MATRIX
    for i, role in enumerate(ROLES)
]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A database where ann (the owner) has an open attempt with two wrong answers (the
    second appealed), a finished one and a flashcard session; built once, copied for each
    test (hashing passwords is slow on purpose)."""
    folder = tmp_path_factory.mktemp("authz")
    questions = folder / "questions"
    shutil.copytree(ROOT / "questions" / "sources", questions / "sources")
    shutil.copy(FIXTURES / "all_types.yaml", questions / "fixture.yaml")
    exam_bank = (FIXTURES / "all_types.yaml").read_text(encoding="utf-8")
    exam_bank = exam_bank.replace("id: fixture", "id: exams").replace("fx-", "ex-")
    (questions / "exams.yaml").write_text(exam_bank.replace("Fixture bank", "Exam bank"))
    app = make_app(folder, questions)
    with app.app_context():
        made = {}
        people = (
            ("ann", "student"),
            ("bob", "student"),
            ("ines", INSTRUCTOR),
            ("olga", INSTRUCTOR),
        )
        for name, role in people:
            made[name] = User(username=name, role=role)
            made[name].set_password(PASSWORD)
            db.session.add(made[name])
        course = Course(name="Ines's class", term="", join_code="INESCLAS")
        db.session.add(course)
        db.session.flush()
        db.session.add(CourseInstructor(course_id=course.id, user_id=made["ines"].id))
        db.session.add_all(
            Enrollment(course_id=course.id, user_id=made[n].id) for n in ("ann", "bob")
        )
        db.session.commit()
        owner_id = db.session.execute(db.select(User.id).where(User.username == "ann")).scalar_one()
        ines = db.session.execute(db.select(User.id).where(User.username == "ines")).scalar_one()
        bob_id = db.session.execute(db.select(User.id).where(User.username == "bob")).scalar_one()
        course_id = course.id
        gift = b"::fx-imported::Is this imported?{TRUE#It is.####It came from a file.}"
        upload = save_upload("one.gift", "gift", "fixture", gift, ines, datetime.now(UTC))
    client = app.test_client()
    client.post("/login", data={"username": "ines", "password": PASSWORD})
    r = client.post(f"/instructor/classes/{course_id}/assignments/new", data=ASSIGNMENT)
    assignment = int(r.headers["Location"].rsplit("/", 1)[1])
    client.post("/logout")
    client.post("/login", data={"username": "ann", "password": PASSWORD})
    client.post(f"/assignments/{assignment}/start")
    with app.app_context():
        graded = db.session.execute(
            db.select(Attempt.id).where(Attempt.assignment_id == assignment)
        ).scalar_one()
        entry = db.session.get(Attempt, graded).layout[0]
        q = current_catalog().questions[entry["question_id"]]
        client.post(f"/attempts/{graded}/1", data=answer_data(q, entry, right=True))
        client.post(f"/attempts/{graded}/finish")
        response_id = db.session.execute(
            db.select(Response.id).where(Response.attempt_id == graded)
        ).scalar_one()
        db.session.remove()
    finished = _start(client)
    client.post(f"/attempts/{finished}/finish")
    attempt = _start(client)
    with app.app_context():
        for position in (1, 2):
            entry = db.session.get(Attempt, attempt).layout[position - 1]
            q = current_catalog().questions[entry["question_id"]]
            client.post(f"/attempts/{attempt}/{position}", data=answer_data(q, entry, right=False))
        client.post(f"/attempts/{attempt}/2/appeal", data={"comment": "It should count"})
        appeal_id = db.session.execute(db.select(Appeal.id)).scalar_one()
        r = client.post("/study", data={**SESSION, "style": "flashcards"})
        cards = int(re.search(r"/attempts/(\d+)", r.headers["Location"]).group(1))
        done, exam = _exam(client, "fixture"), _exam(client, "exams", submitted=False)
        db.session.remove()
        db.engine.dispose()
    ids = {"attempt": attempt, "finished": finished, "owner_id": owner_id, "import": upload}
    ids |= {"exam": exam, "exam_done": done}
    ids |= {"course": course_id, "assignment": assignment, "graded": graded}
    ids |= {"response": response_id, "bob": bob_id}
    return folder, questions, ids | {"appeal": appeal_id, "cards": cards}


@pytest.fixture
def world(template, tmp_path):
    folder, questions, ids = template
    shutil.copy(folder / "test.sqlite", tmp_path / "test.sqlite")
    return make_app(tmp_path, questions), ids


def _start(client) -> int:
    r = client.post("/banks/fixture/start", data={"practise": "Practise"})
    return int(re.search(r"/attempts/(\d+)/1$", r.headers["Location"]).group(1))


def _exam(client, bank: str, submitted: bool = True) -> int:
    """Ann's exam on *bank*: one question answered, then submitted (or left open)."""
    r = client.post(f"/banks/{bank}/start", data={"exam": "Start exam", "minutes": "60"})
    exam = int(re.search(r"/exams/(\d+)/1$", r.headers["Location"]).group(1))
    entry = db.session.get(Attempt, exam).layout[0]
    q = current_catalog().questions[entry["question_id"]]
    client.post(f"/exams/{exam}/1", data={**answer_data(q, entry), "go": "next"})
    if submitted:
        client.post(f"/exams/{exam}/submit")
    return exam


def _url(endpoint: str, ids: dict) -> str:
    attempt = ids["finished"] if endpoint == "review.retry" else ids["attempt"]
    paths = {
        "practice.index": "/",
        "practice.start": "/banks/fixture/start",
        "practice.resume": f"/attempts/{attempt}",
        "practice.question": f"/attempts/{attempt}/1",
        "practice.rate": f"/attempts/{attempt}/1/rate",
        "practice.finish": f"/attempts/{attempt}/finish",
        "practice.summary": f"/attempts/{attempt}/summary",
        "review.retry": f"/attempts/{attempt}/retry",
        "review.start": "/review/start",
        "review.passage": "/sources/guide/practise",
        "review.progress": "/progress",
        "history.index": "/history",
        "sources.index": "/sources",
        "sources.document": "/sources/guide?question=fx-match",
        "auth.login": "/login",
        "auth.signup": "/signup",
        "auth.logout": "/logout",
        "health.healthz": "/healthz",
        "static": "/static/style.css",
        "instructor.index": "/instructor/",
        "instructor.gradebook": "/instructor/gradebook",
        "instructor.gradebook_csv": "/instructor/gradebook.csv",
        "instructor.responses_csv": "/instructor/responses.csv",
        "instructor.student": f"/instructor/students/{ids['owner_id']}",
        "instructor.attempt": f"/instructor/attempts/{attempt}",
        "instructor.bank": "/instructor/banks/fixture",
        "instructor.items": "/instructor/banks/fixture/items",
        "instructor.items_csv": "/instructor/banks/fixture/items.csv",
        "instructor.passages": "/instructor/passages",
        "authoring.index": "/instructor/content/",
        "authoring.new_bank": "/instructor/content/banks/new",
        "authoring.bank": "/instructor/content/banks/fixture",
        "authoring.retire_bank": "/instructor/content/banks/fixture/restore",
        "authoring.move_bank": "/instructor/content/banks/fixture/move",
        "authoring.new_question": "/instructor/content/banks/fixture/questions/new?type=single",
        "authoring.edit_question": "/instructor/content/questions/fx-tf/edit",
        "authoring.history": "/instructor/content/questions/fx-tf/history",
        "authoring.retire_question": "/instructor/content/questions/fx-tf/restore",
        "authoring.new_document": "/instructor/content/documents/new",
        "authoring.document": "/instructor/content/documents/guide",
        "practice.card": f"/attempts/{ids['cards']}/card/1",
        "practice.discard": f"/attempts/{attempt}/discard",
        "practice.appeal": f"/attempts/{attempt}/1/appeal",
        "study.session": "/study",
        "study.study_settings": "/settings",
        "instructor.appeals_queue": "/instructor/appeals",
        "instructor.decide_appeal": f"/instructor/appeals/{ids['appeal']}",
        "authoring.import_upload": "/instructor/content/import",
        "authoring.import_preview": f"/instructor/content/imports/{ids['import']}",
        "authoring.import_confirm": f"/instructor/content/imports/{ids['import']}/confirm",
        "authoring.export_bank": "/instructor/content/banks/fixture/export.gift",
        "decks.review_deck": "/review/deck.apkg",
        "decks.bank_deck": "/banks/fixture/deck.apkg",
        "exam.question": f"/exams/{ids['exam']}/2",
        "exam.submit": f"/exams/{ids['exam']}/submit",
        "exam.result": f"/exams/{ids['exam_done']}/result",
        "classes.join": "/join",
        "classes.join_code": "/join/INESCLAS",
        "classes.index": "/classes",
        "classes.course": f"/classes/{ids['course']}",
        "classes.assignment": f"/assignments/{ids['assignment']}",
        "classes.start": f"/assignments/{ids['assignment']}/start",
        "instructor.classes": "/instructor/classes",
        "instructor.course": f"/instructor/classes/{ids['course']}",
        "instructor.remove_student": f"/instructor/classes/{ids['course']}/students/{ids['bob']}/remove",
        "instructor.add_instructor": f"/instructor/classes/{ids['course']}/instructors",
        "instructor.archive_course": f"/instructor/classes/{ids['course']}/archive",
        "instructor.new_assignment": f"/instructor/classes/{ids['course']}/assignments/new",
        "instructor.edit_assignment": f"/instructor/assignments/{ids['assignment']}/edit",
        "instructor.assignment": f"/instructor/assignments/{ids['assignment']}",
        "instructor.archive_assignment": f"/instructor/assignments/{ids['assignment']}/archive",
        "instructor.extension": f"/instructor/assignments/{ids['assignment']}/extensions",
        "instructor.assignment_items": f"/instructor/assignments/{ids['assignment']}/items",
        "instructor.assignment_items_csv": f"/instructor/assignments/{ids['assignment']}/items.csv",
        "instructor.assignment_items_xlsx": f"/instructor/assignments/{ids['assignment']}/items.xlsx",
        "instructor.regrade": f"/instructor/assignments/{ids['assignment']}/regrade/fx-tf",
        "instructor.class_gradebook": f"/instructor/classes/{ids['course']}/gradebook",
        "instructor.class_gradebook_csv": f"/instructor/classes/{ids['course']}/gradebook.csv",
        "instructor.class_gradebook_xlsx": f"/instructor/classes/{ids['course']}/gradebook.xlsx",
        "instructor.audit_log": f"/instructor/classes/{ids['course']}/log",
        "instructor.override": f"/instructor/attempts/{ids['graded']}/responses/{ids['response']}/override",
        "instructor.reset_attempt": f"/instructor/attempts/{ids['graded']}/reset",
        "instructor.delete_attempt": f"/instructor/attempts/{ids['graded']}/delete",
    }
    return paths[endpoint]


SESSION = {"topics": "fixture", "length": "10", "selection": "all", "style": "quiz"}
# one attempt of the whole fixture topic, answers shown once submitted
ASSIGNMENT = {
    "title": "Week 1",
    "selection": "bank",
    "bank_ids": ["fixture"],
    "mode": "practice",
    "attempts_allowed": "1",
    "counting": "best",
    "reveal": "after_submit",
    "weight": "1",
}
FORMS = {
    "practice.start": {"practise": "Practise"},
    "practice.rate": {"rating": "good"},
    "practice.card": {"rating": "good"},
    "practice.appeal": {"comment": "My answer means the same"},
    "exam.question": {"go": "next"},
    "review.passage": {"question": "fx-match"},
    "authoring.move_bank": {"direction": "down"},
    "authoring.edit_question": {"prompt": ""},
    "authoring.bank": {"title": ""},
    "study.session": SESSION,
    "study.study_settings": {"new_per_day": "5", "reviews_per_day": "50"},
    "instructor.decide_appeal": {"decision": "accept", "reply": "Fair"},
}


def test_every_route_is_in_the_matrix(app):
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == set(MATRIX)


@pytest.mark.parametrize(
    ("endpoint", "method", "role", "expected"), CASES, ids=[f"{e}-{m}-{r}" for e, m, r, _ in CASES]
)
def test_route_answers_each_role_as_expected(world, endpoint, method, role, expected):
    app, ids = world
    client = app.test_client()
    if role != "anonymous":
        name = {"owner": "ann", "other": "bob", "instructor": "ines", "stranger": "olga"}[role]
        assert (
            client.post("/login", data={"username": name, "password": PASSWORD}).status_code == 302
        )
    url = _url(endpoint, ids)
    if endpoint == "practice.question" and method == "POST" and role == "owner":
        data = {"answer": "anything"}  # question 1 is answered: a repeat is redirected, not stored
    else:
        data = FORMS.get(endpoint, {})
    with client.open(url, method=method, data=data if method == "POST" else None) as response:
        if expected == LOGIN:
            assert response.status_code == 302
            assert "/login" in response.headers["Location"]
        else:
            assert response.status_code == expected, response.get_data(as_text=True)[:500]
            if response.status_code == 302:
                assert "/login" not in response.headers["Location"]
