"""An instructor in a real browser: the gradebook, a student's attempt, a bank's item
analysis, and a CSV download; the pages pass axe and keep their tables readable."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from quiz.domain.grading import describe_answer as describe_response
from quiz.domain.grading import describe_key
from quiz.store.db import db
from quiz.store.models import (
    INSTRUCTOR,
    Attempt,
    Course,
    CourseInstructor,
    Enrollment,
    Response,
    User,
)
from tests.support import PASSWORD

from .conftest import LiveServer, log_in, shoot
from .test_accessibility import Audit

pytestmark = pytest.mark.browser

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# (student, answers to fx-single and fx-tf): the first student is right twice, and so on
CLASS = [
    ("ann", "gaba-a", True),
    ("bob", "gaba-a", False),
    ("cat", "dopamine", True),
    ("dan", "glutamate", False),
]


def add_class(server: LiveServer) -> None:
    """An instructor and four students, each with one finished attempt at the fixture bank."""
    with server.app.app_context():
        teacher = User(username="ines", role=INSTRUCTOR)
        teacher.set_password(PASSWORD)
        course = Course(name="Pharmacology 101", term="Autumn", join_code="PHARM101")
        db.session.add_all([teacher, course])
        db.session.flush()
        db.session.add(CourseInstructor(course_id=course.id, user_id=teacher.id))
        bank = server.catalog.banks["fixture"]
        layout = [{"question_id": q.id, "version": q.version, "order": []} for q in bank.questions]
        for n, (name, single, true_false) in enumerate(CLASS):
            student = User(username=name, password_hash="!")
            db.session.add(student)
            db.session.flush()
            db.session.add(Enrollment(course_id=course.id, user_id=student.id))
            attempt = Attempt(
                user_id=student.id,
                bank_id="fixture",
                mode="practice",
                layout=layout,
                started_at=T0 + timedelta(hours=n),
                max_score=len(layout),
            )
            db.session.add(attempt)
            db.session.flush()
            total = 0.0
            for position, (question_id, answer) in enumerate(
                [("fx-single", single), ("fx-tf", true_false)], 1
            ):
                q = server.catalog.questions[question_id]
                score = 1.0 if answer in ("gaba-a", True) else 0.0
                total += score
                db.session.add(
                    Response(
                        attempt_id=attempt.id,
                        user_id=student.id,
                        bank_id="fixture",
                        question_id=q.id,
                        question_version=q.version,
                        position=position,
                        answer=answer,
                        answer_text=describe_response(q, answer),
                        key_text=describe_key(q),
                        score=score,
                        correct=score == 1.0,
                        submitted_at=attempt.started_at + timedelta(minutes=position),
                    )
                )
            attempt.finished_at, attempt.score = attempt.started_at + timedelta(minutes=5), total
        db.session.commit()


def test_instructor_reviews_the_class_and_downloads_a_csv(
    page: Page, fixture_server: LiveServer
) -> None:
    base = fixture_server.url
    add_class(fixture_server)
    audit = Audit()
    log_in(page, base, "ines")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Instructor").click()
    expect(page.get_by_role("heading", name="Instructor overview")).to_be_visible()
    audit.check(page, "instructor overview")

    # the gradebook: one row per student, sorted on the server by a column heading
    page.get_by_role("navigation", name="Instructor").get_by_role("link", name="Gradebook").click()
    table = page.locator("table.gradebook")
    expect(table.locator("tbody tr")).to_have_count(4)
    best = table.get_by_role("link", name=re.compile(r"^Best"))
    best.click()
    expect(table.locator("th[aria-sort=ascending]")).to_contain_text("Best")
    table.get_by_role("link", name=re.compile(r"^Best")).click()
    expect(table.locator("th[aria-sort=descending]")).to_contain_text("Best")
    expect(table.locator("tbody tr").first.locator("th")).to_have_text("ann")  # 2 of 7, the best
    assert "sort=fixture%3Abest" in page.url or "sort=fixture:best" in page.url
    # readable tables: a header that stays put, numbers on the right
    assert (
        page.locator(".table-scroll thead").evaluate("e => getComputedStyle(e).position")
        == "sticky"
    )
    assert table.locator("td.num").first.evaluate("e => getComputedStyle(e).textAlign") == "right"
    page.get_by_label("Student").fill("CA")
    page.get_by_role("button", name="Filter").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody th")).to_have_text("cat")
    audit.check(page, "gradebook, searched")
    shoot(page, "instructor-gradebook")

    # a student's attempts, then one attempt's responses
    table.get_by_role("link", name="cat").click()
    expect(page.get_by_role("heading", name="cat", exact=True)).to_be_visible()
    audit.check(page, "a student's attempts")
    page.get_by_role("link", name=re.compile(r"^Attempt \d+")).first.click()
    responses = page.locator("table.responses tbody tr")
    expect(responses).to_have_count(7)
    wrong = page.locator("table.responses tr.wrong")
    expect(wrong).to_contain_text("Dopamine receptors")  # what cat answered
    expect(wrong).to_contain_text("GABA-A receptors")  # the key
    audit.check(page, "an attempt's responses")
    shoot(page, "instructor-attempt")

    # the bank's item analysis
    page.get_by_role("navigation", name="Instructor").get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Item analysis of Fixture bank").click()
    expect(page.get_by_role("heading", name="Item analysis: Fixture bank")).to_be_visible()
    single = page.locator("table.items tbody tr").filter(has_text="fx-single")
    expect(single.locator("td.num").nth(1)).to_have_text("4")  # n
    expect(single.locator("td.num").nth(2)).to_have_text("50.0")  # facility
    audit.check(page, "item analysis")
    shoot(page, "instructor-items")

    # the item analysis as a CSV file
    with page.expect_download() as info:
        page.get_by_role("link", name="this item analysis (CSV)").click()
    download = info.value
    assert download.suggested_filename == "item-analysis-fixture-first.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert list(rows[0]) == [
        "question_id",
        "n",
        "facility",
        "sd",
        "discrimination_index",
        "discriminative_efficiency",
    ]
    assert {r["question_id"]: r["facility"] for r in rows} == {
        "fx-single": "50.00",
        "fx-tf": "50.00",
    }

    page.goto(base + "/instructor/banks/fixture")
    expect(page.locator("svg[role=img]")).to_have_count(2)
    audit.check(page, "a bank's scores")
    page.goto(base + "/instructor/passages")
    audit.check(page, "passages")
    audit.assert_clean()
