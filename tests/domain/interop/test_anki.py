"""Anki decks: one note per question, a guid per question id (re-importing updates), the
back holding the key, the explanation and the passage with its document's title."""

from __future__ import annotations

import io
import sqlite3
import zipfile

import genanki

from quiz import ROOT
from quiz.domain.catalog import Catalog
from quiz.domain.interop.anki import write_apkg


def _notes(data: bytes, tmp_path) -> list[tuple[str, str, str]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == ["collection.anki2", "media"]
    path = tmp_path / "collection.anki2"
    path.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT guid, flds, tags FROM notes ORDER BY id").fetchall()
    db.close()
    return rows


def test_a_deck_of_every_shipped_question(tmp_path):
    catalog = Catalog.load(ROOT / "questions")
    questions = [q for bank in catalog.banks.values() for q in bank.questions]
    notes = _notes(write_apkg("All", questions, catalog.library, now=1_700_000_000), tmp_path)
    assert len(notes) == len(questions) == 141
    assert [guid for guid, _f, _t in notes] == [genanki.guid_for("quiz", q.id) for q in questions]
    first, question = notes[0], questions[0]
    front, back, qid = first[1].split("\x1f")
    assert qid == question.id and question.prompt.split()[0] in front
    document = catalog.library.get(question.passage.document)
    for part in (question.explanation, document.title):
        assert str(part).replace("'", "&#39;").replace('"', "&#34;") in back
    assert question.bank in first[2]


def test_the_same_question_keeps_its_note_id_in_every_deck(tmp_path):
    catalog = Catalog.load(ROOT / "questions")
    one = next(iter(catalog.banks.values())).questions[:2]
    first = _notes(write_apkg("A", one, catalog.library, now=1), tmp_path)
    again = _notes(write_apkg("B", one, catalog.library, now=2), tmp_path)
    assert [n[0] for n in first] == [n[0] for n in again]
