"""Every page, in both themes: axe finds no violation, nothing scrolls sideways at 320 px,
tap targets are at least 44 px, chart text is at least 11 px.

The world is made through the store (fast) for a student who signed up in the browser:
attempts in every state, a flashcard session, an appeal, reviews due. With
``SCREENSHOTS=1`` every page is also photographed at 1280, 390 and 320 px in light and
dark (test-artifacts/screenshots/pages/), for a person to look at.
"""

from __future__ import annotations

import os
import random
import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from quiz.domain.assigning import AssignmentSpec
from quiz.domain.attempts import Kind, Mode, Plan
from quiz.domain.courses import Counting, Reveal, Selection, Window
from quiz.domain.questions import type_of
from quiz.domain.scheduling import Rating
from quiz.store import answers, appeals, assigning, attempts, courses
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import INSTRUCTOR, Attempt, User

from .conftest import PASSWORD, SCREENSHOTS, LiveServer, log_in, sign_up
from .test_accessibility import AXE, describe

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390, 320)
SHOOT = os.environ.get("SCREENSHOTS") == "1"

# Controls a finger taps: each at least 44 px tall (inline links in prose are exempt).
TAP_TARGETS = (
    "button:not(.link), a.button, .nav-link, .subnav a, .filter a, summary, select, textarea,"
    " input[type=text], input[type=password], input[type=search], input[type=date],"
    " .options label, .choices label"
)


def _answer(attempt, position, moment, right=True, **extra):
    entry = attempt.entries[position - 1]
    q = current_catalog().questions[entry.question_id]
    answer = type_of(q).example_answer(q, right, random.Random(position))
    return answers.submit_answer(attempt, position, q, answer, moment, **extra)


def _world(server: LiveServer, username: str) -> dict[str, int]:
    """Attempts in every state for *username*, an instructor, an appeal; returns ids."""
    now = datetime.now(UTC)
    earlier = now - timedelta(hours=3)
    with server.app.app_context():
        user_id = db.session.execute(
            db.select(User.id).where(User.username == username)
        ).scalar_one()
        staff = User(username="ines", role=INSTRUCTOR)
        staff.set_password(PASSWORD)
        db.session.add(staff)
        db.session.commit()
        bank = next(iter(server.catalog.banks.values()))
        qs = bank.questions
        done = attempts.start(user_id, qs, Plan(Kind.TOPIC, bank_id=bank.id), earlier)
        for n in range(1, done.size + 1):
            response = _answer(done, n, earlier + timedelta(seconds=n), right=n % 2 == 0).response
            if n == 1:
                appeals.make(response, "I meant the same thing", earlier)
        open_one = attempts.start(user_id, qs, Plan(Kind.TOPIC, bank_id=bank.id), now)
        _answer(open_one, 1, now, right=False)
        mixed = attempts.start(user_id, qs, Plan(Kind.MIXED, bank_id=bank.id, shuffle=False), now)
        cards = attempts.start(user_id, qs, Plan(Kind.MIXED, Mode.FLASHCARDS, bank_id=bank.id), now)
        _answer(cards, 1, now, self_rated=Rating.Good)
        exam = attempts.start(
            user_id, qs, Plan(Kind.TOPIC, Mode.EXAM, bank_id=bank.id, time_limit_s=60), earlier
        )
        _answer(exam, 1, earlier)
        course = courses.create("Pharmacology 101", "Spring", staff.id, now)
        courses.join(course, user_id, now)
        week = AssignmentSpec(
            title="Week 1",
            selection=Selection.BANK,
            bank_ids=(bank.id,),
            question_ids=(),
            draw_count=None,
            mode=Mode.PRACTICE,
            window=Window(None, now + timedelta(days=7), None),
            time_limit_s=None,
            attempts_allowed=None,
            counting=Counting.BEST,
            reveal=Reveal.AFTER_EACH,
            weight=1.0,
        )
        ids = {
            "course": course.id,
            "assignment": assigning.save(course.id, week, now),
            "user": user_id,
            "done": done.id,
            "open": open_one.id,
            "mixed": mixed.id,
            "cards": cards.id,
            "exam": exam.id,
            "size": done.size,
        }
        db.session.remove()
    return ids


