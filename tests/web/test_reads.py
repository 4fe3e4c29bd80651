"""A GET never changes a record: every page reads, whatever state the attempts are in
(open, answered, finished, past an exam's deadline). Writes happen only on POST."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from quiz.domain.interop import read
from quiz.domain.interop.plan import make_plan
from quiz.store import interop
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import Attempt
from tests.support import Clock, answer_data, make_app

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.I)


@pytest.fixture
def clock():
    return Clock(T0)


@pytest.fixture
def app(tmp_path, questions_dir, clock):
    return make_app(tmp_path, questions_dir, CLOCK=clock)


def _start(client, **form) -> int:
    r = client.post("/banks/fixture/start", data=form or {"practise": "Practise"})
    return int(re.search(r"/(?:attempts|exams)/(\d+)/1$", r.headers["Location"]).group(1))


def _answer(app, client, attempt_id: int, position: int) -> None:
    with app.app_context():
        entry = db.session.get(Attempt, attempt_id).layout[position - 1]
        q = current_catalog().questions[entry["question_id"]]
    assert (
        client.post(f"/attempts/{attempt_id}/{position}", data=answer_data(q, entry)).status_code
        == 302
    )


@pytest.fixture
def world(app, client, student, create_user, auth, clock):
    """Ann's attempts in every state (and a flashcard session, an appeal, her settings);
    returns the pages to read."""
    finished = _start(client)  # practising a topic resumes an open attempt: finish it first
    for position in range(1, 8):
        _answer(app, client, finished, position)
    client.post(f"/attempts/{finished}/1/appeal", data={"comment": "It should count"})
    open_one = _start(client)
    _answer(app, client, open_one, 1)
    session = {"topics": "fixture", "length": "10", "selection": "all", "style": "flashcards"}
    cards = int(re.search(r"/attempts/(\d+)", client.post("/study", data=session).location)[1])
    client.post(f"/attempts/{cards}/card/1", data={"rating": "good"})
    client.post("/settings", data={"new_per_day": "5", "reviews_per_day": "50"})
    exam = _start(client, exam="Start exam", minutes="5")
    _answer(app, client, exam, 1)
    clock.now = T0 + timedelta(minutes=10)  # the exam's time ran out; nothing wrote that down
    pages = [
        "/",
        "/history",
        "/progress",
        "/sources",
        "/sources/guide?question=fx-match",
        *(f"/attempts/{a}" for a in (open_one, finished, exam)),
        *(f"/attempts/{a}/summary" for a in (open_one, finished, exam)),
        *(f"/attempts/{a}/{n}" for a in (open_one, finished, exam) for n in (1, 2, 7)),
        f"/attempts/{finished}/summary?show=mistakes",
        *(f"/exams/{exam}/{n}" for n in (1, 2, 7)),
        f"/exams/{exam}/submit",
        f"/exams/{exam}/result",
        f"/attempts/{cards}",
        *(f"/attempts/{cards}/card/{n}" for n in (1, 2)),
        f"/attempts/{cards}/card/2?side=back",
        f"/attempts/{cards}/1",  # a flashcard session's question page sends to its card
        "/study",
        "/study?topic=fixture",
        "/settings",
    ]
    instructor = create_user("ines", role="instructor")
    staff = [
        "/instructor/",
        "/instructor/gradebook",
        "/instructor/gradebook.csv",
        "/instructor/responses.csv",
        f"/instructor/students/{student}",
        f"/instructor/attempts/{exam}",
        "/instructor/banks/fixture",
        "/instructor/banks/fixture/items",
        "/instructor/banks/fixture/items.csv",
        "/instructor/passages",
        "/instructor/content/",
        "/instructor/content/banks/new",
        "/instructor/content/banks/fixture",
        "/instructor/content/banks/fixture/questions/new?type=matching",
        "/instructor/content/questions/fx-tf/edit",
        "/instructor/content/questions/fx-tf/history",
        "/instructor/content/documents/new",
        "/instructor/content/documents/guide",
        "/instructor/appeals",
        # interop (issue 12): the import pages, an imported draft, and every export
        "/instructor/content/import",
        *(f"/instructor/content/imports/{n}" for n in _imports(app, instructor)),
        "/instructor/content/questions/fx-imported/edit",
        *(f"/instructor/content/banks/fixture/export.{f}" for f in ("gift", "xml", "yaml", "apkg")),
    ]
    pages += ["/review/deck.apkg", "/banks/fixture/deck.apkg"]
    return pages, staff, instructor


def _imports(app, instructor: int) -> list[int]:
    """One import confirmed (its question is a draft that needs a passage), one previewed."""
    gift = b"::fx-imported::Is this imported?{TRUE#It is.####It came from a file.}"
    with app.app_context():
        done = interop.save_upload("done.gift", "gift", "fixture", gift, instructor, T0)
        found = interop.upload(done)
        parsed = read(found.data, found.filename, "gift")
        plan = make_plan(parsed, "done.gift", "fixture", current_catalog(), interop.existing())
        interop.store_plan(done, plan, instructor, T0)
        waiting = interop.save_upload("wait.xml", "xml", "fixture", b"<quiz>", instructor, T0)
    return [done, waiting]


def _statements(app) -> list[str]:
    seen: list[str] = []
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", lambda _c, _cur, sql, *rest: seen.append(sql))
    return seen


def test_no_page_a_student_or_instructor_reads_writes_to_the_database(app, client, auth, world):
    pages, staff, _ = world
    seen = _statements(app)
    for path in pages:
        assert client.get(path).status_code in (200, 302), path
    assert [s for s in seen if WRITES.match(s)] == []
    auth.logout()
    auth.login("ines")
    seen.clear()
    for path in staff:
        assert client.get(path).status_code == 200, path
    assert [s for s in seen if WRITES.match(s)] == []


def test_the_write_detector_sees_a_write(app, client, student):
    seen = _statements(app)
    _start(client)
    assert any(WRITES.match(s) for s in seen)


def test_an_exam_past_its_deadline_reads_as_closed_with_its_score(app, client, world):
    with app.app_context():
        exam = db.session.execute(
            db.select(Attempt).where(Attempt.time_limit_s.is_not(None))
        ).scalar_one()
        assert exam.finished_at is None  # not written: closed by the clock
        score = exam.score
    page = client.get(f"/attempts/{exam.id}/summary", follow_redirects=True).text
    assert "Time ran out" in page
    assert f"{score:g} out of 7" in page
    assert client.get("/").text.count(f'/attempts/{exam.id}"') == 0  # not offered as "continue"
