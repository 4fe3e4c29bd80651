"""Import and export in a real browser: an instructor uploads a GIFT file, reads the
preview (counts per type, warnings), confirms, finds the drafts that need a passage,
publishes one after choosing its passage, and downloads a topic as GIFT and as an Anki
deck. Every page passes axe, and screenshots at 1280 and 390 px are taken."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from .conftest import DESKTOP, LiveServer, log_in, shoot
from .test_accessibility import Audit
from .test_authoring_browser import _instructor

pytestmark = pytest.mark.browser

GIFT = Path(__file__).parents[1] / "fixtures" / "interop" / "moodle.gift"


def test_an_instructor_imports_a_gift_file_and_exports_a_topic(
    browser: Browser, fixture_server: LiveServer, tmp_path: Path
) -> None:
    base, audit = fixture_server.url, Audit()
    _instructor(fixture_server)
    page = browser.new_context(viewport=DESKTOP, accept_downloads=True).new_page()
    log_in(page, base, "ines")
    page.goto(base + "/instructor/content/")
    page.get_by_role("link", name="Import questions").click()
    audit.check(page, "import form")
    shoot(page, "interop-upload")
    page.locator("#upload").set_input_files(str(GIFT))
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_role("heading", name="Import of moodle.gift")).to_be_visible()
    expect(page.locator("table.compact")).to_contain_text("matching")
    expect(page.get_by_text("New topics: Imported mechanism")).to_be_visible()
    expect(page.get_by_text("50% credit: it counts as wrong here")).to_be_visible()
    audit.check(page, "import preview")
    shoot(page, "interop-preview")
    page.get_by_role("button", name="Import 10 question(s) as drafts").click()
    expect(page.locator(".flash")).to_contain_text("Imported 10 question(s) as drafts")

    page.goto(base + "/instructor/content/banks/imported-mechanism")
    expect(
        page.get_by_text("needs a source passage; imported from moodle.gift").first
    ).to_be_visible()
    audit.check(page, "topic with imported drafts")
    shoot(page, "interop-drafts")
    page.get_by_role("link", name="Edit gift-gaba-kind").click()
    expect(page.locator("#draft-reason")).to_contain_text("needs a source passage")
    audit.check(page, "an imported draft in the editor")
    shoot(page, "interop-draft-editor")
    page.get_by_label("Document", exact=True).select_option("overview")
    paragraph = page.locator(
        "#source-text p", has_text="These receptors are called GABA-A receptors."
    )
    paragraph.select_text()  # the passage is chosen by highlighting it, as in authoring
    paragraph.dispatch_event("mouseup")
    expect(page.get_by_label("The passage, word for word", exact=False)).to_have_value(
        re.compile("GABA-A receptors")
    )
    page.get_by_role("button", name="Save and publish").click()
    expect(page.locator(".flash")).to_contain_text("Saved as version 1")

    page.goto(base + "/instructor/content/banks/fixture")
    with page.expect_download() as gift:
        page.get_by_role("link", name="GIFT file of Fixture bank").click()
    saved = tmp_path / gift.value.suggested_filename
    gift.value.save_as(saved)
    assert saved.name == "fixture-gift.txt"
    assert "::fx-single::[plain]" in saved.read_text(encoding="utf-8")
    with page.expect_download() as deck:
        page.get_by_role("link", name="Anki deck of Fixture bank").click()
    assert deck.value.suggested_filename == "fixture.apkg"
    audit.check(page, "topic with its downloads")
    shoot(page, "interop-topic-downloads")
    audit.assert_clean()
