"""The import form: a file, its format (told from its name unless chosen) and the topic
for questions the file puts in no category."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectChoice, SelectField, SubmitField

from quiz.domain.interop import FORMATS
from quiz.web.forms.choices import ButtonWidget


class ImportForm(FlaskForm):
    upload = FileField(
        "File (GIFT .txt/.gift, Moodle XML .xml, Aiken .txt, .csv or .xlsx)",
        validators=[FileRequired("Choose a file to import.")],
    )
    format = SelectField(
        "Format",
        choices=[
            SelectChoice("", "Tell from the file's name (.txt is GIFT)"),
            *(SelectChoice(key, name) for key, name in FORMATS.items()),
        ],
        default="",
    )
    bank = SelectField("Topic for questions the file puts in no category", choices=[])
    preview = SubmitField("Preview the import", widget=ButtonWidget())
