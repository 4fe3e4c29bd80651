"""Authoring in the browser, over HTTP: topics, questions of every type, drafts, versions
and history, retiring, documents and their versions; every save checked like a bank file."""

from __future__ import annotations

import copy
import io
import re

import pytest
from sqlalchemy import func, select

from quiz.domain.banks import parse_bank_file
from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import (
    Attempt,
    Bank,
    DocumentVersion,
    QuestionRecord,
    QuestionVersion,
    Status,
)
from tests.support import FIXTURES, answer_data, authoring_form

FIXTURE = {q["id"]: q for q in parse_bank_file(FIXTURES / "all_types.yaml")["questions"]}
NEW = "/instructor/content/banks/fixture/questions/new"
GUIDE_QUOTE = "Clonazepam is available in a tablet, disintegrating tablet and solution."


@pytest.fixture
def ines(client, auth, instructor):
    auth.login("ines")
    return client


def renamed(question_id: str, new_id: str) -> dict:
    content = copy.deepcopy(FIXTURE[question_id])
    content["id"] = new_id
    return content


def served(app) -> dict:
    with app.app_context():
        return current_catalog().questions


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("source", sorted(FIXTURE))
def test_an_instructor_writes_a_question_of_each_type_and_it_is_served(app, ines, source):
    content = renamed(source, f"new-{source}")
    r = ines.post(f"{NEW}?type={content['type']}", data=authoring_form(content))
    assert r.status_code == 302, re.findall(r'<ul class="errors"[^>]*>(.*?)</ul>', r.text, re.S)
    question = served(app)[f"new-{source}"]
    assert (question.type, question.prompt) == (content["type"], content["prompt"])
    assert question.version == served(app)[source].version.__class__(question.version)  # a hash
    with app.app_context():
        assert db.session.get(QuestionRecord, f"new-{source}").status is Status.ACTIVE


def test_a_quote_not_in_its_document_is_refused_beside_the_field_and_nothing_is_stored(app, ines):
    content = renamed("fx-single", "bad-quote")
    content["source"]["quote"] = "Words that no document of this course contains, anywhere at all."
    before = count(app, QuestionVersion)
    r = ines.post(f"{NEW}?type=single", data=authoring_form(content))
    assert r.status_code == 400
    assert re.search(
        r'id="source-quote-errors">\s*<li>this text does not occur in document', r.text
    )
    assert "Words that no document of this course contains" in r.text  # what was typed is kept
    assert count(app, QuestionVersion) == before
    assert "bad-quote" not in served(app)


def test_every_problem_of_a_save_is_shown_beside_its_field(ines):
    content = renamed("fx-single", "many-problems")
    content["prompt"] = ""
    content["options"][1]["feedback"] = ""
    r = ines.post(f"{NEW}?type=single", data=authoring_form(content))
    assert r.status_code == 400
    assert re.search(r'id="prompt-errors">\s*<li>the prompt is empty', r.text)
    errors = re.search(r'id="options-1-feedback-errors">\s*<li>(.*?)</li>', r.text)
    assert errors and "has no feedback" in errors.group(1)


def test_an_id_already_taken_is_refused_beside_the_id(app, ines):
    r = ines.post(f"{NEW}?type=single", data=authoring_form(copy.deepcopy(FIXTURE["fx-single"])))
    assert r.status_code == 400
    assert re.search(r'id="id-errors">\s*<li>the id &#39;fx-single&#39; is taken', r.text)
    assert count(app, QuestionVersion) == 7


def test_a_draft_is_kept_with_its_errors_and_never_served(app, ines):
    content = renamed("fx-tf", "half-written")
    content["explanation"] = ""
    r = ines.post(f"{NEW}?type=true_false", data=authoring_form(content, "draft"))
    assert r.status_code == 302
    assert "half-written" not in served(app)
    page = ines.get("/instructor/content/questions/half-written/edit").text
    assert "You are editing a draft" in page
    assert "draft: not served" in ines.get("/instructor/content/banks/fixture").text


def test_an_edit_makes_a_new_version_with_its_author_and_changes(app, ines):
    content = copy.deepcopy(FIXTURE["fx-tf"])
    content["explanation"] = "Where it first describes the drug, the article calls it long-acting."
    r = ines.post("/instructor/content/questions/fx-tf/edit", data=authoring_form(content))
    assert r.status_code == 302
    assert served(app)["fx-tf"].explanation.startswith("Where it first describes")
    history = ines.get("/instructor/content/questions/fx-tf/history").text
    assert "Version 2" in history and "Version 1" in history
    assert "ines" in history and "imported from a bank file" in history
    assert "explanation:" in history and "Where it first describes" in history


