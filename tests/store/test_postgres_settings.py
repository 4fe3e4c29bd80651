"""On PostgreSQL every connection of the app has the durability the settings chose."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from quiz.store.db import db
from tests.support import TEST_DATABASE_URL, make_app

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL, reason="exercises PostgreSQL itself")


@pytest.mark.parametrize("chosen", ["off", "on"])
def test_each_connection_commits_as_the_settings_say(tmp_path, questions_dir, chosen):
    app = make_app(tmp_path, questions_dir, POSTGRES_SYNCHRONOUS_COMMIT=chosen)
    with app.app_context():
        db.engine.dispose()  # new connections, opened with the setting
        shown = db.session.execute(text("SHOW synchronous_commit")).scalar_one()
    assert shown == chosen
