"""Load without loss, in small: 16 students for 10 seconds against gunicorn with 4 workers,
one worker killed with SIGKILL halfway. (The full run, 64 students for 60 s, is in
bench/loadtest.py and docs/reliability.md.)"""

from __future__ import annotations

import sys

import pytest

from quiz import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import loadtest


@pytest.fixture(scope="module")
def outcome():
    return loadtest.run(students=16, seconds=10, workers=4, kill_worker=True)


def test_every_acknowledged_answer_is_stored_once_with_its_content(outcome):
    assert outcome.answers_acked > 20, outcome  # the load really answered questions
    assert outcome.missing == 0, outcome
    assert outcome.mismatched == 0, outcome
    assert outcome.answers_stored == outcome.answers_acked, outcome
    assert outcome.unacknowledged_stored == 0, outcome


def test_no_server_errors_under_load(outcome):
    assert outcome.server_errors == 0, outcome


def test_database_is_intact_after_a_worker_is_killed(outcome):
    assert outcome.killed_worker is not None
    assert outcome.integrity == "ok"


def test_other_workers_kept_serving_after_the_kill(outcome):
    assert outcome.served_after_kill > 0
