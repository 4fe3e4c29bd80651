"""Small forms: starting an attempt, rating recall, filtering the gradebook."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import Field, SelectChoice, SubmitField
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import SearchInput, html_params

from quiz.domain.attempts import Mode
from quiz.domain.scheduling import RATINGS
from quiz.web.forms.fields import BoundedDate, BoundedString
from quiz.web.forms.study import ChoiceField, WholeNumberField, in_range


class ButtonWidget:
    """A submit field rendered as ``<button>``, so it looks and behaves like every other
    button (WTForms renders ``<input type=submit>``)."""

    def __call__(self, field: Field, **kwargs: Any) -> Markup:
        kwargs.setdefault("id", field.id)
        params = html_params(type="submit", name=field.name, value=field.label.text, **kwargs)
        return Markup(f"<button {params}>{escape(field.label.text)}</button>")


class StartForm(FlaskForm):
    """Start a bank: Practise (feedback after each answer), or Start exam (feedback at the
    end) with an optional time limit. The button pressed chooses the mode."""

    minutes = WholeNumberField(
        "Time limit in minutes (optional)",
        validators=[Optional(), in_range(1, 180, "Give a time limit from 1 to 180 minutes.")],
        invalid="Type the time limit as a whole number of minutes, for example 30.",
        render_kw={"inputmode": "numeric", "size": 4},
    )
    practise = SubmitField("Practise", widget=ButtonWidget())
    exam = SubmitField("Start exam", widget=ButtonWidget())

    @property
    def mode(self) -> Mode:
        return Mode.EXAM if self.exam.data else Mode.PRACTICE

    def time_limit_s(self) -> int | None:
        return self.minutes.data * 60 if self.mode is Mode.EXAM and self.minutes.data else None


class RateForm(FlaskForm):
    """How well the student recalled the answer."""

    rating = ChoiceField(
        "How well did you know it?",
        choices=[SelectChoice(key, key.title()) for key in RATINGS],
        validators=[InputRequired("Choose Again, Hard, Good or Easy.")],
        invalid="Choose Again, Hard, Good or Easy.",
    )


EARLIEST, LATEST = date(1970, 1, 1), date(2999, 12, 31)


def _plausible(form: Any, field: Field) -> None:
    """A date the app can have records for (9999-12-31 has no next day to end at)."""
    if field.data and not EARLIEST <= field.data <= LATEST:
        raise ValidationError(f"Give a date from {EARLIEST:%Y} to {LATEST:%Y}.")


class GradebookFilterForm(FlaskForm):
    """The gradebook's filters, sent as a GET query string (a search changes nothing: no CSRF)."""

    class Meta:
        csrf = False

    q = BoundedString(
        "Student", validators=[Optional(), Length(max=40)], widget=SearchInput(), limit=40
    )
    start = BoundedDate("From", validators=[Optional(), _plausible])
    end = BoundedDate("To", validators=[Optional(), _plausible])

    def validate_end(self, field: Field) -> None:
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError("The end date is before the start date.")


class PostForm(FlaskForm):
    """A button that changes something: the form carries only the CSRF token."""
