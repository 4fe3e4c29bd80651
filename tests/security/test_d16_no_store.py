"""D16: personal pages and CSV exports had no Cache-Control, so Chromium kept /history
and /progress in its disk cache after log-out (readable on a shared lab computer). Every
page and export is now ``Cache-Control: no-store``; static files stay cacheable."""

from __future__ import annotations

import pytest

from tests.support import PASSWORD

STUDENT_PAGES = ["/", "/history", "/progress", "/login", "/sources"]
STAFF_PAGES = [
    "/instructor/",
    "/instructor/gradebook",
    "/instructor/responses.csv",
    "/instructor/gradebook.csv",
]


@pytest.mark.parametrize("path", STUDENT_PAGES)
def test_student_pages_are_not_stored(student, client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_instructor_pages_and_exports_are_not_stored(create_user, client, path):
    create_user("ines", role="instructor")
    client.post("/login", data={"username": "ines", "password": PASSWORD})
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "no-store"


def test_error_pages_are_not_stored_and_static_files_may_be(client):
    assert client.get("/nowhere").headers["Cache-Control"] == "no-store"
    with client.get("/static/style.css") as r:
        assert "no-store" not in r.headers.get("Cache-Control", "")
