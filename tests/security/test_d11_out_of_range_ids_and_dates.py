"""D11: ids beyond the database's integer range and impossible dates gave 500.

Every ``<int:...>`` in a route stops at 2**31 - 1, the largest id PostgreSQL's INTEGER
columns hold (a larger id is a 404, on both databases), and the
gradebook's dates must lie between 1970 and 2999 (a message beside the field, 400).
"""

from __future__ import annotations

import pytest

HUGE = str(2**63)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"/attempts/{HUGE}"),
        ("GET", f"/attempts/{HUGE}/1"),
        ("POST", f"/attempts/{HUGE}/1"),
        ("GET", f"/attempts/1/{HUGE}"),
        ("GET", f"/attempts/{HUGE}/summary"),
        ("POST", f"/attempts/{HUGE}/finish"),
        ("POST", f"/attempts/{HUGE}/retry"),
        ("POST", f"/attempts/{HUGE}/1/rate"),
        ("GET", "/attempts/" + "9" * 400),
        ("GET", f"/attempts/{2**31}"),
        ("POST", f"/attempts/{2**31}/finish"),
    ],
)
def test_a_student_asking_for_a_huge_id_gets_404(student, client, method, path):
    assert client.open(path, method=method).status_code == 404


@pytest.fixture
def ines(create_user, client):
    create_user("ines", role="instructor")
    client.post("/login", data={"username": "ines", "password": "correct horse battery"})


@pytest.mark.parametrize("path", [f"/instructor/students/{HUGE}", f"/instructor/attempts/{HUGE}"])
def test_an_instructor_asking_for_a_huge_id_gets_404(ines, client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "query", ["end=9999-12-31", "start=0001-01-01", "start=2026-01-01&end=9999-12-31"]
)
def test_an_impossible_gradebook_date_is_a_message_not_a_500(ines, client, query):
    r = client.get(f"/instructor/gradebook?{query}")
    assert r.status_code == 400
    assert "Give a date from 1970 to 2999." in r.get_data(as_text=True)
    assert client.get(f"/instructor/gradebook.csv?{query}").status_code == 400


def test_the_largest_id_is_still_an_id(student, client):
    assert client.get(f"/attempts/{2**31 - 1}").status_code == 404  # asked, not found
