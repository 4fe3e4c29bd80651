"""D12: a CR/LF in ``next`` made a successful log-in a 500 (the header refused it). A
``next`` with any control character is ignored: the student lands on the home page."""

from __future__ import annotations

import pytest

from quiz.web.auth import safe_next
from tests.support import PASSWORD


@pytest.mark.parametrize(
    "target",
    ["/%0D%0ASet-Cookie:%20x%3D1", "/history%0A", "/%09/evil.example", "/a%00b", "/%C2%85x"],
)
def test_control_characters_in_next_are_ignored_after_a_good_log_in(create_user, client, target):
    create_user("ann")
    r = client.post(f"/login?next={target}", data={"username": "ann", "password": PASSWORD})
    assert r.status_code in (302, 400)
    if r.status_code == 302:
        assert r.headers["Location"] == "/"
        assert "Set-Cookie: x" not in str(r.headers)


def test_a_plain_next_still_works(create_user, client):
    create_user("ann")
    r = client.post("/login?next=/history", data={"username": "ann", "password": PASSWORD})
    assert r.headers["Location"] == "/history"


@pytest.mark.parametrize("target", ["/\r\n", "/a\tb", "/\x7f", "/\x85"])
def test_safe_next_refuses_control_characters(target):
    assert safe_next(target) is None
