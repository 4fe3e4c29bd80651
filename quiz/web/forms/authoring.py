"""Authoring forms (Flask-WTF): a bank's header, a document, and a question's form built
from its type's editor description (quiz.domain.questions.editing)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileSize
from wtforms import (
    BooleanField,
    Field,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp

from quiz.domain.lint import CODES
from quiz.domain.questions.editing import EditField, EditGroup, Editor, EditRows
from quiz.web.forms.answers import MultiCheckboxField
from quiz.web.forms.choices import ButtonWidget

SLUG = Regexp(r"^[a-z0-9][a-z0-9-]*$", message="Use lowercase letters, digits and '-' only.")
MAX_DOCUMENT = 2 * 1024 * 1024  # bytes: a document's limit, upload or paste
TEXT = 4000  # a question's text fields, as in a bank file


class BankForm(FlaskForm):
    id = StringField(
        "Id (in links and exports; cannot change later)",
        validators=[DataRequired(), Length(max=80), SLUG],
    )
    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    description = TextAreaField("Description", validators=[Optional(), Length(max=4000)])
    save = SubmitField("Save the topic", widget=ButtonWidget())


class DocumentForm(FlaskForm):
    id = StringField(
        "Id (questions cite it; cannot change later)",
        validators=[DataRequired(), Length(max=80), SLUG],
    )
    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    short = StringField(
        'Short name (how questions name it, e.g. "the guide")',
        validators=[Optional(), Length(max=100)],
    )
    upload = FileField(
        "Upload a file (.txt, .md or .html, at most 2 MB)",
        validators=[
            FileAllowed(
                ["txt", "md", "markdown", "html", "htm"], "Upload a .txt, .md or .html file."
            ),
            FileSize(MAX_DOCUMENT, message="The file is larger than 2 MB."),
        ],
    )
    text = TextAreaField(
        "Or paste the text (a blank line between paragraphs)",
        validators=[Optional(), Length(max=MAX_DOCUMENT, message="The text is longer than 2 MB.")],
    )
    save = SubmitField("Save the document", widget=ButtonWidget())


def _choices(pairs: Sequence[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _field(spec: EditField, documents: Sequence[tuple[str, str]]) -> Field:
    length = [Optional(), Length(max=TEXT)]
    makers: dict[str, Callable[[], Field]] = {
        "text": lambda: StringField(spec.label, validators=length, description=spec.hint),
        "textarea": lambda: TextAreaField(spec.label, validators=length, description=spec.hint),
        "lines": lambda: TextAreaField(spec.label, validators=length, description=spec.hint),
        "number": lambda: StringField(
            spec.label, validators=[Optional(), Length(max=40)], render_kw={"inputmode": "decimal"}
        ),
        "check": lambda: BooleanField(spec.label),
        "truefalse": lambda: RadioField(
            spec.label,
            choices=_choices([("true", "True"), ("false", "False")]),
            validators=[Optional()],
        ),
        "hidden": lambda: HiddenField(spec.label),
        "document": lambda: SelectField(
            spec.label, choices=_choices([("", "(none)"), *documents]), validators=[Optional()]
        ),
    }
    return makers[spec.kind]()


def _subform(fields: Sequence[EditField], documents: Sequence[tuple[str, str]]) -> type[Form]:
    attrs = {f.name.replace(".", "_"): _field(f, documents) for f in fields}
    return type("Row", (Form,), attrs)


class SourceForm(Form):
    document = SelectField("Document", validators=[Optional()])
    quote = TextAreaField(
        "The passage, word for word (select it in the document, or paste it)",
        validators=[Optional(), Length(max=TEXT)],
    )
    start = HiddenField()
    end = HiddenField()


class QuestionForm(FlaskForm):
    """The fields every question has; the type's fields are added by :func:`question_form`."""

    id = StringField(
        "Id (stable forever; cannot change later)",
        validators=[DataRequired(), Length(max=80), SLUG],
    )
    prompt = TextAreaField("Prompt", validators=[Optional(), Length(max=TEXT)])
    explanation = TextAreaField(
        "Explanation, in your own words (quote only in the passage)",
        validators=[Optional(), Length(max=TEXT)],
    )
    source = FormField(SourceForm)
    tags = StringField("Tags (separated by commas)", validators=[Optional(), Length(max=400)])
    ignore_warnings = MultiCheckboxField("Warnings this question justifiably silences", choices=[])
    publish = SubmitField("Save and publish", widget=ButtonWidget())
    draft = SubmitField("Save as a draft", widget=ButtonWidget())
    preview = SubmitField("Preview", widget=ButtonWidget())
    show = SubmitField("Show this document", widget=ButtonWidget())

    editor: Editor

    def type_fields(self) -> list[Field]:
        return [self[part.name] for part in self.editor.parts]


def question_form(
    editor: Editor, documents: Sequence[tuple[str, str]], **kwargs: Any
) -> QuestionForm:
    """The authoring form of a question of the type whose editor is *editor*."""
    attrs: dict[str, Any] = {}
    for part in editor.parts:
        if isinstance(part, EditRows):
            attrs[part.name] = FieldList(
                FormField(_subform(part.fields, documents)),
                min_entries=part.rows,
                max_entries=part.rows + 20,
            )
        elif isinstance(part, EditGroup):
            attrs[part.name] = FormField(_subform(part.fields, documents))
        else:
            attrs[part.name] = _field(part, documents)
    form_class = type("QuestionFormOf", (QuestionForm,), attrs)
    form: QuestionForm = form_class(**kwargs)
    form.editor = editor
    form.source.form.document.choices = _choices([("", "Choose a document"), *documents])
    form.ignore_warnings.choices = _choices([(code, code) for code in CODES])
    return form
