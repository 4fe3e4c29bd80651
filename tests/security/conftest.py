"""Fixtures of the security suite: an app on a clock the test moves, and a student on it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support import Clock, make_app

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def app(tmp_path, questions_dir, clock):
    """The app of tests/conftest.py, on a clock the test moves by hand."""
    return make_app(tmp_path, questions_dir, CLOCK=clock)
