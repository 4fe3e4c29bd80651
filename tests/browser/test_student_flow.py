"""A student in a real browser: sign up, practise a shipped bank to the end, resume an
attempt left half-way, and answer with the keyboard alone."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .conftest import (
    DESKTOP,
    LiveServer,
    _squash,
    answer_question,
    log_in,
    save_readme_screenshot,
    shoot,
    shown_controls,
    sign_up,
    start_bank,
)

pytestmark = pytest.mark.browser

PASSAGE_LINK = re.compile(r"^/sources/[\w.-]+\?question=[^&#]+(&passage=\d+)?#passage$")
VERDICT = re.compile(r"^(Correct|Partly correct \(\d+% credit\)|Not correct)$")


def attempt_position(page: Page) -> tuple[int, int]:
    match = re.search(r"/attempts/(\d+)/(\d+)$", page.url)
    assert match, page.url
    return int(match[1]), int(match[2])


def check_feedback(page: Page, position: int, total: int, reader: Page) -> None:
    """The feedback page: verdict, the key, an explanation and the source passage, whose
    link opens the document with the passage highlighted and scrolled into view (followed
    in *reader*, a second tab, to spare a navigation back)."""
    expect(page.locator("#progress-label")).to_have_text(f"Question {position} of {total}")
    expect(page.locator("h1#verdict")).to_have_text(VERDICT)
    key = page.locator(
        ".answers dt:text-is('Correct answer') + dd, table.breakdown td[data-label='Correct answer']"
    )
    expect(key.first).not_to_be_empty()
    explanation = page.get_by_role("heading", name="Explanation", exact=True)
    expect(explanation).to_be_visible()
    expect(explanation.locator("xpath=following-sibling::p[1]")).not_to_be_empty()

    source = page.locator("section.feedback > figure.passage")  # the question's own passage
    quote = _squash(source.locator("blockquote").inner_text())
    assert quote
    href = source.locator("figcaption a").get_attribute("href") or ""
    assert PASSAGE_LINK.match(href), href
    reader.goto(urljoin(page.url, href))
    mark = reader.locator("mark#passage")
    expect(mark).to_be_in_viewport()
    assert _squash(mark.inner_text()) in quote, (mark.inner_text(), quote)


def test_student_practises_a_shipped_bank_to_the_end(
    context: BrowserContext, page: Page, live_server: LiveServer
) -> None:
    base = live_server.url
    page.goto(base + "/")
    expect(page.get_by_role("link", name="Sign up").first).to_be_visible()
    shoot(page, "home-logged-out")

    sign_up(page, base, "ann")
    expect(page.get_by_text("Welcome! Pick a topic to start practising.")).to_be_visible()
    reader = context.new_page()
    first_title = page.locator(".cards > .card").first.get_by_role("heading").inner_text()
    assert live_server.catalog.banks, "no shipped banks in questions/"
    shoot(page, "home")

    title = start_bank(page, base)
    assert title == first_title
    bank = next(b for b in live_server.catalog.banks.values() if b.title == title)
    total = len(bank.questions)
    expect(page.locator("#progress-label")).to_have_text(f"Question 1 of {total}")

    for position in range(1, total + 1):
        attempt_id, shown = attempt_position(page)
        assert shown == position
        expect(page.locator("#progress-label")).to_have_text(f"Question {position} of {total}")
        if position == 1:
            shoot(page, "question")
        answer_question(page, live_server)
        check_feedback(page, position, total, reader)
        if position == 1:
            shoot(page, "feedback")
            save_readme_screenshot(page)
            shoot(reader, "source")
            page.locator(
                "section.feedback > figure.passage figcaption a"
            ).click()  # a real click, once
            expect(page.locator("mark#passage")).to_be_in_viewport()
            page.go_back()
            expect(page.locator("h1#verdict")).to_be_visible()
        if position < total:
            page.get_by_role("link", name="Next question").click()
        else:
            expect(page.get_by_role("link", name="Next question")).to_have_count(0)
            page.get_by_role("link", name="See my score").click()

    # The summary: a score and one review row per question, all answered.
    expect(page).to_have_url(re.compile(rf"/attempts/{attempt_id}/summary$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".session-title")).to_have_text("Your score")
    score = page.locator("p.score")
    expect(score).to_have_text(re.compile(rf"^\d+(\.\d+)? out of {total}\s+\(\d+%\) · time "))
    points, percent = re.match(r"^(\S+) out of \d+\s+\((\d+%)\)", score.inner_text()).groups()
    rows = page.locator("table.review tbody tr")
    expect(rows).to_have_count(total)
    expect(page.locator("table.review")).not_to_contain_text("Not answered")
    shoot(page, "summary")

    # History lists the attempt with the same score.
    page.get_by_role("link", name="History", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your attempts")
    row = page.locator("table tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text(title)
    expect(row.locator("td").nth(2)).to_have_text(f"{points} / {total} ({percent})")
    shoot(page, "history")
    row.get_by_role("link", name=re.compile("^Review")).click()
    expect(page).to_have_url(re.compile(rf"/attempts/{attempt_id}/summary$"))

    # The forms above passed CSRF protection, which is on: a post without a token fails.
    refused = page.request.post(f"{base}/logout")
    assert refused.status == 400
    refused.dispose()


def test_leaving_mid_attempt_and_continuing_keeps_the_order(
    browser: Browser, live_server: LiveServer
) -> None:
    base = live_server.url
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        sign_up(page, base, "bea")
        title = start_bank(page, base)
        attempt_id, _ = attempt_position(page)
        total = len(
            next(b for b in live_server.catalog.banks.values() if b.title == title).questions
        )
        assert total >= 3
        for position in (1, 2):
            answer_question(page, live_server)
            expect(page.locator("h1#verdict")).to_be_focused()
            if position == 1:
                page.get_by_role("link", name="Next question").click()
        # What the next unanswered questions show, in the order shown, before leaving: at
        # least six of them, and on until one has options whose order was shuffled.
        seen = {}
        for position in range(3, total + 1):
            page.goto(f"{base}/attempts/{attempt_id}/{position}")
            seen[position] = shown_controls(page)
            if position >= 8 and any(len(s["options"]) > 2 or s["selects"] for s in seen.values()):
                break
        assert any(len(s["options"]) > 2 or s["selects"] for s in seen.values())
    finally:
        context.close()

    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        log_in(page, base, "bea")
        page.goto(base + "/")
        resume = page.get_by_role("link", name=f"Continue {title}")
        expect(resume).to_be_visible()
        resume.click()
        expect(page).to_have_url(re.compile(rf"/attempts/{attempt_id}/3$"))
        expect(page.locator("#progress-label")).to_have_text(f"Question 3 of {total}")
        assert shown_controls(page) == seen[3]
        for position in sorted(seen)[1:]:
            page.goto(f"{base}/attempts/{attempt_id}/{position}")
            assert shown_controls(page) == seen[position], position
        # The two answers given before leaving still stand.
        for position in (1, 2):
            page.goto(f"{base}/attempts/{attempt_id}/{position}")
            expect(page.locator("h1#verdict")).to_be_visible()
    finally:
        context.close()


def tab_to(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches *selector*."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def checked(page: Page) -> list[bool]:
    return page.locator("form.question .choices input").evaluate_all(
        "els => els.map(e => e.checked)"
    )


def test_keyboard_only(page: Page, fixture_server: LiveServer) -> None:
    """Every type of question answered with the keyboard alone, from the home page to the
    summary; after each answer the verdict heading has the focus."""
    base = fixture_server.url
    sign_up(page, base, "kim")
    page.goto(base + "/")
    tab_to(page, "button[aria-label='Practise Fixture bank']")
    page.keyboard.press("Enter")
    expect(page.locator("#progress-label")).to_have_text("Question 1 of 7")

    kinds = []
    for position in range(1, 8):
        expect(page.locator("#progress-label")).to_have_text(f"Question {position} of 7")
        form = page.locator("form.question")
        if form.locator(".choices input").count():
            kind = form.locator(".choices input").first.get_attribute("type")
            tab_to(page, "form.question .choices input")
            page.keyboard.press("Space")  # choose the focused option
            assert checked(page)[0]
            page.keyboard.press(
                "2"
            )  # the number key chooses (or, for a checkbox, toggles) option 2
            expect(form.locator(".choices input").nth(1)).to_be_focused()
            assert checked(page)[:2] == ([True, True] if kind == "checkbox" else [False, True])
            page.keyboard.press("Enter")  # implicit submission from the focused option
        elif form.locator("select").count():
            kind = "select"
            for i in range(form.locator("select").count()):
                tab_to(page, "form.question select")
                for _ in range(i + 1):
                    page.keyboard.press("ArrowDown")
                expect(form.locator("select").nth(i)).to_have_value(
                    str(i + 1) if form.locator("select[name^=p]").count() else str(i)
                )
            tab_to(page, "form.question button[type=submit]")
            page.keyboard.press("Enter")
        else:
            kind = "text"
            tab_to(page, "form.question input[name=answer]")
            page.keyboard.type("35")
            page.keyboard.press("Enter")
        kinds.append(kind)
        verdict = page.locator("h1#verdict")
        expect(verdict).to_be_visible()
        expect(verdict).to_be_focused()
        page.keyboard.press("Enter")  # on the feedback page Enter goes on (the last: finishes)
    assert sorted(set(kinds)) == ["checkbox", "radio", "select", "text"]
    expect(page).to_have_url(re.compile(r"/summary$"))
    expect(page.locator("p.score")).to_have_text(re.compile(r" out of 7\s"))
