"""Layout entries: typed in the code, JSON in the database, readable from either format."""

from __future__ import annotations

from quiz.domain.layout import LayoutEntry, from_json, to_json


def test_an_entry_round_trips_through_json():
    entries = [
        LayoutEntry("q1", "v1", ("b", "a", "c")),
        LayoutEntry("q2", "v2"),
        LayoutEntry("q3", "v3", ("Left two", "Left one"), ("Right b", "Right a", "Extra")),
    ]
    assert from_json(to_json(entries)) == entries


def test_the_stored_format_is_the_one_earlier_attempts_have():
    stored = [
        {"question_id": "single", "version": "a1", "order": ["x", "y"]},
        {"question_id": "tf", "version": "b2", "order": []},
        {
            "question_id": "match",
            "version": "c3",
            "order": {"left": ["L1", "L2"], "right": ["R2", "R1"]},
        },
    ]
    entries = from_json(stored)
    assert entries == [
        LayoutEntry("single", "a1", ("x", "y")),
        LayoutEntry("tf", "b2"),
        LayoutEntry("match", "c3", ("L1", "L2"), ("R2", "R1")),
    ]
    assert to_json(entries) == stored


def test_a_missing_or_empty_order_reads_as_no_order():
    assert LayoutEntry.from_json({"question_id": "q", "version": "v"}) == LayoutEntry("q", "v")
    assert LayoutEntry.from_json({"question_id": "q", "version": "v", "order": None}).order == ()