def test_saving_unchanged_content_makes_no_new_version(app, ines):
    r = ines.post(
        "/instructor/content/questions/fx-tf/edit",
        data=authoring_form(copy.deepcopy(FIXTURE["fx-tf"])),
    )
    assert r.status_code == 302
    assert count(app, QuestionVersion) == 7


def test_a_students_earlier_answer_still_reads_as_the_question_was(
    app, client, auth, create_user, ines
):
    create_user("ann")
    auth.logout()
    auth.login("ann")
    location = client.post("/banks/fixture/start", data={"practise": "Practise"}).headers[
        "Location"
    ]
    attempt = int(location.split("/")[2])
    with app.app_context():
        layout = db.session.get(Attempt, attempt).layout
    position = next(n for n, e in enumerate(layout, 1) if e["question_id"] == "fx-tf")
    q = served(app)["fx-tf"]
    client.post(f"/attempts/{attempt}/{position}", data=answer_data(q, layout[position - 1]))
    auth.logout()
    auth.login("ines")
    content = copy.deepcopy(FIXTURE["fx-tf"])
    content["prompt"] = (
        "A reworded statement about how long the drug acts, per the seizures article."
    )
    assert (
        ines.post(
            "/instructor/content/questions/fx-tf/edit", data=authoring_form(content)
        ).status_code
        == 302
    )
    auth.logout()
    auth.login("ann")
    feedback = client.get(f"/attempts/{attempt}/{position}").text
    assert q.prompt in feedback and "A reworded statement" not in feedback
    assert q.explanation in feedback


def test_retiring_a_question_stops_serving_it_and_restoring_brings_it_back(app, ines):
    assert ines.post("/instructor/content/questions/fx-order/retire").status_code == 302
    assert "fx-order" not in served(app)
    assert ines.post("/instructor/content/questions/fx-order/restore").status_code == 302
    assert "fx-order" in served(app)


def test_a_new_topic_is_offered_once_it_has_a_question(app, ines, client):
    r = ines.post(
        "/instructor/content/banks/new", data={"id": "extra", "title": "Extra topic", "save": "y"}
    )
    assert r.status_code == 302
    assert "extra" in current_catalog_banks(app)
    client.get("/")  # shows the flash message naming the new topic
    assert "Extra topic" not in client.get("/").text  # empty: not offered to students
    content = renamed("fx-single", "extra-single")
    assert (
        ines.post(
            "/instructor/content/banks/extra/questions/new?type=single",
            data=authoring_form(content),
        ).status_code
        == 302
    )
    assert "Extra topic" in client.get("/").text


def current_catalog_banks(app) -> dict:
    with app.app_context():
        return current_catalog().banks


def test_a_topic_with_a_taken_id_is_refused_beside_the_id(app, ines):
    r = ines.post(
        "/instructor/content/banks/new", data={"id": "fixture", "title": "Again", "save": "y"}
    )
    assert r.status_code == 400
    assert re.search(r'id="id-errors">\s*<li>a bank with the id', r.text), r.text
    assert "Again" in r.text  # the typed title is kept
    assert count(app, Bank) == 1


def test_topics_can_be_retired_restored_and_reordered(app, ines):
    ines.post(
        "/instructor/content/banks/new", data={"id": "second", "title": "Second", "save": "y"}
    )
    assert list(current_catalog_banks(app)) == ["fixture", "second"]
    ines.post("/instructor/content/banks/second/move", data={"direction": "up"})
    with app.app_context():
        order = [b.id for b in db.session.execute(select(Bank).order_by(Bank.position)).scalars()]
    assert order == ["second", "fixture"]
    ines.post("/instructor/content/banks/fixture/retire")
    assert "fixture" not in current_catalog_banks(app)
    ines.post("/instructor/content/banks/fixture/restore")
    assert "fixture" in current_catalog_banks(app)


def test_a_selected_passage_is_taken_from_the_document_itself(app, ines):
    with app.app_context():
        guide = current_catalog().library.get("guide")
    start = guide.text.index(GUIDE_QUOTE)
    content = renamed("fx-single", "selected")
    data = authoring_form(content)
    data.update(
        {
            "source-document": "guide",
            "source-quote": "whatever the browser showed",
            "source-start": str(start),
            "source-end": str(start + len(GUIDE_QUOTE)),
        }
    )
    assert ines.post(f"{NEW}?type=single", data=data).status_code == 302
    assert served(app)["selected"].passage.quote == GUIDE_QUOTE


