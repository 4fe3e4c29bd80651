"""What the authoring pages share: the blueprint and finding the form field a message is about."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint
from wtforms import Field, FieldList, FormField

from quiz.domain.questions.editing import form_name
from quiz.web.forms.authoring import QuestionForm

bp = Blueprint("authoring", __name__, url_prefix="/instructor/content")


def _fields(fields: Iterator[Field]) -> Iterator[Field]:
    for field in fields:
        yield field
        if isinstance(field, FieldList):
            yield from _fields(iter(field.entries))
        elif isinstance(field, FormField):
            yield from _fields(iter(field.form))


def attach_problems(
    form: QuestionForm, problems: list[tuple[str, str]], rows: dict[str, list[int]]
) -> None:
    """Put each checker message beside the field it names, or above the form."""
    by_name = {field.name: field for field in _fields(iter(form))}
    for path, message in problems:
        field = by_name.get(form_name(path, rows))
        if field is None or isinstance(field, FieldList):  # a list as a whole: above the form
            form.form_errors.append(f"{path}: {message}" if path not in ("(file)", "") else message)
        else:
            field.errors = [*field.errors, message]
