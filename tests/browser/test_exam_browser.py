"""Taking a timed exam in Chromium: answer, flag, go back and change an answer, "Submit
all" through its confirmation page; and a second exam whose time runs out mid-question,
sent by the page's countdown, landing on the result page. axe checks every exam page;
screenshots at 1280px and 375px go to /tmp/exam-shots/."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from quiz.store.db import db
from quiz.store.models import Attempt, Response
from tests.support import answer_data

from .conftest import DESKTOP, LiveServer, sign_up
from .test_accessibility import Audit

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/exam-shots")
WIDTHS = {"desktop": 1280, "phone": 375}


def shoot(page: Page, name: str) -> None:
    """Full-page screenshots at each width; the page never scrolls sideways on a phone."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=SHOTS / f"{name}-{label}.png", full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{name}: {scroll}px wide at {width}px"
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 800})


def start_exam(page: Page, base: str, minutes: str) -> int:
    page.goto(base + "/")
    card = page.locator(".cards > .card").first
    card.locator("summary").click()
    card.get_by_label("Time limit in minutes (optional)").fill(minutes)
    card.get_by_role("button", name=re.compile("as an exam")).click()
    expect(page.locator("#progress-label")).to_have_text(re.compile(r"Question 1 of \d+"))
    found = re.search(r"/exams/(\d+)/1$", page.url)
    assert found, page.url
    return int(found.group(1))


def fill_answer(page: Page, server: LiveServer, right: bool) -> str:
    """Operate the controls of the exam question on the page to answer it, right or
    wrong; returns the question's id. Nothing is sent (the buttons do that)."""
    found = re.search(r"/exams/(\d+)/(\d+)$", page.url)
    assert found, page.url
    with server.app.app_context():
        attempt = db.session.get(Attempt, int(found.group(1)))
        entry = attempt.entries[int(found.group(2)) - 1]
        db.session.remove()
    q = server.catalog.questions[entry.question_id]
    form = page.locator("form.question")
    for name, value in answer_data(q, entry, right).items():
        controls = form.locator(f'[name="{name}"]')
        kind = controls.first.evaluate("el => el.tagName.toLowerCase() + ':' + (el.type || '')")
        if kind in ("input:radio", "input:checkbox"):
            if kind == "input:checkbox":  # a changed answer: clear the old choices
                for box in controls.all():
                    box.uncheck()
            for chosen in value if isinstance(value, list) else [value]:
                form.locator(f'[name="{name}"][value="{chosen}"]').check()
        elif kind.startswith("select"):
            controls.select_option(value=str(value))
        else:
            controls.fill(str(value))
    return q.id


def stored(server: LiveServer, attempt_id: int) -> tuple[Attempt, dict[int, Response]]:
    with server.app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        found = db.session.execute(db.select(Response).where(Response.attempt_id == attempt_id))
        responses = {r.position: r for r in found.scalars()}
        db.session.expunge_all()
        db.session.remove()
    return attempt, responses


def test_a_timed_exam_with_a_flag_a_changed_answer_and_submit_all(
    page: Page, fixture_server: LiveServer
) -> None:
    base, audit = fixture_server.url, Audit()
    sign_up(page, base, "ann")
    exam = start_exam(page, base, "30")
    expect(page.locator(".exam-clock .deadline")).to_contain_text("the exam ends at")
    audit.check(page, "exam question")
    shoot(page, "question")

    fill_answer(page, fixture_server, right=True)
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#progress-label")).to_contain_text("Question 2 of")
    nav = page.get_by_role("navigation", name="Questions")
    expect(nav.get_by_role("button", name=re.compile(r"^Question 1: answered"))).to_be_visible()

    page.get_by_role("button", name="Flag for later").click()
    expect(page.locator(".flag-note")).to_be_visible()
    flagged = nav.get_by_role("button", name=re.compile(r"Question 2: not answered, flagged"))
    expect(flagged).to_have_attribute("aria-current", "step")
    audit.check(page, "exam question, flagged")
    shoot(page, "question-flagged")

    nav.get_by_role("button", name=re.compile(r"^Question 1: answered")).click()
    expect(page.locator(".save-status")).to_contain_text("Your saved answer is shown")
    fill_answer(page, fixture_server, right=False)  # change my mind
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#progress-label")).to_contain_text("Question 2 of")

    page.get_by_role("button", name="Submit all…").click()
    expect(page.get_by_role("heading", name="Submit all answers?")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"Not answered \(\d+\)"))).to_be_visible()
    expect(page.get_by_role("heading", name="Flagged for later (1)")).to_be_visible()
    audit.check(page, "submit all")
    shoot(page, "submit")
    attempt, responses = stored(fixture_server, exam)
    assert attempt.finished_at is None and list(responses) == [1]

    page.get_by_role("button", name="Submit all and end the exam").click()
    expect(page.get_by_role("heading", name="Exam submitted")).to_be_visible()
    audit.check(page, "exam result")
    shoot(page, "result")
    attempt, responses = stored(fixture_server, exam)
    assert attempt.finished_at is not None
    assert responses[1].score < 1 and attempt.score == pytest.approx(responses[1].score)
    audit.assert_clean()


def test_time_running_out_mid_question_submits_and_lands_on_the_result(
    page: Page, fixture_server: LiveServer
) -> None:
    base, audit = fixture_server.url, Audit()
    sign_up(page, base, "bea")
    exam = start_exam(page, base, "1")
    with fixture_server.app.app_context():  # as if most of the minute had gone by
        found = db.session.get(Attempt, exam)
        found.deadline_at = datetime.now(UTC) + timedelta(seconds=6)
        db.session.commit()
        db.session.remove()
    page.reload()
    expect(page.locator("[data-countdown]")).to_have_text(re.compile(r"^0:0\d$"))
    fill_answer(page, fixture_server, right=True)  # typed, never sent by a button
    expect(page.get_by_role("heading", name="Time ran out")).to_be_visible(timeout=15_000)
    expect(page.locator(".result-facts")).to_contain_text("submitted automatically")
    audit.check(page, "exam result, time ran out")
    shoot(page, "result-time-up")
    attempt, responses = stored(fixture_server, exam)
    assert attempt.finished_at is not None
    assert list(responses) == [1]  # the answer being typed was saved in time
    audit.assert_clean()


def test_an_exam_works_without_javascript(browser: Browser, fixture_server: LiveServer) -> None:
    """Every move is a submit button: answer, flag, jump back, Submit all, no script."""
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        base = fixture_server.url
        sign_up(page, base, "nojs")
        exam = start_exam(page, base, "20")
        expect(page.locator(".exam-clock")).to_contain_text("UTC")  # the deadline in words
        expect(page.locator("[data-countdown]")).to_have_text(re.compile(r"^\d+ min \d+ s$"))
        fill_answer(page, fixture_server, right=True)
        page.get_by_role("button", name="Flag for later").click()
        expect(page.locator(".flag-note")).to_be_visible()
        page.get_by_role("button", name="Next").click()
        nav = page.get_by_role("navigation", name="Questions")
        nav.get_by_role("button", name=re.compile(r"^Question 1: answered, flagged")).click()
        expect(page.locator("#progress-label")).to_contain_text("Question 1 of")
        page.get_by_role("button", name="Submit all…").click()
        expect(page.get_by_role("heading", name="Flagged for later (1)")).to_be_visible()
        page.get_by_role("button", name="Submit all and end the exam").click()
        expect(page.get_by_role("heading", name="Exam submitted")).to_be_visible()
        attempt, responses = stored(fixture_server, exam)
        assert attempt.finished_at is not None and list(responses) == [1]
    finally:
        context.close()
