"""CSRF on every POST, security headers, cookies, escaping of student input, error pages."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import func, select

from quiz.store.catalog import current as current_catalog
from quiz.store.db import db
from quiz.store.models import Attempt, Response, User
from tests.support import PASSWORD, make_app

XSS = "<script>alert(1)</script>"
ESCAPED_XSS = "&lt;script&gt;alert(1)&lt;/script&gt;"
CSRF_MESSAGE = "This form has expired or was not sent from this site."


def count(app, model) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def token_from(client, path: str) -> str:
    """The CSRF token in a form of the page at *path*."""
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page
    )
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def logged_in(client) -> bool:
    return client.get("/history").status_code == 200


def position_of(app, attempt_id: int, question_id: str) -> int:
    with app.app_context():
        entries = db.session.get(Attempt, attempt_id).layout
    return next(n for n, e in enumerate(entries, 1) if e["question_id"] == question_id)


# ------------------------------------------------------------------ CSRF


@pytest.fixture
def csrf_app(tmp_path, questions_dir):
    return make_app(tmp_path, questions_dir, WTF_CSRF_ENABLED=True)


@pytest.fixture
def csrf_client(csrf_app):
    return csrf_app.test_client()


@pytest.fixture
def ann(csrf_app, csrf_client):
    """ann, logged in through the login form with its token."""
    with csrf_app.app_context():
        user = User(username="ann")
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
    token = token_from(csrf_client, "/login")
    r = csrf_client.post(
        "/login", data={"username": "ann", "password": PASSWORD, "csrf_token": token}
    )
    assert r.status_code == 302
    return csrf_client


@pytest.fixture
def open_attempt(csrf_app, ann) -> int:
    """An attempt of ann's, started through the home page's form with its token."""
    r = ann.post(
        "/banks/fixture/start", data={"practise": "Practise", "csrf_token": token_from(ann, "/")}
    )
    assert r.status_code == 302
    return int(re.fullmatch(r"/attempts/(\d+)/1", r.headers["Location"]).group(1))


def assert_csrf_refusal(r) -> None:
    assert r.status_code == 400
    assert CSRF_MESSAGE in r.get_data(as_text=True)


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_signup_without_a_valid_csrf_token_is_refused_and_stores_nothing(
    csrf_app, csrf_client, token
):
    data = {
        "username": "bob",
        "password": "purple elephants dance",
        "confirm": "purple elephants dance",
    }
    if token is not None:
        data["csrf_token"] = token
    csrf_client.get("/signup")  # a session exists, as in a browser
    assert_csrf_refusal(csrf_client.post("/signup", data=data))
    assert count(csrf_app, User) == 0
    assert not logged_in(csrf_client)


def test_signup_with_a_valid_csrf_token_works(csrf_app, csrf_client):
    token = token_from(csrf_client, "/signup")
    r = csrf_client.post(
        "/signup",
        data={
            "username": "bob",
            "password": "purple elephants dance",
            "confirm": "purple elephants dance",
            "csrf_token": token,
        },
    )
    assert r.status_code == 302
    assert count(csrf_app, User) == 1
    assert logged_in(csrf_client)


def test_login_without_a_csrf_token_is_refused_and_logs_nobody_in(csrf_app, csrf_client):
    with csrf_app.app_context():
        user = User(username="ann")
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
    assert_csrf_refusal(csrf_client.post("/login", data={"username": "ann", "password": PASSWORD}))
    assert not logged_in(csrf_client)


def test_login_with_a_valid_csrf_token_works(ann):
    assert logged_in(ann)


def test_logout_without_a_csrf_token_is_refused_and_keeps_the_session(ann):
    assert_csrf_refusal(ann.post("/logout"))
    assert logged_in(ann)


def test_logout_with_a_valid_csrf_token_works(ann):
    r = ann.post("/logout", data={"csrf_token": token_from(ann, "/")})
    assert r.status_code == 302
    assert not logged_in(ann)


def test_start_without_a_csrf_token_is_refused_and_creates_no_attempt(csrf_app, ann):
    assert_csrf_refusal(ann.post("/banks/fixture/start", data={"practise": "Practise"}))
    assert count(csrf_app, Attempt) == 0


def test_start_with_a_valid_csrf_token_works(csrf_app, open_attempt):
    assert count(csrf_app, Attempt) == 1


def test_answer_without_a_csrf_token_is_refused_and_stores_nothing(csrf_app, ann, open_attempt):
    position = position_of(csrf_app, open_attempt, "fx-short")
    assert_csrf_refusal(ann.post(f"/attempts/{open_attempt}/{position}", data={"answer": "GABA"}))
    assert count(csrf_app, Response) == 0


def test_answer_with_a_valid_csrf_token_works(csrf_app, ann, open_attempt):
    position = position_of(csrf_app, open_attempt, "fx-short")
    path = f"/attempts/{open_attempt}/{position}"
    r = ann.post(path, data={"answer": "GABA", "csrf_token": token_from(ann, path)})
    assert r.status_code == 302
    assert count(csrf_app, Response) == 1


def test_finish_without_a_csrf_token_is_refused_and_leaves_the_attempt_open(
    csrf_app, ann, open_attempt
):
    assert_csrf_refusal(ann.post(f"/attempts/{open_attempt}/finish"))
    with csrf_app.app_context():
        assert db.session.get(Attempt, open_attempt).finished_at is None


def test_finish_with_a_valid_csrf_token_works(csrf_app, ann, open_attempt):
    token = token_from(ann, f"/attempts/{open_attempt}/summary")
    r = ann.post(f"/attempts/{open_attempt}/finish", data={"csrf_token": token})
    assert r.status_code == 302
    with csrf_app.app_context():
        assert db.session.get(Attempt, open_attempt).finished_at is not None


def test_a_token_from_another_session_is_refused(csrf_app, ann):
    stranger = csrf_app.test_client()
    foreign = token_from(stranger, "/login")
    assert_csrf_refusal(
        ann.post("/banks/fixture/start", data={"practise": "Practise", "csrf_token": foreign})
    )
    assert count(csrf_app, Attempt) == 0


# ------------------------------------------------------------------ headers and cookies


@pytest.mark.parametrize(
    "path", ["/", "/login", "/signup", "/sources", "/sources/overview", "/no-such-page"]
)
def test_pages_carry_the_security_headers(client, path):
    r = client.get(path)
    csp = r.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] in {
        "same-origin",
        "strict-origin-when-cross-origin",
        "no-referrer",
    }


def test_logged_in_pages_carry_the_security_headers_too(app, client, student):
    attempt_id = int(
        client.post("/banks/fixture/start", data={"practise": "Practise"})
        .headers["Location"]
        .split("/")[2]
    )
    for path in ("/history", f"/attempts/{attempt_id}/1", f"/attempts/{attempt_id}/summary"):
        r = client.get(path)
        assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in r.headers["Content-Security-Policy"]
        assert r.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/login", "/signup", "/sources/overview?question=fx-single"])
def test_pages_need_no_inline_script_or_style_that_the_policy_would_block(client, path):
    page = client.get(path).get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert not re.search(r"\sstyle=", page)
    assert not re.search(r"<style", page)
    assert not re.search(r"\son[a-z]+=", page)


def test_the_session_cookie_is_httponly_and_samesite_lax(client, create_user):
    create_user("ann")
    r = client.post("/login", data={"username": "ann", "password": PASSWORD})
    assert r.status_code == 302
    cookies = [c for c in r.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert cookies, r.headers.getlist("Set-Cookie")
    parts = [p.strip().lower() for p in cookies[-1].split(";")]
    assert "httponly" in parts
    assert "samesite=lax" in parts


def test_secure_cookies_setting_marks_the_session_cookie_secure(tmp_path, questions_dir):
    app = make_app(tmp_path, questions_dir, SECURE_COOKIES=True)
    client = app.test_client()
    with app.app_context():
        user = User(username="ann")
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
    r = client.post("/login", data={"username": "ann", "password": PASSWORD})
    cookie = next(c for c in r.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "secure" in [p.strip().lower() for p in cookie.split(";")]


def test_a_new_secret_key_ends_sessions_and_a_fallback_key_keeps_them(app, client, student):
    """The session signer is made once per set of keys (quiz.web.security.CookieSessions),
    so a key changed in a running app still takes effect at once."""
    assert client.get("/history").status_code == 200
    app.config["SECRET_KEY_FALLBACKS"] = [app.secret_key]
    app.secret_key = "a-new-secret-key"
    assert client.get("/history").status_code == 200  # signed with the old key: accepted
    app.config["SECRET_KEY_FALLBACKS"] = []
    assert client.get("/history").status_code == 302  # no key verifies it: logged out


# ------------------------------------------------------------------ escaping student input


def test_a_script_typed_as_a_short_answer_is_shown_escaped(app, client, student):
    attempt_id = int(
        client.post("/banks/fixture/start", data={"practise": "Practise"})
        .headers["Location"]
        .split("/")[2]
    )
    position = position_of(app, attempt_id, "fx-short")
    r = client.post(f"/attempts/{attempt_id}/{position}", data={"answer": XSS})
    assert r.status_code == 302
    with app.app_context():
        stored = db.session.execute(select(Response)).scalar_one()
        assert stored.answer_text == XSS  # stored as typed, escaped when shown

    feedback = client.get(f"/attempts/{attempt_id}/{position}").get_data(as_text=True)
    assert ESCAPED_XSS in feedback
    assert XSS not in feedback

    client.post(f"/attempts/{attempt_id}/finish")
    summary = client.get(f"/attempts/{attempt_id}/summary").get_data(as_text=True)
    assert ESCAPED_XSS in summary
    assert XSS not in summary

    history = client.get("/history").get_data(as_text=True)
    assert f"/attempts/{attempt_id}/summary" in history
    assert XSS not in history
    assert "<script>" not in history


def test_a_script_in_a_bad_numeric_answer_is_shown_escaped_in_the_form(app, client, student):
    attempt_id = int(
        client.post("/banks/fixture/start", data={"practise": "Practise"})
        .headers["Location"]
        .split("/")[2]
    )
    position = position_of(app, attempt_id, "fx-numeric")
    r = client.post(
        f"/attempts/{attempt_id}/{position}", data={"answer": '"><script>alert(1)</script>'}
    )
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert XSS not in page
    assert "&lt;script&gt;" in page or "&#34;&gt;&lt;script" in page


# ------------------------------------------------------------------ error pages


def test_a_missing_page_shows_the_apps_own_404_page(client):
    r = client.get("/no-such-page")
    assert r.status_code == 404
    page = html.unescape(r.get_data(as_text=True))
    assert "There is nothing at this address." in page
    assert "Back to the topics" in page
    assert "Traceback" not in page
    assert "werkzeug" not in page.lower()


def test_an_unexpected_error_shows_the_apps_own_500_page_without_a_traceback(
    tmp_path, questions_dir
):
    app = make_app(tmp_path, questions_dir, PROPAGATE_EXCEPTIONS=False)

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internal detail")

    r = app.test_client().get("/boom")
    assert r.status_code == 500
    page = html.unescape(r.get_data(as_text=True))
    assert "Something went wrong on our side." in page
    assert "Back to the topics" in page
    assert "Traceback" not in page
    assert "werkzeug" not in page.lower()
    assert "secret internal detail" not in page
    assert "RuntimeError" not in page
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]


def test_an_unexpected_error_in_a_database_write_leaves_the_app_usable(tmp_path, questions_dir):
    app = make_app(tmp_path, questions_dir, PROPAGATE_EXCEPTIONS=False)

    @app.route("/boom-db")
    def boom_db():
        db.session.add(User(username="half", password_hash="x"))
        db.session.flush()
        raise RuntimeError("after a flush")

    client = app.test_client()
    assert client.get("/boom-db").status_code == 500
    assert client.get("/").status_code == 200
    assert count(app, User) == 0
    with app.app_context():
        assert current_catalog().banks  # still serving the banks
