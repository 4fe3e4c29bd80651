"""D17: no Strict-Transport-Security header, even with Secure cookies. With
``QUIZ_SECURE_COOKIES=true`` (the site is served over HTTPS) every response now has it."""

from __future__ import annotations

from tests.support import PASSWORD, make_app


def test_hsts_is_sent_when_cookies_are_secure(tmp_path, questions_dir, create_user):
    app = make_app(tmp_path / "secure", questions_dir, SECURE_COOKIES=True)
    client = app.test_client()
    for path in ("/login", "/static/style.css"):
        with client.get(path, base_url="https://localhost") as r:
            assert r.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_no_hsts_when_served_over_plain_http(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers


def test_a_log_in_over_https_gets_hsts_and_secure_cookies(tmp_path, questions_dir):
    app = make_app(tmp_path / "secure", questions_dir, SECURE_COOKIES=True)
    from quiz.store.db import db
    from quiz.store.models import User

    with app.app_context():
        user = User(username="ann")
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
    r = app.test_client().post(
        "/login", data={"username": "ann", "password": PASSWORD}, base_url="https://localhost"
    )
    assert r.status_code == 302
    assert r.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Secure" in r.headers["Set-Cookie"]
