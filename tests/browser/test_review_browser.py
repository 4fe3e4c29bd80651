"""A spaced-review session in a real browser, with the server's clock moved forward."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from quiz import ROOT
from tests.support import FIXTURES, Clock, make_app

from .conftest import LiveServer, _serve, answer_question, shoot, sign_up
from .test_accessibility import Audit

pytestmark = pytest.mark.browser


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


@pytest.fixture
def review_server(tmp_path: Path, clock: Clock) -> Iterator[LiveServer]:
    folder = tmp_path / "questions"
    shutil.copytree(ROOT / "questions" / "sources", folder / "sources")
    shutil.copy(FIXTURES / "all_types.yaml", folder / "fixture.yaml")
    (tmp_path / "app").mkdir()
    app = make_app(
        tmp_path / "app", folder, WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=False, CLOCK=clock
    )
    yield from _serve(app)


def current_question(page: Page, server: LiveServer):
    return server.question_by_prompt(page.locator(".prompt").first.inner_text())


def test_a_review_session_serves_the_missed_questions_when_due(
    page: Page, review_server: LiveServer, clock: Clock
):
    base = review_server.url
    audit = Audit()
    sign_up(page, base, "rita")
    page.get_by_role("button", name="Practise Fixture bank").click()
    missed = []
    for n in range(1, 8):  # questions 1 and 3 wrong, the rest right
        q = current_question(page, review_server)
        answer_question(page, review_server, right=n not in (1, 3))
        if n in (1, 3):
            missed.append(q.prompt)
            expect(page.locator("#verdict")).to_have_text(re.compile("Not correct|Partly correct"))
        else:
            expect(page.locator("#verdict")).to_have_text("Correct")
        if n < 7:
            page.get_by_role("link", name="Next question").click()
    page.get_by_role("link", name="See my score").click()

    page.goto(base + "/")
    expect(page.locator(".review-box")).to_contain_text("0 questions due now")
    clock.now += timedelta(
        minutes=5
    )  # past a wrong answer's 1-minute step, before a right one's 10
    page.goto(base + "/")
    expect(page.locator(".review-box")).to_contain_text("2 questions due now")
    audit.check(page, "home with reviews due")
    page.get_by_role("button", name=re.compile(r"^Review \d+ now")).click()

    expect(page.locator("#progress-label")).to_have_text("Question 1 of 2")
    seen = []
    for n in (1, 2):
        q = current_question(page, review_server)
        seen.append(q.prompt)
        audit.check(page, f"review question {n}")
        answer_question(page, review_server, right=True)
        expect(page.locator("#verdict")).to_have_text("Correct")
        expect(page.locator("#verdict")).to_be_focused()
        page.get_by_role("button", name="Easy").click()
        expect(page.locator(".flash")).to_contain_text("Rated Easy")
        expect(page.get_by_role("button", name="Easy")).to_have_attribute("aria-pressed", "true")
        audit.check(page, f"review feedback {n}")
        if n == 1:
            shoot(page, "review-feedback")
            page.get_by_role("link", name="Next question").click()
    assert sorted(seen) == sorted(missed)
    page.get_by_role("link", name="See my score").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spaced review")
    expect(page.locator(".session-title")).to_have_text("Your score")
    expect(page.locator(".score")).to_contain_text("2 out of 2")

    page.goto(base + "/")
    expect(page.locator(".review-box")).to_contain_text("0 questions due now")
    page.goto(base + "/progress")
    expect(page.get_by_role("heading", name="Your progress")).to_be_visible()
    audit.check(page, "progress after review")
    audit.assert_clean()
