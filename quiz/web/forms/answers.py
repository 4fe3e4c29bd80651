"""Answer forms: each question type describes its controls (``form``) and reads them back
(``read``); this module only turns the description into Flask-WTF fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, RadioField, SelectChoice, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from quiz.domain.layout import LayoutEntry
from quiz.domain.questions import AnswerForm, FormField, InvalidAnswer, Question, type_of
from quiz.web.forms.fields import BoundedString


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _some_chosen(message: str) -> Callable[[Any, Field], None]:
    def check(form: Any, field: Field) -> None:
        if not field.data:
            raise ValidationError(message)

    return check


def _choices(pairs: tuple[tuple[str, str], ...]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _radio(spec: FormField) -> Field:
    return RadioField(
        spec.label, choices=_choices(spec.choices), validators=[InputRequired(spec.required)]
    )


def _checkboxes(spec: FormField) -> Field:
    return MultiCheckboxField(
        spec.label, choices=_choices(spec.choices), validators=[_some_chosen(spec.required)]
    )


def _text(spec: FormField) -> Field:
    validators = [DataRequired(spec.required), Length(max=spec.max_length)]
    return BoundedString(
        spec.label, validators=validators, render_kw=dict(spec.attrs), limit=spec.max_length
    )


def _select_choices(spec: FormField) -> list[SelectChoice]:
    """A select's choices: its placeholder (no value) first."""
    return _choices((("", spec.placeholder), *spec.choices))


def _select(spec: FormField) -> Field:
    choices = _select_choices(spec)
    return SelectField(spec.label, choices=choices, validators=[InputRequired(spec.required)])


FIELDS: dict[str, Callable[[FormField], Field]] = {
    "radio": _radio,
    "checkboxes": _checkboxes,
    "text": _text,
    "select": _select,
}


class QuestionForm(FlaskForm):
    """An answer form; ``spec`` is what the question type described."""

    class Meta:
        # CSRFProtect checks the token of every POST before any view runs (extensions.py);
        # the pages write the token with csrf_token(). Checking it again here cost an
        # answer a signature check and a question page a token (docs/performance.md).
        csrf = False

    spec: AnswerForm

    def fields(self) -> list[Field]:
        """The answer controls, in order (without the CSRF token)."""
        return [self[f.name] for f in self.spec.fields]


_CLASSES: dict[tuple[str, str], type[QuestionForm]] = {}
_MOST_CLASSES = 10_000  # question versions; past that, start again


def _form_class(question: Question, spec: AnswerForm) -> type[QuestionForm]:
    """The form class of a question version, made once: WTForms works out a class's
    fields on its first use, so a new class per request would redo that every time. The
    version is a hash of the question's content, so an edit makes a new class. An
    attempt's own order (labels and choices) is set on each form (:func:`_shown`)."""
    key = (question.id, question.version)
    form_class = _CLASSES.get(key)
    if form_class is None:
        name = "AnswerFormFor" + question.type.title().replace("_", "")
        form_class = type(name, (QuestionForm,), {})
        for field in spec.fields:
            setattr(form_class, field.name, FIELDS[field.kind](field))
        if len(_CLASSES) >= _MOST_CLASSES:
            _CLASSES.clear()
        _CLASSES[key] = form_class
    return form_class


def _shown(form: QuestionForm, spec: AnswerForm) -> None:
    """Label and choices in the order the attempt shows them."""
    form.spec = spec
    for field in spec.fields:
        bound = form[field.name]
        bound.label.text = field.label
        if field.kind == "select":
            bound.choices = _select_choices(field)
        elif field.choices:
            bound.choices = _choices(field.choices)


def answer_form(
    question: Question, entry: LayoutEntry, prefix: str = "", formdata: Any = None
) -> QuestionForm:
    """A form for *question* showing the attempt's stored order (*prefix*: another form on
    the page, such as an author's preview, keeps its field ids apart; *formdata*: values
    to show instead of the request's, such as an exam answer saved before)."""
    spec = type_of(question).form(question, entry)
    options: dict[str, Any] = {"prefix": prefix} if prefix else {}
    if formdata is not None:
        options["formdata"] = formdata
    form: QuestionForm = _form_class(question, spec)(**options)
    _shown(form, spec)
    return form


def is_blank(form: QuestionForm, values: Any) -> bool:
    """Whether nothing was typed or chosen in any of the form's answer controls
    (*values*: the submitted form data)."""
    return not any(str(v).strip() for f in form.spec.fields for v in values.getlist(f.name))


def take_answer(form: QuestionForm, question: Question, entry: LayoutEntry) -> Any | None:
    """The answer a valid submitted *form* gives, or None (errors added to the form)."""
    if not form.validate_on_submit():
        return None
    values = {f.name: form[f.name].data for f in form.spec.fields}
    try:
        return type_of(question).read(question, entry, values)
    except InvalidAnswer as invalid:
        if invalid.field:
            form[invalid.field].errors = [*form[invalid.field].errors, invalid.message]
        else:
            form.form_errors.append(invalid.message)
    except (ValueError, KeyError, TypeError, IndexError):
        form.form_errors.append("That answer could not be read. Please answer again.")
    return None
