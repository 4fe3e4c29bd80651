"""Accounts: sign up, log in, log out, stored passwords, the instructor command, safe redirects."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import func, select

from quiz.store.db import db
from quiz.store.models import STUDENT, User
from tests.support import GOOD_PASSWORD, PASSWORD, is_logged_in, users_named


def user_count(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(User)).scalar_one()


def signup(client, username="bob", password=GOOD_PASSWORD, confirm=None):
    return client.post(
        "/signup",
        data={
            "username": username,
            "password": password,
            "confirm": password if confirm is None else confirm,
        },
    )


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


# ------------------------------------------------------------------ sign up


def test_signup_creates_a_student_and_logs_them_in(app, client):
    r = signup(client, "bob")
    assert r.status_code == 302
    assert r.headers["Location"] == "/"
    [user] = users_named(app, "bob")
    assert user.role == STUDENT
    assert "Welcome!" in page_text(client.get("/"))
    assert is_logged_in(client)


def test_signup_stores_the_user_name_in_lowercase(app, client):
    assert signup(client, "  Bob.Smith ").status_code == 302
    assert [u.username for u in users_named(app, "bob.smith")] == ["bob.smith"]


@pytest.mark.parametrize("taken", ["ann", "ANN"])
def test_signup_with_a_taken_name_says_so_and_stores_nothing(app, client, create_user, taken):
    create_user("ann")
    before = users_named(app, "ann")[0].password_hash
    r = signup(client, taken, password="another good passphrase")
    assert r.status_code == 400
    assert "That user name is taken. Choose another." in page_text(r)
    assert user_count(app) == 1
    assert users_named(app, "ann")[0].password_hash == before
    assert not is_logged_in(client)


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("bob", "short1!", "Choose a password of at least 10 characters."),
        ("bob", "password123", "That password is too easy to guess."),
        ("bob", "aaaaaaaaaaaa", "That password is too easy to guess."),
        ("bobby", "i-am-BOBBY-really", "The password must not contain your user name."),
    ],
)
def test_signup_with_a_weak_password_is_refused_with_the_reason(
    app, client, username, password, message
):
    r = signup(client, username, password)
    assert r.status_code == 400
    assert message in page_text(r)
    assert user_count(app) == 0
    assert not is_logged_in(client)


def test_signup_with_a_mismatched_confirmation_is_refused(app, client):
    r = signup(client, "bob", GOOD_PASSWORD, confirm=GOOD_PASSWORD + "x")
    assert r.status_code == 400
    assert "The two passwords differ." in page_text(r)
    assert user_count(app) == 0


@pytest.mark.parametrize("username", ["ab", "bob smith", "<script>", "-bob", "a" * 41, ""])
def test_signup_with_a_bad_user_name_is_refused(app, client, username):
    r = signup(client, username)
    assert r.status_code == 400
    text = page_text(r)
    assert (
        "Use 3 to 40 characters" in text
        or "This field is required." in text
        or "Field cannot be longer" in text
    )
    assert user_count(app) == 0


def test_signup_page_escapes_a_hostile_user_name_when_redisplaying_it(client):
    r = signup(client, '"><script>alert(1)</script>')
    assert r.status_code == 400
    assert "<script>alert(1)</script>" not in r.get_data(as_text=True)


# ------------------------------------------------------------------ log in and out


def test_login_with_the_right_password_logs_in_and_goes_home(client, create_user, auth):
    create_user("ann")
    r = auth.login("ann")
    assert r.status_code == 302
    assert r.headers["Location"] == "/"
    assert is_logged_in(client)


def test_login_ignores_the_case_of_the_user_name(client, create_user, auth):
    create_user("ann")
    assert auth.login("ANN").status_code == 302
    assert is_logged_in(client)


@pytest.mark.parametrize(
    ("username", "password"), [("ann", "wrong password here"), ("nobody", PASSWORD)]
)
def test_login_with_wrong_credentials_is_refused_without_a_session(
    client, create_user, auth, username, password
):
    create_user("ann")
    r = auth.login(username, password)
    assert r.status_code == 400
    assert "Wrong user name or password" in page_text(r)
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert not is_logged_in(client)


def test_logout_by_get_is_not_allowed_and_keeps_the_session(client, student):
    r = client.get("/logout")
    assert r.status_code == 405
    assert is_logged_in(client)


def test_logout_by_post_ends_the_session(client, student, auth):
    r = auth.logout()
    assert r.status_code == 302
    assert not is_logged_in(client)
    with client.session_transaction() as session:
        assert "_user_id" not in session


# ------------------------------------------------------------------ stored passwords


def test_passwords_are_stored_as_scrypt_hashes_not_plaintext(app, client):
    signup(client, "bob", GOOD_PASSWORD)
    [user] = users_named(app, "bob")
    assert user.password_hash.startswith("scrypt:")
    assert GOOD_PASSWORD not in user.password_hash
    assert user.check_password(GOOD_PASSWORD)
    assert not user.check_password(GOOD_PASSWORD.upper())


def test_two_users_with_the_same_password_get_different_hashes(app, create_user):
    create_user("ann")
    create_user("bea")
    assert users_named(app, "ann")[0].password_hash != users_named(app, "bea")[0].password_hash


# ------------------------------------------------------------------ where login leads


@pytest.mark.parametrize(
    "target",
    [
        "//evil.com",
        "https://evil.com",
        "http://evil.com/history",
        "/\\evil.com",
        "\\\\evil.com",
        "javascript:alert(1)",
        "/\t/evil.com",
        "evil.com",
    ],
)
def test_login_next_cannot_redirect_off_site(client, create_user, target):
    create_user("ann")
    r = client.post(
        "/login", query_string={"next": target}, data={"username": "ann", "password": PASSWORD}
    )
    assert r.status_code == 302
    assert r.headers["Location"] == "/"


def test_login_next_to_a_local_path_is_followed(client, create_user):
    create_user("ann")
    r = client.post(
        "/login",
        query_string={"next": "/history?x=1"},
        data={"username": "ann", "password": PASSWORD},
    )
    assert r.status_code == 302
    assert r.headers["Location"] == "/history?x=1"


def test_a_login_required_page_sends_an_anonymous_visitor_to_login_and_back(client, create_user):
    create_user("ann")
    r = client.get("/history")
    assert r.status_code == 302
    assert r.headers["Location"].startswith("/login?next=")
    r = client.post(r.headers["Location"], data={"username": "ann", "password": PASSWORD})
    assert r.status_code == 302
    assert r.headers["Location"] == "/history"
