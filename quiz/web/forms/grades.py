"""Forms of a class's grades: the gradebook's filters, and an instructor's changes to a
grade (a response's score overridden, an attempt reset or deleted, a question regraded).
Every message is said beside its field, in words."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, StopValidation, ValidationError
from wtforms.widgets import SearchInput

from quiz.web.forms.courses import NumberField
from quiz.web.forms.fields import BoundedString
from quiz.web.forms.study import in_range


class OverrideForm(FlaskForm):
    score = NumberField(
        "New score, in percent", invalid="Type the score as a number from 0 to 100."
    )
    comment = TextAreaField(
        "Why (the student's record keeps it)",
        validators=[DataRequired("Say why the score changes."), Length(max=1000)],
    )

    def validate_score(self, field: Field) -> None:
        if field.data is None:
            raise StopValidation() if field.process_errors else StopValidation("Give a score.")
        if not 0 <= field.data <= 100:
            raise ValidationError("Give a score from 0 to 100.")


class ReasonForm(FlaskForm):
    comment = StringField(
        "Why", validators=[DataRequired("Say why, for the audit log."), Length(max=500)]
    )


class RegradeForm(FlaskForm):
    version = SelectField("Grade against version", choices=[], coerce=int)


class ClassbookFilterForm(FlaskForm):
    """A class gradebook's search and filters, sent as a GET query (no CSRF: it changes
    nothing)."""

    class Meta:
        csrf = False

    q = BoundedString(
        "Student", validators=[Optional(), Length(max=40)], widget=SearchInput(), limit=40
    )
    at_risk = BooleanField("Only students at risk")
    threshold = NumberField(
        "At risk below (percent)",
        default=50.0,
        validators=[Optional(), in_range(0, 100, "Give a percent from 0 to 100.")],
        invalid="Type the threshold as a number from 0 to 100.",
    )
