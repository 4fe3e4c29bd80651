"""axe-core, run in Chromium on every kind of page: no violations of any impact."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .conftest import LiveServer, _squash, answer_question, shoot, sign_up, start_bank

pytestmark = pytest.mark.browser

AXE = Axe()


class Audit:
    """Runs axe on pages as a test visits them; reports every violation at the end."""

    def __init__(self) -> None:
        self.report: list[str] = []
        self.pages: list[str] = []

    def check(self, page: Page, name: str) -> None:
        page.wait_for_load_state()
        violations = AXE.run(page).response["violations"]
        self.pages.append(name)
        if violations:
            self.report.append(describe(name, page.url, violations))

    def assert_clean(self) -> None:
        assert not self.report, "axe found accessibility violations:\n\n" + "\n\n".join(self.report)


def describe(name: str, url: str, violations: list[dict]) -> str:
    lines = [f"== {name} ({url})"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}  <{v['helpUrl']}>")
        for node in v["nodes"][:6]:
            lines.append(f"    at {' '.join(str(t) for t in node['target'])}")
            lines.append(f"       {node['html'][:240]}")
            for line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"       {line}")
        if len(v["nodes"]) > 6:
            lines.append(f"    … and {len(v['nodes']) - 6} more")
    return "\n".join(lines)


def test_site_pages(page: Page, live_server: LiveServer) -> None:
    """Home (logged out and in), sign-up with errors, documents, a highlighted passage,
    history and progress, with the shipped banks."""
    base = live_server.url
    audit = Audit()
    q = next(iter(live_server.catalog.questions.values()))

    page.goto(base + "/")
    audit.check(page, "home, logged out")
    page.goto(base + "/login")
    audit.check(page, "log in")

    page.goto(base + "/signup")
    page.get_by_label("User name").fill("No Spaces!")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Repeat the password").fill("different")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".errors").first).to_be_visible()
    expect(page.get_by_label("User name")).to_have_attribute("aria-invalid", "true")
    audit.check(page, "sign up, with errors")
    shoot(page, "signup-errors")

    page.goto(base + "/sources")
    audit.check(page, "documents")
    page.goto(f"{base}/sources/{q.passage.document}?question={q.id}#passage")
    expect(page.locator("mark#passage")).to_be_in_viewport()
    audit.check(page, "source with highlight, logged out")

    sign_up(page, base, "ann")
    audit.check(page, "home, logged in")
    page.goto(base + "/history")
    audit.check(page, "history, empty")
    page.goto(base + "/progress")
    audit.check(page, "progress, empty")

    start_bank(page, base)
    for _ in range(2):
        answer_question(page, live_server)
        page.get_by_role("link", name="Next question").click()
    page.goto(base + "/")
    expect(page.get_by_role("heading", name="Continue where you left off")).to_be_visible()
    audit.check(page, "home, logged in, with an attempt to continue")
    page.goto(base + "/history")
    audit.check(page, "history, attempt in progress")
    page.goto(f"{base}/sources/{q.passage.document}?question={q.id}#passage")
    audit.check(page, "source with highlight, logged in")
    page.goto(base + "/no-such-page")
    audit.check(page, "404 page")
    audit.assert_clean()


def test_every_question_type_and_its_feedback(page: Page, fixture_server: LiveServer) -> None:
    """The fixture bank has one question of every type: each question page (fresh and with
    its validation errors), feedback right and wrong, the summary, history, progress, and
    the source a summary links to; and an exam's question and Submit all pages
    (tests/browser/test_exam_browser.py takes a whole exam)."""
    base = fixture_server.url
    audit = Audit()
    sign_up(page, base, "ann")
    start_bank(page, base, "Fixture bank")
    verdicts = set()
    kinds = []
    for position in range(1, 8):
        expect(page.locator("#progress-label")).to_have_text(f"Question {position} of 7")
        prompt = page.locator("form.question .prompt").first.inner_text()
        q = fixture_server.question_by_prompt(prompt)
        kinds.append(q.type)
        audit.check(page, f"question: {q.type}")
        shoot(page, f"question-{q.type}")
        page.get_by_role("button", name="Submit answer").click()  # nothing chosen
        expect(page.locator(".errors").first).to_be_visible()
        audit.check(page, f"question: {q.type}, with errors")
        if position == 1:
            shoot(page, "question-errors")
        answer_question(page, fixture_server, right=position % 2 == 0)
        verdict = page.locator("h1#verdict")
        expect(verdict).to_be_focused()
        verdicts.add(verdict.inner_text())
        audit.check(page, f"feedback: {q.type}, {verdict.inner_text()}")
        if position < 7:
            page.get_by_role("link", name="Next question").click()
        else:
            page.get_by_role("link", name="See my score").click()
    assert sorted(kinds) == sorted(
        ["single", "multiple", "true_false", "matching", "ordering", "short_answer", "numeric"]
    )
    assert {"Correct", "Not correct"} <= verdicts, verdicts

    expect(page.locator("p.score")).to_be_visible()
    audit.check(page, "summary")
    page.locator("table.review details summary").first.click()  # open one "Why"
    audit.check(page, "summary, with a Why opened")
    page.locator("table.review details figure.passage a").first.click()
    expect(page.locator("mark#passage")).to_be_in_viewport()
    audit.check(page, "source from the summary")
    page.get_by_role("link", name="History", exact=True).click()
    audit.check(page, "history")
    page.get_by_role("link", name="Progress", exact=True).click()
    audit.check(page, "progress")
    shoot(page, "progress")

    page.goto(base + "/")
    card = page.locator(".cards > .card").first
    card.locator("summary").click()
    card.get_by_label("Time limit in minutes (optional)").fill("30")
    audit.check(page, "home, exam options open")
    card.get_by_role("button", name="Start Fixture bank as an exam").click()
    audit.check(page, "exam question")
    page.get_by_role("button", name="Next").click()  # skipped: on to the next question
    expect(page.locator("#progress-label")).to_have_text("Question 2 of 7")
    page.get_by_role("button", name="Submit all…").click()
    expect(page.get_by_role("heading", name="Submit all answers?")).to_be_visible()
    audit.check(page, "exam: submit all")
    audit.assert_clean()


def test_phone_width(page: Page, live_server: LiveServer) -> None:
    """The same checks at a phone's width, where the layout reflows."""
    base = live_server.url
    audit = Audit()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/")
    audit.check(page, "phone: home, logged out")
    sign_up(page, base, "ann")
    audit.check(page, "phone: home, logged in")
    start_bank(page, base)
    audit.check(page, "phone: question")
    answer_question(page, live_server)
    audit.check(page, "phone: feedback")
    page.get_by_role("button", name=re.compile("Finish")).click()
    audit.check(page, "phone: summary")
    page.goto(base + "/history")
    audit.check(page, "phone: history")
    assert _squash(page.locator("h1").inner_text()) == "Your attempts"
    audit.assert_clean()