def test_a_lint_warning_is_reported_and_does_not_stop_a_save(app, ines):
    content = renamed("fx-tf", "leaky")
    content["prompt"] = (
        "The overview names gamma-aminobutyric acid, GABA, as the neurotransmitter the drug enhances."
    )
    r = ines.post(f"{NEW}?type=true_false", data=authoring_form(content, "preview"))
    assert "The lint" in r.text and "answer-leak" in r.text
    assert ines.post(f"{NEW}?type=true_false", data=authoring_form(content)).status_code == 302
    assert "leaky" in served(app)


def test_a_preview_shows_the_question_as_a_student_sees_it_without_saving(app, ines):
    content = renamed("fx-match", "previewed")
    r = ines.post(f"{NEW}?type=matching", data=authoring_form(content, "preview"))
    assert r.status_code == 200
    assert "Preview: the question as a student sees it" in r.text and content["prompt"] in r.text
    assert 'name="preview-m0"' in r.text
    assert "previewed" not in served(app)


# ------------------------------------------------------------------------ documents


def _document(ines, **fields):
    data = {"id": "notes", "title": "Lecture notes", "short": "the notes", "save": "y", **fields}
    return ines.post(
        "/instructor/content/documents/new", data=data, content_type="multipart/form-data"
    )


def test_a_pasted_document_is_saved_and_quotable(app, ines):
    r = _document(ines, text="Notes\n\nThe tablets are taken by mouth twice a day with water.\n")
    assert r.status_code == 302
    with app.app_context():
        notes = current_catalog().library.get("notes")
    assert (
        notes.short == "the notes"
        and notes.find("taken by mouth twice a day with water") is not None
    )


@pytest.mark.parametrize(
    ("name", "body"),
    [
        (
            "notes.html",
            b"<h1>Notes</h1><script>alert('x')</script><p onclick='x()'>Taken by mouth twice a day.</p>",
        ),
        (
            "notes.md",
            b"# Notes\n\nTaken by mouth **twice** a day.\n\n<script>alert('x')</script>\n",
        ),
    ],
)
def test_an_uploaded_html_or_markdown_document_is_reduced_to_text(app, ines, name, body):
    r = _document(ines, upload=(io.BytesIO(body), name))
    assert r.status_code == 302
    with app.app_context():
        text = current_catalog().library.get("notes").text
    assert "Taken by mouth twice a day." in text
    assert "<p" not in text and "onclick" not in text and "**" not in text
    page = ines.get("/instructor/content/documents/notes").text
    assert "<script>alert" not in page


def test_a_document_over_two_megabytes_is_refused_with_a_message(app, ines):
    # Encoded here, in memory: werkzeug's test client spools a body this large to a temporary
    # file it never closes (a ResourceWarning), which says nothing about the app.
    boundary = "quiz-test-boundary"
    fields = {"id": "notes", "title": "Big", "save": "y"}
    head = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        for k, v in fields.items()
    )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; filename="big.txt"\r\n\r\n'
    )
    body = head.encode() + b"x" * (2 * 1024 * 1024 + 1) + f"\r\n--{boundary}--\r\n".encode()
    r = ines.post(
        "/instructor/content/documents/new",
        input_stream=io.BytesIO(body),
        content_type=f'multipart/form-data; boundary="{boundary}"',
        content_length=len(body),
    )
    assert r.status_code == 400
    assert "larger than 2 MB" in r.text
    assert count(app, DocumentVersion) == 5


def test_a_new_version_of_a_document_lists_the_questions_that_lost_their_passage(app, ines):
    with app.app_context():
        guide = current_catalog().library.get("guide")
    changed = guide.text.replace(GUIDE_QUOTE, "Clonazepam comes as tablets and as a liquid.")
    data = {"id": "guide", "title": guide.title, "short": guide.short, "text": changed, "save": "y"}
    r = ines.post("/instructor/content/documents/guide", data=data, follow_redirects=True)
    assert r.status_code == 200
    assert "no longer find their passage" in r.text and "fx-multiple" in r.text
    assert "fx-multiple" not in served(app)  # not served until fixed
    assert "fx-single" in served(app)
