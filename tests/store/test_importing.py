"""Importing bank files and documents into the database: idempotent, versioned, never
deleting, refused whole on an error; exporting writes back what an import reads."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.exporting import export_folder
from quiz.store.importing import ImportRefused, import_folder
from quiz.store.models import Bank, DocumentVersion, QuestionRecord, QuestionVersion, Status
from tests.support import FIXTURES

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
BROKEN = FIXTURES / "broken"


def _bank_file(folder: Path) -> Path:
    return folder / "fixture.yaml"


def _edit(folder: Path, question_id: str, **changes) -> None:
    path = _bank_file(folder)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    for q in raw["questions"]:
        if q["id"] == question_id:
            q.update(changes)
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def ctx(app, questions_dir):
    """The app (the fixture folder already imported by make_app) in an app context."""
    with app.app_context():
        yield questions_dir
        db.session.remove()


def test_the_first_import_made_one_version_of_everything(ctx):
    assert _count(QuestionRecord) == 7
    assert _count(QuestionVersion) == 7
    assert _count(DocumentVersion) == 5
    assert len(current_catalog().questions) == 7


def test_importing_unchanged_content_again_creates_nothing(ctx):
    report = import_folder(ctx, NOW)
    assert not report.changed
    assert (_count(QuestionVersion), _count(DocumentVersion)) == (7, 5)


def test_a_changed_question_gets_a_new_version_and_keeps_its_id(ctx):
    _edit(
        ctx,
        "fx-tf",
        explanation="The article calls the drug long-acting where it first describes it.",
    )
    report = import_folder(ctx, NOW)
    assert (report.questions_changed, report.questions_added) == (1, 0)
    numbers = db.session.execute(
        select(QuestionVersion.number).where(QuestionVersion.question_id == "fx-tf")
    ).scalars()
    assert sorted(numbers) == [1, 2]
    assert current_catalog().questions["fx-tf"].explanation.startswith("The article calls the drug")


def test_a_question_gone_from_its_file_is_retired_not_deleted(ctx):
    raw = yaml.safe_load(_bank_file(ctx).read_text(encoding="utf-8"))
    raw["questions"] = [q for q in raw["questions"] if q["id"] != "fx-order"]
    _bank_file(ctx).write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    report = import_folder(ctx, NOW)
    assert report.retired == ["question fx-order"]
    assert db.session.get(QuestionRecord, "fx-order").status is Status.RETIRED
    assert "fx-order" not in current_catalog().questions
    assert _count(QuestionVersion) == 7  # its history stays


def test_a_bank_whose_file_is_gone_is_retired(ctx):
    (ctx / "second.yaml").write_text(
        (BROKEN / "duplicate_question_id_across_banks" / "second.yaml")
        .read_text()
        .replace("fx-", "sx-"),
        encoding="utf-8",
    )
    import_folder(ctx, NOW)
    second = next(
        b.id for b in db.session.execute(select(Bank)).scalars() if b.origin == "second.yaml"
    )
    (ctx / "second.yaml").unlink()
    report = import_folder(ctx, NOW)
    assert f"bank {second}" in report.retired
    assert db.session.get(Bank, second).retired_at is not None
    assert second not in current_catalog().banks


def test_a_changed_document_gets_a_new_version(ctx):
    path = ctx / "sources" / "000_88ce17740180116d.txt"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nA paragraph added later.\n", encoding="utf-8"
    )
    report = import_folder(ctx, NOW)
    assert report.documents_changed == 1
    assert current_catalog().library.get("seizures").version == 2


def test_a_folder_with_an_error_imports_nothing(ctx):
    shutil.copy(BROKEN / "wrong_option_without_feedback.yaml", ctx / "broken.yaml")
    _edit(ctx, "fx-tf", explanation="Changed, but in a folder that also holds a broken bank.")
    with pytest.raises(ImportRefused) as refused:
        import_folder(ctx, NOW)
    assert any("broken.yaml" in e and "options[1].feedback" in e for e in refused.value.errors)
    assert _count(QuestionVersion) == 7


def test_export_then_import_changes_nothing(ctx, tmp_path):
    out = tmp_path / "exported"
    report = export_folder(out)
    assert (report.banks, report.questions, report.documents) == (1, 7, 5)
    again = import_folder(out, NOW)
    assert not again.changed, str(again)
    assert (
        yaml.safe_load((out / "fixture.yaml").read_text(encoding="utf-8"))["questions"][0]["id"]
        == "fx-single"
    )
