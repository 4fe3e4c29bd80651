"""Real-browser fixtures: the app served on a loopback port, and Debian's Chromium driven by
Playwright. Browsers submit the real forms, so CSRF protection stays on."""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, got_request_exception
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from quiz import ROOT
from quiz.domain.catalog import Catalog
from quiz.domain.layout import LayoutEntry
from quiz.domain.questions import Question
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import Attempt
from tests.support import FIXTURES, PASSWORD, answer_data, make_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
README_SCREENSHOT = ROOT / "docs" / "screenshot.png"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

expect.set_options(timeout=5_000)


# ---------------------------------------------------------------- the server


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass  # one line per request would drown the output of a failing test


@dataclass
class LiveServer:
    """The app, served on ``url`` by a threaded werkzeug server in a background thread."""

    app: Flask
    url: str
    errors: list[BaseException] = field(default_factory=list)

    @property
    def catalog(self) -> Catalog:
        with self.app.app_context():
            return current_catalog()

    def question_by_prompt(self, prompt: str) -> Question:
        """The question whose prompt (whitespace normalised) is *prompt*."""
        wanted = _squash(prompt)
        for q in self.catalog.questions.values():
            if _squash(q.prompt) == wanted:
                return q
        raise LookupError(f"no question with the prompt {prompt!r}")


def _squash(text: str) -> str:
    return " ".join(text.split())


def _serve(app: Flask) -> Iterator[LiveServer]:
    server: BaseWSGIServer = make_server(
        "127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler
    )
    live = LiveServer(app, f"http://127.0.0.1:{server.server_port}")

    def record(sender: Flask, exception: BaseException, **extra: Any) -> None:
        live.errors.append(exception)

    got_request_exception.connect(record, app)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="live-server", daemon=True
    )
    thread.start()
    try:
        yield live
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        got_request_exception.disconnect(record, app)
        with app.app_context():
            db.engine.dispose()
    assert not live.errors, f"the server raised: {live.errors!r}"


def _app(folder: Path, questions: Path) -> Flask:
    folder.mkdir(parents=True, exist_ok=True)
    return make_app(folder, questions, WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=False)


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The app with the shipped banks (the repository's questions/ folder), fresh database."""
    yield from _serve(_app(tmp_path / "shipped", ROOT / "questions"))


@pytest.fixture
def fixture_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The app with only tests/fixtures/all_types.yaml: one question of every type."""
    folder = tmp_path / "fixture-questions"
    shutil.copytree(ROOT / "questions" / "sources", folder / "sources")
    shutil.copy(FIXTURES / "all_types.yaml", folder / "fixture.yaml")
    yield from _serve(_app(tmp_path / "fixture", folder))


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
            "(`make test` installs it; or `apt-get install chromium`).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh temporary profile (user data dir).
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


# ---------------------------------------------------------------- helpers


def sign_up(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Create an account through the sign-up form; ends on the home page, logged in."""
    page.goto(f"{base_url}/signup")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Repeat the password").fill(password)
    page.get_by_role("button", name="Create account").click()
    expect(
        page.get_by_role("button", name=re.compile(rf"Log out.*{re.escape(username)}"))
    ).to_be_visible()


def log_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("button", name=re.compile(rf"Log out.*{re.escape(username)}"))
    ).to_be_visible()


def start_bank(page: Page, base_url: str, title: str | None = None) -> str:
    """Start a practice attempt from the home page (the first bank, or the one titled
    *title*); returns the bank's title."""
    page.goto(base_url + "/")
    cards = page.locator(".cards > .card")
    card = (
        cards.filter(has=page.get_by_role("heading", name=title, exact=True))
        if title
        else cards.first
    )
    title = card.get_by_role("heading").inner_text()
    card.get_by_role("button", name=f"Practise {title}").click()
    expect(page.locator("#progress-label")).to_have_text(re.compile(r"Question 1 of \d+"))
    return title


def current_entry(page: Page, server: LiveServer) -> tuple[Question, LayoutEntry]:
    """The question on the page and its entry in the attempt's stored layout."""
    match = re.search(r"/attempts/(\d+)/(\d+)$", page.url)
    assert match, f"not a question page: {page.url}"
    attempt_id, position = int(match.group(1)), int(match.group(2))
    with server.app.app_context():
        entry = db.session.get(Attempt, attempt_id).entries[position - 1]
        db.session.remove()
    return server.catalog.questions[entry.question_id], entry


def shown_controls(page: Page) -> dict[str, Any]:
    """What the question page shows, in the order shown: prompt, option labels, and each
    select's label with its options."""
    return page.locator("form.question").evaluate("""form => {
        const text = el => el.innerText.split(/\\s+/).join(" ").trim();
        return {
            prompt: text(form.querySelector(".prompt")),
            options: [...form.querySelectorAll(".choices label")].map(text),
            selects: [...form.querySelectorAll(".pairs .field")].map(field => [
                text(field.querySelector("label")), [...field.querySelectorAll("option")].map(text)]),
        };
    }""")


def answer_question(page: Page, server: LiveServer, right: bool = False) -> str:
    """Answer the question on the page through its real controls and submit, right or
    wrong as asked; returns its type. Which values make that answer is the question
    type's own knowledge (its ``form_data``); this only operates the controls."""
    q, entry = current_entry(page, server)
    form = page.locator("form.question")
    for name, value in answer_data(q, entry, right).items():
        controls = form.locator(f'[name="{name}"]')
        kind = controls.first.evaluate("el => el.tagName.toLowerCase() + ':' + (el.type || '')")
        if kind in ("input:radio", "input:checkbox"):
            for chosen in value if isinstance(value, list) else [value]:
                form.locator(f'[name="{name}"][value="{chosen}"]').check()
        elif kind.startswith("select"):
            controls.select_option(value=str(value))
        else:
            controls.fill(str(value))
    form.get_by_role("button", name="Submit answer").click()
    return q.type


def shoot(page: Page, name: str, phone: bool = True) -> None:
    """Full-page screenshots of the current page, desktop and (by default) phone width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or DESKTOP
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=SCREENSHOTS / f"{name}-desktop.png", full_page=True)
    if phone:
        page.set_viewport_size(PHONE)
        page.screenshot(path=SCREENSHOTS / f"{name}-phone.png", full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (
            f"{name}: the page is {width}px wide on a {PHONE['width']}px phone"
        )
    page.set_viewport_size(size)


def save_readme_screenshot(page: Page) -> None:
    """docs/screenshot.png is committed: write it only when missing or asked for with
    UPDATE_SCREENSHOTS=1, so a test run does not dirty the work tree."""
    if README_SCREENSHOT.exists() and os.environ.get("UPDATE_SCREENSHOTS") != "1":
        return
    size = page.viewport_size or DESKTOP
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=README_SCREENSHOT, full_page=True)
    page.set_viewport_size(size)
