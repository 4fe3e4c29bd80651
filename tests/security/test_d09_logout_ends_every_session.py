"""D9: a session cookie copied before log-out still worked after it.

Each session carries the user's session version; logging out (or a new password) moves
the version on, so every earlier copy of every session of the user stops working.
"""

from __future__ import annotations

from quiz.store import users
from tests.support import GOOD_PASSWORD, PASSWORD, is_logged_in


def _copy(app, client):
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def test_a_cookie_copied_before_logout_is_logged_out(app, student, client):
    copy = _copy(app, client)
    assert is_logged_in(copy)
    client.post("/logout")
    assert not is_logged_in(client)
    assert not is_logged_in(copy)


def test_logout_ends_the_sessions_in_other_browsers_too(app, student, client):
    laptop = app.test_client()
    assert laptop.post("/login", data={"username": "ann", "password": PASSWORD}).status_code == 302
    client.post("/logout")
    assert not is_logged_in(laptop)


def test_a_new_password_ends_every_session(app, create_user, client):
    create_user("ines", role="instructor")
    client.post("/login", data={"username": "ines", "password": PASSWORD})
    assert is_logged_in(client)
    with app.app_context():
        users.make_instructor("ines", GOOD_PASSWORD)  # create-instructor sets a new password
    assert not is_logged_in(client)
    assert (
        client.post("/login", data={"username": "ines", "password": GOOD_PASSWORD}).status_code
        == 302
    )


def test_a_session_without_a_version_is_not_accepted(app, student, client):
    with client.session_transaction() as session:
        session["_user_id"] = session["_user_id"].split(".")[0]  # as cookies made before
    assert not is_logged_in(client)
