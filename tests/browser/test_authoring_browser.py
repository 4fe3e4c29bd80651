"""Authoring in a real browser: an instructor adds a document, writes a question by
selecting its passage, meets a lint warning, fixes it, previews and publishes; a student
answers the question and follows it to the highlighted passage; the instructor edits the
question, and the student's earlier answer still shows the question as it was."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from quiz.store.db import db
from quiz.store.models import INSTRUCTOR, User
from tests.support import PASSWORD

from .conftest import DESKTOP, LiveServer, answer_question, log_in, shoot, sign_up
from .test_accessibility import Audit

pytestmark = pytest.mark.browser

PASSAGE = "Lecture notes say the tablets are taken by mouth, usually twice a day, with water."
NOTES = (
    f"Lecture notes\n\n{PASSAGE}\n\nAnother paragraph that the question does not quote at all.\n"
)
KEY = "By mouth"
LONG_KEY = "By mouth, swallowed whole with a glass of water, as the notes describe in some detail"


def _instructor(server: LiveServer) -> None:
    with server.app.app_context():
        user = User(username="ines", role=INSTRUCTOR)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()


def _add_document(page: Page, base: str) -> None:
    page.goto(base + "/instructor/content/")
    page.get_by_role("link", name="Add a document").click()
    page.get_by_label("Id (questions cite it; cannot change later)").fill("notes")
    page.get_by_label("Title").fill("Lecture notes on clonazepam")
    page.get_by_label("Short name", exact=False).fill("the notes")
    page.get_by_label("Or paste the text").fill(NOTES)
    page.get_by_role("button", name="Save the document").click()
    expect(page.locator(".flash")).to_contain_text("Saved as version 1")


def _write_question(page: Page, base: str, audit: Audit) -> None:
    page.goto(base + "/instructor/content/banks/fixture")
    page.get_by_label("Write a new question of type").select_option("single")
    page.get_by_role("button", name="Write it").click()
    page.get_by_label("Id (stable forever; cannot change later)").fill("notes-route")
    page.get_by_label("Prompt").fill("How are the tablets taken, according to the notes?")
    page.locator("[name='options-0-text']").fill(LONG_KEY)
    page.locator("[name='options-0-correct']").check()
    page.locator("[name='options-1-text']").fill("By injection")
    page.locator("[name='options-1-feedback']").fill("The notes say nothing of injections.")
    page.get_by_label("Explanation, in your own words").fill("The notes give the route: the mouth.")
    page.get_by_label("Document", exact=True).select_option("notes")  # the script shows it at once
    expect(page.locator("#source-heading")).to_contain_text("Lecture notes on clonazepam")
    paragraph = page.locator("#source-text p", has_text="taken by mouth")
    paragraph.select_text()
    paragraph.dispatch_event("mouseup")
    expect(page.get_by_label("The passage, word for word", exact=False)).to_have_value(PASSAGE)
    audit.check(page, "question editor with a selected passage")
    shoot(page, "author-question")

    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#lint-heading")).to_be_visible()
    expect(page.locator(".lint")).to_contain_text("longest-correct")
    page.locator("[name='options-0-text']").fill(
        KEY
    )  # the fix: a key no longer than its distractor
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".lint")).to_have_count(0)
    expect(
        page.get_by_role("heading", name="Preview: the question as a student sees it")
    ).to_be_visible()
    audit.check(page, "question preview")
    shoot(page, "author-preview")
    page.get_by_role("button", name="Save and publish").click()
    expect(page.locator(".flash")).to_contain_text("Saved as version 1")
    audit.check(page, "topic's questions")
    shoot(page, "author-bank")


def _answer_the_new_question(page: Page, base: str, server: LiveServer) -> str:
    """Practise the fixture bank up to the new question, answer it right; its page's URL."""
    page.goto(base + "/")
    page.get_by_role("button", name="Practise Fixture bank").click()
    for _ in range(8):
        if "How are the tablets taken" in page.locator(".prompt").first.inner_text():
            answer_question(page, server, right=True)
            return page.url
        answer_question(page, server)
        page.get_by_role("link", name="Next question").click()
    raise AssertionError("the new question was never asked")


def test_an_instructor_writes_a_question_from_its_passage_and_a_student_answers_it(
    browser: Browser, fixture_server: LiveServer
) -> None:
    base, audit = fixture_server.url, Audit()
    _instructor(fixture_server)
    teacher = browser.new_context(viewport=DESKTOP).new_page()
    student = browser.new_context(viewport=DESKTOP).new_page()
    log_in(teacher, base, "ines")
    _add_document(teacher, base)
    _write_question(teacher, base, audit)

    sign_up(student, base, "sam")
    feedback_url = _answer_the_new_question(student, base, fixture_server)
    expect(student.locator("#verdict")).to_have_text("Correct")
    student.locator("section.feedback > figure.passage figcaption a").click()
    mark = student.locator("mark#passage")
    expect(mark).to_have_text(PASSAGE)
    expect(mark).to_be_in_viewport()

    teacher.goto(base + "/instructor/content/questions/notes-route/edit")
    teacher.get_by_label("Prompt").fill("By which route do the notes say the tablets are taken?")
    teacher.get_by_role("button", name="Save and publish").click()
    expect(teacher.locator(".flash")).to_contain_text("Saved as version 2")
    teacher.goto(base + "/instructor/content/questions/notes-route/history")
    expect(teacher.get_by_role("heading", name=re.compile("Version 2"))).to_be_visible()
    audit.check(teacher, "question history")

    student.goto(feedback_url)  # the earlier answer, after the edit
    expect(student.locator(".prompt").first).to_have_text(
        "How are the tablets taken, according to the notes?"
    )
    audit.assert_clean()
