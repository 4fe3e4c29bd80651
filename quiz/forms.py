"""Forms: accounts, and one answer form per question type (built for the shown layout)."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, IntegerField, SelectChoice, PasswordField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.fields import DateField, SearchField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from quiz.attempts import shown_items, shown_matching, shown_options
from quiz.banks import Question
from quiz.grading import parse_number
from quiz.passwords import password_problem, username_problem


def _choices(pairs: Any) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _lower(value: str | None) -> str | None:
    return value.strip().lower() if value else value


class SignupForm(FlaskForm):
    username = StringField("User name", filters=[_lower], validators=[DataRequired(), Length(max=40)],
                           render_kw={"autocomplete": "username", "autocapitalize": "none"})
    password = PasswordField("Password", validators=[DataRequired()],
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField("Repeat the password", validators=[DataRequired(), EqualTo("password", "The two passwords differ.")],
                            render_kw={"autocomplete": "new-password"})

    def validate_username(self, field: Field) -> None:
        problem = username_problem(field.data or "")
        if problem:
            raise ValidationError(problem)

    def validate_password(self, field: Field) -> None:
        problem = password_problem(field.data or "", self.username.data or "")
        if problem:
            raise ValidationError(problem)


class LoginForm(FlaskForm):
    username = StringField("User name", filters=[_lower], validators=[DataRequired()],
                           render_kw={"autocomplete": "username", "autocapitalize": "none"})
    password = PasswordField("Password", validators=[DataRequired()], render_kw={"autocomplete": "current-password"})


class StartForm(FlaskForm):
    """How to take a bank: practice (feedback after each answer) or exam (at the end)."""

    mode = RadioField("Mode", choices=_choices([("practice", "Practice: feedback after each answer"),
                                                ("exam", "Exam: feedback at the end")]), default="practice")
    minutes = IntegerField("Time limit in minutes (exam only, optional)", validators=[Optional(), NumberRange(1, 180)],
                           render_kw={"inputmode": "numeric"})

    def time_limit_s(self) -> int | None:
        return self.minutes.data * 60 if self.mode.data == "exam" and self.minutes.data else None


class GradebookFilterForm(FlaskForm):
    """The gradebook's filters, sent as a GET query string (a search changes nothing: no CSRF)."""

    class Meta:
        csrf = False

    q = SearchField("Student", validators=[Optional(), Length(max=40)])
    start = DateField("From", validators=[Optional()])
    end = DateField("To", validators=[Optional()])

    def validate_end(self, field: Field) -> None:
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError("The end date is before the start date.")


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AnswerForm(FlaskForm):
    """Base for the per-question forms built by :func:`answer_form`."""

    def response(self) -> Any:  # pragma: no cover - replaced per type
        raise NotImplementedError


CHOOSE = "Choose the position…"


def answer_form(question: Question, order: Any) -> AnswerForm:
    """An answer form for *question* showing the attempt's stored *order*."""
    return _BUILDERS[question.type](question, order)


def _single(q: Question, order: Any) -> AnswerForm:
    class Form(AnswerForm):
        answer = RadioField("Your answer", choices=_choices((o.id, o.text) for o in shown_options(q, order)),
                            validators=[InputRequired("Choose an answer.")])

        def response(self) -> Any:
            return self.answer.data

    return Form()


def _multiple(q: Question, order: Any) -> AnswerForm:
    class Form(AnswerForm):
        answer = MultiCheckboxField("Choose every answer that applies",
                                    choices=_choices((o.id, o.text) for o in shown_options(q, order)),
                                    validators=[_some_chosen])

        def response(self) -> Any:
            return sorted(self.answer.data or [])

    return Form()


def _some_chosen(form: Any, field: Field) -> None:
    if not field.data:
        raise ValidationError("Choose at least one answer.")


def _true_false(q: Question, order: Any) -> AnswerForm:
    class Form(AnswerForm):
        answer = RadioField("True or false?", choices=_choices([("true", "True"), ("false", "False")]),
                            validators=[InputRequired("Choose true or false.")])

        def response(self) -> Any:
            return self.answer.data == "true"

    return Form()


def _short_answer(q: Question, order: Any) -> AnswerForm:
    class Form(AnswerForm):
        answer = StringField("Your answer", validators=[DataRequired("Type an answer."), Length(max=200)],
                             render_kw={"autocomplete": "off", "spellcheck": "false"})

        def response(self) -> Any:
            return (self.answer.data or "").strip()

    return Form()


def _numeric(q: Question, order: Any) -> AnswerForm:
    unit = q.numeric.unit if q.numeric else ""

    class Form(AnswerForm):
        answer = StringField(f"Your answer (in {unit})", validators=[DataRequired("Type a number."), Length(max=40)],
                             render_kw={"inputmode": "decimal", "autocomplete": "off"})

        def validate_answer(self, field: Field) -> None:
            if parse_number(field.data or "", unit) is None:
                raise ValidationError(f"Type a number, for example 12 or 0.5 (in {unit}).")

        def response(self) -> Any:
            return (self.answer.data or "").strip()

    return Form()


def _matching(q: Question, order: Any) -> AnswerForm:
    lefts, rights = shown_matching(q, order)
    choices = _choices([("", "Choose a match…")] + [(str(i), r) for i, r in enumerate(rights)])

    class Form(AnswerForm):
        def response(self) -> Any:
            return {left: rights[int(getattr(self, f"m{i}").data)] for i, left in enumerate(lefts)}

    for i, left in enumerate(lefts):
        setattr(Form, f"m{i}", SelectField(left, choices=choices, validators=[InputRequired(CHOOSE_MATCH)]))
    return Form()


CHOOSE_MATCH = "Choose a match for this item."


def _ordering(q: Question, order: Any) -> AnswerForm:
    items = shown_items(q, order)
    positions = _choices([("", CHOOSE)] + [(str(n), f"{n}") for n in range(1, len(items) + 1)])

    class Form(AnswerForm):
        def validate(self, extra_validators: Any = None) -> bool:
            if not super().validate(extra_validators):
                return False
            chosen = [getattr(self, f"p{i}").data for i in range(len(items))]
            if len(set(chosen)) != len(items):
                self.form_errors.append("Give each item a different position, from 1 to %d." % len(items))
                return False
            return True

        def response(self) -> Any:
            ranked = sorted(range(len(items)), key=lambda i: int(getattr(self, f"p{i}").data))
            return [items[i] for i in ranked]

    for i, item in enumerate(items):
        setattr(Form, f"p{i}", SelectField(item, choices=positions, validators=[InputRequired(CHOOSE_POSITION)]))
    return Form()


CHOOSE_POSITION = "Choose a position for this item."


_BUILDERS = {
    "single": _single,
    "multiple": _multiple,
    "true_false": _true_false,
    "short_answer": _short_answer,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": _ordering,
}
