"""Times as a person reads them (quiz.web.pages.when): in their zone, naming it; a person
with no zone reads UTC, named, in an element the browser's script may rewrite."""

from __future__ import annotations

from datetime import UTC, datetime

from quiz.web.pages.when import when, when_text

MOMENT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_a_chosen_zone_shows_its_wall_clock_and_its_name():
    shown = str(when(MOMENT, "Europe/Paris"))
    assert (
        shown == '<time datetime="2026-12-01T09:00:00Z">Tue 1 Dec 2026, 10:00 Europe/Paris</time>'
    )


def test_no_zone_shows_utc_named_and_lets_the_browser_rewrite_it():
    shown = str(when(MOMENT, None))
    assert (
        shown == '<time datetime="2026-12-01T09:00:00Z" data-local>Tue 1 Dec 2026, 09:00 UTC</time>'
    )


def test_an_unknown_zone_reads_as_utc_named_and_a_naive_moment_as_utc():
    assert when_text(MOMENT.replace(tzinfo=None), "Not/AZone") == "Tue 1 Dec 2026, 09:00 UTC"
    assert "data-local" in str(when(MOMENT, "Not/AZone"))


def test_no_moment_shows_the_empty_text_escaped():
    assert str(when(None, "UTC", "<none>")) == "&lt;none&gt;"
