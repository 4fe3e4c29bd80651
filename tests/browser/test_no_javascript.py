"""Everything a student does works with JavaScript switched off: the pages are plain forms."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from .conftest import DESKTOP, LiveServer, answer_question, sign_up

pytestmark = pytest.mark.browser


def test_a_whole_attempt_works_without_javascript(
    browser: Browser, fixture_server: LiveServer
) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        base = fixture_server.url
        sign_up(page, base, "nojs")
        page.get_by_role("button", name="Practise Fixture bank").click()
        for n in range(1, 8):
            expect(page.locator("#progress-label")).to_have_text(f"Question {n} of 7")
            answer_question(page, fixture_server)
            expect(page.locator("#verdict")).to_have_text(
                re.compile("Correct|Partly correct|Not correct")
            )
            expect(page.get_by_text("Correct answer")).to_be_visible()
            page.get_by_role("button", name="Good").click()  # rating is a plain form too
            expect(page.locator(".flash")).to_contain_text("Rated Good")
            if n < 7:
                page.get_by_role("link", name="Next question").click()
        page.get_by_role("link", name="See my score").click()
        expect(page.locator(".score")).to_contain_text("out of 7")
        page.locator("details summary").first.click()  # <details> needs no script
        expect(page.locator("details").first.locator("blockquote")).to_be_visible()
        page.get_by_role("link", name="History").click()
        expect(page.locator("td.num", has_text=" / 7 (")).to_be_visible()
        page.get_by_role("button", name=re.compile("Log out")).click()
        expect(page.get_by_role("link", name="Log in", exact=True)).to_be_visible()
    finally:
        context.close()


def test_flashcards_work_without_javascript(browser: Browser, fixture_server: LiveServer) -> None:
    """Show answer is a link, the ratings a form: a whole flashcard run without script."""
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        base = fixture_server.url
        sign_up(page, base, "nojscards")
        page.goto(base + "/study")
        page.get_by_label("Fixture bank").check()
        page.get_by_label("All of them").check()
        page.get_by_role("radio", name=re.compile("Flashcards")).check()
        page.get_by_role("button", name="Start the session").click()
        for n in range(1, 8):
            expect(page.locator("#progress-label")).to_have_text(f"Question {n} of 7")
            page.get_by_role("link", name="Show answer").click()
            expect(page.get_by_role("heading", name="Back: the answer")).to_be_visible()
            page.get_by_role("button", name=re.compile("^Good")).click()
        expect(page.locator(".score")).to_contain_text("7 out of 7")
    finally:
        context.close()
