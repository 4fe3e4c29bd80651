"""A course's whole cycle in a real browser: an instructor creates a class and a timed
exam assignment drawing 10 of a topic's questions; two students join with the code; one
finishes, the other runs out of time mid-question and lands on the result page; the
instructor sees both in the class gradebook, overrides one score and downloads the XLSX.
The class pages pass axe, and are photographed at desktop and phone width."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from quiz.store.db import db
from quiz.store.models import INSTRUCTOR, User
from tests.support import PASSWORD, Clock

from .conftest import LiveServer, log_in, shoot
from .test_accessibility import Audit

pytestmark = pytest.mark.browser


def _people(server: LiveServer) -> None:
    with server.app.app_context():
        for name, role in (("ines", INSTRUCTOR), ("ann", "student"), ("bob", "student")):
            user = User(username=name, role=role)
            user.set_password(PASSWORD)
            db.session.add(user)
        db.session.commit()


def _log_out(page: Page) -> None:
    page.get_by_role("button", name=re.compile("Log out")).click()


def _answer_something(page: Page) -> None:
    """Give some answer to the exam question on the page, whatever its type."""
    form = page.locator("form.exam-form")
    for kind in ("radio", "checkbox"):
        boxes = form.locator(f"input[type={kind}]")
        if boxes.count():
            boxes.first.check()
            return
    selects = form.locator("select")
    if selects.count():
        for n in range(selects.count()):  # a different choice each (an order needs it)
            options = selects.nth(n).locator("option")
            choice = options.nth(1 + n % (options.count() - 1)).get_attribute("value")
            selects.nth(n).select_option(choice)
        return
    form.locator("input[type=text], input:not([type]), input[inputmode]").first.fill("1")


def test_a_class_runs_a_timed_exam_from_creation_to_the_spreadsheet(
    live_server: LiveServer, page: Page, tmp_path
):
    server, base = live_server, live_server.url
    clock = Clock(datetime.now(UTC).replace(microsecond=0))
    server.app.config["CLOCK"] = clock
    _people(server)
    bank = max(server.catalog.banks.values(), key=lambda b: len(b.questions))
    audit = Audit()

    # the instructor creates the class and the assignment
    log_in(page, base, "ines")
    page.goto(base + "/instructor/classes")
    page.get_by_label("Class name").fill("Pharmacology 101")
    page.get_by_label("Term (optional)").fill("Spring 2027")
    page.get_by_role("button", name="Create class").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pharmacology 101")
    code = page.locator("code.join-code").inner_text()
    audit.check(page, "class page")
    shoot(page, "class")
    page.get_by_role("link", name="New assignment").first.click()
    page.get_by_label("Title").fill("Week 1 exam")
    page.get_by_label("Questions drawn at random for each student").check()
    page.get_by_label(bank.title, exact=True).check()
    page.get_by_label("How many to draw for each student").fill("10")
    page.get_by_label("Exam", exact=True).check()
    page.get_by_label("Time limit in minutes (empty: none)").fill("half an hour")
    page.get_by_label("Once the attempt is submitted").check()
    page.get_by_role("button", name="Save assignment").click()
    expect(page.locator("#time_limit-errors")).to_contain_text("whole number of minutes")
    expect(page.get_by_label("Title")).to_have_value("Week 1 exam")  # nothing typed is lost
    audit.check(page, "assignment form with an error")
    shoot(page, "assignment-form-error")
    page.get_by_label("Time limit in minutes (empty: none)").fill("30")
    page.get_by_label("Attempts allowed (empty: as many as they like)").fill("1")
    page.get_by_role("button", name="Save assignment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Week 1 exam")
    _log_out(page)

    # Ann joins and finishes the exam
    log_in(page, base, "ann")
    page.goto(f"{base}/join/{code}")
    page.get_by_role("button", name="Join the class").click()
    page.goto(base + "/")
    page.get_by_role("link", name="Week 1 exam").first.click()
    page.get_by_role("button", name="Start the exam").click()
    for n in range(2, 11):
        _answer_something(page)
        page.get_by_role("button", name="Next", exact=True).click()
        expect(page.locator("#progress-label")).to_contain_text(f"Question {n} of 10")
    _answer_something(page)
    page.get_by_role("button", name="Save and review").click()
    page.get_by_role("button", name="Submit all and end the exam").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exam submitted")
    _log_out(page)

    # Bob joins, answers one question, and is still on the second when time runs out
    log_in(page, base, "bob")
    page.goto(base + "/join")
    page.get_by_label("Join code").fill(code.lower())
    page.get_by_role("button", name="Find the class").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pharmacology 101")
    page.get_by_role("button", name="Join the class").click()
    page.goto(base + "/classes")
    page.get_by_role("link", name="Week 1 exam").first.click()
    page.get_by_role("button", name="Start the exam").click()
    _answer_something(page)
    page.get_by_role("button", name="Next", exact=True).click()
    _answer_something(page)
    clock.now += timedelta(minutes=31)
    page.get_by_role("button", name="Next", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Time ran out")
    _log_out(page)

    # the instructor's gradebook has both; an override; the XLSX
    log_in(page, base, "ines")
    page.goto(base + "/instructor/classes")
    page.get_by_role("link", name="Pharmacology 101").click()
    page.get_by_role("navigation", name="This class").get_by_role("link", name="Gradebook").click()
    rows = page.locator("table.classbook tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="ann")).to_contain_text("submitted")
    expect(rows.filter(has_text="bob")).to_contain_text("submitted")
    audit.check(page, "class gradebook")
    shoot(page, "class-gradebook")
    rows.filter(has_text="ann").get_by_role("link", name="ann").click()
    page.get_by_role("link", name=re.compile(r"^Attempt \d+")).first.click()
    expect(page.get_by_role("link", name="Week 1 exam")).to_be_visible()  # an assignment attempt
    page.locator("details.override summary").first.click()
    page.get_by_label("New score, in percent").first.fill("50")
    page.get_by_label("Why (the student's record keeps it)").first.fill("Half credit on appeal.")
    page.get_by_role("button", name="Save score").first.click()
    expect(page.locator(".flash")).to_contain_text("set to 50%")
    expect(page.get_by_text("overridden; was")).to_be_visible()
    page.goto(base + "/instructor/classes")
    page.get_by_role("link", name="Pharmacology 101").click()
    page.get_by_role("navigation", name="This class").get_by_role("link", name="Gradebook").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    path = tmp_path / "gradebook.xlsx"
    download.value.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "Gradebook: Pharmacology 101 (Spring 2027)"
    names = [sheet.cell(row=n, column=1).value for n in range(4, sheet.max_row + 1)]
    assert sorted(names) == ["ann", "bob"]
    page.get_by_role("link", name="Pharmacology 101").click()
    page.get_by_role("link", name="Audit log").click()
    expect(page.locator("table")).to_contain_text("Half credit on appeal.")
    audit.check(page, "audit log")
    shoot(page, "audit-log")
    audit.assert_clean()
