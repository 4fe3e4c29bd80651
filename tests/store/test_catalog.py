"""Each process serves the catalog it built, and rebuilds it only when the content's
revision moved (checked at most once per interval)."""

from __future__ import annotations

from datetime import UTC, datetime

import yaml
from sqlalchemy import event

from quiz import create_app
from quiz.store import catalog as served
from quiz.store.db import db
from quiz.store.importing import import_folder
from tests.support import APPS, make_app

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _second_process(app, interval: float):
    """Another app on the same database, as another worker or app server would be."""
    other = create_app({**app.config, "CATALOG_CHECK_SECONDS": interval})
    APPS.append(other)
    return other


def _change_explanation(folder, text: str) -> None:
    path = folder / "fixture.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["questions"][2]["explanation"] = text
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")


def test_another_process_serves_an_edit_once_the_revision_moves(app, questions_dir):
    other = _second_process(app, 0)
    with other.app_context():
        before = served.current().questions["fx-tf"].explanation
    _change_explanation(questions_dir, "A new explanation, saved by one process.")
    with app.app_context():
        import_folder(questions_dir, NOW)
    with other.app_context():
        after = served.current().questions["fx-tf"].explanation
    assert before != after
    assert after == "A new explanation, saved by one process."


def test_within_the_interval_a_process_does_not_even_read_the_revision(app, questions_dir):
    other = _second_process(app, 3600)
    with other.app_context():
        first = served.current()
    _change_explanation(questions_dir, "Changed while the other process was not looking.")
    with app.app_context():
        import_folder(questions_dir, NOW)
    reads = []
    with other.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: reads.append(args[2]))
        assert served.current() is first  # the old catalog, no query
        assert reads == []
        served.forget()
        assert served.current().questions["fx-tf"].explanation.startswith("Changed while")


def test_an_unchanged_revision_keeps_the_same_catalog_object(tmp_path, questions_dir):
    app = make_app(tmp_path, questions_dir)
    with app.app_context():
        first = served.current()
        assert served.current() is first
        assert first.revision == served.current().revision