def _student_pages(ids: dict[str, int], bank_id: str) -> list[tuple[str, str]]:
    done, size = ids["done"], ids["size"]
    pages = [
        ("home", "/"),
        ("study-session", f"/study?topic={bank_id}"),
        ("settings", "/settings"),
        ("progress", "/progress"),
        ("history", "/history"),
        ("documents", "/sources"),
        ("summary", f"/attempts/{done}/summary"),
        ("summary-mistakes", f"/attempts/{done}/summary?show=mistakes"),
        ("summary-timed-out-exam", f"/attempts/{ids['exam']}/summary"),
        ("flashcard-front", f"/attempts/{ids['cards']}/card/2"),
        ("flashcard-back", f"/attempts/{ids['cards']}/card/2?side=back"),
        ("flashcard-rated", f"/attempts/{ids['cards']}/card/1"),
        ("not-found", "/no-such-page"),
        ("classes", "/classes"),
        ("class", f"/classes/{ids['course']}"),
        ("assignment", f"/assignments/{ids['assignment']}"),
        ("join", "/join"),
    ]
    pages += [(f"question-{n}", f"/attempts/{ids['mixed']}/{n}") for n in range(1, size + 1)]
    pages += [(f"feedback-{n}", f"/attempts/{done}/{n}") for n in range(1, size + 1)]
    return pages


def _instructor_pages(ids: dict[str, int], bank_id: str) -> list[tuple[str, str]]:
    return [
        ("instructor-overview", "/instructor/"),
        ("instructor-gradebook", "/instructor/gradebook"),
        ("instructor-student", f"/instructor/students/{ids['user']}"),
        ("instructor-attempt", f"/instructor/attempts/{ids['done']}"),
        ("instructor-bank", f"/instructor/banks/{bank_id}"),
        ("instructor-items", f"/instructor/banks/{bank_id}/items"),
        ("instructor-passages", "/instructor/passages"),
        ("instructor-appeals", "/instructor/appeals"),
        ("instructor-classes", "/instructor/classes"),
        ("instructor-class", f"/instructor/classes/{ids['course']}"),
        ("instructor-class-gradebook", f"/instructor/classes/{ids['course']}/gradebook"),
        ("instructor-class-log", f"/instructor/classes/{ids['course']}/log"),
        ("instructor-assignment", f"/instructor/assignments/{ids['assignment']}"),
        ("instructor-assignment-form", f"/instructor/assignments/{ids['assignment']}/edit"),
        ("instructor-new-assignment", f"/instructor/classes/{ids['course']}/assignments/new"),
        ("instructor-assignment-items", f"/instructor/assignments/{ids['assignment']}/items"),
    ]


