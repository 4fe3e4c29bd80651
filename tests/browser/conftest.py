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

from conftest import FIXTURES, PASSWORD, make_app
from quiz import ROOT
from quiz.banks import Question
from quiz.catalog import Catalog
from quiz.extensions import db

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
        return self.app.extensions["quiz_catalog"]

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
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    live = LiveServer(app, f"http://127.0.0.1:{server.server_port}")

    def record(sender: Flask, exception: BaseException, **extra: Any) -> None:
        live.errors.append(exception)

    got_request_exception.connect(record, app)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="live-server", daemon=True)
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
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
                    "(`make test` installs it; or `apt-get install chromium`).", pytrace=False)
    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh temporary profile (user data dir).
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
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
    expect(page.get_by_role("button", name=re.compile(rf"Log out.*{re.escape(username)}"))).to_be_visible()


def log_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name=re.compile(rf"Log out.*{re.escape(username)}"))).to_be_visible()


def start_bank(page: Page, base_url: str, title: str | None = None) -> str:
    """Start a practice attempt from the home page (the first bank, or the one titled
    *title*); returns the bank's title."""
    page.goto(base_url + "/")
    cards = page.locator(".cards > .card")
    card = cards.filter(has=page.get_by_role("heading", name=title, exact=True)) if title else cards.first
    title = card.get_by_role("heading").inner_text()
    card.get_by_role("button", name=f"Practise {title}").click()
    expect(page.locator("#progress-label")).to_have_text(re.compile(r"Question 1 of \d+"))
    return title


def question_type(page: Page) -> str:
    """The type of the question on the page, read from its controls."""
    form = page.locator("form.question")
    if form.locator(".choices input[type=checkbox]").count():
        return "multiple"
    if form.locator(".choices input[type=radio]").count():
        labels = [t.strip() for t in form.locator(".choices label").all_inner_texts()]
        return "true_false" if [re.sub(r"^\d+\s*", "", t) for t in labels] == ["True", "False"] else "single"
    if form.locator("select[name^=m]").count():
        return "matching"
    if form.locator("select[name^=p]").count():
        return "ordering"
    label = form.locator("label[for=answer]").inner_text()
    return "numeric" if "(in " in label else "short_answer"


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


def answer_question(page: Page, q: Question | None = None, right: bool = False) -> str:
    """Answer the question on the page through its real controls and submit; returns its
    type. Without *q* the answer is arbitrary (valid, not necessarily right); with *q* it
    is right or wrong as asked."""
    kind = question_type(page)
    form = page.locator("form.question")
    if kind in ("single", "true_false", "multiple"):
        boxes = form.locator(".choices input")
        if q is None:
            picks = [0]
        elif kind == "true_false":
            picks = [0 if q.answer is right else 1]
        else:
            labels = [_squash(t) for t in form.locator(".choices label").all_inner_texts()]
            correct = {_squash(o.text) for o in q.options if o.correct}
            flags = [re.sub(r"^\d+\s+", "", label) in correct for label in labels]
            picks = [i for i, flag in enumerate(flags) if flag is right]
            if kind == "single":
                picks = picks[:1]
        for i in picks:
            boxes.nth(i).check()
    elif kind == "matching":
        selects = form.locator("select")
        partner = {p.left: p.right for p in q.pairs} if q else {}
        for i in range(selects.count()):
            select = selects.nth(i)
            choices = [o for o in select.locator("option").all_inner_texts()][1:]
            if q is None:
                select.select_option(index=1 + i % len(choices))
                continue
            left = _squash(form.locator(f"label[for={select.get_attribute('id')}]").inner_text())
            key = next(r for lft, r in partner.items() if _squash(lft) == left)
            target = key if right else next(c for c in choices if _squash(c) != _squash(key))
            select.select_option(label=target)
    elif kind == "ordering":
        selects = form.locator("select")
        n = selects.count()
        items = [_squash(i) for i in q.items] if q else []
        for i in range(n):
            select = selects.nth(i)
            if q is None:
                position = i + 1
            else:
                item = _squash(form.locator(f"label[for={select.get_attribute('id')}]").inner_text())
                rank = items.index(item)
                position = rank + 1 if right else n - rank
            select.select_option(value=str(position))
    else:
        box = form.get_by_role("textbox")
        if kind == "numeric":
            assert q is None or q.numeric is not None
            text = "1" if q is None else f"{q.numeric.low:g}" if right else f"{q.numeric.high + 1000:g}"
        else:
            text = "not sure" if q is None else q.accepted[0] if right else "certainly not this"
        box.fill(text)
    form.get_by_role("button", name="Submit answer").click()
    return kind


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
        assert width <= PHONE["width"], f"{name}: the page is {width}px wide on a {PHONE['width']}px phone"
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
