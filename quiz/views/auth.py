"""Sign up, log in, log out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_user, logout_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from quiz.extensions import db, limiter
from quiz.forms import LoginForm, SignupForm
from quiz.models import User

bp = Blueprint("auth", __name__)


def _auth_limit() -> str:
    return current_app.config["RATELIMIT_AUTH"]


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_auth_limit, methods=["POST"])
def signup():
    """Create a student account and log it in."""
    form = SignupForm()
    if form.validate_on_submit():
        user = User(username=form.username.data)
        user.set_password(form.password.data)
        db.session.add(user)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            form.username.errors.append("That user name is taken. Choose another.")
        else:
            login_user(user)
            flash("Welcome! Pick a topic to start practising.", "success")
            return redirect(url_for("practice.index"))
    return render_template("auth/signup.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_auth_limit, methods=["POST"])
def login():
    """Log in with user name and password; go back to where the user was headed."""
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.execute(select(User).where(User.username == form.username.data)).scalar_one_or_none()
        if user is not None and user.check_password(form.password.data):
            login_user(user)
            return redirect(safe_next(request.args.get("next")) or url_for("practice.index"))
        form.form_errors.append("Wrong user name or password.")
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
def logout():
    """Log out (a POST, so another site cannot log the user out with a link)."""
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("practice.index"))


def safe_next(target: str | None) -> str | None:
    """*target* if it is a path on this site, else None (no open redirects)."""
    if not target or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