class Inspector:
    """Checks each page as it is shown; reports every problem at the end."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        self.checked: list[str] = []

    def check(self, name: str) -> None:
        page = self.page
        for theme in ("light", "dark"):
            page.emulate_media(color_scheme=theme)
            page.set_viewport_size({"width": 1280, "height": 800})
            page.wait_for_load_state()
            violations = AXE.run(page).response["violations"]
            if violations:
                self.problems.append(describe(f"{name} ({theme})", page.url, violations))
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 844 if width < 1000 else 800})
                if width == 320:
                    self._phone(name, theme)
                if SHOOT:
                    folder = SCREENSHOTS / "pages"
                    folder.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=folder / f"{name}-{width}-{theme}.png", full_page=True)
                    if width == 390:  # what a phone shows first, sticky bar and all
                        page.screenshot(path=folder / f"{name}-390-{theme}-screen.png")
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 1280, "height": 800})
        self.checked.append(name)

    def _phone(self, name: str, theme: str) -> None:
        found = self.page.evaluate(
            """selector => {
              const small = [...document.querySelectorAll(selector)]
                .filter(el => el.offsetParent !== null && !el.closest('.visually-hidden'))
                .map(el => [el, el.getBoundingClientRect()])
                .filter(([el, r]) => r.width > 0 && r.height < 43.5)
                .map(([el, r]) => `${el.tagName.toLowerCase()}.${el.className} `
                  + `"${el.textContent.trim().slice(0, 30)}" ${Math.round(r.height)}px`);
              const tiny = [...document.querySelectorAll('svg.chart text')]
                .map(t => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM() ? t.getScreenCTM().a : 1))
                .filter(size => size < 11);
              return {width: document.documentElement.scrollWidth, small, tiny: tiny.length};
            }""",
            TAP_TARGETS,
        )
        if found["width"] > 320:
            self.problems.append(f"{name} ({theme}): {found['width']}px wide at 320px")
        if found["small"]:
            self.problems.append(f"{name} ({theme}): tap targets under 44px: {found['small'][:5]}")
        if found["tiny"]:
            self.problems.append(f"{name} ({theme}): {found['tiny']} chart labels under 11px")

    def assert_clean(self) -> None:
        assert not self.problems, "\n\n".join(self.problems)


def test_every_page_in_both_themes(page: Page, fixture_server: LiveServer) -> None:
    base = fixture_server.url
    inspector = Inspector(page)
    page.goto(base + "/")
    inspector.check("home-anonymous")
    page.goto(base + "/login")
    inspector.check("login")
    page.goto(base + "/signup")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".errors").first).to_be_visible()
    inspector.check("signup-errors")
    sign_up(page, base, "ann")
    ids = _world(fixture_server, "ann")
    bank_id = next(iter(fixture_server.catalog.banks))
    q = next(iter(fixture_server.catalog.questions.values()))
    highlight = f"/sources/{q.passage.document}?question={q.id}#passage"
    pages = [*_student_pages(ids, bank_id), ("document-highlight", highlight)]
    for name, path in pages:
        page.goto(base + path)
        inspector.check(name)
    _bad_input_pages(page, fixture_server, ids, inspector)
    log_in(page, base, "ines")
    for name, path in _instructor_pages(ids, bank_id):
        page.goto(base + path)
        inspector.check(name)
    inspector.assert_clean()
    assert len(inspector.checked) >= 40, inspector.checked


def _bad_input_pages(
    page: Page, server: LiveServer, ids: dict[str, int], inspector: Inspector
) -> None:
    """Pages that say what was wrong beside the field, and the time-up page."""
    base = server.url
    page.goto(base + "/study")
    page.get_by_role("button", name="Start the session").click()
    expect(page.locator("#topics-errors")).to_be_visible()
    inspector.check("study-session-errors")
    page.goto(base + "/settings")
    page.get_by_label("New questions per day").fill("lots")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#new_per_day-errors")).to_be_visible()
    inspector.check("settings-errors")
    page.goto(base + "/")
    card = page.locator(".cards > .card").first
    card.locator("summary").click()
    card.get_by_label("Time limit in minutes (optional)").fill("ten")
    card.get_by_role("button", name=re.compile("as an exam")).click()
    expect(page.get_by_text("Type the time limit as a whole number")).to_be_visible()
    inspector.check("home-exam-errors")
    page.goto(f"{base}/attempts/{ids['mixed']}/1")
    page.get_by_role("button", name="Submit answer").click()
    expect(page.locator(".errors").first).to_be_visible()
    inspector.check("question-errors")
    page.goto(f"{base}/attempts/{ids['open']}/1")
    page.get_by_text("I think my answer should count").click()
    page.get_by_role("button", name="Send to an instructor").click()
    expect(page.locator("#comment-errors")).to_be_visible()
    inspector.check("feedback-appeal-errors")
    page.goto(base + "/")
    card = page.locator(".cards > .card").first
    card.locator("summary").click()
    card.get_by_label("Time limit in minutes (optional)").fill("1")
    card.get_by_role("button", name=re.compile("as an exam")).click()
    expect(page.locator("#progress-label")).to_be_visible()
    _expire_open_exams(server)  # as if the minute went by while the student read
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Time ran out")).to_be_visible()
    inspector.check("time-up")
    page.get_by_role("button", name=re.compile("Log out")).click()


def _expire_open_exams(server: LiveServer) -> None:
    """Move the deadline of every open exam into the past."""
    with server.app.app_context():
        past = datetime.now(UTC) - timedelta(seconds=5)
        for attempt in db.session.execute(
            db.select(Attempt).where(Attempt.mode == Mode.EXAM, Attempt.finished_at.is_(None))
        ).scalars():
            attempt.deadline_at = past
        db.session.commit()
        db.session.remove()
