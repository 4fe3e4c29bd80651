"""Studying in a real browser: a mixed 10-question session on a phone with the sticky bar,
a flashcard run by keyboard (Space, 1-4), and a rating that shows its interval."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import PHONE, LiveServer, answer_question, current_entry, sign_up

pytestmark = pytest.mark.browser


def in_viewport(page: Page, selector: str) -> bool:
    """The element is wholly inside the window as it stands, without scrolling."""
    return page.locator(selector).first.evaluate(
        """el => { const r = el.getBoundingClientRect();
                   return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; }"""
    )


def test_a_mixed_ten_question_session_on_a_phone(page: Page, live_server: LiveServer) -> None:
    base = live_server.url
    page.set_viewport_size(PHONE)
    sign_up(page, base, "mia")
    page.get_by_role("link", name="Study", exact=True).click()
    titles = [b.title for b in live_server.catalog.banks.values()][:2]
    for title in titles:
        page.get_by_label(title, exact=True).check()
    page.get_by_label("10 questions").check()
    page.get_by_role("button", name="Start the session").click()
    expect(page.locator(".session-title")).to_contain_text(f"Mixed: {titles[0]} + {titles[1]}")
    banks = set()
    for n in range(1, 11):
        expect(page.locator("#progress-label")).to_have_text(f"Question {n} of 10")
        q, _ = current_entry(page, live_server)
        banks.add(q.bank)
        answer_question(page, live_server, right=n % 3 != 0)
        expect(page.locator("h1#verdict")).to_be_focused()
        # On a phone, the verdict and what to do next are both on the first screen.
        assert in_viewport(page, "h1#verdict"), f"question {n}: the verdict is off screen"
        assert in_viewport(page, "#next"), f"question {n}: Next is off screen"
        assert in_viewport(page, ".rating-form button.good")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"question {n}: {width}px wide"
        page.locator("#next").click()
    assert len(banks) == 2, banks  # the session mixed both topics
    expect(page.locator(".score")).to_contain_text("out of 10")
    expect(page.get_by_role("button", name="Retry my mistakes")).to_be_visible()
    assert in_viewport(page, "button:has-text('Retry my mistakes')")  # at the top
    page.get_by_role("link", name="Mistakes only").click()
    expect(page.locator("table.review tbody tr")).to_have_count(3)


def test_a_flashcard_run_by_keyboard(page: Page, fixture_server: LiveServer) -> None:
    base = fixture_server.url
    sign_up(page, base, "kai")
    page.goto(base + "/study?topic=fixture")
    page.get_by_label("All of them").check()
    page.get_by_role("radio", name=re.compile("Flashcards")).check()
    page.get_by_role("button", name="Start the session").click()
    for n in range(1, 8):
        expect(page.locator("#progress-label")).to_have_text(f"Question {n} of 7")
        expect(page.get_by_role("link", name=re.compile("Show answer"))).to_be_visible()
        page.wait_for_load_state("domcontentloaded")  # the deferred script listens for keys
        page.keyboard.press("Space")
        expect(page.get_by_role("heading", name="Back: the answer")).to_be_focused()
        expect(page.locator(".rating-form button.good .interval")).to_have_text(
            re.compile(r"\d+ (min|h|days?)")
        )
        page.keyboard.press("1" if n == 1 else "3")  # Again once, Good after
    expect(page.locator(".score")).to_contain_text("6 out of 7")
    expect(page.get_by_role("heading", level=1)).to_have_text("Flashcards: Fixture bank")


def test_a_rating_shows_its_interval_and_says_when_the_question_returns(
    page: Page, fixture_server: LiveServer
) -> None:
    base = fixture_server.url
    sign_up(page, base, "lea")
    page.get_by_role("button", name="Practise Fixture bank").click()
    answer_question(page, fixture_server, right=True)
    easy = page.locator(".rating-form button.easy")
    interval = easy.locator(".interval").inner_text()
    assert re.fullmatch(r"\d+ days?", interval), interval
    expect(page.locator(".rating-form button.good .interval")).to_have_text("10 min")
    page.keyboard.press("4")
    expect(page.locator(".flash")).to_contain_text(
        f"Rated Easy: this question comes back in {interval}"
    )
    expect(page.locator(".rating-form button.easy")).to_have_attribute("aria-pressed", "true")
