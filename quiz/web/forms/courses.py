"""Forms of classes and assignments: creating a class, joining one, adding a co-instructor,
an assignment's settings, a student's extension, and the instructor's changes to grades.
Every message is said beside its field, in words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    FloatField,
    SelectChoice,
    SelectField,
)
from wtforms.fields import DateTimeLocalField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import TextInput

from quiz.domain.assigning import AssignmentSpec
from quiz.domain.attempts import Mode
from quiz.domain.courses import Counting, Reveal, Selection, Window
from quiz.domain.times import from_wall_clock
from quiz.web.forms.answers import MultiCheckboxField
from quiz.web.forms.fields import BoundedString
from quiz.web.forms.study import ChoiceField, WholeNumberField, in_range, labelled_choices

SELECTIONS = {
    Selection.BANK: "A whole topic",
    Selection.CHOSEN: "Questions I choose",
    Selection.RANDOM: "Questions drawn at random for each student",
}
MODES = {Mode.PRACTICE: "Practice", Mode.EXAM: "Exam"}
COUNTINGS = {Counting.BEST: "Best", Counting.LAST: "Last", Counting.MEAN: "Mean of all"}
REVEALS = {
    Reveal.AFTER_EACH: "After each answer",
    Reveal.AFTER_SUBMIT: "Once the attempt is submitted",
    Reveal.AFTER_CLOSE: "Once the assignment closes",
}


class ClassForm(FlaskForm):
    name = BoundedString(
        "Class name", validators=[DataRequired("Name the class."), Length(max=200)]
    )
    term = BoundedString("Term (optional)", validators=[Optional(), Length(max=100)], limit=100)


class JoinForm(FlaskForm):
    code = BoundedString(
        "Join code",
        validators=[DataRequired("Type the code your instructor gave you."), Length(max=40)],
        limit=40,
    )


class CoInstructorForm(FlaskForm):
    username = BoundedString(
        "Instructor's user name",
        validators=[DataRequired("Type the user name of an instructor."), Length(max=40)],
        limit=40,
    )


class WallClockField(DateTimeLocalField):
    """A date and time typed in the instructor's time zone (a browser's date-time picker,
    or "2026-12-01 09:00" typed); its error is a sentence."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("format", ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"])
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError("Give a date and time, e.g. 2026-12-01 09:00.") from error

    def utc(self, zone: str | None) -> datetime | None:
        return from_wall_clock(self.data, zone) if self.data else None


class NumberField(FloatField):
    """A number typed in a text box (what was typed comes back); its error a sentence."""

    widget = TextInput()

    def __init__(self, *args: Any, invalid: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invalid = invalid

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(self.invalid) from error


class AssignmentForm(FlaskForm):
    title = BoundedString(
        "Title", validators=[DataRequired("Give the assignment a title."), Length(max=200)]
    )
    selection = ChoiceField(
        "Questions",
        choices=labelled_choices(SELECTIONS),
        default="bank",
        invalid="Choose which questions.",
    )
    bank_ids = MultiCheckboxField("Topics", choices=[])
    question_ids = MultiCheckboxField("Chosen questions", choices=[])
    draw_count = WholeNumberField(
        "How many to draw for each student",
        validators=[Optional()],
        invalid="Type how many questions to draw as a whole number, e.g. 10.",
    )
    mode = ChoiceField(
        "Taken as",
        choices=labelled_choices(MODES),
        default="practice",
        invalid="Choose practice or exam.",
    )
    opens_at = WallClockField("Opens", validators=[Optional()])
    due_at = WallClockField("Due", validators=[Optional()])
    closes_at = WallClockField("Closes (no attempt after it)", validators=[Optional()])
    late_allowed = BooleanField("Accept late work between the due date and the close")
    time_limit = WholeNumberField(
        "Time limit in minutes (empty: none)",
        validators=[Optional()],
        invalid="Type the time limit as a whole number of minutes, e.g. 30.",
    )
    attempts_allowed = WholeNumberField(
        "Attempts allowed (empty: as many as they like)",
        validators=[Optional()],
        invalid="Type the number of attempts as a whole number, e.g. 2.",
    )
    counting = ChoiceField(
        "Which attempt counts",
        choices=labelled_choices(COUNTINGS),
        default="best",
        invalid="Choose best, last or mean.",
    )
    reveal = ChoiceField(
        "Students see the key and explanations",
        choices=labelled_choices(REVEALS),
        default="after_each",
        invalid="Choose when.",
    )
    weight = NumberField(
        "Weight in the overall grade",
        default=1.0,
        validators=[Optional()],
        invalid="Type the weight as a number, e.g. 1 or 2.5.",
    )

    def offer(self, banks: Sequence[tuple[str, str]], questions: Sequence[tuple[str, str]]) -> None:
        """The choices offered now (posted values outside them are reported by the spec)."""
        self.bank_ids.choices = [SelectChoice(b, t) for b, t in banks]
        self.question_ids.choices = [SelectChoice(q, t) for q, t in questions]
        self.bank_ids.pre_validate = _accept
        self.question_ids.pre_validate = _accept

    def spec(self, zone: str | None) -> AssignmentSpec:
        minutes = self.time_limit.data
        return AssignmentSpec(
            title=self.title.data.strip(),
            selection=Selection(self.selection.data),
            bank_ids=tuple(self.bank_ids.data or ()),
            question_ids=tuple(self.question_ids.data or ()),
            draw_count=self.draw_count.data,
            mode=Mode(self.mode.data),
            window=Window(
                self.opens_at.utc(zone),
                self.due_at.utc(zone),
                self.closes_at.utc(zone),
                bool(self.late_allowed.data),
            ),
            time_limit_s=minutes * 60 if minutes is not None else None,
            attempts_allowed=self.attempts_allowed.data,
            counting=Counting(self.counting.data),
            reveal=Reveal(self.reveal.data),
            weight=1.0 if self.weight.data is None else float(self.weight.data),
        )

    def report(self, problems: Sequence[tuple[str, str]]) -> None:
        """Put each problem of the spec beside its field."""
        names = {"time_limit": "time_limit", "window": "opens_at"}
        for name, message in problems:
            field: Field = getattr(self, names.get(name, name))
            field.errors = [*field.errors, message]


def _accept(form: Any) -> None:
    return None


class ExtensionForm(FlaskForm):
    student = SelectField("Student", choices=[], coerce=int, validate_choice=True)
    extra_minutes = WholeNumberField(
        "Extra time in minutes",
        validators=[Optional(), in_range(0, 24 * 60, "Give from 0 to 1440 minutes.")],
        invalid="Type the extra time as a whole number of minutes, e.g. 15.",
    )
    due_at = WallClockField("A later due date", validators=[Optional()])
    closes_at = WallClockField("A later close", validators=[Optional()])
