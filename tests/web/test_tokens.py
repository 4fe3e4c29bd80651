"""The CSRF token a page carries is signed at most once a minute per session
(quiz/web/tokens.py); every signature stays one CSRFProtect accepts."""

from __future__ import annotations

from itertools import count

import pytest
from itsdangerous import TimestampSigner

from quiz.store.db import db
from quiz.store.models import User
from quiz.web import tokens
from tests.support import PASSWORD, make_app
from tests.web.test_security import logged_in, token_from


@pytest.fixture
def csrf_app(tmp_path, questions_dir):
    return make_app(tmp_path, questions_dir, WTF_CSRF_ENABLED=True)


@pytest.fixture(autouse=True)
def _ticking_signatures(monkeypatch):
    """Each signature ten seconds after the last: two signatures never coincide."""
    seconds = count(1_800_000_000, 10)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: next(seconds))
    tokens._SIGNED.clear()


def _logged_in_client(app, name: str):
    with app.app_context():
        user = User(username=name)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
    client = app.test_client()
    login = {"username": name, "password": PASSWORD, "csrf_token": token_from(client, "/login")}
    assert client.post("/login", data=login).status_code == 302
    return client


def test_pages_within_a_minute_carry_one_signature_that_is_accepted(csrf_app):
    ann = _logged_in_client(csrf_app, "ann")
    first, second = token_from(ann, "/history"), token_from(ann, "/sources")
    assert first == second
    assert ann.post("/logout", data={"csrf_token": second}).status_code == 302
    assert not logged_in(ann)


def test_a_minute_later_a_page_gets_a_new_signature_and_the_old_one_still_works(
    csrf_app, monkeypatch
):
    ann = _logged_in_client(csrf_app, "ann")
    first = token_from(ann, "/history")
    later = tokens.monotonic() + tokens.REUSE_S + 1
    monkeypatch.setattr(tokens, "monotonic", lambda: later)
    second = token_from(ann, "/history")
    assert second != first
    assert ann.post("/logout", data={"csrf_token": first}).status_code == 302
    assert not logged_in(ann)


def test_each_session_has_its_own_token_and_cannot_use_another(csrf_app):
    ann, bob = _logged_in_client(csrf_app, "ann"), _logged_in_client(csrf_app, "bob")
    ann_token, bob_token = token_from(ann, "/history"), token_from(bob, "/history")
    assert ann_token != bob_token
    assert ann.post("/logout", data={"csrf_token": bob_token}).status_code == 400
    assert logged_in(ann)


def test_a_new_secret_key_signs_anew(csrf_app):
    ann = _logged_in_client(csrf_app, "ann")
    first = token_from(ann, "/history")
    csrf_app.config["SECRET_KEY_FALLBACKS"] = [csrf_app.secret_key]
    csrf_app.secret_key = "another-secret-key"
    second = token_from(ann, "/history")
    assert second != first
    assert ann.post("/logout", data={"csrf_token": second}).status_code == 302
