"""Sign up, log in, log out."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response as HttpResponse

from quiz.store import users
from quiz.web.extensions import limiter
from quiz.web.forms.accounts import LoginForm, SignupForm

bp = Blueprint("auth", __name__)
Page = HttpResponse | tuple[str, int]


def _setting(key: str) -> Callable[[], str]:
    def limit() -> str:
        value: str = current_app.config[key]
        return value

    return limit


def _account() -> str:
    """The account a log-in names, as stored (empty: no account limit applies)."""
    name = users.canonical(request.form.get("username", ""))[:40]
    return f"account:{name}" if name else ""


def _address() -> str:
    return f"address:{get_remote_address()}"


def _failed(response: HttpResponse) -> bool:
    """A refused log-in (wrong name or password, or a form error); successes are free."""
    return response.status_code == 400


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_setting("RATELIMIT_SIGNUP"), key_func=_address, methods=["POST"])
def signup() -> Page:
    """Create a student account and log it in."""
    form = SignupForm()
    if form.validate_on_submit():
        user = users.create_student(form.username.data, form.password.data)
        if user is None:
            form.username.errors.append("That user name is taken. Choose another.")
        else:
            login_user(user)
            flash("Welcome! Pick a topic to start practising.", "success")
            return redirect(url_for("practice.index"))
    return render_template("auth/signup.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    _setting("RATELIMIT_LOGIN_ACCOUNT"), key_func=_account, methods=["POST"], deduct_when=_failed
)
@limiter.limit(
    _setting("RATELIMIT_LOGIN_ADDRESS"), key_func=_address, methods=["POST"], deduct_when=_failed
)
def login() -> Page:
    """Log in with user name and password; go back to where the user was headed."""
    form = LoginForm()
    if form.validate_on_submit():
        user = users.authenticate(form.username.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(safe_next(request.args.get("next")) or url_for("practice.index"))
        form.form_errors.append("Wrong user name or password.")
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
def logout() -> HttpResponse:
    """Log out (a POST, so another site cannot log the user out with a link), ending
    every copy of the session, in this browser or any other."""
    if current_user.is_authenticated:
        users.end_sessions(current_user.id)
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("practice.index"))


def safe_next(target: str | None) -> str | None:
    """*target* if it is a path on this site, else None (no open redirects). A control
    character (CR, LF, tab, ...) anywhere makes it None: urlsplit drops some of them, and
    a header may not hold them."""
    if not target or "\\" in target or any(ord(c) < 32 or 127 <= ord(c) < 160 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
