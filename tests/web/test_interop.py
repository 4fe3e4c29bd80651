"""Import (upload, preview, confirm) and export through requests: drafts that need a
passage and are never served until published, all-or-nothing imports, bad files with a
message and never a traceback, the downloads, and a student's Anki deck."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import Attempt, ContentImport, QuestionRecord, Status
from tests.support import answer_data, authoring_form

FIXTURES = Path(__file__).parents[1] / "fixtures" / "interop"


@pytest.fixture
def ines(create_user, auth):
    create_user("ines", role="instructor")
    auth.login("ines")


def upload(client, name: str, data: bytes, fmt: str = "", bank: str = "fixture"):
    form = {"upload": (io.BytesIO(data), name), "format": fmt, "bank": bank}
    return client.post("/instructor/content/import", data=form, content_type="multipart/form-data")


def preview(client, name: str, data: bytes, fmt: str = ""):
    r = upload(client, name, data, fmt)
    assert r.status_code == 302, r.text[:300]
    return r.headers["Location"], client.get(r.headers["Location"]).text


def records(app) -> dict[str, QuestionRecord]:
    with app.app_context():
        return {r.id: r for r in db.session.execute(db.select(QuestionRecord)).scalars()}


def test_a_gift_file_is_previewed_then_imported_as_drafts_that_are_not_served(app, client, ines):
    before = set(records(app))
    where, page = preview(client, "moodle.gift", (FIXTURES / "moodle.gift").read_bytes())
    assert "Read as <strong>GIFT</strong>" in page
    assert re.search(r"single</td><td class=\"num\">2<", page)  # counts per type
    assert re.search(r"true false</td><td class=\"num\">3<", page)
    assert "Imported mechanism" in page  # a new topic from $CATEGORY
    assert "needs a source passage" in page
    assert "50% credit: it counts as wrong here" in page  # a note on what GIFT loses
    assert "the explanation is empty" in page  # the checker's problems, per question
    assert set(records(app)) == before  # a preview stores no question
    r = client.post(where + "/confirm")
    assert r.status_code == 302
    added = {k: v for k, v in records(app).items() if k not in before}
    assert len(added) == 10
    assert all(
        r.status is Status.DRAFT and r.draft_reason.startswith("needs a source passage")
        for r in added.values()
    )
    with app.app_context():
        served = current_catalog().questions
    assert not set(added) & set(served)
    topic = client.get("/instructor/content/banks/imported-mechanism").text
    assert "needs a source passage; imported from moodle.gift" in topic
    assert (
        "is already" not in client.post(where + "/confirm").text
    )  # a second confirm stores nothing
    assert len(records(app)) == len(before) + 10


def test_an_imported_draft_is_published_once_its_passage_is_chosen(app, client, ines):
    gift = (
        b"// [id:imp-gaba]\n::x::Which receptors does clonazepam bind to?{=GABA-A receptors "
        b"~Dopamine receptors#Dopamine is another system.####The overview names the receptor subtype.}"
    )
    where, _page = preview(client, "one.gift", gift)
    client.post(where + "/confirm")
    edit = client.get("/instructor/content/questions/imp-gaba/edit")
    assert edit.status_code == 200 and "Imported: needs a source passage" in edit.text
    content = records(app)["imp-gaba"].draft
    content["source"] = {
        "document": "overview",
        "quote": "These receptors are called GABA-A receptors.",
    }
    r = client.post("/instructor/content/questions/imp-gaba/edit", data=authoring_form(content))
    assert r.status_code == 302, r.text[:500]
    record = records(app)["imp-gaba"]
    assert (record.status, record.draft, record.draft_reason) == (Status.ACTIVE, None, None)
    with app.app_context():
        assert "imp-gaba" in current_catalog().questions


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("broken.gift", "", "line 3</strong>, question <q>Unbalanced</q>: unbalanced braces"),
        ("bomb.xml", "", "XML bomb"),
        ("broken.xml", "", "not well-formed XML: line 5"),
        ("unknown_type.xml", "", "question type &#39;essay&#39; cannot be imported"),
    ],
)
def test_a_file_with_an_error_imports_nothing_and_says_where(app, client, ines, name, fmt, message):
    before = set(records(app))
    where, page = preview(client, name, (FIXTURES / name).read_bytes(), fmt)
    assert message in page
    assert "Nothing can be imported" in page and "as drafts</button>" not in page
    r = client.post(where + "/confirm")
    assert r.status_code == 302
    assert set(records(app)) == before


def test_wrong_encoding_and_a_formula_are_named(client, ines):
    _where, page = preview(client, "latin.gift", "Caf\xe9?{T}".encode("latin-1"))
    assert "latin.gift is not UTF-8 text" in page
    book = Workbook()
    book.active.append(["type", "prompt", "answer"])
    book.active.append(["numeric", "How many?", "=30+5"])
    out = io.BytesIO()
    book.save(out)
    _where, page = preview(client, "sheet.xlsx", out.getvalue())
    assert "row 2</strong>, question <q>How many?</q>: cell C2 holds a formula" in page


def test_a_50_mb_file_is_refused_with_a_message(app, client, ines):
    head = b'--B\r\nContent-Disposition: form-data; name="upload"; filename="huge.gift"\r\n\r\n'
    body = head + b"x" * (50 * 1024 * 1024) + b"\r\n--B--\r\n"  # sent as a browser would
    r = client.post(
        "/instructor/content/import", data=body, content_type="multipart/form-data; boundary=B"
    )
    assert r.status_code == 413
    assert "larger than 5 MB" in r.text
    with app.app_context():
        assert db.session.execute(db.select(ContentImport)).first() is None


def test_the_upload_form_needs_a_file_and_a_known_format(client, ines):
    assert (
        "Choose a file to import."
        in client.post("/instructor/content/import", data={"bank": "fixture"}).text
    )
    r = upload(client, "questions.doc", b"x")
    assert r.status_code == 400 and "choose it" in r.text


def test_aiken_and_csv_imports(app, client, ines):
    for name, fmt, count in (("aiken.txt", "aiken", 2), ("sheet.csv", "", 4)):
        where, page = preview(client, name, (FIXTURES / name).read_bytes(), fmt)
        assert f"<strong>{count}</strong>" in page, page
        assert client.post(where + "/confirm").status_code == 302
    assert records(app)["sheet-order"].draft["items"][0] == "Binds to GABA receptors"


@pytest.mark.parametrize(
    ("fmt", "kind", "start"),
    [
        ("gift", "text/plain", b"// Written by quiz"),
        ("xml", "application/xml", b"<?xml"),
        ("yaml", "application/yaml", b"id: fixture"),
        ("apkg", "application/octet-stream", b"PK"),
    ],
)
def test_each_export_downloads(client, ines, fmt, kind, start):
    r = client.get(f"/instructor/content/banks/fixture/export.{fmt}")
    assert r.status_code == 200
    assert r.content_type.startswith(kind)
    assert "attachment" in r.headers["Content-Disposition"]
    assert r.data.startswith(start)


def test_an_exported_gift_file_imports_back_as_draft_edits_of_the_same_questions(app, client, ines):
    data = client.get("/instructor/content/banks/fixture/export.gift").data
    where, page = preview(client, "fixture-gift.txt", data)
    assert "check the source passage the file names" in page and "updates question" in page
    client.post(where + "/confirm")
    found = records(app)
    with app.app_context():
        served = current_catalog().questions
    for qid in ("fx-single", "fx-match", "fx-order"):
        assert found[qid].status is Status.ACTIVE and found[qid].draft is not None
        assert found[qid].draft["source"]["quote"] == served[qid].passage.quote


def test_a_students_deck_holds_the_questions_they_answered(app, client, student):
    assert client.get("/review/deck.apkg").status_code == 404  # nothing answered yet
    r = client.post("/banks/fixture/start", data={"practise": "Practise"})
    attempt = r.headers["Location"]
    with app.app_context():
        entry = db.session.get(Attempt, int(attempt.split("/")[2])).layout[0]
        q = current_catalog().questions[entry["question_id"]]
    client.post(attempt, data=answer_data(q, entry))
    deck = client.get("/review/deck.apkg")
    assert deck.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(deck.data))
    assert "collection.anki2" in archive.namelist()
    assert client.get("/banks/fixture/deck.apkg").status_code == 200
    assert client.get("/banks/nothing/deck.apkg").status_code == 404


def test_the_import_forms_refuse_a_post_without_its_csrf_token(tmp_path, questions_dir):
    from tests.support import PASSWORD, make_app

    app = make_app(tmp_path, questions_dir, WTF_CSRF_ENABLED=True)
    with app.app_context():
        from quiz.store.models import INSTRUCTOR, User

        user = User(username="ines", role=INSTRUCTOR)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
    client = app.test_client()
    page = client.get("/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    client.post("/login", data={"username": "ines", "password": PASSWORD, "csrf_token": token})
    assert 'name="csrf_token"' in client.get("/instructor/content/import").text
    refused = upload(client, "one.gift", b"Q?{T}")
    assert refused.status_code == 400 and "This form has expired" in refused.text
    with app.app_context():
        assert db.session.execute(db.select(ContentImport)).first() is None
