"""Sign-up and log-in forms; the rules themselves are in :mod:`quiz.domain.accounts`."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Field, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from quiz.domain.accounts import password_problem, username_problem
from quiz.web.forms.fields import BoundedString


def _lower(value: str | None) -> str | None:
    return value.strip().lower() if value else value


_NAME = {"autocomplete": "username", "autocapitalize": "none"}


class SignupForm(FlaskForm):
    username = BoundedString(
        "User name",
        filters=[_lower],
        validators=[DataRequired(), Length(max=40)],
        render_kw=_NAME,
        limit=40,
    )
    password = PasswordField(
        "Password", validators=[DataRequired()], render_kw={"autocomplete": "new-password"}
    )
    confirm = PasswordField(
        "Repeat the password",
        validators=[DataRequired(), EqualTo("password", "The two passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )

    def validate_username(self, field: Field) -> None:
        problem = username_problem(field.data or "")
        if problem:
            raise ValidationError(problem)

    def validate_password(self, field: Field) -> None:
        problem = password_problem(field.data or "", self.username.data or "")
        if problem:
            raise ValidationError(problem)


class LoginForm(FlaskForm):
    username = BoundedString(
        "User name",
        filters=[_lower],
        validators=[DataRequired(), Length(max=40)],
        render_kw=_NAME,
        limit=40,
    )
    password = PasswordField(
        "Password", validators=[DataRequired()], render_kw={"autocomplete": "current-password"}
    )
