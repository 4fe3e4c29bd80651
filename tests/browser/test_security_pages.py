"""The pages the security fixes added or changed, in a real browser at desktop and phone
width: the answer that was NOT saved, too much sent at once (413), practice held by an
open exam, a common password refused. Screenshots in test-artifacts/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support import sqlite_only

from .conftest import LiveServer, answer_question, shoot, sign_up

pytestmark = [pytest.mark.browser, sqlite_only]


def _start(page: Page, url: str, button: str) -> None:
    page.goto(url + "/")
    card = page.locator(".cards > .card").first
    if button == "Start exam":
        card.locator("summary").click()
        card.locator("#exam-fixture").click()
    else:
        card.locator("#practise-fixture").click()


def test_an_answer_that_could_not_be_stored_says_so(fixture_server: LiveServer, page: Page):
    url = fixture_server.url
    sign_up(page, url, "ann")
    _start(page, url, "Practise")
    expect(page.locator("form.question")).to_be_visible()
    database = Path(fixture_server.app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    for path in database.parent.glob(database.name + "*"):  # the file vanishes meanwhile
        path.unlink()
    answer_question(page, fixture_server, right=True)
    expect(page.get_by_role("heading", name="Your answer was NOT saved.")).to_be_visible()
    expect(page.get_by_text("send it again")).to_be_visible()
    shoot(page, "security-answer-not-saved")


def test_too_much_sent_at_once(fixture_server: LiveServer, page: Page):
    page.goto(fixture_server.url + "/login")
    page.evaluate(
        """() => {
        const form = document.querySelector('main form');
        const big = document.createElement('input');
        big.type = 'hidden'; big.name = 'padding'; big.value = 'x'.repeat(400 * 1024);
        form.appendChild(big);
        form.querySelector('[name=username]').value = 'ann';
        form.querySelector('[name=password]').value = 'whatever';
        form.submit();
    }"""
    )
    expect(page.get_by_role("heading", name="That was too much to send at once")).to_be_visible()
    shoot(page, "security-413")


def test_practice_beside_an_open_exam_is_held(fixture_server: LiveServer, page: Page):
    url = fixture_server.url
    sign_up(page, url, "ann")
    _start(page, url, "Start exam")
    _start(page, url, "Practise")
    expect(
        page.get_by_role("heading", name="You have an exam on “Fixture bank” open.")
    ).to_be_visible()
    shoot(page, "security-held-by-exam")


def test_a_common_password_is_refused_beside_the_field(fixture_server: LiveServer, page: Page):
    page.goto(fixture_server.url + "/signup")
    page.get_by_label("User name").fill("bob")
    page.get_by_label("Password", exact=True).fill("Password1!")
    page.get_by_label("Repeat the password").fill("Password1!")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("That password is too easy to guess.")).to_be_visible()
    shoot(page, "security-common-password")
